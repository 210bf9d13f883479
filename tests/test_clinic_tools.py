"""Help for clinic editors: the JSON Schema in the repo is current, and new-clinic starts valid."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import yaml

from careguide.clinic_tools import SCHEMA_FILE, clinic_schema
from conftest import ROOT, run_careguide


def test_checked_in_json_schema_matches_the_model():
    assert (ROOT / SCHEMA_FILE).read_text() == clinic_schema(), "run `careguide schema` and commit the result"


def dates_as_text(value):
    """YAML 1.2, which editors' YAML extension reads, has no date type: a date is text."""
    if isinstance(value, dict):
        return {key: dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [dates_as_text(item) for item in value]
    return str(value) if isinstance(value, date) else value


def test_json_schema_accepts_the_bundled_clinics_and_flags_an_unknown_key():
    validator = jsonschema.Draft202012Validator(json.loads(clinic_schema()))
    for path in (ROOT / "clinics").glob("*.yml"):
        data = dates_as_text(yaml.safe_load(path.read_text()))
        assert not list(validator.iter_errors(data)), path
        (error,) = validator.iter_errors({**data, "phnoe": "x"})
        assert error.validator == "additionalProperties" and "phnoe" in error.message


def test_new_clinic_writes_a_file_that_passes_the_check_once_the_guide_is_reviewed(project_copy):
    result = run_careguide("new-clinic", "my-clinic", root=project_copy)
    assert result.returncode == 0, result.stderr
    written = project_copy / "clinics" / "my-clinic.yml"
    assert written.read_text().count("\n# ") >= 10  # every field explained
    # The example date is a placeholder: no clinician of this clinic has read the current pages.
    check = run_careguide("check", str(written), root=project_copy)
    assert check.returncode == 1
    assert [line.split(": ")[1] for line in check.stderr.splitlines()[:-1]] == ["reviewer.reviewed_on"]
    assert "signed off on 2026-01-15, but docs/" in check.stderr
    written.write_text(written.read_text().replace("reviewed_on: 2026-01-15", "reviewed_on: 2026-11-27", 1))
    check = run_careguide("check", str(written), root=project_copy)
    assert check.returncode == 0, check.stderr
    assert "WARNING" not in check.stderr  # the Spanish values are there from the start


def test_new_clinic_never_overwrites_a_clinic_file(project_copy):
    existing = project_copy / "clinics" / "test-baltimore.yml"
    before = existing.read_text()
    result = run_careguide("new-clinic", "test-baltimore", root=project_copy)
    assert result.returncode != 0 and "already exists" in result.stderr
    assert existing.read_text() == before


def test_help_explains_check_and_build():
    result = run_careguide("--help")
    assert result.returncode == 0
    assert "check" in result.stdout and "build" in result.stdout
