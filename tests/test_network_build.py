"""`careguide build` at scale: the same output as one clinic built alone, and no state shared between clinics."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CLINIC_IDS, ROOT, copy_project, run_careguide

# Files whose bytes legitimately differ between two builds of the same input.
BUILD_STAMPED = {".pdf", ".gz"}


def comparable_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix not in BUILD_STAMPED
    }


def assert_same_tree(actual: Path, expected: Path) -> None:
    got, want = comparable_files(actual), comparable_files(expected)
    assert sorted(got) == sorted(want)
    different = [name for name in want if got[name] != want[name]]
    assert not different, f"files differ: {different[:10]}"


def standalone_build(project: Path, clinic_id: str, out: Path, engine: str = "mkdocs") -> Path:
    """One clinic built on its own, in its own process: careguide build --clinic <id> --jobs 1."""
    result = run_careguide(
        "build", "--engine", engine, "--clinic", clinic_id, "--jobs", "1", "--site-dir", str(out), root=project
    )
    assert result.returncode == 0, result.stderr
    return out / clinic_id


@pytest.fixture(scope="module")
def standalone_builds(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("standalone")
    return {clinic_id: standalone_build(ROOT, clinic_id, out / clinic_id) for clinic_id in CLINIC_IDS}


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_a_network_build_writes_each_clinic_as_a_build_of_that_clinic_alone(built_site, standalone_builds, clinic_id):
    assert_same_tree(built_site.clinic(clinic_id), standalone_builds[clinic_id])


def test_a_zensical_network_build_writes_a_clinic_as_a_zensical_build_of_it_alone(engine_site, tmp_path):
    # Zensical runs one process per language build with its own cache (engines/zensical.py):
    # two clinics built at once must not see each other's pages.
    alone = standalone_build(ROOT, "example-baltimore", tmp_path / "alone", engine="zensical")
    assert_same_tree(engine_site("zensical").clinic("example-baltimore"), alone)


def test_no_state_leaks_from_one_clinic_to_the_next(tmp_path):
    """One worker process building A, B, then A again (as a pool worker does) writes A twice
    the same, and each as a build of that clinic alone."""
    project = copy_project(tmp_path / "project")  # two test clinics, whatever clinics/ holds
    first, second = "test-baltimore", "test-rockville"
    script = (
        "import sys; from pathlib import Path\n"
        "from careguide.build import build_clinics\n"
        "from careguide.clinic_file import load_clinic\n"
        "root, out = Path(sys.argv[1]), Path(sys.argv[2])\n"
        "for n, clinic_id in enumerate(sys.argv[3:]):\n"
        "    build_clinics([load_clinic(root / 'clinics' / f'{clinic_id}.yml', root=root)], root, out / str(n), jobs=1)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(project), str(tmp_path / "run"), first, second, first], check=True)
    run = tmp_path / "run"
    assert_same_tree(run / "0" / first, run / "2" / first)
    assert_same_tree(run / "2" / first, standalone_build(project, first, tmp_path / "a-alone"))
    assert_same_tree(run / "1" / second, standalone_build(project, second, tmp_path / "b-alone"))
