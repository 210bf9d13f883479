"""The switch into the output folder is all-or-nothing, and careguide writes only into
folders it made: fault injection at every step of the move, not timing."""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from careguide import switch
from careguide.build import BuildFailed, build_clinics
from careguide.clinic_file import load_clinic
from careguide.switch import LOCK, MARKER, STAGING_PREFIX, SwitchFailed, output_lock, prepare_output, switch_into_place
from conftest import CAREGUIDE, run_careguide

NAMES = ["clinic-a", "clinic-b", "clinic-c", "index.html"]


def tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.relative_to(folder).as_posix().startswith(".")  # careguide's own files
    }


def make_sites(folder: Path, words: str, names=NAMES) -> None:
    for name in names:
        if name.endswith(".html"):
            (folder / name).write_text(f"{words} index")
        else:
            (folder / name).mkdir(parents=True)
            (folder / name / "index.html").write_text(f"{words} {name}")


@pytest.fixture
def folders(tmp_path):
    out = tmp_path / "site"
    prepare_output(out)
    make_sites(out, "old", NAMES[:3])  # index.html is new this build
    staging = out / f"{STAGING_PREFIX}test"
    staging.mkdir()
    make_sites(staging, "new")
    return out, staging


def test_a_switch_that_succeeds_leaves_every_site_new(folders):
    out, staging = folders
    switch_into_place(staging, out, NAMES)
    assert {path: (out / path).read_text() for path in tree(out)} == {
        "clinic-a/index.html": "new clinic-a", "clinic-b/index.html": "new clinic-b",
        "clinic-c/index.html": "new clinic-c", "index.html": "new index",
    }


def rename_failing_at(monkeypatch, failing: int, error: BaseException) -> None:
    calls = {"n": 0}
    real = switch._rename

    def rename(source, target):
        calls["n"] += 1
        if calls["n"] == failing:
            raise error
        real(source, target)

    monkeypatch.setattr(switch, "_rename", rename)


# Renames in a switch of these NAMES: three old sites retired, four new things moved in.
RENAMES = 7


@pytest.mark.parametrize("failing", range(1, RENAMES + 1))
def test_a_rename_that_fails_at_any_step_leaves_every_site_old(folders, monkeypatch, failing):
    out, staging = folders
    before = tree(out)
    rename_failing_at(monkeypatch, failing, PermissionError(13, "Permission denied"))
    with pytest.raises(SwitchFailed) as failed:
        switch_into_place(staging, out, NAMES)
    assert str(failed.value) == f"{out}: could not move the new sites into place (Permission denied); nothing was changed"
    assert tree(out) == before


@pytest.mark.parametrize("failing", [1, 4, RENAMES])
def test_ctrl_c_during_the_switch_leaves_every_site_old(folders, monkeypatch, failing):
    out, staging = folders
    before = tree(out)
    rename_failing_at(monkeypatch, failing, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        switch_into_place(staging, out, NAMES)
    assert tree(out) == before


def test_a_site_that_is_a_link_is_refused_before_anything_moves(folders):
    out, staging = folders
    (out / "clinic-b").rename(out / "elsewhere")
    (out / "clinic-b").symlink_to(out / "elsewhere")
    before = tree(out)
    with pytest.raises(SwitchFailed) as failed:
        switch_into_place(staging, out, NAMES)
    assert str(failed.value) == f"{out / 'clinic-b'}: cannot be replaced (a link, or read-only): remove it and build again"
    assert tree(out) == before


def refuse_writes_to(monkeypatch, read_only: Path) -> None:
    """os.access, as switch.py sees it, says `read_only` cannot be written. Not chmod: CI runs
    as root, where chmod stops no write and os.access(W_OK) is True."""
    real = os.access

    def access(path, mode, **kwargs):
        if Path(path) == read_only and mode & os.W_OK:
            return False
        return real(path, mode, **kwargs)

    monkeypatch.setattr(switch.os, "access", access)


def test_a_read_only_site_folder_is_refused_before_anything_moves(folders, monkeypatch):
    out, staging = folders
    before, staged = tree(out), tree(staging)
    refuse_writes_to(monkeypatch, out)
    with pytest.raises(SwitchFailed) as failed:
        switch_into_place(staging, out, NAMES)
    assert str(failed.value) == f"{out}: read-only: make it writable and build again"
    assert tree(out) == before
    assert tree(staging) == staged  # nothing moved either way
    assert not (staging / ".retired").exists()


def test_a_read_only_clinic_folder_is_refused_before_anything_moves(folders, monkeypatch):
    out, staging = folders
    before, staged = tree(out), tree(staging)
    refuse_writes_to(monkeypatch, out / "clinic-b")
    with pytest.raises(SwitchFailed) as failed:
        switch_into_place(staging, out, NAMES)
    assert str(failed.value) == f"{out / 'clinic-b'}: cannot be replaced (a link, or read-only): remove it and build again"
    assert tree(out) == before
    assert tree(staging) == staged
    assert not (staging / ".retired").exists()


def test_a_build_into_a_read_only_site_folder_changes_nothing_and_leaves_no_staging(project_copy, tmp_path, monkeypatch):
    """The whole build, in process (so os.access can be faked): the CLI prints a BuildFailed
    as it is (test_careless_inputs.py shows the lines a user sees)."""
    out = tmp_path / "site"
    prepare_output(out)
    make_sites(out, "old", ["test-baltimore", "test-rockville"])
    before = tree(out)
    refuse_writes_to(monkeypatch, out)
    clinic = load_clinic(project_copy / "clinics" / "test-baltimore.yml", root=project_copy)
    with pytest.raises(BuildFailed) as failed:
        build_clinics([clinic], project_copy, out, jobs=1)
    assert str(failed.value).splitlines() == [
        f"{out}: read-only: make it writable and build again",
        f"Nothing was written: {out}/ is unchanged.",
    ]
    assert tree(out) == before
    assert not list(out.glob(STAGING_PREFIX + "*"))


def test_careguide_refuses_to_build_into_a_folder_it_did_not_make(tmp_path):
    mine = tmp_path / "project-files"
    mine.mkdir()
    (mine / "tests").mkdir()
    (mine / "tests" / "keep.py").write_text("precious")
    with pytest.raises(SwitchFailed) as refused:
        prepare_output(mine)
    assert str(refused.value) == (
        f"{mine}: this folder was not made by careguide and is not empty: build into a new folder "
        "(--site-dir site/ by default), so nothing in it is replaced"
    )
    assert not (mine / MARKER).exists()
    a_file = tmp_path / "site.txt"
    a_file.write_text("x")
    with pytest.raises(SwitchFailed) as refused:
        prepare_output(a_file)
    assert str(refused.value) == f"{a_file}: is a file, not a folder: pass --site-dir a folder (careguide creates it)"
    empty = tmp_path / "empty"
    empty.mkdir()
    prepare_output(empty)
    prepare_output(empty)  # and again: it is careguide's now
    assert (empty / MARKER).is_file()


def test_build_with_the_project_folder_as_site_dir_is_refused_and_deletes_nothing(project_copy):
    before = tree(project_copy)
    result = run_careguide("build", "--site-dir", str(project_copy), root=project_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{project_copy}: this folder was not made by careguide and is not empty: build into a new folder "
        "(--site-dir site/ by default), so nothing in it is replaced"
    )
    assert tree(project_copy) == before


def test_a_second_build_at_once_is_refused_and_a_killed_builds_staging_is_cleaned(tmp_path):
    out = tmp_path / "site"
    prepare_output(out)
    stale = out / f"{STAGING_PREFIX}killed"
    (stale / "clinic-a").mkdir(parents=True)
    with open(out / LOCK, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a build that is running
        with pytest.raises(SwitchFailed) as refused:
            with output_lock(out):
                pass
        assert str(refused.value) == f"{out}: another careguide build is writing here; wait for it to finish"
        assert stale.exists()  # a running build's staging is not touched
    with output_lock(out):
        assert not stale.exists()


def alive() -> dict[int, tuple[int, str]]:
    """Every process alive now (zombies are not): pid -> (its parent, its start time). The
    start time, with the pid, names one process even if the pid is used again."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # ended while we looked
            continue
        state, parent, *rest = text[text.rindex(")") + 2 :].split()  # proc(5): fields 3, 4, 5...
        if state not in "ZX":
            found[int(stat.parent.name)] = (int(parent), rest[17])  # field 22: starttime
    return found


def children(pid: int) -> dict[int, str]:
    return {child: start for child, (parent, start) in alive().items() if parent == pid}


def still_alive(processes: dict[int, str]) -> dict[int, str]:
    now = alive()
    return {pid: start for pid, start in processes.items() if pid in now and now[pid][1] == start}


def polled(check, seconds: float = 60) -> bool:
    """Whether check() came true, asked again until `seconds` pass: a bound, not a timing."""
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.1)
    return check()


def test_a_killed_build_takes_its_workers_with_it_and_switches_nothing(project_copy, tmp_path):
    """kill -9 of `careguide build` (an out-of-memory kill, a CI job cancelled) ends its workers
    too: none builds on as an orphan, and site/ keeps the sites it had."""
    out = tmp_path / "site"
    prepare_output(out)
    make_sites(out, "old", [path.stem for path in (project_copy / "clinics").glob("*.yml")])
    before = tree(out)
    build = subprocess.Popen(
        [*CAREGUIDE, "--root", str(project_copy), "build", "--jobs", "2", "--no-cache", "--site-dir", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    workers = {}
    try:
        assert polled(lambda: len(children(build.pid)) == 2), "the build never had its two workers"
        workers = children(build.pid)
        build.kill()
        build.wait()
        assert polled(lambda: not still_alive(workers)), f"workers left running: {sorted(still_alive(workers))}"
    finally:
        build.kill()
        for pid in still_alive(workers):
            os.kill(pid, signal.SIGKILL)  # not left to build on after the test
    assert tree(out) == before
