"""Rendering functions alone: Markdown produced from a small fixture atlas."""
from __future__ import annotations

from conftest import FIXTURES, PROJECT
from macros.atlas.catalog import load_atlas
import pytest

from macros.atlas.pages import technique_pages
from macros.atlas.rendering import Renderer, link
from macros.atlas.sitemap import fill_nav

renderer = Renderer(PROJECT / "overrides" / "partials" / "atlas")


def test_technique_page_shows_data_and_mirrored_link():
    atlas = load_atlas(FIXTURES / "valid")
    alpha = renderer.technique_page(atlas, "alpha", "techniques/alpha.md")
    assert "1. First step of alpha." in alpha and "2. Second step of alpha." in alpha
    assert "**alpha-alias**: used in tests" in alpha
    assert "Broken skin." in alpha
    # alpha does not list beta; the relation is written in beta.yml and mirrored
    assert "[Beta](beta.md)" in alpha


def test_text_is_escaped():
    atlas = load_atlas(FIXTURES / "valid")
    t = atlas.techniques["alpha"].model_copy(update={"summary": "<script>alert(1)</script>"})
    atlas.techniques["alpha"] = t
    html = renderer.technique_page(atlas, "alpha", "techniques/alpha.md")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_generated_page_names_technique_in_front_matter():
    atlas = load_atlas(FIXTURES / "valid")
    (page,) = [p for p in technique_pages(atlas) if p.src == "techniques/alpha.md"]
    source = page.source()
    assert source.startswith("---\ntitle: Alpha\n") and "technique: alpha" in source
    assert "{{ technique_page() }}" in source


def test_nav_placeholders_are_filled_at_any_depth():
    atlas = load_atlas(FIXTURES / "valid")
    nav = fill_nav(["index.md", {"Learn": [{"Techniques": ["techniques/index.md", "atlas:techniques"]}]}], atlas)
    assert nav == ["index.md", {"Learn": [{"Techniques": [
        "techniques/index.md", {"Alpha": "techniques/alpha.md"}, {"Beta": "techniques/beta.md"},
        {"Kappa": "techniques/kappa.md"}]}]}]


def test_unknown_nav_placeholder_is_an_error():
    atlas = load_atlas(FIXTURES / "valid")
    with pytest.raises(ValueError, match="atlas:technique`"):
        fill_nav(["atlas:technique"], atlas)


def test_relative_links():
    assert link("techniques/a.md", "techniques/b.md") == "b.md"
    assert link("index.md", "techniques/b.md") == "techniques/b.md"


def test_field_reference_lists_every_field():
    from macros.atlas.models import Technique
    table = renderer.field_reference("technique")
    for name in Technique.model_fields:
        assert f"| `{name}` |" in table
    assert "light, moderate, firm, deep" in table


def test_rule_reference_lists_every_rule():
    from macros.atlas.problems import RULES
    table = renderer.rule_reference()
    for rule in RULES.values():
        assert f"| `{rule.code}` | {rule.name} |" in table
