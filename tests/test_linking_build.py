"""Linking, embeds, the JSON API and link previews in a real `mkdocs build`:
the real site (`built_site`), and a copy with a renamed technique built with
SITE_URL set (`renamed_site`)."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import jsonschema
from bs4 import BeautifulSoup

from conftest import PROJECT, RENAMED, RENAMED_SITE_URL, run_mkdocs_build
from macros.atlas.catalog import load_atlas
from tools.url_contract import broken, published, read_contract

ATLAS = load_atlas(PROJECT / "data", PROJECT)
EMBED_BUDGET = 50 * 1024  # bytes, everything a card page loads


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def html_pages(site: Path):
    """Every page that is not a redirect stub."""
    for path in sorted(site.rglob("*.html")):
        page = soup(path)
        if not page.select_one('meta[http-equiv="refresh"]'):
            yield path, page


# --- the URL contract -----------------------------------------------------------------

def test_published_urls_are_still_served(built_site):
    contract = read_contract()
    assert "/techniques/kneading/#safety" in contract and "/api/v1/techniques.json" in contract
    problems = broken(built_site, contract)
    assert not problems, (
        "Published addresses stopped working:\n  " + "\n  ".join(problems) +
        "\nPractices link to them. Restore them, or when an id changed add the old id to `old_ids` "
        "(CONTRIBUTING.md). Only to break an address on purpose, delete its line from "
        "tests/contract/published-urls.txt and say why in the commit.")
    new = published(built_site) - contract
    if new:
        warnings.warn(f"{len(new)} published address(es) are not yet in tests/contract/published-urls.txt "
                      f"(e.g. {sorted(new)[0]}); run `make contract` to protect them.")


def test_contract_check_catches_a_lost_page_and_a_lost_anchor(built_site):
    contract = {"/techniques/no-such-technique/", "/techniques/kneading/#no-such-anchor", "/techniques/kneading/"}
    problems = broken(built_site, contract)
    assert len(problems) == 2
    assert any(p.startswith("/techniques/no-such-technique/: not served") for p in problems)
    assert any("no element with id `no-such-anchor`" in p for p in problems)


def test_renamed_technique_keeps_its_old_addresses(renamed_site):
    old, new = RENAMED
    # every address made from the id: page, card, quiz, the comparisons it is part of, its JSON
    contract = {f"/techniques/{old}/", f"/techniques/{old}/#safety", f"/embed/techniques/{old}/",
                f"/api/v1/techniques/{old}.json", f"/study/quiz/{old}/", f"/compare/{old}-vs-effleurage/",
                f"/compare/brush-massage-vs-{old}/"}
    assert broken(renamed_site, contract) == []
    for path, target in ((f"study/quiz/{old}", f"../{new}/"),
                         (f"compare/{old}-vs-effleurage", f"../{new}-vs-effleurage/")):
        assert soup(renamed_site / path / "index.html").select_one('meta[http-equiv="refresh"]')["content"] == \
            f"0; url={target}"
    assert not (renamed_site / "study" / "quiz" / new / "index.html").read_text().count('http-equiv="refresh"')
    redirect = soup(renamed_site / "techniques" / old / "index.html")
    assert redirect.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url=../{new}/"
    assert redirect.select_one('link[rel="canonical"]')["href"] == f"{RENAMED_SITE_URL}techniques/{new}/"
    assert not (renamed_site / "techniques" / new / "index.html").read_text().count('http-equiv="refresh"')
    moved = json.loads((renamed_site / "api" / "v1" / "techniques" / f"{old}.json").read_text())
    assert moved["technique"]["id"] == new and moved["technique"]["old_ids"] == [old]


# --- the JSON API ----------------------------------------------------------------------

def load_api(site: Path, rel: str) -> dict:
    """An API file, validated against the JSON Schema it names (published beside it)."""
    path = site / "api" / "v1" / rel
    document = json.loads(path.read_text())
    schema = json.loads((path.parent / document["$schema"]).read_text())
    jsonschema.Draft202012Validator(schema).validate(document)
    return document


def test_api_files_validate_and_match_the_data(built_site):
    listing = load_api(built_site, "techniques.json")
    assert [t["id"] for t in listing["techniques"]] == list(ATLAS.techniques)
    for record in listing["techniques"]:
        technique = ATLAS.techniques[record["id"]]
        assert load_api(built_site, f"techniques/{technique.id}.json")["technique"] == record
        assert record["name"] == technique.name and record["summary"] == technique.summary
        assert record["safety"]["contraindications"] == technique.safety.contraindications
        assert record["steps"] == technique.steps
        assert record["related"] == list(ATLAS.related[technique.id])
        assert (built_site / record["path"] / "index.html").exists()
        assert (built_site / record["embed_path"] / "index.html").exists()
    references = load_api(built_site, "references.json")["references"]
    assert {r["id"]: r["doi"] for r in references} == {r.id: r.doi for r in ATLAS.references.values()}
    regions = load_api(built_site, "regions.json")["regions"]
    assert {r["id"]: r["name"] for r in regions} == {r.id: r.name for r in ATLAS.regions.values()}
    for document in (listing, load_api(built_site, "references.json")):
        assert document["license"]["name"] == "CC BY 4.0" and document["site_url"] is None


def test_api_names_the_site_when_built_with_site_url(renamed_site):
    listing = load_api(renamed_site, "techniques.json")
    assert listing["site_url"] == RENAMED_SITE_URL
    assert RENAMED[1] in [t["id"] for t in listing["techniques"]]


# --- embeddable cards ------------------------------------------------------------------

def card_weight(site: Path, card: Path) -> int:
    """Bytes of a card page and everything it references (stylesheets, scripts, images)."""
    total = card.stat().st_size
    for tag in soup(card).select("link[href], script[src], img[src]"):
        if tag.name == "link" and tag.get("rel") != ["stylesheet"]:
            continue
        target = (card.parent / (tag.get("href") or tag["src"])).resolve()
        total += target.stat().st_size
    return total


def test_every_technique_has_a_small_standalone_card(built_site):
    for tid, technique in ATLAS.techniques.items():
        path = built_site / "embed" / "techniques" / tid / "index.html"
        card = soup(path)
        assert card.select_one('meta[name="robots"]')["content"] == "noindex"
        assert not card.select("nav, script, .md-header, .md-sidebar"), "a card has no navigation or scripts"
        title = card.select_one("h1 a")
        assert title.get_text(strip=True) == technique.name and title["target"] == "_blank"
        text = card.get_text(" ")
        assert technique.summary in text
        for item in (*technique.safety.contraindications, *technique.safety.stop_if):
            assert item in text
        back = card.select_one("a.atlas-card__more")
        assert back["href"] == f"../../../techniques/{tid}/"
        assert back["target"] == "_blank" and "noopener" in back["rel"]
        assert card_weight(built_site, path) <= EMBED_BUDGET, tid


def test_cards_draw_their_badge_icons_from_symbols_of_their_own(built_site):
    # A card is a document of its own: the symbols its claim badges <use> must be
    # in it (the site-wide gate in test_quality_links.py checks every page), and
    # only those, so the card stays small.
    with_badges = 0
    for tid in ATLAS.techniques:
        card = soup(built_site / "embed" / "techniques" / tid / "index.html")
        used = {use["xlink:href"][1:] for use in card.select("use")}
        symbols = {symbol["id"] for symbol in card.select("svg.atlas-icon-symbols symbol")}
        assert symbols == used, tid
        with_badges += bool(card.select(".atlas-card__claims .atlas-badge use"))
        assert all(symbol.select("path") for symbol in card.select("symbol")), tid
    assert with_badges >= len(ATLAS.techniques) // 2


def test_cards_stay_out_of_search_and_nav(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    assert [d for d in index["docs"] if d["location"].startswith("techniques/kneading/")]
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("embed/")]
    section = soup(built_site / "techniques" / "index.html")  # navigation.prune: the open section's nav
    assert section.select('nav a[href="kneading/"]') and not section.select('nav a[href*="embed/"]')


def test_cards_and_redirects_stay_out_of_the_sitemap(renamed_site):
    # MkDocs writes a sitemap only when it knows the site's address
    sitemap = (renamed_site / "sitemap.xml").read_text()
    assert f"<loc>{RENAMED_SITE_URL}techniques/kneading/</loc>" in sitemap
    assert "embed/" not in sitemap and f"techniques/{RENAMED[0]}/" not in sitemap


def test_technique_page_offers_the_embed_code(built_site):
    for tid, technique in ATLAS.techniques.items():
        page = soup(built_site / "techniques" / tid / "index.html")
        share = page.select_one("article details.atlas-share")
        assert share is not None, tid
        code = share.select_one(".atlas-snippet code").get_text()
        snippet = BeautifulSoup(code, "html.parser").select_one("iframe")
        # without SITE_URL the snippet holds a relative address that the page's script makes absolute
        assert snippet["src"] == f"../../embed/techniques/{tid}/"
        assert share.select_one(".atlas-snippet")["data-atlas-embed"] == snippet["src"]
        assert snippet["title"] == f"{technique.name}, from the Massage Technique Atlas"
        assert share.select_one('a[href="../../for-practices/"]')


def test_embed_code_is_absolute_when_the_site_knows_its_address(renamed_site):
    page = soup(renamed_site / "techniques" / "kneading" / "index.html")
    box = page.select_one(".atlas-snippet")
    snippet = BeautifulSoup(box.select_one("code").get_text(), "html.parser").select_one("iframe")
    assert snippet["src"] == f"{RENAMED_SITE_URL}embed/techniques/kneading/"
    assert not box.has_attr("data-atlas-embed")


# --- link previews ---------------------------------------------------------------------

def meta(page: BeautifulSoup, key: str) -> str | None:
    tag = page.select_one(f'meta[property="{key}"], meta[name="{key}"]')
    return tag["content"] if tag else None


def test_every_page_has_a_description_and_preview_tags(built_site):
    pages = [(p, page) for p, page in html_pages(built_site) if not p.relative_to(built_site).parts[0] == "embed"]
    assert len(pages) >= len(ATLAS.techniques) + 4
    for path, page in pages:
        for key in ("description", "og:title", "og:description", "og:site_name", "twitter:card"):
            assert meta(page, key), f"{path}: no {key}"
        # without SITE_URL: no canonical, og:url or image rather than wrong ones
        assert not page.select_one('link[rel="canonical"]'), path
        assert meta(page, "og:url") is None and meta(page, "og:image") is None, path
        assert meta(page, "twitter:card") == "summary"
    kneading = soup(built_site / "techniques" / "kneading" / "index.html")
    summary = ATLAS.techniques["kneading"].summary
    assert meta(kneading, "description") == meta(kneading, "og:description") == summary
    assert meta(kneading, "og:title") == meta(kneading, "twitter:title") == "Kneading"


def test_previews_carry_absolute_urls_and_the_image_with_site_url(renamed_site):
    page = soup(renamed_site / "techniques" / "kneading" / "index.html")
    url = f"{RENAMED_SITE_URL}techniques/kneading/"
    assert page.select_one('link[rel="canonical"]')["href"] == url
    assert meta(page, "og:url") == url
    assert meta(page, "og:image") == meta(page, "twitter:image") == f"{RENAMED_SITE_URL}assets/social-card.png"
    assert meta(page, "twitter:card") == "summary_large_image"
    image = renamed_site / "assets" / "social-card.png"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(image.read_bytes()[16:20], "big") == 1200  # PNG header: width
    assert int.from_bytes(image.read_bytes()[20:24], "big") == 630  # and height


def test_for_practices_page_documents_the_contract(built_site):
    page = soup(built_site / "for-practices" / "index.html")
    text = page.select_one("article").get_text(" ")
    for pattern in ("/techniques/<id>/", "/embed/techniques/<id>/", "/api/v1/techniques.json",
                    "/api/v1/techniques/<id>.json", "/guides/<id>/", "#step-<n>", "#claim-<id>", "CC BY 4.0"):
        assert pattern in text, pattern
    assert soup(built_site / "index.html").select_one('nav a[href="for-practices/"]')
    assert page.select_one('a[href="../api/v1/schema/techniques.schema.json"]')


def test_old_id_that_would_overwrite_a_hand_written_page_stops_the_build(project_copy):
    path = project_copy / "data" / "techniques" / "kneading.yml"
    path.write_text(path.read_text().replace("\nname: Kneading\n", "\nold_ids: [knead]\nname: Kneading\n"))
    (project_copy / "docs" / "techniques" / "knead.md").write_text("# Knead\n\nA hand-written page.\n")
    site = project_copy / "site"
    result = run_mkdocs_build(project_copy, site)
    assert result.returncode != 0
    assert "techniques/knead/index.html would overwrite techniques/knead.md" in result.stderr
    assert not site.exists()
