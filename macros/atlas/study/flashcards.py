"""Flashcards generated from the data, written as files students import.

One card per fact that matters for an exam. Cards come from *card sources*
registered with ``@card_source(name)``: ``func(atlas) -> Iterable[Flashcard]``
(the claims feature adds one card per claim the same way).

Three files, all from the same cards:

- an Anki text file (tab-separated: front, back, tags) with Anki's file
  headers (``#separator:tab``, ``#html:false``, ``#tags column:3`` ...), so
  Anki 2.1.55+ imports it without questions; re-importing updates notes,
  because Anki matches notes by their first field and every front is unique;
- a Quizlet text file: term TAB definition, one card per line and no header,
  which is what Quizlet's "Import" box expects by default (no line breaks
  inside a card, so none are written);
- an Anki package (``.apkg``) built with genanki, with fixed model and deck
  ids and note GUIDs derived from the card ids, so importing a newer deck
  updates the cards a student already has instead of duplicating them.
"""
from __future__ import annotations

import hashlib
import io
import itertools
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import genanki

from ..catalog import Atlas
from ..evidence_views import benefit_src, claim_anchor, short_name
from ..models import FAMILY_LABELS, PACE_ORDER, PRESSURE_ORDER, SESSION_ORDER
from ..rendering import sentence, span, technique_src
from ..urls import url_of
from .quiz import SESSION_WORDS, and_list

DECK_NAME = "Massage Technique Atlas"
FILES = {
    "anki": "study/flashcards/massage-technique-atlas-anki.txt",
    "quizlet": "study/flashcards/massage-technique-atlas-quizlet.txt",
    "apkg": "study/flashcards/massage-technique-atlas.apkg",
}


@dataclass(frozen=True)
class Flashcard:
    id: str  # stable, e.g. kneading/pressure; the .apkg note GUID is derived from it
    front: str
    back: str
    tags: tuple[str, ...]
    page: str  # source path of the page that explains it, with an optional #anchor


CardSource = Callable[[Atlas], Iterable[Flashcard]]
CARD_SOURCES: dict[str, CardSource] = {}


def card_source(name: str):
    """Register a function that yields flashcards from the atlas."""

    def register(func: CardSource) -> CardSource:
        assert name not in CARD_SOURCES, f"card source `{name}` registered twice"
        CARD_SOURCES[name] = func
        return func

    return register


def flashcards(atlas: Atlas) -> list[Flashcard]:
    """Every card from every source. Fails loudly on a repeated id or front,
    because Anki would then merge or duplicate notes on import."""
    cards = [card for source in CARD_SOURCES.values() for card in source(atlas)]
    for attr in ("id", "front"):
        seen: set[str] = set()
        for card in cards:
            value = getattr(card, attr).casefold()
            if value in seen:
                raise ValueError(f"two flashcards share the {attr} `{getattr(card, attr)}`")
            seen.add(value)
    return cards


def _one_line(text: str) -> str:
    """Neither file format allows a tab or a line break inside a field."""
    return " ".join(text.split())


def _list(items: Iterable[str]) -> str:
    return " • ".join(_one_line(i) for i in items)


@card_source("techniques")
def technique_cards(atlas: Atlas) -> Iterable[Flashcard]:
    for t in atlas.techniques.values():
        name = t.name.lower()
        page = technique_src(t.id)
        tags = ("massage-atlas", f"technique::{t.id}")

        def card(fact: str, front: str, back: str, anchor: str, card_id: str = "") -> Flashcard:
            return Flashcard(f"{t.id}/{card_id or fact}", _one_line(front), _one_line(back),
                             (*tags, f"fact::{fact}"), f"{page}#{anchor}")

        yield card("definition", f"What is {name}?",
                   f"{t.summary} Family: {FAMILY_LABELS[t.family].lower()}.", "what-it-is")
        for alias in t.aliases:
            # the id must stay stable and ASCII whatever the alias (pétrissage)
            yield card("other-name", f"What is “{alias.name}” another name for?",
                       f"{t.name}. “{alias.name}” is {alias.usage}.", "also-known-as",
                       card_id=f"name-{hashlib.sha256(alias.name.encode()).hexdigest()[:8]}")
        yield card("pressure", f"{t.name}: how much pressure?",
                   f"{sentence(span(t.pressure, PRESSURE_ORDER))}.", "at-a-glance")
        yield card("pace", f"{t.name}: what pace and rhythm?",
                   f"{sentence(span(t.pace, PACE_ORDER))}. {t.rhythm}", "at-a-glance")
        yield card("hand-parts", f"{t.name}: which parts of the hand or arm do the work?",
                   f"{sentence(and_list(t.hand_parts))}.", "at-a-glance")
        places = [SESSION_WORDS[p] for p in SESSION_ORDER if p in t.session_place]
        yield card("session-place", f"{t.name}: where does it come in a session?",
                   f"{sentence(and_list(places))}. {t.typical_duration}", "at-a-glance")
        yield card("contraindications", f"{t.name}: who or what must not receive it (contraindications)?",
                   _list(t.safety.contraindications), "safety")
        yield card("stop-if", f"{t.name}: when must you stop at once?", _list(t.safety.stop_if), "safety")
        if t.professional_only:
            yield card("professional-only", f"{t.name}: who should perform it?",
                       f"Only practitioners trained in {name}.", "what-it-is")


@card_source("claims")
def claim_cards(atlas: Atlas) -> Iterable[Flashcard]:
    """One card per claim: the statement on the front; label, grade and sources on the back."""
    for claim in atlas.claims.values():
        if claim.label == "evidence-backed":
            grade = f"Evidence-backed, {claim.certainty.level} certainty."
        else:
            grade = f"Traditional; research: {claim.research_status}."
        sources = "; ".join(short_name(atlas.references[r]) for r in claim.references)
        scope = [f"technique::{t}" for t in claim.techniques or ()] or ["massage-in-general"]
        yield Flashcard(f"claim/{claim.id}", _one_line(f"Traditional or evidence-backed? “{claim.statement}”"),
                        _one_line(grade + (f" Sources: {sources}." if sources else "")),
                        ("massage-atlas", "fact::claim", f"claim::{claim.label}", f"benefit::{claim.benefit}", *scope),
                        f"{benefit_src(claim.benefit)}#{claim_anchor(claim.id)}")


# --- file formats ---------------------------------------------------------------

def _tags(card: Flashcard) -> str:
    return " ".join(card.tags)


def anki_text(cards: list[Flashcard]) -> str:
    """Tab-separated with Anki's file headers (docs.ankiweb.net, "Text Files")."""
    header = [
        "#separator:tab",
        "#html:false",
        "#notetype:Basic",
        f"#deck:{DECK_NAME}",
        "#columns:Front\tBack\tTags",
        "#tags column:3",
    ]
    rows = [f"{c.front}\t{c.back}\t{_tags(c)}" for c in cards]
    return "\n".join(header + rows) + "\n"


def quizlet_text(cards: list[Flashcard]) -> str:
    """Term TAB definition, one card per line: Quizlet's default import format."""
    return "".join(f"{c.front}\t{c.back}\n" for c in cards)


def _stable_id(name: str) -> int:
    """A fixed id in the range genanki recommends (1 << 30 .. 1 << 31), derived from a name."""
    return (1 << 30) + int(hashlib.sha256(name.encode()).hexdigest(), 16) % (1 << 30)


MODEL_ID = _stable_id("massage-technique-atlas/model/basic-with-source")
DECK_ID = _stable_id("massage-technique-atlas/deck")


def apkg_bytes(cards: list[Flashcard], timestamp: float, site_url: str = "") -> bytes:
    """An Anki package of the cards, byte-for-byte the same for the same cards and timestamp.

    `timestamp` becomes the notes' modification time (Anki updates a note on
    import only if the incoming one is newer) and seeds genanki's note and card
    ids. The zip entries get a fixed date so the file does not vary with the clock.
    """
    model = genanki.Model(
        MODEL_ID, f"{DECK_NAME} (basic)",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[{
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<div class="source">{{Source}}</div>',
        }],
        css=".card { font-family: sans-serif; font-size: 20px; text-align: left; }"
            " .source { margin-top: 1em; font-size: 14px; color: #666; }",
    )
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    for c in cards:
        deck.add_note(genanki.Note(model=model, fields=[escape(c.front, quote=False), escape(c.back, quote=False), _source(c, site_url)],
                                   tags=list(c.tags), guid=genanki.guid_for(c.id)))
    package = genanki.Package(deck)
    fd, db_path = tempfile.mkstemp(suffix=".anki2")
    os.close(fd)
    try:
        conn = sqlite3.connect(db_path)
        # genanki counts note and card ids up from the timestamp in milliseconds
        package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        conn.commit()
        conn.close()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in (("collection.anki2", Path(db_path).read_bytes()), ("media", b"{}")):
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)
        return out.getvalue()
    finally:
        os.unlink(db_path)


def page_url(src: str) -> str:
    """Site-relative URL of a page source with an optional anchor: techniques/kneading.md#safety."""
    path, _, anchor = src.partition("#")
    return url_of(path) + (f"#{anchor}" if anchor else "")


def _source(card: Flashcard, site_url: str) -> str:
    """Where the card's fact is explained: a link when the site's address is known."""
    url = page_url(card.page)
    if site_url:
        full = escape(site_url.rstrip("/") + "/" + url)
        return f'<a href="{full}">{full}</a>'
    return f"{DECK_NAME}: /{escape(url)}"


def deck_files(atlas: Atlas, timestamp: float, site_url: str = "") -> dict[str, bytes]:
    """Every flashcard file: site path -> content."""
    cards = flashcards(atlas)
    return {
        FILES["anki"]: anki_text(cards).encode("utf-8"),
        FILES["quizlet"]: quizlet_text(cards).encode("utf-8"),
        FILES["apkg"]: apkg_bytes(cards, timestamp, site_url),
    }
