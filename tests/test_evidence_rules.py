"""Claims, benefits and references without MkDocs: the MTA3xx rules beyond
their one fixture each, citation counting, and what the real data must say."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, PROJECT
from macros.atlas import evidence
from macros.atlas.catalog import load_atlas, read
from macros.atlas.evidence import CITERS, Citation, citer, collect_citations
from macros.atlas.evidence_views import short_name
from macros.atlas.problems import DataError

REAL = load_atlas(PROJECT / "data", PROJECT)


def fixture_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    return data


def edit_claim(data: Path, claim_id: str, **changes) -> None:
    path = data / "claims" / f"{claim_id}.yml"
    content = yaml.safe_load(path.read_text())
    for key, value in changes.items():
        if value is None:
            content.pop(key, None)
        else:
            content[key] = value
    path.write_text(yaml.safe_dump(content, sort_keys=False))


def problems(data: Path, tmp_path: Path):
    with pytest.raises(DataError) as caught:
        load_atlas(data, tmp_path)
    return caught.value.problems


# --- the shared id rules also cover claim files -------------------------------------

@pytest.mark.parametrize("changes, code, field, value", [
    ({"techniques": ["gamma"]}, "MTA203", "techniques[0]", "gamma"),
    ({"references": ["nobody1999"]}, "MTA207", "references[0]", "nobody1999"),
    ({"references": ["ref2020", "ref2020"]}, "MTA209", "references[1]", "ref2020"),
    ({"id": "alpha-cools"}, "MTA201", "id", "alpha-cools"),
])
def test_id_rules_apply_to_claims(tmp_path, changes, code, field, value):
    data = fixture_copy(tmp_path)
    edit_claim(data, "alpha-warms", **changes)
    (problem,) = problems(data, tmp_path)
    assert (problem.code, problem.file, problem.field) == (code, "data/claims/alpha-warms.yml", field)
    assert value in problem.message and problem.line


def test_claim_problem_names_file_field_and_line(tmp_path):
    data = fixture_copy(tmp_path)
    edit_claim(data, "general-calm", references=None)
    (problem,) = problems(data, tmp_path)
    text = str(problem)
    assert problem.code == "MTA306"
    assert text.startswith("data/claims/general-calm.yml:")
    assert "references:" in text and "contradicted" in text and "Fix:" in text


def test_evidence_field_on_traditional_claim_is_named(tmp_path):
    data = fixture_copy(tmp_path)
    edit_claim(data, "general-calm", certainty={"level": "low", "graded_by": "atlas"})
    (problem,) = problems(data, tmp_path)
    assert (problem.code, problem.field) == ("MTA307", "certainty")


def test_traditional_field_on_evidence_claim_is_named(tmp_path):
    data = fixture_copy(tmp_path)
    edit_claim(data, "alpha-warms", origin="Folklore.")
    (problem,) = problems(data, tmp_path)
    assert (problem.code, problem.field) == ("MTA307", "origin")


def test_claim_without_scope_is_reported(tmp_path):
    data = fixture_copy(tmp_path)
    edit_claim(data, "general-calm", massage_in_general=None)
    (problem,) = problems(data, tmp_path)
    assert problem.code == "MTA301" and "neither" in problem.message


def test_untested_claim_needs_no_reference(tmp_path):
    data = fixture_copy(tmp_path)
    edit_claim(data, "general-calm", research_status="untested", references=None)
    assert "general-calm" in load_atlas(data, tmp_path).claims


def test_wrong_label_value_is_a_shape_error(tmp_path):
    data = fixture_copy(tmp_path)
    edit_claim(data, "general-calm", label="folk")
    (problem,) = problems(data, tmp_path)
    assert (problem.code, problem.field) == ("MTA103", "label")


# --- citations ------------------------------------------------------------------------

def test_citations_count_technique_sources_and_claims():
    loaded, found = read(FIXTURES / "valid", FIXTURES)
    assert not found
    cited = collect_citations(loaded)
    assert {(c.kind, c.owner) for c in cited["ref2020"]} == {
        ("technique", "alpha"), ("technique", "beta"), ("claim", "alpha-warms"), ("claim", "general-calm"),
        ("exam map", "exam-map")}  # study mode's citer: the fixture's exam map names its source


def test_another_feature_can_register_a_citer(tmp_path):
    # A reference cited only by some other kind of data (a guide, an exam map)
    # stops being "unused" once that kind registers its citer.
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    shutil.copy(FIXTURES / "invalid" / "MTA309-unused-reference" / "references.yml", data / "references.yml")
    assert {p.code for p in problems(data, tmp_path)} == {"MTA309"}

    @citer("exam-map")
    def exam_map(loaded):
        yield Citation("ref2021", "exam-map", "mblex", "data/exam.yml", "areas[0]")

    try:
        atlas = load_atlas(data, tmp_path)
        assert [c.kind for c in atlas.cited_by["ref2021"]] == ["exam-map"]
    finally:
        del CITERS["exam-map"]


def test_derived_claim_lookups():
    atlas = load_atlas(FIXTURES / "valid")
    assert atlas.claims_by_technique == {"alpha": ("alpha-warms",), "beta": (), "kappa": ()}
    assert atlas.general_claims == ("general-calm",)
    assert atlas.claims_by_benefit == {"calm": ("general-calm",), "warmth": ("alpha-warms",)}


# --- the real data ----------------------------------------------------------------------

def test_claim_and_benefit_files_link_their_schema():
    for path in (PROJECT / "data" / "claims").glob("*.yml"):
        assert path.read_text().startswith("# yaml-language-server: $schema=../schema/claim.schema.json\n"), path
    assert (PROJECT / "data" / "benefits.yml").read_text().startswith(
        "# yaml-language-server: $schema=schema/benefits.schema.json\n")


# Issue 3, item 4: every benefit the seed articles claim appears as a claim,
# correctly labelled. (claim id, label, research status or None)
SEED_CLAIMS = [
    ("low-back-pain", "evidence-backed", None),             # pain relief
    ("chronic-pain", "evidence-backed", None),
    ("muscle-tension", "traditional", "untested"),
    ("injury-recovery", "traditional", "untested"),
    ("cupping-injury-recovery", "traditional", "untested"),
    ("cupping-athletic-recovery", "traditional", "untested"),
    ("exercise-soreness", "evidence-backed", None),
    ("posture", "traditional", "inconclusive"),
    ("cupping-posture", "traditional", "untested"),
    ("anxiety-stress", "evidence-backed", None),            # stress relief
    ("cupping-stress", "traditional", "untested"),
    ("sleep", "evidence-backed", None),
    ("cupping-sleep", "traditional", "untested"),
    ("immune", "traditional", "inconclusive"),
    ("cupping-immune", "traditional", "untested"),
    ("cupping-detox", "traditional", "untested"),           # lymphatic "detox"
    ("cupping-suction-depth", "traditional", "untested"),   # "several inches"
    ("cupping-marks-toxins", "traditional", "contradicted"),  # "stuck substances"
    ("lactic-acid-flushing", "traditional", "contradicted"),
    ("water-flushes-toxins", "traditional", "contradicted"),
    ("muscle-blood-flow", "traditional", "contradicted"),   # circulation
    ("skin-blood-flow", "evidence-backed", None),
    ("lymph-flow", "traditional", "untested"),
    ("flexibility", "evidence-backed", None),
    ("endorphins", "traditional", "inconclusive"),
    ("scar-tissue", "traditional", "inconclusive"),
    ("weight-cellulite", "traditional", "untested"),        # obesity, cellulite, "salt deposits"
    ("osteochondrosis", "traditional", "untested"),
    ("headache", "evidence-backed", None),                  # headaches and migraine
    ("dizziness", "traditional", "untested"),
    ("skin-condition", "traditional", "untested"),
    ("skin-youth", "traditional", "untested"),              # "prolonging youth"
    ("nerve-conductivity", "traditional", "untested"),
    ("muscular-corset", "traditional", "untested"),         # muscle tone, "muscular corset"
    ("tapotement-muscle-tone", "traditional", "untested"),
    ("neck-pain", "traditional", "contradicted"),
    ("mood-depression", "evidence-backed", None),
    ("energy-fatigue", "traditional", "inconclusive"),
    ("metabolism", "traditional", "untested"),
]


@pytest.mark.parametrize("claim_id, label, status", SEED_CLAIMS, ids=[c[0] for c in SEED_CLAIMS])
def test_seed_claims_are_recorded_and_labelled(claim_id, label, status):
    claim = REAL.claims[claim_id]
    assert (claim.label, claim.research_status) == (label, status)


def test_lactic_acid_claim_is_contradicted_by_wiltshire():
    claim = REAL.claims["lactic-acid-flushing"]
    assert claim.research_status == "contradicted" and "wiltshire2010" in claim.references
    assert {"effleurage", "kneading"} <= set(claim.techniques)


def test_neck_pain_is_not_presented_as_relieved():
    # Cochrane 2024: probably little or no difference from sham at about 12 weeks.
    for claim in REAL.claims.values():
        if "gross2024" in claim.references:
            assert claim.label == "traditional" and claim.research_status == "contradicted", claim.id
    assert not [c for c in REAL.claims.values()
                if c.benefit == "pain-neck" and c.massage_in_general and c.label == "evidence-backed"]


def test_depression_cites_both_reviews_together():
    for claim in REAL.claims.values():
        if {"hou2010", "coelho2008"} & set(claim.references):
            assert {"hou2010", "coelho2008"} <= set(claim.references), claim.id


def test_whole_session_evidence_says_so():
    for claim in REAL.claims.values():
        if claim.massage_in_general and claim.label == "evidence-backed":
            assert claim.studied.intervention, claim.id
        if claim.techniques and claim.label == "evidence-backed" and claim.techniques != ["cupping"]:
            # A technique claim must say which strokes were actually tested.
            names = [REAL.techniques[t].name.lower() for t in claim.techniques]
            assert any(n in claim.studied.intervention.lower() for n in names), claim.id


def _cited_names(text: str) -> set[str]:
    """Short names cited in prose: (Furlan 2015), (Ingraham, "Toxins, Schmoxins!"), Ernst (2003)."""
    found = set(re.findall(r"\(([A-Z][\w'-]+(?: [A-Z][\w'-]+)*) (\d{4})\)", text))
    found |= set(re.findall(r"([A-Z][\w'-]+) \((\d{4})\)", text))
    names = {f"{n} {y}" for n, y in found}
    names |= {f"Ingraham, “{t}”" for t in re.findall(r'\(Ingraham, "([^"]+)"\)', text)}
    names |= {"NCCIH"} if "(NCCIH)" in text else set()
    return names


def test_prose_citations_match_the_references_listed():
    """Every study named in a claim's text is in its references and vice versa,
    so a reader who follows a source link reads the study the sentence means."""
    for claim in REAL.claims.values():
        text = " ".join(filter(None, [claim.research, claim.origin, claim.limits,
                                      claim.certainty.note if claim.certainty else None]))
        listed = {short_name(REAL.references[r]) for r in claim.references}
        assert _cited_names(text) == listed, claim.id


def test_technique_prose_cites_only_its_sources():
    for technique in REAL.techniques.values():
        text = " ".join(filter(None, [technique.description, technique.terminology_note]))
        named = _cited_names(text)
        listed = {short_name(REAL.references[r]) for r in technique.sources}
        assert named <= listed, (technique.id, named - listed)


def test_techniques_state_no_health_effects_of_their_own():
    # Health effects belong in claims; descriptions point to the Claims section.
    for technique in REAL.techniques.values():
        for study in ("wiltshire2010", "hinds2004", "lu2019", "cramer2020", "kim2018neck"):
            assert study not in technique.sources, (technique.id, study)
        assert "Claims section" in " ".join(technique.description.split()) or not REAL.claims_by_technique[technique.id], technique.id


def test_short_names():
    refs = REAL.references
    assert short_name(refs["furlan2015"]) == "Furlan 2015"
    assert short_name(refs["albedah2016"]) == "Al-Bedah 2016"
    assert short_name(refs["nccih_massage"]) == "NCCIH"
    assert short_name(refs["painsci_water"]) == "Ingraham, “Why Drink Water After Massage?”"


def test_evidence_module_registers_its_rules():
    from macros.atlas.problems import RULES
    from macros.atlas.rules import CROSS_RULES
    assert {c for c in RULES if c.startswith("MTA3")} <= set(CROSS_RULES)
    assert evidence.every_reference_is_cited in CROSS_RULES["MTA309"]
