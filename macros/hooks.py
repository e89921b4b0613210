"""MkDocs hook glue: validate the data before anything is written, add the
pages generated from data (no hand-written stub files), and fill the nav
placeholders (`atlas:<set>`) with them. All logic lives in macros.atlas."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

# Import the core as `macros.atlas`, the same package mkdocs-macros imports, so
# both share one cache (MkDocs puts only this file's folder on sys.path).
PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from macros.atlas import pages  # noqa: E402,F401  (registers the page sets)
from macros.atlas.catalog import Atlas, load_atlas_cached  # noqa: E402
from macros.atlas.problems import DataError  # noqa: E402
from macros.atlas.sitemap import fill_nav, generated_pages  # noqa: E402
from macros.atlas.study.flashcards import deck_files  # noqa: E402


def _atlas(config) -> Atlas:
    project = Path(config.config_file_path).resolve().parent
    try:
        return load_atlas_cached(project / "data", project)
    except DataError as err:
        # PluginError makes MkDocs stop with this message and no traceback,
        # before the site directory is cleaned or written.
        raise PluginError(str(err)) from None


@event_priority(100)  # before other plugins, so bad data stops the build first
def on_config(config):
    atlas = _atlas(config)
    try:
        config.nav = fill_nav(config.nav or [], atlas)
    except ValueError as err:
        raise PluginError(str(err)) from None
    return config


def on_files(files: Files, config) -> Files:
    atlas = _atlas(config)
    for page in generated_pages(atlas):
        files.append(File.generated(config, page.src, content=page.source()))
    # Flashcard decks are files of the site like any other, so links to them are validated.
    for path, content in deck_files(atlas, _deck_timestamp(config), config.site_url or "").items():
        files.append(File.generated(config, path, content=content))
    return files


def _deck_timestamp(config) -> float:
    """When the decks were last changed, for Anki (it updates a note only from a
    newer one): SOURCE_DATE_EPOCH for reproducible builds, else the newest data file."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return float(os.environ["SOURCE_DATE_EPOCH"])
    data = Path(config.config_file_path).resolve().parent / "data"
    return max(p.stat().st_mtime for p in data.rglob("*") if p.is_file())
