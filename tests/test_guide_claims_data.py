"""Claims on guides and the self-massage claims, as data (no MkDocs): rule
MTA409 and the guide part of MTA209, the derived `claim_mentions`, and the
real data's wiring of claims into the guides and onto the new techniques."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.guide_evidence import GUIDE_EVIDENCE_ANCHOR, Mention
from macros.atlas.guides import StepRef
from macros.atlas.problems import DataError

REAL = load_atlas(PROJECT / "data", PROJECT)


def guide_with_claims(tmp_path: Path, guide: list[str] = (), steps: dict[int, list[str]] | None = None,
                      variant_steps: dict[int, list[str]] | None = None) -> Path:
    """A copy of the valid fixture whose first guide names these claims (step numbers are 1-based)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    path = data / "guides" / "first-guide.yml"
    doc = yaml.safe_load(path.read_text())
    if guide:
        doc["claims"] = list(guide)
    for number, ids in (steps or {}).items():
        doc["steps"][number - 1]["claims"] = ids
    for number, ids in (variant_steps or {}).items():
        doc["variants"][0]["steps"][number - 1]["claims"] = ids
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    return data


# --- rules -------------------------------------------------------------------------

def test_unknown_claim_in_a_step_names_file_field_and_line(tmp_path):
    data = guide_with_claims(tmp_path, steps={2: ["general-calm", "no-such-claim"]})
    with pytest.raises(DataError) as caught:
        load_atlas(data, tmp_path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.file, problem.field) == \
        ("MTA409", "data/guides/first-guide.yml", "steps[1].claims[1]")
    assert "no-such-claim" in problem.message and problem.line
    assert "MTA409 unknown-claim" in str(problem)


def test_unknown_claim_in_a_variant_step_is_found_too(tmp_path):
    with pytest.raises(DataError) as caught:
        load_atlas(guide_with_claims(tmp_path, variant_steps={1: ["nope"]}), tmp_path)
    assert [(p.code, p.field) for p in caught.value.problems] == [("MTA409", "variants[0].steps[0].claims[0]")]


def test_a_claim_listed_twice_is_a_repeated_entry(tmp_path):
    with pytest.raises(DataError) as caught:
        load_atlas(guide_with_claims(tmp_path, guide=["general-calm", "alpha-warms", "general-calm"]), tmp_path)
    assert [(p.code, p.field) for p in caught.value.problems] == [("MTA209", "claims[2]")]


def test_the_same_claim_on_the_guide_and_a_step_is_fine(tmp_path):
    atlas = load_atlas(guide_with_claims(tmp_path, guide=["general-calm"], steps={1: ["general-calm"]}), tmp_path)
    assert atlas.claim_mentions["general-calm"] == (
        Mention("first-guide"), Mention("first-guide", StepRef("first-guide", None, 1)))


def test_mentions_are_derived_in_guide_then_step_order_with_their_anchors(tmp_path):
    data = guide_with_claims(tmp_path, guide=["alpha-warms"], steps={2: ["general-calm", "alpha-warms"]},
                             variant_steps={1: ["general-calm"]})
    atlas = load_atlas(data, tmp_path)
    anchors = {c: [(m.guide, m.anchor) for m in ms] for c, ms in atlas.claim_mentions.items()}
    assert anchors == {
        "alpha-warms": [("first-guide", GUIDE_EVIDENCE_ANCHOR), ("first-guide", "step-2")],
        "general-calm": [("first-guide", "step-2"), ("first-guide", "variant-other-way-step-1")],
    }


def test_guides_without_claims_mention_nothing():
    assert load_atlas(FIXTURES / "valid").claim_mentions == {}


# --- the real data: the places the guides engineer listed ---------------------------

def _step(guide_id: str, title: str):
    guide = REAL.guides[guide_id]
    steps = [*guide.steps, *(s for v in guide.variants for s in v.steps)]
    return next(s for s in steps if s.title == title)


WIRED_GUIDES = {
    "preparing-for-a-massage": {"water-flushes-toxins", "muscle-tension"},
    "back-massage-for-fatigue": {"energy-fatigue", "muscle-tension", "muscular-corset", "posture"},
    "self-neck-massage": {"neck-pain", "headache", "dizziness", "osteochondrosis", "skin-condition", "skin-youth"},
    "back-self-massage-with-tools": {"flexibility", "exercise-soreness", "muscle-tension"},
}
WIRED_STEPS = [
    ("preparing-for-a-massage", "Breathe slowly and let go", {"anxiety-stress"}),
    ("partner-neck-massage", "Squeeze the tops of the shoulders", {"energy-fatigue"}),
    ("partner-neck-massage", "Lift the head gently", {"head-lift-trains-neck"}),
    ("basic-back-massage", "Warm up with long strokes", {"muscle-tension"}),
    ("basic-back-massage", "Knead the upper back", {"muscle-tension", "muscle-blood-flow"}),
    ("basic-back-massage", "Small circles with the palms and fingers", {"muscle-tension"}),
    ("back-self-massage-with-tools", "Ball against the wall, upper back", {"ball-massage-tension"}),
    ("back-self-massage-with-tools", "Foam roller across the upper back",
     {"foam-rolling-range-of-motion", "foam-rolling-soreness"}),
    ("back-self-massage-with-tools", "Handheld massager on the shoulders", {"handheld-massager-soreness"}),
]


@pytest.mark.parametrize("guide_id, claims", WIRED_GUIDES.items(), ids=list(WIRED_GUIDES))
def test_guides_name_the_claims_their_text_raises(guide_id, claims):
    assert claims <= set(REAL.guides[guide_id].claims)


@pytest.mark.parametrize("guide_id, title, claims", WIRED_STEPS, ids=[f"{g}:{t}" for g, t, _ in WIRED_STEPS])
def test_steps_name_the_claims_made_for_them(guide_id, title, claims):
    assert claims <= set(_step(guide_id, title).claims)


def test_step_claims_are_about_the_steps_technique_or_massage_in_general():
    """A claim made for named techniques belongs on a step that uses one of them."""
    for guide in REAL.guides.values():
        for step in [*guide.steps, *(s for v in guide.variants for s in v.steps)]:
            for claim_id in step.claims:
                claim = REAL.claims[claim_id]
                assert claim.massage_in_general or step.technique in claim.techniques, (guide.id, step.title, claim_id)


def test_guide_prose_links_no_claim_by_hand():
    """Guides point to claims through `claims`, so the label is shown; a hand-written
    #claim- link in the prose would show none (the water line used to have one)."""
    for guide in REAL.guides.values():
        texts = [guide.introduction or "", *guide.aftercare,
                 *(s.action for s in guide.steps), *(v.introduction for v in guide.variants)]
        assert not [t for t in texts if "#claim-" in t], guide.id


# --- the real data: claims for the techniques that had none ----------------------------

def test_self_massage_techniques_have_their_claims():
    by = REAL.claims_by_technique
    assert {"foam-rolling-range-of-motion", "foam-rolling-soreness", "foam-rolling-fascia"} <= set(by["foam-rolling"])
    assert "ball-massage-tension" in by["ball-massage"]
    assert {"handheld-massager-soreness", "handheld-massager-tension"} <= set(by["handheld-massager"])
    assert "brush-massage-skin" in by["brush-massage"]
    assert "head-lift-trains-neck" in by["passive-stretching"]
    # compression makes no health claim, on its page or in the seeds, so it needs none
    assert by["compression"] == ()


def test_foam_rolling_evidence_rests_on_the_rolling_reviews_and_says_how_weak_it_is():
    for claim_id in ("foam-rolling-range-of-motion", "foam-rolling-soreness"):
        claim = REAL.claims[claim_id]
        assert claim.label == "evidence-backed"
        assert set(claim.references) == {"cheatham2015", "wiewelhove2019", "ferreira2022"}
        assert (claim.certainty.level, claim.certainty.graded_by) == ("low", "atlas")
        assert "not hands" in claim.limits


def test_vibration_devices_back_the_massager_claim_only_as_far_as_they_go():
    claim = REAL.claims["handheld-massager-soreness"]
    assert claim.label == "evidence-backed" and claim.references == ["lu2019"]
    assert claim.certainty.level == "very low"
    # Lu 2019 tested platforms and vibrators, not home massagers: the claim says so twice.
    assert "not a handheld massager" in claim.studied.intervention
    assert "did not test the handheld massagers" in claim.limits


def test_untested_beliefs_stay_traditional():
    for claim_id in ("ball-massage-tension", "handheld-massager-tension", "brush-massage-skin", "head-lift-trains-neck"):
        claim = REAL.claims[claim_id]
        assert (claim.label, claim.research_status) == ("traditional", "untested"), claim_id
    fascia = REAL.claims["foam-rolling-fascia"]
    assert (fascia.research_status, fascia.references) == ("inconclusive", ["chaudhry2008"])
