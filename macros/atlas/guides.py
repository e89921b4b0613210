"""Step-by-step guides: where their pages live, the rules their files must
follow, and what the build derives from them ("used in" back-links).

Rules that guides share with techniques (id = file name, unknown technique or
region ids, repeated values) are registered here under the existing codes, so
an author meets the same code for the same mistake in either kind of file.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .loading import Entry
from .models import AUDIENCE_ORDER, Guide, Step
from .problems import Problem
from .rules import Loaded, rule

# Steps of these audiences are done with the hands (or a tool), so each must
# name its technique; a `professional` guide's steps are what the reader does
# before, during and after a session, and may be advice only.
HANDS_ON_AUDIENCES = ("self", "partner")
# What a hands-on step must say besides its technique (what the page shows and
# the pictures feature draws).
HANDS_ON_FIELDS = ("hand_parts", "pressure", "regions", "direction", "repetitions", "should_feel")


def guide_src(guide_id: str) -> str:
    """Source path of a guide page; its URL is /guides/<id>/."""
    return f"guides/{guide_id}.md"


@dataclass(frozen=True, order=True)
class StepRef:
    """Where a step is: its guide, its variant (None for the main steps) and its 1-based number."""

    guide: str
    variant: str | None
    number: int

    @property
    def anchor(self) -> str:
        """The step's stable anchor: #step-<n>, or #variant-<id>-step-<n> in a variant."""
        return f"step-{self.number}" if self.variant is None else f"variant-{self.variant}-step-{self.number}"


def steps_of(guide: Guide) -> Iterator[tuple[StepRef, Step, tuple]]:
    """Every step of a guide, main steps first, with its reference and field path."""
    for i, step in enumerate(guide.steps):
        yield StepRef(guide.id, None, i + 1), step, ("steps", i)
    for v, variant in enumerate(guide.variants):
        for i, step in enumerate(variant.steps):
            yield StepRef(guide.id, variant.id, i + 1), step, ("variants", v, "steps", i)


def _steps(data: Loaded) -> Iterator[tuple[Entry, Step, tuple]]:
    for entry in data.guides:
        for _, step, path in steps_of(entry.model):
            yield entry, step, path


def _problem(code: str, entry: Entry, path: tuple, message: str) -> Problem:
    return Problem(code, entry.file, entry.field(*path), message, entry.line(*path))


# --- rules shared with techniques ----------------------------------------------

@rule("MTA203")
def step_techniques_exist(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.techniques}
    for entry, step, path in _steps(data):
        if step.technique is not None and step.technique not in known:
            yield _problem("MTA203", entry, (*path, "technique"), f"No technique has the id `{step.technique}`.")


def _step_region_fields(step: Step) -> Iterator[tuple[tuple, str]]:
    for name in ("regions", "avoid"):
        for i, region in enumerate(getattr(step, name)):
            yield (name, i), region
    if step.direction is not None:
        for name, region in (("from", step.direction.from_), ("to", step.direction.to)):
            if region is not None:
                yield ("direction", name), region


@rule("MTA206")
def step_regions_exist(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.regions}
    for entry, step, path in _steps(data):
        for sub, region in _step_region_fields(step):
            if region not in known:
                yield _problem("MTA206", entry, (*path, *sub), f"No region has the id `{region}`.")


@rule("MTA202")
def variant_ids_are_unique(data: Loaded) -> Iterator[Problem]:
    for entry in data.guides:
        seen = set()
        for v, variant in enumerate(entry.model.variants):
            if variant.id in seen:
                yield _problem("MTA202", entry, ("variants", v, "id"),
                               f"The variant id `{variant.id}` is already used in this guide.")
            seen.add(variant.id)


@rule("MTA209")
def no_repeated_step_values(data: Loaded) -> Iterator[Problem]:
    for entry, step, path in _steps(data):
        for name in ("hand_parts", "regions", "avoid"):
            seen = set()
            for i, value in enumerate(getattr(step, name)):
                if value in seen:
                    yield _problem("MTA209", entry, (*path, name, i), f"`{value}` is already listed in `{name}`.")
                seen.add(value)


# --- guide rules -----------------------------------------------------------------

@rule("MTA401")
def hands_on_steps_name_a_technique(data: Loaded) -> Iterator[Problem]:
    for entry, step, path in _steps(data):
        if entry.model.audience in HANDS_ON_AUDIENCES and step.technique is None:
            yield _problem("MTA401", entry, path,
                           f"Step `{step.title}` of a {entry.model.audience} guide names no technique.")


def _given(step: Step, name: str) -> bool:
    value = getattr(step, name)
    return value not in (None, [])


@rule("MTA402")
def hands_on_steps_are_complete(data: Loaded) -> Iterator[Problem]:
    for entry, step, path in _steps(data):
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
    for entry, step, path in _steps(data):
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
    for entry, step, path in _steps(data):
        for i, region in enumerate(step.avoid):
            if region in step.regions:
                yield _problem("MTA406", entry, (*path, "avoid", i),
                               f"`{region}` is also listed in this step's `regions`.")


@rule("MTA407")
def direction_endpoints_fit(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.regions}  # unknown ids are MTA206's to report
    for entry, step, path in _steps(data):
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


# --- derived data ------------------------------------------------------------------

@dataclass(frozen=True)
class GuideDerived:
    """What catalog.derive() adds to the Atlas for guides (see its docstring)."""

    guides: dict[str, Guide]
    used_in: dict[str, tuple[StepRef, ...]]
    guide_techniques: dict[str, tuple[str, ...]]
    guide_files: dict[str, str]


def guide_order(guide: Guide) -> tuple:
    """Guides are listed by audience (self, partner, professional), then title."""
    return AUDIENCE_ORDER.index(guide.audience), guide.title.casefold(), guide.id


def derive_guides(loaded: Loaded, technique_ids) -> GuideDerived:
    """Order the guides and mirror their steps onto the techniques they use."""
    guides = {e.model.id: e.model for e in sorted(loaded.guides, key=lambda e: guide_order(e.model))}
    used_in: dict[str, list[StepRef]] = {tid: [] for tid in technique_ids}
    guide_techniques: dict[str, tuple[str, ...]] = {}
    for guide in guides.values():
        seen: dict[str, None] = {}
        for ref, step, _ in steps_of(guide):
            if step.technique is not None:
                used_in[step.technique].append(ref)
                seen.setdefault(step.technique)
        guide_techniques[guide.id] = tuple(seen)
    return GuideDerived(
        guides=guides,
        used_in={tid: tuple(refs) for tid, refs in used_in.items()},
        guide_techniques=guide_techniques,
        guide_files={e.model.id: e.file for e in loaded.guides},
    )
