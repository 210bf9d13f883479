"""Pay a build's fixed costs once per worker process, not once per clinic.

A plain MkDocs build creates a fresh Jinja environment for the theme, so every build
recompiles Material's templates (about half of a build) and walks the theme's ~14,500
files (a fifth); and mkdocs-macros runs git thirteen times per build (per language) to
offer `git` variables. None of this depends on the clinic: compiled templates depend only
on the template source, the theme listing only on the theme folders and their filter, and
the git facts only on the repository, which does not change during a run. So a worker
keeps them in memory and hands them to every build it runs. Nothing about a clinic is
cached here, so nothing can leak from one clinic to the next.
"""

from __future__ import annotations

from functools import cache
from typing import Callable

import jinja2
from mkdocs.theme import Theme


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates by name and source checksum (Jinja checks the checksum)."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_bytecode = MemoryBytecodeCache()
_listings: dict[tuple, list[str]] = {}


def _cached_listing(env: jinja2.Environment, theme: Theme) -> Callable:
    uncached = env.list_templates

    def list_templates(extensions=None, filter_func=None) -> list[str]:
        # MkDocs' filter closure depends only on the theme's static_templates.
        key = (tuple(theme.dirs), tuple(sorted(theme.static_templates)), extensions,
               filter_func.__code__ if filter_func else None)
        if key not in _listings:
            _listings[key] = uncached(extensions=extensions, filter_func=filter_func)
        return list(_listings[key])

    return list_templates


def reuse_theme_work(theme: Theme) -> None:
    """Make this theme's environments share the worker's compiled templates and listing."""
    fresh_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = fresh_env()
        env.bytecode_cache = _bytecode
        env.list_templates = _cached_listing(env, theme)
        return env

    theme.get_env = get_env


def reuse_git_facts() -> None:
    """mkdocs-macros' `git` variables, read once per worker instead of once per build."""
    from mkdocs_macros import context

    if getattr(context.get_git_info, "read_once", False):
        return
    read = cache(context.get_git_info)

    def get_git_info() -> dict:
        return dict(read())  # a fresh dict per build: no build can change another's

    get_git_info.read_once = True
    context.get_git_info = get_git_info
