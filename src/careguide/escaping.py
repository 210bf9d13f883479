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


def escaped(value: Any, text=inert) -> Any:
    """`value` with every string made safe by `text` (inert by default; UI words, which
    editors write as plain text for templates, use `markupsafe.escape`)."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return text(value)
    if isinstance(value, BaseModel):
        return View({name: escaped(getattr(value, name), text) for name in type(value).model_fields})
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return View({f.name: escaped(getattr(value, f.name), text) for f in dataclasses.fields(value)})
    if isinstance(value, dict):
        return View({key: escaped(item, text) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return [escaped(item, text) for item in value]
    return value


def escaped_words(strings: Any) -> Any:
    return escaped(strings, escape)
