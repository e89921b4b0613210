"""Claims and evidence in the real `mkdocs build` of the real site (the shared
`built_site` fixture): what a reader finds on each page, and whether every
link between claims, benefits, techniques and the bibliography lands."""
from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT
from macros.atlas.catalog import load_atlas

ATLAS = load_atlas(PROJECT / "data", PROJECT)
LABELS = {"evidence-backed": "Evidence-backed", "traditional": "Traditional"}


@lru_cache(maxsize=None)
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def page(site: Path, url_path: str) -> BeautifulSoup:
    return _soup(site / url_path.strip("/") / "index.html")


def expected_grade(claim) -> str:
    if claim.label == "evidence-backed":
        return f"{claim.certainty.level[:1].upper()}{claim.certainty.level[1:]} certainty"
    return f"Research: {claim.research_status}"


def card(soup: BeautifulSoup, claim_id: str):
    heading = soup.select_one(f"#claim-{claim_id}")
    return heading.find_parent("div", class_="atlas-claim") if heading else None


def resolve(site: Path, from_url: str, href: str) -> tuple[Path, str]:
    """The built file and fragment a relative link from page `from_url` points to."""
    target = urlparse(href)
    path = posixpath.normpath(posixpath.join("/" + from_url.strip("/") + "/", target.path)) if target.path else "/" + from_url
    file = site / path.strip("/") / "index.html" if not path.endswith(".html") else site / path.strip("/")
    return file, target.fragment


def assert_lands(site: Path, from_url: str, href: str) -> None:
    file, fragment = resolve(site, from_url, href)
    assert file.exists(), f"{from_url}: {href} -> {file} is missing"
    if fragment:
        assert _soup(file).find(id=fragment), f"{from_url}: {href} -> no #{fragment}"


def evidence_pages(site: Path) -> list[str]:
    urls = [f"techniques/{t}" for t in ATLAS.techniques] + [f"benefits/{b}" for b in ATLAS.benefits]
    return urls + ["evidence/matrix", "evidence/bibliography", "evidence/methodology", "evidence", "benefits"]


def test_every_rendered_claim_has_a_label_and_a_grade(built_site):
    seen = 0
    for url in evidence_pages(built_site):
        for div in page(built_site, url).select("div.atlas-claim"):
            claim_id = div.select_one("h3")["id"].removeprefix("claim-")
            claim = ATLAS.claims[claim_id]
            (badge,) = div.select(".atlas-claim__badges .atlas-badge")
            (grade,) = div.select(".atlas-claim__badges .atlas-grade")
            assert badge.get_text(strip=True) == LABELS[claim.label], (url, claim_id)
            assert grade.get_text(strip=True) == expected_grade(claim), (url, claim_id)
            assert badge.select_one("svg.atlas-icon") and grade.select_one("svg.atlas-icon")
            seen += 1
    # Every claim on its benefit page, plus technique claims on each technique's page.
    assert seen == len(ATLAS.claims) + sum(len(ids) for ids in ATLAS.claims_by_technique.values())


def test_every_claim_is_on_its_benefit_page_and_its_techniques_pages(built_site):
    for claim in ATLAS.claims.values():
        assert card(page(built_site, f"benefits/{claim.benefit}"), claim.id), claim.id
        for tid in claim.techniques or []:
            assert card(page(built_site, f"techniques/{tid}"), claim.id), (tid, claim.id)


def test_general_claims_are_linked_not_shown_on_technique_pages(built_site):
    listed = {a["href"] for a in page(built_site, "evidence/whole-sessions").select(".atlas-general li a")}
    for claim_id in ATLAS.general_claims:
        claim = ATLAS.claims[claim_id]
        assert f"../../benefits/{claim.benefit}/#claim-{claim_id}" in listed, claim_id
    assert len(listed) == len(ATLAS.general_claims)
    for tid in ATLAS.techniques:
        soup = page(built_site, f"techniques/{tid}")
        pointer = soup.select_one("#claims ~ p.atlas-general")
        assert f"records {len(ATLAS.general_claims)} claims" in pointer.get_text(" "), tid
        assert pointer.select_one('a[href="../../evidence/whole-sessions/"]'), tid
        for claim_id in ATLAS.general_claims:
            assert card(soup, claim_id) is None, (tid, claim_id)


def test_evidence_backed_claims_link_to_existing_references(built_site):
    bibliography = page(built_site, "evidence/bibliography")
    for claim in ATLAS.claims.values():
        if claim.label != "evidence-backed":
            continue
        div = card(page(built_site, f"benefits/{claim.benefit}"), claim.id)
        refs = [a["href"].split("#ref-")[1] for a in div.select(".atlas-claim__sources a") if "#ref-" in a["href"]]
        assert refs == claim.references and refs, claim.id
        for ref in refs:
            assert ref in ATLAS.references and bibliography.find(id=f"ref-{ref}"), (claim.id, ref)
        for ref_id in refs:
            doi = ATLAS.references[ref_id].doi
            if doi:
                assert div.select_one(f'a[href="https://doi.org/{doi}"]'), (claim.id, ref_id)


def test_cupping_detox_claim_is_traditional_on_the_page_and_in_the_matrix(built_site):
    div = card(page(built_site, "techniques/cupping"), "cupping-detox")
    assert div.select_one(".atlas-badge").get_text(strip=True) == "Traditional"
    assert "lymphatic" in div.select_one("h3").get_text()
    cell = page(built_site, "evidence/matrix").select_one('tr#benefit-detox-lymph td[data-column="cupping"]')
    link = cell.select_one('a[href$="#claim-cupping-detox"]')
    assert link["href"] == "../../techniques/cupping/#claim-cupping-detox"
    assert link.select_one(".atlas-cell__label").get_text(strip=True) == "Traditional"
    assert link.select_one(".atlas-cell__grade").get_text(strip=True) == "Untested"


def test_lactic_acid_claim_is_contradicted_with_its_citation(built_site):
    for tid in ("effleurage", "kneading"):
        div = card(page(built_site, f"techniques/{tid}"), "lactic-acid-flushing")
        assert div.select_one(".atlas-badge").get_text(strip=True) == "Traditional"
        assert div.select_one(".atlas-grade").get_text(strip=True) == "Research: contradicted"
        assert "(Wiltshire 2010)" in div.get_text()
        assert div.select_one('a[href="../../evidence/bibliography/#ref-wiltshire2010"]').get_text() == "Wiltshire 2010"
        assert div.select_one('a[href="https://doi.org/10.1249/MSS.0b013e3181c9214f"]')


def test_matrix_cells_equal_the_data(built_site):
    soup = page(built_site, "evidence/matrix")
    expected: dict[tuple[str, str], set[str]] = {}
    for claim in ATLAS.claims.values():
        for column in (["massage in general"] if claim.massage_in_general else claim.techniques):
            expected.setdefault((claim.benefit, column), set()).add(claim.id)
    found: dict[tuple[str, str], set[str]] = {}
    rows = soup.select("table.atlas-matrix tbody tr[id]")
    assert [r["id"] for r in rows] == [f"benefit-{b}" for b in ATLAS.benefits]
    for row in rows:
        cells = row.select("td")
        assert [td["data-column"] for td in cells] == ["massage in general", *ATLAS.techniques]
        for td in cells:
            for a in td.select("a"):
                claim = ATLAS.claims[a["href"].split("#claim-")[1]]
                assert a.select_one(".atlas-cell__label").get_text(strip=True) == LABELS[claim.label]
                grade = a.select_one(".atlas-cell__grade").get_text(strip=True)
                assert grade.lower() == (expected_grade(claim) if claim.certainty else claim.research_status).lower()
                found.setdefault((row["id"].removeprefix("benefit-"), td["data-column"]), set()).add(claim.id)
            if not td.select("a"):
                assert "atlas-matrix__empty" in td["class"]
    assert found == expected


def test_links_between_evidence_pages_land(built_site):
    for url in evidence_pages(built_site):
        for a in page(built_site, url).select("article a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            assert_lands(built_site, url, href)


def test_bibliography_lists_every_reference_with_who_cites_it(built_site):
    soup = page(built_site, "evidence/bibliography")
    for ref_id, citations in ATLAS.cited_by.items():
        entry = soup.find(id=f"ref-{ref_id}")
        links = {a["href"] for a in entry.select(".atlas-ref__cited a")}
        for citation in citations:
            if citation.kind == "claim":
                claim = ATLAS.claims[citation.owner]
                assert f"../../benefits/{claim.benefit}/#claim-{claim.id}" in links, (ref_id, claim.id)
            elif citation.kind == "exam map":  # study mode cites the exam's content outline
                assert "../../study/exam-map/#sources" in links, ref_id
            else:
                assert f"../../techniques/{citation.owner}/#sources" in links, (ref_id, citation.owner)
    assert len(soup.select("div.atlas-ref")) == len(ATLAS.references)


def test_benefit_index_and_nav(built_site):
    index = page(built_site, "benefits")
    for bid, benefit in ATLAS.benefits.items():
        assert index.select_one(f'article a[href="{bid}/"]').get_text() == benefit.name
    top = page(built_site, "").select("nav.md-nav--primary > ul > li")
    names = [li.find(["a", "label"]).get_text(" ", strip=True) for li in top]
    # Techniques, then Guides (the guides feature's place), then Evidence
    assert names.index("Techniques") < names.index("Evidence") <= names.index("Techniques") + 2


def test_every_page_has_the_medical_disclaimer(built_site):
    # Material's 404 page replaces the content block and has no content to qualify;
    # redirect stubs only forward to a page that has it.
    pages = [p for p in built_site.rglob("*.html") if p.name != "404.html"
             and not _soup(p).select_one('meta[http-equiv="refresh"]')]
    assert len(pages) > len(ATLAS.techniques) + len(ATLAS.benefits)
    for file in pages:
        soup = _soup(file)
        if soup.select_one(".md-content"):  # a page of the site
            disclaimer = soup.select_one("aside.atlas-disclaimer")
            assert disclaimer and "not medical advice" in disclaimer.get_text(), file
        else:  # an embeddable card carries it in its footer
            assert "not medical advice" in soup.get_text().lower(), file


def test_contribute_page_documents_claims_and_references(built_site):
    text = page(built_site, "contributing").get_text(" ")
    for field in ("massage_in_general", "research_status", "certainty.graded_by", "studied.comparison", "verified"):
        assert field in text, field
    for code in ("MTA301", "MTA309", "MTA310"):
        assert code in text
