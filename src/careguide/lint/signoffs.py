"""Clinic sign-offs in `careguide lint`: an editor who moves a page's `last_reviewed` learns
here, not only at the next `careguide check`, which clinics must review it again."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .. import yamlsource
from ..model import Clinic
from ..problems import ProblemsFound
from .findings import Finding

RULE = "clinic-sign-off"


def check(root: Path) -> list[Finding]:
    # Imported here, not at the top: both read the project and the clinic files, which use
    # the lint's page reader and claim rules, so a top-level import would be circular.
    from ..clinic_file import clinic_files
    from ..signoff import newest_reviews, stale_signoffs

    newest = newest_reviews(root)
    found = []
    for path in clinic_files(root / "clinics"):
        name = path.relative_to(root).as_posix()
        try:
            doc = yamlsource.load(path, name)
            clinic = Clinic.model_validate(doc.data)
        except (ProblemsFound, ValidationError):
            continue  # `careguide check` reports a clinic file that is not valid
        for where, what, fix in stale_signoffs(clinic, newest):
            found.append(Finding(name, doc.values[where].line, RULE, f"{what}; {fix}"))
    return found
