"""`careguide check`: every mistake in a clinic file is reported on its line, with a fix.

Each file in tests/clinic_cases/ holds one mistake. Its header says which field and
message the check must report; the offending line carries the marker `# <- the mistake`
(or the header gives `expect-line`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careguide.clinic_file import load_clinic
from careguide.problems import ProblemsFound
from conftest import ROOT, run_careguide

CASES = sorted((Path(__file__).parent / "clinic_cases").glob("*.yml"))
MARK = "# <- the mistake"


def expectation(path: Path) -> tuple[str, str, int]:
    text = path.read_text()
    header = dict(re.findall(r"^# expect-(\w+): ?(.*)$", text, flags=re.M))
    lines = text.splitlines()
    marked = [number for number, line in enumerate(lines, start=1) if line.endswith(MARK)]
    if header.get("line") == "next":
        line = marked[0] + 1
    elif "line" in header:
        line = int(header["line"])
    else:
        (line,) = marked
    return header["field"], header["message"], line


def test_there_are_at_least_25_different_mistakes():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_check_reports_the_mistake_on_its_line_with_a_fix(case):
    field, message, line = expectation(case)
    result = run_careguide("check", str(case))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    relative = case.relative_to(ROOT).as_posix()
    reported = [l for l in result.stderr.splitlines() if l.startswith(f"{relative}:{line}:")]
    assert reported, f"nothing reported on line {line}:\n{result.stderr}"
    location = re.escape(f"{relative}:{line}:") + r"\d+: "
    prefix = location + (re.escape(f"{field}: ") if field else "")
    assert any(re.match(prefix, l) and message in l and "; " in l for l in reported), result.stderr


def test_check_reports_all_errors_of_all_files_in_one_run():
    result = run_careguide("check", *(str(c) for c in CASES))
    assert result.returncode == 1
    files_reported = {line.split(":", 1)[0] for line in result.stderr.splitlines() if line.startswith("tests/")}
    assert len(files_reported) == len(CASES)


def test_check_prints_github_annotations_under_actions():
    case = ROOT / "tests/clinic_cases/phone-nine-digits.yml"
    result = run_careguide("check", str(case), env={"GITHUB_ACTIONS": "true"})
    _, _, line = expectation(case)
    assert re.search(
        rf"^::error file=tests/clinic_cases/phone-nine-digits.yml,line={line},col=\d+::phone: .*has 9 digits",
        result.stdout,
        flags=re.M,
    )


def test_check_passes_the_bundled_clinics_quietly():
    result = run_careguide("check")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "OK" in result.stdout


@pytest.mark.parametrize(
    ("written", "outcome"),
    [
        ("accepting_new_patients: no", "'no' is not true or false"),
        ("accepting_new_patients: on", "'on' is not true or false"),
        ("accepting_new_patients: false", None),
    ],
)
def test_yaml_boolean_traps_are_refused_not_guessed(tmp_path, written, outcome):
    assert_outcome(tmp_path, "accepting_new_patients: true", written, outcome)


@pytest.mark.parametrize(
    ("original", "written", "outcome"),
    [
        ('zip: "21201"', "zip: 0123", "0123 is read as a number (123)"),
        ("reviewed_on: 2026-11-27", "reviewed_on: 2026-13-01", "'2026-13-01' is not a real date"),
        ("reviewed_on: 2026-11-27", 'reviewed_on: "2026-11-27"', None),
        ("monitoring_minutes: 60", "monitoring_minutes: 060", None),  # YAML 1.2: decimal 60, not octal 48
    ],
)
def test_yaml_number_and_date_traps_are_handled_deliberately(tmp_path, original, written, outcome):
    assert_outcome(tmp_path, original, written, outcome)


def assert_outcome(tmp_path: Path, original: str, written: str, outcome: str | None) -> None:
    base = (ROOT / "tests/clinic_cases/phone-nine-digits.yml").read_text().replace('"410-555-014"', '"410-555-0144"')
    assert original in base
    (tmp_path / "docs").mkdir()
    path = tmp_path / "phone-nine-digits.yml"
    path.write_text(base.replace(original, written))
    if outcome is None:
        clinic = load_clinic(path, root=tmp_path)
        assert clinic.policies.monitoring_minutes == 60
        return
    with pytest.raises(ProblemsFound) as found:
        load_clinic(path, root=tmp_path)
    assert any(outcome in str(problem) for problem in found.value.problems), found.value
