"""The network's own pages (site/index.html, and the published 404), from overrides/careguide/."""

from __future__ import annotations

from pathlib import Path

import jinja2

from .model import Clinic


def render_network_page(root: Path, template: str, **context) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root / "overrides" / "careguide"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(template).render(**context)


def network_index_html(clinics: list[Clinic], root: Path) -> str:
    """One link per clinic site, with the cities it serves, by clinic name."""
    entries = [
        {"id": c.id, "name": c.name, "cities": sorted({loc.city for loc in c.locations}), "example": c.example}
        for c in sorted(clinics, key=lambda c: c.name.lower())
    ]
    return render_network_page(root, "network-index.html", clinics=entries)


def write_network_index(clinics: list[Clinic], root: Path, target: Path) -> None:
    target.write_text(network_index_html(clinics, root), encoding="utf-8")
