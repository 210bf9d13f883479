"""Bytes on gh-pages per clinic per edition: a real `careguide publish` into a throwaway repository.

    .venv/bin/python bench/edition_size.py [--clinics 10] [--smoke] [--no-write]

Both sides publish the same synthetic clinics (bench/projects.py), both languages with their
handouts, as one edition committed to the local gh-pages branch of a copy of this project. The
baseline is the same publish with slimming and shared theme files left out
(bench/careguide_steps.py --no-slim): what the engine writes, a full theme in each clinic. Sizes are the blobs of the committed tree (`git ls-tree
-l`), so they are what GitHub Pages stores and counts toward its 1 GB limit. The projection is
200 clinics x 5 editions (each edition a full copy: mike keeps every edition online), plus one
network index and 404 page per branch. --smoke: 1 clinic, nothing written.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from projects import copy_project, synthetic_clinics  # noqa: E402
from results import Section  # noqa: E402
from timing import run  # noqa: E402

STEPS = [sys.executable, str(Path(__file__).with_name("careguide_steps.py"))]
NETWORK, EDITIONS = 200, 5
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@careguide.invalid", "-c", "init.defaultBranch=main"]


def publish(project: Path, no_slim: bool) -> dict[str, int]:
    """Publish `project`'s clinics as its edition; bytes on gh-pages per top-level folder or file."""
    edition = _edition(project)
    flags = ["--no-slim"] if no_slim else []
    run([*STEPS, *flags, "--", "--root", str(project), "publish", "--edition", edition, "--jobs", "2", "--no-cache"])
    listing = subprocess.run([*GIT, "ls-tree", "-r", "-l", "gh-pages"], cwd=project, capture_output=True, text=True, check=True).stdout
    sizes: dict[str, int] = defaultdict(int)
    for line in listing.splitlines():
        meta, path = line.split("\t", 1)
        size = meta.split()[3]
        if size != "-":
            sizes[path.split("/", 1)[0]] += int(size)
    return dict(sizes)


def _edition(project: Path) -> str:
    """extra.edition of the project's mkdocs.yml (it carries !ENV and Python tags: read the one line)."""
    found = re.search(r"^\s+edition:\s*[\"']?([\w.]+)", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    if found:
        return found.group(1)
    raise SystemExit("bench/edition_size.py: mkdocs.yml has no extra.edition; update the benchmark")


def repository(target: Path, count: int) -> Path:
    project = copy_project(target, synthetic_clinics(count))
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "the project"]):
        subprocess.run([*GIT, *command], cwd=project, check=True, capture_output=True)
    return project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinics", type=int, default=10)
    parser.add_argument("--smoke", action="store_true", help="1 clinic, nothing written")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    count = 1 if args.smoke else args.clinics
    section = Section(
        "Edition size on gh-pages",
        "(issue 19) at most 0.6 MB per clinic per edition, with its PDFs; 200 clinics x 5 editions under 1 GB.",
    )
    measured = {}
    with tempfile.TemporaryDirectory(prefix="careguide-bench-size-") as tmp:
        for name, no_slim in (("baseline", True), ("slimmed", False)):
            sizes = publish(repository(Path(tmp) / name, count), no_slim)
            clinics = [size for folder, size in sizes.items() if folder.startswith("synthetic-")]
            shared = sum(size for folder, size in sizes.items() if not folder.startswith("synthetic-"))
            per_clinic = sum(clinics) / len(clinics)
            measured[name] = (per_clinic, shared, per_clinic * NETWORK * EDITIONS + shared)
    mb = 1e6
    lines = [
        f"{count} synthetic clinics published as one edition (both languages, both handouts each).",
        "",
        "| | per clinic per edition (MB) | at the branch root, once: index, 404, shared theme (MB) "
        f"| projected, {NETWORK} clinics x {EDITIONS} editions (GB) |",
        "|---|---:|---:|---:|",
    ]
    labels = {"baseline": "baseline: the engine's output (no slimming)", "slimmed": "careguide publish (slimmed)"}
    for name, (per_clinic, shared, projected) in measured.items():
        lines.append(f"| {labels[name]} | {per_clinic / mb:.2f} | {shared / mb:.3f} | {projected / 1e9:.2f} |")
    ratio = measured["slimmed"][0] / measured["baseline"][0]
    lines += ["", f"Slimmed / baseline, per clinic: {ratio:.2f}."]
    section.emit(
        lines,
        baseline={"baseline per clinic (MB)": measured["baseline"][0] / mb},
        measured={"slimmed per clinic (MB)": measured["slimmed"][0] / mb, "slimmed / baseline": ratio,
                  "projected (GB)": measured["slimmed"][2] / 1e9},
        write=not (args.smoke or args.no_write),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
