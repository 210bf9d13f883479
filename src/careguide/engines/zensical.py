"""Zensical (Material's successor), run as its own command: it keeps its configuration in
process-wide state, so one process per build keeps clinics apart.

Zensical 0.0.68 refuses a site_dir outside the folder of its config file, panics on
absolute docs_dir/site_dir paths, and keeps a cache in `.cache/` beside its config file that
`--clean` empties: two clinics built at once beside the same config race on it (a panic,
"No such file or directory"). careguide stages builds beside the output folder, which may be
anywhere. So each build gets a private copy of the project's shape inside the project (the
base config, templates and macros linked, the pages copied) with relative paths and its own
cache, and the result is copied to where the variant asked for it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .diagnostics import from_zensical


# What the base config names by relative path (INHERIT, custom_dir, the macros module).
# What Zensical writes for its own search (it does so whatever the plugins say), replaced by
# careguide's (careguide/search.py).
OWN_SEARCH = ("search.json", "assets/javascripts/workers")

SHARED_WITH_THE_PROJECT = ("mkdocs.yml", "overrides", "macros")


def render(config_file: Path) -> None:
    config = json.loads(config_file.read_text(encoding="utf-8"))
    wanted = Path(config["site_dir"])
    with tempfile.TemporaryDirectory(prefix=".careguide-zensical-", dir=config_file.parent) as private:
        private = Path(private)
        shutil.copytree(config["docs_dir"], private / "docs")
        for shared in SHARED_WITH_THE_PROJECT:
            source = config_file.parent / shared
            if source.is_dir():
                shutil.copytree(source, private / shared, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, private / shared)
        local = private / "zensical.yml"
        config.update(docs_dir="docs", site_dir="site")
        local.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        result = subprocess.run(
            [str(Path(sys.executable).parent / "zensical"), "build", "--strict", "--clean", "--config-file", str(local)],
            cwd=private, capture_output=True, text=True,
        )
        # A panic in one of its threads can still exit 0, with nothing built.
        if result.returncode != 0 or "panicked at" in result.stderr:
            raise from_zensical(result.stderr + "\n" + result.stdout)
        shutil.copytree(private / "site", wanted, dirs_exist_ok=True)
