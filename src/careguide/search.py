"""Site search: Pagefind indexes each language's built pages, as a post-build step in
careguide's own code, so every engine's HTML gets the same search (issue 15).

    site/<id>/pagefind/     the English pages' index (Pagefind's English stemmer)
    site/<id>/es/pagefind/  the Spanish pages' index (Spanish stemmer)

Pagefind folds diacritics itself ("vomito" finds "vómito") and stems each language. What
it cannot know is how patients talk: the project's lay vocabulary,
overrides/careguide/search-terms.yml, maps their words to the guide's ("puke" -> vomit) and
lists the words that must not decide the ranking ("can I", "¿puedo"). The vocabulary is
checked against the pages once per build (a term no page uses stops the build on its line)
and written beside each index, with each page's `search: boost`, for the search box's
script (docs/assets/search.js) to apply to the patient's query.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .problems import ProblemsFound
from .yamlsource import load

SEARCH_TERMS = Path("overrides") / "careguide" / "search-terms.yml"
BUNDLE = "pagefind"  # the index's folder in each language's site; the search box's template names it too
QUERY_HELP = "careguide-search.json"  # beside the index: the vocabulary and page boosts, for search.js
# Only the article is searched: not the menus, the call bar or the footer, which every page repeats.
INDEXED = "article.md-content__inner"
NOT_INDEXED = [".headerlink", ".cg-pdf-link", ".cg-review-dates"]  # the ¶ anchors, repeated on every page
# The about page's reference list (authors, journals, standards: its last section, from this
# heading to the end of the article) is for reviewers; its hundreds of rare words answered
# queries that match nothing in the guide ("zebra trampoline" found the about page). Pagefind's
# selectors cannot say "everything after a heading", so it is cut from the HTML it is given.
SOURCES = re.compile(r'<h2 id="sources".*?(?=</article>)', re.DOTALL)
PAGEFIND = [sys.executable, "-m", "pagefind"]  # the locked pagefind[bin]'s own command
# Pagefind indexes a language in well under a second; one that stops answering must not hang the build.
INDEX_TIMEOUT_SECONDS = 300
# What Pagefind writes for its own UI kits and for pages without a language; our search box uses
# only pagefind.js, its worker, and the index of the one language of the folder.
PAGEFIND_UI = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind",
)


class SearchIndexFailed(Exception):
    """Pagefind did not index a language's pages; the message is one line."""


class SearchTermsError(Exception):
    """The lay vocabulary is wrong; the message is one line per problem, `file:line: what: fix`."""


@dataclass(frozen=True)
class Vocabulary:
    """One language's lay vocabulary, folded the way search.js folds a query."""

    ignore: tuple[str, ...]  # words that never decide the ranking ("is", "it", "can")
    terms: dict[str, str]  # a patient's word or phrase -> the guide's words

    def as_json(self) -> dict:
        return {"ignore": list(self.ignore), "terms": self.terms}


def fold(text: str) -> str:
    """Lower case, accents dropped, words separated by one space: "¿Vómito?" -> "vomito".
    search.js folds the patient's query the same way before looking words up."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return " ".join(re.findall(r"[^\W_]+", plain.lower()))


def load_search_terms(root: Path, pages: dict, language_names: dict[str, str]) -> dict[str, Vocabulary]:
    """overrides/careguide/search-terms.yml, checked: every guide word is on a page of its language.

    `pages`: language -> the project's pages (project.Page), whose text the guide words must appear in;
    `language_names`: language -> its name in messages ("Spanish").
    """
    name = SEARCH_TERMS.as_posix()
    try:
        doc = load(root / SEARCH_TERMS, name)
    except ProblemsFound as found:
        raise SearchTermsError(str(found)) from None
    except FileNotFoundError:
        raise SearchTermsError(f"{name}:1: the file is missing: restore it from the template repository") from None
    problems: list[str] = []

    def problem(path: tuple, what: str, fix: str) -> None:
        where = doc.keys.get(path) or doc.values.get(path)
        problems.append(f"{name}:{where.line if where else 1}: {what}: {fix}")

    vocabularies = {}
    for language, language_pages in pages.items():
        section = doc.data.get(language)
        if not isinstance(section, dict) or not isinstance(section.get("terms"), dict):
            problem((language,), f"no `{language}:` section with `terms:`", f"add one, like the other language's")
            continue
        ignore = section.get("ignore") or []
        if not isinstance(ignore, list) or not all(isinstance(word, str) for word in ignore):
            problem((language, "ignore"), "`ignore:` must be a list of words", "write it like [a, the, is]")
            ignore = []
        text = " ".join(fold(page.source.read_text(encoding="utf-8")) for page in language_pages)
        terms: dict[str, str] = {}
        listed_under: dict[str, str] = {}  # a patient's word -> the guide word it was first listed under
        for guide_words, patient_words in section["terms"].items():
            at = (language, "terms", guide_words)
            if isinstance(patient_words, str):
                patient_words = [patient_words]
            if not isinstance(patient_words, list) or not all(isinstance(w, str) and fold(w) for w in patient_words):
                problem(at, f"{guide_words!r} needs a list of the words patients use for it", "write it like [puke, throw up]")
                continue
            if not re.search(rf"(?<!\w){re.escape(fold(guide_words))}", text):
                problem(at, f"{guide_words!r} is on no {language_names[language]} page, so the patients' words for it would find nothing",
                        "use a word the pages use (its start is enough: 'vomit' for 'vomiting'), or remove the line")
                continue
            for word in patient_words:
                if fold(word) in terms and terms[fold(word)] != fold(guide_words):
                    first = listed_under[fold(word)]
                    problem(at, f"{word!r} is listed under two guide words (first under {first!r})", "keep it under one of them")
                terms[fold(word)] = fold(guide_words)
                listed_under.setdefault(fold(word), guide_words)
        vocabularies[language] = Vocabulary(ignore=tuple(sorted({fold(w) for w in ignore if fold(w)})), terms=terms)
    if problems:
        raise SearchTermsError("\n".join(problems))
    return vocabularies


def write_search_index(site: Path, language: str, pages: list, vocabulary: Vocabulary) -> None:
    """Index the built `pages` (project.Page, in one language) of the language folder `site`
    into site/pagefind/, with what search.js needs to read the patient's query beside it."""
    from .project import built_page  # project imports this module

    bundle = site / BUNDLE
    with tempfile.TemporaryDirectory(prefix="careguide-search-") as given:
        # Pagefind's own command, over a copy of just these pages as they are to be searched:
        # its Python service reads one answer per 0.1 s, over a second for ten pages.
        for page in pages:
            built = built_page(site, page.url)
            copy = Path(given) / built.relative_to(site)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(SOURCES.sub("", built.read_text(encoding="utf-8"), count=1), encoding="utf-8")
        _run_pagefind(site, [
            "--site", given, "--output-path", str(bundle), "--force-language", language,
            "--root-selector", INDEXED, *(flag for selector in NOT_INDEXED for flag in ("--exclude-selectors", selector)),
            "--silent",
        ])
    for unused in PAGEFIND_UI:
        (bundle / unused).unlink(missing_ok=True)
    boosts = {"/" + page.url: float((page.meta.get("search") or {}).get("boost", 1)) for page in pages}
    help_for_queries = {**vocabulary.as_json(), "boosts": boosts}
    (bundle / QUERY_HELP).write_text(json.dumps(help_for_queries, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def _run_pagefind(site: Path, arguments: list[str]) -> None:
    try:
        done = subprocess.run([*PAGEFIND, *arguments], capture_output=True, text=True, timeout=INDEX_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:  # run() has killed it
        raise SearchIndexFailed(f"Pagefind gave no answer in {INDEX_TIMEOUT_SECONDS} s while indexing {site}: build again; if it fails again, report it") from None
    if done.returncode != 0:
        said = [line.strip() for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        # A Rust panic's reason is the line after "panicked at"; otherwise Pagefind's own last word.
        reason = next((said[at + 1] for at, line in enumerate(said[:-1]) if "panicked at" in line), said[-1] if said else "no message")
        raise SearchIndexFailed(f"Pagefind stopped (exit status {done.returncode}) while indexing {site}: {reason}: build again; if it fails again, report it")


def remove_engine_search(site: Path, engine_search: tuple[str, ...]) -> None:
    """Delete what the engine wrote for its own search (Material's lunr index, worker and
    stemmers; Zensical's search.json), so patients never download two searches."""
    for name in engine_search:
        path = site / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
