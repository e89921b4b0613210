"""The comparison table and glossary tooltips in real Chromium (Debian's, via
Playwright's executable_path): sorting by mouse and keyboard, on a page
reached by a link, on a phone; a term's tooltip on keyboard focus and hover,
closed by Escape, inside a phone's screen."""
from __future__ import annotations

import pytest
import yaml

from conftest import PROJECT
from macros.atlas.models import PACE_ORDER, PRESSURE_ORDER

TECHNIQUES = {p.stem: yaml.safe_load(p.read_text()) for p in (PROJECT / "data" / "techniques").glob("*.yml")}
ROWS = "table[data-atlas-sortable] tbody tr"


def row_ids(page) -> list[str]:
    return page.eval_on_selector_all(ROWS, "rows => rows.map(r => r.dataset.technique)")


def expected_order(field: str, order: tuple[str, ...]) -> list[str]:
    """Lightest (or slowest) first, then the narrower range; ties keep name order."""
    def key(tid):
        levels = [order.index(v) for v in TECHNIQUES[tid][field]]
        return min(levels), max(levels)
    by_name = sorted(TECHNIQUES, key=lambda t: TECHNIQUES[t]["name"].casefold())
    return sorted(by_name, key=key)


def open_compare(browser, server, width=1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/compare/", wait_until="networkidle")
    page.wait_for_selector("th button.atlas-sort")
    return page


def heading(page, column: str):
    return page.locator(f'table[data-atlas-sortable] th[data-column="{column}"]')


def test_clicking_a_heading_sorts_and_a_second_click_reverses(browser, server):
    page = open_compare(browser, server)
    assert row_ids(page) == sorted(TECHNIQUES, key=lambda t: TECHNIQUES[t]["name"].casefold())
    pressure = heading(page, "pressure")
    pressure.locator("button").click()
    light_to_deep = expected_order("pressure", PRESSURE_ORDER)
    assert row_ids(page) == light_to_deep
    assert pressure.get_attribute("aria-sort") == "ascending"
    pressure.locator("button").click()
    assert pressure.get_attribute("aria-sort") == "descending"
    reversed_keys = [TECHNIQUES[t]["pressure"] for t in row_ids(page)]
    assert reversed_keys[0] == TECHNIQUES[light_to_deep[-1]]["pressure"]
    assert reversed_keys[-1] == TECHNIQUES[light_to_deep[0]]["pressure"]
    # only the sorted column claims an order
    assert page.locator("table[data-atlas-sortable] th[aria-sort]").count() == 1
    page.close()


def test_keyboard_sorts_on_a_page_reached_by_a_link(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/", wait_until="networkidle")
    page.locator('article a[href$="compare/"]').first.click()
    page.wait_for_url("**/compare/")
    page.wait_for_selector("th button.atlas-sort")
    button = heading(page, "pace").locator("button")
    button.focus()
    page.keyboard.press("Enter")
    assert row_ids(page) == expected_order("pace", PACE_ORDER)
    page.keyboard.press("Space")
    assert heading(page, "pace").get_attribute("aria-sort") == "descending"
    page.close()


def test_phone_table_scrolls_sideways_with_names_in_view(browser, server):
    page = open_compare(browser, server, width=360)
    geometry = page.evaluate("""() => {
        const table = document.querySelector('table[data-atlas-sortable]');
        const box = table.closest('.md-typeset__scrollwrap');
        box.scrollLeft = 300;
        const name = table.querySelector('tbody th[scope=row]').getBoundingClientRect();
        return {scrolled: box.scrollLeft, wide: table.scrollWidth > box.clientWidth,
                nameLeft: name.left, nameRight: name.right,
                pageWidth: document.documentElement.scrollWidth};
    }""")
    assert geometry["wide"] and geometry["scrolled"] > 0
    assert 0 <= geometry["nameLeft"] < 20 and geometry["nameRight"] <= 180  # the first column stuck in view
    assert geometry["pageWidth"] <= 360  # only the table scrolls, not the page
    page.close()


def term_page(browser, server, width=1280, scheme="light"):
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.goto(f"{server}/techniques/effleurage/", wait_until="networkidle")
    return page, page.locator('article abbr.atlas-term[data-term="kneading"]').first


def tooltip_state(page, term) -> dict:
    """What a reader (and a screen reader) gets from the term and the tooltip now."""
    return page.evaluate("""term => {
        const tip = document.getElementById(term.getAttribute('aria-describedby') || 'atlas-tooltip');
        const shown = !!tip && tip.getAttribute('role') === 'tooltip' && tip.checkVisibility();
        const box = shown ? tip.getBoundingClientRect() : null, host = term.getBoundingClientRect();
        return {shown, text: shown ? tip.textContent : null, title: term.getAttribute('title'),
                describedby: term.getAttribute('aria-describedby'),
                box: box && {left: box.left, right: box.right, top: box.top, bottom: box.bottom},
                host: {left: host.left, right: host.right, top: host.top, bottom: host.bottom},
                surface: shown ? getComputedStyle(tip).backgroundColor : null,
                edge: shown ? getComputedStyle(tip).boxShadow : null,
                page: getComputedStyle(document.body).backgroundColor};
    }""", term.element_handle())


def overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tab_to_a_glossary_term_shows_its_definition_and_tab_on_hides_it(browser, server, scheme):
    page, term = term_page(browser, server, scheme=scheme)
    definition = TECHNIQUES["kneading"]["summary"]
    title = term.get_attribute("title")
    assert definition in title  # the definition is in the page itself, for readers without scripts
    # Focus the element just before the term, then Tab onto it, as a keyboard user would.
    page.evaluate("""el => {
        const stops = [...document.querySelectorAll('a[href], button, input, [tabindex="0"]')];
        stops[stops.indexOf(el) - 1].focus();
    }""", term.element_handle())
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.dataset.term") == "kneading"
    state = tooltip_state(page, term)
    assert state["shown"] and definition in state["text"]
    assert state["describedby"] == "atlas-tooltip"  # screen readers hear the definition too
    assert state["title"] is None  # no second, native tooltip drawn over it
    assert not overlaps(state["box"], state["host"])  # the term stays readable
    # It sits over the page, so it needs an edge; on dark, where a shadow does not show, a surface too.
    assert state["edge"] not in (None, "none")
    if scheme == "dark":
        assert state["surface"] != state["page"], state["surface"]
    page.keyboard.press("Tab")  # moving on: the term has its title back and no tooltip
    state = tooltip_state(page, term)
    assert state["title"] == title and state["describedby"] is None
    now = page.evaluate("""() => ({term: document.activeElement.matches('abbr.atlas-term'),
                                   tip: document.getElementById('atlas-tooltip').checkVisibility()})""")
    assert now["tip"] == now["term"]  # shown again only if the next stop is a term of its own
    page.close()


def test_escape_closes_the_tooltip_and_leaves_focus_on_the_term(browser, server):
    page, term = term_page(browser, server)
    term.focus()
    assert tooltip_state(page, term)["shown"]
    page.keyboard.press("Escape")  # WCAG 1.4.13: dismissible without moving focus
    assert not tooltip_state(page, term)["shown"]
    assert page.evaluate("() => document.activeElement.dataset.term") == "kneading"
    page.close()


def test_on_a_phone_the_tooltip_fits_the_screen_and_can_be_hovered(browser, server):
    page, term = term_page(browser, server, width=360)
    # Nothing is made until a reader needs it: that is what keeps the page load light.
    assert page.evaluate("() => document.getElementById('atlas-tooltip')") is None
    term.scroll_into_view_if_needed()
    term.hover()
    state = tooltip_state(page, term)
    assert state["shown"] and TECHNIQUES["kneading"]["summary"] in state["text"]
    assert 0 <= state["box"]["left"] and state["box"]["right"] <= 360
    assert not overlaps(state["box"], state["host"])
    header_bottom = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert state["box"]["top"] >= header_bottom  # not hidden under, nor drawn over, the sticky header
    # The pointer can move onto the tooltip (to read or select it) without losing it ...
    box = state["box"]
    page.mouse.move((box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2, steps=5)
    assert tooltip_state(page, term)["shown"]
    # ... and leaving both closes it, after the short grace period.
    page.mouse.move(5, 890)
    page.wait_for_function("() => !document.getElementById('atlas-tooltip').checkVisibility()", timeout=3000)
    page.close()


AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_table_or_the_terms(server, browser, scheme):
    assert AXE.exists(), "axe-core is installed by `make test` (npm ci)"
    page = browser.new_page(viewport={"width": 360, "height": 800}, color_scheme=scheme)
    violations = []
    for path, scope in (("compare/", ".atlas-compare"), ("techniques/effleurage/", "abbr.atlas-term")):
        page.goto(f"{server}/{path}", wait_until="networkidle")
        if path == "compare/":
            page.wait_for_selector("th button.atlas-sort")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("scope => axe.run({include: [[scope]]}, {resultTypes: ['violations']})", scope)
        assert result["passes"], path  # axe really ran on something
        violations += [(path, v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []
    page.close()
