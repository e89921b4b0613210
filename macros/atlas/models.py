"""Typed models of the authored data: the shape every data file must have.

Only fields people write live here. Everything the build derives (mirrored
related techniques, for example) lives on :class:`macros.atlas.catalog.Atlas`.
The JSON Schemas in ``data/schema`` and the field reference in CONTRIBUTING.md
are generated from these classes, so each ``description`` is user-facing text.
"""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, RootModel, StringConstraints

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


# --- comparisons and glossary (issue 5) ---------------------------------------

# A page a glossary term points to: a technique id (`kneading`) or the source
# path of a site page under docs/ (`compare/index.md`), checked by MTA505.
PageRef = Annotated[str, StringConstraints(pattern=r"^([a-z][a-z0-9]*(-[a-z0-9]+)*|[a-z0-9][a-z0-9_./-]*\.md)$", max_length=200)]


class Comparison(Model):
    """Two techniques people confuse: one item of data/comparisons.yml, one side-by-side page."""

    pair: list[Slug] = Field(
        min_length=2, max_length=2,
        description="The two technique ids, e.g. `[stroking, effleurage]`. The page is /compare/<first>-vs-<second>/, "
                    "so keep the order once published.")
    title: Line | None = Field(
        default=None, description="Optional: a page title for a pair that stands for a wider contrast, "
                                  "e.g. `Cupping vs massage: suction or pressure`. Default: `<First> vs <second>`.")
    note: Prose | None = Field(
        default=None, description="Optional: what really tells the two apart, in a few sentences of Markdown.")


# Blank is allowed by the type so that MTA506 (not a generic type error) reports
# it; the schema still asks editors for a non-empty string.
Definition = Annotated[str, BeforeValidator(lambda v: "" if v is None else v),
                       StringConstraints(strip_whitespace=True, max_length=400, pattern=r"^[^\n<>]*$")]


class GlossaryTerm(Model):
    """A term explained on the glossary page and, as a tooltip, wherever it appears."""

    id: Slug = Field(description="Stable id; the glossary anchor is #term-<id>. Never changes.")
    term: Line = Field(description="The term as it is usually written, e.g. `Swedish massage`. Matched in any case "
                                   "(all-capital acronyms exactly) and with a plural -s or -es.")
    definition: Definition = Field(
        json_schema_extra={"minLength": 1},
        description="One or two plain sentences (no Markdown, no `<` or `>`); shown in the tooltip and on the glossary page.")
    aliases: list[Line] = Field(default_factory=list, description="Optional: other spellings or names that show the same definition.")
    related: PageRef | None = Field(
        default=None, description="Optional: the page that explains it: a technique id or a site page such as `compare/index.md`.")
    not_on: list[PageRef] = Field(
        default_factory=list, description="Optional: pages where the word means something else, so it gets no tooltip there.")


class TechniqueTermNote(Model):
    """Technique names and aliases are glossary terms by themselves; this only adjusts one."""

    technique: Slug = Field(description="The id of the technique whose name and aliases this adjusts.")
    not_on: list[PageRef] = Field(
        min_length=1, description="Pages where its name means something else, so it gets no tooltip there "
                                  "(e.g. `cupping` on `tapotement`, where it means striking with hollowed hands).")


def glossary_item_model(item) -> type[Model]:
    """An item of data/glossary.yml that names a `technique` adjusts that technique's term."""
    return TechniqueTermNote if isinstance(item, dict) and "technique" in item else GlossaryTerm


class GlossaryItem(RootModel[Union[GlossaryTerm, TechniqueTermNote]]):
    """For the JSON Schema only: an item of data/glossary.yml is one of the two."""

    model_config = ConfigDict(title="Glossary item")


# Which model each kind of data file holds, and whether the file is a list.
KINDS: dict[str, type[Model]] = {"technique": Technique, "region": Region, "reference": Reference,
                                 "comparison": Comparison, "glossary term": GlossaryTerm,
                                 "glossary technique note": TechniqueTermNote}
