"""Every benchmark in bench/ still runs: each script's --smoke mode (tiny sizes, one run,
nothing written), asserting only that it completes and prints a well-formed result with
its same-run baseline. No timing is asserted: this proves the benchmark works, not how fast
anything is. A change to the project's layout or pipeline that breaks a benchmark fails here.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"

# script and arguments -> the section title its result must carry, and how its table names the baseline
SMOKE_RUNS = {
    ("single.py", "--engine", "mkdocs"): ("One clinic (MkDocs + Material)", "baseline: plain Material"),
    ("network.py", "--engine", "zensical"): ("Network build, HTML (Zensical)", "baseline, separate builds"),
    ("pdf.py",): ("PDF handout", "baseline: the English pages as plain HTML"),
    ("languages.py",): ("Second language, Spanish (MkDocs + Material)", "baseline: English"),
    # --offline: the Lighthouse that `make test` installed; the suite asks no registry
    ("lighthouse.py", "--offline"): ("Lighthouse", "baseline: plain Material"),
    ("suite.py",): ("Test suite", "baseline: the budget"),
    ("search.py",): ("Search", "baseline: Material's lunr"),
    ("edition_size.py",): ("Edition size on gh-pages", "baseline: the engine's output (no slimming)"),
    ("incremental.py",): ("Incremental builds (MkDocs + Material)", "baseline: full build"),
}


def test_every_benchmark_script_has_a_smoke_run():
    scripts = {path.name for path in (ROOT / "bench").glob("*.py")}
    helpers = {"results.py", "projects.py", "timing.py", "careguide_steps.py"}
    assert scripts - helpers == {run[0] for run in SMOKE_RUNS}


# A careguide build or publish a benchmark times: `--root <project>`, then the command.
CAREGUIDE_RUN = re.compile(r'"--root", str\(\w+\), "(build|publish)"[^\n]*')


def test_benchmarks_time_fresh_builds_unless_they_measure_the_cache():
    # With the build cache on (the default), a benchmark's second build of the same clinic would
    # time a restore: every figure but the cache's own must come from --no-cache builds.
    unfresh = {
        path.name: run
        for path in sorted((ROOT / "bench").glob("*.py"))
        if path.name != "incremental.py"
        for run in (found.group(0) for found in CAREGUIDE_RUN.finditer(path.read_text()))
        if "--no-cache" not in run
    }
    assert unfresh == {}


def smoke(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args, "--smoke"], cwd=ROOT, capture_output=True, text=True
    )


def result_of(output: str) -> dict:
    """The benchmark's last line, `RESULT {json}` (bench/results.py)."""
    last = output.rstrip("\n").splitlines()[-1]
    assert last.startswith("RESULT "), f"the last line is not a RESULT line: {last!r}"
    return json.loads(last[len("RESULT "):])


def assert_figures(figures: dict) -> None:
    assert figures, "no figures"
    for name, value in figures.items():
        assert isinstance(value, int | float) and math.isfinite(value) and value > 0, f"{name}: {value!r}"


@pytest.mark.parametrize("run", list(SMOKE_RUNS), ids=lambda run: " ".join(run))
def test_benchmark_smoke_run_completes_with_its_baseline_and_writes_nothing(run):
    title, baseline = SMOKE_RUNS[run]
    before = RESULTS.read_bytes() if RESULTS.exists() else None  # `make bench` starts a new one
    done = smoke(*run)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = result_of(done.stdout)
    assert result["title"] == title
    assert_figures(result["baseline"])
    assert_figures(result["measured"])
    table = [line for line in done.stdout.splitlines() if line.startswith("|")]
    assert any(f"| {baseline}" in line for line in table), f"no `{baseline}` row or column in:\n" + "\n".join(table)
    assert f"## {title}\n" in done.stdout
    assert "Command: `.venv/bin/python bench/" in done.stdout
    after = RESULTS.read_bytes() if RESULTS.exists() else None
    assert after == before, "a smoke run must not write bench/RESULTS.md"


def test_a_benchmark_that_fails_reports_it_and_prints_no_result(tmp_path):
    # The RESULT line is printed only after every figure is measured; a failing command stops first.
    done = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, 'bench'); from timing import run; run(['false'])"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode != 0
    assert "false failed (exit 1)" in done.stderr
    assert "RESULT" not in done.stdout
