"""The project being built, read once per build: its base config, UI words and pages.

Everything here belongs to the project (a clinic's fork may change any of it), never to
the package's own checkout: `mkdocs.yml`, `overrides/careguide/strings.yml`, the print
assets in `overrides/careguide/` and the pages in `docs/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import dataclasses

import yaml

from .lint.page import load_page
from .search import SearchTermsError, Vocabulary, load_search_terms

LANGUAGES = ("en", "es")  # English first: its build empties the clinic's folder, Spanish goes in es/
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}  # in messages to editors
STRINGS = Path("overrides") / "careguide" / "strings.yml"
PRINT_ASSETS = Path("overrides") / "careguide"


class ProjectError(Exception):
    """Something in the project's own files stops every clinic's build; the message says where."""


@dataclass(frozen=True)
class Page:
    """One page of the guide in one language, as an editor wrote it."""

    name: str  # its English file name in docs/, like "side-effects.md": the page's identity
    source: Path  # docs/side-effects.md, or docs/side-effects.es.md
    url: str  # "side-effects/", "" for the home page (use_directory_urls); "side-effects.html", "index.html" without
    meta: dict
    body_start: int = 1  # the file's line where the Markdown after the front matter starts


@dataclass(frozen=True)
class Project:
    root: Path
    base: dict  # mkdocs.yml as written
    strings: dict  # language -> the words of our templates
    pages: dict  # language -> [Page] in nav order
    search_terms: dict[str, Vocabulary]  # language -> the lay vocabulary (overrides/careguide/search-terms.yml)

    @property
    def edition(self) -> str:
        return str(self.base["extra"]["edition"])

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"

    @property
    def print_assets(self) -> Path:
        return self.root / PRINT_ASSETS

    @property
    def directory_urls(self) -> bool:
        """Pages at side-effects/ (a web server's index.html), or at side-effects.html."""
        return bool(self.base.get("use_directory_urls", True))

    def with_file_urls(self) -> "Project":
        """This project with every page addressed as its own file (side-effects.html): the
        build of a preview opened from files (`careguide build --preview`), where a link to a
        folder opens the folder, not its index.html."""
        pages = {
            language: [dataclasses.replace(page, url=page_url(page.name, directory_urls=False)) for page in pages]
            for language, pages in self.pages.items()
        }
        return dataclasses.replace(self, base={**self.base, "use_directory_urls": False}, pages=pages)

    def folder(self, language: str) -> str:
        """Where a language lives inside a clinic's site: "" for English, "es/" for Spanish."""
        return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def source_name(name: str, language: str) -> str:
    """"faq.md" -> "faq.md" in English, "faq.es.md" in Spanish (the editors' suffix layout)."""
    return name if language == DEFAULT_LANGUAGE else f"{name[: -len('.md')]}.{language}.md"


def page_url(name: str, *, directory_urls: bool = True) -> str:
    """Where the engine puts the page, as MkDocs names it: "faq/" and "" (the home page), or
    "faq.html" and "index.html" without use_directory_urls."""
    stem = name[: -len(".md")]
    if not directory_urls:
        return f"{stem}.html"
    return "" if stem == "index" else f"{stem}/"


def built_page(site: Path, url: str) -> Path:
    """The file of the page at `url` (Page.url) in a language's built folder: faq/index.html, or faq.html."""
    return site / url if url.endswith(".html") else site / url / "index.html"


def load_project(root: Path) -> Project:
    base = _yaml(root / "mkdocs.yml", root)
    strings = _yaml(root / STRINGS, root)
    if not isinstance(strings, dict) or sorted(strings) != sorted(LANGUAGES):
        raise ProjectError(f"{STRINGS}:1: it must have one section per language ({', '.join(LANGUAGES)}): add the missing one")
    _same_keys_in_every_language(strings, (root / STRINGS).read_text(encoding="utf-8"))
    nav = base.get("nav")
    if not isinstance(nav, list) or not all(isinstance(entry, str) for entry in nav):
        raise ProjectError("mkdocs.yml: nav: list the pages' file names, like `- index.md`: their titles come from strings.yml")
    if "edition" not in (base.get("extra") or {}):
        raise ProjectError('mkdocs.yml: extra.edition is missing: add `extra: edition: "2026.1"`')
    directory_urls = bool(base.get("use_directory_urls", True))
    pages = {language: [_page(root, name, language, directory_urls) for name in nav] for language in LANGUAGES}
    try:
        search_terms = load_search_terms(root, pages, LANGUAGE_NAMES)
    except SearchTermsError as error:
        raise ProjectError(str(error)) from None
    return Project(root=root, base=base, strings=strings, pages=pages, search_terms=search_terms)


# Tables that translate clinic data (keyed by the English word; English needs no entries).
TRANSLATION_TABLES = {"language_names."}


def _key_paths(tree, prefix: str = "") -> set[str]:
    if not isinstance(tree, dict) or prefix in TRANSLATION_TABLES:
        return {prefix}
    return set().union(*(_key_paths(value, f"{prefix}{key}.") for key, value in tree.items())) if tree else {prefix}


def _same_keys_in_every_language(strings: dict, text: str) -> None:
    """A UI string missing in one language would print nothing where the patient needs the
    words ("call" gone before 911): every language has every key."""
    paths = {language: _key_paths(strings[language]) for language in LANGUAGES}
    every = set().union(*paths.values())
    sections = {key.value: key.start_mark.line + 1 for key, _ in yaml.compose(text).value}
    for language in LANGUAGES:
        lacking = sorted(every - paths[language])
        if lacking:
            key = lacking[0].rstrip(".")
            raise ProjectError(
                f"{STRINGS}:{sections[language]}: {language}: the key {key} is missing: every language needs the "
                f"same keys; add it in {LANGUAGE_NAMES[language]}"
            )


def _yaml(path: Path, root: Path):
    name = path.relative_to(root).as_posix()
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProjectError(f"{name}: the file is missing: restore it from the template repository") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ProjectError(f"{name}:{mark.line + 1 if mark else 1}: not valid YAML: {getattr(error, 'problem', error)}") from None
    except UnicodeDecodeError:
        raise ProjectError(f"{name}: not UTF-8 text: save it as UTF-8") from None


def _page(root: Path, name: str, language: str, directory_urls: bool) -> Page:
    source = root / "docs" / source_name(name, language)
    shown = source.relative_to(root).as_posix()
    if not source.is_file():
        english = f"docs/{name}"
        raise ProjectError(f"{shown}: the page is missing: every page in nav needs it (translate {english} into it)")
    page = load_page(source, root)
    if page.meta_error:
        raise ProjectError(f"{shown}:1: {page.meta_error}")
    return Page(name=name, source=source, url=page_url(name, directory_urls=directory_urls), meta=page.meta, body_start=page.body_start)
