"""Evidence rendering functions alone, on the small fixture atlas: Markdown
out of the partials, turned into HTML with the site's Markdown extensions so
the structure can be checked."""
from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.evidence import Citation
from macros.atlas.evidence_views import GENERAL_COLUMN, EvidencePages, matrix_cells
from macros.atlas.pages import benefit_pages
from macros.atlas.rendering import Renderer

renderer = Renderer(PROJECT / "overrides" / "partials" / "atlas")
pages = EvidencePages(renderer)
EXTENSIONS = ["md_in_html", "attr_list", "tables", "toc", "admonition", "pymdownx.details"]


def html(md: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(md, extensions=EXTENSIONS), "html.parser")


@pytest.fixture
def atlas():
    return load_atlas(FIXTURES / "valid")


def test_technique_page_shows_its_claim_in_full(atlas):
    soup = html(renderer.technique_page(atlas, "alpha", "techniques/alpha.md"))
    card = soup.select_one("#claim-alpha-warms").find_parent("div", class_="atlas-claim")
    assert card.select_one(".atlas-badge").get_text(strip=True) == "Evidence-backed"
    assert card.select_one(".atlas-badge svg.atlas-icon")
    assert card.select_one(".atlas-grade").get_text(strip=True) == "Low certainty"
    text = card.get_text(" ", strip=True)
    assert "What was tested: Alpha strokes, in test people, compared with rest." in text
    assert "Limits: Only a test." in text and "as graded by the source" in text
    sources = [a["href"] for a in card.select(".atlas-claim__sources a")]
    assert sources == ["../evidence/bibliography.md#ref-ref2020"]


def test_general_claims_are_counted_and_linked_not_shown_on_technique_pages(atlas):
    soup = html(renderer.technique_page(atlas, "alpha", "techniques/alpha.md"))
    assert soup.select_one("#claim-general-calm") is None
    pointer = soup.select_one(".atlas-general")
    assert "records 1 claim about massage sessions in general" in pointer.get_text(" ")
    assert pointer.select_one('a[href="../evidence/whole-sessions.md"]')


def test_whole_sessions_page_lists_each_general_claim_once(atlas):
    from macros.atlas.evidence_views import EvidencePages
    soup = html(EvidencePages(renderer).whole_session_claims(atlas, "evidence/whole-sessions.md"))
    link = soup.select_one('a[href="../benefits/calm.md#claim-general-calm"]')
    assert link.get_text(strip=True) == "Massage makes everyone calm forever."
    item = link.find_parent("li").get_text(" ", strip=True)
    assert "Traditional" in item and "Research: contradicted" in item
    assert len(soup.select(".atlas-general li")) == len(atlas.general_claims)


def test_technique_without_claims_says_so(atlas):
    soup = html(renderer.technique_page(atlas, "beta", "techniques/beta.md"))
    assert "No health claims have been recorded for beta itself" in soup.get_text(" ")
    assert not soup.select(".atlas-claim")


def test_benefit_page_holds_the_canonical_anchor(atlas):
    soup = html(pages.benefit_page(atlas, "calm", "benefits/calm.md"))
    heading = soup.select_one("h2#general")
    card = soup.select_one("#claim-general-calm").find_parent("div", class_="atlas-claim")
    assert heading and card
    text = card.get_text(" ", strip=True)
    assert "About: massage sessions in general" in text
    assert "Where the belief comes from: A test tradition." in text
    assert soup.select_one("#techniques") is None  # no technique claims about calm
    with pytest.raises(KeyError, match="Unknown benefit id `nope`"):
        pages.benefit_page(atlas, "nope", "benefits/nope.md")


def test_benefit_page_set(atlas):
    assert [(p.src, p.macro, p.meta) for p in benefit_pages(atlas)] == [
        ("benefits/calm.md", "benefit_page()", {"benefit": "calm"}),
        ("benefits/warmth.md", "benefit_page()", {"benefit": "warmth"}),
    ]


def test_matrix_cells_equal_the_data(atlas):
    soup = html(pages.matrix(atlas, "evidence/matrix.md"))
    columns = [th.get_text(strip=True) for th in soup.select("thead th")][1:]
    assert columns == ["Massage in general", "Alpha", "Beta", "Kappa"]
    found = {}
    for row in soup.select("tbody tr[id]"):
        benefit = row["id"].removeprefix("benefit-")
        for td in row.select("td"):
            for a in td.select("a"):
                found.setdefault((benefit, td["data-column"]), []).append(a["href"].split("#")[1])
    assert found == {("calm", GENERAL_COLUMN): ["claim-general-calm"], ("warmth", "alpha"): ["claim-alpha-warms"]}
    alpha_cell = soup.select_one('#benefit-warmth td[data-column="alpha"] a')
    assert alpha_cell["href"] == "../techniques/alpha.md#claim-alpha-warms"
    assert alpha_cell.select_one(".atlas-cell__label").get_text(strip=True) == "Evidence-backed"
    assert alpha_cell.select_one(".atlas-cell__grade").get_text(strip=True) == "Low certainty"
    assert len(soup.select("td.atlas-matrix__empty")) == 6  # 2 benefits x 4 columns, less the 2 claims


def test_matrix_cells_helper():
    atlas = load_atlas(FIXTURES / "valid")
    assert matrix_cells(atlas) == {("calm", GENERAL_COLUMN): ["general-calm"], ("warmth", "alpha"): ["alpha-warms"]}


def test_bibliography_links_back_to_every_citer(atlas):
    soup = html(pages.bibliography(atlas, "evidence/bibliography.md"))
    entry = soup.select_one("#ref-ref2020")
    hrefs = [a["href"] for a in entry.select(".atlas-ref__cited a")]
    assert hrefs == ["../techniques/alpha.md#sources", "../techniques/beta.md#sources",
                     "../benefits/warmth.md#claim-alpha-warms", "../benefits/calm.md#claim-general-calm",
                     "../study/exam-map.md#sources"]  # the fixture's exam map cites it too
    assert "Doe 2020." in entry.get_text()


def test_bibliography_refuses_a_citer_it_cannot_link(atlas):
    citation = Citation("ref2020", "guide", "g", "data/guides/g.yml", "sources[0]")
    with pytest.raises(ValueError, match="`guide`"):
        pages._citer_link(atlas, citation, "evidence/bibliography.md")


def test_claim_text_is_escaped(atlas):
    claim = atlas.claims["alpha-warms"].model_copy(update={"statement": "<script>alert(1)</script>"})
    atlas.claims["alpha-warms"] = claim
    out = renderer.technique_page(atlas, "alpha", "techniques/alpha.md")
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_legend_uses_the_claim_badges():
    soup = html(pages.legend())
    badges = [b.get_text(strip=True) for b in soup.select(".atlas-badge, .atlas-grade")]
    assert badges == ["Evidence-backed", "Traditional", "High certainty", "Moderate certainty", "Low certainty",
                      "Very low certainty", "Research: untested", "Research: inconclusive", "Research: contradicted"]
    assert len(soup.select("svg.atlas-icon")) == len(badges)
