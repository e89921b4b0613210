"""What text fields may hold: Markdown that cannot run a script.

Text from the data is HTML-escaped wherever it is output (Jinja autoescape in
the partials; titles and descriptions in :mod:`macros.atlas.sitemap`), so raw
HTML such as ``<script>`` is shown as text, never run. Escaping cannot help
with two Markdown constructs that the site's extensions turn into live HTML,
so rule MTA104 rejects them:

- a link or image whose target uses a script scheme (``[x](javascript:...)``);
- an attribute list that sets an attribute (``{: onclick=... }``,
  ``{: href=... }``), which attr_list copies onto the element.
"""
from __future__ import annotations

import re

from pydantic_core import PydanticCustomError

SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# `](target` of an inline link or image, and `[label]: target` of a reference definition.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)>]*)|^ {0,3}\[[^\]]+\]:\s*<?(\S+)", re.MULTILINE)
# `{: key=value }` or `{ key=value }`: attr_list sets any attribute it is given.
_ATTRIBUTE_LIST = re.compile(r"\{:?[^{}\n]*?[A-Za-z_:][-\w:.]*\s*=[^{}\n]*\}")
_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20]")  # browsers ignore these inside a URL scheme


def unsafe_markup(text: str) -> str | None:
    """Why ``text`` could run a script once rendered, or None when it cannot."""
    if "](" not in text and "]:" not in text and "{" not in text:
        return None  # no link target and no attribute list: most text, checked cheaply
    for match in _LINK_TARGET.finditer(text):
        target = _CONTROL_AND_SPACE.sub("", match.group(1) or match.group(2) or "").lower()
        if target.startswith(SCRIPT_SCHEMES):
            return f"the link target `{target.split(':')[0]}:...` could run a script"
    attributes = _ATTRIBUTE_LIST.search(text)
    if attributes:
        return f"the attribute list `{attributes.group(0)[:60]}` would set an HTML attribute"
    return None


def check_markup(text: str) -> str:
    """Pydantic validator for every text field (see models.Line and models.Prose)."""
    reason = unsafe_markup(text)
    if reason:
        raise PydanticCustomError(
            "unsafe_markup",
            "Unsafe Markdown: {reason}. Link only to https:// addresses or atlas pages, "
            "and write no attribute lists (`{: ...}`)",
            {"reason": reason},
        )
    return text
