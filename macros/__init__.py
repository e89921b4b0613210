"""mkdocs-macros glue: registers the atlas macros and nothing else.

Loading, validation and rendering live in ``macros.atlas`` and know nothing of
MkDocs; each macro here only finds the current page and delegates.
"""
from __future__ import annotations

from pathlib import Path

from .atlas import compare_views
from .atlas import export, guide_pages, linking
from .atlas.catalog import load_atlas_cached
from .atlas.evidence_views import EvidencePages
from .atlas.rendering import Renderer
from .atlas.study import render as study
from .atlas.study.terms import TECHNIQUE_SECTIONS


def define_env(env):
    project = Path(env.project_dir)
    renderer = Renderer(project / "overrides" / "partials" / "atlas", env.conf["site_url"])
    evidence = EvidencePages(renderer)

    # define_env runs once per build (and per `mkdocs serve` rebuild), so the
    # atlas is fetched once here, not once per macro call: checking the cache
    # stats every data file, which per page would make the build quadratic.
    loaded = {}

    def atlas():
        if "atlas" not in loaded:
            loaded["atlas"] = load_atlas_cached(project / "data", project)
        return loaded["atlas"]

    def page_src() -> str:
        return env.page.file.src_uri

    @env.macro
    def technique_page(technique_id: str | None = None) -> str:
        """The body of a technique page; the id defaults to the page's `technique` front matter."""
        technique_id = technique_id or env.page.meta.get("technique")
        if not technique_id:
            raise ValueError(f"{page_src()}: technique_page() needs an id or `technique:` in the front matter.")
        return renderer.technique_page(atlas(), technique_id, page_src())

    @env.macro
    def technique_index() -> str:
        """A table of every technique with its other names and summary, linked to its page."""
        return renderer.technique_index(atlas(), page_src())

    @env.macro
    def guide_page(guide_id: str | None = None) -> str:
        """The body of a guide page; the id defaults to the page's `guide` front matter."""
        guide_id = guide_id or env.page.meta.get("guide")
        if not guide_id:
            raise ValueError(f"{page_src()}: guide_page() needs an id or `guide:` in the front matter.")
        return guide_pages.guide_page(renderer, atlas(), guide_id, page_src())

    @env.macro
    def guide_index() -> str:
        """Every step-by-step guide, grouped by who it is for, linked to its page."""
        return guide_pages.guide_index(renderer, atlas(), page_src())

    @env.macro
    def guide_count() -> int:
        """How many step-by-step guides the atlas has."""
        return len(atlas().guides)

    @env.macro
    def field_reference(kind: str = "technique") -> str:
        """The contributor field reference for one kind of data file, generated from its model."""
        return renderer.field_reference(kind)

    @env.macro
    def rule_reference() -> str:
        """The table of validation rule codes, generated from the rule registry."""
        return renderer.rule_reference()

    @env.macro
    def embed_card() -> str:
        """The body of an embed page: the card of the entry named by `collection:` and `entry:` in its front matter."""
        meta = env.page.meta
        return linking.render_card(renderer, atlas(), meta["collection"], meta["entry"], page_src())

    @env.macro
    def url_contract() -> str:
        """The table of stable URL patterns for webmasters, from the linkable collections and the API exports."""
        return linking.render_url_contract(renderer, atlas(), page_src())

    @env.macro
    def deep_links() -> str:
        """The section anchors promised on every page of each linkable collection, for webmasters."""
        return linking.render_deep_links(renderer, atlas(), page_src())

    @env.macro
    def api_reference() -> str:
        """The table of JSON API files and their schemas, from the export registry."""
        return linking.render_api_reference(renderer, page_src())

    @env.macro
    def embed_snippet(collection: str, entry_id: str, example: bool = False) -> str:
        """The copy-paste iframe snippet for one entry's card; with ``example``, the iframe live below it."""
        return linking.render_snippet(renderer, atlas(), collection, entry_id, page_src(), example)

    @env.macro
    def technique_count() -> int:
        """How many techniques the atlas explains."""
        return len(atlas().techniques)

    # --- comparisons, glossary and facets (issue 5) --------------------------------

    def meta(key: str, given: str | None) -> str:
        value = given or env.page.meta.get(key)
        if not value:
            raise ValueError(f"{page_src()}: this macro needs an argument or `{key}:` in the front matter.")
        return value

    @env.macro
    def comparison_table() -> str:
        """Every technique in one sortable table: family, pressure, pace, hand parts, regions, session, purposes."""
        return compare_views.comparison_table(renderer, atlas(), page_src())

    @env.macro
    def comparison_list() -> str:
        """Links to every side-by-side page listed in data/comparisons.yml."""
        return compare_views.comparison_list(renderer, atlas(), page_src())

    @env.macro
    def comparison_page(slug: str | None = None) -> str:
        """The body of a side-by-side page; the slug (`stroking-vs-effleurage`) defaults to `comparison` in the front matter."""
        return compare_views.pair_page(renderer, atlas(), meta("comparison", slug), page_src())

    @env.macro
    def glossary() -> str:
        """Every glossary term with its definition and anchor, then every other name."""
        return compare_views.glossary_page(renderer, atlas(), page_src(), Path(env.conf["docs_dir"]))

    @env.macro
    def browse_index() -> str:
        """Every facet (body region, pressure, family) with its values, linked to their pages."""
        return compare_views.browse_index(renderer, atlas(), page_src())

    @env.macro
    def facet_page(facet: str | None = None, value: str | None = None) -> str:
        """The body of a facet page; facet and value default to the page's front matter."""
        return compare_views.facet_page(renderer, atlas(), meta("facet", facet), meta("value", value), page_src())

    # --- claims and evidence (issue 3) ---------------------------------------------

    @env.macro
    def benefit_page(benefit_id: str | None = None) -> str:
        """The body of a benefit page: every claim about it; the id defaults to the `benefit` front matter."""
        benefit_id = benefit_id or env.page.meta.get("benefit")
        if not benefit_id:
            raise ValueError(f"{page_src()}: benefit_page() needs an id or `benefit:` in the front matter.")
        return evidence.benefit_page(atlas(), benefit_id, page_src())

    @env.macro
    def benefit_index() -> str:
        """Every benefit, by group, with its number of evidence-backed and traditional claims."""
        return evidence.benefit_index(atlas(), page_src())

    @env.macro
    def whole_session_claims() -> str:
        """Every claim about massage sessions in general, grouped by benefit, each linked to its full entry."""
        return evidence.whole_session_claims(atlas(), page_src())

    @env.macro
    def evidence_matrix() -> str:
        """The evidence matrix: benefits by techniques, each cell a claim's label and grade, linked."""
        return evidence.matrix(atlas(), page_src())

    @env.macro
    def bibliography() -> str:
        """Every reference, with its identifiers and links back to what cites it."""
        return evidence.bibliography(atlas(), page_src())

    @env.macro
    def evidence_legend() -> str:
        """The label, certainty and research-status badges, each explained."""
        return evidence.legend()

    @env.macro
    def claim_count(label: str | None = None, status: str | None = None) -> int:
        """How many claims the atlas records, optionally only those with a label or research status."""
        return sum(1 for c in atlas().claims.values()
                   if (label is None or c.label == label) and (status is None or c.research_status == status))

    # --- study mode -------------------------------------------------------------

    @env.macro
    def study_quiz(quiz_id: str | None = None) -> str:
        """A self-check quiz; the id defaults to the page's `quiz` front matter."""
        quiz_id = quiz_id or env.page.meta.get("quiz")
        if not quiz_id:
            raise ValueError(f"{page_src()}: study_quiz() needs an id or `quiz:` in the front matter.")
        return study.quiz_page(renderer, atlas(), quiz_id, page_src())

    @env.macro
    def study_quiz_index() -> str:
        """A table of every quiz with its number of questions and the score kept in this browser."""
        return study.quiz_index(renderer, atlas(), page_src())

    @env.macro
    def study_cards() -> str:
        """Every technique as a printable study card, one per printed page."""
        return study.cards_page(renderer, atlas(), page_src())

    @env.macro
    def flashcard_downloads() -> str:
        """Download links for the flashcard decks, with their card counts and how to import them."""
        return study.flashcard_downloads(renderer, atlas(), page_src())

    @env.macro
    def technique_sections() -> str:
        """The section anchors every technique page has, for the exam map's `section:` links."""
        return ", ".join(f"`{anchor}` ({title})" for anchor, title in TECHNIQUE_SECTIONS.items())

    @env.macro
    def exam_map() -> str:
        """The exam map: each exam content area, the atlas pages that serve it, and what is not covered."""
        return study.exam_map_page(renderer, atlas(), page_src())
