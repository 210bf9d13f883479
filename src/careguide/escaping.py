"""Clinic data as pages and templates see it: inert text, escaped once, by construction.

A clinic value lands in a page *before* Markdown runs (macros render into the page's
Markdown), and then in HTML, in the PDF and in the theme's templates, none of which
autoescape. So a value must mean nothing to any of them: `inert` writes each ASCII
punctuation character that could mean something as an HTML character reference (`[` ->
`&#91;`), which Markdown leaves alone and every HTML parser (browsers, WeasyPrint, search
indexers) reads back as the character. `[Care](javascript:alert(1))`, `<script>`, `{{ x }}`, `# Heading`, `1. item`
and `| a | b |` all stay the text the clinic wrote. Runs of whitespace (a YAML `|` block's
newlines and blank lines) become one space, so a value can never start a Markdown block.

Not for raw-text contexts (<style>, <script>): there, only validated values (colours) or
values serialised for that context (JSON-LD) may go.
"""

from __future__ import annotations

import dataclasses
import re
import string
from typing import Any

from markupsafe import Markup, escape
from pydantic import BaseModel

# Punctuation that means nothing to Markdown, Jinja or HTML inside a line of text is kept
# as written, so ids, phones, dates, addresses and URLs read (and compare) as themselves.
# At the start of a value every punctuation mark is written as a reference, and so is the
# "." or ")" of a leading number: a value a page puts at the start of a line cannot begin a
# list ("- x", "+ x", "1. x"), a heading or a rule.
_HARMLESS = set("-.,:/@+%?;=")
_ALWAYS = {ord(c): f"&#{ord(c)};" for c in string.punctuation if c not in _HARMLESS}
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")


def _reference(character: str) -> str:
    return f"&#{ord(character)};"


def inert(text: str) -> Markup:
    words = " ".join(text.split()).translate(_ALWAYS)  # harmless marks are left, so the two fixes below see them
    if words[:1] in _HARMLESS:
        words = _reference(words[0]) + words[1:]
    return Markup(_LEADING_NUMBER.sub(lambda m: m.group(1) + _reference(m.group(2)), words))


class View(dict):
    """A read-only mapping that Jinja reads as attributes (`clinic.name`)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class EmptyValueError(Exception):
    pass


class NotGiven:
    """An optional clinic value this clinic left out, as a page sees it: false in
    `{% if %}`, but an error when printed (Jinja would print "None" to patients, and only
    for the clinics that lack it)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        # No percent sign: mkdocs-macros 1.x %-formats its error report around this text.
        raise EmptyValueError(
            f"{{{{ {self.path} }}}} is empty for this clinic: print it only inside an if block "
            f"that tests {self.path}, as docs/faq.md does for eating_and_drinking"
        )

    __html__ = __str__


def escaped(value: Any, text=inert, path: str | None = None) -> Any:
    """`value` with every string made safe by `text` (inert by default; UI words, which
    editors write as plain text for templates, use `markupsafe.escape`). With `path` (the
    name pages use, "clinic"), a value the clinic left out becomes NotGiven."""
    def inner(item: Any, name: str) -> Any:
        return escaped(item, text, f"{path}.{name}" if path else None)

    if value is None and path:
        return NotGiven(path)
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return text(value)
    if isinstance(value, BaseModel):
        return View({name: inner(getattr(value, name), name) for name in type(value).model_fields})
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return View({f.name: inner(getattr(value, f.name), f.name) for f in dataclasses.fields(value)})
    if isinstance(value, dict):
        return View({key: inner(item, str(key)) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return [escaped(item, text, f"{path}[]" if path else None) for item in value]
    return value


def escaped_words(strings: Any) -> Any:
    return escaped(strings, escape)
