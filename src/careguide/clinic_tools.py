"""`careguide new-clinic` and `careguide schema`: help for people writing clinic files."""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from importlib.resources import files
from pathlib import Path

import jinja2

from .model import Clinic

SCHEMA_FILE = Path("clinics") / "clinic.schema.json"


def clinic_schema() -> str:
    schema = Clinic.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "careguide clinic file"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def new_clinic_text(clinic_id: str, today: date) -> str:
    template = files("careguide").joinpath("templates/new-clinic.yml").read_text(encoding="utf-8")
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return environment.from_string(template).render(id=clinic_id, today=today.isoformat())


def _clinics_dir(root: str) -> Path:
    folder = Path(root) / "clinics"
    if not folder.is_dir():
        raise SystemExit(f"careguide: {folder} is not a folder; run from the project folder or pass --root")
    return folder


def cmd_new_clinic(args: argparse.Namespace) -> int:
    # The id becomes a file name, a URL path and a Jinja value: only a slug is safe in all three.
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", args.id) or len(args.id) > 60:
        raise SystemExit(
            f"careguide: {args.id!r} is not a valid clinic id: use lower-case letters, digits and single hyphens, like my-clinic"
        )
    target = _clinics_dir(args.root) / f"{args.id}.yml"
    if target.exists() or target.is_symlink():
        raise SystemExit(f"careguide: {target} already exists; choose another id or edit that file")
    # verified_on starts as today: a date the check accepts, to be replaced like every example value.
    target.write_text(new_clinic_text(args.id, date.today()), encoding="utf-8")
    print(f"Wrote {target}. Replace the example values, then run: careguide check {target}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    target = _clinics_dir(args.root) / SCHEMA_FILE.name
    target.write_text(clinic_schema(), encoding="utf-8")
    print(f"Wrote {target}")
    return 0


def register(commands) -> None:
    new = commands.add_parser(
        "new-clinic",
        help="start a clinic file with every field commented",
        description="Write clinics/ID.yml: a valid starting file with every field explained.",
    )
    new.add_argument("id", help="the clinic's id: lower-case letters, digits and hyphens, e.g. my-clinic")
    new.set_defaults(run=cmd_new_clinic)
    schema = commands.add_parser(
        "schema", help="write clinics/clinic.schema.json", description="Regenerate the JSON Schema editors use."
    )
    schema.set_defaults(run=cmd_schema)
