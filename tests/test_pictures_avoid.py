"""Step diagrams draw what the step says and keep off what it keeps off, for
every hands-on step of every guide: no arrow, arrowhead, circle or dot drawn
for its movement touches a region the diagram hatches, and each movement is
drawn as what it means (circles as arcs, back-and-forth with two heads).
Checked on the rendered SVG (the partials' real output, not the geometry
module's own numbers): the path data is flattened here, by a small SVG path
reader of its own, and compared with the hatched regions' path data from
figure-defs.html."""
from __future__ import annotations

import math
import re

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT
from macros.atlas import figures as F
from macros.atlas.catalog import load_atlas
from macros.atlas.guides import HANDS_ON_AUDIENCES, step_figure, steps_of
from macros.atlas.rendering import Renderer

ATLAS = load_atlas(PROJECT / "data", PROJECT)
renderer = Renderer(PROJECT / "overrides" / "partials" / "atlas")

Pt = tuple[float, float]


# --- a small SVG path reader: path data to polylines ---------------------------------

TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "A": 7, "Z": 0}


def _arc(p0: Pt, rx, ry, phi, large, sweep, p1: Pt, steps=48) -> list[Pt]:
    """Points on an SVG elliptical arc (endpoint form, SVG 1.1 appendix F.6.5)."""
    if rx == 0 or ry == 0:
        return [p1]
    phi = math.radians(phi)
    cos, sin = math.cos(phi), math.sin(phi)
    dx, dy = (p0[0] - p1[0]) / 2, (p0[1] - p1[1]) / 2
    x1, y1 = cos * dx + sin * dy, -sin * dx + cos * dy
    rx, ry = abs(rx), abs(ry)
    scale = x1 ** 2 / rx ** 2 + y1 ** 2 / ry ** 2
    if scale > 1:
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    num = rx ** 2 * ry ** 2 - rx ** 2 * y1 ** 2 - ry ** 2 * x1 ** 2
    den = rx ** 2 * y1 ** 2 + ry ** 2 * x1 ** 2
    k = math.sqrt(max(0.0, num / den)) * (-1 if large == sweep else 1)
    cx1, cy1 = k * rx * y1 / ry, -k * ry * x1 / rx
    cx = cos * cx1 - sin * cy1 + (p0[0] + p1[0]) / 2
    cy = sin * cx1 + cos * cy1 + (p0[1] + p1[1]) / 2

    def angle(ux, uy, vx, vy):
        a = math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)
        return a

    t0 = angle(1, 0, (x1 - cx1) / rx, (y1 - cy1) / ry)
    dt = angle((x1 - cx1) / rx, (y1 - cy1) / ry, (-x1 - cx1) / rx, (-y1 - cy1) / ry)
    if not sweep and dt > 0:
        dt -= 2 * math.pi
    elif sweep and dt < 0:
        dt += 2 * math.pi
    out = []
    for i in range(1, steps + 1):
        t = t0 + dt * i / steps
        ex, ey = rx * math.cos(t), ry * math.sin(t)
        out.append((cos * ex - sin * ey + cx, sin * ex + cos * ey + cy))
    return out


def flatten(d: str, steps: int = 16) -> list[list[Pt]]:
    """Each subpath of SVG path data as a list of points (curves sampled)."""
    tokens = TOKEN.findall(d)
    paths: list[list[Pt]] = []
    here = start = (0.0, 0.0)
    command = None
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                if paths and paths[-1]:
                    paths[-1].append(start)
                here = start
                continue
        upper, relative = command.upper(), command.islower()
        n = ARGS[upper]
        values = [float(v) for v in tokens[i:i + n]]
        assert len(values) == n, f"{command} needs {n} numbers in {d!r}"
        i += n
        ox, oy = here if relative else (0.0, 0.0)
        if upper == "M":
            here = start = (values[0] + ox, values[1] + oy)
            paths.append([here])
            command = "l" if relative else "L"  # further pairs are line-tos
        elif upper == "L":
            here = (values[0] + ox, values[1] + oy)
            paths[-1].append(here)
        elif upper == "H":
            here = (values[0] + ox, here[1])
            paths[-1].append(here)
        elif upper == "V":
            here = (here[0], values[0] + oy)
            paths[-1].append(here)
        elif upper == "C":
            c1 = (values[0] + ox, values[1] + oy)
            c2 = (values[2] + ox, values[3] + oy)
            end = (values[4] + ox, values[5] + oy)
            p0 = here
            for s in range(1, steps + 1):
                t = s / steps
                a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3
                paths[-1].append((a * p0[0] + b * c1[0] + c * c2[0] + e * end[0],
                                  a * p0[1] + b * c1[1] + c * c2[1] + e * end[1]))
            here = end
        elif upper == "A":
            end = (values[5] + ox, values[6] + oy)
            paths[-1] += _arc(here, *values[:5], end)
            here = end
    return [p for p in paths if len(p) > 1]


def polygon(points: str) -> list[Pt]:
    numbers = [float(v) for v in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", points)]
    return list(zip(numbers[::2], numbers[1::2]))


# --- plane geometry ------------------------------------------------------------------

def _segment_distance(p: Pt, a: Pt, b: Pt) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if not length2 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _crosses(a: Pt, b: Pt, c: Pt, d: Pt) -> bool:
    def orient(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return (orient(a, b, c) * orient(a, b, d) < 0) and (orient(c, d, a) * orient(c, d, b) < 0)


def inside(p: Pt, poly: list[Pt]) -> bool:
    result = False
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]):
        if (y0 > p[1]) != (y1 > p[1]) and p[0] < x0 + (p[1] - y0) * (x1 - x0) / (y1 - y0):
            result = not result
    return result


def distance(line: list[Pt], poly: list[Pt]) -> float:
    """Distance from a polyline to a closed polygon's area: 0 if they touch or overlap."""
    edges = list(zip(poly, poly[1:] + poly[:1]))
    segments = list(zip(line, line[1:])) or [(line[0], line[0])]
    if any(inside(p, poly) for p in line) or any(inside(p, line) for p in poly[:1] if len(line) > 2 and line[0] == line[-1]):
        return 0.0
    best = math.inf
    for a, b in segments:
        for c, d in edges:
            if _crosses(a, b, c, d):
                return 0.0
            best = min(best, _segment_distance(a, c, d), _segment_distance(b, c, d),
                       _segment_distance(c, a, b), _segment_distance(d, a, b))
    return best


# --- the diagrams, as rendered --------------------------------------------------------

def hands_on_steps():
    for gid, guide in ATLAS.guides.items():
        if guide.audience not in HANDS_ON_AUDIENCES:
            continue
        for ref, step, _ in steps_of(guide):
            if step.direction is not None:
                yield pytest.param(gid, ref.anchor, step, id=f"{gid}#{ref.anchor}")


STEPS = list(hands_on_steps())


def rendered(step, anchor):
    diagram = step_figure(ATLAS, step, f"diagram-{anchor}")
    defs = renderer.render("figure-defs.html", drawings=F.page_drawings([diagram]))
    html = renderer.render("step-diagram.html", diagram=diagram, all_regions=ATLAS.regions, title="Step")
    return diagram, BeautifulSoup(defs + html, "html.parser")


def marks(svg, panel):
    """(what, polyline, clearance needed) for every mark of the movement: each
    shaft and circle keeps half its stroke width (the visible line, not its
    halo) plus a little off the region; heads and dots may not touch it."""
    unit, stroke = panel.unit, panel.arrow_width  # --atlas-arrow-width in the partial
    for g in svg.select("g.atlas-fig__arrow"):
        shaft = g.select_one("path:not(.atlas-fig__halo)")
        for line in flatten(shaft["d"]):
            yield "shaft", line, stroke / 2 + 0.3 * unit
        for head in g.select("polygon"):
            points = polygon(head["points"])
            yield "head", points + points[:1], 0.3 * unit
    for dot in svg.select("circle.atlas-fig__dot"):
        cx, cy, r = (float(dot[k]) for k in ("cx", "cy", "r"))
        circle = [(cx + r * math.cos(t / 24 * 2 * math.pi), cy + r * math.sin(t / 24 * 2 * math.pi))
                  for t in range(25)]
        yield "dot", circle, 0.3 * unit


@pytest.mark.parametrize("gid,anchor,step", STEPS)
def test_no_mark_of_the_movement_touches_a_region_to_keep_off(gid, anchor, step):
    diagram, soup = rendered(step, anchor)
    (panel,) = diagram.panels
    svg = soup.select_one(f"figure#diagram-{anchor} svg.atlas-fig")
    hatched = [u["data-region"] for u in svg.select("use.is-avoid")]
    assert set(hatched) == set(panel.avoid)
    shapes = {r: flatten(soup.find(id=f"atlas-{panel.drawing.id}-{r}")["d"]) for r in hatched}
    found = list(marks(svg, panel))
    assert found, "the movement is drawn"
    touching = []
    for region, parts in shapes.items():
        for part in parts:
            for what, line, clearance in found:
                gap = distance(line, part)
                if gap < clearance:
                    touching.append((what, region, round(gap, 2), line[0]))
    assert not touching, f"{gid} #{anchor} draws over what it keeps off: {touching[:6]}"


def test_the_reader_finds_a_mark_through_a_region():
    """The check itself: an arrow drawn straight through the kidney area is caught."""
    kidney = flatten(ATLAS.drawings["back"].regions["kidney-area"].path)
    through = [(85.5, 200.0), (85.5, 150.0)]
    beside = [(70.0, 200.0), (70.0, 150.0)]
    assert min(distance(through, p) for p in kidney) == 0
    assert min(distance(beside, p) for p in kidney) > 5
    arc = flatten("M10 0A10 10 0 1 0 0 10")  # three quarters of a circle round (0, 0), anticlockwise
    assert all(math.hypot(*p) == pytest.approx(10, abs=1e-6) for p in arc[0])
    assert min(p[1] for p in arc[0]) == pytest.approx(-10, abs=0.1)  # it goes round over the top


@pytest.mark.parametrize("gid,anchor,step", STEPS)
def test_each_movement_is_drawn_as_what_it_means(gid, anchor, step):
    diagram, soup = rendered(step, anchor)
    svg = soup.select_one(f"figure#diagram-{anchor} svg.atlas-fig")
    movement, ends = step.direction.movement, (step.direction.from_, step.direction.to)
    groups = svg.select("g.atlas-fig__arrow")
    solid = [g for g in groups if "is-dashed" not in g["class"]]
    shafts = [g.select_one("path:not(.atlas-fig__halo)")["d"] for g in solid]
    heads = [len(g.select("polygon")) for g in solid]
    if movement == "still":
        assert not groups and svg.select("circle.atlas-fig__dot")
        return
    assert solid and not svg.select("circle.atlas-fig__dot")
    if movement == "circles":
        # circular arrows: each an elliptical arc of most of a circle, and no straight line
        for d in shafts:
            assert re.fullmatch(r"M[-\d. ]+A([\d.]+) \1 0 1 [01] [-\d. ]+", d), d
        assert heads == [1] * len(solid)
    else:
        assert not any("A" in d for d in shafts)
        back_and_forth = movement == "up-and-down" or (movement == "across" and not any(ends))
        assert heads == [2 if back_and_forth else 1] * len(solid), (movement, heads)


def test_steps_that_say_circles_draw_circles():
    """A step whose direction is circles in words is `circles` in data, and the other way round."""
    for gid, anchor, step in (p.values for p in STEPS):
        says = "circle" in step.direction.words
        assert says == (step.direction.movement == "circles"), (gid, anchor, step.direction.words)
