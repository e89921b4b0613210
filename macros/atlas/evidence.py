"""Claims, benefits and citations: the rules that keep them honest and the
lookups the pages need. Knows nothing of MkDocs or of rendering.

Rules MTA301-MTA310 live here, registered in :mod:`macros.atlas.rules`; the
shared id rules cover claim files too (MTA201 and MTA202 in rules.py, the
claim fields of MTA203, MTA207 and MTA209 here).

Citations are counted by *citers*: one small function per kind of data that
can cite a reference (technique `sources`, claim `references`). Another
feature that cites references (guides, an exam map) registers its own citer
with ``@citer("guide")``; the unused-reference rule (MTA309) and the
bibliography's "cited by" links then count it without further changes.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .loading import Entry
from .models import BENEFIT_GROUP_ORDER, CERTAINTY_ORDER, LABEL_ORDER, STATUS_ORDER, Claim
from .problems import Problem
from .rules import Loaded, rule, unused_entries


# --- citations ------------------------------------------------------------------

@dataclass(frozen=True)
class Citation:
    """One place that cites a reference."""

    reference: str  # the reference id
    kind: str  # who cites it: "technique", "claim", or a kind another feature registers
    owner: str  # the citing entry's id
    file: str
    field: str  # field path in that file, e.g. sources[2]


Citer = Callable[[Loaded], Iterator[Citation]]
CITERS: dict[str, Citer] = {}


def citer(kind: str):
    """Register a function that lists the citations made by one kind of data."""

    def register(func: Citer) -> Citer:
        assert kind not in CITERS, f"citer `{kind}` registered twice"
        CITERS[kind] = func
        return func

    return register


def _cited_ids(entries: list[Entry], kind: str, field: str) -> Iterator[Citation]:
    for entry in entries:
        for i, ref in enumerate(getattr(entry.model, field)):
            yield Citation(ref, kind, entry.model.id, entry.file, entry.field(field, i))


@citer("technique")
def technique_citations(data: Loaded) -> Iterator[Citation]:
    yield from _cited_ids(data.techniques, "technique", "sources")


@citer("claim")
def claim_citations(data: Loaded) -> Iterator[Citation]:
    yield from _cited_ids(data.claims, "claim", "references")


def collect_citations(data: Loaded) -> dict[str, list[Citation]]:
    """Reference id -> every citation of it, from every registered citer."""
    found: dict[str, list[Citation]] = defaultdict(list)
    for func in CITERS.values():
        for citation in func(data):
            found[citation.reference].append(citation)
    return dict(found)


# --- rules: one claim file's own consistency ------------------------------------

_EVIDENCE_ONLY = ("certainty", "studied", "limits")
_TRADITIONAL_ONLY = ("origin", "research_status")


@rule("MTA301")
def claim_names_its_scope(data: Loaded) -> Iterator[Problem]:
    for entry in data.claims:
        claim: Claim = entry.model
        if bool(claim.techniques) == claim.massage_in_general:
            both = "both" if claim.massage_in_general else "neither"
            field = "massage_in_general" if claim.massage_in_general else "techniques"
            yield Problem("MTA301", entry.file, field,
                          f"The claim has {both} `techniques` and `massage_in_general: true`.", entry.line(field))


@rule("MTA302")
def evidence_cites_a_reference(data: Loaded) -> Iterator[Problem]:
    for entry in data.claims:
        if entry.model.label == "evidence-backed" and not entry.model.references:
            yield Problem("MTA302", entry.file, "references",
                          "An evidence-backed claim needs at least one reference.", entry.line("label"))


@rule("MTA303")
def evidence_states_certainty(data: Loaded) -> Iterator[Problem]:
    for entry in data.claims:
        if entry.model.label == "evidence-backed" and entry.model.certainty is None:
            yield Problem("MTA303", entry.file, "certainty",
                          "An evidence-backed claim needs `certainty`.", entry.line("label"))


def _missing(data: Loaded, code: str, label: str, fields: tuple[str, ...]) -> Iterator[Problem]:
    for entry in data.claims:
        if entry.model.label == label:
            for field in fields:
                if getattr(entry.model, field) is None:
                    yield Problem(code, entry.file, field, f"A claim labelled `{label}` needs `{field}`.",
                                  entry.line("label"))


@rule("MTA304")
def evidence_states_study_and_limits(data: Loaded) -> Iterator[Problem]:
    yield from _missing(data, "MTA304", "evidence-backed", ("studied", "limits"))


@rule("MTA305")
def traditional_states_origin_and_status(data: Loaded) -> Iterator[Problem]:
    yield from _missing(data, "MTA305", "traditional", _TRADITIONAL_ONLY)


@rule("MTA306")
def status_cites_research(data: Loaded) -> Iterator[Problem]:
    for entry in data.claims:
        status = entry.model.research_status
        if status in ("inconclusive", "contradicted") and not entry.model.references:
            yield Problem("MTA306", entry.file, "references",
                          f"A claim whose research status is `{status}` must cite that research.",
                          entry.line("research_status"))


@rule("MTA307")
def fields_match_label(data: Loaded) -> Iterator[Problem]:
    for entry in data.claims:
        label = entry.model.label
        wrong = _TRADITIONAL_ONLY if label == "evidence-backed" else _EVIDENCE_ONLY
        for field in wrong:
            if getattr(entry.model, field) is not None:
                yield Problem("MTA307", entry.file, field,
                              f"`{field}` does not belong on a claim labelled `{label}`.", entry.line(field))


# --- rules: ids that must resolve ------------------------------------------------

def _unknown(entries: list[Entry], code: str, field: str, known: set[str], what: str) -> Iterator[Problem]:
    for entry in entries:
        values = getattr(entry.model, field) or []
        for i, value in enumerate([values] if isinstance(values, str) else values):
            path = (field,) if isinstance(values, str) else (field, i)
            if value not in known:
                yield Problem(code, entry.file, entry.field(*path), f"No {what} has the id `{value}`.",
                              entry.line(*path))


@rule("MTA203")
def claim_techniques_exist(data: Loaded) -> Iterator[Problem]:
    yield from _unknown(data.claims, "MTA203", "techniques", {e.model.id for e in data.techniques}, "technique")


@rule("MTA207")
def claim_references_exist(data: Loaded) -> Iterator[Problem]:
    yield from _unknown(data.claims, "MTA207", "references", {e.model.id for e in data.references}, "reference")


@rule("MTA308")
def claim_benefits_exist(data: Loaded) -> Iterator[Problem]:
    yield from _unknown(data.claims, "MTA308", "benefit", {e.model.id for e in data.benefits}, "benefit")


@rule("MTA209")
def no_repeated_claim_values(data: Loaded) -> Iterator[Problem]:
    for entry in data.claims:
        for field in ("techniques", "references"):
            seen = set()
            for i, value in enumerate(getattr(entry.model, field) or []):
                if value in seen:
                    yield Problem("MTA209", entry.file, entry.field(field, i),
                                  f"`{value}` is already listed in `{field}`.", entry.line(field, i))
                seen.add(value)


# --- rules: shared vocabularies report what nothing uses --------------------------

@rule("MTA309")
def every_reference_is_cited(data: Loaded) -> Iterator[Problem]:
    yield from unused_entries(data.references, set(collect_citations(data)), "MTA309",
                              "Nothing cites the reference `{id}`.")


@rule("MTA310")
def every_benefit_is_claimed(data: Loaded) -> Iterator[Problem]:
    yield from unused_entries(data.benefits, {e.model.benefit for e in data.claims}, "MTA310",
                              "No claim is about the benefit `{id}`.")


# --- derived lookups (stored on Atlas by catalog.derive) -----------------------------

# Within a label, the most informative first: surer evidence before weaker, and
# traditional claims that research contradicts before those it has not tested.
_STRENGTH = {**{level: i for i, level in enumerate(CERTAINTY_ORDER)},
             **{status: i for i, status in enumerate(reversed(STATUS_ORDER))}}


def claim_order(benefit_order: dict[str, int]) -> Callable[[Claim], tuple]:
    """Sort key: by benefit (as benefit_order ranks them), evidence-backed first, surest first, then id."""
    def key(c: Claim) -> tuple:
        grade = c.certainty.level if c.certainty else c.research_status
        return benefit_order[c.benefit], LABEL_ORDER.index(c.label), _STRENGTH.get(grade, 99), c.id
    return key


def benefit_order(benefits: list) -> list:
    """Benefits grouped as BENEFIT_GROUP_ORDER lists the groups, file order within a group."""
    return sorted(benefits, key=lambda b: BENEFIT_GROUP_ORDER.index(b.group))


def derive_evidence(loaded: Loaded, technique_ids: list[str]) -> dict:
    """The evidence part of the derived data on Atlas (see its docstring)."""
    benefits = benefit_order([e.model for e in loaded.benefits])
    position = {b.id: i for i, b in enumerate(benefits)}
    claims = sorted((e.model for e in loaded.claims), key=claim_order(position))
    by_technique: dict[str, list[str]] = {tid: [] for tid in technique_ids}
    by_benefit: dict[str, list[str]] = {b.id: [] for b in benefits}
    general: list[str] = []
    for claim in claims:
        by_benefit[claim.benefit].append(claim.id)
        if claim.massage_in_general:
            general.append(claim.id)
        for tid in claim.techniques or []:
            by_technique[tid].append(claim.id)
    # Claims about massage in general come first on a benefit page.
    general_set = set(general)
    for bid, ids in by_benefit.items():
        by_benefit[bid] = [i for i in ids if i in general_set] + [i for i in ids if i not in general_set]
    citations = collect_citations(loaded)
    return {
        "claims": {c.id: c for c in claims},
        "benefits": {b.id: b for b in benefits},
        "claims_by_technique": {k: tuple(v) for k, v in by_technique.items()},
        "claims_by_benefit": {k: tuple(v) for k, v in by_benefit.items()},
        "general_claims": tuple(general),
        "cited_by": {k: tuple(v) for k, v in citations.items()},
    }
