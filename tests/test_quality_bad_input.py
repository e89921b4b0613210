"""Bad input: every file in the corpus (tests/fixtures/bad-input) fails with a
clear message naming its file, field and rule, quickly; HTML and script typed
into text fields is shown as text and never runs (checked in Chromium); and a
failed `make build` leaves the previous site/ untouched."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, PROJECT, SITE_PARTS, serve_directory
from macros.atlas.catalog import load_atlas
from macros.atlas.problems import RULES, DataError

CORPUS = sorted(p for p in (FIXTURES / "bad-input").iterdir() if p.is_dir())


@contextmanager
def at_most(seconds: int):
    """Fail instead of hanging: bad input must be rejected fast, not expanded."""
    def stop(*_):
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def overlay(case: Path, root: Path) -> Path:
    data = root / "data"
    shutil.copytree(FIXTURES / "valid", data)
    shutil.copytree(case, data, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expect.yml"))
    return data


@pytest.mark.parametrize("case", CORPUS, ids=[p.name for p in CORPUS])
def test_bad_input_fails_with_a_message_naming_file_and_field(case, tmp_path):
    expect = yaml.safe_load((case / "expect.yml").read_text())
    with at_most(10), pytest.raises(DataError) as caught:
        load_atlas(overlay(case, tmp_path), tmp_path)
    matching = [p for p in caught.value.problems
                if p.code == expect["code"] and p.file == expect["file"]
                and ("field" not in expect or p.field == expect["field"])]
    assert matching, f"expected {expect}, got:\n{caught.value}"
    problem = matching[0]
    assert expect["message"].lower() in problem.message.lower(), str(problem)
    if "line" in expect:
        assert problem.line == expect["line"], str(problem)
    text = str(problem)
    assert text.startswith(expect["file"]) and f"{problem.code} {RULES[problem.code].name}" in text
    if problem.field:
        assert f" {problem.field}:" in text
    assert len(text) < 1000, "a message must stay readable, not echo a huge value"


# --- HTML and script typed into text fields ----------------------------------
# Raw HTML is escaped wherever data is output (it is shown as text); only what
# escaping cannot neutralise is rejected (MTA104, see the corpus above).
FLAG = "__atlasInjected"
PAYLOADS = {
    "script": f"<script>window.{FLAG}=1</script>",
    "img": f'<img src=x onerror="window.{FLAG}=2">',
    "svg": f'<svg onload="window.{FLAG}=3">',
    "quote": f'" autofocus onfocus="window.{FLAG}=4" x="',
    "close-title": f"</title><script>window.{FLAG}=5</script>",
    "entity": f"&lt;img src=x onerror=window.{FLAG}=6&gt;",
}


def inject(path: Path) -> dict[str, str]:
    """Put a payload into every kind of text field of one technique file; returns field -> text."""
    data = yaml.safe_load(path.read_text())
    placed = {
        "name": f"Kneading {PAYLOADS['img']}",
        "summary": f"Lifting muscle {PAYLOADS['quote']} and {PAYLOADS['script']}",
        "description": f"Kneading works on muscle. {PAYLOADS['script']} {PAYLOADS['img']}\n\n"
                       f"Second paragraph {PAYLOADS['entity']}.",
        "rhythm": f"Even {PAYLOADS['close-title']}",
    }
    data.update(placed)
    data["steps"][0] = f"Warm the area {PAYLOADS['svg']}"
    data["aliases"][0]["name"] = f"petrissage {PAYLOADS['quote']}"
    data["safety"]["stop_if"][0] = f"Sharp pain {PAYLOADS['img']}"
    placed.update({"steps[0]": data["steps"][0], "aliases[0].name": data["aliases"][0]["name"],
                   "safety.stop_if[0]": data["safety"]["stop_if"][0]})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return placed


def test_injected_html_is_shown_as_text_and_never_runs(project_copy, browser):
    from conftest import run_mkdocs_build
    placed = inject(project_copy / "data" / "techniques" / "kneading.yml")
    site = project_copy / "site"
    result = run_mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    url, httpd = serve_directory(site)
    dialogs = []
    try:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("techniques/kneading/", "", "techniques/", "techniques/rubbing/", "embed/techniques/kneading/"):
            page.goto(f"{url}/{path}", wait_until="load")
            page.keyboard.press("Tab")  # would fire an injected onfocus
            assert page.evaluate(f"window.{FLAG}") is None, f"an injected script ran on /{path}"
            # No element anywhere carries an event-handler attribute.
            handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(el =>
                [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))""")
            assert handlers == [], (path, handlers)
        page.goto(f"{url}/techniques/kneading/", wait_until="load")
        body = page.locator("article").inner_text()
        for field in ("description", "steps[0]", "safety.stop_if[0]", "aliases[0].name"):
            for fragment in (PAYLOADS["script"], PAYLOADS["img"], PAYLOADS["svg"], PAYLOADS["quote"]):
                if fragment in placed[field]:
                    assert fragment in body, f"{field}: `{fragment}` is not shown as text"
        assert PAYLOADS["entity"] in body  # an entity typed in the data is shown as typed
        assert page.locator("h1").inner_text().strip() == placed["name"]
        assert placed["name"] in page.title()
        description = page.locator('meta[name="description"]').get_attribute("content")
        assert description == placed["summary"]
        # Templates that escape (link previews, embed cards) must not escape twice.
        for meta in page.locator('meta[property="og:description"]').all():
            assert meta.get_attribute("content") == placed["summary"]
        if (site / "embed" / "techniques" / "kneading" / "index.html").exists():
            page.goto(f"{url}/embed/techniques/kneading/", wait_until="load")
            assert page.title().startswith(placed["name"] + " - "), page.title()
            assert page.evaluate(f"window.{FLAG}") is None
        page.close()
    finally:
        httpd.shutdown()
    assert dialogs == []


def test_script_markup_is_rejected_before_the_site_is_written(project_copy):
    from conftest import run_mkdocs_build
    path = project_copy / "data" / "techniques" / "kneading.yml"
    path.write_text(path.read_text().replace(
        "\nsummary: ", "\nsummary: See [the video](javascript:alert(1)). ", 1))
    site = project_copy / "site"
    result = run_mkdocs_build(project_copy, site)
    assert result.returncode != 0
    assert "data/techniques/kneading.yml" in result.stderr and "summary:" in result.stderr
    assert "MTA104 unsafe-markup" in result.stderr
    assert not site.exists()


# --- make build swaps the site in only on success -----------------------------

def make_build(project: Path) -> subprocess.CompletedProcess:
    """The real `make build` in a copy, using this checkout's .venv (nothing installed)."""
    venv = Path(os.environ.get("VIRTUAL_ENV") or PROJECT / ".venv")
    return subprocess.run(["make", "--no-print-directory", "build", f"VENV={venv}"], cwd=project,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def make_project(project_copy):
    for name in ("Makefile", "requirements.txt", "constraints.txt"):
        shutil.copy2(PROJECT / name, project_copy / name)
    return project_copy


def test_failed_make_build_leaves_the_previous_site_untouched(make_project):
    first = make_build(make_project)
    assert first.returncode == 0, first.stderr
    site = make_project / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert Path("techniques/kneading/index.html") in before

    # 1. Bad data: stops before anything is written.
    data = make_project / "data" / "techniques" / "kneading.yml"
    good = data.read_text()
    data.write_text(good.replace("\nsummary:", "\nsumary:"))
    failed = make_build(make_project)
    assert failed.returncode != 0 and "data/techniques/kneading.yml" in failed.stderr

    # 2. A failure half-way through writing pages: a theme template that breaks
    #    on one late page, after earlier pages and assets have been written.
    data.write_text(good)
    (make_project / "overrides" / "boom.html").write_text(
        '{% extends "main.html" %}{% block content %}{{ no_such_function() }}{% endblock %}')
    (make_project / "docs" / "zz-late.md").write_text("---\ntemplate: boom.html\n---\n# Late\n")
    failed = make_build(make_project)
    assert failed.returncode != 0 and "no_such_function" in failed.stderr
    scratch = make_project / ".site-build"
    assert (scratch / "index.html").exists(), "the scenario should leave a half-written scratch build"

    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before, "a failed build changed site/"


def test_failed_first_make_build_leaves_no_site(make_project):
    data = make_project / "data" / "techniques" / "kneading.yml"
    data.write_text(data.read_text().replace("\nsummary:", "\nsumary:"))
    assert make_build(make_project).returncode != 0
    assert not (make_project / "site").exists()
