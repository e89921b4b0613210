"""Accessibility: axe-core (pinned in package-lock.json, injected from the
local file, never fetched by the page) finds zero violations, with all its
rules (WCAG A/AA and best practices), in Debian's Chromium.

Split, to keep `make test` inside its budget (axe costs about 0.3 s a page):
every page at desktop width in the light scheme, plus one page of every page
type (template) at desktop and phone widths in both schemes. `make a11y-full`
(A11Y_FULL=1) runs every page in all four combinations.
"""
from __future__ import annotations

import os

import pytest

from conftest import PROJECT
from sitecrawl import html_pages, representatives, url_path

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
FULL = os.environ.get("A11Y_FULL") == "1"
COMBINATIONS = {  # name -> (viewport width, colour scheme)
    "desktop-light": (1280, "light"),
    "desktop-dark": (1280, "dark"),
    "phone-light": (360, "light"),
    "phone-dark": (360, "dark"),
}
RUN_AXE = """() => axe.run(document, {resultTypes: ["violations"]}).then(result =>
  result.violations.flatMap(v => v.nodes.map(n =>
    `${v.id} (${v.impact}): ${n.target.join(" ")}: ${n.failureSummary.split("\\n").slice(1, 3).join(" ").trim()}`)))"""


def axe_violations(browser, server, paths: list[str], width: int, scheme: str) -> list[str]:
    """Open each path in one browser context and return every violation, prefixed by its page."""
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make test` (it runs `npm ci`).")
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    context.add_init_script(path=str(AXE))  # the file's text is injected; the page fetches nothing
    # Material's search worker loads the whole search index on every page, a
    # cost that grows with the site; axe never opens the search, so skip it.
    context.route("**/search/search_index.json", lambda route: route.abort())
    page = context.new_page()
    found = []
    for path in paths:
        page.goto(f"{server}/{path}", wait_until="load")
        found += [f"/{path}: {v}" for v in page.evaluate(RUN_AXE)]
    context.close()
    return found


def test_every_page_has_no_violations_on_desktop_light(built_site, server, browser):
    paths = [url_path(built_site, p) for p in html_pages(built_site)]
    found = axe_violations(browser, server, paths, *COMBINATIONS["desktop-light"])
    assert not found, f"{len(found)} violation(s):\n" + "\n".join(found[:40])


@pytest.mark.parametrize("combination", [c for c in COMBINATIONS if FULL or c != "desktop-light"])
def test_page_types_have_no_violations_at_every_width_and_scheme(built_site, server, browser, combination):
    paths = ([url_path(built_site, p) for p in html_pages(built_site)] if FULL
             else representatives(built_site))
    found = axe_violations(browser, server, paths, *COMBINATIONS[combination])
    assert not found, f"{len(found)} violation(s) at {combination}:\n" + "\n".join(found[:40])


def test_axe_reports_a_low_contrast_unlabelled_page(browser, tmp_path):
    # A negative control: the same injection and run catch what they should.
    from conftest import serve_directory
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
        '<p style="color:#999;background:#fff">faint text</p><img src="x.png"></main></body></html>')
    url, httpd = serve_directory(tmp_path)
    try:
        found = axe_violations(browser, url, [""], 1280, "light")
    finally:
        httpd.shutdown()
    assert {v.split(": ")[1].split(" ")[0] for v in found} >= {"color-contrast", "image-alt"}, found
