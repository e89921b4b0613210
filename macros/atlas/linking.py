"""Linking from other websites: the collections whose ids are public URLs and
their embeddable cards (``/embed/<collection>/<id>/``). The redirect pages
that keep an entry's old URLs working after its id had to change are made
for every generated page keyed by its id, in redirects.py.

Knows nothing of MkDocs: it lists pages and renders files; the hook adds them.

To make another collection linkable, register it once, as techniques and
guides are below::

    register(Collection("guides", "guide", lambda atlas: atlas.guides, title=lambda g: g.title,
                        card="embed-guide.html", card_context=lambda atlas, g: {"g": g}))

and give its model an ``old_ids`` field and its name a place in
``rules.RENAMABLE``: pages, cards and redirects follow.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .catalog import Atlas
from .export import EXPORTS, collection_path, item_path, schema_path
from .models import AUDIENCE_LABELS
from .rendering import Renderer, link
from .sitemap import GeneratedPage, keyed
from .urls import EMBED_ROOT, embed_src, entry_src, url_of

# The card's own page template (overrides/), not a Material page: no navigation, no JS.
EMBED_TEMPLATE = "atlas-embed.html"


@dataclass(frozen=True)
class Collection:
    """Entries that each have a page at ``/<name>/<id>/``: their ids are a public contract."""

    name: str
    item: str  # one entry, in words: "technique"
    entries: Callable[[Atlas], Mapping[str, Any]]  # id -> model, in display order
    # Anchors promised on every entry page (anchor, what it is); the For practices
    # page links to each, so MkDocs fails the build if one disappears.
    sections: tuple[tuple[str, str], ...] = ()
    title: Callable[[Any], str] = lambda entry: entry.name
    description: Callable[[Any], str] = lambda entry: entry.summary
    card: str | None = None  # partial that renders the embeddable card; None: no card
    card_context: Callable[[Atlas, Any], dict] = lambda atlas, entry: {}


COLLECTIONS: dict[str, Collection] = {}


def register(collection: Collection) -> Collection:
    assert collection.name not in COLLECTIONS, f"collection `{collection.name}` registered twice"
    COLLECTIONS[collection.name] = collection
    return collection


register(Collection(
    "techniques", "technique", lambda atlas: atlas.techniques,
    sections=(("what-it-is", "what it is"), ("how-to-perform", "how to perform it"),
              ("used-for", "what it is used for"), ("safety", "safety: who should not receive it, when to stop"),
              ("common-mistakes", "common mistakes"), ("learning-objectives", "learning objectives"),
              ("related", "related techniques")),
    card="embed-technique.html",
    card_context=lambda atlas, t: {"t": t, "regions": [atlas.regions[r] for r in t.regions],
                                   "claims": [atlas.claims[c] for c in atlas.claims_by_technique.get(t.id, ())]},
))


register(Collection(
    "guides", "guide", lambda atlas: atlas.guides,
    # Every step also has its own anchor, #step-<n>, recorded by the URL contract.
    sections=(("steps", "the steps; each step also has its own anchor, #step-1, #step-2..."),
              ("what-you-need", "what you need"), ("preparation", "preparation"),
              ("aftercare", "aftercare"), ("see-a-professional", "when to stop and see a professional"),
              ("common-mistakes", "common mistakes")),
    title=lambda g: g.title,
    card="embed-guide.html",
    card_context=lambda atlas, g: {"g": g, "audience": AUDIENCE_LABELS[g.audience]},
))


def _entry(atlas: Atlas, collection: str, entry_id: str) -> tuple[Collection, Any]:
    if collection not in COLLECTIONS:
        raise KeyError(f"Unknown collection `{collection}`. Known: {', '.join(COLLECTIONS)}.")
    spec = COLLECTIONS[collection]
    entries = spec.entries(atlas)
    if entry_id not in entries:
        raise KeyError(f"Unknown {collection} id `{entry_id}`. Known ids: {', '.join(entries)}.")
    return spec, entries[entry_id]


# --- embeddable cards -----------------------------------------------------------

def embed_pages(atlas: Atlas) -> list[GeneratedPage]:
    """One card page per entry of every collection that has a card; never in the nav or search."""
    pages = []
    for spec in COLLECTIONS.values():
        if not spec.card:
            continue
        for entry_id, entry in spec.entries(atlas).items():
            pages.append(GeneratedPage(
                embed_src(entry_src(spec.name, entry_id)), spec.title(entry), spec.description(entry),
                "embed_card()",
                {"template": EMBED_TEMPLATE, "robots": "noindex", "search": {"exclude": True},
                 # A card loads no scripts, so glossary terms could not show their tooltips.
                 "tooltips": False,
                 "collection": spec.name, "entry": entry_id},
                in_nav=False, keyed=keyed(embed_src(entry_src(spec.name, "{}")), (spec.name, entry_id)),
            ))
    return pages


def render_card(renderer: Renderer, atlas: Atlas, collection: str, entry_id: str, page_src: str) -> str:
    """The body of one embed page: the entry's card, linking back to its full page."""
    spec, entry = _entry(atlas, collection, entry_id)
    if not spec.card:
        raise KeyError(f"The collection `{collection}` has no embeddable card.")
    full_src = entry_src(collection, entry_id)
    return renderer.render(spec.card, full_page=link(page_src, full_src),
                           full_url=url_of(full_src), **spec.card_context(atlas, entry))


def render_snippet(renderer: Renderer, atlas: Atlas, collection: str, entry_id: str, page_src: str,
                   example: bool = False) -> str:
    """The copy-paste iframe code for one entry's card, as shown on ``page_src``;
    with ``example``, followed by that iframe itself, live (the For practices page)."""
    spec, entry = _entry(atlas, collection, entry_id)
    card_src = embed_src(entry_src(collection, entry_id))
    return renderer.render("embed-snippet.html", page_src=page_src, from_url=url_of(page_src),
                           embed_url=url_of(card_src), card_src=card_src, title=spec.title(entry),
                           example=example)


# --- the contract, for the For practices page -------------------------------------

def render_url_contract(renderer: Renderer, atlas: Atlas, page_src: str) -> str:
    """A table of every stable URL pattern, each with a real example that MkDocs validates."""
    rows = []
    for spec in COLLECTIONS.values():
        entries = spec.entries(atlas)
        if not entries:
            continue
        example = next(iter(entries))
        src = entry_src(spec.name, example)
        rows.append((f"A {spec.item}'s page", f"/{spec.name}/<id>/", url_of(src), link(page_src, src)))
        if spec.sections:
            rows.append((f"A section of a {spec.item}'s page", f"/{spec.name}/<id>/#<anchor>",
                         f"{url_of(src)}#{spec.sections[0][0]}", f"{link(page_src, src)}#{spec.sections[0][0]}"))
        if spec.card:
            card = embed_src(src)
            rows.append((f"A {spec.item}'s embeddable card", f"/{EMBED_ROOT}/{spec.name}/<id>/",
                         url_of(card), link(page_src, card)))
    for export in EXPORTS.values():
        path = collection_path(export)
        rows.append((f"All {export.name}, as JSON", f"/{path}", path, link(page_src, path)))
        entries = export.records(atlas)
        if export.item_files and entries:
            item = item_path(export, entries[0].id)
            rows.append((f"One {export.item}, as JSON", f"/{item_path(export, '<id>')}", item, link(page_src, item)))
    return renderer.render("url-contract.html", rows=rows)


def render_deep_links(renderer: Renderer, atlas: Atlas, page_src: str) -> str:
    """The anchors promised on every entry page of each collection, each linked on a real page."""
    groups = []
    for spec in COLLECTIONS.values():
        entries = spec.entries(atlas)
        if spec.sections and entries:
            target = link(page_src, entry_src(spec.name, next(iter(entries))))
            groups.append((spec, [(anchor, what, f"{target}#{anchor}") for anchor, what in spec.sections]))
    return renderer.render("deep-links.html", groups=groups)


def render_api_reference(renderer: Renderer, page_src: str) -> str:
    """A table of the JSON API's files, what each holds and its schema."""
    rows = []
    for export in EXPORTS.values():
        rows.append((collection_path(export), export.what, schema_path(export.name)))
        if export.item_files:
            rows.append((item_path(export, "<id>"), f"One {export.item}, the same fields as in {export.name}.json.",
                         schema_path(export.item)))
    return renderer.render("api-reference.html", rows=rows, page_src=page_src)
