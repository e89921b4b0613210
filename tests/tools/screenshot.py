"""Screenshots of built pages at desktop and phone widths, for looking at what
you built: `python tests/tools/screenshot.py SITE_DIR PAGE [PAGE...]`.

PAGE is a path such as `techniques/kneading/`. PNGs go to tests/_output/
(git-ignored), named after the page, width and colour scheme.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import CHROMIUM, CHROMIUM_ARGS, PROJECT, serve_directory  # noqa: E402

WIDTHS = {"desktop": 1280, "phone": 360}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--dark", action="store_true", help="also take dark-scheme shots")
    parser.add_argument("--print", dest="print_media", action="store_true", help="emulate print media")
    parser.add_argument("--full", action="store_true", help="whole page, not just the first screen")
    parser.add_argument("--width", type=int, action="append", default=[],
                        help="also this viewport width, e.g. 320 for an embedded card (repeatable)")
    args = parser.parse_args(argv)
    widths = {**WIDTHS, **{f"{w}px": w for w in args.width}}
    out = PROJECT / "tests" / "_output"
    out.mkdir(parents=True, exist_ok=True)
    url, httpd = serve_directory(args.site)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in ["light", "dark"] if args.dark else ["light"]:
            for label, width in widths.items():
                page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
                if args.print_media:
                    page.emulate_media(media="print")
                for path in args.pages:
                    page.goto(f"{url}/{path.lstrip('/')}", wait_until="networkidle")
                    name = path.strip("/").replace("/", "_").replace("#", "_") or "home"
                    target = out / f"{name}-{label}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=args.full)
                    print(target)
                page.close()
        browser.close()
    httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
