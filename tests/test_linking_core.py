"""Linking, embeds and the JSON API in the pure core, without MkDocs: URLs,
redirects for old ids, cards, and the API files with their schemas."""
from __future__ import annotations

import json
import posixpath
import shutil
import warnings

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.export import EXPORTS, api_files, field_contract, source_date
from macros.atlas.linking import embed_pages, render_card
from macros.atlas.redirects import redirect_files, redirects
from macros.atlas.rendering import Renderer
from macros.atlas.urls import absolute_url, href, url_of

renderer = Renderer(PROJECT / "overrides" / "partials" / "atlas")


def fixture_atlas(tmp_path, **changes):
    """The valid fixture atlas, with fields of alpha.yml replaced."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    path = data / "techniques" / "alpha.yml"
    alpha = yaml.safe_load(path.read_text())
    alpha.update(changes)
    path.write_text(yaml.safe_dump(alpha, sort_keys=False))
    return load_atlas(data, tmp_path)


def test_urls():
    assert url_of("techniques/kneading.md") == "techniques/kneading/"
    assert url_of("index.md") == "" and url_of("for-practices/index.md") == "for-practices/"
    assert href("techniques/kneading/", "embed/techniques/kneading/") == "../../embed/techniques/kneading/"
    assert href("techniques/old/", "techniques/new/") == "../new/"
    assert href("", "api/v1/techniques.json") == "api/v1/techniques.json"
    assert href("techniques/a/", "techniques/a/") == "./"
    assert absolute_url("https://x.org/atlas", "techniques/a/") == "https://x.org/atlas/techniques/a/"
    assert absolute_url(None, "techniques/a/") == "" and absolute_url("", "techniques/a/") == ""


# --- redirects ---------------------------------------------------------------------

def test_old_ids_redirect_page_and_card(tmp_path):
    atlas = fixture_atlas(tmp_path, id="alpha", old_ids=["alfa", "first"])
    assert atlas.moved["techniques"] == {"alfa": "alpha", "first": "alpha"}
    pairs = {(r.old, r.new) for r in redirects(atlas)}
    # every page whose address holds the id: page, card, quiz and the comparison it is part of
    assert pairs == {
        ("techniques/alfa/", "techniques/alpha/"), ("embed/techniques/alfa/", "embed/techniques/alpha/"),
        ("techniques/first/", "techniques/alpha/"), ("embed/techniques/first/", "embed/techniques/alpha/"),
        ("study/quiz/alfa/", "study/quiz/alpha/"), ("study/quiz/first/", "study/quiz/alpha/"),
        ("compare/alfa-vs-beta/", "compare/alpha-vs-beta/"), ("compare/first-vs-beta/", "compare/alpha-vs-beta/"),
    }


def test_redirect_page_keeps_anchor_and_names_canonical_only_when_known(tmp_path):
    atlas = fixture_atlas(tmp_path, old_ids=["alfa"])
    page = redirect_files(renderer, atlas, None)["techniques/alfa/index.html"]
    assert 'location.replace("../alpha/" + location.search + location.hash)' in page
    assert 'http-equiv="refresh" content="0; url=../alpha/"' in page
    assert 'name="robots" content="noindex"' in page
    assert "canonical" not in page
    page = redirect_files(renderer, atlas, "https://atlas.example.org/")["embed/techniques/alfa/index.html"]
    assert '<link rel="canonical" href="https://atlas.example.org/embed/techniques/alpha/">' in page


def test_no_old_ids_no_redirects():
    assert redirects(load_atlas(FIXTURES / "valid")) == []


# --- embeddable cards --------------------------------------------------------------

def test_embed_pages_stay_out_of_nav_search_and_index():
    pages = {p.src: p for p in embed_pages(load_atlas(FIXTURES / "valid"))}
    assert set(pages) == {"embed/techniques/alpha.md", "embed/techniques/beta.md", "embed/techniques/kappa.md",
                          "embed/guides/first-guide.md", "embed/guides/second-guide.md"}
    page = pages["embed/techniques/alpha.md"]
    assert not page.in_nav
    assert page.meta["template"] == "atlas-embed.html"
    assert page.meta["search"] == {"exclude": True} and page.meta["robots"] == "noindex"
    assert (page.title, page.description) == ("Alpha", "The alpha test technique.")


def test_card_shows_summary_facts_safety_and_links_back_in_a_new_tab():
    atlas = load_atlas(FIXTURES / "valid")
    card = render_card(renderer, atlas, "techniques", "alpha", "embed/techniques/alpha.md")
    assert "The alpha test technique." in card
    assert "<dd>Light</dd>" in card and "<dd>Palms</dd>" in card
    for text in ("- Broken skin.", "- Pain.", "- Persistent pain."):
        assert text in card
    assert "[Alpha](../../techniques/alpha.md){: target=_blank rel=noopener }" in card
    assert "](../../techniques/alpha.md){: .atlas-card__more target=_blank rel=noopener }" in card
    assert "A professional technique" not in card


def test_card_of_a_professional_technique_says_so(tmp_path):
    atlas = fixture_atlas(tmp_path, professional_only=True)
    card = render_card(renderer, atlas, "techniques", "alpha", "embed/techniques/alpha.md")
    assert "A professional technique." in card


def test_card_for_unknown_id_names_the_known_ones():
    with pytest.raises(KeyError, match="Unknown techniques id `gamma`. Known ids: alpha, beta"):
        render_card(renderer, load_atlas(FIXTURES / "valid"), "techniques", "gamma", "embed/techniques/gamma.md")


# --- the JSON API --------------------------------------------------------------------

def _validate(files: dict[str, str], path: str) -> dict:
    """Parse one API file and validate it against the schema it names."""
    document = json.loads(files[path])
    schema = json.loads(files[posixpath.normpath(posixpath.join(posixpath.dirname(path), document["$schema"]))])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    return document


def test_api_files_validate_against_their_schemas_and_hold_the_data():
    atlas = load_atlas(FIXTURES / "valid")
    files = api_files(atlas, None)
    assert set(files) == {
        "api/v1/techniques.json", "api/v1/techniques/alpha.json", "api/v1/techniques/beta.json",
        "api/v1/techniques/kappa.json",
        "api/v1/guides.json", "api/v1/guides/first-guide.json", "api/v1/guides/second-guide.json",
        "api/v1/schema/guides.schema.json", "api/v1/schema/guide.schema.json",
        "api/v1/references.json", "api/v1/regions.json", "api/v1/claims.json", "api/v1/benefits.json",
        "api/v1/schema/claims.schema.json", "api/v1/schema/benefits.schema.json",
        "api/v1/schema/techniques.schema.json", "api/v1/schema/technique.schema.json",
        "api/v1/schema/references.schema.json", "api/v1/schema/regions.schema.json",
    }
    listing = _validate(files, "api/v1/techniques.json")
    assert [t["id"] for t in listing["techniques"]] == ["alpha", "beta", "kappa"]
    alpha = _validate(files, "api/v1/techniques/alpha.json")["technique"]
    assert alpha == listing["techniques"][0]
    authored = atlas.techniques["alpha"].model_dump(mode="json")
    assert {k: v for k, v in alpha.items() if k not in ("related", "path", "embed_path", "claims")} == \
        {k: v for k, v in authored.items() if k != "related"}
    # alpha.yml lists nothing; beta.yml lists alpha, and the export shows both sides
    assert authored["related"] == [] and alpha["related"] == ["beta"]
    assert (alpha["path"], alpha["embed_path"]) == ("techniques/alpha/", "embed/techniques/alpha/")
    references = _validate(files, "api/v1/references.json")["references"]
    assert [r["id"] for r in references] == list(atlas.references)
    assert references[0]["pmcid"] is None  # optional fields are present, as null
    regions = _validate(files, "api/v1/regions.json")["regions"]
    assert {r["id"] for r in regions} == set(atlas.regions)


def test_every_api_file_states_version_licence_and_site():
    atlas = load_atlas(FIXTURES / "valid")
    for path, text in api_files(atlas, "https://atlas.example.org/", "1767225600").items():
        if "/schema/" in path:
            continue
        document = json.loads(text)
        assert document["license"]["name"] == "CC BY 4.0", path
        assert document["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
        assert document["version"]["api"] == "1.1"
        assert document["version"]["date"] == "2026-01-01T00:00:00Z"
        assert document["site_url"] == "https://atlas.example.org/"


def test_data_version_is_reproducible_and_follows_the_data(tmp_path):
    atlas = load_atlas(FIXTURES / "valid")

    def version(files):
        return json.loads(files["api/v1/techniques.json"])["version"]["data"]

    first = version(api_files(atlas, None))
    assert version(api_files(atlas, "https://elsewhere.example/", "1767225600")) == first
    assert api_files(atlas, None) == api_files(atlas, None)
    changed = fixture_atlas(tmp_path, summary="A changed summary.")
    assert version(api_files(changed, None)) != first


def test_source_date():
    assert source_date(None) is None and source_date("") is None
    assert source_date("0") == "1970-01-01T00:00:00Z"


def test_renamed_entry_keeps_its_json_file_under_the_old_id(tmp_path):
    files = api_files(fixture_atlas(tmp_path, old_ids=["alfa"]), None)
    assert files["api/v1/techniques/alfa.json"] == files["api/v1/techniques/alpha.json"]
    assert json.loads(files["api/v1/techniques/alfa.json"])["technique"]["old_ids"] == ["alfa"]


def test_api_field_names_match_the_committed_contract():
    committed = [line for line in (PROJECT / "tests" / "contract" / "api-v1-fields.txt").read_text().splitlines()
                 if line and not line.startswith("#")]
    current = field_contract()
    removed = sorted(set(committed) - set(current))
    added = sorted(set(current) - set(committed))
    assert not removed, (
        f"JSON API fields removed or renamed: {removed}. Sites that read /api/v1/ rely on them; "
        "keep them, or publish the change as /api/v2/.")
    if added:  # adding is not breaking: a reminder, so a new model field does not block other work
        warnings.warn(f"New JSON API fields not yet in tests/contract/api-v1-fields.txt: {added}; "
                      "run `make contract` to record them.")


def test_every_export_has_a_file_and_schema():
    files = api_files(load_atlas(FIXTURES / "valid"), None)
    for name in EXPORTS:
        assert f"api/v1/{name}.json" in files and f"api/v1/schema/{name}.schema.json" in files
