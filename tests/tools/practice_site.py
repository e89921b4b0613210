"""A massage practice's website that links to and embeds the atlas, served
from its own port: `python tests/tools/practice_site.py SITE_DIR` serves the
built atlas and the practice page and writes screenshots of the practice page
(desktop, light and dark) to tests/_output/. The browser tests use the same
assembly (tests/fixtures/practice/index.html).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import CHROMIUM, CHROMIUM_ARGS, FIXTURES, PROJECT, serve_directory  # noqa: E402

EMBEDDED = ("kneading", "cupping")


def embed_code(browser, atlas_url: str, technique_id: str) -> str:
    """The iframe code a webmaster copies from the technique's page, after its script ran."""
    page = browser.new_page()
    page.goto(f"{atlas_url}/techniques/{technique_id}/", wait_until="networkidle")
    code = page.locator(".atlas-snippet code").text_content()
    page.close()
    return code


def write_practice_site(browser, atlas_url: str, directory: Path) -> Path:
    """The fixture practice page with the atlas's address and the copied embed code filled in."""
    html = (FIXTURES / "practice" / "index.html").read_text().replace("ATLAS_URL", atlas_url)
    for technique_id in EMBEDDED:
        html = html.replace(f"<!-- EMBED:{technique_id} -->", embed_code(browser, atlas_url, technique_id))
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "index.html").write_text(html)
    return directory


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    out = PROJECT / "tests" / "_output"
    atlas_url, atlas = serve_directory(args.site)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        practice_url, practice = serve_directory(write_practice_site(browser, atlas_url, out / "practice-site"))
        for scheme in ("light", "dark"):
            page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
            page.goto(practice_url, wait_until="networkidle")
            target = out / f"practice-site-desktop-{scheme}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
            page.close()
        browser.close()
    practice.shutdown()
    atlas.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
