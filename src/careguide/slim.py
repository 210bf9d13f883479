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

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

THEME_FOLDER = "assets"
# Kept though no page names them: the licences of the theme's bundled code travel with it.
KEPT_UNNAMED = {"LICENSE"}
URL_ATTRIBUTES = {"href", "src"}
SOURCE_MAP_COMMENT = re.compile(r"\n?(?://[#@] sourceMappingURL=[^\n]*|/\*[#@] sourceMappingURL=[^*]*\*/)\s*$")
KEEPS_WHITE_SPACE = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
LINE_INDENT = re.compile(r"\n\s+")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class SlimFailed(Exception):
    pass


def slim_clinic(clinic_site: Path, language_sites: list[Path], build_inputs: Path, url_path: str) -> None:
    """Slim one clinic's built site. `language_sites`: each language's folder, the first
    language's first (it is the clinic's root); `build_inputs`: the project's
    overrides/careguide/, whose files the engine copied into each language's careguide/;
    `url_path`: the path of the clinic's address (its 404 pages name files by absolute path)."""
    site = _Site(clinic_site, url_path.rstrip("/") + "/")
    for language_site in language_sites:
        _remove_build_inputs(language_site, build_inputs)
        _remove_source_maps(language_site / THEME_FOLDER)
    first = language_sites[0]
    for language_site in language_sites[1:]:
        _share_theme_files(site, language_site, first)
    named = site.named_files()
    for language_site in language_sites:
        _remove_unnamed_theme_files(language_site, named)
    site.check_every_named_file_exists()
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


@dataclass(frozen=True)
class _Site:
    """A clinic's built site, and the file each relative or same-site URL in it names."""

    root: Path
    url_path: str  # "/careguide/example-baltimore/", ending in /

    def target(self, source: Path, url: str) -> Path | None:
        """The file `url` in `source` names, or None for another site, a page anchor or a scheme."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        if parts.path.startswith("/"):
            if not parts.path.startswith(self.url_path):
                return None
            return Path(posixpath.normpath((self.root / parts.path[len(self.url_path):]).as_posix()))
        return Path(posixpath.normpath((source.parent / parts.path).as_posix()))

    def url(self, source: Path, target: Path, written: str) -> str:
        """The URL of `target` from `source`, written the way `written` was (absolute or relative)."""
        if written.startswith("/"):
            return self.url_path + target.relative_to(self.root).as_posix()
        return posixpath.relpath(target.as_posix(), source.parent.as_posix())

    def named_files(self) -> set[Path]:
        """Every file that a page's href/src or a stylesheet's url() names."""
        named = {
            target
            for page in self.root.rglob("*.html")
            for url in _urls(page.read_text(encoding="utf-8"))
            if (target := self.target(page, url)) is not None
        }
        named |= {
            target
            for stylesheet in self.root.rglob("*.css")
            for url in CSS_URL.findall(stylesheet.read_text(encoding="utf-8"))
            if (target := self.target(stylesheet, url)) is not None
        }
        return named

    def check_every_named_file_exists(self) -> None:
        for page in sorted(self.root.rglob("*.html")):
            for url in _urls(page.read_text(encoding="utf-8")):
                target = self.target(page, url)
                if target is None or not target.is_relative_to(self.root) or target.is_file():
                    continue
                if THEME_FOLDER in target.relative_to(self.root).parts[:2]:
                    where = page.relative_to(self.root).as_posix()
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


def _share_theme_files(site: _Site, language_site: Path, first: Path) -> None:
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

        rewritten = _rewrite_urls(html, shared)
        if rewritten != html:
            page.write_text(rewritten, encoding="utf-8")


def _remove_unnamed_theme_files(language_site: Path, named: set[Path]) -> None:
    theme = language_site / THEME_FOLDER
    if not theme.is_dir():
        return
    script_text = _script_text(language_site)
    for path in sorted(theme.rglob("*")):
        if not path.is_file() or path.name in KEPT_UNNAMED or path in named:
            continue
        if path.relative_to(language_site).as_posix() in script_text:  # a script builds its address: keep it
            continue
        path.unlink()
    for kept in sorted(theme.rglob("*")):  # a licence stays with the code it covers, if any is left
        if kept.name in KEPT_UNNAMED and not any(other.is_file() and other != kept for other in kept.parent.rglob("*")):
            kept.unlink()
    _remove_empty_folders(theme)


def _script_text(site: Path) -> str:
    scripts = [path.read_text(encoding="utf-8") for path in site.rglob("*.js")]
    for page in site.rglob("*.html"):
        scripts.extend(_inline_scripts(page.read_text(encoding="utf-8")))
    return "\n".join(scripts)


class _StartTags(HTMLParser):
    """Where each href/src value of a start tag is, as (line, column, tag text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, list[str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        values = [value for name, value in attrs if name in URL_ATTRIBUTES and value]
        if values:
            line, column = self.getpos()
            self.found.append((line, column, self.get_starttag_text(), values))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _parse(html: str) -> _StartTags:
    parser = _StartTags()
    parser.feed(html)
    parser.close()
    return parser


def _urls(html: str) -> list[str]:
    return [value for _, _, _, values in _parse(html).found for value in values]


def _inline_scripts(html: str) -> list[str]:
    return _parse(html).scripts


def _rewrite_urls(html: str, new_url) -> str:
    """`html` with each href/src value for which `new_url(value)` is not None replaced, in place."""
    lines = html.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    edits = []
    for line, column, tag_text, values in _parse(html).found:
        start = offsets[line - 1] + column
        new_tag = tag_text
        for value in values:
            replacement = new_url(value)
            if replacement is not None:
                for quote in ('"', "'"):
                    new_tag = new_tag.replace(f"={quote}{value}{quote}", f"={quote}{replacement}{quote}")
        if new_tag != tag_text:
            edits.append((start, start + len(tag_text), new_tag))
    for start, end, new_tag in reversed(edits):
        html = html[:start] + new_tag + html[end:]
    return html


def _remove_empty_folders(folder: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()
