"""The files a built site's pages name, and rewriting those names in place.

Used by the steps that move theme files after the engine wrote them (slim.py: one copy for
both languages; shared_assets.py: one copy for a network). A page names a file by the href or
src of a start tag, relative to the page or by absolute path on the site; a stylesheet by
url(). Rewriting replaces only those attribute values, at the positions the parser found,
so nothing else of a page changes.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

URL_ATTRIBUTES = {"href", "src"}
THEME_FOLDER = "assets"  # where the engine writes a site's theme files, in each language's folder
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


@dataclass(frozen=True)
class SiteFiles:
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
            for url in urls(page.read_text(encoding="utf-8"))
            if (target := self.target(page, url)) is not None
        }
        named |= {
            target
            for stylesheet in self.root.rglob("*.css")
            for url in CSS_URL.findall(stylesheet.read_text(encoding="utf-8"))
            if (target := self.target(stylesheet, url)) is not None
        }
        return named


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


@dataclass(frozen=True)
class _Parsed:
    found: tuple[tuple[int, int, str, tuple[str, ...]], ...]  # (line, column, tag text, href/src values)
    scripts: tuple[str, ...]


# The steps that move theme files each read a clinic's pages (their URLs, then their scripts,
# then to rewrite them) before the page text changes: one parse serves them all. Bounded, as a
# worker builds clinic after clinic: room for one clinic's pages in both languages.
@functools.lru_cache(maxsize=64)
def _parse(html: str) -> _Parsed:
    parser = _StartTags()
    parser.feed(html)
    parser.close()
    return _Parsed(tuple((line, column, text, tuple(values)) for line, column, text, values in parser.found), tuple(parser.scripts))


def urls(html: str) -> list[str]:
    return [value for _, _, _, values in _parse(html).found for value in values]


def inline_scripts(html: str) -> list[str]:
    return list(_parse(html).scripts)


def rewrite_urls(html: str, new_url) -> str:
    """`html` with each href/src value for which `new_url(value)` is not None replaced, in place."""
    offsets = [0]  # where each line starts; HTMLParser counts lines by "\n" alone (not U+2028 or \r)
    for line in html.split("\n"):
        offsets.append(offsets[-1] + len(line) + 1)
    edits = []
    for line, column, tag_text, values in _parse(html).found:
        start = offsets[line - 1] + column
        new_tag = tag_text
        for value in values:
            replacement = new_url(value)
            if replacement is not None:
                attribute = re.compile(rf"""(\s(?:{'|'.join(URL_ATTRIBUTES)})\s*=\s*)(["']){re.escape(value)}\2""", re.IGNORECASE)
                new_tag = attribute.sub(lambda found: f"{found[1]}{found[2]}{replacement}{found[2]}", new_tag)
        if new_tag != tag_text:
            edits.append((start, start + len(tag_text), new_tag))
    for start, end, new_tag in reversed(edits):
        html = html[:start] + new_tag + html[end:]
    return html


def script_text(folder: Path) -> str:
    """All the JavaScript under `folder`, files and inline: where a script may build the
    address of a file from its path, which no href, src or url() shows."""
    scripts = [path.read_text(encoding="utf-8") for path in folder.rglob("*.js")]
    scripts += [script for page in folder.rglob("*.html") for script in inline_scripts(page.read_text(encoding="utf-8"))]
    return "\n".join(scripts)
