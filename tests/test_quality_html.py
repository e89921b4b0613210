"""HTML validity: every built page passes html-validate (pinned in
package-lock.json, configured in .htmlvalidate.cjs) with zero errors in the
atlas's own markup. Material's and pymdownx's markup trip a few rules; each
exception below is matched on their own element, so the same fault in atlas
markup still fails."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT
from sitecrawl import html_pages

HTML_VALIDATE = PROJECT / "node_modules" / ".bin" / "html-validate"
CONFIG = PROJECT / ".htmlvalidate.cjs"  # named, since the built site sits outside the project

# (rule, start tag of the element, why it is the theme's or an extension's
# choice and harmless), optionally with the markup that must come right before it.
THEME_MARKUP = [
    ("valid-autocomplete", r'<input class="md-toggle" data-md-toggle="(drawer|search)"',
     "Material's CSS toggles carry autocomplete=off so Firefox does not restore the drawer or search open after Back."),
    ("input-missing-label", r'<input class="(md-toggle|md-nav__toggle md-toggle)" ',
     "Material's hidden CSS toggles; the visible control is the icon button labelled on its <label>."),
    ("wcag/h32", r'<form class="(md-header__option|md-search__form)"',
     "Material's colour-scheme and search forms act on change and as you type; there is nothing to submit."),
    ("unique-landmark", r'<nav class="md-nav( md-nav--secondary)?" aria-label="[^"]*">',
     "Material renders a page's table of contents, and the nav of each section in it, twice (drawer on "
     "phones, sidebar on desktops); one shows at a time."),
    ("unique-landmark", r'<nav class="md-nav" data-md-level="\d+" aria-labelledby="__nav_[\d_]+_label"',
     "Material labels the nav of a section that has an index page by the section's expand toggle, which "
     "holds only an icon; docs/assets/a11y.js names toggle and nav after the section on load (axe checks it)."),
    ("no-missing-references", r'<label class="md-nav__title" for="__toc">',
     "Material writes its table-of-contents title even on pages that have no table of contents."),
    ("input-missing-label", r'<input type="checkbox"/>', "pymdownx.tasklist puts an item's text after its "
     "checkbox's label; docs/assets/a11y.js names the box after its item on load (axe checks it).",
     '<label class="task-list-control">'),
]


def start_tag(html: str, offset: int) -> str:
    """The start tag that holds the character at ``offset`` (where a message points)."""
    start = html.rfind("<", 0, offset + 1)
    return html[start:html.find(">", start) + 1]


def is_theme_markup(rule: str, tag: str, before: str = "") -> bool:
    return any(rule == r and re.match(pattern, tag) and before.endswith(preceded_by[0] if preceded_by else "")
               for r, pattern, _, *preceded_by in THEME_MARKUP)


def validate(paths: list[Path], report: Path) -> list[dict]:
    """Run html-validate over ``paths``; returns its per-file results."""
    if not HTML_VALIDATE.exists():
        pytest.fail("html-validate is not installed: run `make test` (it runs `npm ci`).")
    result = subprocess.run(
        [str(HTML_VALIDATE), "-c", str(CONFIG), "-f", f"json={report}", *map(str, paths)],
        cwd=PROJECT, capture_output=True, text=True, timeout=300,
    )
    assert report.exists(), result.stderr  # exit code 1 only means "found errors"
    return json.loads(report.read_text())


def errors(results: list[dict]) -> list[str]:
    """Messages outside Material's listed markup, as `file:line rule: message  <tag>`."""
    out = []
    for result in results:
        html = Path(result["filePath"]).read_text(encoding="utf-8")
        for m in result["messages"]:
            tag = start_tag(html, m["offset"])
            before = html[:html.rfind("<", 0, m["offset"] + 1)]
            if not is_theme_markup(m["ruleId"], tag, before):
                out.append(f"{result['filePath']}:{m['line']} {m['ruleId']}: {m['message']}  {tag[:120]}")
    return out


def test_every_built_page_is_valid_html(built_site, tmp_path):
    pages = html_pages(built_site)
    results = validate(pages, tmp_path / "report.json")  # lists only files with messages
    found = errors(results)
    assert not found, f"{len(found)} HTML error(s):\n" + "\n".join(found[:40])


def test_validator_reports_faults_in_atlas_markup(tmp_path):
    # A negative control: the configuration and the theme exceptions must not
    # hide the faults they name when the markup is the atlas's own.
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
        '<p id="x">one</p><p id="x">two</p>'
        '<form class="atlas-quiz"><input type="checkbox" id="q" autocomplete="off"></form>'
        '<nav aria-label="Steps"></nav><nav aria-label="Steps"></nav>'
        '<p><div>block in a paragraph</div></p>'
        "</main></body></html>"
    )
    rules = {line.split()[1].rstrip(":") for line in errors(validate([page], tmp_path / "report.json"))}
    assert {"no-dup-id", "wcag/h32", "valid-autocomplete", "unique-landmark"} <= rules, rules
