"""MkDocs 1.6 with Material, in this process (a build worker keeps its fixed costs: worker_cache).

`careguide serve` builds with `load` and `build_loaded` instead of `render`: without the
worker's caches, since an editor changes the templates while it serves."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from . import EngineFailed
from .diagnostics import from_mkdocs


class _Said(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _collected():
    """MkDocs' warnings, kept for the one-line message instead of printed as they come
    (strict mode makes every warning stop the build, so none is lost)."""
    logger, said = logging.getLogger("mkdocs"), _Said()
    propagates = logger.propagate
    logger.addHandler(said)
    logger.propagate = False
    try:
        yield said
    finally:
        logger.removeHandler(said)
        logger.propagate = propagates

# What Material writes for its own (lunr) search, replaced by careguide's (careguide/search.py):
# the theme copies its lunr stemmers and search worker even with the search plugin off.
OWN_SEARCH = ("search", "assets/javascripts/lunr", "assets/javascripts/workers")


def render(config_file: Path) -> None:
    from ..worker_cache import reuse_git_facts, reuse_theme_work

    config = load(config_file)
    reuse_theme_work(config.theme)
    reuse_git_facts()
    build_loaded(config)


def load(config_file: Path):
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        return load_config(str(config_file))
    except MkDocsException as error:  # the config is ours, so this is a careguide bug or a broken mkdocs.yml
        raise EngineFailed(f"mkdocs.yml: {error}") from None


def build_loaded(config, *, serve_url: str | None = None) -> None:
    """One build of a loaded config; `serve_url` for `careguide serve`'s rebuilds."""
    from click import ClickException
    from mkdocs.commands.build import build

    config.plugins.on_startup(command="serve" if serve_url else "build", dirty=False)
    with _collected() as said:
        try:
            build(config, serve_url=serve_url)
        except ClickException as error:  # strict mode's "Aborted with N warnings", a plugin's error
            raise from_mkdocs(said.messages, error.format_message()) from None
        except SystemExit as stop:  # mkdocs-macros exits on a macro error (on_error_fail), after logging it
            raise from_mkdocs(said.messages, f"a page's macro failed (exit {stop.code})") from None
        finally:
            config.plugins.on_shutdown()
