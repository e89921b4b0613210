"""The exam map's rows: each content area, how far the atlas covers it, and where.

Coverage is derived, never typed: an area with no links is "Not covered"; one
with links and `gaps` is "Partly covered"; one with links and no gaps, "Covered".
"""
from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Atlas
from ..models import ExamArea, ExamLink
from .terms import CARDS_SRC, STUDY_SRC, TECHNIQUE_SECTIONS, PageRef, section

STUDY_TARGETS = {
    "quizzes": PageRef("Self-check quizzes", STUDY_SRC, "quizzes"),
    "flashcards": PageRef("Flashcard decks", STUDY_SRC, "flashcards"),
    "cards": PageRef("Printable technique cards", CARDS_SRC),
}


@dataclass(frozen=True)
class ExamPlace:
    label: str  # what the student finds there
    where: str  # e.g. "“Safety” on every technique page"; empty for a single study page
    refs: tuple[PageRef, ...]


@dataclass(frozen=True)
class ExamRow:
    area: ExamArea
    anchor: str
    status: str
    places: tuple[ExamPlace, ...]


def coverage(area: ExamArea) -> str:
    if not area.links:
        return "Not covered"
    return "Partly covered" if area.gaps else "Covered"


def _place(atlas: Atlas, link: ExamLink) -> ExamPlace:
    if link.study:
        ref = STUDY_TARGETS[link.study]
        return ExamPlace(link.label, "", (ref,))
    ids = link.techniques or list(atlas.techniques)
    title = TECHNIQUE_SECTIONS[link.section]
    where = f"“{title}” on every technique page" if not link.techniques else f"“{title}” on these technique pages"
    return ExamPlace(link.label, where,
                     tuple(PageRef(atlas.techniques[i].name, section(atlas.techniques[i], link.section).src,
                                   link.section) for i in ids))


def exam_rows(atlas: Atlas) -> list[ExamRow]:
    exam = atlas.exam_map
    if exam is None:
        return []
    return [ExamRow(area, f"area-{area.id}", coverage(area), tuple(_place(atlas, link) for link in area.links))
            for area in exam.areas]
