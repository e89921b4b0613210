"""Step-by-step guides: where their pages live, how their steps are walked,
and what the build derives from them ("used in" back-links).

Their rules are in guide_rules.py; they use :func:`steps_of` and the
constants here.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .figures import avoided, direction_field, step_diagram, with_id
from .models import AUDIENCE_ORDER, Guide, Step

if TYPE_CHECKING:
    from .rules import Loaded

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


def step_figure(atlas, step: Step, diagram_id: str):
    """The diagram of a hands-on step (figures.step_diagram): its regions, the
    regions to keep off (the step's own `avoid` and what the regions' rules add
    for its pressure and technique), and arrows for its direction. Raises
    figures.DiagramError when the direction cannot be drawn (rule MTA408)."""
    def draw():
        technique = atlas.techniques[step.technique]
        return step_diagram(atlas, step.regions, step.direction, diagram_id, [step.pressure],
                            technique.family, keep_off=step.avoid)

    if not hasattr(atlas, "remember"):  # a Scene (tests) keeps nothing
        return draw()
    # The atlas holds the step, so id(step) stays its own while the atlas lives.
    return with_id(atlas.remember(("step-diagram", id(step)), draw), diagram_id)


def step_keep_off(atlas, step: Step) -> tuple[str, ...]:
    """The regions a hands-on step keeps off, in the regions' order: its own
    `avoid` and what the regions' `avoid` rules add for the regions it works
    (its `from` and `to` included), its pressure and its technique's family.
    The same regions its diagram hatches and its "Keep off" line names
    (figures.step_diagram), without drawing it; an advice step keeps off none."""
    if step.technique is None:
        return ()
    ends = [direction_field(step.direction, name) for name in ("from", "to")] if step.direction else []
    worked = set(step.regions) | {r for r in ends if r}
    by_rule = set(avoided(atlas.regions, worked, [step.pressure] if step.pressure else [],
                          atlas.techniques[step.technique].family))
    return tuple(r for r in atlas.regions if r in by_rule | set(step.avoid) and r not in worked)


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


def derive_guides(loaded: "Loaded", technique_ids) -> GuideDerived:
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
