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


def load_page(path: Path, root: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    try:
        name = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        name = path.as_posix()
    page = Page(path=path, name=name, text=text)
    lines = text.splitlines()
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
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        page.meta_error = f"the front matter is not valid YAML{where}: {getattr(error, 'problem', error)}"
        return page
    if not isinstance(meta, dict):
        page.meta_error = "the front matter must be a list of `key: value` lines"
        return page
    page.meta = meta
    return page
