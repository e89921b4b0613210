"""Guides in Debian's Chromium: what only a browser shows, above all the
print stylesheet (print media emulation), in light and dark schemes."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from conftest import PROJECT

GUIDE = "guides/back-massage-for-fatigue/"
GUIDE_IDS = sorted(p.stem for p in (PROJECT / "data" / "guides").glob("*.yml"))
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


# Where each step starts and ends, and what follows each section heading,
# read from the page as printed (print media), to find again in the PDF.
PRINTED_PARTS_JS = """() => {
  const squash = t => t.replace(/\\s+/g, "").replace(/¶/g, "");
  const steps = [...document.querySelectorAll("article li.atlas-step")].map(li => {
    const last = li.lastElementChild.innerText.trim().split("\\n").pop();
    return [squash(li.querySelector("h3").innerText), squash(last).slice(-30)];
  });
  const headings = [...document.querySelectorAll("article h2")]
    .filter(h => h.offsetParent !== null && h.nextElementSibling)
    .map(h => [squash(h.innerText), squash(h.nextElementSibling.innerText).slice(0, 30)]);
  return {steps, headings};
}"""


def pdf_pages_text(pdf: bytes) -> list[str]:
    """The text of each page of a PDF, without whitespace (line breaks differ)."""
    reader = PdfReader(io.BytesIO(pdf))
    return ["".join(page.extract_text().split()) for page in reader.pages]


def page_of(pages: list[str], text: str) -> int:
    found = [i for i, t in enumerate(pages) if text in t]
    assert found, f"{text!r} is on no page"
    return found[0]


@pytest.mark.parametrize("gid", GUIDE_IDS)
def test_printed_guide_keeps_each_step_and_heading_on_one_page(server, browser, gid):
    """Chromium's own print to PDF (A4), read back page by page: no step is
    cut across two sheets, no heading is left alone at the foot of a page, and
    steps share sheets rather than taking one each."""
    page = browser.new_page()
    page.goto(f"{server}/guides/{gid}/", wait_until="networkidle")
    page.emulate_media(media="print")
    parts = page.evaluate(PRINTED_PARTS_JS)
    pages = pdf_pages_text(page.pdf(format="A4"))
    page.close()
    assert parts["steps"] and parts["headings"]
    step_pages = set()
    for title, end in parts["steps"]:
        start = page_of(pages, title)
        assert end in pages[start], f"{gid}: step {title!r} is cut: {end!r} is not on its page {start + 1}"
        step_pages.add(start)
    for heading, following in parts["headings"]:
        # (PDF text order is not reading order, so the two are looked for on one page, not side by side.)
        assert any(heading in t and following in t for t in pages), f"{gid}: heading {heading!r} is parted from what follows it"
    # Most steps share a sheet; a few long ones (with an evidence box) may not.
    assert len(step_pages) <= 0.8 * len(parts["steps"]), f"{gid}: {len(parts['steps'])} steps on {len(step_pages)} pages"


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
