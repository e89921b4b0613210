"""Browse by facet: body region, pressure and technique family.

A facet is a way to slice the atlas; each of its values gets a page,
/browse/<facet>/<value>/, listing exactly the entries that carry that value.
Entries come from *listing sources*: techniques and guides (see
:func:`guide_listings` for when a guide carries a value); another kind is
added by registering one more function with :func:`listing_source` that
yields ``(facet, value, Listing)`` triples. Facet
pages, the /browse/ index and their counts then include it with no other change.

Every value of the vocabularies (data/regions.yml, the pressure levels, the
families) has its page even when nothing uses it yet, so the addresses stay
the same whatever the data says; such a page says plainly that no technique
lists it and points to its neighbours.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .guides import guide_src, steps_of
from .models import AUDIENCE_LABELS, FAMILY_LABELS, PACE_ORDER, PRESSURE_ORDER

if TYPE_CHECKING:
    from .catalog import Atlas


def facet_src(facet: str, value: str) -> str:
    """Source path of a facet page; its URL is /browse/<facet>/<value>/."""
    return f"browse/{facet}/{value}.md"


@dataclass(frozen=True)
class FacetValue:
    facet: str  # region, pressure or family
    value: str  # the id used in the data
    label: str  # as a reader says it: "Lower back", "Light pressure", "Gliding strokes"
    group: str | None = None  # the larger area of a region ("back")

    @property
    def src(self) -> str:
        return facet_src(self.facet, self.value)

    @property
    def phrase(self) -> str:
        """The label inside a sentence: 'the lower back', 'light pressure', 'gliding strokes'."""
        text = self.label.lower()
        return f"the {text}" if self.facet == "region" and not text.startswith("the ") else text


@dataclass(frozen=True)
class Listing:
    """One entry on a facet page."""

    kind: str  # "technique" or "guide"; a new kind is added to KINDS
    id: str
    title: str
    summary: str
    src: str  # source path of its page
    detail: str = ""  # a short line of facts, e.g. "Pressure: light to firm"
    professional_only: bool = False


@dataclass(frozen=True)
class Facet:
    name: str  # the URL part: region, pressure, family
    title: str  # "By body region"
    values: Callable[[Atlas], list[FacetValue]]


def _regions(atlas: Atlas) -> list[FacetValue]:
    return [FacetValue("region", r.id, r.name, r.group) for r in atlas.regions.values()]


def _pressures(atlas: Atlas) -> list[FacetValue]:
    return [FacetValue("pressure", p, f"{p.capitalize()} pressure") for p in PRESSURE_ORDER]


def _families(atlas: Atlas) -> list[FacetValue]:
    return [FacetValue("family", f, label) for f, label in FAMILY_LABELS.items()]


# In the order the /browse/ index shows them; values keep their vocabulary's
# order (regions head to foot, pressure light to deep).
FACETS: dict[str, Facet] = {
    "region": Facet("region", "By body region", _regions),
    "pressure": Facet("pressure", "By pressure", _pressures),
    "family": Facet("family", "By technique family", _families),
}

# Each kind of listing as (singular, plural), in the order facet pages show
# their sections; a feature that registers a listing source adds its kind here.
KINDS: dict[str, tuple[str, str]] = {"technique": ("technique", "techniques"), "guide": ("guide", "guides")}


def count_text(listings: Iterable[Listing]) -> str:
    """'5 techniques', or '5 techniques, 2 guides' once guides are listed too."""
    listings = list(listings)
    parts = []
    for kind, (one, many) in KINDS.items():
        n = sum(1 for item in listings if item.kind == kind)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)

ListingSource = Callable[["Atlas"], Iterable[tuple[str, str, Listing]]]
LISTING_SOURCES: list[ListingSource] = []


def listing_source(func: ListingSource) -> ListingSource:
    """Register a function that yields (facet, value, Listing) for one kind of entry."""
    LISTING_SOURCES.append(func)
    return func


@listing_source
def technique_listings(atlas: Atlas) -> Iterator[tuple[str, str, Listing]]:
    from .rendering import span, technique_src  # late: rendering imports this module
    for t in atlas.techniques.values():
        detail = f"{span(t.pressure, PRESSURE_ORDER).capitalize()} pressure, {span(t.pace, PACE_ORDER)} pace"
        listing = Listing("technique", t.id, t.name, t.summary, technique_src(t.id), detail, t.professional_only)
        yield from (("region", r, listing) for r in t.regions)
        yield from (("pressure", p, listing) for p in t.pressure)
        yield "family", t.family, listing


@listing_source
def guide_listings(atlas: Atlas) -> Iterator[tuple[str, str, Listing]]:
    """A guide is listed under a value when at least one of its steps (main steps
    and variants' steps alike) carries it: a region the step works (its `regions`;
    never a region it keeps off, its `avoid`), the step's `pressure`, or the
    family of the step's technique. Advice-only steps carry no value, so a guide
    made only of advice (a professional guide, say) is on no facet page."""
    for g in atlas.guides.values():
        steps = [step for _, step, _ in steps_of(g)]
        carried: dict[tuple[str, str], int] = {}  # (facet, value) -> how many steps carry it
        for step in steps:
            if step.technique is None:
                continue
            values = {("region", r) for r in step.regions} | {("pressure", step.pressure),
                                                              ("family", atlas.techniques[step.technique].family)}
            for key in values:
                carried[key] = carried.get(key, 0) + 1
        for (facet, value), n in carried.items():
            detail = f"{AUDIENCE_LABELS[g.audience]}: {n} of its {len(steps)} steps"
            yield facet, value, Listing("guide", g.id, g.title, g.summary, guide_src(g.id), detail)


def facet_index(atlas: Atlas) -> dict[tuple[str, str], tuple[Listing, ...]]:
    """(facet, value) -> its listings, grouped by kind, then by title. Values nothing uses are absent."""
    found: dict[tuple[str, str], list[Listing]] = {}
    for source in LISTING_SOURCES:
        for facet, value, listing in source(atlas):
            found.setdefault((facet, value), []).append(listing)
    kinds = list(KINDS)
    return {key: tuple(sorted(items, key=lambda x: (kinds.index(x.kind), x.title.casefold())))
            for key, items in found.items()}


def facet_values(atlas: Atlas) -> list[FacetValue]:
    """Every value of every facet, in index order (used or not): one page each."""
    return [value for facet in FACETS.values() for value in facet.values(atlas)]
