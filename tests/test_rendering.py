"""Rendering functions alone: Markdown produced from a small fixture atlas."""
from __future__ import annotations

from conftest import FIXTURES, PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.rendering import Renderer, generated_page, link

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
    page = generated_page(atlas.techniques["alpha"])
    assert page.startswith("---\ntitle: Alpha\n") and "technique: alpha" in page
    assert "{{ technique_page() }}" in page


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
