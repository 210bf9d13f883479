"""Page engines: each turns one variant config (a clinic in one language) into HTML.

One small module per engine, each with `render(config_file)` and `OWN_SEARCH` (what it writes
for a search of its own, which careguide replaces); raising EngineFailed with
what the engine said. Nothing careguide needs beyond the HTML (PDF, search, sitemap
alternates, the switch into site/) lives in an engine: see careguide.pipeline.
"""

from __future__ import annotations

from importlib import import_module

ENGINES = ("mkdocs", "zensical")


class EngineFailed(Exception):
    pass


def engine(name: str):
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")
    return import_module(f"{__name__}.{name}")
