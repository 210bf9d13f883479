"""A Markdown page as the lint rules read it: front matter, body lines, line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML without implicit dates: the review rule parses dates itself, so a bad
    date is reported as a lint finding instead of crashing the YAML parser."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Line:
    number: int  # 1-based, in the file
    text: str
    in_code: bool  # inside a fenced code block (or a fence line itself)


@dataclass
class Page:
    path: Path
    name: str  # docs/faq.md
    text: str
    meta: dict = field(default_factory=dict)
    meta_lines: dict = field(default_factory=dict)  # front-matter key -> line number
    meta_error: str | None = None
    meta_error_line: int = 1
    body_start: int = 1  # line number of the first line after the front matter

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @property
    def body(self) -> str:
        return "\n".join(self.lines[self.body_start - 1 :])

    def meta_line(self, key: str) -> int:
        return self.meta_lines.get(key, 1)

    def body_lines(self) -> list[Line]:
        """Body lines with fenced code marked, so rules can skip code."""
        result, fence = [], None
        for number, text in enumerate(self.lines[self.body_start - 1 :], start=self.body_start):
            match = FENCE.match(text)
            if fence is None and match:
                fence = match.group(1)
                result.append(Line(number, text, True))
            elif fence is not None:
                if match and match.group(1) == fence:
                    fence = None
                result.append(Line(number, text, True))
            else:
                result.append(Line(number, text, False))
        return result

    def headings(self) -> list[tuple[int, int, str]]:
        """(line, level, title) of every ATX heading outside code."""
        found = []
        for line in self.body_lines():
            match = not line.in_code and HEADING.match(line.text)
            if match:
                found.append((line.number, len(match.group(1)), match.group(2)))
        return found


class PageUnreadable(Exception):
    """A page that cannot be read as text: (name, line, message)."""


def _read_text(path: Path, name: str) -> str:
    if not path.is_file():  # stat first: opening a FIFO would block
        raise PageUnreadable(name, 1, "this is not a regular file; name a .md page")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PageUnreadable(name, line, "the page is not UTF-8 text (Latin-1 or Windows-1252?); save it as UTF-8") from None
    return text.removeprefix("\ufeff")  # a BOM would hide the front matter's first ---


def load_page(path: Path, root: Path) -> Page:
    try:
        name = path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        name = path.as_posix()
    page = Page(path=path, name=name, text=_read_text(path, name))
    lines = page.text.splitlines()
    if not lines or lines[0].strip() != "---":
        return page
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        page.meta_error = "the front matter starts with --- but never ends; add a line with --- after it"
        return page
    page.body_start = end + 2
    for number, line in enumerate(lines[1:end], start=2):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            page.meta_lines.setdefault(match.group(1), number)
    try:
        meta = yaml.load("\n".join(lines[1:end]), Loader=_FrontMatterLoader) or {}
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        mark = getattr(error, "problem_mark", None)
        page.meta_error_line = mark.line + 2 if mark else 1
        page.meta_error = f"the front matter is not valid YAML: {getattr(error, 'problem', None) or error}; check the quotes and colons on this line"
        return page
    if not isinstance(meta, dict):
        page.meta_error = "the front matter must be a list of `key: value` lines"
        return page
    page.meta = meta
    return page
