"""Claims on guides: the labelled claims a guide, or one of its steps, bears on.

A guide's text says what to do and what it feels like; what a guide or a step
is *said to do for health* ("relaxes the muscles", "relieves fatigue") is a
claim in data/claims, named by id in the guide's `claims` (the whole guide) or
a step's `claims`. The guide page shows them, with their labels, in a "What
the evidence says" box; each claim shows where guides mention it.

Here: rule MTA409 (an unknown claim id) and the guide part of MTA209 (a claim
listed twice), and the derived ``claim_mentions`` that catalog.derive() stores
on the Atlas. Knows nothing of MkDocs or of rendering.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .guides import StepRef, steps_of
from .loading import Entry
from .problems import Problem
from .rules import Loaded, rule

if TYPE_CHECKING:
    from .models import Guide

# The anchor of the guide page's box of claims about the whole guide.
GUIDE_EVIDENCE_ANCHOR = "evidence"


@dataclass(frozen=True)
class Mention:
    """Where a guide names a claim: the whole guide (``step`` None) or one step."""

    guide: str
    step: StepRef | None = None

    @property
    def anchor(self) -> str:
        """The place on the guide page: the step's anchor, or the guide's evidence box."""
        return self.step.anchor if self.step else GUIDE_EVIDENCE_ANCHOR


def claim_lists(guide: "Guide") -> Iterator[tuple[Mention, list[str], tuple]]:
    """Every list of claim ids in a guide, with where it is and its field path:
    the guide's own first, then its steps in order (variants last)."""
    yield Mention(guide.id), guide.claims, ("claims",)
    for ref, step, path in steps_of(guide):
        yield Mention(guide.id, ref), step.claims, (*path, "claims")


# --- rules ------------------------------------------------------------------------

def _listed_claims(data: Loaded) -> Iterator[tuple[Entry, tuple, str]]:
    for entry in data.guides:
        for _, ids, path in claim_lists(entry.model):
            for i, claim_id in enumerate(ids):
                yield entry, (*path, i), claim_id


@rule("MTA409")
def guide_claims_exist(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.claims}
    for entry, path, claim_id in _listed_claims(data):
        if claim_id not in known:
            yield Problem("MTA409", entry.file, entry.field(*path), f"No claim has the id `{claim_id}`.",
                          entry.line(*path))


@rule("MTA209")
def guide_claims_listed_once(data: Loaded) -> Iterator[Problem]:
    for entry in data.guides:
        for _, ids, path in claim_lists(entry.model):
            seen = set()
            for i, claim_id in enumerate(ids):
                if claim_id in seen:
                    yield Problem("MTA209", entry.file, entry.field(*path, i),
                                  f"`{claim_id}` is already listed in these `claims`.", entry.line(*path, i))
                seen.add(claim_id)


# --- derived ----------------------------------------------------------------------

def claim_mentions(guides: dict[str, "Guide"]) -> dict[str, tuple[Mention, ...]]:
    """Claim id -> where guides name it, in guide order (the atlas's), guide box before steps."""
    found: dict[str, list[Mention]] = {}
    for guide in guides.values():
        for mention, ids, _ in claim_lists(guide):
            for claim_id in ids:
                found.setdefault(claim_id, []).append(mention)
    return {claim_id: tuple(mentions) for claim_id, mentions in found.items()}
