"""Theme files stored once for a whole network and every edition (issue 19).

Every clinic's site carries the same theme: Material's (or Zensical's) JavaScript and
stylesheets and careguide's own, about 0.29 MB. After all clinics are built, each clinic's
theme files move to `_assets/` beside the clinics, named by their content
(`<sha256 prefix>-<name>`), and its pages name them there. On gh-pages that folder sits at the
branch's root, beside `/<clinic-id>/<edition>/`: a name can only ever hold the same bytes, so
a file is added once and never replaced, and an old edition keeps finding the files it was
built with. A single clinic's fork is a network of one: the same layout works.

Files a script builds the address of (named in its text, not by a page's href or src) stay
where the engine put them, and so do stylesheets that name other files with url(): moving
those would break the address.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .page_urls import CSS_URL, THEME_FOLDER, SiteFiles, rewrite_urls, script_text

SHARED = "_assets"
SHARED_NAME = re.compile(rf"{SHARED}/([0-9a-f]{{16}}-[^\"'\s?#)]+)")


@dataclass(frozen=True)
class ClinicSite:
    folder: Path  # staging/<clinic-id>/
    address: str  # where its first language is read (variant.site_address)
    network_address: str  # the network's root, where _assets/ is served: the clinic's site_url without its id


def share_theme_files(staging: Path, sites: list[ClinicSite], *, published: bool) -> None:
    """Move each clinic site's theme files into staging/_assets/ and point its pages there.
    `published`: each site is deployed one folder deeper, at <clinic-id>/<edition>/."""
    shared = staging / SHARED
    shared.mkdir(exist_ok=True)
    for clinic in sites:
        files = SiteFiles(clinic.folder, urlsplit(clinic.address).path)
        moved = {}
        for path in _movable_files(clinic.folder):
            name = f"{hashlib.sha256(path.read_bytes()).hexdigest()[:16]}-{path.name}"
            if not (shared / name).exists():
                shutil.copyfile(path, shared / name)
            moved[path] = name
        depth = 2 if published else 1  # folders between the network root and the clinic's site
        for page in sorted(clinic.folder.rglob("*.html")):
            html = page.read_text(encoding="utf-8")

            def new_url(url: str) -> str | None:
                name = moved.get(files.target(page, url))
                if name is None:
                    return None
                if url.startswith("/"):
                    return f"{urlsplit(clinic.network_address).path}{SHARED}/{name}"
                return "../" * (depth + len(page.parent.relative_to(clinic.folder).parts)) + f"{SHARED}/{name}"

            rewritten = rewrite_urls(html, new_url)
            if rewritten != html:
                page.write_text(rewritten, encoding="utf-8")
        for path in moved:
            path.unlink()
        for folder in sorted({path.parent for path in moved}, key=lambda p: len(p.parts), reverse=True):
            while folder != clinic.folder and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


def _movable_files(folder: Path) -> list[Path]:
    """The theme files of a clinic's site (each language's assets/) that only pages name: a
    file a script builds the address of, a stylesheet that names files with url() and the
    files it names stay where they are, or their addresses would break."""
    scripts = script_text(folder)
    files = SiteFiles(folder, "/")
    stays = set()
    for stylesheet in folder.rglob("*.css"):
        for url in CSS_URL.findall(stylesheet.read_text(encoding="utf-8")):
            if (target := files.target(stylesheet, url)) is not None:
                stays |= {stylesheet, target}
    movable = []
    for theme in sorted(folder.glob(f"**/{THEME_FOLDER}")):
        if len(theme.relative_to(folder).parts) > 2:  # assets/ or <language>/assets/ only
            continue
        for path in sorted(theme.rglob("*")):
            if path.is_file() and path not in stays and path.relative_to(theme.parent).as_posix() not in scripts:
                movable.append(path)
    return movable


def named_shared_files(folder: Path) -> set[str]:
    """The names in _assets/ that the pages under `folder` use."""
    return {name for page in folder.rglob("*.html") for name in SHARED_NAME.findall(page.read_text(encoding="utf-8"))}


def keep_files_still_named(out: Path, staging: Path, kept_folders: list[Path]) -> None:
    """Copy into staging/_assets/ the files of out/_assets/ that `kept_folders` (the clinics of
    out/ this build does not replace) still name, so the switch keeps them working."""
    earlier = out / SHARED
    if not earlier.is_dir():
        return
    wanted = set().union(*(named_shared_files(folder) for folder in kept_folders)) if kept_folders else set()
    for name in sorted(wanted):
        if (earlier / name).is_file() and not (staging / SHARED / name).exists():
            shutil.copyfile(earlier / name, staging / SHARED / name)
