"""Comparisons, glossary and facets without MkDocs: what the loader derives,
what the rules report, and how terms are found in text."""
from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import FIXTURES, PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.compare_table import COLUMNS, table_rows
from macros.atlas.facets import facet_index
from macros.atlas.glossary import Term, TermMatcher
from macros.atlas.problems import DataError
from macros.atlas.redirects import redirects

VALID = load_atlas(FIXTURES / "valid")
REAL = load_atlas(PROJECT / "data", PROJECT)
RAW_TECHNIQUES = {p.stem: yaml.safe_load(p.read_text()) for p in (PROJECT / "data" / "techniques").glob("*.yml")}


def overlay(tmp_path, files: dict[str, str]):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    for name, text in files.items():
        (data / name).write_text(text)
    return data


# --- comparisons -----------------------------------------------------------------

def test_pairs_get_their_page_title_and_both_techniques():
    (pair,) = VALID.comparisons
    assert (pair.ids, pair.src) == (("alpha", "beta"), "compare/alpha-vs-beta.md")
    assert pair.title == "Alpha vs beta"
    assert VALID.comparisons_of == {"alpha": (pair,), "beta": (pair,), "kappa": ()}


def test_real_pairs_are_the_ones_issue_5_asks_for():
    raw = yaml.safe_load((PROJECT / "data" / "comparisons.yml").read_text())
    assert [tuple(p.ids) for p in REAL.comparisons] == [tuple(item["pair"]) for item in raw]
    assert {frozenset(p.ids) for p in REAL.comparisons} >= {
        frozenset(ids) for ids in (("stroking", "effleurage"), ("rubbing", "kneading"), ("effleurage", "tapotement"),
                                   ("vibration", "tapotement"))}
    cupping = next(p for p in REAL.comparisons if "cupping" in p.ids)
    assert "massage" in cupping.title.lower() and "suction" in cupping.note
    for tid in REAL.techniques:  # every technique page has something to link
        assert REAL.comparisons_of[tid], tid


def test_duplicate_pair_message_names_file_field_and_first_line(tmp_path):
    data = overlay(tmp_path, {"comparisons.yml": "- pair: [alpha, beta]\n- pair: [beta, alpha]\n"})
    with pytest.raises(DataError) as caught:
        load_atlas(data, tmp_path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.file, problem.field, problem.line) == ("MTA503", "data/comparisons.yml", "[1].pair", 2)
    assert "line 1" in problem.message


def test_renamed_technique_moves_its_pair_page_and_keeps_its_glossary_anchor(tmp_path):
    data = overlay(tmp_path, {"comparisons.yml": "- pair: [alfa, beta]\n",
                              "glossary.yml": "- technique: alfa\n  not_on: [beta]\n"})
    alpha = data / "techniques" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("id: alpha\n", "id: alpha\nold_ids: [alfa]\n"))
    atlas = load_atlas(data, tmp_path)
    (pair,) = atlas.comparisons
    # the page takes the current id; its old address redirects (macros/atlas/redirects.py)
    assert pair.ids == ("alpha", "beta") and pair.src == "compare/alpha-vs-beta.md"
    assert ("compare/alfa-vs-beta/", "compare/alpha-vs-beta/") in {(r.old, r.new) for r in redirects(atlas)}
    term = next(t for t in atlas.glossary if t.id == "alpha")
    assert term.old_ids == ("alfa",) and term.not_on == {"techniques/beta.md"}
    # an old id and the current one are the same technique
    data = overlay(tmp_path / "again", {"comparisons.yml": "- pair: [alfa, alpha]\n"})
    alpha = data / "techniques" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("id: alpha\n", "id: alpha\nold_ids: [alfa]\n"))
    with pytest.raises(DataError) as caught:
        load_atlas(data, tmp_path / "again")
    assert caught.value.codes == {"MTA502"}


def test_comparisons_and_glossary_files_are_optional(tmp_path):
    data = overlay(tmp_path, {})
    (data / "comparisons.yml").unlink()
    (data / "glossary.yml").unlink()
    atlas = load_atlas(data, tmp_path)
    assert atlas.comparisons == () and {t.id for t in atlas.glossary} == {"alpha", "beta", "kappa"}


def test_pair_must_have_two_ids(tmp_path):
    data = overlay(tmp_path, {"comparisons.yml": "- pair: [alpha, beta, alpha]\n"})
    with pytest.raises(DataError) as caught:
        load_atlas(data, tmp_path)
    assert caught.value.codes == {"MTA103"}


# --- glossary --------------------------------------------------------------------

def test_technique_names_and_aliases_are_terms_by_themselves():
    kneading = next(t for t in REAL.glossary if t.id == "kneading")
    assert kneading.technique == "kneading" and kneading.related == "techniques/kneading.md"
    assert kneading.definition == REAL.techniques["kneading"].summary
    assert "petrissage" in kneading.aliases
    assert kneading.tooltip("petrissage").startswith("petrissage: another name for kneading.")


def test_glossary_merges_authored_terms_sorted_with_pages_resolved():
    by_id = {t.id: t for t in VALID.glossary}
    assert [t.term.casefold() for t in VALID.glossary] == sorted(t.term.casefold() for t in VALID.glossary)
    assert by_id["gamma-term"].related == "techniques/alpha.md"
    assert by_id["beta"].not_on == {"techniques/alpha.md"}  # from the `technique: beta` item
    assert by_id["tst"].related is None


def test_unknown_not_on_page_is_reported(tmp_path):
    data = overlay(tmp_path, {"glossary.yml": "- technique: beta\n  not_on: [gamma, compare/index.md]\n"})
    with pytest.raises(DataError) as caught:
        load_atlas(data, tmp_path)
    problems = caught.value.problems
    assert [(p.code, p.field) for p in problems] == [("MTA505", "[0].not_on[0]"), ("MTA505", "[0].not_on[1]")]


def test_site_pages_under_docs_are_known(tmp_path):
    data = overlay(tmp_path, {"glossary.yml": "- id: x\n  term: xterm\n  definition: X.\n  related: guide.md\n"})
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n")
    atlas = load_atlas(data, tmp_path)
    assert next(t for t in atlas.glossary if t.id == "x").related == "guide.md"


def test_term_defined_twice_names_the_earlier_file(tmp_path):
    data = overlay(tmp_path, {"glossary.yml": "- id: x\n  term: Beta\n  definition: Clash with a technique name.\n"})
    with pytest.raises(DataError) as caught:
        load_atlas(data, tmp_path)
    (problem,) = caught.value.problems
    assert problem.code == "MTA504" and problem.field == "[0].term"
    assert "data/techniques/beta.yml" in problem.message


def test_real_glossary_definitions_are_plain_and_short():
    for term in REAL.glossary:
        assert term.definition and len(term.definition) <= 400 and "<" not in term.definition, term.id


# --- finding terms in text ---------------------------------------------------------

def terms(*specs):
    return [Term(id, term, f"Definition of {term}.", tuple(aliases)) for id, term, aliases in specs]


MATCHER = TermMatcher(terms(("cupping", "cupping", ["cupping therapy"]), ("wet", "wet cupping", []),
                            ("swedish", "Swedish massage", []), ("nccih", "NCCIH", []),
                            ("massage", "massage", []), ("contra", "contraindication", [])),
                      labels=["Suction (cupping)"])


def found(text):
    return [(m.term.id, text[m.start:m.end]) for m in MATCHER.find(text)]


def test_any_case_and_plural_forms_match():
    assert found("Cupping and two contraindications, Swedish Massage.") == [
        ("cupping", "Cupping"), ("contra", "contraindications"), ("swedish", "Swedish Massage")]


def test_longest_term_wins_and_alias_is_reported():
    (match,) = MATCHER.find("after wet cupping")
    assert match.term.id == "wet"
    (match,) = MATCHER.find("Cupping therapy is old.")
    assert match.word == "cupping therapy" and match.tooltip.startswith("cupping therapy: another name for")


def test_acronyms_match_only_in_capitals():
    assert found("the NCCIH says") == [("nccih", "NCCIH")]
    assert found("nccih in lower case") == []


def test_parts_of_words_and_hyphenated_words_do_not_match():
    assert found("massages; self-massage; massaged; premassage") == [("massage", "massages")]


def test_quoted_definitions_and_bare_labels_are_left_alone():
    assert found("Definition of cupping.") == []  # a definition quoted in a list
    assert found("Suction (cupping)") == []  # a vocabulary label in a table cell
    assert found("Strong suction (cupping) here") == [("cupping", "cupping")]


# --- facets and the comparison table ---------------------------------------------

def test_facet_index_lists_exactly_the_techniques_with_each_value():
    index = facet_index(REAL)
    expected: dict[tuple[str, str], set[str]] = {}
    for tid, raw in RAW_TECHNIQUES.items():
        for region in raw["regions"]:
            expected.setdefault(("region", region), set()).add(tid)
        for level in raw["pressure"]:
            expected.setdefault(("pressure", level), set()).add(tid)
        expected.setdefault(("family", raw["family"]), set()).add(tid)
    # guides are listed too (tests/test_cross_feature_site.py); here, the techniques
    assert {key: {item.id for item in items if item.kind == "technique"} for key, items in index.items()} == expected


def test_table_has_a_row_per_technique_and_a_cell_per_column():
    rows = table_rows(REAL)
    assert [t.id for t, _ in rows] == list(REAL.techniques)
    assert all(len(cells) == len(COLUMNS) for _, cells in rows)


def test_pressure_and_session_sort_keys_follow_the_scale_not_the_alphabet():
    col = {c.key: i for i, c in enumerate(COLUMNS)}
    keys = {t.id: cells for t, cells in table_rows(REAL)}

    def key(tid, column):
        return keys[tid][col[column]].sort
    # stroking is light only, effleurage light to firm, kneading moderate to firm
    assert key("stroking", "pressure") < key("effleurage", "pressure") < key("kneading", "pressure")
    # stroking opens, kneading is main work only
    assert key("stroking", "session_place") < key("kneading", "session_place")
    assert key("stroking", "pace") < key("tapotement", "pace")


def test_the_term_pattern_matches_what_the_longest_first_alternation_matches():
    """The glossary's trie pattern is the plain alternation of its words, longest first, made fast."""
    import re
    from macros.atlas.glossary import trie_pattern
    words = ["vibration", "vibrations", "vib", "friction", "cross-fibre friction", "fric", "cupping",
             "cup", "a", "ab", "abc", "x.y", "(p)"]
    plain = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    trie = re.compile(trie_pattern(words))
    texts = ["vibrations and vibration, vib; cross-fibre friction or friction or fric",
             "a ab abc abd x.y xzy (p) cupping cups cup", "nothing here", ""]
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], text
    # a longer word that fits only without what follows it gives way to a shorter one
    suffix = re.compile(rf"(?:{trie_pattern(['ab', 'abc'])})(?!\w)")
    assert suffix.fullmatch("abc") and suffix.match("ab") and not suffix.match("abcd")
    assert re.compile(trie_pattern([])).search("anything") is None
