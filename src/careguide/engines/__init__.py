"""Page engines: each turns one variant config (a clinic in one language) into HTML.

One small module per engine, each with `render(config_file)` and `OWN_SEARCH` (what it writes
for a search of its own, which careguide replaces); raising EngineFailed with what the
engine said (engines/diagnostics.py makes it one line). Nothing careguide needs beyond the
HTML (PDF, search, sitemap alternates, the switch into site/) lives in an engine: see
careguide.build.
"""

from __future__ import annotations

from importlib import import_module

ENGINES = ("mkdocs", "zensical")


class EngineFailed(Exception):
    """What stopped an engine. `page`: the page as the engine names it ("faq.md", in the
    language being built); `line`: in that file, or in its body after the front matter
    when `body_line`; `needle`: text to find the line by when the engine gave none;
    `jinja_syntax`: Jinja could not read a page, maybe for a block left open
    (careguide.jinja_blocks then names the line where it opens)."""

    def __init__(self, message: str, *, page: str | None = None, line: int | None = None,
                 body_line: bool = False, needle: str | None = None, jinja_syntax: bool = False):
        super().__init__(message)
        self.message, self.page, self.line, self.body_line, self.needle = message, page, line, body_line, needle
        self.jinja_syntax = jinja_syntax


def engine(name: str):
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")
    return import_module(f"{__name__}.{name}")
