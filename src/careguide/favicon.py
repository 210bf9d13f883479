"""The browser-tab icon of a clinic's guide: its logo, or a mark made from its name.

A clinic with `logo` gets that file (it is in docs/, so in every language's site). One
without gets a small SVG file: the first letter or digit of its name, white on its primary
colour, written by the build into each language's site (overrides/careguide/favicon.svg,
rendered with autoescape, so the name's letter lands as text).
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from .model import Clinic
from .project import Project

MARK = "assets/clinic-mark.svg"  # inside each language's site


def favicon_path(clinic: Clinic) -> str:
    """What theme.favicon names, relative to the site's root."""
    return str(clinic.logo) if clinic.logo else MARK


def initial(name: str) -> str:
    """The mark's letter: the name's first letter or digit, capitalised ("&Co" -> "C")."""
    return next((character.upper() for character in name if character.isalnum()), "+")


def write_mark(project: Project, clinic: Clinic, site: Path) -> None:
    """The generated mark, for a clinic without a logo; nothing to do when it has one."""
    if clinic.logo:
        return
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(project.overrides / "careguide"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    svg = env.get_template("favicon.svg").render(colour=clinic.colors.primary, initial=initial(clinic.name))
    (site / MARK).parent.mkdir(parents=True, exist_ok=True)
    (site / MARK).write_text(svg + "\n", encoding="utf-8")
