"""Typed models of the authored data: the shape every data file must have.

Only fields people write live here. Everything the build derives (mirrored
related techniques, for example) lives on :class:`macros.atlas.catalog.Atlas`.
The JSON Schemas in ``data/schema`` and the field reference in CONTRIBUTING.md
are generated from these classes, so each ``description`` is user-facing text.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

# Ids become URLs (/techniques/<id>/), so they are lower-case slugs.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=60)]
# Reference ids keep the research brief's spelling (e.g. `fsmtb_mblex`).
RefId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
# PubMed ids are numbers; YAML reads them as ints, and either spelling is fine.
PubMedId = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v),
                     StringConstraints(pattern=r"^\d{5,9}$")]
# A single line of prose: summaries, list items, names.
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400, pattern=r"^[^\n]*$")]
# Paragraphs of Markdown prose.
Prose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=6000)]

Pressure = Literal["light", "moderate", "firm", "deep"]
Pace = Literal["slow", "moderate", "fast"]
SessionPlace = Literal["opening", "main", "closing"]
Family = Literal["gliding", "kneading", "friction", "percussion", "vibration", "compression", "stretching", "suction"]
HandPart = Literal[
    "palms", "heel of the hand", "fingertips", "finger pads", "thumbs", "knuckles",
    "loose fists", "edge of the hand", "forearms", "whole hand",
]

# Human wording for the controlled vocabularies, used by pages and docs.
PRESSURE_ORDER: tuple[str, ...] = ("light", "moderate", "firm", "deep")
PACE_ORDER: tuple[str, ...] = ("slow", "moderate", "fast")
SESSION_ORDER: tuple[str, ...] = ("opening", "main", "closing")
FAMILY_LABELS: dict[str, str] = {
    "gliding": "Gliding strokes",
    "kneading": "Kneading",
    "friction": "Friction",
    "percussion": "Percussion",
    "vibration": "Vibration and shaking",
    "compression": "Compression",
    "stretching": "Stretching and mobilisation",
    "suction": "Suction (cupping)",
}


class Model(BaseModel):
    # Unknown keys are errors (a typo must not be silently ignored), like
    # browser-compat-data's additionalProperties: false.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Alias(Model):
    """Another name for a technique, and who uses it."""

    name: Line = Field(description="The other name, as people write it, e.g. `petrissage`.")
    usage: Line = Field(description="Where or by whom this name is used, e.g. `the standard Swedish massage term`.")


class Safety(Model):
    """Who should not receive a technique, when to stop, when to see a professional."""

    contraindications: list[Line] = Field(
        min_length=1, description="Who should not receive it, or where it must not be used.")
    stop_if: list[Line] = Field(min_length=1, description="Signs that mean: stop at once.")
    see_a_professional: list[Line] = Field(
        min_length=1, description="Situations that need a doctor or a qualified therapist instead.")


class Technique(Model):
    """One hands-on massage technique: one file, data/techniques/<id>.yml."""

    id: Slug = Field(description="Stable id; equals the file name and becomes the URL /techniques/<id>/. Never changes.")
    old_ids: list[Slug] = Field(
        default_factory=list,
        description="Optional: ids this technique was published under before; their URLs redirect here. Keep every one.")
    name: Line = Field(description="The standard name taught for certification, e.g. `Kneading`.")
    aliases: list[Alias] = Field(default_factory=list, description="Other names, each with where it is used.")
    family: Family = Field(description="The technique family it belongs to.")
    summary: Line = Field(max_length=200, description="One line that says what it is; shown in lists and previews.")
    description: Prose = Field(description="What the technique is, in a few paragraphs of Markdown.")
    terminology_note: Prose | None = Field(
        default=None, description="Optional: how this name is used differently elsewhere, and what that means.")
    steps: list[Line] = Field(min_length=2, description="How to perform it, as ordered steps.")
    hand_parts: list[HandPart] = Field(min_length=1, description="Parts of the hand or arm that do the work.")
    equipment: list[Line] = Field(default_factory=list, description="Optional: what else is needed (oil, cups...).")
    pressure: list[Pressure] = Field(min_length=1, description="Pressure levels used, from light to deep.")
    pace: list[Pace] = Field(min_length=1, description="Speed of the movement.")
    rhythm: Line = Field(description="The rhythm and tempo in words, e.g. `slow, even and continuous`.")
    regions: list[Slug] = Field(min_length=1, description="Body regions where it is used: ids from data/regions.yml.")
    session_place: list[SessionPlace] = Field(min_length=1, description="Where it comes in a session.")
    typical_duration: Line = Field(description="How long it is usually applied, e.g. `1-3 minutes per area`.")
    purposes: list[Line] = Field(min_length=1, description="What a practitioner uses it for within a session.")
    safety: Safety = Field(description="Contraindications, when to stop, when to see a professional.")
    common_mistakes: list[Line] = Field(min_length=1, description="Mistakes learners often make.")
    related: list[Slug] = Field(
        default_factory=list,
        description="Ids of related techniques. Write a relation on one side only; the other page shows it too.")
    learning_objectives: list[Line] = Field(min_length=1, description="What a student should be able to do after studying it.")
    professional_only: bool = Field(default=False, description="Optional: true when only trained practitioners should perform it.")
    sources: list[RefId] = Field(default_factory=list, description="Ids from data/references.yml that support the facts on this page.")


class Region(Model):
    """A named body region, used by techniques (and later by body maps)."""

    id: Slug = Field(description="Stable id of the region.")
    name: Line = Field(description="Its name as a reader would say it.")
    group: Literal["head and neck", "shoulders", "back", "front of the trunk", "arms", "legs"] = Field(
        description="The larger area it belongs to, for browsing.")


class Reference(Model):
    """A published source, verified before it was added."""

    id: RefId = Field(description="Stable id, usually first author and year, e.g. `furlan2015`.")
    authors: Line = Field(description="Authors or organisation, as printed.")
    year: int | None = Field(default=None, ge=1800, le=2100, description="Year of publication, when it has one.")
    title: Line = Field(description="The title, exactly as published.")
    container: Line | None = Field(default=None, description="Journal, book or publisher with volume and pages.")
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = Field(
        default=None, description="DOI without the https://doi.org/ prefix.")
    pmid: PubMedId | None = Field(default=None, description="PubMed id.")
    pmcid: Annotated[str, StringConstraints(pattern=r"^PMC\d+$")] | None = Field(default=None, description="PubMed Central id.")
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = Field(default=None, description="Web address (https).")
    type: Line = Field(description="Study or document type, e.g. `Cochrane systematic review`.")
    finding: Prose = Field(description="What the source reports, in a sentence or two.")
    caution: Prose | None = Field(default=None, description="What this source can NOT support.")
    verified: Line = Field(description="Where and how this reference was found and checked.")


# --- study mode: the exam map (data/exam-map.yml) -----------------------------


class ExamLink(Model):
    """One place in the atlas that serves an exam area: a section of the technique pages, or a study page."""

    section: Slug | None = Field(
        default=None,
        description="A section anchor that every technique page has, e.g. `safety`; CONTRIBUTING.md lists them.")
    techniques: list[Slug] = Field(
        default_factory=list,
        description="Optional, with `section`: only these technique ids; empty means every technique page.")
    study: Literal["quizzes", "flashcards", "cards"] | None = Field(
        default=None, description="A study page instead of a section: the quizzes, the flashcard decks or the printable cards.")
    label: Line = Field(description="What the student finds there, e.g. `Who should not receive each technique`.")

    @model_validator(mode="after")
    def one_target(self):
        if (self.section is None) == (self.study is None):
            raise ValueError("give exactly one of `section` (a technique-page section) or `study` (a study page)")
        if self.techniques and self.section is None:
            raise ValueError("`techniques` narrows a `section` link; add `section` or remove `techniques`")
        return self


class ExamArea(Model):
    """One content area of the licensing exam and how much of it the atlas covers."""

    id: Slug = Field(description="Stable id; becomes the anchor #area-<id> on the exam map page.")
    name: Line = Field(description="The area's name exactly as the exam's content outline prints it.")
    links: list[ExamLink] = Field(
        default_factory=list, description="Where the atlas covers this area; none means it is not covered.")
    gaps: Prose | None = Field(
        default=None, description="What the atlas does not cover in this area and where to study it instead.")


class ExamMap(Model):
    """How the atlas maps onto a licensing exam's content outline: data/exam-map.yml."""

    exam: Line = Field(description="The exam's name, e.g. `MBLEx`.")
    source: RefId = Field(description="Id in data/references.yml of the published content outline the areas come from.")
    areas: list[ExamArea] = Field(min_length=1, description="The outline's content areas, in its order.")


# Which model each kind of data file holds, and whether the file is a list.
KINDS: dict[str, type[Model]] = {"technique": Technique, "region": Region, "reference": Reference,
                                 "exam-map": ExamMap}
