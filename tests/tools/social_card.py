"""Render the link-preview image: `python tests/tools/social_card.py`.

Draws tests/tools/social-card.svg at 1200x630 in headless Chromium (the same
Debian Chromium the tests use) and writes docs/assets/social-card.png, which
is committed: the build itself needs no browser. Run it after editing the SVG.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import CHROMIUM, CHROMIUM_ARGS, PROJECT  # noqa: E402

SOURCE = PROJECT / "tests" / "tools" / "social-card.svg"
TARGET = PROJECT / "docs" / "assets" / "social-card.png"


def main() -> int:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(f"<body style='margin:0'>{SOURCE.read_text()}</body>")
        page.screenshot(path=str(TARGET), clip={"x": 0, "y": 0, "width": 1200, "height": 630})
        browser.close()
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
