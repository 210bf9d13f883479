"""Clinic data as pages and templates see it: inert text, escaped once, by construction.

A clinic value lands in a page *before* Markdown runs (macros render into the page's
Markdown), and then in HTML, in the PDF and in the theme's templates, none of which
autoescape. So a value must mean nothing to any of them: `inert` writes every ASCII
punctuation character as an HTML character reference (`[` -> `&#91;`), which Markdown
leaves alone and every HTML parser (browsers, WeasyPrint, search indexers) reads back as
the character. `[Care](javascript:alert(1))`, `<script>`, `{{ x }}`, `# Heading`, `1. item`
and `| a | b |` all stay the text the clinic wrote. Runs of whitespace (a YAML `|` block's
newlines and blank lines) become one space, so a value can never start a Markdown block.

Not for raw-text contexts (<style>, <script>): there, only validated values (colours) or
values serialised for that context (JSON-LD) may go.
"""

from __future__ import annotations

import dataclasses
import string
from typing import Any

from markupsafe import Markup, escape
from pydantic import BaseModel

_REFERENCES = {ord(c): f"&#{ord(c)};" for c in string.punctuation}


def inert(text: str) -> Markup:
    return Markup(" ".join(text.split()).translate(_REFERENCES))


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
