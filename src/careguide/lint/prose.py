"""The prose of a page as a reader meets it: paragraphs, list items, table cells, with lines.

Front matter, code, Jinja and HTML tags are dropped; a wrapped paragraph is one block;
each list item and each table cell is a block of its own. Every block remembers on which
line each of its pieces starts, so a rule can report the line a sentence starts on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .page import HEADING, Page

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
HTML_TAG = re.compile(r"<[^>]+>")
FOREIGN_HTML = re.compile(r"""<\w+[^>]*\blang=["'](?!en)[^"']*["']""")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
INLINE_CODE = re.compile(r"`[^`]*`")
ATTR_LIST = re.compile(r"\{:?\s*[.#][^}]*\}")
EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_(?=\w)|(?<=\w)_(?!\w))")
LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s+")
ADMONITION = re.compile(r"""^\s*(!!!|\?\?\?\+?)\s+\S+(\s+"(?P<title>[^"]*)")?""")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


@dataclass
class Block:
    line: int
    text: str
    starts: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, line number)

    def line_at(self, offset: int) -> int:
        """The line of the page that holds text[offset]."""
        return max((line for start, line in self.starts if start <= offset), default=self.line)

    def add(self, line: int, text: str) -> None:
        if self.text:
            self.text += " "
        self.starts.append((len(self.text), line))
        self.text += text


def clean(text: str) -> str:
    text = JINJA.sub("", text)
    text = IMAGE.sub("", text)
    text = LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = INLINE_CODE.sub("", text)
    text = HTML_TAG.sub("", text)
    text = ATTR_LIST.sub("", text)
    text = EMPHASIS.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def _new(line: int, text: str) -> Block:
    block = Block(line, "")
    block.add(line, text)
    return block


def blocks(page: Page, *, exempt_titles: set[str] = frozenset(), headings: bool = False,
           rows_as_sentences: bool = False) -> list[Block]:
    """The page's prose blocks. Sections under a heading in `exempt_titles` are skipped;
    `headings` reads headings and admonition titles as blocks too; `rows_as_sentences`
    reads a table row as one block (its cells joined by ": ") instead of one per cell."""
    found: list[Block] = []
    exempt_level = None
    current: Block | None = None
    for line in page.body_lines():
        if line.in_code:
            current = None
            continue
        heading = HEADING.match(line.text)
        if heading:
            level, title = len(heading.group(1)), clean(heading.group(2))
            if exempt_level is not None and level <= exempt_level:
                exempt_level = None
            if exempt_level is None and title.lower() in exempt_titles:
                exempt_level = level
            if headings and exempt_level is None and title:
                found.append(_new(line.number, title))
            current = None
            continue
        if exempt_level is not None:
            continue
        raw = line.text
        admonition = ADMONITION.match(raw)
        if admonition and headings and clean(admonition.group("title") or ""):
            found.append(_new(line.number, clean(admonition.group("title"))))
        if not raw.strip() or admonition or TABLE_RULE.match(raw) or FOREIGN_HTML.search(raw):
            current = None
            continue
        stripped = raw.strip()
        if stripped.startswith("|"):
            cells = [clean(cell) for cell in stripped.strip("|").split("|")]
            cells = [cell for cell in cells if cell]
            if rows_as_sentences and cells:
                found.append(_new(line.number, ": ".join(cells)))
            else:
                found += [_new(line.number, cell) for cell in cells]
            current = None
            continue
        item = LIST_ITEM.match(raw)
        text = clean(LIST_ITEM.sub("", raw, count=1) if item else raw)
        if not text:
            continue
        if item or current is None:
            current = _new(line.number, text)
            found.append(current)
        else:  # a wrapped paragraph line continues its paragraph
            current.add(line.number, text)
    return found
