"""Pairs of techniques people confuse (data/comparisons.yml): the rules that
check them and the pairs the build derives from them.

Each pair becomes one side-by-side page, /compare/<first>-vs-<second>/, and a
link from both techniques' pages. Only ids, an optional title and a note are
written; everything on the page comes from the two technique files.

The address is made of the techniques' current ids. When one is renamed, the
page moves with it and its address under the old id redirects
(``old_ids``; macros/atlas/redirects.py), whether data/comparisons.yml already
names the new id (as it should) or still the old one.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .models import Comparison, Technique
from .problems import Problem
from .rules import Loaded, rule


# Source path of a side-by-side page, from the two current technique ids in written order.
PAIR_ROUTE = "compare/{}-vs-{}.md"


@dataclass(frozen=True)
class Pair:
    """A derived comparison: the authored entry plus its page and title."""

    ids: tuple[str, str]  # the current technique ids (an old id resolved), in the same order: they make the URL
    title: str
    note: str | None

    @property
    def slug(self) -> str:
        return "-vs-".join(self.ids)

    @property
    def src(self) -> str:
        """Source path of the side-by-side page; its URL is /compare/<first>-vs-<second>/."""
        return PAIR_ROUTE.format(*self.ids)

    def other(self, technique_id: str) -> str:
        return self.ids[1] if technique_id == self.ids[0] else self.ids[0]


def current_ids(pair: Iterable[str], moved: dict[str, str]) -> tuple[str, ...]:
    """A pair that still names a technique by an old id means that technique."""
    return tuple(moved.get(tid, tid) for tid in pair)


def derive_pairs(comparisons: Iterable[Comparison], techniques: dict[str, Technique], moved: dict[str, str]
                 ) -> tuple[Pair, ...]:
    pairs = []
    for c in comparisons:
        first, second = current_ids(c.pair, moved)
        title = c.title or f"{techniques[first].name} vs {techniques[second].name.lower()}"
        pairs.append(Pair((first, second), title, c.note))
    return tuple(pairs)


def pairs_by_technique(pairs: Iterable[Pair], techniques: Iterable[str]) -> dict[str, tuple[Pair, ...]]:
    """technique id -> the pairs it is part of, in data-file order."""
    return {tid: tuple(p for p in pairs if tid in p.ids) for tid in techniques}


def _moved(data: Loaded) -> dict[str, str]:
    # An old id that is another technique's current id is MTA701's to report; it means that technique here.
    current = {e.model.id for e in data.techniques}
    return {old: e.model.id for e in data.techniques for old in e.model.old_ids if old not in current}


# --- rules -----------------------------------------------------------------------

@rule("MTA501")
def compared_techniques_exist(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.techniques} | set(_moved(data))
    for entry in data.comparisons:
        for i, tid in enumerate(entry.model.pair):
            if tid not in known:
                yield Problem("MTA501", entry.file, entry.field("pair", i),
                              f"No technique has the id `{tid}`.", entry.line("pair", i))


@rule("MTA502")
def not_compared_with_itself(data: Loaded) -> Iterator[Problem]:
    moved = _moved(data)
    for entry in data.comparisons:
        first, second = current_ids(entry.model.pair, moved)
        if first == second:
            yield Problem("MTA502", entry.file, entry.field("pair"),
                          f"`{first}` is compared with itself.", entry.line("pair"))


@rule("MTA503")
def each_pair_once(data: Loaded) -> Iterator[Problem]:
    moved = _moved(data)
    seen: dict[frozenset, int] = {}
    for entry in data.comparisons:
        key = frozenset(current_ids(entry.model.pair, moved))
        if key in seen:
            yield Problem("MTA503", entry.file, entry.field("pair"),
                          f"{' and '.join(entry.model.pair)} are already paired at line {seen[key]}.",
                          entry.line("pair"))
        else:
            seen[key] = entry.line("pair")
