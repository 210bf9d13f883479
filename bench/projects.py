"""The projects benchmarks build: copies of this one, and the plain Material baseline.

Both are made from what they need, found when they run, so a change to the project's
layout changes them with it instead of breaking them:
- `copy_project`: this project without its clinics (everything at the top level but the
  folders named in NOT_PROJECT), with the clinics given;
- `plain_material`: the guide's pages on plain Material, written from scratch.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Not part of what `careguide build` reads: the checkout's own tooling, caches and output.
NOT_PROJECT = {".git", ".venv", ".cache", "site", "tests", "bench", "test-artifacts", "node_modules", "clinics", ".github"}


def bundled_clinics() -> list[Path]:
    return sorted((ROOT / "clinics").glob("*.yml"))


def copy_project(target: Path, clinics: dict[str, str]) -> Path:
    """This project at `target` with only `clinics` (id -> clinic file text) in clinics/."""
    target.mkdir(parents=True)
    for path in ROOT.iterdir():
        if path.name in NOT_PROJECT or path.name.startswith((".careguide-", ".pytest_cache")):
            continue
        if path.is_dir():
            shutil.copytree(path, target / path.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, target / path.name)
    (target / "clinics").mkdir()
    for clinic_id, text in clinics.items():
        (target / "clinics" / f"{clinic_id}.yml").write_text(text)
    return target


def synthetic_clinics(count: int) -> dict[str, str]:
    """synthetic-000 .. synthetic-<count-1>, each a bundled example under a new id and name."""
    examples = [path.read_text() for path in bundled_clinics()]
    clinics = {}
    for n in range(count):
        clinic_id = f"synthetic-{n:03d}"
        text = examples[n % len(examples)]
        text = _set(text, "id", clinic_id)
        text = _set(text, "name", f"Synthetic Example Clinic {n}")
        text = _set(text, "site_url", f"https://example.github.io/careguide/{clinic_id}/")
        clinics[clinic_id] = text
    return clinics


def _set(text: str, key: str, value: str) -> str:
    changed, found = re.subn(rf"^{key}: .*$", f'{key}: "{value}"', text, count=1, flags=re.MULTILINE)
    if not found:
        raise SystemExit(f"bench/projects.py: the example clinics have no top-level `{key}:` line any more")
    return changed


# --- the baseline: the same pages on plain Material --------------------------------------

PLAIN_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", {"toc": {"permalink": True}},
                    "pymdownx.details", "pymdownx.superfences"]


def plain_pages(language: str) -> dict[str, Path]:
    """The guide's Markdown pages of one language, by the name they are built under:
    docs/NAME.md in English, docs/NAME.es.md (built as NAME.md) in Spanish."""
    english = [p for p in sorted((ROOT / "docs").glob("*.md")) if not re.search(r"\.[a-z]{2}\.md$", p.name)]
    if language == "en":
        return {p.name: p for p in english}
    return {p.name: p.with_name(f"{p.stem}.{language}.md") for p in english if p.with_name(f"{p.stem}.{language}.md").exists()}


PICTURES = ROOT / "docs" / "assets" / "pictograms"  # the pictures the pages show (not our CSS or scripts)


def plain_material(work: Path) -> list[tuple[list[str], Path]]:
    """Write one plain Material project per language under `work`; return the build
    commands (command, folder to run it in) that put English in work/plain-site/ and
    Spanish in work/plain-site/es/.

    Plain: only mkdocs and Material, on Material's defaults (Google Fonts, default palette
    and search, "Made with Material"), none of our templates, CSS, macros, PDF or checks,
    and the Markdown extensions the pages are written with. The macro calls in the pages
    stay as their literal text, so its pages carry about the same words as ours.
    """
    import yaml

    commands = []
    for language, folder in (("en", ""), ("es", "es")):
        project = work / f"plain-{language}"
        (project / "docs").mkdir(parents=True)
        for name, source in plain_pages(language).items():
            shutil.copy2(source, project / "docs" / name)
        if PICTURES.is_dir():  # the pages show them; a fork may have none
            shutil.copytree(PICTURES, project / "docs" / PICTURES.relative_to(ROOT / "docs"))
        config = {
            "site_name": "What to expect after a ketamine infusion",
            "theme": {"name": "material", "language": language},
            "markdown_extensions": PLAIN_EXTENSIONS,
        }
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
        site = work / "plain-site" / folder
        commands.append(([str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", str(site)], project))
    return commands


def build_plain_material(work: Path) -> Path:
    for command, cwd in plain_material(work):
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return work / "plain-site"
