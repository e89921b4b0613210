"""Rendering for comparisons, glossary and facets, without MkDocs: the
glossary tooltip extension on small Markdown pages, and the page bodies
rendered from the fixture atlas."""
from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from conftest import FIXTURES, PROJECT
from macros.atlas import compare_views
from macros.atlas.catalog import load_atlas
from macros.atlas.glossary import Term, TermMatcher
from macros.atlas.glossary_markdown import GlossaryTooltips, Page
from macros.atlas.pages import comparison_pages, facet_pages
from macros.atlas.rendering import Renderer

renderer = Renderer(PROJECT / "overrides" / "partials" / "atlas")
ATLAS = load_atlas(FIXTURES / "valid")
TERMS = TermMatcher([
    Term("kneading", "kneading", "Lifting and squeezing a muscle.", ("petrissage",), related="techniques/kneading.md"),
    Term("hacking", "hacking", "Striking with the edges of the hands.", related="techniques/tapotement.md",
         not_on=frozenset({"techniques/cupping.md"})),
])


def convert(text: str, src: str = "page.md", enabled: bool = True) -> BeautifulSoup:
    extension = GlossaryTooltips()
    extension.page = Page(src, TERMS, enabled)
    html = markdown.markdown(text, extensions=["toc", "attr_list", "admonition", "md_in_html", extension])
    return BeautifulSoup(html, "html.parser")


def marked(soup) -> list[tuple[str, str]]:
    return [(abbr["data-term"], abbr.get_text()) for abbr in soup.select("abbr.atlas-term")]


def test_term_becomes_focusable_abbr_with_definition():
    soup = convert("Start with Petrissage, then more petrissage.")
    (abbr,) = soup.select("abbr")
    assert abbr.get_text() == "Petrissage" and abbr["tabindex"] == "0"
    assert abbr["title"] == "petrissage: another name for kneading. Lifting and squeezing a muscle."
    assert soup.get_text() == "Start with Petrissage, then more petrissage."  # text unchanged


def test_once_per_section_again_after_each_h2():
    soup = convert("Kneading here.\n\nKneading again.\n\n## Later\n\nKneading in a new section.")
    assert marked(soup) == [("kneading", "Kneading"), ("kneading", "Kneading")]
    assert [p.get_text() for p in soup.select("abbr")[1].find_parents("p")] == ["Kneading in a new section."]


def test_headings_links_code_and_admonition_titles_are_left_alone():
    soup = convert("# Kneading\n\n## Hacking {: #hacking }\n\n[kneading](other.md) and `hacking`\n\n"
                   "!!! note \"About hacking\"\n    Body without terms.\n\n        code: kneading\n")
    assert marked(soup) == []
    assert soup.select_one("#hacking").get_text() == "Hacking"


def test_toc_keeps_plain_heading_names():
    md = markdown.Markdown(extensions=["toc", GlossaryTooltips()])
    md.registeredExtensions[-1].page = Page("page.md", TERMS)
    md.convert("## Kneading and hacking\n\nKneading.")
    assert md.toc_tokens[0]["name"] == "Kneading and hacking"


def test_no_tooltip_on_the_terms_own_page_or_where_it_means_something_else():
    assert marked(convert("Kneading and hacking.", src="techniques/kneading.md")) == [("hacking", "hacking")]
    assert marked(convert("Kneading and hacking.", src="techniques/cupping.md")) == [("kneading", "Kneading")]


def test_no_tooltip_beside_a_link_to_the_terms_page():
    soup = convert("- [Kneading](techniques/kneading.md): petrissage, hacking\n- petrissage here\n")
    # the first item links to kneading's page: its alias gets no tooltip there, hacking does
    assert marked(soup) == [("hacking", "hacking"), ("kneading", "petrissage")]
    assert soup.select("li")[1].select_one("abbr") is not None


def test_opt_out_by_page_and_by_class():
    assert marked(convert("Kneading.", enabled=False)) == []
    assert marked(convert('<div class="atlas-no-tooltips" markdown>\nKneading.\n</div>\n\nHacking.')) == [
        ("hacking", "Hacking")]


# --- page bodies from the fixture atlas -------------------------------------------

def test_pair_page_shows_both_techniques_note_and_differences():
    (page,) = comparison_pages(ATLAS)
    assert (page.src, page.title, page.meta) == ("compare/alpha-vs-beta.md", "Alpha vs beta", {"comparison": "alpha-vs-beta"})
    body = compare_views.pair_page(renderer, ATLAS, "alpha-vs-beta", page.src)
    assert "| Aspect | [Alpha](../techniques/alpha.md) | [Beta](../techniques/beta.md) |" in body
    assert "Alpha glides; beta glides too, but in tests." in body
    assert "| What it is | The alpha test technique. | The beta test technique. |" in body
    assert "[alpha: safety](../techniques/alpha.md#safety)" in body


def test_technique_page_links_its_comparisons_and_facets():
    body = renderer.technique_page(ATLAS, "alpha", "techniques/alpha.md")
    section = body[body.index("## Compare and browse"):]
    assert "[Alpha vs beta](../compare/alpha-vs-beta.md)" in section
    assert "[gliding strokes](../browse/family/gliding.md)" in section
    assert "[light](../browse/pressure/light.md)" in section


def test_every_facet_value_has_a_page_out_of_the_nav():
    pages = {p.src: p for p in facet_pages(ATLAS)}
    assert {"browse/region/upper-back.md", "browse/pressure/light.md", "browse/pressure/deep.md",
            "browse/family/gliding.md", "browse/family/suction.md"} <= set(pages)
    assert len(pages) == len(ATLAS.regions) + 4 + 8  # regions, pressure levels, families
    assert all(not p.in_nav for p in pages.values())
    body = compare_views.facet_page(renderer, ATLAS, "pressure", "light", "browse/pressure/light.md")
    assert "**[Alpha](../../techniques/alpha.md)**" in body and "**[Beta](../../techniques/beta.md)**" in body


def test_an_unused_value_says_so_and_points_to_its_neighbours():
    body = compare_views.facet_page(renderer, ATLAS, "pressure", "deep", "browse/pressure/deep.md")
    assert "None of the 3 techniques in the atlas uses deep pressure." in body
    assert "## Techniques" not in body
    assert "- [Light pressure](light.md): 3 techniques" in body


def test_browse_index_links_every_value_with_its_count():
    body = compare_views.browse_index(renderer, ATLAS, "browse/index.md")
    assert "- [Light pressure](pressure/light.md): 3 techniques" in body
    assert "- [Deep pressure](pressure/deep.md): no techniques listed" in body


def test_glossary_page_has_an_anchor_per_term_and_every_other_name():
    body = compare_views.glossary_page(renderer, ATLAS, "glossary.md", PROJECT / "no-docs-here")
    for term in ATLAS.glossary:
        assert f"{{: #term-{term.id} }}" in body
    assert "| alpha-alias | [Alpha](#term-alpha) |" in body
    assert "Technique page: [Alpha](techniques/alpha.md)" in body


def test_technique_pages_carry_their_aliases_as_escaped_search_tags():
    # Material inserts a result's tags into the search list as HTML, and its
    # search plugin reads them before the hook escapes the front matter.
    import yaml
    from macros.atlas.pages import TECHNIQUE_SEARCH_BOOST, search_tags, technique_pages
    atlas = load_atlas(PROJECT / "data", PROJECT)
    kneading = next(p for p in technique_pages(atlas) if p.meta["technique"] == "kneading")
    front = yaml.safe_load(kneading.source().split("---")[1])
    assert front["tags"] == ["petrissage", "pétrissage"]
    assert front["search"] == {"boost": TECHNIQUE_SEARCH_BOOST}
    t = atlas.techniques["kneading"]
    alias = t.aliases[0].model_copy(update={"name": '<img src=x onerror="alert(1)">'})
    assert search_tags(t.model_copy(update={"aliases": [alias]})) == ["&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"]
