"""Rules for step-by-step guides (data/guides): MTA401-MTA408, and the guide
checks of codes that other kinds of file share (an unknown technique or region
id, a repeated value, a duplicate variant id), registered under those codes.

Ids and file names (MTA201, MTA202) and old ids (MTA701-703) are checked for
guides by the shared rules in rules.py, which list guides with the other kinds.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .figures import DiagramError
from .guides import HANDS_ON_AUDIENCES, HANDS_ON_FIELDS, step_figure, steps_of
from .loading import Entry
from .models import Step
from .problems import Problem
from .rules import Loaded, atlas_rule, rule

if TYPE_CHECKING:
    from .catalog import Atlas


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


# --- shared codes, checked in guides ---------------------------------------------

@rule("MTA202")
def variant_ids_are_unique(data: Loaded) -> Iterator[Problem]:
    for entry in data.guides:
        seen = set()
        for v, variant in enumerate(entry.model.variants):
            if variant.id in seen:
                yield _problem("MTA202", entry, ("variants", v, "id"),
                               f"The variant id `{variant.id}` is already used in this guide.")
            seen.add(variant.id)


@rule("MTA203")
def step_techniques_exist(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.techniques}
    for entry, step, path in _guide_steps(data):
        if step.technique is not None and step.technique not in known:
            yield _problem("MTA203", entry, (*path, "technique"), f"No technique has the id `{step.technique}`.")


@rule("MTA206")
def step_regions_exist(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.regions}
    for entry, step, path in _guide_steps(data):
        for sub, region in _step_region_fields(step):
            if region not in known:
                yield _problem("MTA206", entry, (*path, *sub), f"No region has the id `{region}`.")


@rule("MTA209")
def no_repeated_step_values(data: Loaded) -> Iterator[Problem]:
    for entry, step, path in _guide_steps(data):
        for name in ("hand_parts", "regions", "avoid"):
            seen = set()
            for i, value in enumerate(getattr(step, name)):
                if value in seen:
                    yield _problem("MTA209", entry, (*path, name, i), f"`{value}` is already listed in `{name}`.")
                seen.add(value)


# --- guide rules (MTA4xx) -------------------------------------------------------------

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


@atlas_rule("MTA408")
def directions_can_be_drawn(data: Loaded, atlas: "Atlas", root: Path) -> Iterator[Problem]:
    """Every hands-on step gets a diagram on its page, so its direction must make
    sense on the body figures; runs on the derived atlas, once they are drawn."""
    for entry, step, path in _guide_steps(data):
        if step.technique is None or step.direction is None:
            continue
        try:
            step_figure(atlas, step, "check")
        except DiagramError as err:
            yield _problem("MTA408", entry, (*path, "direction"), f"Its diagram cannot be drawn: {err}.")
