"""`careguide pr-summary`: the job summary of a pull request says what changed for patients.

Each test runs the command in a throwaway git repository holding a copy of the project, with
a base commit and a change on top, as CI sees a pull request.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from careguide.pr_summary import code, md
from conftest import copy_project, run_careguide

EASY_PAGE = """---
title: How often
last_reviewed: 2026-11-20
next_review: 2027-11-20
---

# How often

Rest at home today. Drink some water. Call us if you feel sick.
"""

HARD_PAGE = EASY_PAGE.replace(
    "Rest at home today. Drink some water. Call us if you feel sick.",
    "Following intravenous administration, individuals frequently experience transient dissociative "
    "perceptual alterations, necessitating supervised accompaniment throughout the remainder of the day.",
)

EASY_PAGE_ES = """---
title: Cada cuánto tiempo
last_reviewed: 2026-11-20
next_review: 2027-11-20
---

# Cada cuánto tiempo

Descanse en casa hoy. Tome agua. Llámenos si se siente mal.
"""

NO_GITHUB = {"GITHUB_SERVER_URL": "", "GITHUB_REPOSITORY": "", "GITHUB_RUN_ID": "", "GITHUB_ACTIONS": ""}


def git(root, *args):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Test Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def pull_request(tmp_path):
    """A repository with a `base` branch and, on HEAD, a pull request that makes a page harder to
    read, retouches its Spanish twin, and changes a clinic file."""
    root = copy_project(tmp_path / "project")
    (root / "docs" / "how-often.md").write_text(EASY_PAGE, encoding="utf-8")
    (root / "docs" / "how-often.es.md").write_text(EASY_PAGE_ES, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "branch", "base")
    (root / "docs" / "how-often.md").write_text(HARD_PAGE, encoding="utf-8")
    (root / "docs" / "how-often.es.md").write_text(EASY_PAGE_ES + "\nLlame a la clínica si tiene preguntas.\n", encoding="utf-8")
    clinic = root / "clinics" / "test-baltimore.yml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("care@example.org", "help@example.org"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "a harder page")
    return root


def summary_lines(root, *args, env=None):
    result = run_careguide("pr-summary", "--base", "base", *args, root=root, env={**NO_GITHUB, **(env or {})})
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def section(lines, heading):
    start = lines.index(heading)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("### ")), len(lines))
    return [line for line in lines[start + 1 : end] if line]


def test_lists_the_changed_pages_with_title_language_and_reading_level_before_and_after(pull_request):
    lines = summary_lines(pull_request)
    assert lines[0] == "## What changed for patients"
    rows = section(lines, "### Guide pages changed: 2")
    assert rows[:4] == [
        "| page | language | title | reading level before | after |",
        "|---|---|---|---|---|",
        "| `docs/how-often.es.md` | Spanish | Cada cuánto tiempo | ease 97.6 | ease 94.1 |",
        "| `docs/how-often.md` | English | How often | grade 0.2 | grade 28.4 |",
    ]


def test_lists_the_changed_clinic_files(pull_request):
    assert section(summary_lines(pull_request), "### Clinic files changed: 1") == ["- `clinics/test-baltimore.yml`"]


def test_counts_the_lint_findings_by_rule_and_lists_them(pull_request):
    rows = section(summary_lines(pull_request), "### Lint findings: 1 error(s), 0 warning(s)")
    assert rows[:3] == ["| rule | errors | warnings |", "|---|---|---|", "| reading-level | 1 | 0 |"]
    (finding,) = rows[3:]
    assert finding.startswith("- docs/how-often.md:7: reading-level: the page reads at grade 28.4, above the limit of 8. ")


def test_a_page_the_base_does_not_have_is_new_and_a_deleted_one_removed(pull_request):
    (pull_request / "docs" / "how-often.md").unlink()
    (pull_request / "docs" / "tips.md").write_text(EASY_PAGE.replace("How often", "Tips"), encoding="utf-8")
    git(pull_request, "add", "-A")
    git(pull_request, "commit", "-q", "-m", "a new page instead of an old one")
    rows = section(summary_lines(pull_request), "### Guide pages changed: 3")
    assert rows[3:5] == [
        "| `docs/how-often.md` | English | How often | grade 0.2 | removed |",
        "| `docs/tips.md` | English | Tips | new page | grade 0.2 |",
    ]


def test_compares_with_the_merge_base_so_later_changes_on_the_base_branch_are_not_counted(pull_request):
    git(pull_request, "checkout", "-q", "base")
    (pull_request / "docs" / "about.md").write_text(EASY_PAGE.replace("How often", "About"), encoding="utf-8")
    git(pull_request, "commit", "-q", "-am", "meanwhile on the base branch")
    git(pull_request, "checkout", "-q", "main")
    assert "| `docs/about.md` |" not in "\n".join(summary_lines(pull_request))


def test_counts_the_pages_of_each_handout_pdf_in_the_site_folder(pull_request, tmp_path):
    from weasyprint import HTML

    site = tmp_path / "site"
    (site / "test-baltimore" / "es").mkdir(parents=True)
    two_pages = '<p>One</p><p style="break-before: page">Two</p>'
    HTML(string=two_pages).write_pdf(site / "test-baltimore" / "ketamine-aftercare-guide.pdf")
    HTML(string="<p>Uno</p>").write_pdf(site / "test-baltimore" / "es" / "ketamine-aftercare-tonight.pdf")
    (site / "test-baltimore" / "index.html").write_text("not a PDF")
    assert section(summary_lines(pull_request, "--site-dir", str(site)), "### Handout PDFs: 2") == [
        "| site | file | pages |",
        "|---|---|---|",
        "| `test-baltimore` | `ketamine-aftercare-guide.pdf` | 2 |",
        "| `test-baltimore` | `es/ketamine-aftercare-tonight.pdf` | 1 |",
    ]


def test_says_so_when_no_handout_was_built(pull_request, tmp_path):
    lines = summary_lines(pull_request, "--site-dir", str(tmp_path / "nothing"))
    assert section(lines, "### Handout PDFs: 0") == [f"No handout PDF under `{tmp_path / 'nothing'}/`: the build did not run, or failed."]


def test_links_to_the_runs_artifacts_under_github_actions_only(pull_request):
    github = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "example/careguide", "GITHUB_RUN_ID": "42"}
    assert summary_lines(pull_request, env=github)[-1] == (
        "Download each clinic's site and PDFs from [this run's artifacts](https://github.com/example/careguide/actions/runs/42#artifacts)."
    )
    assert "artifacts" not in "\n".join(summary_lines(pull_request))


def test_a_base_that_is_not_a_commit_is_one_line_and_exit_1(pull_request):
    result = run_careguide("pr-summary", "--base", "origin/nosuch", root=pull_request)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "careguide pr-summary: --base origin/nosuch: no such commit here; "
        "fetch it first (git fetch origin main) or name a branch, tag or commit\n"
    )


def test_a_project_outside_git_is_one_line_and_exit_1(tmp_path):
    root = copy_project(tmp_path / "project")
    result = run_careguide("pr-summary", "--base", "main", root=root, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.returncode == 1
    assert result.stderr == f"careguide pr-summary: {root}: not a git repository; run it in a clone of the project\n"


def test_titles_and_file_names_are_inert_markdown():
    assert md("<img src=x onerror=alert(1)> | [link](https://x.example) *bold*") == (
        "\\<img src=x onerror=alert(1)\\> \\| \\[link\\](https://x.example) \\*bold\\*"
    )
    assert code("docs/a|b.md") == "`docs/a\\|b.md`"
    assert code("docs/a`b.md") == "`` docs/a`b.md ``"
