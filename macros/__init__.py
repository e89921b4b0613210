"""mkdocs-macros glue: registers the atlas macros and nothing else.

Loading, validation and rendering live in ``macros.atlas`` and know nothing of
MkDocs; each macro here only finds the current page and delegates.
"""
from __future__ import annotations

from pathlib import Path

from .atlas import guide_pages
from .atlas.catalog import load_atlas_cached
from .atlas.rendering import Renderer


def define_env(env):
    project = Path(env.project_dir)
    renderer = Renderer(project / "overrides" / "partials" / "atlas")

    def atlas():
        return load_atlas_cached(project / "data", project)

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
        site_url = env.conf.get("site_url") or ""
        return guide_pages.guide_page(renderer, atlas(), guide_id, page_src(), site_url)

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
    def technique_count() -> int:
        """How many techniques the atlas explains."""
        return len(atlas().techniques)
