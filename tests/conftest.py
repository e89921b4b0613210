"""Shared fixtures: paths, and one real `mkdocs build` of the real site per session."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
FIXTURES = PROJECT / "tests" / "fixtures"
SITE_PARTS = ("mkdocs.yml", "docs", "macros", "data", "overrides")


def run_mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


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
