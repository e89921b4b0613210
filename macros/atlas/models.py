"""Typed models of the authored data: the shape every data file must have.

Only fields people write live here. Everything the build derives (mirrored
related techniques, for example) lives on :class:`macros.atlas.catalog.Atlas`.
The JSON Schemas in ``data/schema`` and the field reference in CONTRIBUTING.md
are generated from these classes, so each ``description`` is user-facing text.
"""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, RootModel, StringConstraints,
                      model_validator)

from .markup import check_markup

# Ids become URLs (/techniques/<id>/), so they are lower-case slugs.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=60)]
# Reference ids keep the research brief's spelling (e.g. `fsmtb_mblex`).
RefId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
# PubMed ids are numbers; YAML reads them as ints, and either spelling is fine.
PubMedId = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v),
                     StringConstraints(pattern=r"^\d{5,9}$")]
# A single line of prose: summaries, list items, names. Text fields are
# Markdown that is HTML-escaped on output; check_markup (rule MTA104) rejects
# the few constructs that escaping cannot make safe.
def _line(max_length: int):
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length,
                                            pattern=r"^[^\n]*$"), AfterValidator(check_markup)]


Line = _line(400)
# A Field(max_length=...) beside Line would be silently ignored (pydantic keeps
# Line's own 400), so shorter lines are types of their own.
ShortLine = _line(200)
# Paragraphs of Markdown prose.
Prose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=6000),
                  AfterValidator(check_markup)]

Pressure = Literal["light", "moderate", "firm", "deep"]
Pace = Literal["slow", "moderate", "fast"]
SessionPlace = Literal["opening", "main", "closing"]
Family = Literal["gliding", "kneading", "friction", "percussion", "vibration", "compression", "stretching", "suction"]
HandPart = Literal[
    "palms", "heel of the hand", "fingertips", "finger pads", "thumbs", "knuckles",
    "loose fists", "edge of the hand", "forearms", "whole hand", "back of the hand",
    # In self-massage a tool, not the hand, touches the body and does the work.
    "ball", "foam roller", "handheld massager", "brush",
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
    summary: ShortLine = Field(description="One line that says what it is; shown in lists and previews.")
    description: Prose = Field(description="What the technique is, in a few paragraphs of Markdown.")
    terminology_note: Prose | None = Field(
        default=None, description="Optional: how this name is used differently elsewhere, and what that means.")
    steps: list[Line] = Field(min_length=2, description="How to perform it, as ordered steps.")
    hand_parts: list[HandPart] = Field(
        min_length=1, description="Parts of the hand or arm that do the work, or the tool that does (ball, foam roller...).")
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


class Avoid(Model):
    """When a region must be left alone; body maps show it hatched and labelled."""

    near: list[Slug] = Field(
        min_length=1,
        description="Ids of the regions around it: a technique that works on any of them must avoid this region.")
    pressure: list[Pressure] = Field(
        default_factory=list,
        description="Optional: only when the technique uses one of these pressures. "
                    "With neither `pressure` nor `families`, the region is always avoided.")
    families: list[Family] = Field(
        default_factory=list, description="Optional: or when the technique belongs to one of these families.")
    reason: Line = Field(max_length=160, description="Why, as a short phrase shown beside the body map.")


class Region(Model):
    """A named body region, used by techniques and drawn on the body maps (data/figures)."""

    id: Slug = Field(description="Stable id of the region; becomes the URL /browse/region/<id>/. Never changes.")
    old_ids: list[Slug] = Field(
        default_factory=list,
        description="Optional: ids this region was published under before; their URLs redirect here. Keep every one.")
    name: Line = Field(description="Its name as a reader would say it.")
    group: Literal["head and neck", "shoulders", "back", "front of the trunk", "arms", "legs"] = Field(
        description="The larger area it belongs to, for browsing.")
    avoid: Avoid | None = Field(
        default=None, description="Optional: when techniques must keep off this region (the spine, the kidney area).")


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


# --- guides ------------------------------------------------------------------

Audience = Literal["self", "partner", "professional"]
AUDIENCE_ORDER: tuple[str, ...] = ("self", "partner", "professional")
AUDIENCE_LABELS: dict[str, str] = {
    "self": "Massage yourself",
    "partner": "Massage a partner",
    "professional": "Before and during a professional massage",
}
# up = towards the head, down = towards the feet, outward = from the spine
# towards the sides, inward the reverse; `still` holds one place.
Movement = Literal["up", "down", "up-and-down", "outward", "inward", "across", "circles", "still"]


class Direction(Model):
    """Which way a step moves: prose for readers, a value and end regions for diagrams."""

    words: Line = Field(description="The direction in plain words, e.g. `from the waist up to the neck, beside the spine, never on it`.")
    movement: Movement = Field(
        description="The movement as a value a diagram can draw: up = towards the head, down = towards the feet, "
                    "outward = from the spine towards the sides, inward = the reverse.")
    from_: Slug | None = Field(default=None, alias="from",
                               description="Optional: the region id where the movement starts; one of the step's regions.")
    to: Slug | None = Field(default=None, description="Optional: the region id where the movement ends; one of the step's regions.")


class Step(Model):
    """One step of a guide. Hands-on steps name a technique and say how it is applied."""

    title: Line = Field(max_length=80, description="A short name for the step, e.g. `Rub in wide circles`; shown as its heading.")
    action: Prose = Field(description="What to do, in plain words.")
    technique: Slug | None = Field(
        default=None, description="The id of the technique this step uses (data/techniques). Required in self and partner guides.")
    optional: bool = Field(default=False, description="Optional: true when the step may be left out.")
    hand_parts: list[HandPart] = Field(
        default_factory=list, description="Hands-on steps: the parts of the hand, or the tool, that do the work; ones the technique lists.")
    pressure: Pressure | None = Field(default=None, description="Hands-on steps: the pressure, one the technique lists.")
    regions: list[Slug] = Field(
        default_factory=list, description="Hands-on steps: the body regions worked, ids from data/regions.yml that the technique lists.")
    direction: Direction | None = Field(default=None, description="Hands-on steps: which way the movement goes.")
    avoid: list[Slug] = Field(
        default_factory=list, description="Optional: regions to keep pressure off in this step, e.g. `spine`, `kidney-area`.")
    repetitions: Line | None = Field(
        default=None, description="Hands-on steps: how many times or for how long, e.g. `5-10 strokes on each side`.")
    should_feel: Line | None = Field(default=None, description="Hands-on steps: what the person receiving it should feel.")
    caution: Line | None = Field(default=None, description="Optional: a warning that belongs to this step; shown beside it.")
    claims: list[Slug] = Field(
        default_factory=list,
        description="Optional: ids of claims (data/claims) that people make for this step; shown with their labels "
                    "at the end of the step. The step's own text never states them.")


class Need(Model):
    """One thing to have ready, shown as a checklist item."""

    item: Line = Field(description="The thing, e.g. `a tennis ball`.")
    optional: bool = Field(default=False, description="Optional: true when the guide works without it.")


class Preparation(Model):
    """What to set up and ask before the first step."""

    room: list[Line] = Field(min_length=1, description="The room or place: warmth, quiet, surface.")
    position: list[Line] = Field(min_length=1, description="How the person receiving it sits or lies, and where the giver is.")
    ask_and_check: list[Line] = Field(min_length=1, description="What to ask and check before starting.")


class Variant(Model):
    """Another way through the guide, with its own steps (e.g. with a brush instead of the hands)."""

    id: Slug = Field(description="Stable id within the guide; anchors are #variant-<id> and #variant-<id>-step-<n>.")
    title: Line = Field(description="The variant's heading, e.g. `Variant: with a brush and cream`.")
    introduction: Prose = Field(description="When and why to use it, and what changes.")
    time_needed: Line | None = Field(default=None, description="Optional: how long the variant takes.")
    steps: list[Step] = Field(min_length=1, description="The variant's steps, in order.")


class Guide(Model):
    """A step-by-step guide: one file, data/guides/<id>.yml."""

    id: Slug = Field(description="Stable id; equals the file name and becomes the URL /guides/<id>/. Never changes.")
    old_ids: list[Slug] = Field(
        default_factory=list,
        description="Optional: ids this guide was published under before; their URLs redirect here. Keep every one.")
    title: Line = Field(description="The guide's title, e.g. `Neck massage for a partner`.")
    summary: Line = Field(max_length=200, description="One line that says what the guide is; shown in lists and previews.")
    audience: Audience = Field(
        description="Who it is for: `self` (massage yourself), `partner` (massage someone else), "
                    "`professional` (you receive a massage from a professional).")
    introduction: Prose | None = Field(default=None, description="Optional: a short introduction in Markdown.")
    claims: list[Slug] = Field(
        default_factory=list,
        description="Optional: ids of claims (data/claims) about what the guide as a whole is said to do, such as "
                    "relieving fatigue; shown with their labels in a \"What the evidence says\" box after the introduction.")
    time_needed: Line = Field(description="How long it takes, e.g. `5-10 minutes`.")
    what_you_need: list[Need] = Field(min_length=1, description="What to have ready; shown as a checklist.")
    preparation: Preparation = Field(description="The room, the position, and what to ask and check first.")
    steps: list[Step] = Field(min_length=1, description="The steps, in order; step n has the stable anchor #step-n.")
    variants: list[Variant] = Field(default_factory=list, description="Optional: other ways through the guide, each with its own steps.")
    aftercare: list[Line] = Field(min_length=1, description="What to do afterwards.")
    safety: Safety = Field(description="Who should not use the guide, when to stop, when to see a professional.")
    common_mistakes: list[Line] = Field(min_length=1, description="Mistakes people often make with this sequence.")


# --- figures: the body drawings of the body maps ------------------------------

# Drawing coordinates, in the figure's own units (its `view_box`).
Coordinate = Annotated[float, Field(ge=-2000, le=2000)]
# A point is [x, y]; on a smooth shape, [x, y, corner] keeps the curve sharp there.
Point = tuple[Coordinate, Coordinate] | tuple[Coordinate, Coordinate, Literal["corner"]]


class Shape(Model):
    """An area (or, for landmarks, a line) drawn through points."""

    points: list[Point] = Field(min_length=2, description="The points, as [x, y] in the figure's units.")
    smooth: bool = Field(
        default=False,
        description="Optional: true draws a smooth curve through the points (a point written "
                    "[x, y, corner] stays sharp); false joins them with straight lines.")
    mirror: Literal["none", "pair", "whole"] = Field(
        default="none",
        description="Optional: `pair` also draws the mirror image across the figure's `axis` (two shoulder "
                    "blades from one); `whole` means the points run down one half from the axis back to the "
                    "axis, and the mirror image completes one symmetric shape; `none` draws it as written.")


class FigureRegion(Model):
    """Where one region lies on a figure."""

    region: Slug = Field(description="A region id from data/regions.yml.")
    shapes: list[Shape] = Field(
        min_length=1,
        description="Its shapes. Shapes are clipped to the body's outline, so edges on the outside may "
                    "overshoot it a little; later regions are drawn over earlier ones.")


class Figure(Model):
    """One body map figure: one file, data/figures/<id>.yml.

    Either a drawing (an `outline`, or the outline of another figure through
    `outline_of`, plus the regions drawn on it) or a close-up of another figure.
    """

    id: Slug = Field(description="Stable id; equals the file name.")
    name: Line = Field(max_length=60, description="Its name, shown under it, e.g. `Back view`.")
    view_box: tuple[Coordinate, Coordinate, Annotated[float, Field(gt=0, le=4000)],
                    Annotated[float, Field(gt=0, le=4000)]] = Field(
        description="The area shown, [x, y, width, height] in the figure's units (y grows downwards).")
    axis: Coordinate | None = Field(
        default=None, description="The x of the body's line of symmetry, for mirrored shapes. Required on a drawing.")
    outline: Shape | None = Field(
        default=None, description="The body's outline as one closed shape; regions are clipped to it.")
    outline_of: Slug | None = Field(
        default=None, description="Or: the id of a figure whose outline this one shares (front and back views).")
    close_up_of: Slug | None = Field(
        default=None,
        description="Or: the id of a figure this one is a close-up of: it shows that figure's drawing, cropped "
                    "to `view_box`, and has no regions of its own.")
    landmarks: list[Shape] = Field(
        default_factory=list, description="Optional: lines for orientation only, such as the collarbones.")
    regions: list[FigureRegion] = Field(
        default_factory=list, description="The regions drawn on this figure, each with its shapes.")

    @model_validator(mode="after")
    def _one_kind(self):
        kinds = [name for name in ("outline", "outline_of", "close_up_of") if getattr(self, name) is not None]
        if len(kinds) != 1:
            raise ValueError("give exactly one of `outline`, `outline_of` or `close_up_of`"
                             + (f" (found {', '.join(kinds)})" if kinds else ""))
        if self.close_up_of is None and self.axis is None:
            raise ValueError("a drawing needs `axis`, the x of its line of symmetry")
        if self.close_up_of is not None and (self.regions or self.landmarks or self.axis is not None):
            raise ValueError("a close-up shows the drawing of `close_up_of`; "
                             "give it no `axis`, `landmarks` or `regions` of its own")
        return self


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
# it; the schema still asks editors for a non-empty string. No < or >: Material
# inserts a tooltip's text as HTML.
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



# --- claims and benefits ---------------------------------------------------------
Label = Literal["evidence-backed", "traditional"]
CertaintyLevel = Literal["high", "moderate", "low", "very low"]
ResearchStatus = Literal["untested", "inconclusive", "contradicted"]
BenefitGroup = Literal[
    "pain", "mind and sleep", "recovery and movement", "body systems", "skin and appearance",
    "how it is said to work",
]
LABEL_ORDER: tuple[str, ...] = ("evidence-backed", "traditional")
CERTAINTY_ORDER: tuple[str, ...] = ("high", "moderate", "low", "very low")
STATUS_ORDER: tuple[str, ...] = ("untested", "inconclusive", "contradicted")
BENEFIT_GROUP_ORDER: tuple[str, ...] = BenefitGroup.__args__


class Benefit(Model):
    """A benefit people claim for massage: one entry of data/benefits.yml."""

    id: Slug = Field(description="Stable id; becomes the URL /benefits/<id>/. Never changes.")
    old_ids: list[Slug] = Field(
        default_factory=list,
        description="Optional: ids this benefit was published under before; their URLs redirect here. Keep every one.")
    name: Line = Field(max_length=80, description="Its name as a reader would say it, e.g. `Low-back pain`.")
    group: BenefitGroup = Field(description="The larger group it is listed under on the benefit pages and the matrix.")
    description: Line = Field(description="One line saying what the benefit covers.")


class Certainty(Model):
    """How sure the research is, in the four GRADE levels."""

    level: CertaintyLevel = Field(description="high, moderate, low or very low.")
    graded_by: Literal["source", "atlas"] = Field(
        description="`source` when a cited review graded the evidence itself (usually with GRADE); "
                    "`atlas` when the level is the atlas's own reading (the source gave no grade, or none the atlas could check).")
    note: Line | None = Field(default=None, description="Optional: the grade in the source's own words, or why the atlas chose this level.")


class Studied(Model):
    """What the research actually tested, so readers do not over-read it."""

    intervention: Line = Field(description="What was given, e.g. `whole massage sessions mixing several techniques`.")
    population: Line = Field(description="Who received it, e.g. `adults with chronic low-back pain`.")
    comparison: Line = Field(description="What it was compared with, e.g. `sham massage or no treatment`.")
    duration: Line = Field(description="When the effect was measured and how long it lasted.")


class Claim(Model):
    """One health claim, labelled and cited: one file, data/claims/<id>.yml.

    Evidence-backed claims need `certainty`, `studied`, `limits` and references;
    traditional claims need `origin` and `research_status`. The rules MTA301-MTA307
    check the combinations and name the missing field.
    """

    id: Slug = Field(description="Stable id; equals the file name and becomes the anchor #claim-<id>. Never changes.")
    statement: Line = Field(max_length=240, description="The claim in one plain sentence. For a traditional claim, the belief as people state it; for an evidence-backed claim, what the research supports.")
    benefit: Slug = Field(description="The benefit it is about: an id from data/benefits.yml.")
    techniques: list[Slug] | None = Field(
        default=None, min_length=1,
        description="Ids of the techniques the claim is made for. Leave out when `massage_in_general` is true.")
    massage_in_general: bool = Field(
        default=False,
        description="true when the claim is about massage sessions in general rather than named techniques.")
    label: Label = Field(description="`evidence-backed` or `traditional`.")
    research: Prose = Field(description="What research says about it, in plain words, naming the studies (e.g. `(Furlan 2015)`).")
    references: list[RefId] = Field(default_factory=list, description="Ids from data/references.yml that the `research` text relies on.")
    certainty: Certainty | None = Field(default=None, description="Evidence-backed only: how certain the evidence is.")
    studied: Studied | None = Field(default=None, description="Evidence-backed only: what the research actually tested.")
    limits: Prose | None = Field(default=None, description="Evidence-backed only: what the evidence can NOT show.")
    origin: Prose | None = Field(default=None, description="Traditional only: where the belief comes from.")
    research_status: ResearchStatus | None = Field(
        default=None,
        description="Traditional only: `untested` (no study in the bibliography tests it), `inconclusive` "
                    "(studies exist but do not settle it) or `contradicted` (research points against it).")


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
KINDS: dict[str, type[Model]] = {
    "technique": Technique, "region": Region, "reference": Reference, "figure": Figure,
    "comparison": Comparison, "glossary term": GlossaryTerm, "glossary technique note": TechniqueTermNote,
    "claim": Claim, "benefit": Benefit, "guide": Guide, "exam-map": ExamMap,
}
