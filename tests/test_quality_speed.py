"""What keeps the pages fast to show (bench/audit.py measures it; these check
the choices it depends on stay in place): Material's bundle does not hold up
the first paint, and a step diagram keeps its size while the browser skips
drawing it off screen."""
from __future__ import annotations

import re

import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT
from sitecrawl import html_pages

BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


def atlas_scripts() -> list[str]:
    """The scripts mkdocs.yml adds to every page (its extra_javascript paths)."""
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)  # !ENV tags as text
    return [entry["path"] if isinstance(entry, dict) else entry for entry in config["extra_javascript"]]


def scripts(page) -> list:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("script", src=True)


def test_material_bundle_is_deferred_and_runs_before_the_atlas_scripts(built_site):
    checked = 0
    for page in html_pages(built_site):
        tags = scripts(page)
        bundles = [i for i, tag in enumerate(tags) if BUNDLE.search(tag["src"])]
        if not bundles:
            continue  # the embed cards carry no Material script
        checked += 1
        name = page.relative_to(built_site)
        assert len(bundles) == 1, f"{name}: Material's bundle is included {len(bundles)} times"
        bundle = tags[bundles[0]]
        assert bundle.has_attr("defer") and not bundle.has_attr("async"), f"{name}: {bundle}"
        # Deferred scripts run in document order: ours subscribe to the bundle's document$.
        ours = [i for i, tag in enumerate(tags) if tag["src"].endswith(tuple(atlas_scripts()))]
        assert len(ours) == len(atlas_scripts()), f"{name}: {[tag['src'] for tag in tags]}"
        assert min(ours) > bundles[0], f"{name}: an atlas script comes before Material's bundle"
        assert all(tags[i].has_attr("defer") for i in ours), name
    assert checked > 20


def test_step_diagrams_state_the_aspect_ratio_of_their_view_box(built_site):
    diagrams = 0
    for page in sorted((built_site / "guides").glob("*/index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for svg in soup.select(".atlas-step-figure svg.atlas-fig"):
            diagrams += 1
            _, _, width, height = (float(v) for v in svg["viewbox"].split())
            ratio = re.search(r"--atlas-ratio:\s*([\d.]+)\s*/\s*([\d.]+)", svg["style"])
            assert ratio, f"{page.relative_to(built_site)}: {svg['aria-labelledby']}"
            assert (float(ratio[1]), float(ratio[2])) == (width, height)
    assert diagrams > 10
