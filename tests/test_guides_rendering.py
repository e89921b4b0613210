"""Guide rendering functions alone: Markdown produced from the fixture atlas."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import FIXTURES, PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.export import api_files
from macros.atlas.linking import render_card
from macros.atlas.redirects import redirects
from macros.atlas.guide_pages import guide_index, guide_page
from macros.atlas.models import Guide
from macros.atlas.pages import guide_pages
from macros.atlas.rendering import Renderer, describe_fields
from macros.atlas.sitemap import fill_nav

TEMPLATES = PROJECT / "overrides" / "partials" / "atlas"
renderer = Renderer(TEMPLATES)


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    """The valid fixture with tests/fixtures/guide-rich laid over it: two more
    regions (drawn on its figure, listed by kappa), so the first guide's first
    step can run `from` one region `to` another and `avoid` the spine."""
    root = tmp_path_factory.mktemp("rich")
    shutil.copytree(FIXTURES / "valid", root / "data")
    shutil.copytree(FIXTURES / "guide-rich", root / "data", dirs_exist_ok=True)
    return load_atlas(root / "data", root)


def fixture_page(atlas, site_url: str | None = None) -> str:
    return guide_page(Renderer(TEMPLATES, site_url), atlas, "first-guide", "guides/first-guide.md")


def section(markdown: str, anchor: str) -> str:
    """The Markdown from the heading with this anchor to the next heading of the same or a higher level."""
    match = re.search(rf"^(#+) .*\{{: #{re.escape(anchor)} \}}$", markdown, re.M)
    assert match, anchor
    level = len(match.group(1))
    rest = markdown[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start() if end else len(rest)]


def test_each_step_has_its_anchor_and_links_its_technique(rich):
    page = fixture_page(rich)
    step1 = section(page, "step-1")
    assert "[Kappa](../techniques/kappa.md)" in step1
    assert "Glide up beside the spine." in step1
    assert "From the waist up to the shoulders, beside the spine" in step1  # direction words
    assert "Lower back, upper back" in step1  # region names, not ids
    assert "Light" in step1 and "3 times" in step1 and "Warmth." in step1
    assert "The spine itself" in step1  # the avoided region
    assert '!!! warning "Caution"\n    Never press on the spine.' in step1
    step2 = section(page, "step-2")
    assert "[Beta](../techniques/beta.md)" in step2 and "*Optional" in step2
    assert "Caution" not in step2
    variant_step = section(page, "variant-other-way-step-1")
    assert "[Kappa](../techniques/kappa.md)" in variant_step
    # steps come in data order, each heading numbered
    headings = re.findall(r"^### Step (\d+): (.+?) \{: #([\w-]+) \}$", page, re.M)
    assert headings == [("1", "Glide up the back", "step-1"), ("2", "Finish lightly", "step-2"),
                        ("1", "Kappa again", "variant-other-way-step-1")]


def test_safety_box_checklist_and_sections(rich):
    page = fixture_page(rich)
    box = page[page.index('!!! danger "Before you start"'):page.index("| At a glance |")]
    assert "    - Broken skin." in box and "    - Pain." in box
    assert "- [ ] A towel\n- [ ] A little oil *(optional)*\n" in section(page, "what-you-need")
    assert "- A warm room." in section(page, "preparation")
    assert "- Keep warm." in section(page, "aftercare")
    assert "- Pain that lasts." in section(page, "see-a-professional")
    assert "- Rushing." in section(page, "common-mistakes")
    # the safety box comes before the steps
    assert page.index("Before you start") < page.index("{: #step-1 }")


def test_techniques_list_carries_printed_addresses(rich):
    local = section(fixture_page(rich), "techniques")
    assert '[Kappa](../techniques/kappa.md){: data-print-url="/techniques/kappa/" }' in local
    deployed = section(fixture_page(rich, "https://example.org/atlas/"), "techniques")
    assert 'data-print-url="https://example.org/atlas/techniques/beta/"' in deployed


def test_advice_guide_has_no_technique_facts():
    page = guide_page(renderer, load_atlas(FIXTURES / "valid"), "second-guide", "guides/second-guide.md")
    step = section(page, "step-1")
    assert "Say when the pressure is too much." in step and "Technique" not in step
    assert "Put the massage off, or ask your doctor first" in page
    assert "{: #techniques }" not in page


def test_text_is_escaped():
    atlas = load_atlas(FIXTURES / "valid")
    guide = atlas.guides["first-guide"]
    atlas.guides["first-guide"] = guide.model_copy(update={"summary": "<script>alert(1)</script>"})
    page = guide_page(renderer, atlas, "first-guide", "guides/first-guide.md")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_technique_page_lists_the_steps_that_use_it():
    atlas = load_atlas(FIXTURES / "valid")
    kappa = section(renderer.technique_page(atlas, "kappa", "techniques/kappa.md"), "used-in")
    assert "- [First guide](../guides/first-guide.md)" in kappa
    assert "    - [Step 1: Glide up the back](../guides/first-guide.md#step-1)" in kappa
    assert "(../guides/first-guide.md#variant-other-way-step-1)" in kappa
    assert "#step-2" not in kappa  # step 2 uses beta
    alpha = section(renderer.technique_page(atlas, "alpha", "techniques/alpha.md"), "used-in")
    assert "No guide uses alpha yet." in alpha


def test_guide_index_groups_by_audience():
    text = guide_index(renderer, load_atlas(FIXTURES / "valid"), "guides/index.md")
    assert "Massage yourself" not in text  # no self guide in the fixture: no empty heading
    partner, professional = text.index("## Massage a partner"), text.index("## Before and during a professional massage")
    assert partner < text.index("[First guide](first-guide.md)") < professional < text.index("[Second guide](second-guide.md)")
    assert "1 step." in text and "2 steps." in text


def test_generated_guide_pages_and_nav():
    atlas = load_atlas(FIXTURES / "valid")
    pages = guide_pages(atlas)
    assert [p.src for p in pages] == ["guides/first-guide.md", "guides/second-guide.md"]
    source = pages[0].source()
    assert source.startswith("---\ntitle: First guide\n") and "guide: first-guide" in source
    assert "{{ guide_page() }}" in source
    nav = fill_nav([{"Guides": ["guides/index.md", "atlas:guides"]}], atlas)
    assert nav == [{"Guides": ["guides/index.md", {"First guide": "guides/first-guide.md"},
                               {"Second guide": "guides/second-guide.md"}]}]


def test_guide_field_reference_names_nested_fields_as_authors_write_them():
    names = {row["name"] for row in describe_fields(Guide)}
    assert {"steps[].technique", "steps[].direction.from", "steps[].direction.movement",
            "variants[].steps[].action", "preparation.ask_and_check", "what_you_need[].item"} <= names
    assert "steps[].direction.from_" not in names
    table = renderer.field_reference("guide")
    assert "up, down, up-and-down, outward, inward, across, circles, still" in table
    assert "self, partner, professional" in table


# --- linking: guides are a linkable collection (cards, redirects, JSON) ------------

def fixture_with_old_id(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    path = data / "guides" / "first-guide.yml"
    path.write_text(path.read_text().replace("title: First guide\n", "old_ids: [guide-one]\ntitle: First guide\n"))
    return load_atlas(data, tmp_path)


def test_a_renamed_guide_redirects_page_and_card(tmp_path):
    atlas = fixture_with_old_id(tmp_path)
    assert atlas.moved["guides"] == {"guide-one": "first-guide"}
    assert {(r.old, r.new) for r in redirects(atlas)} >= {
        ("guides/guide-one/", "guides/first-guide/"), ("embed/guides/guide-one/", "embed/guides/first-guide/")}
    files = api_files(atlas, None)
    assert files["api/v1/guides/guide-one.json"] == files["api/v1/guides/first-guide.json"]


def test_guide_card_lists_the_steps_as_links_into_the_guide():
    card = render_card(renderer, load_atlas(FIXTURES / "valid"), "guides", "first-guide", "embed/guides/first-guide.md")
    assert "1. [Glide up the back](../../guides/first-guide.md#step-1){: target=_blank rel=noopener }" in card
    assert "1. [Finish lightly](../../guides/first-guide.md#step-2)" in card
    assert "- Broken skin." in card and "Massage a partner" in card


def test_guide_json_keeps_the_authored_shape(rich):
    files = api_files(rich, None)
    guide = json.loads(files["api/v1/guides/first-guide.json"])["guide"]
    assert guide["path"] == "guides/first-guide/" and guide["embed_path"] == "embed/guides/first-guide/"
    assert guide["steps"][0]["direction"] == {
        "words": "from the waist up to the shoulders, beside the spine", "movement": "up",
        "from": "lower-back", "to": "upper-back"}
    listing = json.loads(files["api/v1/guides.json"])
    assert [g["id"] for g in listing["guides"]] == ["first-guide", "second-guide"]


def test_step_keep_off_is_what_the_step_diagram_hatches():
    # The browse pages list the steps that keep off a region without drawing
    # their diagrams (guides.step_keep_off); it must say what the diagram and
    # the step's "Keep off" line say.
    from macros.atlas.guides import step_figure, step_keep_off, steps_of
    atlas = load_atlas(PROJECT / "data", PROJECT)
    hands_on = 0
    for g in atlas.guides.values():
        for ref, step, _ in steps_of(g):
            if step.technique is None:
                assert step_keep_off(atlas, step) == ()
                continue
            hands_on += 1
            assert step_keep_off(atlas, step) == step_figure(atlas, step, "x").avoid, (g.id, ref.anchor)
    assert hands_on > 20
