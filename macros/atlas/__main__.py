"""Command line: `python -m macros.atlas check|schema [DATA_DIR]`.

`check` validates the data alone (no MkDocs), for `make check` and editors'
pre-commit use; `schema` regenerates data/schema/*.json from the models.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .catalog import load_atlas
from .problems import DataError
from .schema import write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.atlas")
    parser.add_argument("command", choices=["check", "schema"])
    parser.add_argument("data_dir", nargs="?", default="data", type=Path)
    args = parser.parse_args(argv)
    if args.command == "schema":
        for path in write_schemas(args.data_dir / "schema"):
            print(f"wrote {path}")
        return 0
    started = time.perf_counter()
    try:
        atlas = load_atlas(args.data_dir, Path.cwd())
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"data OK: {len(atlas.techniques)} techniques, {len(atlas.regions)} regions, "
          f"{len(atlas.references)} references, {len(atlas.claims)} claims, {len(atlas.benefits)} benefits, "
          f"{len(atlas.guides)} guides, {len(atlas.comparisons)} comparisons, {len(atlas.glossary)} glossary terms "
          f"({time.perf_counter() - started:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
