"""Study partials rendered alone, without MkDocs: markup, escaping, derived coverage."""
from __future__ import annotations

import json
import re

from conftest import FIXTURES, PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.rendering import Renderer, full_stop
from macros.atlas.study.exam_map import coverage, exam_rows
from macros.atlas.study.quiz import technique_quiz
from macros.atlas.study.render import render_quiz, technique_study

renderer = Renderer(PROJECT / "overrides" / "partials" / "atlas")


def test_quiz_markup_has_a_labelled_radio_and_feedback_per_option():
    atlas = load_atlas(PROJECT / "data", PROJECT)
    quiz = technique_quiz(atlas, "kneading")
    html = render_quiz(renderer, quiz, "study/quiz/kneading.md", atlas)
    key = json.loads(re.search(r"data-quiz-key='([^']*)'", html).group(1))
    assert key == {"quiz": "kneading", "version": quiz.version,
                   "answers": {q.id: q.answer.key for q in quiz.questions}}
    for q in quiz.questions:
        form = html.split(f'<form class="atlas-quiz__question" id="{q.id}"')[1].split("</form>")[0]
        assert form.count('type="radio"') == len(q.options) == form.count('class="atlas-quiz__why"')
        assert form.count(f'name="{q.id}"') == len(q.options)
        assert 'role="status" aria-live="polite"' in form and "<legend>" in form
        # feedback links are Markdown links relative to the quiz's source, so MkDocs checks them
        assert f"]({'../../techniques/kneading.md'}#{q.see.anchor})" in form


def test_full_stop_ends_a_sentence_once():
    assert full_stop("inflamed skin") == "inflamed skin."
    assert full_stop("inflamed skin.") == "inflamed skin."
    assert full_stop("Stop!") == "Stop!" and full_stop("Why?") == "Why?"
    assert full_stop("“as the source says.”") == "“as the source says.”"
    assert full_stop("(see below.)") == "(see below.)" and full_stop("*done.*") == "*done.*"
    assert full_stop("skin ") == "skin." and full_stop("") == ""


def test_no_javascript_answer_does_not_double_a_full_stop():
    # Contraindications are written as sentences; the "Show the answer" text adds
    # a full stop only to answers that lack one.
    atlas = load_atlas(PROJECT / "data", PROJECT)
    quiz = technique_quiz(atlas, "compression")
    (question,) = [q for q in quiz.questions if q.kind == "contraindication"]
    assert question.answer.text.endswith(".")
    html = render_quiz(renderer, quiz, "study/quiz/compression.md", atlas)
    answer = html.split(f'id="{question.id}"')[1].split('<details class="atlas-quiz__answer"')[1].split("</details>")[0]
    assert f"**{question.answer.text}** It is" in answer and f"{question.answer.text}." not in answer
    (other,) = [q for q in quiz.questions if q.kind == "pressure"]
    assert f"**{other.answer.text}.**" in html


def test_quiz_text_from_data_is_escaped():
    atlas = load_atlas(PROJECT / "data", PROJECT)
    t = atlas.techniques["kneading"]
    atlas.techniques["kneading"] = t.model_copy(update={"summary": "Kneading <script>alert(1)</script> it."})
    html = render_quiz(renderer, technique_quiz(atlas, "kneading"), "study/quiz/kneading.md", atlas)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_key_terms_link_where_each_term_is_explained():
    atlas = load_atlas(FIXTURES / "valid")
    study = technique_study(atlas, "alpha", "techniques/alpha.md")
    terms = dict(study["key_terms"])
    assert terms["Names"] == [("Alpha", "#what-it-is"), ("alpha-alias", "#also-known-as")]
    # techniques of alpha's family, or related to it, in the atlas's order
    alpha = atlas.techniques["alpha"]
    neighbours = [o for o in atlas.techniques.values()
                  if o.id != "alpha" and (o.family == alpha.family or o.id in atlas.related["alpha"])]
    assert ("Beta", "beta.md") in terms["Compare with"]  # beta.yml relates itself to alpha
    assert terms["Compare with"] == [(o.name, f"{o.id}.md") for o in neighbours]
    assert study["card_href"] == "../study/cards.md#card-alpha"


def test_exam_coverage_is_derived_from_links_and_gaps():
    atlas = load_atlas(FIXTURES / "valid")
    rows = {row.area.id: row for row in exam_rows(atlas)}
    assert rows["safety"].status == "Covered" and rows["ethics"].status == "Not covered"
    safety_section, pressure, quizzes = rows["safety"].places
    assert [r.src for r in safety_section.refs] == [f"techniques/{tid}.md" for tid in atlas.techniques]
    assert [(r.src, r.anchor) for r in pressure.refs] == [("techniques/alpha.md", "at-a-glance")]
    assert (quizzes.refs[0].src, quizzes.refs[0].anchor) == ("study/index.md", "quizzes")
    assert coverage(atlas.exam_map.areas[0].model_copy(update={"gaps": "Not all of it."})) == "Partly covered"


def test_exam_map_links_its_schema_and_cites_a_verified_reference():
    text = (PROJECT / "data" / "exam-map.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=schema/exam-map.schema.json\n")
    atlas = load_atlas(PROJECT / "data", PROJECT)
    source = atlas.references[atlas.exam_map.source]
    assert source.id == "fsmtb_mblex" and source.verified and source.url.startswith("https://www.fsmtb.org/")


def test_the_exam_map_counts_as_citing_its_outline():
    # only the exam map cites the MBLEx outline: without its citer, MTA309 would call it unused
    atlas = load_atlas(PROJECT / "data", PROJECT)
    assert {(c.kind, c.file) for c in atlas.cited_by["fsmtb_mblex"]} == {("exam map", "data/exam-map.yml")}
