"""Self-check quizzes, generated from the data at build time.

Every question is multiple choice with exactly one right answer. The wrong
options (distractors) come from the data: other techniques' names, pressure,
hand parts and session places, or, where the data has too few, the controlled
vocabulary. A distractor is offered only when the data *proves* it wrong for
this technique -- e.g. a pressure range is a distractor only if it includes a
level the technique does not use -- so no question has two right answers.
A question that cannot find enough provably wrong options is left out.

Everything is deterministic: candidates and options are ordered by a hash of
the question id, so the same data always builds the same quiz.

Plug-in points (the claims feature adds to them):

- ``@question_kind(name)``: ``func(atlas, technique) -> Iterable[Question]``,
  questions for one technique's quiz, in registration order.
- ``@extra_quiz(id, title, description)``: ``func(atlas) -> list[Question]``,
  a quiz that is not about one technique (e.g. "traditional or evidence-backed?").
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import get_args

from ..catalog import Atlas
from ..evidence_views import benefit_src, claim_anchor
from ..models import PRESSURE_ORDER, SESSION_ORDER, Claim, HandPart, Technique
from ..rendering import sentence, span
from .terms import PageRef, names, section

MIN_OPTIONS = 3  # a question with fewer provably wrong options is left out
MAX_OPTIONS = 4


@dataclass(frozen=True)
class Option:
    key: str  # stable id within the question; reveals nothing about correctness
    text: str
    correct: bool
    why: str = ""  # for a wrong option: what it actually is, as a sentence
    see: tuple[PageRef, ...] = ()  # where that is explained


@dataclass(frozen=True)
class Question:
    id: str  # stable, e.g. kneading-pressure; an HTML id and a localStorage key
    kind: str
    prompt: str
    options: tuple[Option, ...]
    explanation: str  # the fact the question tests, as a sentence
    see: PageRef  # where the atlas explains it
    quote: tuple[str, ...] = ()  # quoted text to identify, split where a name was blanked out

    def __post_init__(self):
        right = [o for o in self.options if o.correct]
        texts = [o.text.casefold() for o in self.options]
        if len(right) != 1 or len(set(texts)) != len(texts) or len({o.key for o in self.options}) != len(texts):
            raise ValueError(f"question {self.id}: needs exactly one right answer and distinct options")

    @property
    def answer(self) -> Option:
        return next(o for o in self.options if o.correct)


@dataclass(frozen=True)
class Quiz:
    id: str  # URL part: /study/quiz/<id>/
    title: str
    description: str
    questions: tuple[Question, ...]
    technique: str | None = None  # the technique it is about, if any
    version: str = field(init=False)  # changes when any question or answer changes

    def __post_init__(self):
        digest = hashlib.sha256("\n".join(
            f"{q.id}:{q.answer.key}:{','.join(o.key for o in q.options)}" for q in self.questions).encode())
        object.__setattr__(self, "version", digest.hexdigest()[:12])


QuestionKind = Callable[[Atlas, Technique], Iterable[Question]]
QUESTION_KINDS: dict[str, QuestionKind] = {}
ExtraQuiz = tuple[str, str, Callable[[Atlas], list[Question]]]  # title, description, generator
EXTRA_QUIZZES: dict[str, ExtraQuiz] = {}


def question_kind(name: str):
    """Register a generator of questions about one technique."""

    def register(func: QuestionKind) -> QuestionKind:
        assert name not in QUESTION_KINDS, f"question kind `{name}` registered twice"
        QUESTION_KINDS[name] = func
        return func

    return register


def extra_quiz(quiz_id: str, title: str, description: str):
    """Register a whole quiz that is not about one technique; it gets /study/quiz/<quiz_id>/."""

    def register(func: Callable[[Atlas], list[Question]]):
        assert quiz_id not in EXTRA_QUIZZES, f"quiz `{quiz_id}` registered twice"
        EXTRA_QUIZZES[quiz_id] = (title, description, func)
        return func

    return register


def technique_quiz(atlas: Atlas, technique_id: str) -> Quiz:
    t = atlas.technique(technique_id)
    questions = tuple(q for kind in QUESTION_KINDS.values() for q in kind(atlas, t))
    return Quiz(t.id, f"{t.name}: self-check quiz",
                f"Test yourself on {t.name.lower()}: {len(questions)} questions generated from the atlas.",
                questions, technique=t.id)


def quizzes(atlas: Atlas) -> list[Quiz]:
    """Every quiz: one per technique, then the extra quizzes (empty ones left out).
    Worked out once per atlas: each quiz page needs the list, and each
    technique's quiz looks at every other technique."""
    # keyed by what is registered too, so a kind or quiz plugged in later counts
    key = ("quizzes", tuple(QUESTION_KINDS.items()), tuple(EXTRA_QUIZZES.items()))
    return atlas.remember(key, lambda: _all_quizzes(atlas))


def quiz_by_id(atlas: Atlas) -> dict[str, Quiz]:
    """Every quiz (quizzes()) by its id: a technique's quiz has the technique's id."""
    listed = quizzes(atlas)
    # the atlas holds the list, so its id stays its own
    return atlas.remember(("quiz-by-id", id(listed)), lambda: {q.id: q for q in listed})


def _all_quizzes(atlas: Atlas) -> list[Quiz]:
    out = [technique_quiz(atlas, tid) for tid in atlas.techniques]
    clash = set(EXTRA_QUIZZES) & set(atlas.techniques)
    if clash:
        raise ValueError(f"quiz id(s) {', '.join(sorted(clash))} are also technique ids; /study/quiz/<id>/ would clash")
    for quiz_id, (title, description, func) in EXTRA_QUIZZES.items():
        questions = tuple(func(atlas))
        if questions:
            out.append(Quiz(quiz_id, title, description, questions))
    return [q for q in out if q.questions]


# --- building blocks ------------------------------------------------------------

def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def option_key(text: str) -> str:
    return _hash("option", text.casefold())[:8]


def assemble(question_id: str, kind: str, prompt: str, answer: Option, candidates: Iterable[Option],
             explanation: str, see: PageRef, quote: tuple[str, ...] = ()) -> Question | None:
    """Pick distractors deterministically (data first, in the order given by
    rank within each priority group) and shuffle the options by a hash."""
    seen = {answer.text.casefold()}
    wrong: list[Option] = []
    for o in candidates:  # often a generator that tests each candidate as it comes
        if o.text.casefold() not in seen:
            seen.add(o.text.casefold())
            wrong.append(o)
            if len(wrong) == MAX_OPTIONS - 1:
                break
    if len(wrong) + 1 < MIN_OPTIONS:
        return None
    chosen = [answer, *wrong[:MAX_OPTIONS - 1]]
    chosen.sort(key=lambda o: _hash(question_id, "order", o.key))
    return Question(question_id, kind, prompt, tuple(chosen), explanation, see, quote)


def ranked(question_id: str, items: Iterable, key: Callable[[object], str]) -> list:
    """Items in a stable pseudo-random order that differs from question to question."""
    return sorted(items, key=lambda item: _hash(question_id, key(item)))


def _term_pattern(term: str) -> str:
    """A whole-word match of `term`, singular or plural ("gliding stroke(s)")."""
    return rf"(?<!\w){re.escape(term)}(?:e?s)?(?!\w)"


@functools.cache
def _term_regex(term: str) -> re.Pattern:
    # compiled once per term: with hundreds of techniques there are more terms
    # than the re module's own cache keeps
    return re.compile(_term_pattern(term), re.IGNORECASE)


def mentions(text: str, term: str) -> bool:
    """Whether `term` appears in `text` as a whole word (case-insensitive)."""
    return _term_regex(term).search(text) is not None


def blank_out(text: str, terms: list[str]) -> tuple[str, ...]:
    """Split `text` where any of `terms` appears, so the page can show blanks."""
    pattern = "|".join(_term_pattern(term) for term in sorted(terms, key=len, reverse=True))
    return tuple(re.split(pattern, text, flags=re.IGNORECASE))


def and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# An explanation names (and links) at most this many techniques that share a
# value: enough to show the answer is wrong, and a quiz page that does not
# grow with the atlas (a thousand techniques, hundreds with one pressure).
NAMED_AT_MOST = 10


def named(techniques: list[Technique], anchor: str) -> tuple[str, tuple[PageRef, ...]]:
    """The first techniques' names as a list ("…, stroking and 12 other techniques"), with links to them."""
    shown = techniques[:NAMED_AT_MOST]
    names_ = [u.name.lower() for u in shown]
    if len(techniques) > len(shown):
        names_.append(f"{len(techniques) - len(shown)} other techniques")
    return and_list(names_), tuple(section(u, anchor) for u in shown)


def _others(atlas: Atlas, t: Technique) -> list[Technique]:
    return [o for o in atlas.techniques.values() if o.id != t.id]


def _contiguous(values: Iterable[str], order: tuple[str, ...]) -> tuple[str, ...]:
    """The range from the lowest to the highest value, as pages show it (`light to firm`)."""
    idx = sorted(order.index(v) for v in values)
    return order[idx[0]: idx[-1] + 1]


def _wrong_sets(question_id, own: tuple[str, ...], data: dict[tuple[str, ...], list[Technique]],
                vocabulary: Iterable[tuple[str, ...]], text, anchor: str, what: str) -> Iterator[Option]:
    """Distractors for a question whose answer is a set of values (pressure, session place).

    A set is provably wrong only if it contains a value the technique does not
    use; a subset of the right answer could be defended as right, so it is never offered.
    """
    def wrong(values):
        return bool(set(values) - set(own))

    for values in ranked(question_id, [v for v in data if wrong(v)], lambda v: ",".join(v)):
        users, links = named(data[values], anchor)
        yield Option(option_key(text(values)), text(values), False,
                     f"{sentence(text(values))} is the {what} of {users}.", links)
    for values in ranked(question_id, [v for v in vocabulary if wrong(v) and v not in data], lambda v: ",".join(v)):
        yield Option(option_key(text(values)), text(values), False,
                     f"No technique in the atlas is given {text(values)} as its {what}.")


# --- the questions about one technique -------------------------------------------

@question_kind("recognise")
def recognise(atlas: Atlas, t: Technique) -> Iterator[Question]:
    """Which technique does this summary describe? Its own names are blanked out."""
    others = _others(atlas, t)
    if any(o.summary.casefold() == t.summary.casefold() for o in others):
        return  # two techniques with one summary: the question would have two answers
    qid = f"{t.id}-recognise"
    # A technique named in the summary (e.g. cupping in tapotement's) would be a trick
    # option, and one of the same family (stroking for effleurage) is described alike
    # by some sources, so neither is offered.
    wrong = (Option(option_key(o.name), o.name, False, f"{o.name} is described as “{o.summary}”",
                    (section(o, "what-it-is"),))
             for o in ranked(qid, others, lambda o: o.id)
             if o.family != t.family and not any(mentions(t.summary, n) for n in names(o)))
    question = assemble(
        qid, "recognise", "Which technique does this describe?", Option(option_key(t.name), t.name, True), wrong,
        f"The quote is the atlas’s summary of {t.name.lower()}.", section(t, "what-it-is"),
        quote=blank_out(t.summary, names(t)))
    if question:
        yield question


@question_kind("other-name")
def other_name(atlas: Atlas, t: Technique) -> Iterator[Question]:
    """Which of these is another name for it? Standard terms are exam material."""
    # the first alias that does not contain the name itself ("cupping therapy" would give it away)
    alias = next((a for a in t.aliases if not mentions(a.name, t.name)), None)
    if alias is None:
        return
    qid = f"{t.id}-other-name"
    own_text = " ".join([t.summary, t.description, t.terminology_note or "", *(a.usage for a in t.aliases)])
    # Leave out techniques of the same family or named anywhere on this page: some
    # sources do use one for the other (stroking for effleurage), so they are not clearly wrong.
    def wrong_names() -> Iterator[Option]:
        for o in ranked(qid, _others(atlas, t), lambda o: o.id):
            if o.family == t.family or any(mentions(own_text, n) for n in names(o)):
                continue
            term = next((a.name for a in o.aliases if not mentions(a.name, o.name)), o.name)
            why = (f"“{term}” is another name for {o.name.lower()}." if term != o.name
                   else f"{o.name} is a technique of its own.")
            yield Option(option_key(term), term, False, why, (section(o, "what-it-is"),))

    wrong = wrong_names()
    question = assemble(
        qid, "other-name", f"Which of these is another name for {t.name.lower()}?",
        Option(option_key(alias.name), alias.name, True), wrong,
        f"“{alias.name}” is {alias.usage}.", section(t, "also-known-as", "Also known as"))
    if question:
        yield question


def _value_question(atlas: Atlas, t: Technique, kind: str, values_of: Callable[[Technique], tuple[str, ...]],
                    vocabulary: Iterable[tuple[str, ...]], text: Callable[[tuple[str, ...]], str],
                    prompt: str, what: str, explanation: Callable[[tuple[str, ...]], str]) -> Iterator[Question]:
    """A question whose answer is a set of vocabulary values shown on the at-a-glance table."""
    qid = f"{t.id}-{kind}"
    own = values_of(t)
    def by_values() -> dict[tuple[str, ...], list[Technique]]:
        grouped: dict[tuple[str, ...], list[Technique]] = {}
        for o in atlas.techniques.values():
            grouped.setdefault(values_of(o), []).append(o)
        return grouped

    # every technique by its values, worked out once per kind (not once per technique);
    # the technique's own values are never a wrong option
    data = {values: users for values, users in atlas.remember(("values", kind), by_values).items()
            if values != own}
    question = assemble(qid, kind, prompt, Option(option_key(text(own)), text(own), True),
                        _wrong_sets(qid, own, data, vocabulary, text, "at-a-glance", what),
                        explanation(own), section(t, "at-a-glance"))
    if question:
        yield question


@question_kind("pressure")
def pressure(atlas: Atlas, t: Technique) -> Iterator[Question]:
    """How much pressure does it use? The answer is the range the page shows."""
    return _value_question(
        atlas, t, "pressure", lambda o: _contiguous(o.pressure, PRESSURE_ORDER),
        [PRESSURE_ORDER[i:j] for i in range(len(PRESSURE_ORDER)) for j in range(i + 1, len(PRESSURE_ORDER) + 1)],
        lambda values: sentence(span(values, PRESSURE_ORDER)),
        f"How much pressure does {t.name.lower()} use?", "pressure",
        lambda own: f"{t.name} uses {span(own, PRESSURE_ORDER)} pressure.")


# Which hand parts include which: the whole hand includes the palm, the palm its
# heel, a loose fist its knuckles. A part related to one the technique uses
# either way ("palms" for a technique done with the heel of the hand) could be
# defended as right, so it is never offered as a wrong option.
HAND_PART_CONTAINS: dict[str, set[str]] = {
    "whole hand": {"palms", "heel of the hand", "fingertips", "finger pads", "thumbs", "knuckles",
                   "loose fists", "edge of the hand", "back of the hand"},
    "palms": {"heel of the hand"},
    "loose fists": {"knuckles"},
}


def hand_parts_related(a: str, b: str) -> bool:
    return a == b or b in HAND_PART_CONTAINS.get(a, ()) or a in HAND_PART_CONTAINS.get(b, ())


def _named_in(part: str, t: Technique) -> bool:
    """Whether a word of the part ("foam", "ball") is part of the technique's names."""
    words = [w for w in part.split() if len(w) > 3 and w not in {"hand", "hands"}]
    return any(mentions(name, w) for name in names(t) for w in words)


def _uses_related(t: Technique, part: str) -> bool:
    return any(hand_parts_related(part, own) for own in t.hand_parts)


@question_kind("hand-part")
def hand_part(atlas: Atlas, t: Technique) -> Iterator[Question]:
    """Which hand part does it use? Or, when the hand parts it uses include
    nearly all others (the whole hand): which technique uses its most
    distinctive part? Only options the data proves wrong are offered."""
    qid = f"{t.id}-hand-part"
    users: dict[str, list[Technique]] = {}
    for o in atlas.techniques.values():
        for part in o.hand_parts:
            users.setdefault(part, []).append(o)
    # the parts fewest techniques share first, so the question is about this technique;
    # a tool the name already says ("ball" for ball massage) would give the answer away
    distinctive = sorted((p for p in t.hand_parts if not _named_in(p, t)),
                         key=lambda p: (len(users[p]), t.hand_parts.index(p)))
    if not distinctive:
        return
    explanation = f"{t.name} uses the {and_list(t.hand_parts)}."
    wrong = [Option(option_key(p), sentence(p), False,
                    f"The {p} {'are' if p.endswith('s') else 'is'} used for {who}, not for {t.name.lower()}.", links)
             for p in ranked(qid, [p for p in users if not _uses_related(t, p)], str)
             for who, links in [named(users[p], "at-a-glance")]]
    wrong += [Option(option_key(p), sentence(p), False, f"No technique in the atlas uses the {p}.")
              for p in ranked(qid, [p for p in get_args(HandPart) if p not in users and not _uses_related(t, p)], str)]
    question = assemble(qid, "hand-part", f"Which of these does {t.name.lower()} use?",
                        Option(option_key(distinctive[0]), sentence(distinctive[0]), True), wrong,
                        explanation, section(t, "at-a-glance"))
    for part in distinctive if question is None else ():
        others = [o for o in _others(atlas, t) if not _uses_related(o, part)]
        wrong = [Option(option_key(o.name), o.name, False, f"{o.name} uses the {and_list(o.hand_parts)}.",
                        (section(o, "at-a-glance"),)) for o in ranked(qid, others, lambda o: o.id)]
        question = assemble(qid, "hand-part", f"Which of these techniques uses the {part}?",
                            Option(option_key(t.name), t.name, True), wrong, explanation, section(t, "at-a-glance"))
        if question:
            break
    if question:
        yield question


SESSION_WORDS = {"opening": "opening", "main": "main part", "closing": "closing"}


@question_kind("session-place")
def session_place(atlas: Atlas, t: Technique) -> Iterator[Question]:
    """Where in a session does it come?"""

    def text(values):
        return sentence(and_list([SESSION_WORDS[v] for v in values]))

    return _value_question(
        atlas, t, "session-place", lambda o: tuple(p for p in SESSION_ORDER if p in o.session_place),
        [c for n in range(1, len(SESSION_ORDER) + 1) for c in combinations(SESSION_ORDER, n)], text,
        f"Where in a session does {t.name.lower()} come?", "place in a session",
        lambda own: f"In a session, {t.name.lower()} comes in the {text(own).lower()}.")


@question_kind("contraindication")
def contraindication(atlas: Atlas, t: Technique) -> Iterator[Question]:
    """Which of these is a reason not to give it?

    The wrong options are the technique's own purposes: reasons *to* use it,
    so provably not reasons to avoid it. Other techniques' contraindications
    are free text and overlap (most list bleeding disorders), so a machine
    cannot prove one wrong for this technique; they are never used.
    """
    if len(t.purposes) < MIN_OPTIONS - 1:
        return
    qid = f"{t.id}-contraindication"
    answer = ranked(qid, t.safety.contraindications, str)[0]
    wrong = (Option(option_key(p), p, False,
                    f"That is one of the things {t.name.lower()} is used for, not a reason to avoid it.",
                    (section(t, "used-for"),))
             for p in ranked(qid, t.purposes, str))
    count = len(t.safety.contraindications)
    question = assemble(
        qid, "contraindication", f"Which of these is a reason not to give {t.name.lower()}?",
        Option(option_key(answer), answer, True), wrong,
        f"It is one of the {count} situations listed under “Do not use it” for {t.name.lower()}."
        if count > 1 else f"It is the situation listed under “Do not use it” for {t.name.lower()}.",
        section(t, "safety"))
    if question:
        yield question


# --- the claims quiz ----------------------------------------------------------------

LABELS = {"evidence-backed": "Evidence-backed", "traditional": "Traditional"}
# Why a traditional claim is not evidence-backed, by its research status.
NOT_EVIDENCE = {
    "untested": "No study the atlas cites has tested it.",
    "inconclusive": "Studies exist, but they do not settle it.",
    "contradicted": "Research points against it.",
}


def claim_ref(atlas: Atlas, claim: Claim) -> PageRef:
    """A claim's canonical place: its anchor on its benefit's page."""
    return PageRef(f"{atlas.benefits[claim.benefit].name}: the claim and its evidence", benefit_src(claim.benefit),
                   claim_anchor(claim.id))


def label_sentence(claim: Claim) -> str:
    """The label with its grade, as a sentence: what the atlas says about the claim."""
    if claim.label == "evidence-backed":
        graded = "as the source grades it" if claim.certainty.graded_by == "source" else "in the atlas's reading"
        return f"The atlas labels it evidence-backed, with {claim.certainty.level} certainty {graded}."
    return f"The atlas labels it traditional: research on it is {claim.research_status}."


@extra_quiz("claims", "Traditional or evidence-backed?",
            "Every health claim the atlas records: is it a traditional belief, or does published research back it?")
def claims_quiz(atlas: Atlas) -> list[Question]:
    """One two-option question per claim; the label is authored, so the answer is never in doubt."""
    questions = []
    for claim in atlas.claims.values():
        answer = claim.label
        options = tuple(
            Option(option_key(text), text, label == answer,
                   "" if label == answer else
                   NOT_EVIDENCE[claim.research_status] if answer == "traditional" else
                   "Published research reports this effect.")
            for label, text in LABELS.items())  # fixed order: the same two buttons every time
        questions.append(Question(f"{claim.id}-label", "claim-label", "Traditional or evidence-backed?", options,
                                  f"{label_sentence(claim)} {claim.research}", claim_ref(atlas, claim),
                                  quote=(claim.statement,)))
    # The atlas orders claims by benefit, evidence-backed first; a quiz in that
    # order would give the answers away, so it is shuffled (deterministically).
    return ranked("claims", questions, lambda q: q.id)
