"""Pages the build generates from data, and where they sit in the navigation.

A generated page is a source path plus front matter; its body is one macro
call (like MDN's ``{{Compat}}``), so a page never repeats the data it shows.
Each feature registers one function that lists its pages under a *page set*
name. In mkdocs.yml a nav item written as ``atlas:<set>`` is a placeholder
that the MkDocs hook replaces with that set's pages, so adding a data file
adds its page and nav entry without touching mkdocs.yml.
"""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from .catalog import Atlas

NAV_PLACEHOLDER = "atlas:"


@dataclass(frozen=True)
class Keyed:
    """How a page's address is made from ids of renamable entries (``Atlas.moved``),
    so that the address the page had under an entry's old id can redirect to it."""

    route: str  # the source path with `{}` for each id, e.g. "study/quiz/{}.md"
    keys: tuple[tuple[str, str], ...]  # (collection, id) for each `{}`, e.g. (("techniques", "kneading"),)

    def src(self, ids) -> str:
        return self.route.format(*ids)


def keyed(route: str, *keys: tuple[str, str]) -> Keyed:
    """``keyed(technique_src("{}"), ("techniques", t.id))``: the page of technique t."""
    return Keyed(route, tuple(keys))


@dataclass(frozen=True)
class GeneratedPage:
    src: str  # source path under docs/, e.g. techniques/kneading.md -> /techniques/kneading/
    title: str
    description: str  # the page's meta description (link previews, search results)
    macro: str  # the one macro call that renders the body, e.g. "technique_page()"
    meta: dict = field(default_factory=dict)  # extra front matter, e.g. {"technique": "kneading"}
    in_nav: bool = True  # False for pages reached only by links (embeds, print views)
    # A page whose address holds entry ids says so, and gets redirects from its old addresses
    # (macros/atlas/redirects.py). Every page set keyed by ids must set it; a test checks.
    keyed: Keyed | None = None

    def __post_init__(self):
        if self.keyed is not None:
            made = self.keyed.src(entry_id for _, entry_id in self.keyed.keys)
            assert made == self.src, f"page {self.src}: its route {self.keyed.route} makes {made}"

    def source(self) -> str:
        """The whole Markdown source: front matter, then the macro call.

        Title and description stay plain text here; the MkDocs hook escapes
        them before the theme renders (macros/hooks.py, on_page_context).
        """
        front = {"title": self.title, "description": self.description, **self.meta}
        return f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False)}---\n\n{{{{ {self.macro} }}}}\n"


PageSet = Callable[[Atlas], list[GeneratedPage]]
PAGE_SETS: dict[str, PageSet] = {}


def page_set(name: str):
    """Register a function that lists the pages of one set, in nav order."""

    def register(func: PageSet) -> PageSet:
        assert name not in PAGE_SETS, f"page set `{name}` registered twice"
        PAGE_SETS[name] = func
        return func

    return register


def generated_pages(atlas: Atlas) -> list[GeneratedPage]:
    return [page for pages in PAGE_SETS.values() for page in pages(atlas)]


def fill_nav(nav: list, atlas: Atlas) -> list:
    """Replace every ``atlas:<set>`` placeholder in a MkDocs nav, at any depth.

    Raises ValueError naming an unknown set, so a typo in mkdocs.yml fails the build.
    """
    out = []
    for item in nav:
        if isinstance(item, str) and item.startswith(NAV_PLACEHOLDER):
            name = item[len(NAV_PLACEHOLDER):]
            if name not in PAGE_SETS:
                raise ValueError(f"mkdocs.yml: nav placeholder `{item}` names no page set; "
                                 f"known: {', '.join(NAV_PLACEHOLDER + n for n in PAGE_SETS)}.")
            # A nav title becomes the page's title, which themes insert into the
            # nav, <h1> and header unescaped; titles come from data, so escape them.
            out += [{html.escape(p.title): p.src} for p in PAGE_SETS[name](atlas) if p.in_nav]
        elif isinstance(item, dict):
            out.append({title: fill_nav(value, atlas) if isinstance(value, list) else value
                        for title, value in item.items()})
        else:
            out.append(item)
    return out
