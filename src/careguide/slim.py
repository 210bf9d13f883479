"""Ship only what a patient's browser uses (issue 19): the post-build step that slims a clinic.

The engine writes more than the pages need, once per language:
- its source maps (`*.map`, about half a clinic's bytes) and the comments naming them;
- the project's own build inputs that it copies from `overrides/careguide/` as static files
  (UI strings, search terms, the print stylesheet: read by careguide, never by a browser);
- theme files no page names (Material's default favicon, Zensical's second stylesheet set);
- in the Spanish site, a byte-identical copy of the English site's theme files;
- the templates' indentation, a sixth of every page's bytes.

So after both languages are built, each language's pages name the first language's copy of an
identical theme file, and a file under `assets/` that no page, stylesheet or script names is
removed. Links stay relative, so a clinic's site works wherever it is served from: its own
fork's Pages, a network's folder, a mike edition, or files on disk (the preview). Last, every
file a page names under `assets/` must exist, or the build stops: slimming can only remove what
nothing uses.
"""

from __future__ import annotations

import re
from pathlib import Path

from .page_urls import THEME_FOLDER, SiteFiles, rewrite_urls, script_text, urls

# Kept though no page names them: the licences of the theme's bundled code travel with it.
KEPT_UNNAMED = {"LICENSE"}
SOURCE_MAP_COMMENT = re.compile(r"\n?(?://[#@] sourceMappingURL=[^\n]*|/\*[#@] sourceMappingURL=[^*]*\*/)\s*$")
KEEPS_WHITE_SPACE = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
LINE_INDENT = re.compile(r"\n\s+")


class SlimFailed(Exception):
    pass


def slim_clinic(clinic_site: Path, language_sites: list[Path], build_inputs: Path, url_path: str) -> None:
    """Slim one clinic's built site. `language_sites`: each language's folder, the first
    language's first (it is the clinic's root); `build_inputs`: the project's
    overrides/careguide/, whose files the engine copied into each language's careguide/;
    `url_path`: the path of the clinic's address (its 404 pages name files by absolute path)."""
    site = SiteFiles(clinic_site, url_path.rstrip("/") + "/")
    for language_site in language_sites:
        _remove_build_inputs(language_site, build_inputs)
        _remove_source_maps(language_site / THEME_FOLDER)
    first = language_sites[0]
    for language_site in language_sites[1:]:
        _share_theme_files(site, language_site, first)
    named = site.named_files()
    for language_site in language_sites:
        _remove_unnamed_theme_files(language_site, named)
    _check_every_named_file_exists(site)
    for page in clinic_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        trimmed = trim_indentation(html)
        if trimmed != html:
            page.write_text(trimmed, encoding="utf-8")


def trim_indentation(html: str) -> str:
    """`html` without the white space that starts its lines, outside the elements where white
    space is content (pre, textarea) or code (script, style). A browser shows a run of white
    space with a line break in it the same as one line break, so the page looks the same."""
    parts = KEEPS_WHITE_SPACE.split(html)  # text, kept element, its tag name, text, ...
    trimmed = {0: lambda text: LINE_INDENT.sub("\n", text), 1: lambda element: element, 2: lambda name: ""}
    return "".join(trimmed[index % 3](part) for index, part in enumerate(parts))


def _check_every_named_file_exists(site: SiteFiles) -> None:
    for page in sorted(site.root.rglob("*.html")):
        for url in urls(page.read_text(encoding="utf-8")):
            target = site.target(page, url)
            if target is None or not target.is_relative_to(site.root) or target.is_file():
                continue
            if THEME_FOLDER in target.relative_to(site.root).parts[:2]:
                where = page.relative_to(site.root).as_posix()
                raise SlimFailed(f"{where}: names {url}, which the build removed as unused: report this as a careguide bug")


def _remove_build_inputs(site: Path, build_inputs: Path) -> None:
    copied = site / build_inputs.name
    for source in sorted(build_inputs.rglob("*")):
        if source.is_file():
            (copied / source.relative_to(build_inputs)).unlink(missing_ok=True)
    _remove_empty_folders(copied)


def _remove_source_maps(theme: Path) -> None:
    for path in sorted(theme.rglob("*.map")):
        path.unlink()
    for path in sorted([*theme.rglob("*.js"), *theme.rglob("*.css")]):
        text = path.read_text(encoding="utf-8")
        stripped = SOURCE_MAP_COMMENT.sub("\n", text)
        if stripped != text:
            path.write_text(stripped, encoding="utf-8")


def _share_theme_files(site: SiteFiles, language_site: Path, first: Path) -> None:
    """Point `language_site`'s pages at `first`'s copy of each theme file that is byte-identical."""
    theme = language_site / THEME_FOLDER
    for page in sorted(language_site.rglob("*.html")):  # a later language's site holds no other language's
        html = page.read_text(encoding="utf-8")

        def shared(url: str) -> str | None:
            target = site.target(page, url)
            if target is None or not target.is_relative_to(theme) or not target.is_file():
                return None
            twin = first / THEME_FOLDER / target.relative_to(theme)
            if not twin.is_file() or twin.read_bytes() != target.read_bytes():
                return None
            return site.url(page, twin, written=url)

        rewritten = rewrite_urls(html, shared)
        if rewritten != html:
            page.write_text(rewritten, encoding="utf-8")


def _remove_unnamed_theme_files(language_site: Path, named: set[Path]) -> None:
    theme = language_site / THEME_FOLDER
    if not theme.is_dir():
        return
    scripts = script_text(language_site)
    for path in sorted(theme.rglob("*")):
        if not path.is_file() or path.name in KEPT_UNNAMED or path in named:
            continue
        if path.relative_to(language_site).as_posix() in scripts:  # a script builds its address: keep it
            continue
        path.unlink()
    for kept in sorted(theme.rglob("*")):  # a licence stays with the code it covers, if any is left
        if kept.name in KEPT_UNNAMED and not any(other.is_file() and other != kept for other in kept.parent.rglob("*")):
            kept.unlink()
    _remove_empty_folders(theme)


def _remove_empty_folders(folder: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()
