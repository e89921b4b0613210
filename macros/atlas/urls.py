"""Where things live: source paths, site-relative URLs and absolute URLs.

The URL contract (documented on the site's *For practices* page) in code:
an entry of collection ``<name>`` has its page at ``<name>/<id>/`` (source
``<name>/<id>.md``) and its embeddable card at ``embed/<name>/<id>/``. URLs
here are relative to the site root, without a leading slash, so the site
works under any base path; :func:`absolute_url` adds ``site_url`` when the
deployer gave one. Pure string functions, used by rendering and linking.
"""
from __future__ import annotations

import posixpath

EMBED_ROOT = "embed"


def entry_src(collection: str, entry_id: str) -> str:
    """Source path of an entry's page, e.g. techniques/kneading.md -> /techniques/kneading/."""
    return f"{collection}/{entry_id}.md"


def embed_src(page_src: str) -> str:
    """Source path of the embeddable card of the page at ``page_src``."""
    return f"{EMBED_ROOT}/{page_src}"


def url_of(src: str) -> str:
    """Site-relative URL of a Markdown source (directory URLs), e.g. `techniques/kneading/`."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return stem + "/"


def href(from_url: str, to_url: str) -> str:
    """Relative link from the page at ``from_url`` to ``to_url`` (both site-relative)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath(to_url.rstrip("/") or ".", base.rstrip("/") or ".")
    if to_url.endswith("/") or not to_url:
        target = "./" if target == "." else target + "/"
    return target


def absolute_url(site_url: str | None, url: str) -> str:
    """``url`` under the deployer's ``site_url``; "" when the build does not know its address."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + url
