"""Named validation rules and the problems they report.

Every data error the atlas can detect has a stable code (``MTA###``) and a
short name, like tldr-pages' TLDR### codes: authors can search for the code,
and each code has exactly one failing fixture in ``tests/fixtures/invalid``.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    fix: str


_RULE_LIST = [
    # --- file level: the file cannot be read as data ---------------------------
    Rule("MTA001", "yaml-syntax", "The file is not valid YAML.",
         "Fix the YAML syntax at the line shown (indentation, a missing colon, an unclosed quote)."),
    Rule("MTA002", "empty-file", "The file holds no data.",
         "Fill the file from the template in CONTRIBUTING.md, or delete it."),
    Rule("MTA003", "duplicate-key", "A key appears twice in the same mapping; YAML would silently keep only the last.",
         "Keep one of the two keys and merge their values."),
    Rule("MTA004", "wrong-top-level", "The file's top level has the wrong shape (a mapping or a list is expected).",
         "Start from the template in CONTRIBUTING.md."),
    Rule("MTA005", "file-too-large", "The file is larger than any data file needs to be (the limit is 512 KiB).",
         "Split the content, or check that the file is not generated or pasted by mistake."),
    Rule("MTA006", "yaml-alias", "The file repeats a value through a YAML alias (`*name`, `<<: *name`); a few lines of aliases can expand into millions of values.",
         "Write the values out in full: each data file stands alone."),
    # --- shape: the models' typed fields ---------------------------------------
    Rule("MTA101", "missing-field", "A required field is missing.",
         "Add the field; CONTRIBUTING.md lists every field and whether it is required."),
    Rule("MTA102", "unknown-field", "A field the model does not know (often a typo).",
         "Check the spelling against CONTRIBUTING.md, or remove the field."),
    Rule("MTA103", "invalid-value", "A field has the wrong type or a value outside its allowed set.",
         "Use a value of the type and from the allowed values listed in CONTRIBUTING.md."),
    Rule("MTA104", "unsafe-markup", "A text field holds Markdown that could run a script: a `javascript:` (or `vbscript:`, `data:`) link, or an attribute list `{: ...=... }`. HTML typed into text is shown as text.",
         "Link only to https:// addresses or atlas pages, and remove the attribute list."),
    # --- cross-file rules --------------------------------------------------------
    Rule("MTA201", "id-mismatch", "The id inside the file differs from its file name.",
         "Rename the file to <id>.yml, or change the id to match the file name."),
    Rule("MTA202", "duplicate-id", "Two entries share one id.",
         "Give each entry its own id (ids are URLs and never change once published)."),
    Rule("MTA203", "unknown-technique", "A technique id that no file in data/techniques defines.",
         "Use the id of an existing technique (its file name without .yml), or add that technique."),
    Rule("MTA204", "self-related", "A technique lists itself as related.",
         "Remove its own id from `related`."),
    Rule("MTA205", "related-both-sides", "Two techniques list each other as related; a relation is written on one side only.",
         "Remove it from one of the two files: the loader mirrors it onto the other page."),
    Rule("MTA206", "unknown-region", "A body region id that data/regions.yml does not define.",
         "Use an id from data/regions.yml, or add the region there."),
    Rule("MTA207", "unknown-reference", "A reference id that data/references.yml does not define.",
         "Use an id from data/references.yml; add a reference only after verifying it (see CONTRIBUTING.md)."),
    Rule("MTA208", "duplicate-name", "A technique name or alias is used by two techniques, so search and glossary would be ambiguous.",
         "Keep the name on the technique it belongs to; explain the other usage in the description."),
    Rule("MTA209", "duplicate-entry", "The same value appears twice in one list.",
         "Remove the repeated value."),
    # --- claims, benefits and references (MTA3xx) --------------------------------
    Rule("MTA301", "claim-scope", "A claim must name its techniques or say it is about massage in general, not both and not neither.",
         "Write `techniques: [<id>, ...]` for a claim made for named techniques, or `massage_in_general: true` "
         "for one about whole massage sessions."),
    Rule("MTA302", "evidence-without-reference", "An evidence-backed claim cites no reference.",
         "Add the ids of the studies that report the effect to `references`, or label the claim `traditional`."),
    Rule("MTA303", "evidence-without-certainty", "An evidence-backed claim does not say how certain the evidence is.",
         "Add `certainty` with `level` (high, moderate, low, very low) and `graded_by` (source or atlas)."),
    Rule("MTA304", "evidence-without-study", "An evidence-backed claim does not say what was studied or what the evidence cannot show.",
         "Add `studied` (intervention, population, comparison, duration) and `limits`."),
    Rule("MTA305", "traditional-without-origin", "A traditional claim does not say where the belief comes from or what research says of it.",
         "Add `origin` and `research_status` (untested, inconclusive or contradicted)."),
    Rule("MTA306", "status-without-reference", "A traditional claim is called inconclusive or contradicted without citing the research.",
         "Add the ids of the studies to `references`, or set `research_status: untested` if none tests it."),
    Rule("MTA307", "wrong-label-field", "A claim has a field that belongs to the other label (e.g. `certainty` on a traditional claim).",
         "Remove the field, or change `label` if the claim is in fact evidence-backed (or traditional)."),
    Rule("MTA308", "unknown-benefit", "A benefit id that data/benefits.yml does not define.",
         "Use an id from data/benefits.yml, or add the benefit there."),
    Rule("MTA309", "unused-reference", "A reference in data/references.yml that no technique, claim or other page cites.",
         "Cite it where it supports a statement, or remove it from data/references.yml."),
    Rule("MTA310", "unused-benefit", "A benefit in data/benefits.yml that no claim is about.",
         "Write a claim about it, or remove it from data/benefits.yml."),

    # --- guides (MTA4xx) ---------------------------------------------------------
    # Guides also reuse MTA101/MTA103 (a step without an action, a guide without
    # steps), MTA201/MTA202 (ids), MTA203 (unknown technique in a step),
    # MTA206 (unknown region in a step or its direction) and MTA209.
    Rule("MTA401", "step-without-technique", "A step of a self or partner guide names no technique.",
         "Add `technique:` with the id of the technique the step uses; advice that is not a hands-on step belongs in `preparation` or `aftercare`."),
    Rule("MTA402", "incomplete-step", "A step names a technique but not how to apply it (hand parts, pressure, regions, direction, repetitions, what it should feel like), or gives those without naming a technique.",
         "Fill in every hands-on field of the step, or remove them from a step that is advice only."),
    Rule("MTA403", "hand-part-not-in-technique", "A step uses a hand part or tool that its technique's page does not list.",
         "Use one of the technique's `hand_parts`, pick the technique the step really is, or add the hand part to the technique if it belongs there."),
    Rule("MTA404", "pressure-not-in-technique", "A step's pressure is outside the pressures its technique's page lists.",
         "Use one of the technique's `pressure` values, or pick the technique the step really is."),
    Rule("MTA405", "region-not-in-technique", "A step works a region that its technique's page does not list.",
         "Use one of the technique's `regions`, or add the region to the technique if it is really used there."),
    Rule("MTA406", "region-worked-and-avoided", "A step lists the same region under `regions` and `avoid`.",
         "Keep the region in one of the two lists."),
    Rule("MTA407", "direction-endpoints", "A step's direction starts or ends outside the step's regions, starts and ends in the same region, or gives end points to a `still` movement.",
         "Make `from` and `to` two different regions from the step's `regions`, or drop them."),
    Rule("MTA408", "direction-not-drawable", "A step's direction cannot be drawn on the body figures: its movement runs the other way from `from` to `to`, or no single figure shows all of its regions.",
         "Swap `from` and `to`, or choose the movement its words describe; split a step whose regions lie on different figures (front and back) in two."),
    Rule("MTA409", "unknown-claim", "A guide or one of its steps lists a claim id that no file in data/claims defines.",
         "Use the id of a claim in data/claims (its file name without .yml), or write that claim first (see CONTRIBUTING.md)."),

    # --- comparisons, glossary and facets (MTA5xx) ------------------------------
    Rule("MTA501", "comparison-unknown-technique", "A pair in data/comparisons.yml names a technique that no file in data/techniques defines.",
         "Use the id of an existing technique (its file name without .yml)."),
    Rule("MTA502", "comparison-of-itself", "A pair in data/comparisons.yml compares a technique with itself.",
         "Name two different techniques in `pair`."),
    Rule("MTA503", "duplicate-comparison", "The same two techniques are paired twice in data/comparisons.yml (in either order).",
         "Keep one of the two entries and merge their notes."),
    Rule("MTA504", "duplicate-term", "A glossary term, alias or id is defined twice, in data/glossary.yml or also as a technique's name, alias or id "
         "(those are glossary terms by themselves).",
         "Keep the term on one entry; for a technique's own name, edit the technique file instead."),
    Rule("MTA505", "unknown-page", "A glossary entry points (`related`, `not_on`, `technique`) to a technique or site page that does not exist.",
         "Use a technique id (`kneading`) or the path of a page under docs/ (`compare/index.md`)."),
    Rule("MTA506", "empty-definition", "A glossary term has an empty definition.",
         "Write one or two plain sentences that say what the term means."),

    # --- study mode (MTA6xx) -----------------------------------------------------
    Rule("MTA601", "exam-unknown-section", "The exam map links a technique-page section that technique pages do not have.",
         "Use one of the section anchors listed in CONTRIBUTING.md (e.g. `safety`, `at-a-glance`)."),
    Rule("MTA602", "exam-unknown-page", "The exam map links the page of a technique that no file in data/techniques defines.",
         "Use the id of an existing technique (its file name without .yml), or leave `techniques` empty for all of them."),
    Rule("MTA603", "exam-unknown-source", "The exam map's `source` is not an id in data/references.yml.",
         "Cite the published content outline by its id in data/references.yml; add it there only after verifying it."),
    Rule("MTA604", "exam-duplicate-area", "Two exam areas share an id or a name.",
         "Give each area its own id and the name the content outline prints for it."),
    Rule("MTA605", "exam-area-unexplained", "An exam area links no atlas page and does not say what is missing.",
         "Add `links` to the pages that cover it, or write `gaps`: what the atlas does not cover and where to study it."),

    # --- linking, redirects and export (MTA7xx) ---------------------------------
    Rule("MTA701", "old-id-is-current", "An old id is the current id of another entry, so its URL cannot redirect.",
         "Remove it from `old_ids`: that id belongs to the other entry now, or rename one of the two."),
    Rule("MTA702", "duplicate-old-id", "Two entries (or one list twice) claim the same old id, so its URL would redirect two ways.",
         "Keep the old id only on the entry that was published under it."),
    Rule("MTA703", "old-id-is-own-id", "An entry lists its own current id among its old ids.",
         "Remove it from `old_ids`; list only ids the entry was published under before."),

    # --- figures (MTA8xx) --------------------------------------------------------
    Rule("MTA801", "region-not-drawn", "A region in data/regions.yml that no figure in data/figures draws, so no body map can show it.",
         "Add the region, with its shapes, to the `regions` of a figure in data/figures (see CONTRIBUTING.md)."),
    Rule("MTA802", "unknown-figure", "`outline_of` or `close_up_of` names no figure that has an outline of its own.",
         "Use the id of a figure in data/figures that has an `outline` (a drawing, not a close-up)."),
    Rule("MTA803", "avoid-region-worked", "A technique lists a region that it must avoid (see the region's `avoid` in data/regions.yml).",
         "Remove the region from the technique's `regions`, or correct the region's `avoid` conditions."),
    Rule("MTA804", "point-outside-figure", "A point of a figure's shape lies outside its `view_box`, so part of the drawing would be cut off.",
         "Correct the point (coordinates are [x, y] in the figure's units, y grows downwards) or widen `view_box`."),

]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULE_LIST}


@dataclass(frozen=True)
class Problem:
    """One violation of one rule, located as precisely as we can."""

    code: str
    file: str  # path relative to the project root, e.g. data/techniques/kneading.yml
    field: str  # field path, e.g. aliases[0].usage; "" for the whole file
    message: str
    line: int | None = None

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.code} {self.rule.name}: {self.message} Fix: {self.rule.fix}"


class DataError(Exception):
    """Raised when the data has problems; carries all of them, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field, p.code))
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"The atlas data has {count} problem{'s' if count != 1 else ''}:\n{lines}")

    @property
    def codes(self) -> set[str]:
        return {p.code for p in self.problems}
