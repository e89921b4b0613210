"""A real `mkdocs build` of the real site, and of broken or extended copies."""
from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import PROJECT, run_mkdocs_build, visible_text
from macros.atlas.catalog import load_atlas

ATLAS = load_atlas(PROJECT / "data", PROJECT)


def page(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(), "html.parser")


def test_every_technique_page_shows_its_data(built_site):
    for tid, t in ATLAS.techniques.items():
        soup = page(built_site, f"techniques/{tid}")
        article = soup.select_one("article")
        text = visible_text(article)
        assert soup.select_one("h1").get_text(strip=True).startswith(t.name)
        for alias in t.aliases:
            assert alias.name in text
        steps = [li.get_text(" ", strip=True) for li in article.select("#how-to-perform ~ ol")[0].select("li")]
        assert len(steps) == len(t.steps)
        for caution in t.safety.contraindications:
            assert caution.split(",")[0][:40] in text
        related_links = {a["href"] for a in article.select("#related ~ ul")[0].select("a")}
        assert related_links == {f"../{r}/" for r in ATLAS.related[tid]}


def test_related_links_go_both_ways(built_site):
    # written once in kneading.yml (related: [rubbing]); shown on both pages
    assert "kneading" not in ATLAS.techniques["rubbing"].related
    rubbing = page(built_site, "techniques/rubbing").select("#related ~ ul")[0]
    assert rubbing.select_one('a[href="../kneading/"]') is not None


def test_index_lists_every_technique_with_summary(built_site):
    text = visible_text(page(built_site, "techniques").select_one("article"))
    for t in ATLAS.techniques.values():
        assert t.name in text and t.summary[:50] in text


def test_no_page_loads_from_another_host(built_site):
    for html in built_site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(), "html.parser")
        for tag in soup.select("script[src], link[href], img[src]"):
            url = tag.get("src") or tag.get("href")
            if tag.name == "link" and tag.get("rel") not in (["stylesheet"], ["preconnect"], ["icon"]):
                continue
            assert not url.startswith(("http:", "https:", "//")), f"{html}: {url}"


def test_bad_data_fails_build_and_writes_nothing(project_copy):
    path = project_copy / "data" / "techniques" / "kneading.yml"
    path.write_text(path.read_text().replace("\nsummary:", "\nsumary:"))
    site = project_copy / "site"
    result = run_mkdocs_build(project_copy, site)
    assert result.returncode != 0
    assert "data/techniques/kneading.yml" in result.stderr and "summary" in result.stderr
    assert "MTA101" in result.stderr and "MTA102" in result.stderr
    assert not site.exists()


def test_adding_one_file_adds_page_index_nav_and_backlink(project_copy):
    src = (project_copy / "data" / "techniques" / "stroking.yml").read_text()
    import yaml
    data = yaml.safe_load(src)
    # A name no glossary term uses: a technique named like one (wringing, say)
    # must take the term over from data/glossary.yml (MTA504 duplicate-term).
    data.update(id="forearm-gliding", name="Forearm gliding", aliases=[], related=["kneading"],
                summary="A test technique.")
    (project_copy / "data" / "techniques" / "forearm-gliding.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    site = project_copy / "site"
    result = run_mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    assert (site / "techniques" / "forearm-gliding" / "index.html").exists()
    assert page(site, "techniques").select_one('article a[href="forearm-gliding/"]')
    # navigation.prune: a section's entries are in the nav of its own pages
    assert page(site, "techniques").select_one('nav a[href="forearm-gliding/"]')
    assert page(site, "techniques/kneading").select("#related ~ ul")[0].select_one('a[href="../forearm-gliding/"]')
    # ... and its comparison-table row, facet pages and glossary entry
    assert page(site, "compare").select_one('tr[data-technique="forearm-gliding"] a[href="../techniques/forearm-gliding/"]')
    assert page(site, f"browse/family/{data['family']}").select_one('article a[href="../../../techniques/forearm-gliding/"]')
    assert page(site, "glossary").select_one("#term-forearm-gliding")
