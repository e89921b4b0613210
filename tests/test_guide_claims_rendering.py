"""Claims on guide pages, claim back-links, the technique card's claims and the
claims in the JSON API, rendered by the core alone from the fixture atlas
(Markdown through the site's extensions, so the structure can be checked)."""
from __future__ import annotations

import json
import posixpath

import jsonschema
import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.evidence_views import EvidencePages
from macros.atlas.export import api_files
from macros.atlas.guide_pages import guide_page
from macros.atlas.linking import render_card
from macros.atlas.rendering import Renderer
from test_guide_claims_data import guide_with_claims

renderer = Renderer(PROJECT / "overrides" / "partials" / "atlas")
EXTENSIONS = ["md_in_html", "attr_list", "tables", "toc", "admonition", "pymdownx.details", "def_list"]
LABELS = {"evidence-backed": "Evidence-backed", "traditional": "Traditional"}


def html(md: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(md, extensions=EXTENSIONS), "html.parser")


@pytest.fixture
def wired(tmp_path):
    """The fixture atlas with claims on the first guide, on its second step and on a variant step."""
    data = guide_with_claims(tmp_path, guide=["general-calm", "alpha-warms"], steps={2: ["alpha-warms"]},
                             variant_steps={1: ["general-calm"]})
    return load_atlas(data, tmp_path)


def claim_items(box) -> list[tuple[str, str, str, str]]:
    """(label, grade, statement, link) for each claim of a box."""
    return [(li.select_one(".atlas-badge").get_text(strip=True), li.select_one(".atlas-grade").get_text(strip=True),
             li.a.get_text(strip=True), li.a["href"]) for li in box.select("li")]


def test_guide_box_follows_the_introduction_with_labels_and_canonical_links(wired):
    soup = html(guide_page(renderer, wired, "first-guide", "guides/first-guide.md"))
    box = soup.select_one("section#evidence.atlas-evidence")
    assert box["aria-labelledby"] == "evidence-title"
    assert soup.select_one("#evidence-title").get_text(strip=True) == "What the evidence says"
    assert claim_items(box) == [
        ("Traditional", "Research: contradicted", "Massage makes everyone calm forever.",
         "../benefits/calm.md#claim-general-calm"),
        ("Evidence-backed", "Low certainty", "Alpha warms the skin.", "../benefits/warmth.md#claim-alpha-warms"),
    ]
    # badges are the claims feature's own markup: word and icon
    assert all(b.select_one("svg.atlas-icon") for b in box.select(".atlas-badge, .atlas-grade"))
    intro = soup.find(string="A guide used only by tests.").parent
    assert intro.find_next_sibling() is box, "the box comes right after the introduction"


def test_step_claims_sit_at_the_end_of_their_own_step(wired):
    soup = html(guide_page(renderer, wired, "first-guide", "guides/first-guide.md"))
    steps = {li.h3["id"]: li for li in soup.select("li.atlas-step")}
    assert not steps["step-1"].select(".atlas-evidence")
    (box,) = steps["step-2"].select(".atlas-evidence--step")
    assert claim_items(box) == [("Evidence-backed", "Low certainty", "Alpha warms the skin.",
                                 "../benefits/warmth.md#claim-alpha-warms")]
    assert box.find_previous_sibling("dl"), "after the step's facts"
    (variant_box,) = steps["variant-other-way-step-1"].select(".atlas-evidence--step")
    assert [i[2] for i in claim_items(variant_box)] == ["Massage makes everyone calm forever."]


def test_guide_without_claims_has_no_box():
    atlas = load_atlas(FIXTURES / "valid")
    soup = html(guide_page(renderer, atlas, "first-guide", "guides/first-guide.md"))
    assert not soup.select(".atlas-evidence")


def test_claim_cards_say_where_guides_mention_them(wired):
    pages = EvidencePages(renderer)
    soup = html(pages.benefit_page(wired, "warmth", "benefits/warmth.md"))
    card = soup.select_one("#claim-alpha-warms").find_parent("div", class_="atlas-claim")
    line = card.select_one(".atlas-claim__mentions")
    assert [(a.get_text(), a["href"]) for a in line.select("a")] == [
        ("First guide", "../guides/first-guide.md#evidence"),
        ("First guide, step 2", "../guides/first-guide.md#step-2"),
    ]
    calm = html(pages.benefit_page(wired, "calm", "benefits/calm.md")).select_one(".atlas-claim__mentions")
    assert ("First guide, Variant: another way, step 1", "../guides/first-guide.md#variant-other-way-step-1") in \
        [(a.get_text(), a["href"]) for a in calm.select("a")]
    # The same card on the technique page links from there.
    page = html(renderer.technique_page(wired, "alpha", "techniques/alpha.md"))
    assert page.select_one('.atlas-claim__mentions a[href="../guides/first-guide.md#step-2"]')


def test_claims_nobody_mentions_have_no_mentions_line():
    soup = html(EvidencePages(renderer).benefit_page(load_atlas(FIXTURES / "valid"), "warmth", "benefits/warmth.md"))
    assert soup.select_one(".atlas-claim") and not soup.select(".atlas-claim__mentions")


def test_technique_card_lists_its_own_claims_linked_to_the_full_page():
    atlas = load_atlas(FIXTURES / "valid")
    card = html(render_card(renderer, atlas, "techniques", "alpha", "embed/techniques/alpha.md"))
    section = card.select_one("section.atlas-card__claims")
    assert section.h2.get_text(strip=True) == "Health claims"
    (item,) = section.select("li")
    assert item.select_one(".atlas-badge").get_text(strip=True) == "Evidence-backed"
    assert item.select_one(".atlas-grade").get_text(strip=True) == "Low certainty"
    link = item.select_one("a")
    assert (link.get_text(strip=True), link["href"]) == ("Alpha warms the skin.", "../../techniques/alpha.md#claim-alpha-warms")
    assert link["target"] == "_blank" and link["rel"] == ["noopener"]
    # The claim about massage in general is not a claim for alpha, so the card leaves it out.
    assert "calm forever" not in card.get_text()


def test_card_of_a_technique_without_claims_has_no_claims_section():
    atlas = load_atlas(FIXTURES / "valid")
    assert not atlas.claims_by_technique["kappa"]
    card = html(render_card(renderer, atlas, "techniques", "kappa", "embed/techniques/kappa.md"))
    assert not card.select(".atlas-card__claims")


def _validate(files: dict[str, str], path: str) -> dict:
    document = json.loads(files[path])
    schema = json.loads(files[posixpath.normpath(posixpath.join(posixpath.dirname(path), document["$schema"]))])
    jsonschema.Draft202012Validator(schema).validate(document)
    return document


def test_api_exports_claims_benefits_and_the_claims_of_techniques_and_guides(wired):
    files = api_files(wired, None)
    claims = _validate(files, "api/v1/claims.json")["claims"]
    assert [c["id"] for c in claims] == list(wired.claims)
    by_id = {c["id"]: c for c in claims}
    alpha = by_id["alpha-warms"]
    assert alpha["path"] == "benefits/warmth/#claim-alpha-warms"
    assert {k: v for k, v in alpha.items() if k != "path"} == wired.claims["alpha-warms"].model_dump(mode="json")
    assert by_id["general-calm"]["massage_in_general"] is True and by_id["general-calm"]["techniques"] is None
    benefits = _validate(files, "api/v1/benefits.json")["benefits"]
    assert {b["id"]: b["path"] for b in benefits} == {b: f"benefits/{b}/" for b in wired.benefits}
    techniques = _validate(files, "api/v1/techniques.json")["techniques"]
    assert {t["id"]: t["claims"] for t in techniques} == {t: list(ids) for t, ids in wired.claims_by_technique.items()}
    guide = _validate(files, "api/v1/guides/first-guide.json")["guide"]
    assert guide["claims"] == ["general-calm", "alpha-warms"] and guide["steps"][1]["claims"] == ["alpha-warms"]
    # No per-claim files: a practice links to a claim's anchor; the collection is the data.
    assert not [p for p in files if p.startswith("api/v1/claims/")]
