"""Cross-file rules: what no single file can check on its own.

Each rule is a small function registered under its code; it receives the
validated entries and yields problems. Shape errors (models.py) are reported
first and stop the run, so a broken file never causes follow-on noise here.
One function per code: when the same mistake can be made in another kind of
file (an unknown technique id in a guide step, say), that code's function
checks there too.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .figures import DiagramError
from .guides import HANDS_ON_AUDIENCES, HANDS_ON_FIELDS, step_figure, steps_of
from .loading import Entry
from .models import Step
from .problems import RULES, Problem

if TYPE_CHECKING:
    from .catalog import Atlas


@dataclass(frozen=True)
class Loaded:
    """Validated entries of every kind, before anything is derived."""

    techniques: list[Entry]
    regions: list[Entry]
    references: list[Entry]
    comparisons: list[Entry] = field(default_factory=list)
    glossary: list[Entry] = field(default_factory=list)  # GlossaryTerm or TechniqueTermNote entries
    figures: list[Entry] = field(default_factory=list)
    guides: list[Entry] = field(default_factory=list)


CrossRule = Callable[[Loaded], Iterator[Problem]]
CROSS_RULES: dict[str, CrossRule] = {}
# Rules that need what the build derives (which pages the site will have, for
# example). They run on the derived atlas, only after every cross rule passed.
AtlasRule = Callable[[Loaded, "Atlas", Path], Iterator[Problem]]
ATLAS_RULES: dict[str, AtlasRule] = {}


def rule(code: str, registry: dict | None = None):
    """Register a cross rule under its code (``registry``: another phase's table)."""
    registry = CROSS_RULES if registry is None else registry
    assert code in RULES and code not in CROSS_RULES and code not in ATLAS_RULES, code

    def register(func):
        registry[code] = func
        return func

    return register


def _problem(code: str, entry: Entry, path: tuple, message: str) -> Problem:
    return Problem(code, entry.file, entry.field(*path), message, entry.line(*path))


def _guide_steps(data: Loaded) -> Iterator[tuple[Entry, Step, tuple]]:
    """Every step of every guide (variants too), with its guide and field path."""
    for entry in data.guides:
        for _, step, path in steps_of(entry.model):
            yield entry, step, path


def _step_region_fields(step: Step) -> Iterator[tuple[tuple, str]]:
    """(field path within the step, region id) for every region a step names."""
    for name in ("regions", "avoid"):
        for i, region in enumerate(getattr(step, name)):
            yield (name, i), region
    if step.direction is not None:
        for name, region in (("from", step.direction.from_), ("to", step.direction.to)):
            if region is not None:
                yield ("direction", name), region


@rule("MTA201")
def id_matches_file_name(data: Loaded) -> Iterator[Problem]:
    for entry in [*data.techniques, *data.figures, *data.guides]:
        stem = Path(entry.file).stem
        if entry.model.id != stem:
            yield Problem("MTA201", entry.file, "id",
                          f"The id `{entry.model.id}` differs from the file name `{stem}`.", entry.line("id"))


@rule("MTA202")
def ids_are_unique(data: Loaded) -> Iterator[Problem]:
    for entries in (data.techniques, data.regions, data.references, data.guides):
        first: dict[str, Entry] = {}
        for entry in entries:
            earlier = first.setdefault(entry.model.id, entry)
            if earlier is not entry:
                yield Problem("MTA202", entry.file, entry.field("id"),
                              f"The id `{entry.model.id}` is already used by {earlier.file}.", entry.line("id"))
    # a guide's variants have ids of their own (their anchors)
    for entry in data.guides:
        seen = set()
        for v, variant in enumerate(entry.model.variants):
            if variant.id in seen:
                yield _problem("MTA202", entry, ("variants", v, "id"),
                               f"The variant id `{variant.id}` is already used in this guide.")
            seen.add(variant.id)


def _unknown_ids(data: Loaded, code: str, field: str, known: set[str], what: str) -> Iterator[Problem]:
    for entry in data.techniques:
        for i, value in enumerate(getattr(entry.model, field)):
            if value not in known:
                yield Problem(code, entry.file, entry.field(field, i), f"No {what} has the id `{value}`.",
                              entry.line(field, i))


@rule("MTA203")
def related_techniques_exist(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.techniques}
    yield from _unknown_ids(data, "MTA203", "related", known, "technique")
    for entry, step, path in _guide_steps(data):
        if step.technique is not None and step.technique not in known:
            yield _problem("MTA203", entry, (*path, "technique"), f"No technique has the id `{step.technique}`.")


@rule("MTA206")
def regions_exist(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.regions}
    yield from _unknown_ids(data, "MTA206", "regions", known, "region")
    # figures draw only known regions, and a region's `avoid` is near known ones
    for entry in data.figures:
        for i, drawn in enumerate(entry.model.regions):
            if drawn.region not in known:
                yield Problem("MTA206", entry.file, entry.field("regions", i, "region"),
                              f"No region has the id `{drawn.region}`; a figure draws only regions "
                              "from data/regions.yml.", entry.line("regions", i, "region"))
    for entry in data.regions:
        for i, near in enumerate(entry.model.avoid.near if entry.model.avoid else []):
            if near not in known:
                yield Problem("MTA206", entry.file, entry.field("avoid", "near", i),
                              f"No region has the id `{near}`.", entry.line("avoid", "near", i))
    for entry, step, path in _guide_steps(data):
        for sub, region in _step_region_fields(step):
            if region not in known:
                yield _problem("MTA206", entry, (*path, *sub), f"No region has the id `{region}`.")


@rule("MTA207")
def references_exist(data: Loaded) -> Iterator[Problem]:
    yield from _unknown_ids(data, "MTA207", "sources", {e.model.id for e in data.references}, "reference")


@rule("MTA204")
def not_related_to_itself(data: Loaded) -> Iterator[Problem]:
    for entry in data.techniques:
        for i, other in enumerate(entry.model.related):
            if other == entry.model.id:
                yield Problem("MTA204", entry.file, entry.field("related", i),
                              "A technique cannot be related to itself.", entry.line("related", i))


@rule("MTA205")
def relation_written_once(data: Loaded) -> Iterator[Problem]:
    edges = {(e.model.id, other) for e in data.techniques for other in e.model.related}
    for entry in data.techniques:
        for i, other in enumerate(entry.model.related):
            # Report on the alphabetically later side only, so each pair is named once.
            if (other, entry.model.id) in edges and entry.model.id > other:
                yield Problem("MTA205", entry.file, entry.field("related", i),
                              f"`{other}` already lists `{entry.model.id}` as related.", entry.line("related", i))


@rule("MTA208")
def names_are_unique(data: Loaded) -> Iterator[Problem]:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in data.techniques:
        for name in [entry.model.name, *(a.name for a in entry.model.aliases)]:
            owners[name.casefold()].add(entry.model.id)
    for entry in data.techniques:
        for i, alias in enumerate(entry.model.aliases):
            others = owners[alias.name.casefold()] - {entry.model.id}
            if others:
                yield Problem("MTA208", entry.file, entry.field("aliases", i, "name"),
                              f"`{alias.name}` also names {', '.join(sorted(others))}.",
                              entry.line("aliases", i, "name"))


_LIST_FIELDS = ("hand_parts", "pressure", "pace", "regions", "session_place", "related", "sources", "steps")


@rule("MTA209")
def no_repeated_list_values(data: Loaded) -> Iterator[Problem]:
    for entry in data.techniques:
        for field in _LIST_FIELDS:
            seen = set()
            for i, value in enumerate(getattr(entry.model, field)):
                if value in seen:
                    yield Problem("MTA209", entry.file, entry.field(field, i),
                                  f"`{value}` is already listed in `{field}`.", entry.line(field, i))
                seen.add(value)
    for entry in data.figures:
        drawn = set()
        for i, region in enumerate(r.region for r in entry.model.regions):
            if region in drawn:
                yield Problem("MTA209", entry.file, entry.field("regions", i, "region"),
                              f"`{region}` is already drawn on this figure; give one entry all its shapes.",
                              entry.line("regions", i, "region"))
            drawn.add(region)
    for entry, step, path in _guide_steps(data):
        for name in ("hand_parts", "regions", "avoid"):
            seen = set()
            for i, value in enumerate(getattr(step, name)):
                if value in seen:
                    yield _problem("MTA209", entry, (*path, name, i), f"`{value}` is already listed in `{name}`.")
                seen.add(value)


# --- guides (MTA4xx) -------------------------------------------------------------

@rule("MTA401")
def hands_on_steps_name_a_technique(data: Loaded) -> Iterator[Problem]:
    for entry, step, path in _guide_steps(data):
        if entry.model.audience in HANDS_ON_AUDIENCES and step.technique is None:
            yield _problem("MTA401", entry, path,
                           f"Step `{step.title}` of a {entry.model.audience} guide names no technique.")


def _given(step: Step, name: str) -> bool:
    return getattr(step, name) not in (None, [])


@rule("MTA402")
def hands_on_steps_are_complete(data: Loaded) -> Iterator[Problem]:
    for entry, step, path in _guide_steps(data):
        if step.technique is not None:
            missing = [name for name in HANDS_ON_FIELDS if not _given(step, name)]
            if missing:
                yield _problem("MTA402", entry, path,
                               f"Step `{step.title}` names the technique `{step.technique}` "
                               f"but gives no {', '.join(missing)}.")
        else:
            given = [name for name in (*HANDS_ON_FIELDS, "avoid") if _given(step, name)]
            if given:
                yield _problem("MTA402", entry, path,
                               f"Step `{step.title}` names no technique but gives {', '.join(given)}.")


def _with_technique(data: Loaded) -> Iterator[tuple[Entry, Step, tuple, object]]:
    """Steps whose technique exists (unknown ids are MTA203's to report)."""
    techniques = {e.model.id: e.model for e in data.techniques}
    for entry, step, path in _guide_steps(data):
        if step.technique in techniques:
            yield entry, step, path, techniques[step.technique]


@rule("MTA403")
def hand_parts_match_technique(data: Loaded) -> Iterator[Problem]:
    for entry, step, path, technique in _with_technique(data):
        for i, part in enumerate(step.hand_parts):
            if part not in technique.hand_parts:
                yield _problem("MTA403", entry, (*path, "hand_parts", i),
                               f"{technique.name} lists only {', '.join(technique.hand_parts)}; not `{part}`.")


@rule("MTA404")
def pressure_matches_technique(data: Loaded) -> Iterator[Problem]:
    for entry, step, path, technique in _with_technique(data):
        if step.pressure is not None and step.pressure not in technique.pressure:
            yield _problem("MTA404", entry, (*path, "pressure"),
                           f"{technique.name} is given with {', '.join(technique.pressure)} pressure; "
                           f"not `{step.pressure}`.")


@rule("MTA405")
def regions_match_technique(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.regions}  # unknown ids are MTA206's to report
    for entry, step, path, technique in _with_technique(data):
        for i, region in enumerate(step.regions):
            if region in known and region not in technique.regions:
                yield _problem("MTA405", entry, (*path, "regions", i),
                               f"The {technique.name} page does not list the region `{region}`.")


@rule("MTA406")
def regions_not_worked_and_avoided(data: Loaded) -> Iterator[Problem]:
    for entry, step, path in _guide_steps(data):
        for i, region in enumerate(step.avoid):
            if region in step.regions:
                yield _problem("MTA406", entry, (*path, "avoid", i),
                               f"`{region}` is also listed in this step's `regions`.")


@rule("MTA407")
def direction_endpoints_fit(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.regions}  # unknown ids are MTA206's to report
    for entry, step, path in _guide_steps(data):
        d = step.direction
        if d is None:
            continue
        ends = {"from": d.from_, "to": d.to}
        if d.movement == "still" and any(ends.values()):
            yield _problem("MTA407", entry, (*path, "direction", "movement"),
                           "A `still` movement has no start or end region.")
            continue
        if d.from_ is not None and d.from_ == d.to:
            yield _problem("MTA407", entry, (*path, "direction", "to"),
                           f"The movement starts and ends in `{d.to}`.")
        for name, region in ends.items():
            if region in known and region not in step.regions:
                yield _problem("MTA407", entry, (*path, "direction", name),
                               f"`{region}` is not one of this step's regions ({', '.join(step.regions) or 'none'}).")


# --- linking: old ids keep published URLs working (MTA7xx) --------------------

def _renamable(data: Loaded) -> tuple[list[Entry], ...]:
    """Kinds whose ids are URLs and may carry `old_ids`; each kind is its own URL space."""
    return (data.techniques, data.guides)


@rule("MTA701")
def old_ids_are_not_current(data: Loaded) -> Iterator[Problem]:
    for entries in _renamable(data):
        current = {e.model.id: e for e in entries}
        for entry in entries:
            for i, old in enumerate(entry.model.old_ids):
                owner = current.get(old)
                if owner is not None and owner is not entry:
                    yield Problem("MTA701", entry.file, entry.field("old_ids", i),
                                  f"`{old}` is the current id of {owner.file}.", entry.line("old_ids", i))


@rule("MTA702")
def old_ids_are_unique(data: Loaded) -> Iterator[Problem]:
    for entries in _renamable(data):
        claimed: dict[str, Entry] = {}
        for entry in entries:
            for i, old in enumerate(entry.model.old_ids):
                earlier = claimed.setdefault(old, entry)
                if earlier is not entry or entry.model.old_ids.index(old) != i:
                    yield Problem("MTA702", entry.file, entry.field("old_ids", i),
                                  f"The old id `{old}` is already claimed by {earlier.file}.", entry.line("old_ids", i))


@rule("MTA703")
def old_ids_are_not_own_id(data: Loaded) -> Iterator[Problem]:
    for entries in _renamable(data):
        for entry in entries:
            for i, old in enumerate(entry.model.old_ids):
                if old == entry.model.id:
                    yield Problem("MTA703", entry.file, entry.field("old_ids", i),
                                  f"`{old}` is this entry's own id.", entry.line("old_ids", i))


def check(data: Loaded) -> list[Problem]:
    return [problem for func in CROSS_RULES.values() for problem in func(data)]


def atlas_rule(code: str):
    """Register a rule that runs on the derived atlas; it also gets the project root."""
    return rule(code, ATLAS_RULES)


def check_atlas(data: Loaded, atlas: "Atlas", root: Path) -> list[Problem]:
    return [problem for func in ATLAS_RULES.values() for problem in func(data, atlas, root)]


# --- guides: rules on the derived atlas (they need the figures drawn) -------------

@atlas_rule("MTA408")
def directions_can_be_drawn(data: Loaded, atlas: "Atlas", root: Path) -> Iterator[Problem]:
    """Every hands-on step gets a diagram on its page, so its direction must make
    sense on the body figures."""
    for entry, step, path in _guide_steps(data):
        if step.technique is None or step.direction is None:
            continue
        try:
            step_figure(atlas, step, "check")
        except DiagramError as err:
            yield _problem("MTA408", entry, (*path, "direction"), f"Its diagram cannot be drawn: {err}.")
