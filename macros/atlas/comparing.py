"""Pairs of techniques people confuse (data/comparisons.yml): the rules that
check them and the pairs the build derives from them.

Each pair becomes one side-by-side page, /compare/<first>-vs-<second>/, and a
link from both techniques' pages. Only ids, an optional title and a note are
written; everything on the page comes from the two technique files.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .models import Comparison, Technique
from .problems import Problem
from .rules import Loaded, rule


@dataclass(frozen=True)
class Pair:
    """A derived comparison: the authored entry plus its page and title."""

    first: str  # technique ids, in the order written
    second: str
    title: str
    note: str | None

    @property
    def slug(self) -> str:
        return f"{self.first}-vs-{self.second}"

    @property
    def src(self) -> str:
        """Source path of the side-by-side page; its URL is /compare/<first>-vs-<second>/."""
        return f"compare/{self.slug}.md"

    @property
    def ids(self) -> tuple[str, str]:
        return self.first, self.second

    def other(self, technique_id: str) -> str:
        return self.second if technique_id == self.first else self.first


def derive_pairs(comparisons: Iterable[Comparison], techniques: dict[str, Technique]) -> tuple[Pair, ...]:
    pairs = []
    for c in comparisons:
        first, second = c.pair
        title = c.title or f"{techniques[first].name} vs {techniques[second].name.lower()}"
        pairs.append(Pair(first, second, title, c.note))
    return tuple(pairs)


def pairs_by_technique(pairs: Iterable[Pair], techniques: Iterable[str]) -> dict[str, tuple[Pair, ...]]:
    """technique id -> the pairs it is part of, in data-file order."""
    return {tid: tuple(p for p in pairs if tid in p.ids) for tid in techniques}


# --- rules -----------------------------------------------------------------------

@rule("MTA501")
def compared_techniques_exist(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.techniques}
    for entry in data.comparisons:
        for i, tid in enumerate(entry.model.pair):
            if tid not in known:
                yield Problem("MTA501", entry.file, entry.field("pair", i),
                              f"No technique has the id `{tid}`.", entry.line("pair", i))


@rule("MTA502")
def not_compared_with_itself(data: Loaded) -> Iterator[Problem]:
    for entry in data.comparisons:
        first, second = entry.model.pair
        if first == second:
            yield Problem("MTA502", entry.file, entry.field("pair"),
                          f"`{first}` is compared with itself.", entry.line("pair"))


@rule("MTA503")
def each_pair_once(data: Loaded) -> Iterator[Problem]:
    seen: dict[frozenset, int] = {}
    for entry in data.comparisons:
        key = frozenset(entry.model.pair)
        if key in seen:
            yield Problem("MTA503", entry.file, entry.field("pair"),
                          f"{' and '.join(entry.model.pair)} are already paired at line {seen[key]}.",
                          entry.line("pair"))
        else:
            seen[key] = entry.line("pair")
