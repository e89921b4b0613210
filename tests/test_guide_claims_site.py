"""Claims wired into guides, claim back-links, technique cards and the JSON API,
in the real strict build (`built_site`). Expected values are read from the
YAML files themselves, not from the Atlas, so a derivation bug cannot hide."""
from __future__ import annotations

import json
import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT, visible_text

DATA = PROJECT / "data"
GUIDES = {p.stem: yaml.safe_load(p.read_text()) for p in sorted((DATA / "guides").glob("*.yml"))}
CLAIMS = {p.stem: yaml.safe_load(p.read_text()) for p in sorted((DATA / "claims").glob("*.yml"))}
LABELS = {"evidence-backed": "Evidence-backed", "traditional": "Traditional"}


def grade(claim: dict) -> str:
    if claim["label"] == "evidence-backed":
        level = claim["certainty"]["level"]
        return f"{level[:1].upper()}{level[1:]} certainty"
    return f"Research: {claim['research_status']}"


@lru_cache(maxsize=None)
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    return _soup(site / url.strip("/") / "index.html")


def assert_lands(site: Path, from_url: str, href: str) -> None:
    """A relative link from the page at `from_url` reaches a built page and, if given, its anchor."""
    target = urlparse(href)
    path = posixpath.normpath(posixpath.join("/" + from_url.strip("/") + "/", target.path))
    file = site / path.strip("/") / "index.html"
    assert file.exists(), f"{from_url}: {href} -> {file} is missing"
    if target.fragment:
        assert _soup(file).find(id=target.fragment), f"{from_url}: {href} -> no #{target.fragment}"


def assert_claim_lines(site: Path, url: str, box, claim_ids: list[str]) -> None:
    """The box lists exactly these claims, in order, each with its label, grade and a link to its full entry."""
    items = box.select(":scope > ul > li")
    assert len(items) == len(claim_ids), (url, claim_ids)
    for item, claim_id in zip(items, claim_ids):
        claim = CLAIMS[claim_id]
        assert item.select_one(".atlas-badge").get_text(strip=True) == LABELS[claim["label"]], (url, claim_id)
        assert item.select_one(".atlas-grade").get_text(strip=True) == grade(claim), (url, claim_id)
        link = item.select_one("a")
        assert visible_text(link) == claim["statement"], (url, claim_id)
        assert link["href"] == f"../../benefits/{claim['benefit']}/#claim-{claim_id}"
        assert_lands(site, url, link["href"])


def section_text(soup: BeautifulSoup, anchor: str) -> str:
    """The text under the h2 with this id, up to the next h2."""
    parts = []
    for sibling in soup.select_one(f"h2#{anchor}").find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(visible_text(sibling))
    return " ".join(parts)


def steps_with_anchors(guide: dict):
    for i, step in enumerate(guide["steps"]):
        yield f"step-{i + 1}", step
    for variant in guide.get("variants", []):
        for i, step in enumerate(variant["steps"]):
            yield f"variant-{variant['id']}-step-{i + 1}", step


@pytest.mark.parametrize("gid", sorted(GUIDES))
def test_guide_pages_show_their_claims_labelled_where_the_data_puts_them(built_site, gid):
    guide, url = GUIDES[gid], f"guides/{gid}"
    soup = page(built_site, url)
    box = soup.select_one("section#evidence.atlas-evidence")
    if guide.get("claims"):
        assert visible_text(box.select_one(".atlas-evidence__title")) == "What the evidence says"
        assert_claim_lines(built_site, url, box, guide["claims"])
        # after the introduction, before the checklist
        assert box.find_next("h2")["id"] == "what-you-need"
    else:
        assert box is None
    for anchor, step in steps_with_anchors(guide):
        step_box = soup.select_one(f"#{anchor}").find_parent("li").select_one(".atlas-evidence--step")
        if step.get("claims"):
            assert_claim_lines(built_site, url, step_box, step["claims"])
        else:
            assert step_box is None, anchor


def test_the_water_line_uses_the_labelled_claim_not_a_hand_written_link(built_site):
    soup = page(built_site, "guides/preparing-for-a-massage")
    intro = next(p for p in soup.select("article p") if "flush out toxins" in visible_text(p))
    assert not intro.select('a[href*="#claim-"]') and "the box below" in visible_text(intro)
    water = soup.select_one('#evidence a[href$="#claim-water-flushes-toxins"]').find_parent("li")
    assert visible_text(water.select_one(".atlas-grade")) == "Research: contradicted"


def test_every_guide_mention_is_linked_back_from_the_claim(built_site):
    expected: dict[str, list[tuple[str, str]]] = {}
    for gid, guide in GUIDES.items():
        for claim_id in guide.get("claims", []):
            expected.setdefault(claim_id, []).append((guide["title"], f"../../guides/{gid}/#evidence"))
        for anchor, step in steps_with_anchors(guide):
            for claim_id in step.get("claims", []):
                expected.setdefault(claim_id, []).append((guide["title"], f"../../guides/{gid}/#{anchor}"))
    assert expected, "the guides name claims"
    for claim_id, claim in CLAIMS.items():
        urls = [f"benefits/{claim['benefit']}"] + [f"techniques/{t}" for t in claim.get("techniques") or []]
        for url in urls:
            card = page(built_site, url).select_one(f"#claim-{claim_id}").find_parent("div", class_="atlas-claim")
            line = card.select_one(".atlas-claim__mentions")
            if claim_id not in expected:
                assert line is None, (url, claim_id)
                continue
            links = line.select("a")
            assert sorted(a["href"] for a in links) == sorted(h for _, h in expected[claim_id]), (url, claim_id)
            for a in links:
                assert visible_text(a).startswith(dict((h, t) for t, h in expected[claim_id])[a["href"]])
                assert_lands(built_site, url, a["href"])


@pytest.mark.parametrize("tid", ["foam-rolling", "ball-massage", "handheld-massager", "brush-massage",
                                 "passive-stretching"])
def test_techniques_that_had_no_claims_now_show_them(built_site, tid):
    soup = page(built_site, f"techniques/{tid}")
    assert "No health claims have been recorded" not in section_text(soup, "claims")
    own = [cid for cid, c in CLAIMS.items() if tid in (c.get("techniques") or [])]
    assert own
    for claim_id in own:
        card = soup.select_one(f"#claim-{claim_id}").find_parent("div", class_="atlas-claim")
        assert visible_text(card.select_one(".atlas-badge")) == LABELS[CLAIMS[claim_id]["label"]]
    # the description points readers to the section instead of stating an effect itself
    assert "Claims section below" in section_text(soup, "what-it-is")


def test_technique_cards_carry_their_own_claims(built_site):
    for path in sorted((DATA / "techniques").glob("*.yml")):
        tid = path.stem
        url = f"embed/techniques/{tid}"
        card = page(built_site, url)
        own = [cid for cid, c in CLAIMS.items() if tid in (c.get("techniques") or [])]
        section = card.select_one("section.atlas-card__claims")
        if not own:
            assert section is None, tid
            continue
        items = section.select("li")
        assert {i.select_one("a")["href"].rsplit("#claim-", 1)[1] for i in items} == set(own), tid
        for item in items:
            link = item.select_one("a")
            claim_id = link["href"].rsplit("#claim-", 1)[1]
            assert visible_text(item.select_one(".atlas-badge")) == LABELS[CLAIMS[claim_id]["label"]]
            assert visible_text(link) == CLAIMS[claim_id]["statement"]
            assert link["href"].startswith(f"../../../techniques/{tid}/#claim-") and link["target"] == "_blank"
            assert_lands(built_site, url, link["href"])


def test_api_publishes_every_claim_with_a_path_that_lands(built_site):
    claims = json.loads((built_site / "api" / "v1" / "claims.json").read_text())["claims"]
    assert {c["id"] for c in claims} == set(CLAIMS)
    for record in claims:
        source = CLAIMS[record["id"]]
        assert record["label"] == source["label"] and record["statement"] == source["statement"]
        assert_lands(built_site, "", record["path"])
    techniques = json.loads((built_site / "api" / "v1" / "techniques.json").read_text())["techniques"]
    for record in techniques:
        assert set(record["claims"]) == {cid for cid, c in CLAIMS.items() if record["id"] in (c.get("techniques") or [])}
    guides = json.loads((built_site / "api" / "v1" / "guides.json").read_text())["guides"]
    assert {g["id"]: g["claims"] for g in guides} == {gid: g.get("claims", []) for gid, g in GUIDES.items()}


def test_for_practices_page_lists_the_claims_export(built_site):
    soup = page(built_site, "for-practices")
    links = [a["href"] for a in soup.select("a")]
    assert any(h.endswith("api/v1/claims.json") for h in links)
    assert any(h.endswith("api/v1/schema/claims.schema.json") for h in links)
