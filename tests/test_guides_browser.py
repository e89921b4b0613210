"""Guides in Debian's Chromium: what only a browser shows, above all the
print stylesheet (print media emulation), in light and dark schemes."""
from __future__ import annotations

import pytest

GUIDE = "guides/back-massage-for-fatigue/"
# Everything that is screen furniture rather than the guide itself.
SCREEN_ONLY = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
               ".md-search", ".md-top", ".atlas-print-button", ".md-typeset .headerlink",
               ".md-typeset .atlas-share"]


def display(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).display)")


def luminance(css_colour: str) -> float:
    """0 (black) .. 1 (white) for an rgb()/rgba() colour, ignoring alpha."""
    parts = css_colour[css_colour.index("(") + 1:-1].split(",")
    r, g, b = (float(x) / 255 for x in parts[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.fixture
def printed(server, browser, request):
    scheme = getattr(request, "param", "light")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(f"{server}/{GUIDE}", wait_until="networkidle")
    on_screen = {sel: display(page, sel) for sel in SCREEN_ONLY}
    page.emulate_media(media="print")
    yield page, on_screen
    page.close()


@pytest.mark.parametrize("printed", ["light", "dark"], indirect=True)
def test_print_hides_navigation_header_search_and_footer(printed):
    page, on_screen = printed
    for selector in SCREEN_ONLY:
        assert on_screen[selector], f"{selector} is not on the page at all"
        assert any(d != "none" for d in on_screen[selector]), f"{selector} hidden on screen too"
        assert set(display(page, selector)) == {"none"}, selector
    # the guide itself is all still there
    assert page.locator("article h1").is_visible()
    assert page.locator("li.atlas-step").count() == 14
    assert page.locator("h3#step-14").is_visible()


@pytest.mark.parametrize("printed", ["light", "dark"], indirect=True)
def test_print_is_dark_ink_on_white(printed):
    page, _ = printed
    text = page.eval_on_selector("article .atlas-step p", "e => getComputedStyle(e).color")
    body = page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor")
    assert luminance(text) < 0.3, text
    assert luminance(body) > 0.95, body


def test_print_never_splits_a_step_or_the_safety_box(printed):
    page, _ = printed
    breaks = page.eval_on_selector_all(
        "li.atlas-step, .admonition", "els => els.map(e => getComputedStyle(e).breakInside)")
    assert breaks and set(breaks) == {"avoid"}
    headings = page.eval_on_selector_all("article h2, article h3", "els => els.map(e => getComputedStyle(e).breakAfter)")
    assert set(headings) == {"avoid"}
    # on screen nothing is forced: the rules live only in the print stylesheet
    page.emulate_media(media="screen")
    assert page.eval_on_selector("li.atlas-step", "e => getComputedStyle(e).breakInside") == "auto"


def test_print_shows_technique_page_addresses(printed):
    page, _ = printed
    after = page.eval_on_selector_all(
        "#techniques ~ ul a[data-print-url]",
        "els => els.map(e => [e.getAttribute('data-print-url'), getComputedStyle(e, '::after').content])")
    assert len(after) == 7
    for address, content in after:
        assert address.startswith("/techniques/") and address.endswith("/")
        assert content == f'" ({address})"', content
    # links inside the steps are not cluttered with addresses
    step_after = page.eval_on_selector("li.atlas-step dd a", "e => getComputedStyle(e, '::after').content")
    assert step_after in ("none", "normal", "")


def test_pdf_of_a_guide_is_paginated(server, browser):
    """Chromium's own print to PDF: the guide fills several pages, none blank."""
    page = browser.new_page()
    page.goto(f"{server}/{GUIDE}", wait_until="networkidle")
    pdf = page.pdf(format="A4")
    page.close()
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 4 <= pages <= 20, pages


@pytest.mark.parametrize("width", [1280, 360])
def test_guide_fits_the_screen_and_checklist_ticks(server, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{server}/{GUIDE}", wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px of horizontal scrolling at {width}px"
    # Readers can tick the checklist: Material draws each box as a ::before of the
    # (zero-width) label, just left of it, so click where the reader sees it.
    box = page.locator("#what-you-need ~ ul.task-list input[type=checkbox]").first
    assert not box.is_checked()
    label = page.locator("#what-you-need ~ ul.task-list label.task-list-control").first
    label.scroll_into_view_if_needed()
    rect = label.bounding_box()
    page.mouse.click(rect["x"] - 14, rect["y"] + rect["height"] / 2)
    assert box.is_checked()
    assert page.locator(".atlas-print-button").is_visible()
    page.close()


def test_used_in_link_lands_on_the_step(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server}/techniques/compression/", wait_until="networkidle")
    page.locator("#used-in ~ ul a[href$='#step-5']").first.click()
    page.wait_for_url("**/guides/back-massage-for-fatigue/#step-5")
    assert page.locator("h3#step-5").is_visible()
    top = page.eval_on_selector("h3#step-5", "e => e.getBoundingClientRect().top")
    assert 0 <= top < 300
    page.close()
