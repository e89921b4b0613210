"""MkDocs hook glue: validate the data before anything is written, add the
pages generated from data (no hand-written stub files), fill the nav
placeholders (`atlas:<set>`) with them, and add the static files generated
from data (the JSON API, redirect pages for old ids). All logic lives in
macros.atlas."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

# Import the core as `macros.atlas`, the same package mkdocs-macros imports, so
# both share one cache (MkDocs puts only this file's folder on sys.path).
PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from macros.atlas import pages  # noqa: E402,F401  (registers the page sets)
from macros.atlas.catalog import Atlas, load_atlas_cached  # noqa: E402
from macros.atlas.markdown_ext import CaptionIsBlock  # noqa: E402
from macros.atlas.export import api_files  # noqa: E402
from macros.atlas.glossary import matcher_for  # noqa: E402
from macros.atlas.glossary_markdown import GlossaryTooltips, Page  # noqa: E402
from macros.atlas.problems import DataError  # noqa: E402
from macros.atlas.redirects import redirect_files  # noqa: E402
from macros.atlas.rendering import Renderer  # noqa: E402
from macros.atlas.sitemap import fill_nav, generated_pages  # noqa: E402
from macros.atlas.study.flashcards import deck_files  # noqa: E402

log = logging.getLogger("mkdocs.hooks.atlas")


# The atlas of the build under way, with that build's config (every build and
# every `mkdocs serve` rebuild has a new one): asking load_atlas_cached on each
# page would stat every data file once a page, quadratic as the atlas grows.
_this_build: list = [None, None]


def _atlas(config) -> Atlas:
    if _this_build[0] is config:
        return _this_build[1]
    project = Path(config.config_file_path).resolve().parent
    try:
        atlas = load_atlas_cached(project / "data", project)
    except DataError as err:
        # PluginError makes MkDocs stop with this message and no traceback,
        # before the site directory is cleaned or written.
        raise PluginError(str(err)) from None
    _this_build[:] = [config, atlas]
    return atlas


@event_priority(100)  # before other plugins, so bad data stops the build first
def on_config(config):
    atlas = _atlas(config)
    config.markdown_extensions.append(CaptionIsBlock())
    try:
        config.nav = fill_nav(config.nav or [], atlas)
    except ValueError as err:
        raise PluginError(str(err)) from None
    if TOOLTIPS not in config.markdown_extensions:
        config.markdown_extensions.append(TOOLTIPS)
    return config


# Glossary terms become tooltips on every page; the extension needs to know
# which page it converts (no tooltip for a term on its own page).
TOOLTIPS = GlossaryTooltips()


def on_page_markdown(markdown: str, page, config, files) -> str:
    TOOLTIPS.page = Page(page.file.src_uri, matcher_for(_atlas(config)),
                         enabled=page.meta.get("tooltips", True) is not False)
    return markdown


def on_files(files: Files, config) -> Files:
    atlas = _atlas(config)
    for page in generated_pages(atlas):
        # Pages reached only by links (embeds) must not trigger "not in nav" warnings.
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src, content=page.source(), inclusion=inclusion))
    if not config.site_url:
        log.info("SITE_URL is not set: pages get no canonical URL, og:url or preview image, "
                 "and the JSON API's site_url is null.")
    # Every file is rendered in memory first, so a failure here leaves site/ untouched;
    # MkDocs then writes them with the pages and knows them (links to them are validated).
    project = Path(config.config_file_path).resolve().parent
    renderer = Renderer(project / "overrides" / "partials" / "atlas", config.site_url)
    static = {**api_files(atlas, config.site_url, os.environ.get("SOURCE_DATE_EPOCH")),
              **redirect_files(renderer, atlas, config.site_url),
              **deck_files(atlas, _deck_timestamp(config), config.site_url or "")}
    taken = {f.dest_uri: f.src_uri for f in files}
    for path in static:
        if path in taken:
            raise PluginError(f"The generated file {path} would overwrite {taken[path]}; "
                              "an old id may collide with a hand-written page.")
    for path, content in static.items():
        files.append(File.generated(config, path, content=content))
    return files


def _deck_timestamp(config) -> float:
    """When the decks were last changed, for Anki (it updates a note only from a
    newer one): SOURCE_DATE_EPOCH for reproducible builds, else the newest data file."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return float(os.environ["SOURCE_DATE_EPOCH"])
    data = Path(config.config_file_path).resolve().parent / "data"
    return max(p.stat().st_mtime for p in data.rglob("*") if p.is_file())


def on_page_context(context, page, config, nav):
    """Escape each page's front-matter title and description once, as Markup.

    Titles and summaries come from data, and Material inserts page.meta.title
    into <title> and page.meta.description into an attribute unescaped, while
    the atlas's own templates escape them (`| e`). Markup is escaped text that
    `| e` leaves alone, so both kinds of template show the text exactly.
    """
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = Markup.escape(value)
    return context
