"""Every set of generated pages, registered with :mod:`macros.atlas.sitemap`.

One function per set; each returns its pages in navigation order. Features
add their sets here (guides, benefits, comparisons, facets, embeds...).
"""
from __future__ import annotations

from .catalog import Atlas
from .guides import guide_src
from .linking import embed_pages
from .rendering import technique_src
from .sitemap import GeneratedPage, page_set


@page_set("techniques")
def technique_pages(atlas: Atlas) -> list[GeneratedPage]:
    return [
        GeneratedPage(technique_src(t.id), t.name, t.summary, "technique_page()", {"technique": t.id})
        for t in atlas.techniques.values()
    ]


@page_set("guides")
def guide_pages(atlas: Atlas) -> list[GeneratedPage]:
    return [
        GeneratedPage(guide_src(g.id), g.title, g.summary, "guide_page()", {"guide": g.id})
        for g in atlas.guides.values()
    ]


@page_set("embeds")
def embeds(atlas: Atlas) -> list[GeneratedPage]:
    """Embeddable cards, /embed/<collection>/<id>/: reached from other sites' iframes only."""
    return embed_pages(atlas)
