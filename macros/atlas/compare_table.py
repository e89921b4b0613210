"""The columns of the comparison table on /compare/, one function each.

A column is registered with :func:`column` and returns a :class:`Cell` per
technique: what to show and the key the table sorts by. The template
(comparison-table.html) knows no column by name, so a feature adds a column
by registering one function here, e.g.::

    @column("session_place", "Place in a session", numeric=True, sorts="from opening to closing")
    def session_place(atlas, t):
        return Cell(text="Opening, main", sort=1)

Sort keys are chosen so that sorting means something: pressure and pace
from light/slow to deep/fast, place in a session from opening to closing,
lists by how many things they name.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .models import FAMILY_LABELS, LABEL_ORDER, PACE_ORDER, PRESSURE_ORDER, SESSION_ORDER, Technique

if TYPE_CHECKING:
    from .catalog import Atlas


@dataclass(frozen=True)
class Cell:
    text: str = ""  # shown as one line
    items: tuple[str, ...] = ()  # shown as a list, after the text
    note: str = ""  # a small line under the rest
    scale: tuple[int, int, int] | None = None  # (lowest, highest, steps), drawn as a small gauge
    sort: str | float = ""  # what the column sorts by: numbers sort numerically
    anchor: str = ""  # a section of the row's technique page that the text links to, e.g. "claims"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool
    sorts: str  # how it sorts, in words, for the caption
    cell: Callable[[Atlas, Technique], Cell]


COLUMNS: list[Column] = []


def column(key: str, label: str, numeric: bool = False, sorts: str = ""):
    """Register a column; columns appear in registration order, after the technique name."""

    def register(func: Callable[[Atlas, Technique], Cell]) -> Callable[[Atlas, Technique], Cell]:
        assert key not in {c.key for c in COLUMNS}, f"column `{key}` registered twice"
        COLUMNS.append(Column(key, label, numeric, sorts, func))
        return func

    return register


def _range_cell(values: list[str], order: tuple[str, ...]) -> Cell:
    from .rendering import span  # late: rendering imports the catalog
    low, high = min(map(order.index, values)), max(map(order.index, values))
    # Sort by the lightest level, then the heaviest: "light" < "light to firm" < "moderate".
    return Cell(text=span(values, order).capitalize(), scale=(low, high, len(order)), sort=low * 10 + high)


@column("family", "Family", sorts="alphabetically")
def family(atlas: Atlas, t: Technique) -> Cell:
    return Cell(text=FAMILY_LABELS[t.family], sort=FAMILY_LABELS[t.family])


@column("pressure", "Pressure", numeric=True, sorts="from light to deep")
def pressure(atlas: Atlas, t: Technique) -> Cell:
    return _range_cell(t.pressure, PRESSURE_ORDER)


@column("pace", "Pace", numeric=True, sorts="from slow to fast")
def pace(atlas: Atlas, t: Technique) -> Cell:
    return _range_cell(t.pace, PACE_ORDER)


@column("hand_parts", "Hand parts", numeric=True, sorts="by how many are used")
def hand_parts(atlas: Atlas, t: Technique) -> Cell:
    return Cell(text=", ".join(t.hand_parts).capitalize(), sort=len(t.hand_parts))


@column("regions", "Body areas", numeric=True, sorts="by how many body regions")
def regions(atlas: Atlas, t: Technique) -> Cell:
    groups = []  # the regions' larger areas, in the order of data/regions.yml (head to foot)
    for region in atlas.regions.values():
        if region.id in t.regions and region.group not in groups:
            groups.append(region.group)
    count = len(t.regions)
    return Cell(text=", ".join(groups).capitalize(), note=f"{count} region{'s' if count != 1 else ''}", sort=count)


@column("session_place", "Place in a session", numeric=True, sorts="from opening to closing")
def session_place(atlas: Atlas, t: Technique) -> Cell:
    places = sorted(t.session_place, key=SESSION_ORDER.index)
    first, last = SESSION_ORDER.index(places[0]), SESSION_ORDER.index(places[-1])
    return Cell(text=", ".join(places).capitalize(), sort=first * 10 + last)


@column("claims", "Claims", numeric=True, sorts="by evidence-backed claims, then traditional ones, fewest first")
def claims(atlas: Atlas, t: Technique) -> Cell:
    """How many claims made for the technique carry each label, in words (no colour
    needed), linked to the page's Claims section; "None recorded" is plain text.
    Claims about massage sessions in general are not counted: they say nothing
    about one technique."""
    labels = [atlas.claims[c].label for c in atlas.claims_by_technique.get(t.id, ())]
    if not labels:
        return Cell(text="None recorded", sort=0)  # plain text: there is nothing to link to
    counts = [labels.count(label) for label in LABEL_ORDER]
    text = ", ".join(f"{n} {label}" for n, label in zip(counts, LABEL_ORDER))
    # Evidence-backed first: 1 evidence-backed sorts after any number of traditional ones alone.
    return Cell(text=text, sort=counts[0] * 1000 + counts[1], anchor="claims")


@column("purposes", "Main purposes", sorts="alphabetically")
def purposes(atlas: Atlas, t: Technique) -> Cell:
    return Cell(items=tuple(t.purposes), sort=t.purposes[0])


def table_rows(atlas: Atlas) -> list[tuple[Technique, list[Cell]]]:
    return [(t, [c.cell(atlas, t) for c in COLUMNS]) for t in atlas.techniques.values()]
