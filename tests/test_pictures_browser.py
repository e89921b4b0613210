"""Body maps in real Chromium: exposed to assistive technology with their
names, drawn (the hatch really fills), themed by the colour scheme, fitting a
phone, the highlight at least 3:1 against what is around it in both schemes,
labels not cut off, step diagrams centred on a phone, and clean under axe-core
(pinned in package-lock.json, installed by `make test`; no network at test time)."""
from __future__ import annotations

import re

import pytest

from conftest import PROJECT

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


def accessible_images(page) -> dict[str, str]:
    """Name -> description of every image in Chromium's own accessibility tree."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    return {n["name"]["value"]: n.get("description", {}).get("value", "")
            for n in nodes if n.get("role", {}).get("value") == "image" and n.get("name", {}).get("value")}


@pytest.mark.parametrize("width", [1280, 360])
def test_figures_are_exposed_with_their_names_and_fit_the_screen(server, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/techniques/effleurage/", wait_until="networkidle")
    images = accessible_images(page)
    assert images["Where effleurage is used: back view"].startswith("Back view. Highlighted: back of the neck")
    assert "Hatched and labelled “Avoid”: front of the neck." in images["Where effleurage is used: front view"]
    for name in ("Where effleurage is used: back view", "Where effleurage is used: front view"):
        figure = page.get_by_role("img", name=name)
        box = figure.bounding_box()
        # side by side, within the screen, and not shrunk to a thumbnail
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert box["width"] >= (120 if width == 360 else 200), box
        # drawn to its view box's proportions, not squashed by the layout
        _, _, w, h = (float(v) for v in figure.get_attribute("viewBox").split())
        assert box["height"] / box["width"] == pytest.approx(h / w, rel=0.02)
    page.close()


def test_hatch_and_highlight_are_painted_and_follow_the_colour_scheme(server, browser):
    colours = {}
    for scheme in ("light", "dark"):
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page.goto(f"{server}/techniques/kneading/", wait_until="networkidle")
        style = page.evaluate("""() => {
            const fill = s => getComputedStyle(document.querySelector(s)).fill;
            const pattern = document.getElementById('atlas-avoid-hatch').getBoundingClientRect();
            return {
              avoid: fill('#body-map use.is-avoid'),
              worked: fill('#body-map use.is-worked'),
              body: fill('#body-map .atlas-fig__body'),
              line: getComputedStyle(document.querySelector('.atlas-hatch__line')).stroke,
              label: getComputedStyle(document.querySelector('.atlas-fig__label text')).fill,
            };
        }""")
        assert 'url("#atlas-avoid-hatch")' in style["avoid"]
        assert style["worked"].startswith("rgb")
        colours[scheme] = style
        # what is on top where the spine is drawn, and where the upper back is: those regions
        # (fractions of each region's bounding box: the left kidney, the left half of the middle back)
        hits = page.evaluate("""() => [['spine', .5, .25], ['mid-back', .25, .3], ['kidney-area', .25, .5],
                                       ['mid-back', .5, .5]].map(([region, fx, fy]) => {
            const box = document.querySelector(`#body-map use[data-region="${region}"]`).getBoundingClientRect();
            const hit = document.elementFromPoint(box.x + box.width * fx, box.y + box.height * fy);
            return hit.closest('use') && hit.closest('use').dataset.region;
        })""")
        assert hits == ["spine", "mid-back", "kidney-area", "spine"]  # the spine runs down the middle of the back
        page.close()
    assert colours["light"]["body"] != colours["dark"]["body"]
    assert colours["light"]["line"] != colours["dark"]["line"]
    assert colours["light"]["label"] == colours["light"]["line"]  # label and hatch share the warning colour


@pytest.mark.parametrize("path", ["techniques/kneading/", "techniques/effleurage/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_body_map(server, browser, path, scheme):
    assert AXE.exists(), "axe-core is installed by `make test` (npm ci)"
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(f"{server}/{path}", wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run({include: [['#body-map']]}, {resultTypes: ['violations']})""")
    assert result["passes"] or result["incomplete"] or result["inapplicable"]  # axe really ran
    checked = {rule["id"] for rule in result["passes"]}
    assert {"svg-img-alt", "role-img-alt"} & checked, checked
    assert result["violations"] == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    page.close()


def _rgba(css: str) -> tuple[float, float, float, float]:
    numbers = [float(v) for v in re.findall(r"[\d.]+", css)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def _over(top: tuple, alpha: float, under: tuple) -> tuple[float, float, float]:
    """``top`` painted at ``alpha`` (its own alpha times the opacity) over an opaque ``under``."""
    a = top[3] * alpha
    return tuple(a * t + (1 - a) * u for t, u in zip(top[:3], under[:3]))


def contrast(a, b) -> float:
    """WCAG 2 contrast ratio of two opaque sRGB colours (0-255)."""
    def luminance(c):
        lin = [(v / 255 / 12.92) if v / 255 <= 0.04045 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_arithmetic():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert _over((0, 0, 0, 0.5), 1, (255, 255, 255)) == (127.5, 127.5, 127.5)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path,selector", [("techniques/kneading/", "#body-map"),
                                           ("guides/back-massage-for-fatigue/", "#diagram-step-4")])
def test_where_it_is_used_stands_out_at_least_3_to_1(server, browser, scheme, path, selector):
    """WCAG 1.4.11: the highlight against the body around it and against the page, in
    both schemes, from the colours the browser computes for them; the key's swatch too.
    And not by colour alone: a rim of its own, of another lightness than the fill."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(f"{server}/{path}", wait_until="networkidle")
    style = page.evaluate("""(selector) => {
        const root = document.querySelector(selector);
        const probe = document.createElement('div');
        probe.style.background = 'var(--md-default-bg-color)';
        root.appendChild(probe);
        const page = getComputedStyle(probe).backgroundColor;
        probe.remove();
        const paint = el => { const s = getComputedStyle(el);
            return {fill: s.fill, opacity: s.fillOpacity, stroke: s.stroke, width: s.strokeWidth,
                    strokeOpacity: s.strokeOpacity}; };
        const swatch = document.querySelector('#body-map .atlas-map__swatch-worked');
        return {page, body: paint(root.querySelector('.atlas-fig__body')),
                worked: paint(root.querySelector('use.is-worked')),
                swatch: swatch && paint(swatch)};
    }""", selector)
    page.close()
    backdrop = _rgba(style["page"])
    assert backdrop[3] == 1
    body = _over(_rgba(style["body"]["fill"]), float(style["body"]["opacity"]), backdrop)
    worked = _over(_rgba(style["worked"]["fill"]), float(style["worked"]["opacity"]), body)
    ratios = {"highlight/body": contrast(worked, body), "highlight/page": contrast(worked, backdrop[:3])}
    if style["swatch"]:
        swatch = _over(_rgba(style["swatch"]["fill"]), float(style["swatch"]["opacity"]), backdrop)
        ratios["swatch/page"] = contrast(swatch, backdrop[:3])
    assert min(ratios.values()) >= 3, ratios
    rim = _over(_rgba(style["worked"]["stroke"]), float(style["worked"]["strokeOpacity"]), worked)
    assert float(style["worked"]["width"].removesuffix("px")) >= 1 and contrast(rim, worked) >= 2, (rim, worked)


@pytest.mark.parametrize("width", [1280, 360])
def test_avoid_labels_name_the_region_and_are_not_cut_off(server, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/guides/back-massage-for-fatigue/", wait_until="networkidle")
    labels = page.evaluate("""() => [...document.querySelectorAll('svg.atlas-fig')].flatMap(svg => {
        const vb = svg.viewBox.baseVal;
        return [...svg.querySelectorAll('.atlas-fig__label text')].map(t => {
            const b = t.getBBox();
            return {svg: svg.closest('figure').id, text: t.textContent, right: b.x + b.width,
                    bottom: b.y + b.height, width: vb.x + vb.width, height: vb.y + vb.height};
        });
    })""")
    page.close()
    names = {t["text"] for t in labels}
    assert {"Avoid", "the spineitself", "kidneyarea"} <= names  # tspans: "the spine" / "itself"
    for t in labels:  # inside the figure's view box: nothing clipped
        assert t["right"] <= t["width"] and t["bottom"] <= t["height"], t


def test_a_step_diagram_is_centred_in_its_step_on_a_phone(server, browser):
    page = browser.new_page(viewport={"width": 360, "height": 900})
    page.goto(f"{server}/guides/back-massage-for-fatigue/", wait_until="networkidle")
    boxes = page.evaluate("""() => {
        const figure = document.querySelector('#diagram-step-1');
        const step = figure.closest('li.atlas-step'), s = getComputedStyle(step);
        const f = figure.getBoundingClientRect(), b = step.getBoundingClientRect();
        return {figure: [f.left, f.right], content: [b.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft),
                                                      b.right - parseFloat(s.borderRightWidth) - parseFloat(s.paddingRight)]};
    }""")
    page.close()
    (f0, f1), (c0, c1) = boxes["figure"], boxes["content"]
    assert f1 - f0 < c1 - c0 - 20  # narrower than the step, so its place shows
    assert (f0 + f1) / 2 == pytest.approx((c0 + c1) / 2, abs=2), boxes
