"""The URL contract: every address and anchor the atlas has published keeps
working, served or redirected. `python tests/tools/url_contract.py SITE_DIR
[--update]` checks a built site against tests/contract/published-urls.txt;
with --update it adds the site's new addresses to that list (it never removes
one) and rewrites tests/contract/api-v1-fields.txt from the models. `make
contract` builds the site and runs it with --update.

Recorded: every page (hand-written, generated, embeds, redirects), every JSON
file of the API, and the anchors practices deep-link to: the section headings
of the pages of linkable collections (/techniques/<id>/...) and every
`#claim-`, `#step-`, `#ref-` and glossary `#term-` anchor anywhere.
"""
from __future__ import annotations

import argparse
import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
from macros.atlas.export import field_contract  # noqa: E402
from macros.atlas.linking import COLLECTIONS  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent.parent
CONTRACT_DIR = PROJECT / "tests" / "contract"
URLS = CONTRACT_DIR / "published-urls.txt"
FIELDS = CONTRACT_DIR / "api-v1-fields.txt"
DEEP_ANCHOR_PREFIXES = ("claim-", "step-", "ref-", "term-")
NOT_PUBLISHED = ("assets/", "search/", "404.html", "sitemap.xml")

URLS_HEADER = """\
# Every address and anchor the atlas has published. Practices link to them,
# so the build must keep serving each one, or redirect it (old_ids: see
# CONTRIBUTING.md). `make contract` adds new ones and never removes a line;
# delete one by hand only to break that address on purpose, and say why.
"""
FIELDS_HEADER = """\
# Every field of the JSON API v1 (/api/v1/), from the models. Sites read these
# names: renaming or removing one needs /api/v2/. Adding one is fine: run
# `make contract` to record it.
"""


class _Page(HTMLParser):
    """The ids, heading ids and meta-refresh target of one HTML page."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.heading_ids: set[str] = set()
        self.refresh: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
            if tag in ("h2", "h3", "h4", "h5", "h6"):
                self.heading_ids.add(attrs["id"])
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.refresh = attrs.get("content", "").partition("url=")[2].strip() or None


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _file_of(site: Path, url: str) -> Path:
    rel = url.lstrip("/")
    return site / rel / "index.html" if url.endswith("/") else site / rel


def published(site: Path) -> set[str]:
    """Every address and contract anchor the built site serves, as `/path/` or `/path/#anchor`."""
    collections = tuple(f"{name}/" for name in COLLECTIONS)
    out = set()
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(NOT_PUBLISHED):
            continue
        if path.name == "index.html":
            url = "/" + rel[: -len("index.html")]
            out.add(url)
            page = parse(path)
            if page.refresh:
                continue
            anchors = {a for a in page.ids if a.startswith(DEEP_ANCHOR_PREFIXES)}
            if rel.startswith(collections):
                anchors |= page.heading_ids
            out |= {f"{url}#{a}" for a in anchors}
        elif rel.startswith("api/"):
            out.add("/" + rel)
    return out


def broken(site: Path, contract: set[str]) -> list[str]:
    """Contract lines the site no longer serves: missing, or an anchor the page (or its redirect target) lacks."""
    problems = []
    for line in sorted(contract):
        url, _, anchor = line.partition("#")
        path = _file_of(site, url)
        for _hop in range(5):  # follow redirect pages, as a browser would
            if not path.is_file() or path.suffix != ".html":
                break
            target = parse(path).refresh
            if not target:
                break
            url = posixpath.normpath(posixpath.join(url, target)) + ("/" if target.endswith("/") else "")
            path = _file_of(site, url)
        if not path.is_file():
            problems.append(f"{line}: not served any more (nor redirected)")
        elif anchor and anchor not in parse(path).ids:
            problems.append(f"{line}: the page {url} has no element with id `{anchor}`")
    return problems


def read_contract(path: Path = URLS) -> set[str]:
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--update", action="store_true", help="record new addresses and the API's fields")
    args = parser.parse_args(argv)
    contract = read_contract()
    problems = broken(args.site, contract)
    for problem in problems:
        print(f"BROKEN {problem}", file=sys.stderr)
    new = published(args.site) - contract
    if args.update:
        CONTRACT_DIR.mkdir(parents=True, exist_ok=True)
        URLS.write_text(URLS_HEADER + "".join(f"{line}\n" for line in sorted(contract | new)))
        FIELDS.write_text(FIELDS_HEADER + "".join(f"{line}\n" for line in field_contract()))
        print(f"recorded {len(new)} new address(es) in {URLS.relative_to(PROJECT)}; "
              f"wrote {FIELDS.relative_to(PROJECT)}")
    elif new:
        print(f"{len(new)} published address(es) not yet recorded; run `make contract`.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
