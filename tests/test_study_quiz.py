"""Quiz generation from the data, without MkDocs.

The checks re-read the YAML files directly and decide what is right and wrong
themselves, so they do not trust the generator's own helpers.
"""
from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.study import quiz as quiz_module
from macros.atlas.study.quiz import quizzes, technique_quiz
from macros.atlas.study.terms import section

PRESSURE = ["light", "moderate", "firm", "deep"]
SESSION = {"opening": "opening", "main part": "main", "closing": "closing"}


def raw(data_dir, kind="techniques"):
    return {p.stem: yaml.safe_load(p.read_text()) for p in (data_dir / kind).glob("*.yml")}


def pressure_levels(text: str) -> set[str]:
    """'Light to firm' -> {light, moderate, firm}, as the technique page shows a range."""
    low, _, high = text.lower().partition(" to ")
    return set(PRESSURE[PRESSURE.index(low): PRESSURE.index(high or low) + 1])


def session_places(text: str) -> set[str]:
    """'Opening, main part and closing' -> {opening, main, closing}"""
    parts = text.lower().replace(" and ", ", ").split(", ")
    return {SESSION[p] for p in parts}


def check_question(q, t: dict, techniques: dict):
    """Assert that exactly the right option is right, judged from the raw data."""
    right = [o for o in q.options if o.correct]
    wrong = [o for o in q.options if not o.correct]
    assert len(right) == 1 and len(q.options) >= 3, q.id
    answer = right[0].text
    names_of = {tid: {d["name"].casefold(), *(a["name"].casefold() for a in d.get("aliases", []))}
                for tid, d in techniques.items()}
    if q.kind == "recognise":
        assert answer == t["name"]
        for o in wrong:
            owner = next(tid for tid, d in techniques.items() if d["name"] == o.text)
            assert techniques[owner]["summary"] != t["summary"]
        for name in names_of[t["id"]]:
            assert name not in " ".join(q.quote).casefold(), f"{q.id}: the quote names the answer"
    elif q.kind == "other-name":
        assert answer.casefold() in names_of[t["id"]] - {t["name"].casefold()}
        for o in wrong:
            assert o.text.casefold() not in names_of[t["id"]]
    elif q.kind == "pressure":
        own = pressure_levels(f"{t['pressure'][0]} to {t['pressure'][-1]}") | set(t["pressure"])
        assert pressure_levels(answer) == own
        for o in wrong:  # a distractor must include a level the technique does not use
            assert pressure_levels(o.text) - own, f"{q.id}: `{o.text}` could be defended as right"
    elif q.kind == "hand-part" and answer == t["name"]:
        part = q.prompt.removeprefix("Which of these techniques uses the ").removesuffix("?")
        assert part in t["hand_parts"]
        for o in wrong:
            owner = next(d for d in techniques.values() if d["name"] == o.text)
            assert part not in owner["hand_parts"]
            if part not in {"forearms", "ball", "foam roller", "handheld massager", "brush"}:
                assert "whole hand" not in owner["hand_parts"]  # a part of the hand belongs to the whole hand
    elif q.kind == "hand-part":
        assert answer.lower() in t["hand_parts"]
        tools = {"ball", "foam roller", "handheld massager", "brush"}
        uses_the_hand = bool(set(t["hand_parts"]) - tools - {"forearms"})
        for o in wrong:
            assert o.text.lower() not in t["hand_parts"]
            if uses_the_hand:  # the whole hand includes whatever part of it the technique uses
                assert o.text.lower() != "whole hand"
            if "whole hand" in t["hand_parts"]:  # ...and then every part of the hand is arguably used
                assert o.text.lower() in tools | {"forearms"}
    elif q.kind == "session-place":
        assert session_places(answer) == set(t["session_place"])
        for o in wrong:
            assert session_places(o.text) - set(t["session_place"]), f"{q.id}: `{o.text}` could be right"
    elif q.kind == "contraindication":
        assert answer in t["safety"]["contraindications"]
        for o in wrong:
            assert o.text in t["purposes"] and o.text not in t["safety"]["contraindications"]
    else:
        pytest.fail(f"no independent check for question kind `{q.kind}`: add one")


def test_every_real_question_has_exactly_one_right_answer():
    atlas = load_atlas(PROJECT / "data", PROJECT)
    techniques = raw(PROJECT / "data")
    kinds = set()
    for quiz in quizzes(atlas):
        if not quiz.technique:
            continue  # the claims quiz: next test
        for q in quiz.questions:
            check_question(q, techniques[quiz.technique], techniques)
            kinds.add(q.kind)
    # every kind of question is generated for at least one technique
    assert kinds == set(quiz_module.QUESTION_KINDS)


def test_claims_quiz_asks_every_claims_label_from_its_file():
    atlas = load_atlas(PROJECT / "data", PROJECT)
    claims = raw(PROJECT / "data", "claims")
    (quiz,) = [q for q in quizzes(atlas) if q.id == "claims"]
    # question ids are not claim-<id>: that anchor belongs to the claim's own entry
    assert sorted(q.id for q in quiz.questions) == sorted(f"{cid}-label" for cid in claims)
    for q in quiz.questions:
        claim = claims[q.id.removesuffix("-label")]
        assert q.quote == (claim["statement"],)
        assert [o.text for o in q.options] == ["Evidence-backed", "Traditional"]
        assert q.answer.text.lower() == claim["label"]
        assert (q.see.src, q.see.anchor) == (f"benefits/{claim['benefit']}.md", f"claim-{claim['id']}")
    # shuffled: the atlas's own order (by benefit, evidence-backed first) would give answers away
    assert [q.id for q in quiz.questions] != [f"{cid}-label" for cid in atlas.claims]


def test_every_technique_has_a_quiz_with_feedback_for_every_option():
    atlas = load_atlas(PROJECT / "data", PROJECT)
    for tid in atlas.techniques:
        quiz = technique_quiz(atlas, tid)
        assert len(quiz.questions) >= 3, tid
        for q in quiz.questions:
            assert q.explanation and q.see.src == f"techniques/{tid}.md" and q.see.anchor
            for o in q.options:
                assert o.correct or (o.why and o.why != q.explanation), (q.id, o.text)


@pytest.fixture
def data_copy(project_copy):
    """The real data in a throwaway project copy (some rules check pages under docs/),
    without the guides: their steps must match their techniques' pressure (MTA404),
    and these tests change a technique's pressure on purpose."""
    shutil.rmtree(project_copy / "data" / "guides")
    return project_copy / "data"


def edit(data_dir, technique_id, **fields):
    path = data_dir / "techniques" / f"{technique_id}.yml"
    data = yaml.safe_load(path.read_text())
    data.update(fields)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def question(data_dir, qid):
    technique = qid.split("-")[0]
    quiz = technique_quiz(load_atlas(data_dir, data_dir.parent), technique)
    return next((q for q in quiz.questions if q.id == qid), None)


@pytest.mark.parametrize("pressure, expected", [(["light"], "Light"), (["firm", "deep"], "Firm to deep"),
                                                (["light", "firm"], "Light to firm")])
def test_changing_pressure_in_the_data_changes_the_answer(data_copy, pressure, expected):
    edit(data_copy, "kneading", pressure=pressure)
    q = question(data_copy, "kneading-pressure")
    assert q.answer.text == expected
    check_question(q, raw(data_copy)["kneading"], raw(data_copy))


def test_a_range_inside_the_answer_is_never_a_distractor(data_copy):
    # Two techniques sharing "moderate": for kneading (moderate to firm), "Moderate"
    # alone would also be true, so it must not be offered as wrong.
    edit(data_copy, "rubbing", pressure=["moderate"])
    q = question(data_copy, "kneading-pressure")
    assert "Moderate" not in [o.text for o in q.options]
    check_question(q, raw(data_copy)["kneading"], raw(data_copy))


def test_a_question_without_enough_provably_wrong_options_is_left_out(data_copy):
    assert question(data_copy, "kneading-session-place") is not None
    # used in every part of a session: no place can be proved wrong
    edit(data_copy, "kneading", session_place=["opening", "main", "closing"])
    assert question(data_copy, "kneading-session-place") is None


def test_recognition_hides_the_answer_and_avoids_trick_options():
    atlas = load_atlas(PROJECT / "data", PROJECT)
    q = next(q for q in technique_quiz(atlas, "tapotement").questions if q.kind == "recognise")
    # tapotement's summary names "cupping" (a form of it) and "tapping" (its own alias)
    assert "Cupping" not in [o.text for o in q.options]
    assert "tapping" not in " ".join(q.quote) and len(q.quote) == 2


def test_same_data_builds_the_same_quizzes():
    first = quizzes(load_atlas(PROJECT / "data", PROJECT))
    second = quizzes(load_atlas(PROJECT / "data", PROJECT))
    assert first == second and [q.version for q in first] == [q.version for q in second]
    # the right answer is not always in the same position
    positions = {[o.correct for o in q.options].index(True) for quiz in first for q in quiz.questions}
    assert len(positions) > 1


def test_version_changes_when_an_answer_changes(data_copy):
    before = technique_quiz(load_atlas(data_copy, data_copy.parent), "kneading").version
    edit(data_copy, "kneading", pressure=["light"])
    assert technique_quiz(load_atlas(data_copy, data_copy.parent), "kneading").version != before


def test_extra_quizzes_plug_in_and_cannot_clash_with_technique_ids(monkeypatch):
    atlas = load_atlas(PROJECT / "data", PROJECT)
    stroking = technique_quiz(atlas, "stroking").questions[0]
    monkeypatch.setattr(quiz_module, "EXTRA_QUIZZES", {})
    quiz_module.extra_quiz("mixed", "Mixed", "A test quiz.")(lambda a: [stroking])
    assert quizzes(atlas)[-1].id == "mixed" and quizzes(atlas)[-1].questions == (stroking,)
    quiz_module.extra_quiz("kneading", "Clash", "Same id as a technique.")(lambda a: [stroking])
    with pytest.raises(ValueError, match="kneading"):
        quizzes(atlas)


def test_the_quizzes_are_worked_out_once_per_atlas():
    """Every quiz page asks for all the quizzes; a changed data file (a new atlas) gets new ones."""
    atlas = load_atlas(PROJECT / "data", PROJECT)
    assert quizzes(atlas) is quizzes(atlas)
    again = load_atlas(PROJECT / "data", PROJECT)
    assert again is not atlas and quizzes(again) is not quizzes(atlas)
    assert [q.questions for q in quizzes(again)] == [q.questions for q in quizzes(atlas)]


def test_an_explanation_names_at_most_ten_techniques_that_share_a_value():
    """So a quiz page stays the same size however many techniques share a pressure."""
    from macros.atlas.study.quiz import NAMED_AT_MOST, named
    atlas = load_atlas(PROJECT / "data", PROJECT)
    everyone = list(atlas.techniques.values())
    assert len(everyone) > NAMED_AT_MOST == 10
    text, links = named(everyone, "at-a-glance")
    assert text.endswith(f"{everyone[9].name.lower()} and {len(everyone) - 10} other techniques")
    assert len(links) == 10 and links[0] == section(everyone[0], "at-a-glance")
    assert named(everyone[:2], "at-a-glance")[0] == f"{everyone[0].name.lower()} and {everyone[1].name.lower()}"
