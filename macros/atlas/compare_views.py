"""Page bodies for comparing and finding techniques: the comparison table,
side-by-side pages, the glossary, the /browse/ index and facet pages.

Each function gathers what its Jinja partial (overrides/partials/atlas/)
shows; the partial holds all the markup. Links are relative source paths
(:func:`~.rendering.link`) so MkDocs validates every one of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .catalog import Atlas
from .compare_table import COLUMNS, table_rows
from .facets import FACETS, KINDS, avoid_condition, count_text, facet_index, kept_off, region_note
from .models import PACE_ORDER, PRESSURE_ORDER, SESSION_ORDER, Technique
from .rendering import Renderer, link, technique_src
from .sitemap import generated_pages

COMPARE_INDEX = "compare/index.md"
BROWSE_INDEX = "browse/index.md"
GLOSSARY = "glossary.md"


def pair_by_slug(atlas: Atlas, slug: str):
    for pair in atlas.comparisons:
        if pair.slug == slug:
            return pair
    known = ", ".join(p.slug for p in atlas.comparisons)
    raise KeyError(f"No comparison `{slug}` in data/comparisons.yml. Known: {known}.")


# --- the comparison table -----------------------------------------------------------

def comparison_table(renderer: Renderer, atlas: Atlas, page_src: str) -> str:
    rows = [(t, link(page_src, technique_src(t.id)), cells) for t, cells in table_rows(atlas)]
    return renderer.render("comparison-table.html", columns=COLUMNS, rows=rows)


def comparison_list(renderer: Renderer, atlas: Atlas, page_src: str) -> str:
    pairs = [(pair, link(page_src, pair.src)) for pair in atlas.comparisons]
    return renderer.render("comparison-list.html", pairs=pairs)


# --- side-by-side pages -------------------------------------------------------------

@dataclass(frozen=True)
class Difference:
    label: str
    shared: list[str]
    only_first: list[str]
    only_second: list[str]


def _difference(label: str, first: list[str], second: list[str], order: list[str]) -> Difference:
    def ordered(values):
        return sorted(values, key=order.index)
    return Difference(label, ordered(set(first) & set(second)), ordered(set(first) - set(second)),
                      ordered(set(second) - set(first)))


def differences(atlas: Atlas, a: Technique, b: Technique) -> list[Difference]:
    """What the two share and what only one of them has, field by field."""
    region_names = {r.id: r.name.lower() for r in atlas.regions.values()}
    hand_order = sorted(set(a.hand_parts) | set(b.hand_parts), key=lambda h: (h not in a.hand_parts, h))
    return [
        _difference("Pressure", a.pressure, b.pressure, list(PRESSURE_ORDER)),
        _difference("Pace", a.pace, b.pace, list(PACE_ORDER)),
        _difference("Hand parts", a.hand_parts, b.hand_parts, hand_order),
        _difference("Body regions", [region_names[r] for r in a.regions], [region_names[r] for r in b.regions],
                    [region_names[r] for r in atlas.regions]),
        _difference("Place in a session", a.session_place, b.session_place, list(SESSION_ORDER)),
    ]


def pair_page(renderer: Renderer, atlas: Atlas, slug: str, page_src: str) -> str:
    pair = pair_by_slug(atlas, slug)
    first, second = (atlas.technique(tid) for tid in pair.ids)
    others = [(p, link(page_src, p.src)) for p in atlas.comparisons if p != pair]
    return renderer.render(
        "comparison-page.html", pair=pair, a=first, b=second,
        a_href=link(page_src, technique_src(first.id)), b_href=link(page_src, technique_src(second.id)),
        a_regions=[r for r in atlas.regions.values() if r.id in first.regions],
        b_regions=[r for r in atlas.regions.values() if r.id in second.regions],
        differences=differences(atlas, first, second), others=others,
        table_href=link(page_src, COMPARE_INDEX),
    )


# --- the glossary -------------------------------------------------------------------

def _front_matter_title(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        front = yaml.safe_load(text[4:text.find("\n---", 4)]) or {}
        if front.get("title"):
            return str(front["title"])
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


def page_titles(atlas: Atlas, docs_dir: Path) -> dict[str, str]:
    """Source path -> title, for every page a glossary term may point to."""
    titles = {p.src: p.title for p in generated_pages(atlas)}
    for path in docs_dir.rglob("*.md") if docs_dir.is_dir() else ():
        titles[path.relative_to(docs_dir).as_posix()] = _front_matter_title(path) or path.stem
    return titles


def glossary_page(renderer: Renderer, atlas: Atlas, page_src: str, docs_dir: Path) -> str:
    titles = page_titles(atlas, docs_dir)
    entries = [(term, (titles[term.related], link(page_src, term.related)) if term.related else None)
               for term in atlas.glossary]
    aliases = sorted(((alias, term) for term in atlas.glossary for alias in term.aliases),
                     key=lambda pair: pair[0].casefold())
    return renderer.render("glossary.html", entries=entries, aliases=aliases)


# --- browse by facet ----------------------------------------------------------------

def browse_index(renderer: Renderer, atlas: Atlas, page_src: str) -> str:
    index = facet_index(atlas)
    facets = []
    for facet in FACETS.values():
        groups: dict[str | None, list] = {}  # in the vocabulary's order (regions head to foot)
        for v in facet.values(atlas):
            groups.setdefault(v.group, []).append((v, _note(atlas, v, index), link(page_src, v.src)))
        facets.append((facet, list(groups.items())))
    # regions work keeps off (`avoid` in data/regions.yml), named above the region list
    to_avoid = [(v.phrase, link(page_src, v.src)) for v in FACETS["region"].values(atlas) if atlas.regions[v.value].avoid]
    return renderer.render("browse-index.html", facets=facets, to_avoid=to_avoid)


def _note(atlas: Atlas, value, index) -> str:
    """A value's counts as the index and the neighbours list show them; a region to keep off says so."""
    listings = index.get((value.facet, value.value), ())
    return region_note(atlas, value.value, listings) if value.facet == "region" else count_text(listings)


def facet_page(renderer: Renderer, atlas: Atlas, facet_name: str, value: str, page_src: str) -> str:
    facet = FACETS[facet_name]
    values = facet.values(atlas)
    this = next(v for v in values if v.value == value)
    index = facet_index(atlas)
    listings = index.get((facet_name, value), ())
    sections = [(kind, many.capitalize(), [(item, link(page_src, item.src)) for item in listings if item.kind == kind])
                for kind, (_, many) in KINDS.items()]
    # Neighbours: the same body area for regions, every other value otherwise; used ones first.
    siblings = sorted(((v, link(page_src, v.src), _note(atlas, v, index), bool(index.get((facet_name, v.value))))
                       for v in values if v != this and (this.group is None or v.group == this.group)),
                      key=lambda s: not s[3])
    # A region that work keeps off: why (its `avoid` rule), and what keeps off it.
    rule = atlas.regions[value].avoid if facet_name == "region" else None
    off = kept_off(atlas).get(value) if facet_name == "region" else None
    kept = None
    if off:
        kept = {
            "techniques": [(item, link(page_src, item.src)) for item in off.techniques],
            "guides": [(item, link(page_src, item.src), [(ref, title, f"{link(page_src, item.src)}#{ref.anchor}")
                                                         for ref, title in steps])
                       for item, steps in off.guides],
            "step_count": off.step_count,
        }
    return renderer.render(
        "facet-page.html", facet=facet, value=this, sections=[s for s in sections if s[2]],
        technique_count=len(atlas.techniques), rule=rule, condition=avoid_condition(rule) if rule else "",
        kept=kept, siblings=[s[:3] for s in siblings], browse_href=link(page_src, BROWSE_INDEX),
        table_href=link(page_src, COMPARE_INDEX),
    )
