"""Redirect pages for the addresses that entries had under their old ids.

Ids never change, except when one must: the entry then lists its former ids
in ``old_ids`` (``Atlas.moved``). Every generated page whose address is made
from ids of such entries declares it (``GeneratedPage.keyed``): technique and
guide pages and their cards, quizzes, side-by-side comparisons, benefit and
region pages. For each of them this module makes a static page at every
address the page had under old ids (every combination, for a comparison of
two renamed techniques), which sends the reader on and keeps the #anchor.
Nothing here names a kind of page: a new page set that declares ``keyed``
gets its redirects by itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from . import pages  # noqa: F401  (registers every page set)
from .catalog import Atlas
from .rendering import Renderer
from .sitemap import generated_pages
from .urls import absolute_url, href, url_of


@dataclass(frozen=True)
class Redirect:
    old: str  # site-relative URL that was published, e.g. techniques/knead/
    new: str  # where it lives now, e.g. techniques/kneading/
    title: str


def former_ids(atlas: Atlas) -> dict[str, dict[str, tuple[str, ...]]]:
    """collection -> current id -> the ids it had before, from ``Atlas.moved``."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for collection, moved in atlas.moved.items():
        for old, new in moved.items():
            out.setdefault(collection, {}).setdefault(new, ())
            out[collection][new] += (old,)
    return out


def redirects(atlas: Atlas) -> list[Redirect]:
    """Every address a generated page had under old ids, and where the page is now."""
    former = former_ids(atlas)
    found: dict[str, Redirect] = {}
    for page in generated_pages(atlas):
        if page.keyed is None:
            continue
        choices = [(entry_id, *former.get(collection, {}).get(entry_id, ()))
                   for collection, entry_id in page.keyed.keys]
        for ids in product(*choices):
            old = url_of(page.keyed.src(ids))
            if old != url_of(page.src):
                found.setdefault(old, Redirect(old, url_of(page.src), page.title))
    return list(found.values())


def redirect_files(renderer: Renderer, atlas: Atlas, site_url: str | None) -> dict[str, str]:
    """Static redirect pages, path in the site -> HTML. They keep the #anchor of the old link."""
    return {
        f"{r.old}index.html": renderer.render(
            "redirect-page.html", title=r.title, target=href(r.old, r.new),
            canonical=absolute_url(site_url, r.new))
        for r in redirects(atlas)
    }
