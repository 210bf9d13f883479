"""A clinic's sign-off must cover the pages it publishes: `careguide check` and `careguide
lint` fail when `reviewer.reviewed_on` is older than the newest English `last_reviewed`,
or `translation_review.reviewed_on` older than the newest Spanish one, on the clinic's line."""

from __future__ import annotations

from pathlib import Path

from conftest import run_careguide

SIGNED = "2026-11-27"  # the fixture clinics' reviewer and translation review dates


def move_review(project: Path, page: str, day: str) -> None:
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert "last_reviewed: 2026-11-20" in text
    path.write_text(text.replace("last_reviewed: 2026-11-20", f"last_reviewed: {day}", 1), encoding="utf-8")


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("clinics/")]


def test_a_page_reviewed_after_the_sign_off_fails_check_and_lint_on_the_reviewer_line(project_copy):
    move_review(project_copy, "faq.md", "2026-11-28")
    check = run_careguide("check", root=project_copy)
    assert check.returncode == 1
    expected = (
        "Dana Example, MD signed off on 2026-11-27, but docs/faq.md was last reviewed on 2026-11-28, so the "
        "sign-off does not cover the English text patients will read; ask Dana Example, MD to check the pages "
        "changed since then, and set reviewed_on to the day they did"
    )
    assert f"clinics/test-baltimore.yml:13:102: reviewer.reviewed_on: {expected}" in errors(check)
    assert len(errors(check)) == 3  # every clinic signed off on the same day

    lint = run_careguide("lint", "--today", "2026-11-30", root=project_copy)
    assert lint.returncode == 1
    assert f"clinics/test-baltimore.yml:13: clinic-sign-off: {expected}" in lint.stderr.splitlines()
    assert "3 error(s)" in lint.stderr


def test_a_sign_off_on_the_day_of_the_newest_review_passes(project_copy):
    move_review(project_copy, "faq.md", SIGNED)
    move_review(project_copy, "faq.es.md", SIGNED)
    assert run_careguide("check", root=project_copy).returncode == 0
    assert run_careguide("lint", "--today", "2026-11-30", root=project_copy).returncode == 0


def test_a_spanish_page_reviewed_after_the_translation_review_fails_on_its_line(project_copy):
    move_review(project_copy, "side-effects.es.md", "2026-11-28")
    check = run_careguide("check", root=project_copy)
    assert check.returncode == 1
    # Only test-baltimore has a translation review; the English sign-offs still cover the English pages.
    assert errors(check) == [
        "clinics/test-baltimore.yml:14:68: translation_review.reviewed_on: Lucía Ficticia, CoreCHI reviewed the "
        "translation on 2026-11-27, but docs/side-effects.es.md was last reviewed on 2026-11-28, so the review does "
        "not cover the Spanish text patients will read; ask a qualified medical translator to check the Spanish "
        "pages changed since then, and set reviewed_on to the day they did (or remove translation_review until then)"
    ]
