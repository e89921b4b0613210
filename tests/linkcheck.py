"""Offline link checker over a built site: `python tests/linkcheck.py SITE_DIR`.

Every internal link, `src` and `#anchor` on every page must resolve to a file
of the site and, for an anchor, to an element id on the target page. Every
reference an SVG makes inside its page (`<use href>` or `xlink:href`, and
`url(#id)` in attributes such as `clip-path` and `mask`) must name an element
id of that same document: a `<use>` finds nothing in another page, and an
embeddable card is a document of its own. Every
external link must be well formed: https only, and DOIs written as
https://doi.org/10.xxxx/... . Pure Python over the HTML; no network.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from sitecrawl import html_pages, url_path

# Attributes that point at another resource, by tag.
LINK_ATTRS = {
    "a": ("href",), "link": ("href",), "area": ("href",),
    "img": ("src",), "script": ("src",), "iframe": ("src",), "source": ("src",),
    "audio": ("src",), "video": ("src", "poster"), "track": ("src",), "embed": ("src",),
    "object": ("data",), "form": ("action",),
}
# <link rel=...> values that are not fetched or navigated (no target file needed).
UNFETCHED_RELS = {"canonical", "alternate", "me", "author", "license"}
SAFE_SCHEMES = {"https", "mailto", "tel"}
DOI = re.compile(r"^https://doi\.org/10\.\d{4,9}/\S+$")
DOI_HOSTS = {"doi.org", "dx.doi.org", "www.doi.org"}
BASE = "http://site.invalid/"  # stands for the site root while resolving relative links
# References inside one document: <use> names its element by href (xlink:href in
# the atlas's markup, which Material's instant navigation leaves alone).
USE_ATTRS = ("href", "xlink:href")
URL_REF = re.compile(r"url\(\s*['\"]?([^)'\"]*)['\"]?\s*\)")
URL_REF_ATTRS = ("clip-path", "mask", "filter", "fill", "stroke", "marker-start", "marker-mid", "marker-end")


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    local_refs: list[tuple[str, str, str]] = field(default_factory=list)  # same-document (tag, attribute, value)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.page.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.page.ids.add(attrs["name"])
        if tag == "use":
            for attr in USE_ATTRS:
                if attrs.get(attr) is not None:
                    self.page.local_refs.append((tag, attr, attrs[attr]))
        for attr in URL_REF_ATTRS:
            for ref in URL_REF.findall(attrs.get(attr) or ""):
                self.page.local_refs.append((tag, attr, ref))
        for attr in LINK_ATTRS.get(tag, ()):
            value = attrs.get(attr)
            if value is None:
                continue
            if tag == "link" and set((attrs.get("rel") or "").split()) & UNFETCHED_RELS:
                self.page.links.append(("link-unfetched", attr, value))
            else:
                self.page.links.append((tag, attr, value))
        if attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    self.page.links.append((tag, "srcset", candidate.split()[0]))

    handle_startendtag = handle_starttag


def parse(html: str) -> ParsedPage:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


def external_problem(url: str) -> str | None:
    """Why an external URL is not acceptable, or None when it is."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES:
        return f"scheme `{scheme}:` is not allowed (https only)"
    if scheme == "https":
        if not parts.netloc or " " in url:
            return "malformed https URL"
        if parts.hostname in DOI_HOSTS and not DOI.match(url):
            return "a DOI must be written https://doi.org/10.xxxx/..."
    return None


class SiteLinks:
    """The parsed pages of one site, so each page is read once."""

    def __init__(self, site: Path):
        self.site = site
        self.pages: dict[str, ParsedPage] = {}
        for page in html_pages(site):
            self.pages[url_path(site, page)] = parse(page.read_text(encoding="utf-8"))

    def target_file(self, path: str) -> Path | None:
        """The file a site-relative path serves, like a static host would."""
        candidate = self.site / unquote(path)
        if path.endswith("/") or path == "":
            candidate = candidate / "index.html"
        if candidate.is_file():
            return candidate
        if candidate.is_dir() and (candidate / "index.html").is_file():
            return candidate / "index.html"
        return None

    def ids_of(self, target: Path) -> set[str] | None:
        key = url_path(self.site, target)
        if key in self.pages:
            return self.pages[key].ids
        if target.suffix == ".html":
            self.pages[key] = parse(target.read_text(encoding="utf-8"))
            return self.pages[key].ids
        return None

    def local_problems(self) -> list[str]:
        """`<use>` and `url(#id)` references that name no element of their own page."""
        out = []
        for path, page in self.pages.items():
            for tag, attr, value in page.local_refs:
                value = value.strip()
                where = f"{path or '/'}: <{tag} {attr}=\"{value}\">"
                if not value.startswith("#"):
                    out.append(f"{where}: not a reference inside the page (#id)")
                elif unquote(value[1:]) not in page.ids:
                    out.append(f"{where}: no element with id `{unquote(value[1:])}` in the same document")
        return out

    def problems(self) -> list[str]:
        out = self.local_problems()
        for path, page in self.pages.items():
            base = urljoin(BASE, path)
            for tag, attr, value in page.links:
                value = value.strip()
                where = f"{path or '/'}: <{tag.split('-')[0]} {attr}=\"{value}\">"
                resolved = urljoin(base, value)
                if not resolved.startswith(BASE):
                    if urlsplit(resolved).scheme in ("http", "https") and urlsplit(resolved).netloc == "site.invalid":
                        out.append(f"{where}: points above the site root")
                        continue
                    problem = external_problem(value)
                    if problem:
                        out.append(f"{where}: {problem}")
                    continue
                if tag == "link-unfetched":
                    continue
                parts = urlsplit(resolved)
                target = self.target_file(parts.path[len(urlsplit(BASE).path):])
                if target is None:
                    out.append(f"{where}: no such file in the site")
                    continue
                if parts.fragment:
                    ids = self.ids_of(target)
                    anchor = unquote(parts.fragment)
                    if ids is not None and anchor not in ids:
                        out.append(f"{where}: no element with id `{anchor}` on {url_path(self.site, target) or '/'}")
        return out


def json_problems(site: Path) -> list[str]:
    """External URLs inside JSON files the site publishes (search index excepted) must be well formed."""
    out = []

    def walk(value, where):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]")
        elif isinstance(value, str) and re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I):
            problem = external_problem(value)
            if problem:
                out.append(f"{where}: {value}: {problem}")

    for path in sorted(site.rglob("*.json")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("search/"):
            continue
        walk(json.loads(path.read_text(encoding="utf-8")), rel)
    return out


def check_site(site: Path) -> list[str]:
    return SiteLinks(site).problems() + json_problems(site)


def main(argv: list[str]) -> int:
    problems = check_site(Path(argv[0]))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} link problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
