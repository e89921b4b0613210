"""Guides in the real strict build: each guide page with its steps, anchors
and technique links, and the "Used in guides" back-links on technique pages.
Expected values are read straight from the YAML files, not from the Atlas."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT, run_mkdocs_build

GUIDE_FILES = sorted((PROJECT / "data" / "guides").glob("*.yml"))
GUIDES = {p.stem: yaml.safe_load(p.read_text()) for p in GUIDE_FILES}
TECHNIQUES = {p.stem: yaml.safe_load(p.read_text()) for p in (PROJECT / "data" / "techniques").glob("*.yml")}
REGIONS = {r["id"]: r["name"] for r in yaml.safe_load((PROJECT / "data" / "regions.yml").read_text())}


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(), "html.parser")


def text(element) -> str:
    """An element's text with whitespace collapsed. No separator between tags:
    glossary terms are wrapped in <abbr> inside sentences."""
    return " ".join(element.get_text().split())


def step_lists(guide: dict):
    """(anchor prefix, steps) for the main steps and each variant."""
    yield "step-", guide["steps"]
    for variant in guide.get("variants", []):
        yield f"variant-{variant['id']}-step-", variant["steps"]


def resolve(site: Path, from_path: str, href: str) -> Path:
    target = (site / from_path / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("gid", sorted(GUIDES))
def test_guide_page_has_every_step_with_anchor_technique_and_details(built_site, gid):
    guide = GUIDES[gid]
    soup = page(built_site, f"guides/{gid}")
    article = soup.select_one("article")
    assert soup.select_one("h1").get_text(strip=True) == guide["title"]
    for prefix, steps in step_lists(guide):
        for n, step in enumerate(steps, start=1):
            heading = article.select_one(f"h3#{prefix}{n}")
            assert heading is not None, f"{gid}: #{prefix}{n}"
            assert step["title"] in heading.get_text()
            item = heading.find_parent("li", class_="atlas-step")
            words = text(item)
            assert " ".join(step["action"].split())[:60] in words
            if step.get("caution"):
                assert step["caution"] in words
            if not step.get("technique"):
                assert item.select_one("dl") is None
                continue
            links = [a for a in item.select("dd a") if "/techniques/" in a["href"]]
            assert [a["href"] for a in links] == [f"../../techniques/{step['technique']}/"]
            target = resolve(built_site, f"guides/{gid}", links[0]["href"])
            name = BeautifulSoup(target.read_text(), "html.parser").select_one("h1").get_text(strip=True)
            assert name == TECHNIQUES[step["technique"]]["name"] == links[0].get_text(strip=True)
            facts = {text(dt): text(dt.find_next_sibling("dd"))
                     for dt in item.select("dl dt")}
            assert facts["Pressure"].lower() == step["pressure"]
            assert facts["Direction"].lower().endswith(step["direction"]["words"].lower())
            for region in step["regions"]:
                assert REGIONS[region].lower() in facts["Where"].lower()
            for region in step.get("avoid", []):
                assert REGIONS[region].lower() in facts["Keep off"].lower()
            assert facts["How long"].lower() == step["repetitions"].lower()
            # its diagram: the step's regions highlighted, drawn with the page's shared artwork
            figure = item.select_one(f"figure.atlas-step-figure#diagram-{prefix}{n}")
            assert figure is not None and figure.select_one("svg"), f"{gid} #{prefix}{n}"
            highlighted = {u["data-region"] for u in figure.select("use.is-worked")}
            assert highlighted == set(step["regions"]), f"{gid} #{prefix}{n}"


@pytest.mark.parametrize("gid", sorted(GUIDES))
def test_guide_page_sections_in_order(built_site, gid):
    guide = GUIDES[gid]
    article = page(built_site, f"guides/{gid}").select_one("article")
    box = article.select_one(".admonition.danger")
    assert box is not None and box.find_previous("h2") is None  # the safety box comes before every section
    for line in guide["safety"]["contraindications"] + guide["safety"]["stop_if"]:
        assert line in text(box)
    ids = [h["id"] for h in article.select("h2[id]")]
    expected = ["what-you-need", "preparation", "steps",
                *[f"variant-{v['id']}" for v in guide.get("variants", [])],
                "aftercare", "see-a-professional", "common-mistakes"]
    assert ids[: len(expected)] == expected
    checklist = article.select("#what-you-need ~ ul.task-list")[0]
    boxes = checklist.select("li input[type=checkbox]")
    assert len(boxes) == len(guide["what_you_need"])


def expected_backlinks() -> dict[str, set[str]]:
    links: dict[str, set[str]] = {tid: set() for tid in TECHNIQUES}
    for gid, guide in GUIDES.items():
        for prefix, steps in step_lists(guide):
            for n, step in enumerate(steps, start=1):
                if step.get("technique"):
                    links[step["technique"]] |= {f"../../guides/{gid}/", f"../../guides/{gid}/#{prefix}{n}"}
    return links


def test_used_in_backlinks_equal_the_data(built_site):
    expected = expected_backlinks()
    assert any(expected.values())
    assert any(not hrefs and TECHNIQUES[tid].get("professional_only") for tid, hrefs in expected.items())  # cupping
    for tid, hrefs in expected.items():
        soup = page(built_site, f"techniques/{tid}")
        heading = soup.select_one("h2#used-in")  # kept even when empty: #used-in is a published anchor
        assert heading is not None, tid
        following = heading.find_next_sibling()
        if not hrefs:
            assert following.name == "p" and "No guide uses" in following.get_text(), tid
            # a professional technique says why no guide uses it
            if TECHNIQUES[tid].get("professional_only"):
                assert "only trained practitioners" in following.get_text() and following.a["href"] == "../../guides/", tid
            continue
        assert following.name == "ul", tid
        assert {a["href"] for a in following.select("a")} == hrefs, tid
        # each back-link lands on a step heading that exists on the guide page
        for href in hrefs:
            if "#" in href:
                target = resolve(built_site, f"techniques/{tid}", href)
                anchor = href.split("#")[1]
                assert BeautifulSoup(target.read_text(), "html.parser").select_one(f"h3#{anchor}"), href


def test_guides_index_and_navigation(built_site):
    index = page(built_site, "guides").select_one("article")
    for gid, guide in GUIDES.items():
        assert index.select_one(f'a[href="{gid}/"]').get_text(strip=True) == guide["title"]
    home = page(built_site, "")
    items = home.select_one(".md-nav--primary > .md-nav__list").find_all("li", recursive=False)
    top = [item.select_one("a, label").get_text(" ", strip=True) for item in items]
    assert top.index("Techniques") + 1 == top.index("Guides"), top
    guides = page(built_site, "guides")  # navigation.prune: entries show in their own section
    for gid in GUIDES:
        assert guides.select_one(f'nav a[href="{gid}/"]'), gid


def test_contribute_page_documents_guide_fields_and_rules(built_site):
    words = text(page(built_site, "contributing").select_one("article"))
    for field in ("steps[].direction.movement", "steps[].direction.from", "variants[].steps[].technique",
                  "preparation.ask_and_check", "what_you_need[].optional"):
        assert field in words, field
    for code in ("MTA401", "MTA402", "MTA403", "MTA404", "MTA405", "MTA406", "MTA407"):
        assert code in words


def test_bad_guide_fails_the_build_naming_file_and_field(project_copy):
    # Stops in on_config, before any page is built, so this build is cheap.
    path = project_copy / "data" / "guides" / "basic-back-massage.yml"
    path.write_text(path.read_text().replace("technique: kneading", "technique: kneeding"))
    site = project_copy / "site"
    result = run_mkdocs_build(project_copy, site)
    assert result.returncode != 0
    assert "data/guides/basic-back-massage.yml" in result.stderr and "steps[2].technique" in result.stderr
    assert "MTA203" in result.stderr and "kneeding" in result.stderr
    assert not site.exists()


@pytest.mark.parametrize("gid", sorted(GUIDES))
def test_guide_has_a_card_and_offers_its_embed_code(built_site, gid):
    guide = GUIDES[gid]
    card = page(built_site, f"embed/guides/{gid}")
    steps = [a["href"] for a in card.select(".atlas-card__steps ol a")]
    assert steps == [f"../../../guides/{gid}/#step-{n}" for n in range(1, len(guide["steps"]) + 1)]
    share = page(built_site, f"guides/{gid}").select_one("details.atlas-share")
    assert share is not None and f"embed/guides/{gid}/" in share.get_text(" ")
