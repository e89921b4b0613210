"""Every health statement on the site is a labelled claim (issue 3, "Done when").

A cheap regression check over the real build: sentences that say massage
*does something for health* ("improves circulation", "relieves tension",
"flushes toxins") may appear only inside a labelled claim (a claim card, a
"What the evidence says" box, a claims list, a matrix cell, the claims of a
card) or in a paragraph or list item that points to one (a link to a
`#claim-` anchor, "the Claims section below", "the box below"). The evidence
pages themselves (/benefits/, /evidence/) are about claims and are skipped, as
is the claims quiz, whose questions ask the reader to label claims.

The phrases are deliberately narrow: a verb of effect followed by a health
outcome. Descriptions of what is done and felt ("warm the area", "a tender
spot") do not match, and nor do safety lists ("pain that lasts").
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import visible_text

# A verb of effect, up to three words, then a health outcome.
_EFFECT = r"(?:improv|boost|increas|promot|stimulat|enhanc|restor|normali[sz])\w*"
_RELIEF = r"(?:reliev(?:es?|ing)|eas(?:es?|ing)|reduc(?:es?|ing)|cur(?:es?|ing)|treats|heal(?:s|ing)?|" \
          r"prevent(?:s|ing)?|fight(?:s|ing)?|overcom(?:es?|ing)|gets? rid of|eliminat(?:es?|ing))"
_OUTCOME_UP = r"(?:circulation|blood (?:flow|supply)|lymph(?: flow)?|immun\w*|metabolism|flexibility|mobility|" \
              r"range of motion|recovery|relaxation|sleep|energy|elasticity|posture|well-being|health|strength|" \
              r"muscle tone|nerve \w+|the capacity to work)"
_OUTCOME_DOWN = r"(?:pain|aches?|tension|tightness|stress|anxiety|fatigue|tiredness|soreness|stiffness|headaches?|" \
                r"migraines?|dizziness|insomnia|injur\w+|osteochondrosis|cellulite|obesity|scar tissue|adhesions|" \
                r"depression|toxins)"
HEALTH_PHRASES = [
    rf"\b{_EFFECT}(?: \w+){{0,3}} {_OUTCOME_UP}\b",
    rf"\b{_RELIEF}(?: \w+){{0,3}} {_OUTCOME_DOWN}\b",
    r"\b(?:flush\w*|detox\w*|cleans\w*)(?: \w+){0,3} (?:toxins|waste|lactic acid|the body|the skin)\b",
    r"\b(?:relax|loosen|lengthen)(?:s|es|ing)?(?: the| your| tight| tense)? (?:muscles?|tension|tightness|knots?|fascia)\b",
    r"\breleas(?:es?|ing)(?: \w+){0,2} (?:tension|tightness|knots?|fascia|adhesions)\b",
    r"\b(?:tones?|strengthens?|trains?|builds?) the (?:\w+ ){0,2}(?:muscles?|immune system|body)\b",
    r"\bhelps? (?:you |them |the body )?(?:sleep|relax|recover|heal)\b",
    r"\b(?:speeds?|accelerates?)(?: up)? (?:\w+ )?(?:recovery|healing)\b",
    r"\b(?:pain|stress|tension) relief\b|\brelief from\b|\bprovides? relief\b",
    r"\b(?:injury|training) recovery\b|\bsleep improvement\b|\bimmune (?:strengthening|boost)\b",
    r"\b(?:beneficial|positive|good) (?:effect|influence|impact) on\b|\ba (?:strong )?boost\b",
    r"\bmuscular corset\b",
    r"\bprolong\w* youth\b",
    r"\bendorphins\b",
]
HEALTH = re.compile("|".join(f"(?:{p})" for p in HEALTH_PHRASES), re.I)

# Where a health statement is labelled: inside these, or next to a pointer to one.
LABELLED = ("atlas-claim", "atlas-evidence", "atlas-general", "atlas-matrix", "atlas-card__claims")
POINTER = re.compile(r"Claims section|the box below|What the evidence says", re.I)
SKIPPED = ("benefits/", "evidence/", "study/quiz/claims/", "api/", "assets/", "search/")
TEXT_BLOCKS = ["p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "summary", "figcaption", "abbr"]


def unlabelled_health_statements(html: str) -> list[str]:
    """Texts of the blocks of one page that state a health effect without a labelled claim."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for block in soup.find_all(TEXT_BLOCKS):
        if block.find(TEXT_BLOCKS[:-1]):  # judge the innermost block only
            continue
        text = visible_text(block)
        if block.name == "abbr":  # a glossary tooltip's text is its title
            text = block.get("title", "")
        if not HEALTH.search(text) or POINTER.search(text):
            continue
        if block.find("a", href=re.compile(r"#claim-")):
            continue
        if any(set(LABELLED) & set(parent.get("class") or []) for parent in block.parents):
            continue
        found.append(text)
    return found


def site_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html"))
            if not p.relative_to(site).as_posix().startswith(SKIPPED)]


def test_no_page_states_a_health_effect_without_a_labelled_claim(built_site):
    problems = {}
    for path in site_pages(built_site):
        found = unlabelled_health_statements(path.read_text(encoding="utf-8"))
        if found:
            problems[path.relative_to(built_site).as_posix()] = sorted(set(found))
    assert not problems, "Health statements outside a labelled claim (label them, or describe what is done " \
                         "and felt):\n" + "\n".join(f"{page}: {texts}" for page, texts in problems.items())


@pytest.mark.parametrize("html, flagged", [
    # Negative controls: each phrase kind is caught in plain prose...
    ("<p>Kneading improves circulation and relieves tension.</p>", True),
    ("<li>Drink water afterwards to flush out the toxins.</li>", True),
    ("<p>Tapping tones the back muscles.</p>", True),
    ("<p>It builds a muscular corset.</p>", True),
    ('<p><abbr title="Massage eases pain after injury.">term</abbr></p>', True),
    # ...and allowed where it is labelled or points to its label.
    ('<div class="atlas-evidence"><ul><li>Massage releases tension in the muscles.</li></ul></div>', False),
    ('<div class="atlas-claim"><h3>Massage eases anxiety for a short time</h3></div>', False),
    ('<p>Guides say it relieves tension (<a href="../b/#claim-muscle-tension">labelled</a>).</p>', False),
    ("<p>Guides say it improves circulation; the Claims section below says what research found.</p>", False),
    # Descriptions of practice and feeling are not health statements.
    ("<li>Warm the area first with gliding strokes.</li>", False),
    ("<li>Pain that lasts more than a few days; see a doctor.</li>", False),
    ("<li>Firm, broad pressure; a tender spot is fine, sharp pain is not.</li>", False),
])
def test_the_check_flags_prose_and_allows_labelled_claims(html, flagged):
    assert bool(unlabelled_health_statements(html)) is flagged
