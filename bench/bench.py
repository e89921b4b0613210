"""`make bench`: build-time and page-weight figures. Prints; asserts nothing.

(a) the real site's full build next to the same pages as plain Markdown (the
    macros' output, dumped during a real build) built without macros or hooks;
(b) build time and ms per page for 50, 200 and 1,000 synthetic techniques;
(c) the weight of one page of each type: HTML, gzipped HTML, and everything
    the page transfers in Chromium from a gzip static host;
(d) how long `mkdocs serve` takes to rebuild after one data file changes.

Every build runs `mkdocs build` in a fresh process in a temporary copy, like a
user would; its CPU time (best of BUILD_RUNS) is reported, since wall time on
a shared machine measures the neighbours. Targets (issue 8) are printed beside figures.
"""
from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT / "tests"))
sys.path.insert(0, str(HERE))
from sitecrawl import html_pages, page_types  # noqa: E402
from static_host import serve  # noqa: E402

SITE_PARTS = ("mkdocs.yml", "docs", "macros", "data", "overrides")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BUILD_RUNS = 3
SERVE_PORT = int(os.environ.get("BENCH_PORT", "8104"))

# A hook that writes every page's Markdown as it stands after the macros ran
# (lowest priority: after every other plugin), and the filled-in nav, so the
# same pages can be built again without macros.
DUMP_HOOK = '''
from pathlib import Path
import yaml
from mkdocs.plugins import event_priority
OUT = Path(__file__).parent / "plain-docs"

@event_priority(-100)
def on_config(config):
    (Path(__file__).parent / "plain-nav.yml").write_text(yaml.safe_dump(config.nav, allow_unicode=True))

@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    target = OUT / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(page.meta, allow_unicode=True) if page.meta else ""
    target.write_text(("---\\n" + front + "---\\n\\n" if front else "") + markdown)
    return markdown
'''


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for part in SITE_PARTS:
        src = PROJECT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, target / part)
    return target


def mkdocs_build(project: Path, config: str = "mkdocs.yml", site: Path | None = None) -> float:
    """CPU seconds (user + system) of one `mkdocs build` in a new process.

    CPU time, not wall time: the machine is shared, and CPU time is what the
    build itself costs whatever else runs beside it (the build is single-threaded).
    """
    site = site or project / "site"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(site)],
                            cwd=project, env=ENV, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_build(project: Path, config: str = "mkdocs.yml") -> tuple[float, Path]:
    site = project / "site"
    times = [mkdocs_build(project, config, site) for _ in range(BUILD_RUNS)]
    return min(times), site


# --- (a) macro overhead --------------------------------------------------------

def macro_overhead(work: Path, techniques: int | None = None) -> None:
    """``techniques``: grow the data to that many first (the fixed cost of a build shrinks per page)."""
    project = copy_project(work / f"overhead-{techniques or 'real'}")
    if techniques:
        synthesize(project, techniques)
    (project / "bench_dump.py").write_text(DUMP_HOOK)
    shutil.copytree(project / "docs", project / "plain-docs")
    hooks = yaml.safe_load(re.search(r"^hooks:\n(?:  - .*\n)+", (PROJECT / "mkdocs.yml").read_text(), re.M).group(0))
    (project / "mkdocs-dump.yml").write_text(yaml.safe_dump(
        {"INHERIT": "mkdocs.yml", "hooks": [*hooks["hooks"], "bench_dump.py"]}))
    mkdocs_build(project, "mkdocs-dump.yml", project / "dump-site")
    nav = yaml.safe_load((project / "plain-nav.yml").read_text())
    (project / "mkdocs-plain.yml").write_text(yaml.safe_dump(
        {"INHERIT": "mkdocs.yml", "docs_dir": "plain-docs", "plugins": ["search"], "hooks": [], "nav": nav},
        allow_unicode=True))
    with_macros, site = best_build(project)
    plain, plain_site = best_build(project, "mkdocs-plain.yml")
    pages, plain_pages = len(html_pages(site)), len(html_pages(plain_site))
    what = f"{techniques} synthetic techniques" if techniques else "the real site"
    print(f"(a) macro overhead: {what}, then the same pages as plain Markdown (no macros, no hooks)")
    print(f"    with macros   {with_macros:6.2f} s CPU  {pages} pages")
    print(f"    plain         {plain:6.2f} s CPU  {plain_pages} pages")
    print(f"    ratio         {with_macros / plain:6.2f}   (target <= 1.15)")


# --- (b) scale -------------------------------------------------------------------

def synthesize(project: Path, count: int) -> None:
    """Grow data/techniques to ``count`` techniques: the real ones (hand-written
    pages link to them) plus clones of them under new ids and names."""
    folder = project / "data" / "techniques"
    originals = [yaml.safe_load(p.read_text()) for p in sorted(folder.glob("*.yml"))]
    header = (PROJECT / "data" / "techniques" / "kneading.yml").read_text().splitlines()[0]
    clones = count - len(originals)
    ids = [f"{originals[i % len(originals)]['id']}-{i:04d}" for i in range(clones)]
    for i, tid in enumerate(ids):
        data = dict(originals[i % len(originals)])
        data["id"] = tid
        data["name"] = f"{data['name']} {i:04d}"
        data["aliases"] = [{**a, "name": f"{a['name']} {i:04d}"} for a in data.get("aliases", [])]
        data["related"] = [ids[i - 1]] if i else []  # one side only, like authors write it
        (folder / f"{tid}.yml").write_text(header + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def scale(work: Path, sizes: list[int]) -> None:
    print("(b) scale: synthetic techniques cloned from the real ones")
    print(f"    {'techniques':>10} {'pages':>6} {'CPU s':>8} {'ms/page':>8} {'tech. page KB':>14}")
    per_page = {}
    for count in sizes:
        project = copy_project(work / f"scale-{count}")
        synthesize(project, count)
        runs = 1 if count >= 1000 else BUILD_RUNS
        seconds = min(mkdocs_build(project) for _ in range(runs))
        site = project / "site"
        pages = len(html_pages(site))
        technique = site / "techniques" / "kneading" / "index.html"
        per_page[count] = seconds * 1000 / pages
        print(f"    {count:>10} {pages:>6} {seconds:>8.2f} {per_page[count]:>8.1f} {technique.stat().st_size / 1024:>14.1f}")
        shutil.rmtree(project)
    if len(per_page) > 1:
        lo, hi = min(per_page), max(per_page)
        print(f"    ms/page at {hi} / at {lo}: {per_page[hi] / per_page[lo]:.2f}   (target <= 1.5)")


# --- (c) page weight --------------------------------------------------------------

def page_weight(site: Path) -> None:
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    print("(c) page weight, one page of each type (transferred: everything the page loads, gzip host, cold cache)")
    print(f"    {'page':<50} {'HTML KB':>8} {'gzip KB':>8} {'transferred KB':>15} {'requests':>9}")
    url, httpd = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for kind, paths in page_types(site).items():
                path = paths[0]
                html = (site / path / "index.html") if not path.endswith(".html") else site / path
                raw = html.read_bytes()
                context = browser.new_context()
                page = context.new_page()
                sizes = []
                page.on("response", lambda r: sizes.append(r))
                page.goto(f"{url}/{path}", wait_until="networkidle")
                transferred = sum(r.request.sizes()["responseBodySize"] + r.request.sizes()["responseHeadersSize"]
                                  for r in sizes)
                print(f"    {kind + ' (/' + path + ')':<50} {len(raw) / 1024:>8.1f} "
                      f"{len(gzip.compress(raw)) / 1024:>8.1f} {transferred / 1024:>15.1f} {len(sizes):>9}")
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
    print("    target: technique page HTML <= 60 KB")


# --- (d) serve rebuild --------------------------------------------------------------

def serve_rebuild(work: Path) -> None:
    project = copy_project(work / "serve")
    log = (work / "serve.log").open("w+")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{SERVE_PORT}"],
                              cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    built = re.compile(r"Documentation built in ([\d.]+) seconds")
    try:
        def wait_for(count: int, timeout: float = 120) -> float:
            deadline = time.perf_counter() + timeout
            while time.perf_counter() < deadline:
                log.seek(0)
                found = built.findall(log.read())
                if len(found) >= count:
                    return float(found[count - 1])
                time.sleep(0.05)
            log.seek(0)
            raise SystemExit("mkdocs serve did not finish building:\n" + log.read()[-3000:])
        wait_for(1)
        times = []
        path = project / "data" / "techniques" / "kneading.yml"
        for i in range(3):
            time.sleep(1.0)
            started = time.perf_counter()
            path.write_text(path.read_text() + f"# edit {i}\n")
            reported = wait_for(2 + i)
            times.append((time.perf_counter() - started, reported))
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    wall = statistics.median(t for t, _ in times)
    reported = statistics.median(r for _, r in times)
    print("(d) mkdocs serve: one data file changed -> rebuilt (median of 3)")
    print(f"    {wall:.2f} s from the file write to the end of the rebuild "
          f"(MkDocs reports {reported:.2f} s of building; the rest is its file watcher's delay)")
    print("    target: <= 1.5 s")


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    load = os.getloadavg()[0]
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, load average {load:.1f} at start"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,200,1000", help="synthetic technique counts")
    parser.add_argument("--only", default="abcd", help="which parts to run, e.g. `ab`")
    args = parser.parse_args(argv)
    print("machine:", machine())
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        work = Path(tmp)
        if "a" in args.only:
            macro_overhead(work)
            macro_overhead(work, 200)
        if "b" in args.only:
            scale(work, [int(n) for n in args.sizes.split(",")])
        if "c" in args.only:
            site = work / "weight-site"
            mkdocs_build(copy_project(work / "weight"), site=site)
            page_weight(site)
        if "d" in args.only:
            serve_rebuild(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
