"""Links: every internal link and #anchor of the built site resolves; every
external link is https and every DOI is written https://doi.org/... ."""
from __future__ import annotations

import re

from linkcheck import check_site, external_problem
from sitecrawl import html_pages


def test_every_link_and_anchor_resolves(built_site):
    assert len(html_pages(built_site)) > 5
    problems = check_site(built_site)
    assert not problems, "\n".join(problems)


def test_reference_links_are_well_formed_dois_and_https(built_site):
    # The checker's rule for external links, on what the site really cites.
    hrefs = [href for page in html_pages(built_site)
             for href in re.findall(r'href="(https?://[^"]+)"', page.read_text())]
    assert any(h.startswith("https://doi.org/10.") for h in hrefs)
    assert all(external_problem(h) is None for h in hrefs), [h for h in hrefs if external_problem(h)]


def _page(site, path, body):
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>")


def test_checker_finds_each_kind_of_broken_link(tmp_path):
    # A negative control on a small hand-made site, one fault per line.
    _page(tmp_path, "index.html", '<h2 id="top">Top</h2><a href="a/">ok</a><a href="a/#steps">ok</a>'
                                  '<a href="#top">ok</a><img src="pic.png">')
    (tmp_path / "pic.png").write_bytes(b"")
    _page(tmp_path, "a/index.html", '<h2 id="steps">Steps</h2>'
                                    '<a href="../missing/">1</a>'
                                    '<a href="../#nowhere">2</a>'
                                    '<a href="http://example.org/">3</a>'
                                    '<a href="https://dx.doi.org/10.1000/x">4</a>'
                                    '<a href="https://doi.org/abc">5</a>'
                                    '<a href="javascript:alert(1)">6</a>'
                                    '<img src="../gone.png">')
    problems = check_site(tmp_path)
    assert len(problems) == 7, "\n".join(problems)
    text = "\n".join(problems)
    for fragment in ("../missing/", "`nowhere`", "http://example.org/", "dx.doi.org", "doi.org/abc",
                     "javascript:", "../gone.png"):
        assert fragment in text
    assert all(p.startswith("a/:") for p in problems)
