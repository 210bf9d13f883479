"""A throwaway project with N synthetic clinics made from the bundled examples."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_network(target: Path, count: int) -> list[str]:
    """Copy the project to `target` with clinics synthetic-000 .. synthetic-<count-1>."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "clinics").mkdir()
    examples = sorted((ROOT / "clinics").glob("*.yml"))
    ids = []
    for n in range(count):
        clinic_id = f"synthetic-{n:03d}"
        text = examples[n % len(examples)].read_text()
        text = re.sub(r"^id: .*$", f"id: {clinic_id}", text, count=1, flags=re.M)
        text = re.sub(r"^name: (.*)$", lambda m: f'name: "{m.group(1).strip(chr(34))} {n}"', text, count=1, flags=re.M)
        (target / "clinics" / f"{clinic_id}.yml").write_text(text)
        ids.append(clinic_id)
    return ids
