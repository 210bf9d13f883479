"""Clinic data as templates see it: every string already HTML-escaped.

MkDocs' theme environment and mkdocs-macros' page environment both render without
autoescape, so `{{ clinic.name }}` would otherwise write a clinic's `<script>` into the
page. Escaping the data once, here, makes every place it lands safe by construction;
`markupsafe.Markup` values are never escaped twice by a `| e` filter.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from markupsafe import Markup, escape
from pydantic import BaseModel


class View(dict):
    """A read-only mapping that Jinja reads as attributes (`clinic.name`)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def escaped(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, BaseModel):
        return View({name: escaped(getattr(value, name)) for name in type(value).model_fields})
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return View({f.name: escaped(getattr(value, f.name)) for f in dataclasses.fields(value)})
    if isinstance(value, dict):
        return View({key: escaped(item) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return [escaped(item) for item in value]
    return value
