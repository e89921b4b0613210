"""Flashcard decks: the files in the built site, and the pure functions behind them."""
from __future__ import annotations

import io
import json
import sqlite3
import zipfile

import yaml

from conftest import PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.study.flashcards import FILES, apkg_bytes, flashcards

TECHNIQUES = {p.stem: yaml.safe_load(p.read_text()) for p in (PROJECT / "data" / "techniques").glob("*.yml")}
CLAIMS = {p.stem: yaml.safe_load(p.read_text()) for p in (PROJECT / "data" / "claims").glob("*.yml")}
# Facts every technique has a card for (per its data), plus one per alias and
# one for a professional-only technique.
FACTS = ["definition", "pressure", "pace", "hand-parts", "session-place", "contraindications", "stop-if"]


def expected_count() -> int:
    """Per technique its facts, plus one card per claim."""
    return sum(len(FACTS) + len(t.get("aliases", [])) + bool(t.get("professional_only"))
               for t in TECHNIQUES.values()) + len(CLAIMS)


def anki_rows(site):
    text = (site / FILES["anki"]).read_text(encoding="utf-8")
    lines = text.splitlines()
    headers = [line for line in lines if line.startswith("#")]
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    return headers, rows


def test_anki_text_file_has_headers_and_one_row_per_card(built_site):
    headers, rows = anki_rows(built_site)
    # Anki's documented file headers: tab-separated, plain text, tags in column 3
    assert {"#separator:tab", "#html:false", "#tags column:3"} <= set(headers)
    assert len(rows) == expected_count()
    assert all(len(row) == 3 and all(field.strip() for field in row) for row in rows)
    fronts = [row[0] for row in rows]
    assert len(set(fronts)) == len(fronts), "Anki matches notes by the first field: fronts must be unique"
    # the pressure card of each technique says its pressure from the data, tagged by technique and fact
    for tid, t in TECHNIQUES.items():
        (pressure,) = [r for r in rows if f"technique::{tid}" in r[2].split() and "fact::pressure" in r[2].split()]
        assert pressure[1].lower().startswith(t["pressure"][0])
        assert t["name"] in pressure[0]
        (contra,) = [r for r in rows if f"technique::{tid}" in r[2].split() and "fact::contraindications" in r[2].split()]
        for item in t["safety"]["contraindications"]:
            assert item in contra[1]
        aliases = [r for r in rows if f"technique::{tid}" in r[2].split() and "fact::other-name" in r[2].split()]
        assert sorted(a["name"] for a in t.get("aliases", [])) == sorted(
            r[0].split("“")[1].split("”")[0] for r in aliases)


def test_one_card_per_claim_with_its_label_grade_and_sources(built_site):
    _, rows = anki_rows(built_site)
    claim_rows = [r for r in rows if "fact::claim" in r[2].split()]
    assert len(claim_rows) == len(CLAIMS)
    for claim in CLAIMS.values():
        (row,) = [r for r in claim_rows if claim["statement"] in r[0]]
        tags = row[2].split()
        assert f"claim::{claim['label']}" in tags and f"benefit::{claim['benefit']}" in tags
        for tid in claim.get("techniques") or []:
            assert f"technique::{tid}" in tags
        if claim["label"] == "evidence-backed":
            assert row[1].startswith(f"Evidence-backed, {claim['certainty']['level']} certainty.")
        else:
            assert row[1].startswith(f"Traditional; research: {claim['research_status']}.")
        assert row[1].count(";") + 1 >= len(claim.get("references", [])) or not claim.get("references")
        if claim.get("references"):
            assert "Sources:" in row[1]


def test_quizlet_file_is_term_tab_definition_per_line(built_site):
    text = (built_site / FILES["quizlet"]).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) == expected_count()
    assert all(len(line.split("\t")) == 2 and not line.startswith("#") for line in lines)
    _, rows = anki_rows(built_site)
    assert [line.split("\t") for line in lines] == [row[:2] for row in rows]


def test_apkg_is_a_valid_anki_package(built_site, tmp_path):
    archive = zipfile.ZipFile(built_site / FILES["apkg"])
    assert set(archive.namelist()) == {"collection.anki2", "media"}
    db = tmp_path / "collection.anki2"
    db.write_bytes(archive.read("collection.anki2"))
    con = sqlite3.connect(db)
    notes = con.execute("select guid, flds, tags from notes").fetchall()
    assert len(notes) == expected_count()
    assert con.execute("select count(*) from cards").fetchone()[0] == expected_count()
    assert len({guid for guid, _, _ in notes}) == len(notes)
    decks = json.loads(con.execute("select decks from col").fetchone()[0])
    assert "Massage Technique Atlas" in {d["name"] for d in decks.values()}
    models = json.loads(con.execute("select models from col").fetchone()[0])
    (model,) = models.values()
    assert [f["name"] for f in model["flds"]] == ["Front", "Back", "Source"]
    _, rows = anki_rows(built_site)
    fronts = {row[0] for row in rows}
    for _, fields, tags in notes:
        front, back, source = fields.split("\x1f")
        assert front.replace("&amp;", "&") in fronts and back
        assert "/techniques/" in source or "/benefits/" in source  # where the fact is explained
        assert "massage-atlas" in tags.split()
    con.close()


def test_apkg_is_deterministic_and_ids_survive_a_data_change(tmp_path):
    atlas = load_atlas(PROJECT / "data", PROJECT)
    cards = flashcards(atlas)
    assert apkg_bytes(cards, 1_700_000_000) == apkg_bytes(cards, 1_700_000_000)

    def guids(data: bytes) -> dict[str, str]:
        db = tmp_path / "c.anki2"
        db.write_bytes(zipfile.ZipFile(io.BytesIO(data)).read("collection.anki2"))
        con = sqlite3.connect(db)
        out = {f.split("\x1f")[0]: g for g, f in con.execute("select guid, flds from notes")}
        con.close()
        return out

    before = guids(apkg_bytes(cards, 1_700_000_000))
    # a card whose back changes keeps its note GUID, so Anki updates it instead of adding a copy
    changed = [c if c.id != "kneading/pressure" else c.__class__(c.id, c.front, "Light.", c.tags, c.page) for c in cards]
    after = guids(apkg_bytes(changed, 1_700_000_100))
    assert before == after


def test_study_page_links_the_decks_with_their_card_count(built_site):
    html = (built_site / "study" / "index.html").read_text()
    for path in FILES.values():
        assert f'href="flashcards/{path.rsplit("/", 1)[1]}"' in html
    assert f"{expected_count()} cards" in html
