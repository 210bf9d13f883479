"""MkDocs 1.6 with Material, in this process (a build worker keeps its fixed costs: worker_cache)."""

from __future__ import annotations

from pathlib import Path

from . import EngineFailed

# What Material writes for its own (lunr) search, replaced by careguide's (careguide/search.py):
# the theme copies its lunr stemmers and search worker even with the search plugin off.
OWN_SEARCH = ("search", "assets/javascripts/lunr", "assets/javascripts/workers")


def render(config_file: Path) -> None:
    from click import ClickException
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from ..worker_cache import reuse_git_facts, reuse_theme_work

    try:
        config = load_config(str(config_file))
    except MkDocsException as error:  # the config is ours, so this is a careguide bug or a broken mkdocs.yml
        raise EngineFailed(f"mkdocs.yml: {error}") from None
    reuse_theme_work(config.theme)
    reuse_git_facts()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except ClickException as error:  # strict mode's "Aborted with N warnings", a plugin's error
        raise EngineFailed(error.format_message()) from None
    except SystemExit as stop:  # mkdocs-macros exits on a macro error (on_error_fail), after logging it
        raise EngineFailed(f"a page's macro failed (exit {stop.code}); see the ERROR lines above") from None
    finally:
        config.plugins.on_shutdown()
