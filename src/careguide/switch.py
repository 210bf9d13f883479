"""The one switch of a build's output into place: all the new folders, or none of them.

Everything is staged in out/.staging-*/ (same filesystem, so each rename is atomic). The
switch first checks every target, then renames old -> retired and new -> target one by
one, writing down each step; if any rename fails, the steps done are undone in reverse,
so out/ holds exactly what it held before. Only then is the old output deleted.

The output folder is careguide's own: a marker file says so, and a folder without it
(a project folder passed as --site-dir, say) is never written into. A lock file keeps two
builds apart, and lets the next build remove the staging folders of a killed one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from pathlib import Path

MARKER = ".careguide-site"  # in every output folder careguide made
LOCK = ".careguide-build.lock"
STAGING_PREFIX = ".staging-"


class SwitchFailed(Exception):
    pass


def _rename(source: Path, target: Path) -> None:
    os.rename(source, target)  # one function, so tests can make the Nth rename fail


def prepare_output(out: Path, *, default: bool = False) -> None:
    """Make `out` careguide's output folder, or refuse one that holds anything else.
    `default`: the project's own site/ folder (git-ignored), careguide's by definition."""
    if out.exists() and not out.is_dir():
        raise SwitchFailed(f"{out}: is a file, not a folder: pass --site-dir a folder (careguide creates it)")
    if out.is_dir() and not default and not (out / MARKER).is_file() and any(out.iterdir()):
        raise SwitchFailed(
            f"{out}: this folder was not made by careguide and is not empty: build into a new folder "
            "(--site-dir site/ by default), so nothing in it is replaced"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / MARKER).write_text("Made by careguide build: its contents are replaced by each build.\n", encoding="utf-8")
    except OSError as error:
        raise SwitchFailed(f"{out}: cannot write there ({error.strerror}): choose a writable --site-dir") from None


@contextlib.contextmanager
def output_lock(out: Path):
    """Hold out/.careguide-build.lock for the whole build; a second build at once stops."""
    with open(out / LOCK, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SwitchFailed(f"{out}: another careguide build is writing here; wait for it to finish") from None
        # Holding the lock means no build is running: staging folders left now are a killed build's.
        for stale in out.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)
        yield


def switch_into_place(staging: Path, out: Path, names: list[str]) -> None:
    for name in names:
        target = out / name
        if target.is_symlink() or (target.exists() and not os.access(target, os.W_OK)):
            raise SwitchFailed(f"{target}: cannot be replaced (a link, or read-only): remove it and build again")
    if not os.access(out, os.W_OK):
        raise SwitchFailed(f"{out}: read-only: make it writable and build again")
    retired = staging / ".retired"
    retired.mkdir()
    done: list[tuple[Path, Path]] = []
    try:
        for name in names:
            target = out / name
            if target.exists():
                _rename(target, retired / name)
                done.append((target, retired / name))
            _rename(staging / name, target)
            done.append((staging / name, target))
    except BaseException as error:  # an interrupt too: out/ goes back to all-old
        for source, target in reversed(done):
            os.rename(target, source)
        if isinstance(error, OSError):
            raise SwitchFailed(f"{out}: could not move the new sites into place ({error.strerror}); nothing was changed") from None
        raise
