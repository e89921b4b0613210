"""Every set of generated pages, registered with :mod:`macros.atlas.sitemap`.

One function per set; each returns its pages in navigation order. Features
add their sets here (guides, benefits, comparisons, facets, embeds...).
"""
from __future__ import annotations

from .catalog import Atlas
from .linking import embed_pages
from .rendering import technique_src
from .sitemap import GeneratedPage, page_set


# Every page carries the whole navigation, so listing every technique in it
# makes each page grow with the atlas and the build quadratic (make bench: a
# 1,000-technique atlas). Up to this many, the sidebar lists them all; beyond
# it, the Techniques index (a table of all of them) is their nav entry.
NAV_TECHNIQUES_LIMIT = 60


@page_set("techniques")
def technique_pages(atlas: Atlas) -> list[GeneratedPage]:
    in_nav = len(atlas.techniques) <= NAV_TECHNIQUES_LIMIT
    return [
        GeneratedPage(technique_src(t.id), t.name, t.summary, "technique_page()", {"technique": t.id}, in_nav=in_nav)
        for t in atlas.techniques.values()
    ]


@page_set("embeds")
def embeds(atlas: Atlas) -> list[GeneratedPage]:
    """Embeddable cards, /embed/<collection>/<id>/: reached from other sites' iframes only."""
    return embed_pages(atlas)
