"""Shared fixtures: paths, and one real `mkdocs build` of the real site per session."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
FIXTURES = PROJECT / "tests" / "fixtures"
SITE_PARTS = ("mkdocs.yml", "docs", "macros", "data", "overrides")


def run_mkdocs_build(project: Path, site_dir: Path, **env_vars: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env_vars}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


def visible_text(element) -> str:
    """An element's text as a reader sees it, whitespace collapsed.

    Not ``get_text(" ")``: that puts a space at every tag, and glossary terms
    are wrapped in <abbr> tags, so "varicose veins;" would read "varicose veins ;".
    """
    return " ".join(element.get_text().split())


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(PROJECT, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project sources, safe to break."""
    import shutil
    for part in SITE_PARTS:
        src = PROJECT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, tmp_path / part)
    return tmp_path


# --- headless Chromium -----------------------------------------------------
# Debian's Chromium through Playwright's executable_path: no browser is ever
# downloaded. The flags stop Chromium's own background calls to other hosts.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def serve_directory(directory: Path):
    """Serve a folder on a free local port in a thread; returns (url, server)."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd


@pytest.fixture(scope="session")
def server(built_site):
    """The real built site, served over HTTP (search needs it; file:// does not work)."""
    url, httpd = serve_directory(built_site)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session; each test opens its own page or context."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# --- linking: one extra build with its own data ----------------------------
RENAMED = ("stroking", "light-stroking")  # (old id, new id)
RENAMED_SITE_URL = "https://atlas.example.org/atlas/"


@pytest.fixture(scope="session")
def renamed_site(tmp_path_factory) -> Path:
    """A copy of the project in which `stroking` was renamed `light-stroking`
    (with `old_ids: [stroking]`, and the references to it in other files
    updated, as CONTRIBUTING.md asks), built with SITE_URL set: for redirects
    and for the absolute URLs that only exist when the site knows its address."""
    import re
    import yaml
    project = tmp_path_factory.mktemp("renamed")
    for part in SITE_PARTS:
        src = PROJECT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / part)
    old, new = RENAMED
    path = project / "data" / "techniques" / f"{old}.yml"
    data = yaml.safe_load(path.read_text())
    data.update(id=new, old_ids=[old])
    (project / "data" / "techniques" / f"{new}.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    path.unlink()
    # References are ids on their own line: `technique: <id>` in guide steps, `- <id>` in `related`.
    reference = re.compile(rf"^(\s*(?:technique: |- )){re.escape(old)}$", re.M)
    for other in (project / "data").glob("*/*.yml"):
        if other.stem != new:  # its own old_ids keep the old id
            other.write_text(reference.sub(rf"\g<1>{new}", other.read_text()))
    # Claims naming the technique follow the rename, as its author would update them.
    for claim_file in (project / "data" / "claims").glob("*.yml"):
        claim = yaml.safe_load(claim_file.read_text())
        if old in (claim.get("techniques") or []):
            claim["techniques"] = [new if t == old else t for t in claim["techniques"]]
            claim_file.write_text(yaml.safe_dump(claim, sort_keys=False))
    site = project / "site"
    result = run_mkdocs_build(project, site, SITE_URL=RENAMED_SITE_URL)
    assert result.returncode == 0, result.stderr
    return site
