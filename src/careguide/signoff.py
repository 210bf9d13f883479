"""A clinic's sign-off must cover the text it publishes.

`reviewer.reviewed_on` says when the clinic's clinician checked the guide; a page changed
(and its `last_reviewed` moved) after that day is text the clinician has not seen. The
same holds for `translation_review.reviewed_on` and the Spanish pages. Both `careguide
check` (with the clinic's other problems) and `careguide lint` (with the pages) report it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import Clinic
from .project import ProjectError, load_project, source_name


@dataclass(frozen=True)
class NewestReview:
    day: date
    page: str  # docs/side-effects.es.md


def newest_reviews(root: Path) -> dict[str, NewestReview]:
    """Per language, the latest `last_reviewed` among the pages every clinic publishes (nav).
    Empty when the project cannot be read: the build and the lint report that."""
    try:
        project = load_project(root)
    except ProjectError:
        return {}
    newest = {}
    for language, pages in project.pages.items():
        for page in pages:
            try:
                day = date.fromisoformat(str(page.meta.get("last_reviewed", "")).strip())
            except ValueError:
                continue  # the lint's review-dates rule reports it
            if language not in newest or day > newest[language].day:
                newest[language] = NewestReview(day, f"docs/{source_name(page.name, language)}")
    return newest


def stale_signoffs(clinic: Clinic, newest: dict[str, NewestReview]):
    """(path, what, fix) for each sign-off older than the text it covers."""
    english, spanish = newest.get("en"), newest.get("es")
    if english and clinic.reviewer.reviewed_on < english.day:
        yield (
            ("reviewer", "reviewed_on"),
            f"{clinic.reviewer.name} signed off on {clinic.reviewer.reviewed_on}, but {english.page} was last reviewed "
            f"on {english.day}, so the sign-off does not cover the English text patients will read",
            f"ask {clinic.reviewer.name} to check the pages changed since then, and set reviewed_on to the day they did",
        )
    review = clinic.translation_review
    if spanish and review and review.reviewed_on < spanish.day:
        yield (
            ("translation_review", "reviewed_on"),
            f"{review.name} reviewed the translation on {review.reviewed_on}, but {spanish.page} was last reviewed on "
            f"{spanish.day}, so the review does not cover the Spanish text patients will read",
            "ask a qualified medical translator to check the Spanish pages changed since then, and set reviewed_on "
            "to the day they did (or remove translation_review until then)",
        )
