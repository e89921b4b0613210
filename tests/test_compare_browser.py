"""The comparison table and glossary tooltips in real Chromium (Debian's, via
Playwright's executable_path): sorting by mouse and keyboard, on a page
reached by a link, on a phone; a tooltip shown on keyboard focus."""
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tab_to_a_glossary_term_shows_its_definition(browser, server, scheme):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(f"{server}/techniques/effleurage/", wait_until="networkidle")
    term = page.locator('article abbr.atlas-term[data-term="kneading"]').first
    definition = TECHNIQUES["kneading"]["summary"]
    # Focus the element just before the term, then Tab onto it, as a keyboard user would.
    page.evaluate("""el => {
        const stops = [...document.querySelectorAll('a[href], button, input, [tabindex="0"]')];
        const before = stops[stops.indexOf(el) - 1];
        before.focus();
    }""", term.element_handle())
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.dataset.term") == "kneading"
    # Material links the term to the tooltip it shows for it.
    page.wait_for_function("el => el.hasAttribute('aria-describedby')", arg=term.element_handle(), timeout=5000)
    tooltip = page.locator(f"#{term.get_attribute('aria-describedby')}")
    tooltip.wait_for(state="visible", timeout=5000)
    page.wait_for_function("el => el.classList.contains('md-tooltip2--active')", arg=tooltip.element_handle())
    assert definition in tooltip.inner_text()
    if scheme == "dark":
        # Material's shadow does not show on the dark page: the tooltip needs a surface of its own.
        surface, page_bg = page.evaluate("""el => [getComputedStyle(el.querySelector('.md-tooltip2__inner')).backgroundColor,
                                                   getComputedStyle(document.body).backgroundColor]""", tooltip.element_handle())
        assert surface != page_bg, surface
    page.keyboard.press("Tab")  # moving on hides it again
    page.wait_for_function("el => !el.isConnected || !el.classList.contains('md-tooltip2--active')",
                           arg=tooltip.element_handle(), timeout=5000)
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
