"""Every set of generated pages, registered with :mod:`macros.atlas.sitemap`.

One function per set; each returns its pages in navigation order. Features
add their sets here (guides, benefits, comparisons, facets, embeds...).

A page whose address is made from ids of renamable entries (techniques,
guides, regions, benefits: see ``rules.RENAMABLE``) says so with
``keyed=keyed(route, (collection, id), ...)``; its addresses under old ids then
redirect to it by themselves (macros/atlas/redirects.py).
"""
from __future__ import annotations

from markupsafe import escape

from .catalog import Atlas
from .evidence_views import benefit_src
from .comparing import PAIR_ROUTE
from .facets import facet_index, facet_src, facet_values
from .guides import guide_src
from .linking import embed_pages
from .rendering import technique_src
from .sitemap import GeneratedPage, keyed, page_set
from .study.quiz import quizzes
from .study.terms import CARDS_SRC, EXAM_MAP_SRC, quiz_src


# Every technique page carries the whole Techniques section of the nav
# (navigation.prune keeps the open section), so listing every technique in it
# makes each page grow with the atlas and the build quadratic (make bench: a
# 1,000-technique atlas). Up to this many, the sidebar lists them all; beyond
# it, the Techniques index (a table of all of them) is their nav entry.
NAV_TECHNIQUES_LIMIT = 60


# A search for a technique's name lists its page before the comparisons and
# facet pages that name it in their titles too (Material: `search.boost`).
TECHNIQUE_SEARCH_BOOST = 2


def search_tags(technique) -> list[str]:
    """A technique's other names as the search index's `tags` (Material weighs
    a match there far above one in a page's text), so a search for an alias
    ("petrissage") lists the technique itself first, not a page that mentions
    the word. Without the tags plugin the page shows no tags; the search
    results show them as chips, inserted as HTML, so they are escaped here
    (the search plugin reads them before the hook escapes the front matter)."""
    return [str(escape(alias.name)) for alias in technique.aliases]


@page_set("techniques")
def technique_pages(atlas: Atlas) -> list[GeneratedPage]:
    in_nav = len(atlas.techniques) <= NAV_TECHNIQUES_LIMIT
    return [
        GeneratedPage(technique_src(t.id), t.name, t.summary, "technique_page()",
                      {"technique": t.id, "search": {"boost": TECHNIQUE_SEARCH_BOOST},
                       **({"tags": search_tags(t)} if t.aliases else {})},
                      keyed=keyed(technique_src("{}"), ("techniques", t.id)), in_nav=in_nav)
        for t in atlas.techniques.values()
    ]


@page_set("guides")
def guide_pages(atlas: Atlas) -> list[GeneratedPage]:
    return [
        GeneratedPage(guide_src(g.id), g.title, g.summary, "guide_page()", {"guide": g.id},
                      keyed=keyed(guide_src("{}"), ("guides", g.id)))
        for g in atlas.guides.values()
    ]


@page_set("benefits")
def benefit_pages(atlas: Atlas) -> list[GeneratedPage]:
    return [
        GeneratedPage(benefit_src(b.id), b.name, b.description, "benefit_page()", {"benefit": b.id},
                      keyed=keyed(benefit_src("{}"), ("benefits", b.id)))
        for b in atlas.benefits.values()
    ]


@page_set("study")
def study_pages(atlas: Atlas) -> list[GeneratedPage]:
    pages = [GeneratedPage(CARDS_SRC, "Printable technique cards",
                           "One page per technique to print and study: definition, how to perform it, "
                           "pressure, contraindications.", "study_cards()", {"search": {"exclude": True}})]
    if atlas.exam_map:
        pages.append(GeneratedPage(EXAM_MAP_SRC, f"{atlas.exam_map.exam} exam map",
                                   f"Which pages of the atlas serve each content area of the {atlas.exam_map.exam}, "
                                   "and which areas it does not cover.", "exam_map()"))
    return pages


@page_set("quizzes")
def quiz_pages(atlas: Atlas) -> list[GeneratedPage]:
    # Reached from the Study page and each technique page, not the navigation;
    # left out of search so a search for a technique finds its page, not its quiz.
    # A technique's quiz has the technique's id; the extra quizzes have ids of their own.
    return [GeneratedPage(quiz_src(q.id), q.title, q.description, "study_quiz()",
                          {"quiz": q.id, "search": {"exclude": True}}, in_nav=False,
                          keyed=keyed(quiz_src("{}"), ("techniques", q.id)) if q.id in atlas.techniques else None)
            for q in quizzes(atlas)]


@page_set("embeds")
def embeds(atlas: Atlas) -> list[GeneratedPage]:
    """Embeddable cards, /embed/<collection>/<id>/: reached from other sites' iframes only."""
    return embed_pages(atlas)


# --- comparisons and facets (issue 5) ---------------------------------------------

@page_set("comparisons")
def comparison_pages(atlas: Atlas) -> list[GeneratedPage]:
    pages = []
    for pair in atlas.comparisons:
        a, b = (atlas.techniques[tid].name for tid in pair.ids)
        description = f"{a} and {b.lower()} side by side: what they share and what tells them apart."
        pages.append(GeneratedPage(pair.src, pair.title, description, "comparison_page()", {"comparison": pair.slug},
                                   keyed=keyed(PAIR_ROUTE, *(("techniques", tid) for tid in pair.ids))))
    return pages


_FACET_DESCRIPTIONS = {
    "region": "Massage techniques used on {phrase}.",
    "pressure": "Massage techniques done with {phrase}.",
    "family": "Massage techniques grouped as {phrase}.",
}


@page_set("facets")
def facet_pages(atlas: Atlas) -> list[GeneratedPage]:
    """One page per facet value, used or not (stable addresses); reached from /browse/, not the nav."""
    index = facet_index(atlas)

    def description(v):
        if v.facet == "region" and atlas.regions[v.value].avoid and (v.facet, v.value) not in index:
            return f"Why massage keeps off {v.phrase}, and the techniques and guide steps that keep off it."
        return _FACET_DESCRIPTIONS[v.facet].format(phrase=v.phrase)

    return [
        GeneratedPage(v.src, v.label, description(v), "facet_page()",
                      {"facet": v.facet, "value": v.value}, in_nav=False,
                      # region ids may be renamed; pressure levels and families are fixed words
                      keyed=keyed(facet_src("region", "{}"), ("regions", v.value)) if v.facet == "region" else None)
        for v in facet_values(atlas)
    ]
