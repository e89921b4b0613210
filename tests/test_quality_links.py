"""Links: every internal link and #anchor of the built site resolves, and every
SVG reference (<use>, url(#id)) resolves inside its own page; every external
link is https and every DOI is written https://doi.org/... ."""
from __future__ import annotations

import re

from linkcheck import SiteLinks, check_site, external_problem
from sitecrawl import html_pages


def test_every_link_and_anchor_resolves(built_site):
    assert len(html_pages(built_site)) > 5
    problems = check_site(built_site)
    assert not problems, "\n".join(problems)


def test_every_svg_reference_resolves_in_its_own_page(built_site):
    # <use href>/<use xlink:href> and url(#id) on every page, embeds included:
    # a symbol defined on another page draws nothing (an empty gap in a badge).
    links = SiteLinks(built_site)
    uses = [ref for path, page in links.pages.items() for ref in page.local_refs if ref[0] == "use"]
    assert any(path.startswith("embed/") and page.local_refs for path, page in links.pages.items())
    assert len(uses) > 100
    problems = links.local_problems()
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


def test_checker_finds_svg_references_missing_from_their_page(tmp_path):
    # The symbol is on the home page; the card below must define its own.
    _page(tmp_path, "index.html", '<svg><symbol id="icon"><path d="M0 0"/></symbol></svg>'
                                  '<svg><use xlink:href="#icon"/></svg><svg><use href="#icon"/></svg>'
                                  '<svg><clipPath id="c"/><g clip-path="url(#c)"/></svg>')
    _page(tmp_path, "card/index.html", '<svg><use xlink:href="#icon"/></svg>'
                                       '<svg><use href="../#icon"/></svg>'
                                       '<svg><g clip-path="url(#c)"/></svg>')
    problems = check_site(tmp_path)
    assert len(problems) == 3, "\n".join(problems)
    assert all(p.startswith("card/:") for p in problems)
    assert "`icon`" in problems[0] and "(#id)" in problems[1] and "`c`" in problems[2]
