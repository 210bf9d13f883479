"""`careguide build`: validate every selected clinic, build each site, publish all or nothing.

Each clinic is built into a staging folder beside site/ through MkDocs' own API (the same
path as `CLINIC=<id> mkdocs build`), by a pool of worker processes. Only when every clinic
built cleanly are the new folders moved into place, so a failed or interrupted build
leaves the previous site/ exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .model import Clinic


class BuildFailed(Exception):
    pass


@dataclass(frozen=True)
class Outcome:
    clinic_id: str
    error: str | None


def build_site(clinic_id: str, root: Path, site_dir: Path) -> None:
    """Build one clinic exactly as `CLINIC=<id> mkdocs build` would, into `site_dir`."""
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .worker_cache import reuse_git_facts, reuse_theme_work

    os.environ["CLINIC"] = clinic_id
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
    reuse_theme_work(config.theme)
    reuse_git_facts()
    config.plugins.on_startup(command="build", dirty=False)
    clean_directory = utils.clean_directory
    try:
        build(config)
    finally:
        # mkdocs-static-i18n swaps this out for its nested builds and puts it back only when
        # they succeed; the worker's next clinic must start from MkDocs as it was.
        utils.clean_directory = clean_directory
        config.plugins.on_shutdown()


def _build_in_worker(clinic_id: str, root: str, site_dir: str) -> Outcome:
    try:
        build_site(clinic_id, Path(root), Path(site_dir))
    except SystemExit as stop:  # mkdocs-macros exits on a macro error (on_error_fail)
        return Outcome(clinic_id, f"a macro failed (exit {stop.code}); see the ERROR lines above")
    except Exception as error:  # noqa: BLE001 - any failure of one clinic is reported, not raised
        return Outcome(clinic_id, f"{type(error).__name__}: {error}")
    return Outcome(clinic_id, None)


def build_clinics(clinics: list[Clinic], root: Path, out: Path, jobs: int) -> None:
    """Build `clinics` into out/<id>/; on any failure raise BuildFailed and change nothing."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(clinics)))) as pool:
            outcomes = list(
                pool.map(
                    _build_in_worker,
                    [c.id for c in clinics],
                    [str(root)] * len(clinics),
                    [str(staging / c.id) for c in clinics],
                )
            )
        failures = [o for o in outcomes if o.error]
        if failures:
            raise BuildFailed(
                "\n".join(f"{o.clinic_id}: build failed: {o.error}" for o in failures)
                + "\nNothing was written: site/ is unchanged."
            )
        if len(clinics) > 1:
            from .network_index import write_network_index

            write_network_index(clinics, root, staging / "index.html")
        _move_into_place(staging, out, [c.id for c in clinics] + (["index.html"] if len(clinics) > 1 else []))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(staging: Path, out: Path, names: list[str]) -> None:
    retired = staging / ".retired"
    retired.mkdir()
    for name in names:
        target = out / name
        if target.exists():
            target.rename(retired / name)  # same filesystem: atomic
        (staging / name).rename(target)
