"""Where features meet, in the real strict build (the session's `built_site`):
guides on the facet pages, and every guide step's diagram against the data.
Expected values are computed from the YAML files, not from the Atlas: the
regions' boxes from the figures' points, the regions to keep off from
data/regions.yml, the facet values from the guides' steps."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT, visible_text

DATA = PROJECT / "data"
GUIDES = {p.stem: yaml.safe_load(p.read_text()) for p in sorted((DATA / "guides").glob("*.yml"))}
TECHNIQUES = {p.stem: yaml.safe_load(p.read_text()) for p in (DATA / "techniques").glob("*.yml")}
REGIONS = yaml.safe_load((DATA / "regions.yml").read_text())
REGION_NAMES = {r["id"]: r["name"] for r in REGIONS}
FIGURES = {p.stem: yaml.safe_load(p.read_text()) for p in (DATA / "figures").glob("*.yml")}
PRESSURES = ("light", "moderate", "firm", "deep")
FAMILIES = ("gliding", "kneading", "friction", "percussion", "vibration", "compression", "stretching", "suction")


@functools.lru_cache(maxsize=8)
def page(site: Path, path: str) -> BeautifulSoup:
    """A built page, parsed once (a guide's steps are checked one test each); read only."""
    return BeautifulSoup((site / path / "index.html").read_text(), "html.parser")


def all_steps(guide: dict):
    """(anchor, step) for the main steps and every variant's steps."""
    for n, step in enumerate(guide["steps"], start=1):
        yield f"step-{n}", step
    for variant in guide.get("variants", []):
        for n, step in enumerate(variant["steps"], start=1):
            yield f"variant-{variant['id']}-step-{n}", step


def hands_on_steps():
    return [(gid, anchor, step) for gid, guide in GUIDES.items()
            for anchor, step in all_steps(guide) if step.get("technique")]


# --- guides on facet pages ------------------------------------------------------------

def expected_guides() -> dict[tuple[str, str], set[str]]:
    """(facet, value) -> guides with at least one step that works the region (not
    one it keeps off), uses the pressure, or uses a technique of the family."""
    found: dict[tuple[str, str], set[str]] = {}
    for gid, guide in GUIDES.items():
        for _, step in all_steps(guide):
            if not step.get("technique"):
                continue
            keys = [("region", r) for r in step["regions"]] + [("pressure", step["pressure"]),
                                                               ("family", TECHNIQUES[step["technique"]]["family"])]
            for key in keys:
                found.setdefault(key, set()).add(gid)
    return found


def listed_guides(site: Path, facet: str, value: str) -> set[str] | None:
    """Ids of the guides a facet page lists under its Guides heading; None without one."""
    article = page(site, f"browse/{facet}/{value}").select_one("article")
    heading = article.select_one("h2#guides")
    if heading is None:
        return None
    links = heading.find_next("ul").select("a[href]")
    return {a["href"].removeprefix("../../../guides/").strip("/") for a in links}


def test_facet_pages_list_exactly_the_guides_whose_steps_carry_the_value(built_site):
    expected = expected_guides()
    assert expected[("region", "neck-back")] and expected[("pressure", "light")]
    values = [("region", r) for r in REGION_NAMES] + [("pressure", p) for p in PRESSURES] + \
             [("family", f) for f in FAMILIES]
    for facet, value in values:
        assert listed_guides(built_site, facet, value) == expected.get((facet, value)), (facet, value)


def test_a_guide_on_a_facet_page_links_its_page_and_says_how_many_steps(built_site):
    article = page(built_site, "browse/region/lower-back").select_one("article")
    assert "and the guides with steps that work there" in visible_text(article.select_one(".atlas-lead"))
    items = article.select_one("h2#guides").find_next("ul").select("li")
    guide = GUIDES["basic-back-massage"]
    (item,) = [li for li in items if li.select_one('a[href="../../../guides/basic-back-massage/"]')]
    steps = list(all_steps(guide))
    working = sum(1 for _, s in steps if "lower-back" in s.get("regions", []))
    assert guide["summary"] in visible_text(item)
    assert f"Massage a partner: {working} of its {len(steps)} steps" in visible_text(item)
    # techniques first, then guides; the browse index counts both
    assert article.select_one("h2#techniques").find_all_next("h2")[0]["id"] == "guides"
    index = visible_text(page(built_site, "browse").select_one("article"))
    n = len(expected_guides()[("region", "lower-back")])
    assert re.search(rf"Lower back: \d+ techniques, {n} guides", index)


# --- every guide step's diagram ------------------------------------------------------------

def region_boxes(figure_id: str) -> dict[str, tuple[float, float, float, float]]:
    """Region -> (x0, y0, x1, y1) of its points on a drawing, mirrored shapes included."""
    figure = FIGURES[figure_id]
    axis = figure["axis"]
    boxes = {}
    for item in figure.get("regions", []):
        xs, ys = [], []
        for shape in item["shapes"]:
            for x, y, *_ in shape["points"]:
                xs.append(x)
                ys.append(y)
                if shape.get("mirror", "none") != "none":
                    xs.append(2 * axis - x)
        boxes[item["region"]] = (min(xs), min(ys), max(xs), max(ys))
    return boxes


def inside(point, box, slack=3.0) -> bool:
    x, y = point
    return box[0] - slack <= x <= box[2] + slack and box[1] - slack <= y <= box[3] + slack


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", text)]


def arrows(svg) -> list[dict]:
    out = []
    for g in svg.select("g.atlas-fig__arrow"):
        d = g.select_one("path:not(.atlas-fig__halo)")["d"]
        tips = [tuple(numbers(poly["points"])[:2]) for poly in g.select("polygon")]
        out.append({"start": tuple(numbers(d)[:2]), "tips": tips, "arc": "A" in d,
                    "dashed": "is-dashed" in g.get("class", [])})
    return out


def direction_words(step: dict) -> str:
    return " ".join(step["direction"]["words"].split())


def expected_keep_off(step: dict) -> list[str]:
    """The step's own `avoid`, plus each region whose `avoid` rule applies to what the step
    works (near it, at its pressure or for its technique's family), in data/regions.yml order."""
    worked = set(step["regions"])
    family = TECHNIQUES[step["technique"]]["family"]
    out = []
    for region in REGIONS:
        rule = region.get("avoid")
        by_rule = bool(rule) and bool(worked & {*rule["near"], region["id"]}) and (
            not rule.get("pressure") and not rule.get("families")
            or step["pressure"] in rule.get("pressure", []) or family in rule.get("families", []))
        if (by_rule or region["id"] in step.get("avoid", [])) and region["id"] not in worked:
            out.append(region["id"])
    return out


@pytest.mark.parametrize("gid,anchor,step", hands_on_steps(), ids=lambda v: v if isinstance(v, str) else "")
def test_step_diagram_draws_the_steps_regions_direction_and_what_to_keep_off(built_site, gid, anchor, step):
    item = page(built_site, f"guides/{gid}").select_one(f"h3#{anchor}").find_parent("li", class_="atlas-step")
    (svg,) = item.select(f"figure#diagram-{anchor} svg.atlas-fig")
    uses = svg.select("use[data-region]")
    drawing = uses[0]["xlink:href"].removeprefix("#atlas-").removesuffix("-" + uses[0]["data-region"])
    boxes, axis = region_boxes(drawing), FIGURES[drawing]["axis"]
    x, y, w, h = numbers(svg["viewbox"])  # html.parser lower-cases attribute names

    # highlighted: exactly the step's regions; hatched: what it keeps off, wherever the drawing has it
    assert {u["data-region"] for u in svg.select("use.is-worked")} == set(step["regions"])
    keep_off = expected_keep_off(step)
    hatched = {u["data-region"] for u in svg.select("use.is-avoid")}
    assert hatched == set(keep_off) & set(boxes)
    labelled = {g["data-region"] for g in svg.select("g.atlas-fig__label")}
    assert labelled <= hatched and all(g.select_one("text").get_text() == "Avoid"
                                       for g in svg.select("g.atlas-fig__label"))
    # named for screen readers: a title naming the step, a description naming what is drawn
    assert svg["role"] == "img" and svg.find("title")["id"] == svg["aria-labelledby"]
    assert visible_text(svg.find("title")).startswith(f"Step {anchor.rsplit('-', 1)[1]}, {step['title']}: ")
    desc = svg.find("desc")
    assert desc["id"] == svg["aria-describedby"]
    for region in step["regions"] + sorted(labelled):
        assert REGION_NAMES[region].lower() in desc.get_text()
    assert direction_words(step) in visible_text(desc)
    # ... and the step's text list names every region to keep off
    facts = {visible_text(dt): visible_text(dt.find_next_sibling("dd")) for dt in item.select("dl dt")}
    if keep_off:
        assert facts["Keep off"].lower() == ", ".join(REGION_NAMES[r].lower() for r in keep_off)
        assert labelled  # at least one of them is drawn and labelled
    else:
        assert "Keep off" not in facts

    # the marks run the way the direction says, from `from` to `to`
    direction = step["direction"]
    movement, start, end = direction["movement"], direction.get("from"), direction.get("to")
    marks = arrows(svg)
    solid = [a for a in marks if not a["dashed"]]
    for a in marks:
        for point in (a["start"], *a["tips"]):
            assert x <= point[0] <= x + w and y <= point[1] <= y + h
    if movement == "still":
        assert not marks and svg.select("circle.atlas-fig__dot")
        for dot in svg.select("circle.atlas-fig__dot"):
            centre = (float(dot["cx"]), float(dot["cy"]))
            assert any(inside(centre, boxes[r]) for r in step["regions"])
        return
    assert solid
    if movement in ("up", "down"):
        for a in solid:
            (tip,) = a["tips"]
            assert (tip[1] < a["start"][1]) == (movement == "up")
            if start and end:
                assert inside(a["start"], boxes[start]) and inside(tip, boxes[end])
    elif movement == "up-and-down":
        for a in solid:
            first, second = a["tips"]
            assert abs(first[1] - second[1]) > abs(first[0] - second[0])
            if start and end:
                assert {inside(first, boxes[start]) or inside(second, boxes[start]),
                        inside(first, boxes[end]) or inside(second, boxes[end])} == {True}
    elif movement in ("inward", "outward"):
        for a in solid:
            (tip,) = a["tips"]
            nearer = abs(tip[0] - axis) < abs(a["start"][0] - axis)
            assert nearer == (movement == "inward")
            if start and end:
                assert inside((a["start"][0], boxes[start][1]), boxes[start])
                assert inside((tip[0], boxes[end][1]), boxes[end])
    elif movement == "across":  # side to side, a head at each end; one head, towards `to`, when it is given
        for a in solid:
            assert len(a["tips"]) == (1 if start or end else 2)
            first, last = (a["start"], a["tips"][0]) if start or end else a["tips"]
            assert abs(last[0] - first[0]) > abs(last[1] - first[1])
            assert (last[0] - axis) * (first[0] - axis) < 0
    elif movement == "circles":
        assert all(a["arc"] for a in solid)
        for a in (m for m in marks if m["dashed"]):  # where the circles travel, from `from` to `to`
            (tip,) = a["tips"]
            assert inside((boxes[start][0], a["start"][1]), boxes[start])
            assert inside((boxes[end][0], tip[1]), boxes[end])
        assert bool([m for m in marks if m["dashed"]]) == bool(start and end and start != end)
    else:
        pytest.fail(f"unknown movement {movement}")
