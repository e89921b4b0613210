"""MkDocs hook glue: validate the data before anything is written, add one
generated page per technique (no hand-written stub files), and put those pages
in the navigation. All logic lives in macros.atlas."""
from __future__ import annotations

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

from macros.atlas.catalog import Atlas, load_atlas_cached  # noqa: E402
from macros.atlas.problems import DataError  # noqa: E402
from macros.atlas.rendering import generated_page, technique_nav, technique_src  # noqa: E402

TECHNIQUES_SECTION = "Techniques"


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
    for item in config.nav or []:
        if isinstance(item, dict) and TECHNIQUES_SECTION in item:
            item[TECHNIQUES_SECTION] = [*item[TECHNIQUES_SECTION], *technique_nav(atlas)]
            break
    else:
        raise PluginError(f"mkdocs.yml: nav needs a '{TECHNIQUES_SECTION}' section to hold the technique pages.")
    return config


def on_files(files: Files, config) -> Files:
    for technique in _atlas(config).techniques.values():
        files.append(File.generated(config, technique_src(technique.id), content=generated_page(technique)))
    return files
