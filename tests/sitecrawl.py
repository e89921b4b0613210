"""What the quality gates know about a built site: its pages, their URLs and
their page types. Everything is found by crawling the folder, so pages that
features add later (guides, claims, comparisons, embeds...) are covered
without a list to keep up to date."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

# Files MkDocs and Material write that are not pages of the atlas.
NOT_PAGES = ("search/", "assets/")


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of the site, 404 page included, in a stable order."""
    return sorted(
        p for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(NOT_PAGES)
    )


def url_path(site: Path, page: Path) -> str:
    """site/techniques/kneading/index.html -> 'techniques/kneading/'; the home page is ''."""
    rel = page.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def page_type(path: str) -> str:
    """The template a page comes from, judged by its place in the site.

    Pages one level down (`techniques/kneading/`, `guides/back-massage/`) are
    one type per folder (`techniques/*`); the home page, section indexes and
    single pages (`techniques/`, `contributing/`, `404.html`) are each their own.
    """
    parts = path.strip("/").split("/") if path.strip("/") else []
    if len(parts) >= 2:
        return "/".join(parts[:-1]) + "/*"
    return path or "/"


def page_types(site: Path) -> dict[str, list[str]]:
    """page type -> URL paths of its pages, sorted."""
    types: dict[str, list[str]] = defaultdict(list)
    for page in html_pages(site):
        path = url_path(site, page)
        types[page_type(path)].append(path)
    return dict(sorted(types.items()))


def representatives(site: Path) -> list[str]:
    """One page of each type (the first in sort order): the pages that stand for their template."""
    return [paths[0] for paths in page_types(site).values()]
