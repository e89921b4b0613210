"""Study mode in a real build of the real site: technique page tops, quiz
pages, printable cards and the exam map."""
from __future__ import annotations

import json
import posixpath
import re

import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.study.terms import TECHNIQUE_SECTIONS

ATLAS = load_atlas(PROJECT / "data", PROJECT)
EXAM = yaml.safe_load((PROJECT / "data" / "exam-map.yml").read_text())
RESEARCH_AREAS = [
    "Anatomy & Physiology", "Kinesiology",
    "Pathology, Contraindications, Areas of Caution, Special Populations",
    "Benefits and Physiological Effects of Techniques that Manipulate Soft Tissue",
    "Client Assessment, Reassessment & Treatment Planning",
    "Ethics, Boundaries, Laws & Regulations", "Guidelines for Professional Practice",
]


def soup(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(), "html.parser")


def resolve(site, page_path: str, href: str):
    """The built file and anchor a relative link points to."""
    url, _, anchor = href.partition("#")
    target = posixpath.normpath(posixpath.join(page_path, url)) if url else page_path.rstrip("/")
    return site / target / "index.html", anchor


def test_technique_pages_open_with_objectives_and_key_terms(built_site):
    for tid, t in ATLAS.techniques.items():
        article = soup(built_site, f"techniques/{tid}").select_one("article")
        headings = [h["id"] for h in article.select("h2[id]")]
        # objectives come first, before any other section, and only once
        assert headings[0] == "learning-objectives" and headings.count("learning-objectives") == 1, tid
        # glossary tooltips wrap terms in <abbr>: compare the text, not the markup
        objectives = [" ".join(li.get_text().split()) for li in article.select("#learning-objectives ~ ul")[0].select("li")]
        assert objectives == t.learning_objectives
        text = " ".join(article.get_text().split())
        for objective in t.learning_objectives:
            assert text.count(objective) == 1, f"{tid}: objective repeated"
        terms = article.select_one("#key-terms ~ .atlas-key-terms")
        links = {a.get_text(): a["href"] for a in terms.select("a")}
        assert links[t.name] == "#what-it-is"
        for alias in t.aliases:
            assert links[alias.name] == "#also-known-as"
        # the objectives box sits above the at-a-glance table
        study = article.select_one(".atlas-study")
        assert study.find_next(id="at-a-glance") is not None
        quiz = article.select_one(f'.atlas-study a[href="../../study/quiz/{tid}/"]')
        assert quiz is not None and "Test yourself" in quiz.get_text()


def test_every_technique_page_has_the_sections_study_links_point_to(built_site):
    for tid in ATLAS.techniques:
        article = soup(built_site, f"techniques/{tid}").select_one("article")
        for anchor in TECHNIQUE_SECTIONS:
            assert article.find(id=anchor) is not None, f"{tid} has no #{anchor}"


def test_quiz_pages_embed_the_key_and_link_feedback_to_real_sections(built_site):
    ids: dict = {}  # built page -> its element ids, parsed once

    def has_anchor(target, anchor):
        if target not in ids:
            ids[target] = {el["id"] for el in BeautifulSoup(target.read_text(), "html.parser").select("[id]")}
        return anchor in ids[target]

    for tid in ATLAS.techniques:
        page = soup(built_site, f"study/quiz/{tid}")
        data = json.loads(page.select_one(".atlas-quiz")["data-quiz-key"])
        forms = page.select("form[data-question]")
        assert [f["data-question"] for f in forms] == sorted(data["answers"], key=[f["data-question"] for f in forms].index)
        assert len(forms) == len(data["answers"]) >= 3
        for form in forms:
            assert form.select_one("fieldset legend") and form.select_one("[role=status][aria-live=polite]")
            radios = form.select("input[type=radio]")
            keys = [r["value"] for r in radios]
            assert data["answers"][form["data-question"]] in keys
            assert all(r.find_parent("label") for r in radios)  # every radio has a label
            for why in form.select(".atlas-quiz__why"):
                assert why["data-option"] in keys
                links = why.select("a")
                assert links, f"{form['data-question']}: feedback without a link to the page"
                for a in links:
                    target, anchor = resolve(built_site, f"study/quiz/{tid}/", a["href"])
                    assert target.exists(), a["href"]
                    if anchor:
                        assert has_anchor(target, anchor), a["href"]


# Punctuation a joined sentence gets wrong: a doubled stop ("skin.."), a space
# before a mark ("skin ."), or a mark after a mark ("skin.," ".;"); an ellipsis is fine.
BAD_PUNCTUATION = re.compile(r"(?<!\.)\.\.(?!\.)|\s[.,;:!?](?!\w)|[.,;:!?][.,;:!?]")


def test_quiz_answers_and_feedback_read_as_sentences(built_site):
    # The no-JavaScript "Show the answer" text and every option's feedback join
    # an option's text to sentences; data that already ends in a full stop
    # (contraindications do) must not end up with two.
    from conftest import visible_text
    checked = 0
    for quiz_dir in sorted((built_site / "study" / "quiz").iterdir()):
        if not (quiz_dir / "index.html").exists():
            continue
        page = soup(built_site, f"study/quiz/{quiz_dir.name}")
        for block in page.select(".atlas-quiz__answer, .atlas-quiz__why"):
            text = visible_text(block)
            assert not BAD_PUNCTUATION.search(text), f"{quiz_dir.name}: {text!r}"
            checked += 1
    assert checked > 100


def test_quiz_pages_stay_out_of_search_and_nav(built_site):
    index = yaml.safe_load((built_site / "search" / "search_index.json").read_text())
    locations = {d["location"] for d in index["docs"]}
    assert not any(loc.startswith("study/quiz/") for loc in locations)
    assert any(loc.startswith("techniques/kneading/") for loc in locations)
    nav = soup(built_site, "study").select_one("nav.md-nav--primary")
    assert not nav.select('a[href*="quiz/"]')


def test_cards_page_has_one_card_per_technique_with_its_facts(built_site):
    page = soup(built_site, "study/cards")
    cards = page.select("article.atlas-card")
    assert [c["id"] for c in cards] == [f"card-{tid}" for tid in ATLAS.techniques]
    for card, t in zip(cards, ATLAS.techniques.values()):
        text = card.get_text(" ")
        assert t.summary in text
        assert len(card.select("ol li")) == len(t.steps)
        for item in t.safety.contraindications:
            assert item in text
        assert card.select_one(f'a[href="../../techniques/{t.id}/"]')


def test_printed_cards_list_each_techniques_claims_with_their_labels(built_site):
    claims = [yaml.safe_load(p.read_text()) for p in (PROJECT / "data" / "claims").glob("*.yml")]
    page = soup(built_site, "study/cards")
    for tid in ATLAS.techniques:
        items = [" ".join(li.get_text().split()) for li in page.select(f"#card-{tid} .atlas-card__claims li")]
        own = [c for c in claims if tid in (c.get("techniques") or [])]
        assert len(items) == len(own), tid
        for claim in own:
            (item,) = [i for i in items if claim["statement"] in i]
            assert item.startswith({"evidence-backed": "Evidence-backed", "traditional": "Traditional"}[claim["label"]])


def test_claims_quiz_page_has_two_labelled_choices_per_claim(built_site):
    page = soup(built_site, "study/quiz/claims")
    forms = page.select("form[data-question]")
    assert len(forms) == len(list((PROJECT / "data" / "claims").glob("*.yml")))
    for form in forms:
        assert [" ".join(label.get_text().split()) for label in form.select("label")] == ["Evidence-backed", "Traditional"]
        assert form.select_one("legend q").get_text(strip=True)
    assert page.select_one('article a[href="../../#quizzes"]')  # back to the Study page's quiz list


def test_exam_map_names_the_seven_areas_links_pages_and_prints_no_weights(built_site):
    page = soup(built_site, "study/exam-map")
    article = page.select_one("article")
    areas = [h.get_text(strip=True).rstrip("¶") for h in article.select("h2[id^=area-]")]
    assert areas == RESEARCH_AREAS == [a["name"] for a in EXAM["areas"]]
    assert not re.search(r"\d+\s*%", article.get_text()), "area weights must not be printed"
    for area in EXAM["areas"]:
        section = article.select_one(f"#area-{area['id']}")
        status = section.find_next("span", class_="atlas-coverage").get_text()
        assert status == ("Not covered" if not area.get("links") else "Partly covered" if area.get("gaps") else "Covered")
        for link in area.get("links", []):
            if "section" in link:
                hrefs = {a["href"] for a in section.find_next("ul").select("a")}
                for tid in link.get("techniques") or ATLAS.techniques:
                    assert f"../../techniques/{tid}/#{link['section']}" in hrefs
    outline = article.select_one('a[href="https://www.fsmtb.org/mblex/exam-content/"]')
    assert outline is not None, "the exam map cites the MBLEx content outline"


def test_study_section_is_in_the_navigation(built_site):
    home = {a["href"] for a in soup(built_site, "").select("nav.md-nav--primary a")}
    assert "study/" in home
    # navigation.prune: a section's pages are listed in the nav of its own pages
    study = {a["href"] for a in soup(built_site, "study").select("nav.md-nav--primary a")}
    assert {"./", "cards/", "exam-map/"} <= study, study


def test_no_markdown_attribute_syntax_leaks_into_study_pages(built_site):
    pages = ["study", "study/cards", "study/exam-map", *(f"study/quiz/{t}" for t in ATLAS.techniques),
             *(f"techniques/{t}" for t in ATLAS.techniques)]
    for path in pages:
        text = soup(built_site, path).select_one("article").get_text()
        assert "{:" not in text and "{{" not in text, f"{path} shows template or attr_list syntax"
