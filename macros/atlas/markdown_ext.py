"""A Python-Markdown extension the atlas's pages need (no MkDocs here).

Python-Markdown's list of block-level HTML elements lacks <caption>, so inside
a `<table markdown>` block (md_in_html) a caption is wrapped in a <p>, which
puts a paragraph inside the table: invalid HTML (html-validate) that moves the
caption out of the table for assistive technology.
"""
from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension


class CaptionIsBlock(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "caption" not in md.block_level_elements:
            md.block_level_elements.append("caption")
