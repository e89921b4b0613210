"""Body maps and stroke-direction diagrams, computed from data/figures.

Pure geometry and choices, no markup: this module turns the points written in
``data/figures/<id>.yml`` into SVG path data (strings of numbers), decides
which figures a technique's map needs and which regions it must avoid, and
where a guide step's arrows run. The SVG itself is written by the Jinja
partials ``figure-defs.html``, ``figure.html``, ``body-map.html`` and
``step-diagram.html`` under ``overrides/partials/atlas/``.

Coordinates are the figures' own units, x to the right and y downwards, so
"up" (towards the head) is a smaller y. Sides are the reader's left and right
as the figure is drawn.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from .models import Figure, Region, Shape

Pt = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1

# Every movement a guide step's `direction` may name, with what its arrow shows.
MOVEMENTS: dict[str, str] = {
    "up": "an arrow towards the head",
    "down": "an arrow towards the feet",
    "up-and-down": "a double-headed arrow along the body",
    "outward": "arrows from the spine out towards the sides",
    "inward": "arrows from the sides in towards the spine",
    "across": "a two-headed arrow from side to side (one head, towards `to`, when `from` or `to` is given)",
    "circles": "small circular arrows",
    "still": "a dot where the hands rest",
}

# Font and arrow sizes are fractions of a view's width, so every figure drawn
# at the same width on the page shows them at the same size. Labels get
# larger type when a figure is drawn small (a phone): the label column and
# spacing are sized for that larger type.
LABEL_FONT = 0.065
LABEL_FONT_SMALL_SCREEN = 0.09
LABEL_GAP = 0.03  # between the drawing and its labels
LABEL_WRAP = 4.7  # a label's lines (the region's name) are at most this many em wide
LABEL_LINE = 1.15  # and this many em apart
ARROW_WIDTH = 0.012  # a shaft's width; its halo is 2.2 times as wide
ARROW_HEAD = 0.045
# A region must have at least this share of its area inside a close-up's view
# box for the close-up to count as showing it.
SHOWN_SHARE = 0.5


class DiagramError(ValueError):
    """A direction that cannot be drawn: the message says why, in an author's words."""


# --- drawing shapes -----------------------------------------------------------------


def fmt(value: float) -> str:
    """A coordinate for SVG: one decimal, no trailing zeros, no leading zero
    (".5"): figures are path data mostly, and this keeps pages small."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    if text.startswith(("0.", "-0.")):
        text = text.replace("0.", ".", 1)
    return "0" if text in ("-0", "") else text


def _numbers(values: Iterable[float]) -> str:
    """Numbers joined as SVG allows: a minus sign separates as well as a space."""
    out = ""
    for value in values:
        text = fmt(value)
        out += text if not out or text.startswith("-") else " " + text
    return out


def _pair(p: Pt) -> str:
    return _numbers(p)


def expand(shape: Shape, axis: float | None) -> list[list[tuple[float, float, bool]]]:
    """The point lists a shape stands for after mirroring: [(x, y, corner), ...] each."""
    points = [(float(p[0]), float(p[1]), len(p) == 3) for p in shape.points]
    if shape.mirror == "none":
        return [points]
    assert axis is not None, "mirrored shapes need the figure's axis"
    mirrored = [(2 * axis - x, y, c) for x, y, c in points]
    if shape.mirror == "pair":
        return [points, mirrored[::-1]]
    # whole: the points run down one half; the other half comes back up.
    return [points + [p for p in mirrored[::-1] if abs(p[0] - axis) > 1e-9]]


def _beziers(points: list[tuple[float, float, bool]], closed: bool) -> list[tuple[Pt, Pt, Pt, Pt]]:
    """The Catmull-Rom curve through the points as cubic Béziers (start, control,
    control, end): it passes through every point, and corners stay sharp."""
    n = len(points)
    out = []
    for i in range(n if closed else n - 1):
        p0 = points[(i - 1) % n] if closed or i > 0 else points[i]
        p1, p2 = points[i], points[(i + 1) % n]
        p3 = points[(i + 2) % n] if closed or i + 2 < n else points[(i + 1) % n]
        c1 = p1[:2] if p1[2] else (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = p2[:2] if p2[2] else (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.append((p1[:2], c1, c2, p2[:2]))
    return out


def path_data(points: list[tuple[float, float, bool]], smooth: bool, closed: bool = True) -> str:
    """SVG path data through the points: straight lines, or a Catmull-Rom curve
    turned into cubic Béziers (it passes through every point; corners stay
    sharp). Written with relative commands after the first point, to keep it short."""
    # Round every point first, so relative steps add up to exactly the rounded points.
    points = [(round(x, 1), round(y, 1), c) for x, y, c in points]
    here = points[0][:2]
    out = "M" + _pair(here)

    def rel(p):
        return round(p[0] - here[0], 1), round(p[1] - here[1], 1)

    if not smooth or len(points) < 3:
        steps = []
        for p in points[1:]:
            steps += rel(p)
            here = p[:2]
        return out + "l" + _numbers(steps) + ("z" if closed else "")
    steps = []
    for _, c1, c2, p2 in _beziers(points, closed):
        steps += (*rel(c1), *rel(c2), *rel(p2))
        here = p2
    return out + "c" + _numbers(steps) + ("z" if closed else "")


def curve_points(points: list[tuple[float, float, bool]], smooth: bool, closed: bool = True,
                 spacing: float = 1.0) -> list[Pt]:
    """Points about ``spacing`` apart along the line path_data() draws through the points."""
    points = [(round(x, 1), round(y, 1), c) for x, y, c in points]
    if not smooth or len(points) < 3:
        corners = [p[:2] for p in points] + ([points[0][:2]] if closed else [])
        segments = [(a, a, b, b) for a, b in zip(corners, corners[1:])]
    else:
        segments = _beziers(points, closed)
    out = [segments[0][0]]
    for a, c1, c2, b in segments:
        reach = math.dist(a, c1) + math.dist(c1, c2) + math.dist(c2, b)  # at least the curve's length
        steps = max(1, math.ceil(reach / spacing))
        for i in range(1, steps + 1):
            t = i / steps
            k = ((1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3)
            out.append((sum(w * p[0] for w, p in zip(k, (a, c1, c2, b))),
                        sum(w * p[1] for w, p in zip(k, (a, c1, c2, b)))))
    return out


def shape_path(shape: Shape, axis: float | None, closed: bool = True) -> str:
    return "".join(path_data(points, shape.smooth, closed) for points in expand(shape, axis))


def polygon_area_centroid(points: list[Pt]) -> tuple[float, Pt]:
    """Area and centroid of a polygon (shoelace formula); the mean point if it has no area."""
    area2, cx, cy = 0.0, 0.0, 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        area2 += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area2) < 1e-9:
        return 0.0, (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
    return abs(area2) / 2, (cx / (3 * area2), cy / (3 * area2))


def bounding_box(points: Iterable[Pt]) -> Box:
    xs, ys = zip(*points)
    return min(xs), min(ys), max(xs), max(ys)


def overlap_share(box: Box, view: Box) -> float:
    """How much of ``box``'s area lies inside ``view`` (both as x0, y0, x1, y1)."""
    w = max(0.0, min(box[2], view[2]) - max(box[0], view[0]))
    h = max(0.0, min(box[3], view[3]) - max(box[1], view[1]))
    area = (box[2] - box[0]) * (box[3] - box[1])
    return w * h / area if area else 0.0


@dataclass(frozen=True)
class Part:
    """One closed shape of a region, after mirroring."""

    centroid: Pt
    box: Box
    area: float
    side: str  # "left", "right" or "centre", as the reader sees the figure
    outline: tuple[Pt, ...] = ()  # points along its edge, a unit or two apart, as drawn


@dataclass(frozen=True)
class RegionDrawing:
    region: str
    path: str  # every shape of the region as one path, so it is one element on the page
    parts: tuple[Part, ...]

    @property
    def box(self) -> Box:
        return bounding_box([(b[0], b[1]) for b in self.boxes] + [(b[2], b[3]) for b in self.boxes])

    @property
    def boxes(self) -> list[Box]:
        return [p.box for p in self.parts]


@dataclass(frozen=True)
class Drawing:
    """The artwork of one figure that has regions of its own."""

    id: str
    axis: float
    box: Box  # its view box as x0, y0, x1, y1
    outline_id: str  # the figure whose outline it uses (shared by front and back views)
    outline: str  # that outline's path data
    landmarks: tuple[str, ...]
    regions: dict[str, RegionDrawing]  # in drawing order: later ones on top
    body: tuple[Pt, ...] = ()  # points along that outline, as drawn: marks stay inside it


@dataclass(frozen=True)
class View:
    """A figure as readers see it: a drawing, the part of it shown, the regions it shows."""

    id: str
    name: str
    drawing: str
    box: Box
    shows: tuple[str, ...]
    close_up: bool = False

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]


def _side(x: float, axis: float, tolerance: float) -> str:
    if x < axis - tolerance:
        return "left"
    return "right" if x > axis + tolerance else "centre"


def draw_region(region: str, shapes: list[Shape], axis: float) -> RegionDrawing:
    parts = []
    for shape in shapes:
        for points in expand(shape, axis):
            xy = [(x, y) for x, y, _ in points]
            area, centroid = polygon_area_centroid(xy)
            box = bounding_box(xy)
            parts.append(Part(centroid, box, area, _side(centroid[0], axis, (box[2] - box[0]) * 0.05),
                              tuple(_simplify(curve_points(points, shape.smooth, spacing=1.5), 0.05))))
    return RegionDrawing(region, "".join(shape_path(s, axis) for s in shapes), tuple(parts))


def draw(figures: Mapping[str, Figure]) -> tuple[dict[str, Drawing], dict[str, View]]:
    """Drawings for the figures that draw, and a view for every figure. Assumes
    the figures passed the rules (every `outline_of`/`close_up_of` resolves)."""
    outlines = {f.id: shape_path(f.outline, f.axis) for f in figures.values() if f.outline is not None}
    bodies = {f.id: tuple(p for points in expand(f.outline, f.axis)
                          for p in _simplify(curve_points(points, f.outline.smooth, spacing=2), 0.1))
              for f in figures.values() if f.outline is not None}
    drawings: dict[str, Drawing] = {}
    for f in figures.values():
        if f.close_up_of is None:
            drawings[f.id] = Drawing(
                id=f.id,
                axis=f.axis,
                box=_box(f.view_box),
                outline_id=f.outline_of or f.id,
                outline=outlines[f.outline_of or f.id],
                landmarks=tuple(shape_path(s, f.axis, closed=False) for s in f.landmarks),
                regions={r.region: draw_region(r.region, r.shapes, f.axis) for r in f.regions},
                body=bodies[f.outline_of or f.id],
            )
    views: dict[str, View] = {}
    for f in figures.values():
        drawing = drawings[f.close_up_of or f.id]
        box = _box(f.view_box)
        if f.close_up_of is None:
            shows = tuple(drawing.regions)
        else:
            shows = tuple(r for r, d in drawing.regions.items() if _share_inside(d, box) >= SHOWN_SHARE)
        views[f.id] = View(f.id, f.name, drawing.id, box, shows, close_up=f.close_up_of is not None)
    return drawings, views


def _box(view_box) -> Box:
    x, y, w, h = view_box
    return x, y, x + w, y + h


def _share_inside(region: RegionDrawing, box: Box) -> float:
    total = sum(p.area for p in region.parts)
    if not total:
        return 0.0
    return sum(p.area * overlap_share(p.box, box) for p in region.parts) / total


# --- which regions to avoid, which figures to show -----------------------------------


def avoided(regions: Mapping[str, Region], worked: Iterable[str],
            pressure: Iterable[str] = (), family: str | None = None) -> tuple[str, ...]:
    """Regions to avoid while working on ``worked``: those whose `avoid` names a
    worked region in `near` (or the region itself) and whose pressure or family
    condition, if any, the work meets. Pass no pressure or family when they are
    unknown: then only the unconditional ones apply."""
    worked, pressure = set(worked), set(pressure)
    out = []
    for region in regions.values():
        rule = region.avoid
        if rule is None or not worked & {*rule.near, region.id}:
            continue
        unconditional = not rule.pressure and not rule.families
        if unconditional or pressure & set(rule.pressure) or family in rule.families:
            out.append(region.id)
    return tuple(out)


def choose_views(views: Mapping[str, View], needed: Iterable[str]) -> list[str]:
    """The fewest views that together show every needed region.

    When one view shows them all, the closest one wins (the one that shows the
    fewest regions: a close-up over a whole body). Otherwise views are added
    greedily, the one showing most of what is still missing first and, of
    equals, the fuller one (figures side by side look alike in scale). The
    result keeps the data's order (back before front), so maps look alike
    across pages.
    """
    needed = set(needed)
    order = list(views)
    whole = [v for v in order if needed <= set(views[v].shows)]
    if whole:
        return [min(whole, key=lambda v: (len(views[v].shows), order.index(v)))]
    chosen, missing = [], set(needed)
    while missing:
        best = max(order, key=lambda v: (len(missing & set(views[v].shows)), len(views[v].shows)))
        if not missing & set(views[best].shows):
            raise DiagramError(f"no figure shows {', '.join(sorted(missing))}")
        chosen.append(best)
        missing -= set(views[best].shows)
    return sorted(chosen, key=order.index)


# --- panels: one figure drawn with its highlights, labels and arrows ------------------


@dataclass(frozen=True)
class Label:
    """A text label beside the drawing, with a leader line to the point it names:
    "Avoid" on its first line (at ``text_at``) and the region's name, wrapped,
    on the ``lines`` below it."""

    region: str
    text_at: Pt
    target: Pt
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Arrow:
    path: str  # the shaft
    heads: tuple[str, ...]  # each arrowhead as polygon points "x,y x,y x,y"
    start: Pt
    end: Pt
    dashed: bool = False
    gaps: int = 0  # where the shaft breaks off around a region to avoid


@dataclass(frozen=True)
class Dot:
    at: Pt
    radius: float


@dataclass(frozen=True)
class Panel:
    """One view as drawn on a page: which regions are worked or avoided, labels, marks."""

    id: str  # unique on the page; the SVG's title and desc ids derive from it
    view: View
    drawing: Drawing
    view_box: tuple[float, float, float, float]  # x, y, width, height, labels included
    worked: tuple[str, ...]  # regions shown highlighted, in region-data order
    avoid: tuple[str, ...]
    labels: tuple[Label, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    dots: tuple[Dot, ...] = ()
    unit: float = 1.0  # view width / 200: scales strokes and type

    def state(self, region: str) -> str:
        if region in self.avoid:
            return "avoid"
        return "worked" if region in self.worked else ""

    @property
    def font_size(self) -> float:
        return round(self.view.width * LABEL_FONT, 1)

    @property
    def arrow_width(self) -> float:
        return self.view.width * ARROW_WIDTH

    @property
    def label_line(self) -> float:
        """How far apart, in em, the lines of a label's region name are."""
        return LABEL_LINE

    @property
    def view_box_attr(self) -> str:
        return " ".join(fmt(v) for v in self.view_box)


@dataclass(frozen=True)
class BodyMap:
    """Everything a page needs to draw figures: the panels and the shared artwork."""

    id: str
    panels: tuple[Panel, ...]
    worked: tuple[str, ...]
    avoid: tuple[str, ...]
    drawings: tuple[Drawing, ...] = field(default=())  # artwork the page's <defs> must hold


# Advance widths of Roboto (the site's font) in em, near enough to size a label column.
_WIDTHS = {**dict.fromkeys("iljI.,:;'|!", 0.25), **dict.fromkeys("frt-()", 0.34), " ": 0.25,
           **dict.fromkeys("mw", 0.8), **dict.fromkeys("MW", 0.87)}


def text_width(text: str, bold: bool = False) -> float:
    """About how wide ``text`` is set, in em (unknown letters count as an average one)."""
    width = sum(_WIDTHS.get(c, 0.65 if c.isupper() else 0.54) for c in text)
    return width * (1.04 if bold else 1.0)


def wrap(text: str, width: float) -> tuple[str, ...]:
    """``text`` in lines no wider than ``width`` em where its words allow."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines)


def _labels(view: View, drawing: Drawing, avoid: Iterable[str],
            names: Mapping[str, str]) -> tuple[list[Label], float]:
    """Labels for avoided regions in a column right of the drawing, one per region
    ("Avoid" and the region's name below it), kept apart vertically; returns them
    and the extra width they need."""
    font = view.width * LABEL_FONT_SMALL_SCREEN
    column_x = view.box[2] + view.width * LABEL_GAP
    targets = []
    for region in avoid:
        shown = drawing.regions.get(region)
        if shown is None or region not in view.shows:
            continue
        targets.append((region, _label_target(shown, drawing.axis, view.box)))
    targets.sort(key=lambda t: t[1][1])
    labels, bottom = [], -math.inf
    for region, target in targets:
        lines = wrap(names.get(region, region).lower(), LABEL_WRAP)
        y = max(target[1] + font / 3, bottom + font * 1.4)
        labels.append(Label(region, (column_x, y), target, lines))
        bottom = y + len(lines) * LABEL_LINE * font
    # keep the column inside the view: shift it up if the last label would fall off the bottom
    overflow = max(0.0, bottom + font * 0.3 - view.box[3]) if labels else 0.0
    labels = [Label(l.region, (l.text_at[0], l.text_at[1] - overflow), l.target, l.lines) for l in labels]
    widest = max([text_width("Avoid", bold=True), *(text_width(t) for l in labels for t in l.lines)])
    width = view.width * LABEL_GAP + font * (widest + 0.15) if labels else 0.0
    return labels, width


def _label_target(region: RegionDrawing, axis: float, view: Box) -> Pt:
    """Where a label's leader ends: on the region's right-hand part, inside the view."""
    parts = [p for p in region.parts if p.side != "left"] or list(region.parts)
    part = max(parts, key=lambda p: (p.area * overlap_share(p.box, view), p.centroid[0]))
    # a region the view cuts (the spine in a close-up) is labelled in the middle of what shows
    y0, y1 = max(part.box[1], view[1]), min(part.box[3], view[3])
    y = part.centroid[1] if overlap_share(part.box, view) == 1 else (y0 + y1) / 2
    x = part.centroid[0] if part.side == "right" else (axis + part.box[2]) / 2
    return x, y


def panel(view: View, drawing: Drawing, worked: Iterable[str], avoid: Iterable[str], panel_id: str,
          arrows: tuple[Arrow, ...] = (), dots: tuple[Dot, ...] = (),
          regions: Mapping[str, Region] | None = None) -> Panel:
    """One view drawn with its highlights and marks; ``regions`` (the vocabulary)
    names the avoided regions on their labels."""
    worked, avoid = tuple(worked), tuple(avoid)
    names = {r.id: r.name for r in (regions or {}).values()}
    labels, extra = _labels(view, drawing, avoid, names)
    x0, y0, x1, y1 = view.box
    return Panel(
        id=panel_id, view=view, drawing=drawing, view_box=(x0, y0, x1 - x0 + extra, y1 - y0),
        worked=tuple(r for r in worked if r in drawing.regions),
        avoid=tuple(r for r in avoid if r in drawing.regions),
        labels=tuple(labels), arrows=arrows, dots=dots, unit=view.width / 200,
    )


def with_id(drawn: BodyMap, map_id: str) -> BodyMap:
    """The same map or diagram under another id (its panels' ids follow), to
    draw it once and show it where the page needs it."""
    if drawn.id == map_id:
        return drawn
    panels = tuple(replace(p, id=f"{map_id}-{p.view.id}") for p in drawn.panels)
    return replace(drawn, id=map_id, panels=panels)


def body_map(views: Mapping[str, View], drawings: Mapping[str, Drawing], regions: Mapping[str, Region],
             worked: Iterable[str], avoid: Iterable[str], map_id: str) -> BodyMap:
    """A map of where a technique is used: as few figures as show every worked
    and avoided region, each worked region highlighted wherever it is shown."""
    worked = tuple(r for r in regions if r in set(worked))
    avoid = tuple(r for r in regions if r in set(avoid) and r not in worked)
    panels = []
    for view_id in choose_views(views, worked + avoid):
        view = views[view_id]
        panels.append(panel(view, drawings[view.drawing], worked, avoid, f"{map_id}-{view_id}", regions=regions))
    used = {p.drawing.id: p.drawing for p in panels}
    return BodyMap(map_id, tuple(panels), worked, avoid, tuple(used.values()))


def page_drawings(maps: Iterable[BodyMap]) -> tuple[Drawing, ...]:
    """The artwork a page's figure-defs.html must hold for all its maps and diagrams."""
    return tuple({d.id: d for m in maps for d in m.drawings}.values())


@dataclass(frozen=True)
class Scene:
    """What maps and diagrams are drawn from: the region vocabulary and the
    figures. The Atlas is one; rules that run before the atlas is derived
    (checking that a guide step's direction can be drawn) build one with scene()."""

    regions: Mapping[str, Region]
    drawings: Mapping[str, Drawing]
    views: Mapping[str, View]


def scene(figures: Mapping[str, Figure], regions: Mapping[str, Region]) -> Scene:
    drawings, views = draw(figures)
    return Scene(regions, drawings, views)


def technique_map(atlas, technique) -> BodyMap:
    """The body map of a technique page."""
    avoid = avoided(atlas.regions, technique.regions, technique.pressure, technique.family)
    return body_map(atlas.views, atlas.drawings, atlas.regions, technique.regions, avoid, "body-map")


# --- step diagrams: where a guide step's hands move ------------------------------------


def direction_field(direction, name: str):
    """A field of a `direction`, as plain data (a mapping) or a model whose
    `from` is spelled `from_` (``from`` is a Python keyword)."""
    if isinstance(direction, Mapping):
        return direction.get(name, direction.get(name + "_"))
    return getattr(direction, name + "_", getattr(direction, name, None))


@dataclass(frozen=True)
class Diagram(BodyMap):
    """A body map of one guide step, with the marks that show its movement."""

    movement: str = ""
    words: str = ""

    @property
    def key(self) -> str:
        """How to read the diagram's marks, for its caption: what the step's
        Direction line beside it does not say."""
        arrows = [a for p in self.panels for a in p.arrows]
        solid = [a for a in arrows if not a.dashed]
        if self.movement == "still" or not arrows:
            text = "Dots: where the hands rest."
        elif self.movement == "circles":
            text = "Circling arrows: the hands move in circles"
            text += ", travelling the way the dashed arrow points." if len(solid) < len(arrows) else "."
        elif all(len(a.heads) == 2 for a in solid):
            text = "Two-headed arrows: the hands move back and forth."
        else:
            text = "Arrows: the way the hands move."
        if self.avoid:
            text += " Hatched: keep off"
            text += "; the arrows break off around it." if any(a.gaps for a in arrows) else "."
        return text


class _KeepOff:
    """The regions a diagram's marks keep off, as outlines with their boxes, for
    asking how far a point is from the nearest of them."""

    def __init__(self, parts: Iterable[Part]):
        self.parts = [(p.box, list(p.outline) or _corners(p.box)) for p in parts]

    def clear(self, point: Pt, distance: float) -> bool:
        """True when ``point`` is at least ``distance`` from every region (and in none)."""
        x, y = point
        for (x0, y0, x1, y1), outline in self.parts:
            if x0 - distance <= x <= x1 + distance and y0 - distance <= y <= y1 + distance:
                if _gap(point, outline) < distance:
                    return False
        return True

    def clear_line(self, points: Iterable[Pt], distance: float) -> bool:
        return all(self.clear(p, distance) for p in points)


def _corners(box: Box) -> list[Pt]:
    return [(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])]


def _segment_gap(p: Pt, a: Pt, b: Pt) -> float:
    """Distance from ``p`` to the segment from ``a`` to ``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if not length2 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _inside(p: Pt, outline: list[Pt]) -> bool:
    """True when ``p`` lies inside a closed outline (even-odd rule)."""
    crossings = False
    for a, b in zip(outline, outline[1:] + outline[:1]):
        if (a[1] > p[1]) != (b[1] > p[1]) and p[0] < a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1]):
            crossings = not crossings
    return crossings


def _gap(p: Pt, outline: list[Pt]) -> float:
    """Distance from ``p`` to a closed outline's area: 0 inside it."""
    if _inside(p, outline):
        return 0.0
    return min(_segment_gap(p, a, b) for a, b in zip(outline, outline[1:] + outline[:1]))


def _simplify(points: list[Pt], tolerance: float) -> list[Pt]:
    """The fewest of the points that keep the line within ``tolerance`` (Douglas-Peucker)."""
    if len(points) < 3:
        return list(points)
    far, index = max((_segment_gap(p, points[0], points[-1]), i) for i, p in enumerate(points[1:-1], 1))
    if far <= tolerance:
        return [points[0], points[-1]]
    return _simplify(points[:index + 1], tolerance)[:-1] + _simplify(points[index:], tolerance)


class _Geometry:
    """Anchor points of regions on one drawing, seen through one view."""

    def __init__(self, view: View, drawing: Drawing, avoid: Iterable[str] = ()):
        self.view, self.drawing = view, drawing
        self.axis = drawing.axis
        self.unit = view.width / 200
        avoid = [r for r in avoid if r in drawing.regions]
        # Lanes beside the midline keep at least this far from it: off the spine.
        self.clearance = 7 * self.unit
        # avoided regions that lie on the midline (the spine)
        self.on_midline = [p for r in avoid for p in drawing.regions[r].parts if p.side == "centre"]
        self.blocked = [(p.box[1], p.box[3]) for p in self.on_midline]
        self.keep_off = _KeepOff(p for r in avoid for p in drawing.regions[r].parts) if avoid else None
        # the body's outline where this view shows it (and a little around), for marks to stay on
        x0, y0, x1, y1 = view.box
        margin = 0.1 * view.width
        self.body = [p for p in drawing.body if x0 - margin <= p[0] <= x1 + margin and y0 - margin <= p[1] <= y1 + margin]

    def midline_free(self, regions: Iterable[str]) -> bool:
        """True when no avoided region lies on the midline beside these regions,
        so one arrow may run down the middle instead of one on each side."""
        boxes = [p.box for r in regions for p in self.region(r).parts]
        y0, y1 = min(b[1] for b in boxes), max(b[3] for b in boxes)
        return not any(b0 < y1 and y0 < b1 for b0, b1 in self.blocked)

    def lane_offset(self, box: Box) -> float:
        """How far from the midline a lane over ``box`` must run so that an
        arrowhead on it stays off what is avoided on the midline there."""
        halves = [max(p.box[2] - self.axis, self.axis - p.box[0]) for p in self.on_midline
                  if p.box[1] < box[3] and box[1] < p.box[3]]
        return max(halves) + (HEAD_HALF + HEAD_CLEARANCE + 0.5) * self.unit if halves else 0.0

    def region(self, region: str) -> RegionDrawing:
        return self.drawing.regions[region]

    def part(self, region: str, side: str) -> Part:
        parts = self.region(region).parts
        own = [p for p in parts if p.side == side] or [p for p in parts if p.side == "centre"] or list(parts)
        return max(own, key=lambda p: p.area)

    def anchor(self, region: str, side: str) -> Pt:
        """The point a lane passes through on ``region``: the centre of its part
        on that side, or beside the midline for a region that spans it."""
        part = self.part(region, side)
        if part.side != "centre" or side == "centre":
            return part.centroid
        # Broad regions (the back) get lanes a hand's width apart; narrow ones
        # (the neck) bring them closer, but never onto the midline.
        half = (part.box[2] - part.box[0]) / 2
        offset = 11 * self.unit if half >= 20 * self.unit else max(self.clearance, 0.45 * half)
        offset = max(offset, self.lane_offset(part.box))
        return self.axis + (offset if side == "right" else -offset), part.centroid[1]

    def y(self, region: str) -> float:
        return self.part(region, "left").centroid[1]

    def outer_x(self, region: str, side: str) -> float:
        part = self.part(region, side)
        edge = part.box[2] if side == "right" else part.box[0]
        return edge + (-1 if side == "right" else 1) * 0.2 * (part.box[2] - part.box[0]) / (
            2 if part.side == "centre" else 1)

    def inner_x(self, region: str, side: str) -> float:
        part = self.part(region, side)
        if part.side == "centre":
            return self.axis + (self.clearance if side == "right" else -self.clearance)
        edge = part.box[0] if side == "right" else part.box[2]
        return edge + (1 if side == "right" else -1) * 0.2 * (part.box[2] - part.box[0])


# What marks keep off a region to avoid, in units (a view's width / 200): a
# shaft its halo's half-width and a little more, a head or a circle's head a little.
SHAFT_CLEARANCE = ARROW_WIDTH * 200 * 2.2 / 2 + 0.4
HEAD_CLEARANCE = 0.8
# a circle, small and drawn on the spot, may come closer: its line and a little, not its halo
CIRCLE_CLEARANCE = ARROW_WIDTH * 200 / 2 + 0.6
HEAD_HALF = ARROW_HEAD * 200 * 0.55  # an arrowhead's half-width, in units


def _head(tip: Pt, before: Pt, length: float, half: float) -> tuple[Pt, Pt, Pt]:
    """An arrowhead's corners: its tip, pointing away from ``before``."""
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    base = (tip[0] - ux * length, tip[1] - uy * length)
    return tip, (base[0] - uy * half, base[1] + ux * half), (base[0] + uy * half, base[1] - ux * half)


def _polygon_points(corners: Iterable[Pt]) -> str:
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in corners)


def _edges(corners: tuple[Pt, ...], spacing: float) -> list[Pt]:
    """Points along a polygon's edges, about ``spacing`` apart."""
    out = []
    for a, b in zip(corners, corners[1:] + corners[:1]):
        steps = max(1, math.ceil(math.dist(a, b) / spacing))
        out += [(a[0] + (b[0] - a[0]) * i / steps, a[1] + (b[1] - a[1]) * i / steps) for i in range(steps)]
    return out


def _back(line: list[Pt], i: int, step: int, length: float) -> int:
    """The index of the first point of ``line`` at least ``length`` from point ``i``,
    walking by ``step`` (-1 towards the start); the line's end if none is."""
    j = i
    while 0 <= j + step < len(line) and math.dist(line[j], line[i]) < length:
        j += step
    return j


def _arrow(points: list[Pt], unit: float, heads: str = "end", dashed: bool = False,
           keep_off: _KeepOff | None = None) -> Arrow | None:
    """A smooth arrow through the points, with its head(s) as polygons; the
    shaft stops short of each head so it does not show through the tip.

    With ``keep_off``, the arrow keeps off those regions: an end that would
    lie on one is drawn back to where its head fits, and where the line
    crosses one the shaft breaks off and resumes beyond it (the hands lift, or
    pass beside it). None when nothing of it is left to draw."""
    length, half = ARROW_HEAD * 200 * unit, HEAD_HALF * unit
    ends = ((points[-1], points[-2], -1),) if heads == "end" else \
        ((points[-1], points[-2], -1), (points[0], points[1], 0))
    if keep_off is None or _arrow_clear(points, ends, length, half, unit, keep_off):
        shaft = list(points)
        polygons = []
        for end, before, index in ends:
            corners = _head(end, before, length, half)
            polygons.append(_polygon_points(corners))
            shaft[index] = _head(end, before, length * 0.7, 0)[1]
        d = path_data([(x, y, False) for x, y in shaft], smooth=True, closed=False)
        return Arrow(d, tuple(polygons), points[0], points[-1], dashed)
    # where the space left is short, smaller heads (down to two thirds) before none
    for scale in (1.0, 0.8, 0.65):
        arrow = _broken_arrow(points, unit, heads == "both", dashed, keep_off, scale)
        if arrow:
            return arrow
    return None


def _arrow_clear(points, ends, length, half, unit, keep_off: _KeepOff) -> bool:
    line = curve_points([(x, y, False) for x, y in points], smooth=True, closed=False, spacing=0.5 * unit)
    return keep_off.clear_line(line, SHAFT_CLEARANCE * unit) and all(
        keep_off.clear_line(_edges(_head(end, before, length, half), 0.5 * unit), HEAD_CLEARANCE * unit)
        for end, before, _ in ends)


def _broken_arrow(points: list[Pt], unit: float, both: bool, dashed: bool, keep_off: _KeepOff,
                  scale: float = 1.0) -> Arrow | None:
    length, half = ARROW_HEAD * 200 * unit * scale, HEAD_HALF * unit * scale
    line = curve_points([(x, y, False) for x, y in points], smooth=True, closed=False, spacing=0.5 * unit)
    free = [keep_off.clear(p, SHAFT_CLEARANCE * unit) for p in line]

    def head_fits(i: int, step: int) -> bool:
        j = _back(line, i, step, length)
        return math.dist(line[i], line[j]) >= length * 0.99 and all(free[min(i, j):max(i, j) + 1]) and \
            keep_off.clear_line(_edges(_head(line[i], line[j], length, half), 0.5 * unit), HEAD_CLEARANCE * unit)

    lo, hi = 0, len(line) - 1
    while hi > lo and not head_fits(hi, -1):
        hi -= 1
    while lo < hi and not (head_fits(lo, 1) if both else free[lo]):
        lo += 1
    if hi - lo < 2 or math.dist(line[lo], line[hi]) < length * (2.5 if both else 1.5):
        return None
    polygons = [_polygon_points(_head(line[hi], line[_back(line, hi, -1, length)], length, half))]
    first, last = lo, _back(line, hi, -1, length * 0.7)
    if both:
        polygons.append(_polygon_points(_head(line[lo], line[_back(line, lo, 1, length)], length, half)))
        first = _back(line, lo, 1, length * 0.7)
    runs, run = [], []
    for i in range(first, last + 1):
        if free[i]:
            run.append(line[i])
        elif run:
            runs.append(run)
            run = []
    runs.append(run)
    runs = [r for r in runs if len(r) > 1 and math.dist(r[0], r[-1]) >= 1.5 * unit]
    d = "".join(path_data([(x, y, False) for x, y in _simplify(r, 0.15 * unit)], smooth=False, closed=False)
                for r in runs)
    return Arrow(d, tuple(polygons), line[lo], line[hi], dashed, gaps=max(0, len(runs) - 1))


def _circle(centre: Pt, radius: float, clockwise: bool, unit: float) -> tuple[Pt, Pt, tuple[Pt, Pt, Pt]]:
    """Where a circling arrow starts, where its line ends, and its head's corners."""
    sign = 1 if clockwise else -1  # y grows downwards, so a growing angle turns clockwise
    length = min(ARROW_HEAD * 160 * unit, 1.2 * radius)
    half = length * 0.55
    head_angle = length / radius
    start_angle = -math.pi / 2 + sign * 0.5
    end_angle = start_angle + sign * (2 * math.pi - 0.9 - head_angle)

    def at(angle):
        return centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)

    start, base, tip = at(start_angle), at(end_angle), at(end_angle + sign * head_angle)
    ux, uy = (tip[0] - base[0]) / length, (tip[1] - base[1]) / length
    head = (tip, (base[0] - uy * half, base[1] + ux * half), (base[0] + uy * half, base[1] - ux * half))
    return start, at(end_angle + sign * head_angle * 0.3), head


def _circle_arrow(centre: Pt, radius: float, clockwise: bool, unit: float) -> Arrow:
    """Most of a circle with a head on the circle where it ends: hands circling on the spot."""
    start, shaft_end, head = _circle(centre, radius, clockwise, unit)
    d = f"M{_pair(start)}A{fmt(radius)} {fmt(radius)} 0 1 {1 if clockwise else 0} {_pair(shaft_end)}"
    return Arrow(d, (_polygon_points(head),), start, head[0])


def _circle_fits(g: _Geometry, centre: Pt, radius: float, clockwise: bool) -> bool:
    """True when a circling arrow there keeps off every avoided region, its
    line by a little more than its width, its head by a little, and lies on the body."""
    _, _, head = _circle(centre, radius, clockwise, g.unit)
    steps = max(12, math.ceil(2 * math.pi * radius / (0.75 * g.unit)))
    ring = [(centre[0] + radius * math.cos(2 * math.pi * i / steps),
             centre[1] + radius * math.sin(2 * math.pi * i / steps)) for i in range(steps)]
    if g.keep_off and not (g.keep_off.clear_line(ring, CIRCLE_CLEARANCE * g.unit)
                           and g.keep_off.clear_line(_edges(head, 0.5 * g.unit), HEAD_CLEARANCE * g.unit)):
        return False
    body = g.body
    return not body or all(_inside(p, body) for p in (*ring[::max(1, len(ring) // 16)], *head))


def _placed_circle(g: _Geometry, centre: Pt, radius: float, side: str, part: Part,
                   clockwise: bool) -> tuple[Pt, float] | None:
    """Where a circle of about ``radius`` goes near ``centre``, over ``part``,
    on the body and without touching an avoided region: the nearest such
    spot, shrinking the circle only when moving it does not do. None when it
    fits nowhere near."""
    if _circle_fits(g, centre, radius, clockwise):
        return centre, radius
    outline = list(part.outline) or _corners(part.box)
    step, reach = 1.5 * g.unit, 12 * g.unit
    offsets = [(i * step, j * step) for i in range(-8, 9) for j in range(-8, 9)
               if math.hypot(i * step, j * step) <= reach]
    radii = [r for r in (radius * f for f in (1, 0.85, 0.7, 0.55, 0.4)) if r >= 2.5 * g.unit]
    candidates = sorted(((math.hypot(dx, dy) + 4 * (radius - r), dx, dy, r) for dx, dy in offsets for r in radii))
    for _, dx, dy, r in candidates:
        c = (centre[0] + dx, centre[1] + dy)
        if side != "centre" and (c[0] - g.axis) * (1 if side == "right" else -1) <= 0:
            continue  # stays on its own side of the midline
        # over the part, or at least touching it (a narrow part beside the spine: the neck)
        if _gap(c, outline) <= r + g.unit and _circle_fits(g, c, r, clockwise):
            return c, r
    return None


VERTICAL = {"up": -1, "down": 1, "up-and-down": -1}
SIDES = ("left", "right")


def _sides(g: _Geometry, regions: list[str]) -> tuple[str, ...]:
    """The lanes marks run in: one down the middle for regions on the midline
    with nothing there to avoid, else one on each side (one side only when
    every region lies on that side)."""
    sides = {p.side for r in regions for p in g.region(r).parts}
    if sides == {"centre"} and g.midline_free(regions):
        return ("centre",)
    if sides <= {"left"}:
        return ("left",)
    if sides <= {"right"}:
        return ("right",)
    return SIDES


def _sequence(g: _Geometry, highlighted: list[str], start: str | None, end: str | None,
              key, movement: str, words: str) -> list[str]:
    """Regions an arrow passes through, in order: from ``start`` to ``end``
    through the highlighted regions between them, or all the highlighted ones
    sorted along the movement."""
    if start and end:
        if start != end and key(end) <= key(start) and movement != "up-and-down":
            raise DiagramError(
                f"the movement `{movement}` goes the other way from `{start}` to `{end}` "
                f"(\"{words}\"): swap `from` and `to`, or choose another movement")
        low, high = sorted((key(start), key(end)))
        between = sorted((r for r in highlighted if r not in (start, end) and low < key(r) < high), key=key)
        if key(end) < key(start):
            between.reverse()
        return [start, *between, end] if start != end else [start]
    ordered = sorted(dict.fromkeys(highlighted), key=key)
    if start:
        ordered = [start, *(r for r in ordered if r != start and key(r) > key(start))]
    if end:
        ordered = [*(r for r in ordered if r != end and key(r) < key(end)), end]
    return ordered


def _vertical(g: _Geometry, seq: list[str], movement: str, sides) -> list[Arrow]:
    sign = VERTICAL[movement]
    arrows = []
    for side in sides:
        points = [g.anchor(r, side) for r in seq]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if max(ys) - min(ys) < max(0.25 * (max(xs) - min(xs)), 6 * g.unit):
            # One region, or regions side by side (beside the spine and over the shoulder
            # blade): the hands still move along the body, so the arrow runs up or down
            # their common height, between their centres, never across from one to the next.
            boxes = [g.part(r, side).box for r in seq]
            y0, y1 = min(b[1] for b in boxes), max(b[3] for b in boxes)
            top, bottom = y0 + 0.2 * (y1 - y0), y1 - 0.2 * (y1 - y0)
            x = sum(xs) / len(xs)
            points = [(x, bottom), (x, top)] if sign < 0 else [(x, top), (x, bottom)]
        else:
            # From region to region: the arrow starts and ends well into the first and
            # the last (from the waist, not from the middle of the lower back).
            for i, toward in ((0, -sign), (-1, sign)):
                box = g.part(seq[i], side).box
                edge = box[1] if toward < 0 else box[3]
                points[i] = (points[i][0], points[i][1] + 0.4 * (edge - points[i][1]))
        arrow = _arrow(points, g.unit, heads="both" if movement == "up-and-down" else "end", keep_off=g.keep_off)
        arrows += [arrow] if arrow else []
    return arrows


def _horizontal(g: _Geometry, levels: list[str], start: str | None, end: str | None,
                movement: str, sides) -> list[Arrow]:
    lines = []
    for side in sides:
        if start and end:
            # from the middle of where it starts to the nearest height on where it ends
            # (the outer shoulder in to the base of the neck), so it runs over the body
            y = g.anchor(start, side)[1]
            box = g.part(end, side).box
            margin = 0.15 * (box[3] - box[1])
            first = (g.inner_x(start, side) if movement == "outward" else g.outer_x(start, side), y)
            last = (g.outer_x(end, side) if movement == "outward" else g.inner_x(end, side),
                    min(max(y, box[1] + margin), box[3] - margin))
            lines.append([first, last])
            continue
        for region in levels:
            y = g.anchor(region, side)[1]
            inner, outer = (g.inner_x(region, side), y), (g.outer_x(region, side), y)
            lines.append([inner, outer] if movement == "outward" else [outer, inner])
    return [a for a in (_arrow(line, g.unit, keep_off=g.keep_off) for line in lines) if a]


def _check_outward(g: _Geometry, start: str, end: str, movement: str, words: str) -> None:
    """`outward` must end further from the midline than it starts; `inward` nearer."""
    def distance(region):
        return abs(g.anchor(region, "right")[0] - g.axis) if g.part(region, "right").side != "centre" else 0.0
    if start != end and (distance(end) - distance(start)) * (1 if movement == "outward" else -1) < 0:
        raise DiagramError(f"the movement `{movement}` goes the other way from `{start}` to `{end}` "
                           f"(\"{words}\"): swap `from` and `to`, or choose another movement")


def step_diagram(atlas, regions: Iterable[str], direction, diagram_id: str,
                 pressure: Iterable[str] = (), family: str | None = None,
                 keep_off: Iterable[str] = ()) -> Diagram:
    """The diagram of one guide step: the step's regions highlighted, the regions
    to avoid hatched, and marks for its movement. ``atlas`` is the Atlas or a
    Scene; ``pressure`` and ``family`` (of the step's technique, when known)
    decide which conditional regions to avoid are shown. ``keep_off`` is the
    step's own `avoid` list: hatched as well, besides what the regions' `avoid`
    rules add.

    ``direction`` has `words` (required prose), `movement` (one of MOVEMENTS)
    and optionally `from` and `to` (region ids where it starts and ends).
    Arrows run from `from` to `to` through the highlighted regions between
    them; without them, along all highlighted regions in the movement's
    direction. On a body seen from behind or in front each side gets its own
    arrow, beside the midline rather than on the spine. Raises DiagramError
    for an unknown movement or region, or a `from`/`to` that contradicts the
    movement.
    """
    movement = direction_field(direction, "movement")
    words = direction_field(direction, "words") or ""
    start, end = direction_field(direction, "from"), direction_field(direction, "to")
    if movement not in MOVEMENTS:
        raise DiagramError(f"unknown movement `{movement}`; use one of: {', '.join(MOVEMENTS)}")
    highlighted = list(dict.fromkeys(regions))
    keep_off = set(keep_off)
    for region in (*highlighted, start, end, *sorted(keep_off)):
        if region is not None and region not in atlas.regions:
            raise DiagramError(f"no region has the id `{region}`")
    ends = [r for r in (start, end) if r]
    worked = tuple(r for r in atlas.regions if r in set(highlighted) | set(ends))
    by_rule = set(avoided(atlas.regions, worked, pressure, family))
    # in region-data order, like a technique's map; a region both worked and avoided is MTA406's to report
    avoid = tuple(r for r in atlas.regions if r in by_rule | keep_off and r not in worked)
    # One figure must show every worked region; it shows the avoided ones too when one can.
    with_avoid = choose_views(atlas.views, worked + avoid)
    chosen = with_avoid if len(with_avoid) == 1 else choose_views(atlas.views, worked)
    if len(chosen) > 1:
        raise DiagramError(f"no single figure shows all of {', '.join(worked)}; split the step in two")
    view = atlas.views[chosen[0]]
    drawing = atlas.drawings[view.drawing]
    g = _Geometry(view, drawing, avoid)
    targets = highlighted or ends
    arrows: list[Arrow] = []
    dots: list[Dot] = []
    if movement in VERTICAL:
        seq = _sequence(g, targets, start, end, lambda r: VERTICAL[movement] * g.y(r), movement, words)
        arrows = _vertical(g, seq, movement, _sides(g, seq))
    elif movement in ("outward", "inward"):
        if start and end:
            _check_outward(g, start, end, movement, words)
        levels = [start or end] if (start or end) and not (start and end) else targets
        arrows = _horizontal(g, levels, start, end, movement, _sides(g, [*targets, *ends]))
    elif movement == "across":
        if start or end:  # one way, from `from` towards `to`
            first, last = (start or targets[0]), (end or start or targets[0])
            y = (g.anchor(first, "left")[1] + g.anchor(last, "right")[1]) / 2
            lines, heads = [[(g.outer_x(first, "left"), y), (g.outer_x(last, "right"), y)]], "end"
        else:  # side to side and back, where each region is worked
            lines = [[(g.outer_x(r, "left"), g.anchor(r, "left")[1]), (g.outer_x(r, "right"), g.anchor(r, "left")[1])]
                     for r in targets]
            heads = "both"
        arrows = [a for a in (_arrow(line, g.unit, heads, keep_off=g.keep_off) for line in lines) if a]
    elif movement == "circles":
        seq = _sequence(g, targets, start, end, lambda r: -g.y(r), movement, words) if (start and end) else targets
        travels = bool(start and end and len(seq) > 1)
        for side in _sides(g, seq):
            # small circles when they travel along a lane, larger on the spot
            radius = (5.5 if travels else 9) * g.unit
            centres = []
            for r in seq:
                part = g.part(r, side)
                fits = 0.3 * min(part.box[2] - part.box[0], part.box[3] - part.box[1])
                placed = _placed_circle(g, g.anchor(r, side), max(min(radius, fits), 3 * g.unit), side, part,
                                        side == "right")
                if placed:
                    centres.append(placed[0])
                    arrows.append(_circle_arrow(placed[0], placed[1], side == "right", g.unit))
            if travels and len(centres) > 1:
                # where the circles travel: a dashed arrow just outside them
                shift = (radius + 5 * g.unit) * (-1 if side == "left" else 1)
                travel = _arrow([(x + shift, y) for x, y in centres], g.unit, dashed=True, keep_off=g.keep_off)
                arrows += [travel] if travel else []
    else:  # still
        for side in _sides(g, targets):
            dots += [Dot(g.anchor(r, side), 3.5 * g.unit) for r in targets]
    p = panel(view, drawing, worked, avoid, f"{diagram_id}-{view.id}", tuple(arrows), tuple(dots), atlas.regions)
    return Diagram(diagram_id, (p,), worked, avoid, (drawing,), movement=movement, words=words)
