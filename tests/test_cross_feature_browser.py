"""Where features meet, in real Chromium (the session's browser and server):
the claims column sorts by its counts, the comparison table fits a desktop
screen, a technique page's first screen on a phone is not all body map, and a
step's own regions to keep off are painted hatched in dark mode and print."""
from __future__ import annotations

import pytest
import yaml

from conftest import PROJECT

DATA = PROJECT / "data"
TECHNIQUES = {p.stem: yaml.safe_load(p.read_text()) for p in (DATA / "techniques").glob("*.yml")}
CLAIMS = [yaml.safe_load(p.read_text()) for p in (DATA / "claims").glob("*.yml")]
ROWS = "table[data-atlas-sortable] tbody tr"


def open_page(browser, server, path, width=1280, height=900, **options):
    page = browser.new_page(viewport={"width": width, "height": height}, **options)
    page.goto(f"{server}/{path}", wait_until="networkidle")
    return page


def test_claims_column_sorts_by_evidence_backed_then_traditional_claims(browser, server):
    def counts(tid):
        labels = [c["label"] for c in CLAIMS if tid in (c.get("techniques") or [])]
        return labels.count("evidence-backed"), labels.count("traditional")

    by_name = sorted(TECHNIQUES, key=lambda t: TECHNIQUES[t]["name"].casefold())
    expected = sorted(by_name, key=counts)  # ties keep the name order
    assert counts(expected[-1]) > (0, 0)
    page = open_page(browser, server, "compare/")
    page.wait_for_selector("th button.atlas-sort")
    heading = page.locator('table[data-atlas-sortable] th[data-column="claims"]')
    heading.locator("button").click()
    assert page.eval_on_selector_all(ROWS, "rows => rows.map(r => r.dataset.technique)") == expected
    heading.locator("button").click()
    assert heading.get_attribute("aria-sort") == "descending"
    first = page.locator(f"{ROWS} >> nth=0")
    assert first.get_attribute("data-technique") == expected[-1]
    # the count reads as words and leads to the technique's Claims section
    link = first.locator('td[data-column="claims"] a')
    e, t = counts(expected[-1])
    assert link.inner_text().split() == f"{e} evidence-backed, {t} traditional".split()
    link.click()
    page.wait_for_url(f"**/techniques/{expected[-1]}/#claims")
    page.close()


def test_comparison_table_fits_a_desktop_screen_and_still_scrolls_on_a_phone(browser, server):
    sizes = {}
    for width in (1280, 360):
        page = open_page(browser, server, "compare/", width=width)
        page.wait_for_selector("th button.atlas-sort")
        sizes[width] = page.evaluate("""() => {
            const table = document.querySelector('table[data-atlas-sortable]');
            const box = table.closest('.md-typeset__scrollwrap');
            const last = table.tHead.rows[0].cells[table.tHead.rows[0].cells.length - 1];
            return {scroll: box.scrollWidth, visible: box.clientWidth,
                    lastRight: last.getBoundingClientRect().right, boxRight: box.getBoundingClientRect().right,
                    purposes: last.getBoundingClientRect().width};
        }""")
        page.close()
    desktop, phone = sizes[1280], sizes[360]
    assert desktop["scroll"] <= desktop["visible"] + 1, desktop  # nothing hidden at the right edge
    assert desktop["lastRight"] <= desktop["boxRight"] + 1
    assert desktop["purposes"] >= 200  # purposes stay readable, not squeezed to a word a line
    assert phone["scroll"] > phone["visible"]  # the phone keeps the sideways scroll (sticky names: compare tests)


@pytest.mark.parametrize("tid,views", [("kneading", 1), ("effleurage", 2)])
def test_phone_first_screen_is_not_all_body_map(browser, server, tid, views):
    height = 740
    page = open_page(browser, server, f"techniques/{tid}/", width=360, height=height)
    geometry = page.evaluate("""() => {
        const box = el => el.getBoundingClientRect().toJSON();
        return {figures: [...document.querySelectorAll('#body-map svg.atlas-fig')].map(box),
                key: box(document.querySelector('#body-map .atlas-map__heading')),
                summary: box(document.querySelector('article .atlas-lead')),
                width: document.documentElement.scrollWidth};
    }""")
    figures = geometry["figures"]
    assert len(figures) == views and geometry["width"] <= 360
    for figure in figures:
        assert figure["height"] <= 0.41 * height, figure  # at most about 40% of the screen
        assert figure["width"] >= 100  # still a clear drawing
        assert figure["top"] < height  # and on the first screen, after the summary
    assert geometry["summary"]["bottom"] <= figures[0]["top"]
    if views == 1:  # the key (its first heading) starts beside the figure, not under it
        assert geometry["key"]["left"] >= figures[0]["right"] and geometry["key"]["top"] < figures[0]["bottom"]
    page.close()


@pytest.mark.parametrize("mode", ["dark", "print"])
def test_a_steps_own_region_to_keep_off_is_painted_hatched(browser, server, mode):
    # self-neck-massage step 5 works the sides of the neck and keeps off the front
    # of the neck: no region rule hatches it, only the step's own `avoid` does
    guide = yaml.safe_load((DATA / "guides" / "self-neck-massage.yml").read_text())
    assert guide["steps"][4]["avoid"] == ["neck-front"]
    page = open_page(browser, server, "guides/self-neck-massage/", color_scheme="dark")
    if mode == "print":
        page.emulate_media(media="print")
    style = page.evaluate("""() => {
        const svg = document.querySelector('#diagram-step-5 svg');
        const use = svg.querySelector('use.is-avoid[data-region="neck-front"]');
        const label = svg.querySelector('g.atlas-fig__label[data-region="neck-front"] text');
        return {fill: getComputedStyle(use).fill, label: label.textContent,
                labelFill: getComputedStyle(label).fill, shown: label.getBoundingClientRect().width > 0};
    }""")
    assert 'url("#atlas-avoid-hatch")' in style["fill"]
    assert style["label"] == "Avoid" and style["shown"]
    # the warning colour of each scheme: light red on the dark page, dark red on paper
    assert style["labelFill"] == ("rgb(255, 138, 128)" if mode == "dark" else "rgb(179, 38, 30)")
    page.close()
