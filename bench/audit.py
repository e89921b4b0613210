"""`make audit`: Lighthouse (pinned in package-lock.json) on one page of each
kind listed in bench/audit-pages.yml, in Debian's Chromium, against the built
site served locally the way static hosts serve it (bench/static_host.py).
Prints the four category scores per page and fails below the budget.

One run's performance score swings by several points on the same page (the
machine's other work, timers), so each page is run --runs times (3 unless
told) and judged by the run Lighthouse itself calls the median
(core/lib/median-run.js: the run nearest the median first paint and time to
interactive), as Lighthouse's docs/variability.md advises. Every run's
performance score and the machine's benchmarkIndex are printed beside it.

    python bench/audit.py SITE_DIR [--preset mobile|desktop] [--runs N]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))
from static_host import serve  # noqa: E402

LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
MEDIAN_RUN = PROJECT / "node_modules" / "lighthouse" / "core" / "lib" / "median-run.js"
BUDGET = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
# Headless, and none of Chromium's own calls to other hosts (no network is needed).
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
                "--disable-component-update --disable-sync --disable-default-apps --disable-extensions")


def resolve(site: Path, path: str) -> str | None:
    """The page a listed path stands for, or None when the site does not have it yet."""
    if path.endswith("*/"):
        folder = site / path[:-2]
        pages = sorted(p.parent for p in folder.glob("*/index.html")) if folder.is_dir() else []
        return pages[0].relative_to(site).as_posix() + "/" if pages else None
    return path if (site / path / "index.html").is_file() else None


def lighthouse(url: str, preset: str, report: Path) -> dict:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(BUDGET)]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env, timeout=300)
    return json.loads(report.read_text())


def median_run(reports: list[Path]) -> int:
    """Index of the run Lighthouse's computeMedianRun picks among the reports."""
    script = ("import {computeMedianRun} from %s; import fs from 'node:fs';"
              "const runs = process.argv.slice(1).map(f => JSON.parse(fs.readFileSync(f, 'utf8')));"
              "console.log(runs.indexOf(computeMedianRun(runs)));") % json.dumps(MEDIAN_RUN.as_uri())
    out = subprocess.run(["node", "--input-type=module", "-e", script, *map(str, reports)],
                         check=True, capture_output=True, text=True, timeout=60)
    return int(out.stdout.strip())


def failing_audits(result: dict, category: str) -> list[str]:
    refs = result["categories"][category]["auditRefs"]
    out = []
    for ref in refs:
        audit = result["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            out.append(f"{audit['id']} ({audit.get('displayValue', '') or audit['score']})")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median run is judged")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci` (make audit does).", file=sys.stderr)
        return 2
    pages = yaml.safe_load((HERE / "audit-pages.yml").read_text())
    url, httpd = serve(args.site)
    failures, audited = [], 0
    print(f"Lighthouse ({args.preset}, median of {args.runs} runs); budget: "
          + ", ".join(f"{k} {v}" for k, v in BUDGET.items()))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for entry in pages:
                path = resolve(args.site, entry["path"])
                if path is None:
                    print(f"  skip  {entry['name']}: /{entry['path']} is not in the built site yet")
                    continue
                reports = [Path(tmp) / f"report-{run}.json" for run in range(args.runs)]
                results = [lighthouse(f"{url}/{path}", args.preset, report) for report in reports]
                result = results[median_run(reports)] if len(results) > 1 else results[0]
                audited += 1
                scores = {k: round(result["categories"][k]["score"] * 100) for k in BUDGET}
                exempt = entry.get("not_judged", {})
                low = [k for k in BUDGET if scores[k] < BUDGET[k] and k not in exempt]
                print(f"  {'FAIL' if low else 'ok  '}  {entry['name']:<17} /{path:<34} "
                      + "  ".join(f"{k} {scores[k]:>3}" for k in BUDGET))
                print("          performance by run: "
                      + ", ".join(str(round(r["categories"]["performance"]["score"] * 100)) for r in results)
                      + "; benchmarkIndex " + ", ".join(str(round(r["environment"]["benchmarkIndex"])) for r in results))
                for k, why in exempt.items():
                    print(f"          {k} not judged: {why}")
                for k in low:
                    print(f"          {k}: {', '.join(failing_audits(result, k)) or 'see the report'}")
                    failures.append(f"{entry['name']} {k} {scores[k]} < {BUDGET[k]}")
    finally:
        httpd.shutdown()
    print(f"{audited} page(s) audited, {len(failures)} score(s) below budget")
    return 1 if failures or not audited else 0


if __name__ == "__main__":
    sys.exit(main())
