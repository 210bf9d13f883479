"""Zensical (Material's successor), run as its own command: it keeps its configuration in
process-wide state, so one process per build keeps clinics apart.

Zensical 0.0.68 refuses a site_dir outside the folder of its config file, and panics on
absolute docs_dir/site_dir paths; careguide stages builds beside the output folder, which
may be anywhere. So this adapter gives Zensical a private folder inside the project, with
relative paths, and copies the result to where the variant asked for it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import EngineFailed


def render(config_file: Path) -> None:
    config = json.loads(config_file.read_text(encoding="utf-8"))
    wanted = Path(config["site_dir"])
    with tempfile.TemporaryDirectory(prefix=".careguide-zensical-", dir=config_file.parent) as private:
        private = Path(private)
        shutil.copytree(config["docs_dir"], private / "docs")
        local = config_file.parent / f"{config_file.stem}-zensical.yml"
        config.update(docs_dir=f"{private.name}/docs", site_dir=f"{private.name}/site")
        local.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        try:
            result = subprocess.run(
                [str(Path(sys.executable).parent / "zensical"), "build", "--strict", "--clean", "--config-file", str(local)],
                cwd=config_file.parent, capture_output=True, text=True,
            )
        finally:
            local.unlink(missing_ok=True)
        if result.returncode != 0:
            said = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
            raise EngineFailed("zensical: " + " / ".join(said[-8:]))
        shutil.copytree(private / "site", wanted, dirs_exist_ok=True)
