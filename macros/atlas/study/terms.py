"""Where study material points (technique-page sections, study pages), and key terms.

Quiz feedback, flashcards and the exam map link to sections of technique pages
by anchor. ``TECHNIQUE_SECTIONS`` lists the anchors every technique page has
(technique-page.html and study-top.html write them); a build test checks each
generated page against it, so the two cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Atlas
from ..models import FAMILY_LABELS, Technique
from ..rendering import technique_src

# anchor -> section title, in page order; sections that only some pages have
# (also-known-as, sources) are not listed, so nothing links to them blindly.
TECHNIQUE_SECTIONS: dict[str, str] = {
    "learning-objectives": "Learning objectives",
    "key-terms": "Key terms",
    "at-a-glance": "At a glance",
    "what-it-is": "What it is",
    "how-to-perform": "How to perform it",
    "used-for": "What it is used for",
    "claims": "Claims",
    "safety": "Safety",
    "common-mistakes": "Common mistakes",
    "related": "Related techniques",
}


# Study pages: the Study page is hand-written (docs/study/index.md), the others generated.
STUDY_SRC = "study/index.md"
CARDS_SRC = "study/cards.md"
EXAM_MAP_SRC = "study/exam-map.md"


def quiz_src(quiz_id: str) -> str:
    """Source path of a quiz page; its URL is /study/quiz/<id>/."""
    return f"study/quiz/{quiz_id}.md"


def card_anchor(technique_id: str) -> str:
    """Anchor of a technique's card on the printable cards page."""
    return f"card-{technique_id}"


@dataclass(frozen=True)
class PageRef:
    """A place in the site: a page's source path and an optional anchor."""

    label: str
    src: str  # source path under docs/, e.g. techniques/kneading.md
    anchor: str = ""


def section(t: Technique, anchor: str, title: str | None = None) -> PageRef:
    """A section of a technique page, labelled `Kneading: Safety`."""
    return PageRef(f"{t.name}: {title or TECHNIQUE_SECTIONS[anchor]}", technique_src(t.id), anchor)


def names(t: Technique) -> list[str]:
    """Every name a technique goes by: its name, then its aliases."""
    return [t.name, *(a.name for a in t.aliases)]


@dataclass(frozen=True)
class KeyTerm:
    term: str
    kind: str  # "name", "other name", "family" or "compare with"
    ref: PageRef


def key_terms(atlas: Atlas, technique_id: str) -> list[KeyTerm]:
    """The terms a student should know from a technique page, each pointing where it is explained.

    Derived, never authored: the standard name, its other names, its family,
    and the techniques it is most easily confused with (same family or related).
    """
    t = atlas.technique(technique_id)
    terms = [KeyTerm(t.name, "name", section(t, "what-it-is"))]
    terms += [KeyTerm(a.name, "other name", section(t, "also-known-as", "Also known as")) for a in t.aliases]
    family = FAMILY_LABELS[t.family]
    if family.casefold() not in {n.casefold() for n in names(t)}:  # "Kneading" is kneading's family too
        terms.append(KeyTerm(family.lower(), "family", section(t, "at-a-glance")))
    neighbours = [o for o in atlas.techniques.values()
                  if o.id != t.id and (o.family == t.family or o.id in atlas.related[t.id])]
    terms += [KeyTerm(o.name, "compare with", PageRef(o.name, technique_src(o.id))) for o in neighbours]
    return terms
