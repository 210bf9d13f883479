"""MkDocs hook: one search index per edition, so English searches find English pages and
Spanish searches Spanish ones.

mkdocs-static-i18n merges every language's pages into one index at search/search_index.json,
and Material's search reads `search/search_index.json` under the page's `base_url`. So:
1. Spanish pages get `base_url` pointing at their edition's folder (es/), where
2. after the whole build (both languages), the merged index is split: English entries stay
   in search/search_index.json, Spanish ones go to es/search/search_index.json, each with
   its own `lang` (Material's stop words per language).
Known side effects:
Material keeps a Spanish page's settings (light/dark palette) under es/; and when
published with mike, Material looks for versions.json one level above base_url, which for
a Spanish page is the edition's folder, not the clinic's: the edition selector does not
show on Spanish pages (nothing else breaks).

MkDocs plugin `careguide-editions` (mkdocs.yml), so a plain `CLINIC=<id> mkdocs build`
does the same as `careguide build`.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority


def _i18n(config):
    return config["plugins"].get("i18n")


def _edition_folder(config) -> str:
    """"" for the default language, "es" while mkdocs-static-i18n builds Spanish."""
    i18n = _i18n(config)
    if i18n is None or i18n.current_language in (None, i18n.default_language):
        return ""
    return i18n.current_language


class EditionSearchPlugin(BasePlugin):
    def on_page_context(self, context, page, config, nav):
        folder = _edition_folder(config)
        if folder:
            context["base_url"] = posixpath.join(context["base_url"], folder) + "/"  # a folder URL: ends in /
        return context

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and merged the index
    def on_post_build(self, config):
        write_edition_indexes(config)


def split_index(index: dict, folders: list[str]) -> dict[str, dict]:
    """The merged index as {folder: index}: "" keeps what is not in any folder; locations
    inside a folder become relative to it (Material resolves them against base_url)."""
    out = {folder: {**index, "docs": []} for folder in ["", *folders]}
    for doc in index["docs"]:
        folder = next((f for f in folders if doc["location"].startswith(f"{f}/")), "")
        location = doc["location"][len(folder) + 1 :] if folder else doc["location"]
        out[folder]["docs"].append({**doc, "location": location})
    return out


def write_edition_indexes(config) -> None:
    i18n = _i18n(config)
    if i18n is None or i18n.building:  # inside the Spanish build: the merge comes later
        return
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.is_file():
        return
    folders = [lang for lang in i18n.build_languages if lang != i18n.default_language]
    indexes = split_index(json.loads(path.read_text(encoding="utf-8")), folders)
    for folder, index in indexes.items():
        index["config"] = {**index["config"], "lang": [i18n.default_language if not folder else folder]}
        target = Path(config["site_dir"]) / folder / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
