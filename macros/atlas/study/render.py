"""Study pages and partials, rendered through the atlas Renderer's Jinja templates.

Only context building lives here; the markup is in overrides/partials/atlas/study-*.html.
"""
from __future__ import annotations


from ..catalog import Atlas
from ..rendering import Renderer, link, reference_links, technique_src
from .exam_map import exam_rows
from .flashcards import DECK_NAME, FILES, flashcards
from .quiz import Quiz, quiz_by_id, quizzes
from .terms import CARDS_SRC, STUDY_SRC, PageRef, card_anchor, key_terms, quiz_src

def ref_link(page_src: str, ref: PageRef) -> str:
    """A Markdown link target from `page_src` to `ref`, validated by MkDocs."""
    if ref.src == page_src:
        return f"#{ref.anchor}" if ref.anchor else "#"
    return link(page_src, ref.src) + (f"#{ref.anchor}" if ref.anchor else "")


KEY_TERM_HEADINGS = {"name": "Names", "other name": "Names", "family": "Family", "compare with": "Compare with"}


def technique_study(atlas: Atlas, technique_id: str, page_src: str) -> dict:
    """Context for study-top.html on a technique page."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for term in key_terms(atlas, technique_id):
        grouped.setdefault(KEY_TERM_HEADINGS[term.kind], []).append((term.term, ref_link(page_src, term.ref)))
    quiz = quiz_by_id(atlas)[technique_id]
    return {
        "key_terms": list(grouped.items()),
        "quiz_href": link(page_src, quiz_src(technique_id)) if quiz.questions else None,
        "quiz_count": len(quiz.questions),
        "card_href": ref_link(page_src, PageRef("", CARDS_SRC, card_anchor(technique_id))),
    }


def quiz_page(renderer: Renderer, atlas: Atlas, quiz_id: str, page_src: str) -> str:
    quiz = quiz_by_id(atlas).get(quiz_id)
    if quiz is None:
        raise KeyError(f"{page_src}: no quiz has the id `{quiz_id}`.")
    return render_quiz(renderer, quiz, page_src, atlas)


def render_quiz(renderer: Renderer, quiz: Quiz, page_src: str, atlas: Atlas | None = None) -> str:
    # Only the answer key travels as JSON; all text is markup rendered here.
    data = {"quiz": quiz.id, "version": quiz.version,
            "answers": {q.id: q.answer.key for q in quiz.questions}}
    technique = atlas.techniques[quiz.technique] if atlas and quiz.technique else None
    return renderer.render(
        "study-quiz.html", quiz=quiz, data=data,
        ref_href=lambda ref: ref_link(page_src, ref), technique=technique,
        technique_href=link(page_src, technique_src(technique.id)) if technique else None,
        study_href=link(page_src, STUDY_SRC))


def quiz_index(renderer: Renderer, atlas: Atlas, page_src: str) -> str:
    rows = [(atlas.techniques[q.technique].name if q.technique else q.title, q, link(page_src, quiz_src(q.id)))
            for q in quizzes(atlas)]
    return renderer.render("study-quiz-index.html", rows=rows)


def cards_page(renderer: Renderer, atlas: Atlas, page_src: str) -> str:
    cards = [(t, card_anchor(t.id), link(page_src, technique_src(t.id)), technique_src(t.id))
             for t in atlas.techniques.values()]
    # `atlas` is in the context so the claims slot can look up each technique's claims
    return renderer.render("study-cards.html", cards=cards, atlas=atlas, study_href=link(page_src, STUDY_SRC))


def flashcard_downloads(renderer: Renderer, atlas: Atlas, page_src: str) -> str:
    cards = flashcards(atlas)
    files = {kind: link(page_src, path) for kind, path in FILES.items()}
    return renderer.render("study-flashcards.html", count=len(cards), files=files,
                           techniques=len(atlas.techniques), deck_name=DECK_NAME)


def exam_map_page(renderer: Renderer, atlas: Atlas, page_src: str) -> str:
    exam = atlas.exam_map
    if exam is None:
        raise KeyError(f"{page_src}: exam_map() needs data/exam-map.yml.")
    return renderer.render("study-exam-map.html", exam=exam, rows=exam_rows(atlas), ref_href=lambda ref: ref_link(page_src, ref),
                           source=atlas.references[exam.source], reference_links=reference_links)
