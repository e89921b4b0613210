"""Page weight of the built technique pages, and the body map's share of it.

Usage: `python bench/page_weight.py [SITE_DIR]` (default: site/, from `make build`).
Prints one row per technique page; the budget is 60 KB of HTML per page.
"""
from __future__ import annotations

import sys
from pathlib import Path

BUDGET = 60_000


def body_map_bytes(html: str) -> int:
    start = html.find('<figure class="atlas-map"')
    return 0 if start < 0 else html.index("</figure>", start) + len("</figure>") - start


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    pages = sorted(site.glob("techniques/*/index.html"))
    if not pages:
        print(f"no technique pages under {site}/: run `make build` first", file=sys.stderr)
        return 1
    print(f"{'page':<28}{'HTML bytes':>12}{'body map':>10}{'share':>8}  budget {BUDGET}")
    for path in pages:
        html = path.read_text(encoding="utf-8")
        size, figure = len(html.encode()), body_map_bytes(html)
        flag = "  OVER" if size > BUDGET else ""
        print(f"{path.parent.relative_to(site).as_posix():<28}{size:>12}{figure:>10}{figure / size:>8.0%}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
