"""site/index.html for a network: one link per clinic site, rendered from overrides/."""

from __future__ import annotations

from pathlib import Path

import jinja2

from .model import Clinic


def write_network_index(clinics: list[Clinic], root: Path, target: Path) -> None:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root / "overrides" / "careguide"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    entries = [
        {"id": c.id, "name": c.name, "cities": sorted({loc.city for loc in c.locations}), "example": c.example}
        for c in sorted(clinics, key=lambda c: c.name.lower())
    ]
    target.write_text(env.get_template("network-index.html").render(clinics=entries), encoding="utf-8")
