"""Turn `clinics/<id>.yml` into a valid Clinic, or into every problem it has."""

from __future__ import annotations

import calendar
import difflib
import re
from xml.etree import ElementTree
import types
import typing
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import yamlsource
from .colours import contrast
from .fields import MARYLAND_AREA_CODES, NPI_REGISTRY, TOLL_FREE_AREA_CODES, WORDS, is_fictional
from .golive import leftovers, placeholder_repository
from .lint.claims import check_text
from .model import Clinic
from .problems import Problem, ProblemsFound
from .project import STRINGS
from .signoff import NewestReview, newest_reviews, stale_signoffs
from .states import STATES, clinic_states, licensing_boards
from .views import credential_codes

MIN_TEXT_CONTRAST = 4.5  # WCAG 2.1 AA for normal text
# The guide was first written in 2026; a review dated years before cannot be of this text.
# 2020 leaves room for a clinic reusing an earlier review, and catches 1999 and 2006-for-2026 typos.
EARLIEST_REVIEW = date(2020, 1, 1)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A provider's NPI and license are re-checked every year (a warning after 12 months) and must
# be within the Maryland license cycle, two years (an error after 24 months).
VERIFICATION_WARN_MONTHS = 12
VERIFICATION_FAIL_MONTHS = 24
# Keys careguide renamed, old -> (new, why): a fork's clinic file written before the rename
# is told the new name instead of a guess.
RENAMED_KEYS = {"licence": ("license", "US English")}


def clinic_files(clinics_dir: Path) -> list[Path]:
    return sorted(clinics_dir.glob("*.yml"))


def ignored_clinic_files(clinics_dir: Path) -> list[Problem]:
    """Files that look like clinic files but are not read, so an editor is not left
    wondering why `my-clinic.yaml` or `new/my-clinic.yml` changed nothing."""
    read = set(clinic_files(clinics_dir))
    warnings = []
    for path in sorted(clinics_dir.rglob("*")):
        if path in read or path.suffix.lower() not in (".yml", ".yaml"):
            continue
        name = path.relative_to(clinics_dir.parent).as_posix()
        where = "it is in a sub-folder" if path.parent != clinics_dir else f"only .yml (lower case) files are read"
        warnings.append(Problem(name, 1, 1, "", f"this file is not read: {where}", f"move or rename it to clinics/{path.stem}.yml"))
    return warnings


class NoSuchClinic(Exception):
    """A command named a clinic that has no file, or there are no clinic files at all."""


def select_clinic_files(clinics_dir: Path, ids: list[str] | None) -> list[Path]:
    """The files of the clinics named by `ids`, or every clinic file when none are named."""
    available = clinic_files(clinics_dir)
    if not ids:
        if not available:
            raise NoSuchClinic("no clinic files in clinics/; create one with `careguide new-clinic ID` (see README, 'Add your clinic')")
        return available
    paths = [clinics_dir / f"{clinic_id}.yml" for clinic_id in ids]
    unknown = [path.stem for path in paths if not path.is_file()]
    if unknown:
        raise NoSuchClinic(
            f"no clinic file for {', '.join(unknown)}; available: {', '.join(p.stem for p in available) or '(none)'}"
        )
    return paths


@dataclass(frozen=True)
class ProjectFacts:
    """What the checks of a clinic read from the project (its pages, strings.yml): read once
    for all the clinics of a build, not once a clinic."""

    newest_reviews: dict[str, NewestReview]
    credentials: dict | None  # credential -> plain words; None when strings.yml cannot be read


def project_facts(root: Path) -> ProjectFacts:
    try:
        credentials = yaml.safe_load((root / STRINGS).read_text(encoding="utf-8"))["en"]["credentials"]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        credentials = None  # a missing or broken strings.yml is reported by every build and lint, on its line
    return ProjectFacts(newest_reviews(root), credentials)


def load_clinic(path: Path, *, root: Path, today: date | None = None, live: bool = False, facts: ProjectFacts | None = None) -> Clinic:
    """Read and validate one clinic file; raise ProblemsFound listing everything wrong.

    `live` checks the file as if it said `example: false`: what the clinic must still
    change before it goes live. `facts`: the project's, when the caller has read them.
    """
    name = _display_name(path, root)
    doc = yamlsource.load(path, name)
    data = {**doc.data, "example": False} if live and isinstance(doc.data, dict) else doc.data
    try:
        clinic = Clinic.model_validate(data)
    except ValidationError as error:
        raise ProblemsFound(_explain(error.errors(), doc, name)) from None
    problems = [
        _at(doc, name, where, what, fix)
        for where, what, fix in _cross_checks(clinic, path, root / "docs", today or date.today(), facts or project_facts(root))
    ]
    if problems:
        raise ProblemsFound(problems)
    return clinic


def load_clinics(paths: list[Path], *, root: Path, today: date | None = None) -> list[Clinic]:
    """All clinics, or ProblemsFound with the problems of every file together."""
    clinics, problems = [], []
    facts = project_facts(root)
    for path in paths:
        try:
            clinics.append(load_clinic(path, root=root, today=today, facts=facts))
        except ProblemsFound as found:
            problems.extend(found.problems)
    if problems:
        raise ProblemsFound(problems)
    return clinics


def go_live_checklist(path: Path, *, root: Path, today: date | None = None) -> tuple[list[Problem], list[Problem]]:
    """What a clinic must still do before it goes live, and what it should do: everything
    `check` would refuse with `example: false`, then `example: false` itself; and the
    warnings (Spanish values, re-checks due, the editors' repository)."""
    name = _display_name(path, root)
    doc = yamlsource.load(path, name)
    try:
        load_clinic(path, root=root, today=today, live=True)
    except ProblemsFound as found:
        to_do, should = found.problems, []
    else:
        to_do, should = [], clinic_warnings(path, root=root, today=today)
    if isinstance(doc.data, dict) and doc.data.get("example") is True:
        to_do.append(_at(doc, name, ("example",), "the site still says this clinic is fictional",
                         "set example: false once everything above is done"))
    repository = placeholder_repository(root)
    if repository:
        should.append(Problem(
            "mkdocs.yml", repository[0], 1, "edit_uri", f"{repository[1]} is the template's repository (editors' previews open it)",
            "point it at your own, like https://github.com/your-account/your-repository/edit/main/docs/",
        ))
    return to_do, should


def clinic_warnings(path: Path, *, root: Path, today: date | None = None) -> list[Problem]:
    """What a valid clinic file still lacks, without stopping the build: Spanish values,
    and providers whose NPI and license are due to be checked again.

    Each English prose value that has no Spanish twin (`X` given, `X_es` missing) is
    reported on the English value's line. The Spanish page then shows a Spanish sentence
    that sends the patient to the care team (`site.py`), never the English text.
    """
    name = _display_name(path, root)
    doc = yamlsource.load(path, name)
    today = today or date.today()
    clinic = load_clinic(path, root=root, today=today)
    warnings = [
        _at(doc, name, where, what, fix) for where, what, fix in _verification_due(clinic, today, VERIFICATION_WARN_MONTHS)
    ]
    for english in untranslated(clinic):
        where = doc.values.get(english) or yamlsource.Located(1, 1, None)
        spanish = english[:-1] + (f"{english[-1]}_es",)
        warnings.append(
            Problem(
                name, where.line, where.col, _dotted(spanish),
                f"no Spanish value for {_dotted(english)}, so the Spanish edition shows a generic note instead",
                f"add {spanish[-1]}: with the same text in plain Spanish, next to {english[-1]}",
            )
        )
    return sorted(warnings)


def untranslated(model: BaseModel, at: tuple = ()) -> list[tuple]:
    """Paths of English values whose `<name>_es` twin is missing, anywhere in the model."""
    gaps = []
    for field in type(model).model_fields:
        value = getattr(model, field)
        if field.endswith("_es"):
            continue
        if f"{field}_es" in type(model).model_fields and value is not None and getattr(model, f"{field}_es") is None:
            gaps.append(at + (field,))
        if isinstance(value, BaseModel):
            gaps.extend(untranslated(value, at + (field,)))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    gaps.extend(untranslated(item, at + (field, i)))
    return gaps


def _display_name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the project, or a symlink loop
        return str(path)


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _at(doc: yamlsource.Document, name: str, path: tuple, what: str, fix: str, *, key: bool = False) -> Problem:
    """A problem located at `path`, or at the nearest enclosing value that exists."""
    table = doc.keys if key else doc.values
    probe = path
    while probe and probe not in table:
        probe = probe[:-1]
        table = doc.values
    where = table.get(probe) or yamlsource.Located(1, 1, None)
    return Problem(name, where.line, where.col, _dotted(path), what, fix)


# -- pydantic errors, in an editor's words ---------------------------------------------

def _model_at(path: tuple) -> type[BaseModel] | None:
    """The model class that holds the mapping at `path` (list indexes skipped)."""
    model: Any = Clinic
    for part in path:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        model = _unwrap(annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """list[X] -> X, X | None -> X."""
    if typing.get_origin(annotation) in (list, types.UnionType, typing.Union):
        inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _unwrap(inner[0])
    return annotation


def _field(path: tuple):
    model = _model_at(path[:-1])
    return model.model_fields[path[-1]] if model else None


def _example(path: tuple) -> str:
    field = _field(path)
    if field and field.examples:
        value = field.examples[0]
        shown = f'"{value}"' if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
        return f"add it, for example: {path[-1]}: {shown}"
    return f"add `{path[-1]}:` with its value (see `careguide new-clinic` for every field)"


def _explain(errors: list[dict], doc: yamlsource.Document, name: str) -> list[Problem]:
    """One problem per error, except that a misspelt key is not also reported missing."""
    misspelt = {
        tuple(e["loc"][:-1]) + (match,)
        for e in errors
        if e["type"] == "extra_forbidden"
        for match in _meant_keys(tuple(e["loc"]))
    }
    return [_problem(e, doc, name) for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in misspelt)]


def _allowed_keys(path: tuple) -> list[str]:
    model = _model_at(path[:-1])
    return list(model.model_fields) if model else []


def _close_keys(path: tuple) -> list[str]:
    return difflib.get_close_matches(str(path[-1]), _allowed_keys(path), n=1, cutoff=0.6)


def _renamed_key(path: tuple) -> tuple[str, str] | None:
    """(new name, why) when the key at `path` is the old name of a key allowed there."""
    renamed = RENAMED_KEYS.get(str(path[-1]))
    return renamed if renamed and renamed[0] in _allowed_keys(path) else None


def _meant_keys(path: tuple) -> list[str]:
    """The allowed key an unknown key at `path` stands for: its new name, or a close spelling."""
    renamed = _renamed_key(path)
    return [renamed[0]] if renamed else _close_keys(path)


def _problem(error: dict, doc: yamlsource.Document, name: str) -> Problem:
    path = tuple(error["loc"])
    kind = error["type"]
    source = doc.values.get(path)
    written = source.text if source and source.text is not None else repr(error.get("input"))

    if kind == "missing":
        return _at(doc, name, path, f"required key '{path[-1]}' is missing", _example(path))
    if kind == "extra_forbidden" and (renamed := _renamed_key(path)):
        new, why = renamed
        return _at(doc, name, path, f"'{path[-1]}' is now spelled '{new}' ({why})", f"rename `{path[-1]}:` to `{new}:`", key=True)
    if kind == "extra_forbidden":
        close = _close_keys(path)
        fix = f"did you mean '{close[0]}'?" if close else f"remove it; the keys here are: {', '.join(_allowed_keys(path))}"
        return _at(doc, name, path, f"unknown key '{path[-1]}'", fix, key=True)
    if kind == "careguide":
        return _at(doc, name, path, error["ctx"]["what"], error["ctx"]["fix"])
    if kind == "string_type" and isinstance(error["input"], (int, float)):
        as_number = f" ({error['input']})" if str(error["input"]) != written else ""
        return _at(
            doc, name, path, f"{written} is read as a number{as_number}, not as text",
            f'put it in quotes: {path[-1]}: "{written}"',
        )
    if kind == "literal_error":
        return _at(doc, name, path, f"'{written}' is not one of the choices", f"write one of: {error['ctx']['expected']}")
    if kind == "bool_type":
        return _at(
            doc, name, path, f"'{written}' is not true or false",
            "write true or false (yes, no, on and off mean different things to different YAML readers)",
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return _at(doc, name, path, f"'{written}' is not a whole number", "write digits only, without quotes, like 60")
    if kind == "list_type":
        return _at(doc, name, path, "this must be a list", "write it as [a, b] or as lines that start with '- '")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _at(doc, name, path, "this must be a group of `key: value` lines", "indent the keys under it by two spaces")
    if kind == "string_type":
        return _at(doc, name, path, "this must be text", "write the text after the colon, in quotes if it has a colon")
    if kind == "literal_error":
        choices = ", ".join(repr(choice) for choice in typing.get_args(_field(path).annotation))
        return _at(doc, name, path, f"'{written}' is not one of the choices here", f"write one of: {choices}")
    if kind == "too_short":
        return _at(doc, name, path, "this list is empty", "add at least one entry")
    if kind == "too_long" and isinstance(error["input"], list):
        most = error["ctx"]["max_length"]
        return _at(
            doc, name, path, f"this list has {len(error['input'])} entries, more than {most}",
            f"join or remove entries to keep at most {most}",
        )
    if kind in ("greater_than_equal", "less_than_equal", "string_too_long"):
        return _at(doc, name, path, error["msg"].lower(), "change the value")
    return _at(doc, name, path, error["msg"], "check this value against `careguide new-clinic`")


# -- rules that look at more than one value ---------------------------------------------

def _cross_checks(clinic: Clinic, path: Path, docs_dir: Path, today: date, facts: ProjectFacts):
    if clinic.id != path.stem:
        yield ("id",), f"the id '{clinic.id}' does not match the file name '{path.name}'", f"rename the file to {clinic.id}.yml or set id: {path.stem}"

    seen: dict[str, int] = {}
    for i, location in enumerate(clinic.locations):
        if location.id in seen:
            yield ("locations", i, "id"), f"location id '{location.id}' is used twice", "give each location its own id"
        seen.setdefault(location.id, i)
        if location.state == "MD" and not ("206" <= location.zip[:3] <= "219"):
            yield ("locations", i, "zip"), f"ZIP {location.zip} is not a Maryland ZIP code (206xx-219xx)", "check the ZIP or the state"

    yield from _state_checks(clinic)
    yield from _credential_checks(clinic, facts.credentials)

    for i, provider in enumerate(clinic.providers):
        for j, ref in enumerate(provider.locations):
            if ref not in seen:
                yield (
                    ("providers", i, "locations", j),
                    f"'{ref}' is not the id of a location in this file",
                    f"use one of: {', '.join(seen)}",
                )

    if not clinic.site_url.endswith(f"/{clinic.id}/"):
        yield ("site_url",), f"'{clinic.site_url}' does not end in /{clinic.id}/", f"end it with the clinic id: .../{clinic.id}/"

    for key, review in (("reviewer", clinic.reviewer), ("translation_review", clinic.translation_review)):
        if review and review.reviewed_on < EARLIEST_REVIEW:
            yield (key, "reviewed_on"), f"{review.reviewed_on} is before {EARLIEST_REVIEW.year}, earlier than this guide", "write the date the review happened"

    if clinic.reviewer.reviewed_on > today:
        yield ("reviewer", "reviewed_on"), f"{clinic.reviewer.reviewed_on} is in the future", "write the date the review happened"
    if clinic.translation_review and clinic.translation_review.reviewed_on > today:
        yield (
            ("translation_review", "reviewed_on"),
            f"{clinic.translation_review.reviewed_on} is in the future",
            "write the date the translation review happened",
        )

    if clinic.policies.escort_required and clinic.policies.ride_services == "allowed":
        yield (
            ("policies", "ride_services"),
            "ride_services is 'allowed', but escort_required is true: a patient going home by taxi or ride service alone "
            "would leave without an adult",
            "write ride_services: with-adult (an adult rides with them) or not-allowed, or set escort_required: false",
        )

    for i, provider in enumerate(clinic.providers):
        if provider.verified_on > today:
            yield (("providers", i, "verified_on"), f"{provider.verified_on} is in the future", "write the day the NPI and license were checked")
    yield from _verification_due(clinic, today, VERIFICATION_FAIL_MONTHS)

    for where, text in _strings(clinic):
        language = "es" if str(where[-1]).endswith("_es") else "en"
        for claim in check_text(text, language, escort_required=clinic.policies.escort_required):
            yield where, f"{claim.rule.category}: {claim.what}", claim.rule.instead

    yield from stale_signoffs(clinic, facts.newest_reviews)

    in_maryland = any(location.state == "MD" for location in clinic.locations)
    for key in ("phone", "after_hours_phone"):
        number = getattr(clinic, key)
        if clinic.example and not is_fictional(number):
            yield (key,), f"{number} could be a real number, but this is an example clinic", "use a fictional 555-0100 to 555-0199 number, like 410-555-0142"
        elif key == "after_hours_phone" and number[:3] in TOLL_FREE_AREA_CODES:
            continue  # answering services often use a toll-free line
        elif in_maryland and not is_fictional(number) and number[:3] not in MARYLAND_AREA_CODES:
            yield (key,), f"area code {number[:3]} is not a Maryland area code", f"use one of {', '.join(sorted(MARYLAND_AREA_CODES))}"

    if clinic.logo is not None:
        problem = _logo_problem(docs_dir, clinic.logo)
        if problem:
            yield ("logo",), *problem

    if not clinic.example:
        yield from leftovers(clinic, docs_dir.parent)

    for key in ("primary", "accent"):
        colour = getattr(clinic.colors, key)
        ratio = contrast(colour, "#ffffff")
        if ratio < MIN_TEXT_CONTRAST:
            yield (
                ("colors", key),
                f"{colour} on white has contrast {ratio:.1f}:1, below the 4.5:1 that WCAG AA needs for text",
                "choose a darker shade",
            )


def _credential_checks(clinic: Clinic, explained: dict | None):
    """The providers page explains each credential in plain words (strings.yml, credentials:):
    one it cannot explain would stand there as letters a patient cannot read."""
    if explained is None:
        return
    for i, provider in enumerate(clinic.providers):
        for code in credential_codes(provider):
            if code not in explained:
                close = difflib.get_close_matches(code, explained, n=1)
                yield (
                    ("providers", i, "credentials"),
                    f"'{code}' has no plain-words meaning in {STRINGS.as_posix()}, so patients would see only the letters",
                    (f"did you mean {close[0]}? " if close else "")
                    + f"add {code}: with what it means under credentials: in both languages of {STRINGS.as_posix()}",
                )


def _state_checks(clinic: Clinic):
    """Every location's state has its crisis line, relay and boards from exactly one source,
    and every license is from a board of the clinic's states."""
    states = clinic_states(clinic)
    for code in clinic.state_help:
        if code in STATES:
            yield (("state_help", code), f"{STATES[code].name}'s crisis line, relay and boards come with careguide "
                   "(careguide/states.yml)", f"delete state_help: {code}: from this file")
        elif code not in states:
            yield (("state_help", code), f"no location of this clinic is in {code}", f"delete state_help: {code}:, or fix the location's state")
    reported = set()
    for i, location in enumerate(clinic.locations):
        if location.state not in STATES and location.state not in clinic.state_help and location.state not in reported:
            reported.add(location.state)
            yield (
                ("locations", i, "state"),
                f"careguide has no crisis line, relay service or licensing boards for {location.state} "
                f"(careguide/states.yml covers {', '.join(STATES)}), and this file gives none",
                f"add them under state_help: {location.state}: in this file, with their source (README, 'Clinics outside Maryland')",
            )
    boards = licensing_boards(clinic)
    for i, provider in enumerate(clinic.providers):
        if provider.license.board not in boards and boards:
            yield (
                ("providers", i, "license", "board"),
                f"'{provider.license.board}' is not one of the choices for a license in {', '.join(states)}",
                f"write one of: {', '.join(boards)}",
            )


def months_after(day: date, months: int) -> date:
    """The same day `months` later; the month's last day if it has no such day (29 February)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _verification_due(clinic: Clinic, today: date, months: int):
    """Providers last checked more than `months` ago, with what to check again and where."""
    for i, provider in enumerate(clinic.providers):
        if today <= months_after(provider.verified_on, months):
            continue
        board = licensing_boards(clinic).get(provider.license.board)
        if board is None:
            continue  # refused by _state_checks
        fails_on = months_after(provider.verified_on, VERIFICATION_FAIL_MONTHS) + timedelta(days=1)
        then = "" if months == VERIFICATION_FAIL_MONTHS else f"; the build stops from {fails_on}"
        yield (
            ("providers", i, "verified_on"),
            f"{provider.name}'s NPI and license were last checked on {provider.verified_on}, "
            f"more than {months} months ago (today is {today}){then}",
            f"look up NPI {provider.npi} at {NPI_REGISTRY} and license {provider.license.number} on the "
            f"{board.name['en']} look-up page, {board.lookup}, check the license is active, then set verified_on to that day",
        )


def _strings(model: BaseModel, at: tuple = ()):
    """(path, text) of every text value in the clinic (names, roles, advice; not ids, phones
    or addresses of web pages), for the claim rules: the clinic's own words reach patients
    like the guide's."""
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            where = at + (name,) + (() if index is None else (index,))
            if isinstance(item, BaseModel):
                yield from _strings(item, where)
            elif isinstance(item, str) and _unwrap(field.annotation) in WORDS:
                yield where, item


def _logo_problem(docs_dir: Path, logo: str) -> tuple[str, str] | None:
    """The logo is copied into the site and shown on every page, so it must be a real
    image inside docs/ (after following symlinks) and must not run or fetch anything."""
    try:
        target = (docs_dir / logo).resolve()
        inside = target.is_relative_to(docs_dir.resolve())
    except (OSError, RuntimeError):
        return f"the logo path docs/{logo} cannot be followed", "point logo at a file under docs/"
    if not inside:
        return f"the logo docs/{logo} is outside docs/", "copy the logo into docs/assets/logos/ and point to it there"
    if target.suffix.lower() not in (".svg", ".png"):
        return f"the logo docs/{logo} is not an .svg or .png file", "save the logo as SVG or PNG"
    if not target.is_file():
        return f"the logo file docs/{logo} does not exist", "add the file under docs/ or fix the path"
    data = target.read_bytes()
    if target.suffix.lower() == ".png":
        if not data.startswith(PNG_SIGNATURE):
            return f"the logo docs/{logo} is not really a PNG image", "export it again as PNG"
        return None
    return svg_problem(data, logo)


def svg_problem(data: bytes, logo: str) -> tuple[str, str] | None:
    """Refuse scripts, event handlers, foreignObject and any reference that leaves the file.

    Only `#id` references (gradients, clip paths) are allowed; `data:` is refused too,
    since a data: URL can carry another SVG with its own script.
    """
    # The standard library's parser is safe once DTDs are gone: without <!DOCTYPE there are
    # no entities to expand (billion laughs) or to fetch (XXE), so no extra dependency.
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return f"the logo docs/{logo} declares a DOCTYPE or entities", "export it again as plain SVG, without a DOCTYPE"
    try:
        tree = ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError):
        return f"the logo docs/{logo} is not a valid SVG file (or uses DTD entities)", "export it again as plain SVG"
    if tree.tag.rsplit("}", 1)[-1] != "svg":
        return f"the logo docs/{logo} is not an SVG image", "export it again as SVG"
    for element in tree.iter():
        tag = str(element.tag).rsplit("}", 1)[-1]
        if tag in ("script", "foreignObject", "iframe", "embed", "object"):
            return f"the logo docs/{logo} holds a <{tag}> element", "export it again as a plain image, without scripts"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                return f"the logo docs/{logo} has an {local}= attribute (a script)", "remove it"
            if local in ("href", "src") and not value.strip().startswith("#"):
                return f"the logo docs/{logo} links to {value[:60]!r}", "embed everything in the file; only #id links are allowed"
            if "url(" in value.replace(" ", "") and not re.search(r"url\(\s*['\"]?#", value):
                return f"the logo docs/{logo} loads an outside resource with url()", "use only url(#id) references"
        if tag == "style" and re.search(r"url\(\s*['\"]?[^#'\"\s]|@import", element.text or ""):
            return f"the logo docs/{logo} loads an outside resource from its <style>", "use only url(#id) references"
    return None
