"""Step diagrams for guide steps, from plain data shaped like a guide step's
`regions` and `direction`: which figure, what is highlighted, and where the
arrows run for each movement."""
from __future__ import annotations

import math
import re
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT
from macros.atlas import figures as F
from macros.atlas.catalog import load_atlas
from macros.atlas.rendering import Renderer

ATLAS = load_atlas(PROJECT / "data", PROJECT)
renderer = Renderer(PROJECT / "overrides" / "partials" / "atlas")


def diagram(regions, movement, words="a test movement", **ends):
    direction = {"words": words, "movement": movement, **ends}
    return F.step_diagram(ATLAS, regions, direction, "step-1")


def box(region, side="left", view="back"):
    drawing = ATLAS.drawings[ATLAS.views[view].drawing]
    parts = drawing.regions[region].parts
    part = [p for p in parts if p.side == side] or parts
    return part[0].box


def inside(point, b, margin=0.0):
    return b[0] - margin <= point[0] <= b[2] + margin and b[1] - margin <= point[1] <= b[3] + margin


def test_up_from_the_waist_to_the_neck_runs_beside_the_spine_on_both_sides():
    d = diagram(["lower-back", "mid-back", "upper-back", "neck-back"], "up",
                "from the waist up to the neck, beside the spine, never on it",
                **{"from": "lower-back", "to": "neck-back"})
    (panel,) = d.panels
    assert panel.view.id == "back"
    assert set(panel.worked) == {"lower-back", "mid-back", "upper-back", "neck-back"}
    assert panel.avoid == ("spine",)  # back work: the spine is marked, kidneys only under pressure
    spine = box("spine", "centre")
    left, right = panel.arrows
    for arrow in (left, right):
        assert arrow.start[1] > arrow.end[1]  # up = towards the head = smaller y
        assert inside(arrow.start, box("lower-back", "centre"))
        assert inside(arrow.end, box("neck-back", "centre"))
        for x, _ in (arrow.start, arrow.end):
            assert not spine[0] <= x <= spine[2], "the arrow runs on the spine"
        assert len(arrow.heads) == 1
    assert left.start[0] < panel.drawing.axis < right.start[0]
    assert left.start[0] + right.start[0] == pytest.approx(2 * panel.drawing.axis)


def test_down_reverses_and_a_contradicting_from_to_is_an_error():
    d = diagram(["neck-back", "upper-back"], "down", **{"from": "neck-back", "to": "upper-back"})
    assert all(a.start[1] < a.end[1] for a in d.panels[0].arrows)
    with pytest.raises(F.DiagramError, match="goes the other way"):
        diagram(["neck-back", "lower-back"], "up", **{"from": "neck-back", "to": "lower-back"})


def test_without_from_and_to_the_arrow_runs_along_the_highlighted_regions():
    d = diagram(["thighs", "calves"], "up")
    arrows = d.panels[0].arrows
    assert len(arrows) == 2  # one per leg
    for arrow in arrows:
        side = "left" if arrow.start[0] < 100 else "right"
        assert inside(arrow.start, box("calves", side)) and inside(arrow.end, box("thighs", side))


def test_a_single_region_gets_an_arrow_across_its_own_length():
    (arrow,) = [a for a in diagram(["abdomen"], "up").panels[0].arrows]
    b = box("abdomen", "centre", view="front")
    assert arrow.start[1] > arrow.end[1] and inside(arrow.start, b) and inside(arrow.end, b)
    assert arrow.start[0] == pytest.approx(100, abs=1)  # nothing to avoid on the midline: one arrow


def test_outward_and_inward_move_away_from_and_towards_the_midline():
    axis = 100
    out = diagram(["upper-back", "mid-back", "lower-back"], "outward").panels[0].arrows
    assert len(out) == 6  # both sides of each of three regions
    assert all(abs(a.end[0] - axis) > abs(a.start[0] - axis) for a in out)
    assert all(a.start[1] == pytest.approx(a.end[1]) for a in out)  # horizontal
    inward = diagram(["flanks", "lower-back"], "inward", **{"from": "flanks", "to": "lower-back"}).panels[0].arrows
    assert len(inward) == 2 and all(abs(a.end[0] - axis) < abs(a.start[0] - axis) for a in inward)
    with pytest.raises(F.DiagramError):
        diagram(["flanks", "lower-back"], "outward", **{"from": "flanks", "to": "lower-back"})


def test_across_goes_from_one_side_to_the_other_and_back():
    (arrow,) = diagram(["upper-back"], "across").panels[0].arrows
    b = box("upper-back", "centre")
    assert arrow.start[0] < 100 < arrow.end[0] and inside(arrow.start, b) and inside(arrow.end, b)
    # side to side: a head at each end, pointing outwards (tips at the arrow's two ends)
    assert len(arrow.heads) == 2
    tips = sorted(tuple(float(v) for v in head.split()[0].split(",")) for head in arrow.heads)
    assert tips[0] == pytest.approx(arrow.start, abs=0.1) and tips[1] == pytest.approx(arrow.end, abs=0.1)
    # from `from` towards `to` it goes one way only
    (one_way,) = diagram(["upper-back", "flanks"], "across", **{"from": "flanks"}).panels[0].arrows
    assert len(one_way.heads) == 1


def test_side_to_side_over_the_spine_breaks_off_around_it_on_each_worked_region():
    """Step 1 of the fatigue guide: the hands rest on the lower back and between
    the shoulder blades and rock the body; the spine is kept off."""
    d = diagram(["lower-back", "upper-back"], "across", "side to side across the body")
    arrows = d.panels[0].arrows
    assert len(arrows) == 2  # one where each hand rests
    spine = box("spine", "centre")
    for arrow, region in zip(arrows, ["lower-back", "upper-back"]):
        assert len(arrow.heads) == 2 and arrow.gaps == 1
        assert inside(arrow.start, box(region, "centre")) and inside(arrow.end, box(region, "centre"))
        # the shaft is two pieces, one each side of the spine, neither over it
        pieces = re.findall(r"M(-?[\d.]+) (-?[\d.]+)l(-?[\d.]+) (-?[\d.]+)", arrow.path)
        assert len(pieces) == 2
        for x, _, dx, _ in pieces:
            x0, x1 = sorted((float(x), float(x) + float(dx)))
            assert x1 < spine[0] or x0 > spine[2]
    assert d.key == ("Two-headed arrows: the hands move back and forth. "
                     "Hatched: keep off; the arrows break off around it.")


def test_up_and_down_has_a_head_at_each_end():
    arrows = diagram(["arms"], "up-and-down").panels[0].arrows
    assert len(arrows) == 2 and all(len(a.heads) == 2 for a in arrows)


def test_an_arrow_through_a_region_to_keep_off_stops_before_it_and_resumes_after():
    # the fatigue guide's step 4: up beside the spine from the waist, the kidney area kept off
    d = F.step_diagram(ATLAS, ["lower-back", "mid-back", "upper-back"],
                       {"words": "up beside the spine", "movement": "up", "from": "lower-back", "to": "upper-back"},
                       "s", keep_off=["spine", "kidney-area"])
    for arrow in d.panels[0].arrows:
        side = "left" if arrow.start[0] < 100 else "right"
        kidney = box("kidney-area", side)
        assert arrow.gaps == 1 and len(arrow.heads) == 1
        assert arrow.start[1] > kidney[3] and arrow.end[1] < kidney[1]  # from below it to above it
        pieces = [re.findall(r"-?[\d.]+", m) for m in re.findall(r"M[^M]+", arrow.path)]
        assert len(pieces) == 2
        (x, y0, _, dy0), (_, y1, _, dy1) = ([float(v) for v in p] for p in pieces)
        assert kidney[0] < x < kidney[2]  # beside the spine, in line with the kidney...
        assert min(y0, y0 + dy0) > kidney[3] and max(y1, y1 + dy1) < kidney[1]  # ...but never over it


def test_wide_circles_travelling_up_the_back_keep_off_the_kidneys():
    # the fatigue guide's step 3: circles, from the waist to the shoulders
    d = F.step_diagram(ATLAS, ["lower-back", "mid-back", "upper-back", "shoulders"],
                       {"words": "wide circles", "movement": "circles", "from": "lower-back", "to": "shoulders"},
                       "s", keep_off=["spine", "kidney-area"])
    circles = [a for a in d.panels[0].arrows if not a.dashed]
    assert len(circles) == 8  # one on each region, each side
    for arrow in circles:  # each drawn as an arc: a curve, not a straight line
        assert re.fullmatch(r"M[-\d. ]+A[\d.]+ [\d.]+ 0 1 [01] [-\d. ]+", arrow.path)
        assert "l" not in arrow.path
    for side in ("left", "right"):
        k = box("kidney-area", side)
        for arrow in circles:
            (cx, cy), r = arc_centre(arrow.path)
            assert math.dist((cx, cy), arrow.end) == pytest.approx(r, abs=0.2)  # the head is on that circle
            # nearest point of the kidney's box to the circle's centre is further than the radius
            nx, ny = min(max(cx, k[0]), k[2]), min(max(cy, k[1]), k[3])
            assert math.hypot(cx - nx, cy - ny) > r
    assert d.key.startswith("Circling arrows: the hands move in circles, travelling the way the dashed arrow points.")


def arc_centre(path):
    """Centre and radius of a circling arrow's arc: its start, its radius, and
    (drawn as most of a circle from the top) a centre one radius below the chord's middle."""
    numbers = [float(v) for v in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", path)]
    (x0, y0), r, (x1, y1) = numbers[:2], numbers[2], numbers[-2:]
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    half = math.hypot(x1 - x0, y1 - y0) / 2
    depth = math.sqrt(max(0.0, r * r - half * half))
    # the centre lies on the chord's perpendicular, on the side away from the gap at the top
    nx, ny = -(y1 - y0) / (2 * half), (x1 - x0) / (2 * half)
    if ny < 0:
        nx, ny = -nx, -ny
    return (mx + nx * depth, my + ny * depth), r


def test_circles_are_circular_arrows_beside_the_spine_or_on_the_midline():
    back = diagram(["mid-back"], "circles").panels[0]
    assert len(back.arrows) == 2 and all(" 0 1 " in a.path and "A" in a.path for a in back.arrows)
    belly = diagram(["abdomen"], "circles").panels[0]
    assert len(belly.arrows) == 1
    travel = diagram(["lower-back", "mid-back", "upper-back"], "circles",
                     **{"from": "lower-back", "to": "upper-back"}).panels[0].arrows
    dashed = [a for a in travel if a.dashed]
    assert len(travel) == 3 * 2 + 2 and len(dashed) == 2
    assert all(a.start[1] > a.end[1] for a in dashed)  # the circles work upwards


def test_still_is_a_dot_on_each_region_and_no_arrow():
    panel = diagram(["shoulder-blades"], "still").panels[0]
    assert not panel.arrows and len(panel.dots) == 2
    assert panel.view.id == "neck-and-shoulders"  # the close-up shows it all
    for dot in panel.dots:
        side = "left" if dot.at[0] < 100 else "right"
        assert inside(dot.at, box("shoulder-blades", side))


def test_unknown_movement_or_region_is_an_error():
    with pytest.raises(F.DiagramError, match="unknown movement `sideways`"):
        diagram(["upper-back"], "sideways")
    with pytest.raises(F.DiagramError, match="`elbow`"):
        diagram(["upper-back"], "up", to="elbow")
    with pytest.raises(F.DiagramError, match="single figure"):
        diagram(["chest", "calves"], "up")


def test_a_model_with_from_underscore_works_like_plain_data():
    as_dict = diagram(["neck-back", "upper-back"], "down", **{"from": "neck-back", "to": "upper-back"})
    model = SimpleNamespace(words="a test movement", movement="down", from_="neck-back", to="upper-back")
    as_model = F.step_diagram(ATLAS, ["neck-back", "upper-back"], model, "step-1")
    assert as_model == as_dict


def test_the_partial_renders_an_accessible_figure_with_its_arrows():
    d = diagram(["lower-back", "mid-back", "upper-back"], "up", "from the waist up to the shoulders",
                **{"from": "lower-back", "to": "upper-back"})
    defs = renderer.render("figure-defs.html", drawings=F.page_drawings([d]))
    html = renderer.render("step-diagram.html", diagram=d, all_regions=ATLAS.regions, title="Step 2")
    soup = BeautifulSoup(defs + html, "html.parser")
    svg = soup.select_one('figure#step-1 svg[role="img"]')
    title = soup.find(id=svg["aria-labelledby"])
    desc = soup.find(id=svg["aria-describedby"])
    assert title.get_text() == "Step 2: back view"
    # in the region vocabulary's order, not the order the step lists them
    assert "Highlighted: upper back, middle back, lower back." in desc.get_text()
    assert "Movement: from the waist up to the shoulders." in desc.get_text()
    assert "Avoid" in desc.get_text() and "the spine itself" in desc.get_text()
    assert {u["data-region"] for u in svg.select("use.is-worked")} == {"lower-back", "mid-back", "upper-back"}
    assert {u["data-region"] for u in svg.select("use.is-avoid")} == {"spine"}
    assert len(svg.select(".atlas-fig__arrow")) == 2
    ids = {tag["id"] for tag in soup.select("[id]")}
    for use in svg.select("use"):
        assert use["xlink:href"].lstrip("#") in ids
    # the caption says how to read the marks; the step's Direction line says the way, so the
    # caption does not repeat it (the description above keeps it for screen readers)
    caption = soup.select_one("figcaption").get_text()
    assert caption == "Arrows: the way the hands move. Hatched: keep off."
    assert "waist" not in caption
    assert re.search(r'<polygon points="[\d., -]+"/>', html)


def test_a_scene_built_before_the_atlas_draws_the_same_diagram():
    """Rules check guide steps before the atlas is derived; they draw from a Scene."""
    scene = F.scene(ATLAS.figures, ATLAS.regions)
    direction = {"words": "down the neck", "movement": "down", "from": "neck-back", "to": "shoulders"}
    assert F.step_diagram(scene, ["neck-back"], direction, "s") == F.step_diagram(ATLAS, ["neck-back"], direction, "s")


def test_a_step_is_drawn_once_and_shown_under_each_id_it_is_asked_for():
    """The rules draw every step to check it (id "check"), its page draws it
    again: the second is the first under the page's id, not a new drawing."""
    from macros.atlas.guides import step_figure
    atlas = load_atlas(PROJECT / "data", PROJECT)
    guide = atlas.guides["back-massage-for-fatigue"]
    step = guide.steps[3]
    first = step_figure(atlas, step, "check")
    again = step_figure(atlas, step, "diagram-step-4")
    assert again.id == "diagram-step-4" and [p.id for p in again.panels] == ["diagram-step-4-back"]
    assert [p.arrows for p in again.panels] == [p.arrows for p in first.panels]
    assert again.panels[0].arrows[0] is first.panels[0].arrows[0]  # drawn once
    fresh = F.step_diagram(atlas, step.regions, step.direction, "diagram-step-4", [step.pressure],
                           atlas.techniques[step.technique].family, keep_off=step.avoid)
    assert fresh == again  # and the same as drawing it anew
