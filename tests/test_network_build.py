"""`careguide build` at scale: the same output as plain MkDocs, and no state shared between clinics."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from careguide.build import build_site
from conftest import CLINIC_IDS, ROOT, copy_project

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


def standalone_build(project: Path, clinic_id: str, out: Path) -> Path:
    """One clinic built the way an editor would: CLINIC=<id> mkdocs build."""
    subprocess.run(
        [Path(sys.executable).parent / "mkdocs", "build", "--quiet", "--site-dir", str(out)],
        cwd=project,
        env={**os.environ, "CLINIC": clinic_id, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    return out


@pytest.fixture(scope="module")
def standalone_builds(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("standalone")
    return {clinic_id: standalone_build(ROOT, clinic_id, out / clinic_id) for clinic_id in CLINIC_IDS}


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_careguide_build_matches_a_standalone_mkdocs_build(built_site, standalone_builds, clinic_id):
    assert_same_tree(built_site.clinic(clinic_id), standalone_builds[clinic_id])


def test_no_state_leaks_from_one_clinic_to_the_next(tmp_path, monkeypatch):
    monkeypatch.setenv("CLINIC", "")  # build_site sets it; restore afterwards
    project = copy_project(tmp_path / "project")  # two test clinics, whatever clinics/ holds
    first, second = "test-baltimore", "test-rockville"
    build_site(first, project, tmp_path / "a1")
    build_site(second, project, tmp_path / "b")
    build_site(first, project, tmp_path / "a2")

    assert_same_tree(tmp_path / "a1", tmp_path / "a2")
    assert_same_tree(tmp_path / "a2", standalone_build(project, first, tmp_path / "a-alone"))
    assert_same_tree(tmp_path / "b", standalone_build(project, second, tmp_path / "b-alone"))
