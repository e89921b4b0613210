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

A region can also be one that work keeps off (its `avoid` in
data/regions.yml: the spine, the kidney area). Its page says so, with the
reason, and lists what keeps off it (:func:`kept_off`): the techniques whose
body map hatches it and the guide steps whose "Keep off" line names it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .figures import avoided
from .guides import StepRef, guide_src, step_keep_off, steps_of
from .models import AUDIENCE_LABELS, FAMILY_LABELS, PACE_ORDER, PRESSURE_ORDER, Avoid

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


def technique_listing(t) -> Listing:
    from .rendering import span, technique_src  # late: rendering imports this module
    detail = f"{span(t.pressure, PRESSURE_ORDER).capitalize()} pressure, {span(t.pace, PACE_ORDER)} pace"
    return Listing("technique", t.id, t.name, t.summary, technique_src(t.id), detail, t.professional_only)


@listing_source
def technique_listings(atlas: Atlas) -> Iterator[tuple[str, str, Listing]]:
    for t in atlas.techniques.values():
        listing = technique_listing(t)
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


# --- regions that work keeps off ------------------------------------------------------

@dataclass(frozen=True)
class KeptOff:
    """What keeps off one region: techniques whose own regions, pressure and
    family bring in the region's `avoid` rule (their body maps hatch it), and
    hands-on guide steps whose "Keep off" line names it (their own `avoid`, or
    the rule), grouped by guide in the atlas's guide order."""

    techniques: tuple[Listing, ...]
    guides: tuple[tuple[Listing, tuple[tuple[StepRef, str], ...]], ...]  # (guide, ((step, its title), ...))

    @property
    def step_count(self) -> int:
        return sum(len(steps) for _, steps in self.guides)


def kept_off(atlas: Atlas) -> dict[str, KeptOff]:
    """Region id -> what keeps off it; regions nothing keeps off are absent."""
    techniques: dict[str, list[Listing]] = {}
    for t in atlas.techniques.values():
        for region in avoided(atlas.regions, t.regions, t.pressure, t.family):
            techniques.setdefault(region, []).append(technique_listing(t))
    guides: dict[str, list] = {}
    for g in atlas.guides.values():
        steps: dict[str, list[tuple[StepRef, str]]] = {}
        for ref, step, _ in steps_of(g):
            for region in step_keep_off(atlas, step):
                steps.setdefault(region, []).append((ref, step.title))
        listing = Listing("guide", g.id, g.title, g.summary, guide_src(g.id), AUDIENCE_LABELS[g.audience])
        for region, refs in steps.items():
            guides.setdefault(region, []).append((listing, tuple(refs)))
    return {r: KeptOff(tuple(sorted(techniques.get(r, ()), key=lambda x: x.title.casefold())),
                       tuple(guides.get(r, ())))
            for r in atlas.regions if r in techniques or r in guides}


def _or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def avoid_condition(rule: Avoid) -> str:
    """What brings a region's `avoid` rule into play, as words to put after
    "with" or "when they use": '' (always), 'firm or deep pressure',
    'firm or deep pressure, percussion or vibration and shaking'."""
    what = [f"{_or_list(rule.pressure)} pressure"] if rule.pressure else []
    what += [FAMILY_LABELS[f].lower() for f in rule.families]
    return _or_list(what) if what else ""


def region_note(atlas: Atlas, region_id: str, listings: Iterable[Listing]) -> str:
    """What the /browse/ index and a facet page's neighbours say of a region:
    its counts, and for a region with an `avoid` rule that it is one to keep off."""
    counts = count_text(listings)
    rule = atlas.regions[region_id].avoid
    if rule is None:
        return counts
    if not counts:
        return "an area to keep off"
    condition = avoid_condition(rule)
    return f"{counts}; kept off with {condition}" if condition else f"{counts}; an area to keep off"
