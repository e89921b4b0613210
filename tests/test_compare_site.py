"""The real built site: comparison table, pair pages, facet pages, glossary
and tooltips, checked against the raw data files; and a generic check that
every built page is linked and within three clicks of the home page."""
from __future__ import annotations

import json
import posixpath
import re
from collections import deque
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT, visible_text
from macros.atlas.models import FAMILY_LABELS, PRESSURE_ORDER, SESSION_ORDER

DATA = PROJECT / "data"
TECHNIQUES = {p.stem: yaml.safe_load(p.read_text()) for p in (DATA / "techniques").glob("*.yml")}
REGIONS = {r["id"]: r for r in yaml.safe_load((DATA / "regions.yml").read_text())}
COMPARISONS = yaml.safe_load((DATA / "comparisons.yml").read_text())
GLOSSARY = yaml.safe_load((DATA / "glossary.yml").read_text())
CLAIMS = [yaml.safe_load(p.read_text()) for p in (DATA / "claims").glob("*.yml")]


def page(site, path) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(), "html.parser")


def technique_links(element, prefix: str) -> set[str]:
    """Ids of the technique pages linked inside ``element`` (hrefs like ../techniques/<id>/)."""
    return {a["href"][len(prefix):].strip("/") for a in element.select("a[href]")
            if a["href"].startswith(prefix) and a["href"].count("/") == prefix.count("/") + 1}


# --- the comparison table --------------------------------------------------------

def test_table_rows_are_the_technique_files_in_name_order(built_site):
    rows = page(built_site, "compare").select("table[data-atlas-sortable] tbody tr")
    assert [r["data-technique"] for r in rows] == sorted(TECHNIQUES, key=lambda t: TECHNIQUES[t]["name"].casefold())
    for row in rows:
        link = row.select_one("th[scope=row] a")
        assert link.get_text() == TECHNIQUES[row["data-technique"]]["name"]
        assert link["href"] == f"../techniques/{row['data-technique']}/"


def test_table_cells_show_each_techniques_values(built_site):
    table = page(built_site, "compare").select_one("table[data-atlas-sortable]")
    columns = [th.get("data-column") for th in table.select("thead th")]
    assert columns[1:] == ["family", "pressure", "pace", "hand_parts", "regions", "session_place", "claims",
                           "purposes"]
    for row in table.select("tbody tr"):
        raw = TECHNIQUES[row["data-technique"]]
        cells = dict(zip(columns[1:], row.select("td")))
        text = {key: visible_text(cell).lower() for key, cell in cells.items()}
        assert text["family"] == FAMILY_LABELS[raw["family"]].lower()
        levels = sorted(raw["pressure"], key=PRESSURE_ORDER.index)
        assert text["pressure"] == (levels[0] if len(levels) == 1 else f"{levels[0]} to {levels[-1]}")
        assert len(cells["pressure"].select(".atlas-scale__on")) == PRESSURE_ORDER.index(levels[-1]) - PRESSURE_ORDER.index(levels[0]) + 1
        for part in raw["hand_parts"]:
            assert part in text["hand_parts"]
        for region in raw["regions"]:
            assert REGIONS[region]["group"] in text["regions"]
        assert f"{len(raw['regions'])} region" in text["regions"]
        assert text["session_place"] == ", ".join(sorted(raw["session_place"], key=SESSION_ORDER.index))
        assert [visible_text(li) for li in cells["purposes"].select("li")] == raw["purposes"]
        # claims made for the technique (not those about massage in general), counted by label in words
        labels = [c["label"] for c in CLAIMS if row["data-technique"] in (c.get("techniques") or [])]
        evidence, traditional = labels.count("evidence-backed"), labels.count("traditional")
        assert text["claims"] == (f"{evidence} evidence-backed, {traditional} traditional" if labels else "none recorded")
        if labels:
            (claims_link,) = cells["claims"].select("a")
            assert claims_link["href"] == f"../techniques/{row['data-technique']}/#claims"
        else:  # nothing to count is plain text, not a link
            assert not cells["claims"].select("a"), row["data-technique"]


# --- side-by-side pages -----------------------------------------------------------

@pytest.mark.parametrize("item", COMPARISONS, ids=lambda item: "-vs-".join(item["pair"]))
def test_pair_page_compares_both_techniques(built_site, item):
    a, b = item["pair"]
    soup = page(built_site, f"compare/{a}-vs-{b}")
    article = soup.select_one("article")
    title = item.get("title") or f"{TECHNIQUES[a]['name']} vs {TECHNIQUES[b]['name'].lower()}"
    assert visible_text(soup.select_one("h1")) == title
    header = [a_["href"] for a_ in article.select("#at-a-glance ~ div table thead a, #at-a-glance ~ table thead a")]
    assert header == [f"../../techniques/{a}/", f"../../techniques/{b}/"]
    text = visible_text(article)
    for tid in (a, b):
        assert TECHNIQUES[tid]["summary"] in text
    assert " ".join(item["note"].split())[:80] in text
    assert article.select_one(f'a[href="../../techniques/{a}/#safety"]')


def test_each_technique_page_links_its_comparisons(built_site):
    for tid in TECHNIQUES:
        section = page(built_site, f"techniques/{tid}").select_one("#compare").find_next("ul")
        expected = {"-vs-".join(c["pair"]) for c in COMPARISONS if tid in c["pair"]}
        linked = {a["href"].split("/")[-2] for a in section.select('a[href^="../../compare/"]')}
        assert linked == expected, tid


# --- browse by facet ---------------------------------------------------------------

def expected_facets() -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for tid, raw in TECHNIQUES.items():
        keys = [("region", r) for r in raw["regions"]] + [("pressure", p) for p in raw["pressure"]]
        for key in keys + [("family", raw["family"])]:
            found.setdefault(key, set()).add(tid)
    return found


def test_facet_pages_list_exactly_the_matching_techniques(built_site):
    expected = expected_facets()
    for (facet, value), ids in expected.items():
        article = page(built_site, f"browse/{facet}/{value}").select_one("article")
        listed = technique_links(article.select_one("#techniques").find_next("ul"), "../../../techniques/")
        assert listed == ids, (facet, value)


def test_every_value_has_a_page_and_the_index_links_them_all(built_site):
    expected = expected_facets()
    values = ([("region", r) for r in REGIONS] + [("pressure", p) for p in PRESSURE_ORDER]
              + [("family", f) for f in FAMILY_LABELS])
    built = {(p.parent.parent.name, p.parent.name) for p in (built_site / "browse").glob("*/*/index.html")}
    assert built == set(values)
    index = page(built_site, "browse").select_one("article")
    linked = {tuple(a["href"].strip("/").split("/")) for a in index.select("a[href]") if a["href"].count("/") == 2}
    assert linked == set(values)
    for facet, value in set(values) - set(expected):  # unused: the page says so, no empty list
        article = page(built_site, f"browse/{facet}/{value}").select_one("article")
        said = "No technique in the atlas is used on" if facet == "region" and REGIONS[value].get("avoid") else "None of the"
        assert said in visible_text(article) and not article.select_one("#techniques")


def keeps_off(raw: dict, region: str) -> bool:
    """Whether a technique's own regions, pressure and family bring in a region's
    `avoid` rule (data/regions.yml), read from the raw files."""
    rule = REGIONS[region].get("avoid")
    if not rule or not set(raw["regions"]) & {*rule["near"], region}:
        return False
    return (not rule.get("pressure") and not rule.get("families")) or bool(
        set(raw["pressure"]) & set(rule.get("pressure", ()))) or raw["family"] in rule.get("families", ())


def guide_steps_keeping_off(site) -> dict[str, set[str]]:
    """Region id -> 'guide-id#step-anchor' of every step whose "Keep off" line names it, read from the built guide pages."""
    by_name = {r["name"].casefold(): rid for rid, r in REGIONS.items()}
    found: dict[str, set[str]] = {}
    for guide in (site / "guides").glob("*/index.html"):
        for dt in BeautifulSoup(guide.read_text(), "html.parser").find_all("dt", string="Keep off"):
            step = dt.find_parent("li").find(id=lambda i: i and "step-" in i)
            for name in visible_text(dt.find_next_sibling("dd")).split(", "):
                found.setdefault(by_name[name.casefold()], set()).add(f"{guide.parent.name}#{step['id']}")
    return found


def test_regions_to_keep_off_say_why_and_list_what_keeps_off_them(built_site):
    steps = guide_steps_keeping_off(built_site)
    assert {"spine", "kidney-area"} <= set(steps)
    for rid, region in REGIONS.items():
        article = page(built_site, f"browse/region/{rid}").select_one("article")
        lead = visible_text(article.select_one(".atlas-lead"))
        if region.get("avoid"):
            assert "an area to keep off" in lead and region["avoid"]["reason"].rstrip(".") in lead, rid
        else:
            assert "keep off" not in lead, rid
        # the techniques whose own work brings in the region's rule
        ids = {tid for tid, raw in TECHNIQUES.items() if keeps_off(raw, rid)}
        heading = article.select_one("#kept-off-techniques")
        listed = technique_links(heading.find_next("ul"), "../../../techniques/") if heading else set()
        assert listed == ids, rid
        # the guide steps whose "Keep off" line names it, each linked to its anchor
        heading = article.select_one("#kept-off-steps")
        linked = {a["href"].removeprefix("../../../guides/").replace("/#", "#")
                  for a in heading.find_next("ul").select("a[href*='#']")} if heading else set()
        assert linked == steps.get(rid, set()), rid
    spine = page(built_site, "browse/region/spine").select_one("article")
    assert len(spine.select_one("#kept-off-techniques").find_next("ul").find_all("li")) == len(TECHNIQUES)


def test_facet_pages_end_their_lists_before_the_safety_note(built_site):
    # The note after the lists is a paragraph of its own, not part of the last entry.
    for path in (built_site / "browse").glob("*/*/index.html"):
        article = BeautifulSoup(path.read_text(), "html.parser").select_one("article")
        notes = [p for p in article.find_all("p") if "read it before you begin" in p.get_text()]
        assert all(p.find_parent("li") is None for p in notes), path
        assert "read it before you begin" not in " ".join(li.get_text() for li in article.select("li")), path


def test_browse_index_marks_the_regions_to_keep_off(built_site):
    index = page(built_site, "browse").select_one("article")
    to_avoid = [rid for rid, r in REGIONS.items() if r.get("avoid")]
    intro = index.select_one("#region").find_next("p")
    assert "areas to keep off" in visible_text(intro)
    assert [a["href"] for a in intro.select("a")] == [f"region/{rid}/" for rid in to_avoid]
    for rid in to_avoid:
        (item,) = [li for li in index.select("li") if li.a and li.a["href"] == f"region/{rid}/"]
        assert re.search(r"keep off|kept off", visible_text(item)) and "no techniques listed" not in visible_text(item), rid


# --- glossary and tooltips ---------------------------------------------------------

def test_glossary_has_an_anchor_per_term_and_technique(built_site):
    soup = page(built_site, "glossary")
    ids = [item["id"] for item in GLOSSARY if "id" in item] + list(TECHNIQUES)
    for term_id in ids:
        assert soup.select_one(f"h2#term-{term_id}"), term_id
    assert not soup.select("abbr.atlas-term")  # the glossary explains itself


def tooltips(soup) -> dict[str, str]:
    return {abbr.get_text(): abbr["title"] for abbr in soup.select("article abbr.atlas-term")}


def test_alias_shows_its_techniques_summary_on_another_page(built_site):
    marks = tooltips(page(built_site, "techniques/effleurage"))
    assert marks["petrissage"] == f"petrissage: another name for kneading. {TECHNIQUES['kneading']['summary']}"
    assert all(abbr["tabindex"] == "0" for abbr in page(built_site, "techniques/effleurage").select("abbr.atlas-term"))


def test_authored_terms_and_their_exceptions(built_site):
    swedish = next(item for item in GLOSSARY if item.get("id") == "swedish-massage")
    assert tooltips(page(built_site, "techniques/kneading"))["Swedish massage"].endswith(swedish["definition"])
    tapotement = page(built_site, "techniques/tapotement")
    assert not tapotement.select('abbr[data-term="cupping"]')  # there it means clapping (not_on)
    assert not tapotement.select('abbr[data-term="tapotement"]')  # no tooltip on a term's own page


def test_search_lists_a_technique_by_its_aliases_and_no_index_table(built_site):
    # Material weighs `tags` far above text: a technique's aliases are its
    # page's tags, so a search for one lists that page first. Index tables
    # (techniques, home, comparison, glossary's other names) and facet lists
    # repeat the technique pages and stay out of the index, as does the body map.
    docs = {d["location"]: d for d in json.loads((built_site / "search" / "search_index.json").read_text())["docs"]}
    for tid, raw in TECHNIQUES.items():
        doc = docs[f"techniques/{tid}/"]
        assert doc.get("tags", []) == [a["name"] for a in raw.get("aliases") or []], tid
        assert doc["boost"] > 1 and "Hatched" not in doc["text"], tid
    summaries = [raw["summary"][:40] for raw in TECHNIQUES.values()]
    for location, doc in docs.items():
        if location.startswith(("techniques/", "guides/")) and location.count("/") > 1:
            continue  # a technique's own page and the guides hold their own words
        repeated = [s for s in summaries if s in doc["text"]]
        assert len(repeated) <= 2, (location, repeated)  # a side-by-side page shows its two
    assert "petrissage" not in docs.get("glossary/#other-names", {"text": ""})["text"]


def test_tooltips_stay_out_of_headings_links_code_nav_and_search(built_site):
    for html in built_site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(), "html.parser")
        bad = soup.select(":is(h1, h2, h3, h4, h5, h6, a, code, pre, th, nav, .md-nav) abbr.atlas-term")
        assert not bad, f"{html}: {bad[:3]}"
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    for doc in index["docs"]:
        assert "abbr" not in doc["title"] and "atlas-term" not in doc["text"], doc["location"]


def test_titles_of_cited_works_get_no_tooltips(built_site):
    # A paper's title is its authors' words: "Swedish massage" or "cupping
    # therapy" in it is not the atlas's term. Bibliography, technique pages'
    # references and the exam map's source alike (rendering.reference_text).
    refs = yaml.safe_load((DATA / "references.yml").read_text())
    bibliography = page(built_site, "evidence/bibliography")
    titles = bibliography.select(".atlas-ref em.atlas-no-tooltips")
    assert sorted(visible_text(t) for t in titles) == sorted(" ".join(r["title"].split()) for r in refs)
    for path in ("evidence/bibliography", "techniques/cupping", "techniques/kneading", "study/exam-map"):
        soup = page(built_site, path)
        assert soup.select("em.atlas-no-tooltips"), path
        assert not soup.select("em.atlas-no-tooltips abbr"), path


def test_every_page_with_content_has_tooltips_from_data(built_site):
    # Generated from the data on every page, not written by hand: pages of
    # three different kinds all carry terms.
    for path in ("techniques/stroking", "compare/vibration-vs-tapotement", ""):
        assert page(built_site, path).select("article abbr.atlas-term"), path


# --- orphans and depth (generic: covers pages any feature adds) ---------------------

def site_links(site) -> dict[str, set[str]]:
    """Every built HTML page (as a path like 'compare/index.html') -> the pages it links to."""
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"404.html"}
    graph = {}
    for path in pages:
        soup = BeautifulSoup((site / path).read_text(), "html.parser")
        targets = set()
        for a in soup.select("a[href]"):
            url = urlparse(a["href"])
            if url.scheme or url.netloc or not url.path:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), url.path))
            if url.path.endswith("/") or target == ".":
                target = posixpath.join(target, "index.html") if target != "." else "index.html"
            if target in pages and target != path:
                targets.add(target)
        graph[path] = targets
    return graph


def test_no_orphan_page_and_every_page_within_three_clicks_of_home(built_site):
    graph = site_links(built_site)
    linked_from_elsewhere = {target for targets in graph.values() for target in targets}
    orphans = sorted(set(graph) - linked_from_elsewhere - {"index.html"})
    assert not orphans, f"pages no other page links to: {orphans}"
    depth = {"index.html": 0}
    queue = deque(["index.html"])
    while queue:
        current = queue.popleft()
        for target in graph[current]:
            if target not in depth:
                depth[target] = depth[current] + 1
                queue.append(target)
    too_far = sorted(p for p in graph if depth.get(p, 99) > 3)
    assert not too_far, f"more than three clicks from home: {too_far}"
    assert len(graph) > 40  # the check really walked the site
