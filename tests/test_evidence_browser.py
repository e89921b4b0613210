"""What only a browser shows about the evidence pages, in Debian's Chromium
(one shared browser): badges that are visible and readable on a 360 px phone
in both colour schemes, and a matrix that fits a phone without sideways scrolling."""
from __future__ import annotations

import pytest

# Contrast of a badge's text against what is behind it (WCAG 2 relative luminance).
CONTRAST_JS = """
el => {
  const rgba = s => s.match(/[\\d.]+/g).map(Number);
  const background = node => {
    for (; node; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255, 1];
  };
  const luminance = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  // A translucent badge background is blended over the page behind it.
  const bg = background(el), page = background(el.parentElement.closest('article') || document.body);
  const a = bg.length === 4 ? bg[3] : 1;
  const blended = [0, 1, 2].map(i => bg[i] * a + page[i] * (1 - a));
  const fg = luminance(rgba(getComputedStyle(el).color));
  const back = luminance(blended);
  return (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_claim_badges_are_visible_and_readable_on_a_phone(server, browser, scheme):
    page = browser.new_page(viewport={"width": 360, "height": 800}, color_scheme=scheme)
    page.goto(f"{server}/techniques/kneading/#claim-lactic-acid-flushing", wait_until="networkidle")
    card = page.locator("#claim-lactic-acid-flushing").locator("xpath=..")
    for selector, text in ((".atlas-badge", "Traditional"), (".atlas-grade", "Research: contradicted")):
        badge = card.locator(selector).first
        assert badge.is_visible()
        assert badge.inner_text().strip() == text
        box = badge.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
        icon = badge.locator("svg").bounding_box()
        assert icon["width"] >= 12 and icon["height"] >= 12, icon
        assert badge.evaluate(CONTRAST_JS) >= 4.5, (scheme, selector)
    # The page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()


def test_matrix_fits_a_phone_as_one_card_per_benefit(server, browser):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(f"{server}/evidence/matrix/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    row = page.locator("tr#benefit-pain-low-back")
    # On a phone each cell names its column, and cells without a claim are hidden.
    where = row.locator(".atlas-matrix__where")
    assert where.first.is_visible() and where.first.inner_text() == "Massage in general:"
    assert not row.locator("td.atlas-matrix__empty").first.is_visible()
    link = row.locator('a[href$="#claim-low-back-pain"]')
    assert link.is_visible() and "Evidence-backed" in link.inner_text() and "Low certainty" in link.inner_text()
    page.close()


def test_matrix_is_a_table_on_a_desktop(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/evidence/matrix/", wait_until="networkidle")
    headers = page.locator("table.atlas-matrix thead th")
    assert headers.nth(1).is_visible() and headers.nth(1).inner_text() == "Massage in general"
    assert not page.locator(".atlas-matrix__where").first.is_visible()
    page.close()


def test_matrix_scrolls_in_its_box_with_benefits_and_headings_in_view(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/evidence/matrix/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    wrap = page.locator(".atlas-matrix-wrap")
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth"), "the matrix should need to scroll at this width"
    left = wrap.bounding_box()["x"]
    wrap.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    # After scrolling to the last column, the row's benefit, the "Benefit"
    # heading and the group name still stand at the box's left edge.
    for selector in ("tr#benefit-pain-low-back th", "thead th >> nth=0", "tr.atlas-matrix__group th span >> nth=0"):
        box = page.locator(f".atlas-matrix {selector}").bounding_box()
        assert left - 1 <= box["x"] <= left + 20, (selector, box, left)
    # The caption is as wide as the table: its words must fit the part in view.
    wrap.evaluate("e => { e.scrollLeft = 0; }")
    words = page.locator(".atlas-matrix caption").evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect().right; }")
    assert words <= left + wrap.evaluate("e => e.clientWidth"), words
    page.close()
