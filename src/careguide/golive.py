"""What a template or an example clinic leaves behind, refused once a clinic is real.

A clinic file with `example: false` reaches patients: its address is printed in the
handout's QR code (which cannot be recalled once printed), its names and numbers are what a
patient calls or checks. So every value that identifies the clinic must be its own, not
one copied from the new-clinic template or a bundled example clinic, and not one of the
addresses reserved for examples (RFC 2606 and 6761).

Two kinds of leftover are found:
- a value written in the template or in an example clinic file of this project
  (the same name, street, NPI, license number or logo file), wherever it was copied from;
- a value no real clinic has: a placeholder word ("Your Name", "1 Example Street"), an
  address on a reserved domain, a fictional 555-01xx phone, an invented EX0001 license.

`leftovers()` is the rule set; clinic_file applies it to every real clinic (so check,
build, serve and publish refuse the same things) and `careguide check --go-live` lists it
for any clinic, as the checklist a clinic manager follows before going live.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .fields import NPI_REGISTRY, is_fictional
from .model import Clinic
from .states import licensing_boards

# Domains reserved for documentation and tests: example.com/.net/.org (RFC 2606) and the
# .example, .test, .invalid and .localhost names (RFC 6761); example.github.io is a real
# GitHub Pages site that belongs to someone else.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org", "example.github.io")
RESERVED_TOP_LEVEL = ("example", "test", "invalid", "localhost")
# Words only a placeholder or an example clinic puts in a name or a street. Kept narrow on
# purpose: "Sample" and "Test" are real surnames.
PLACEHOLDER_WORDS = re.compile(
    r"\b(your (?:name|clinic)|example|placeholder|fictional|fictitious|ficticia|ficticio|pretend|make-?believe"
    r"|imaginary|made-?up|lorem ipsum|change ?me|tbd|xxx+)\b",
    re.IGNORECASE,
)
# The example clinics' invented license numbers (EX0001...): no Maryland board issues them.
INVENTED_LICENSE = re.compile(r"EX\d+", re.IGNORECASE)
# The mkdocs.yml placeholder the template ships: the repository an editor's pencil opens.
PLACEHOLDER_REPOSITORY = "github.com/example/"


@dataclass(frozen=True)
class Seen:
    """Identifying values written in the template and the example clinics, with where."""

    values: dict[tuple[str, str], str]  # (kind, normalised value) -> "the new-clinic template" / "clinics/x.yml"
    logos: dict[str, str]  # sha256 of an example's logo file -> its clinic file


def _normal(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _identity(data: dict) -> list[tuple[str, str]]:
    """(kind, value) of every value that identifies a clinic in a raw clinic mapping."""
    found = [("clinic name", data.get("name")), ("email", data.get("email")), ("link", data.get("booking_url"))]
    for key in ("reviewer", "translation_review"):
        found.append(("person", (data.get(key) or {}).get("name")))
    for location in data.get("locations") or []:
        found += [("street", location.get("street")), ("link", location.get("directions_url"))]
    for provider in data.get("providers") or []:
        found += [("person", provider.get("name")), ("npi", provider.get("npi")),
                  ("license", (provider.get("license") or {}).get("number"))]
    return [(kind, _normal(value)) for kind, value in found if isinstance(value, str) and value.strip()]


def _person(name: str) -> str:
    """'Dana Example, MD' and 'Dana Example' are the same person."""
    return _normal(name.split(",")[0])


@lru_cache(maxsize=8)
def seen_in_examples(root: Path) -> Seen:
    """The template's and the example clinics' values, read once per project."""
    template = files("careguide").joinpath("templates/new-clinic.yml").read_text(encoding="utf-8")
    sources = [("the new-clinic template", yaml.safe_load(re.sub(r"\{\{.*?\}\}", "x", template)))]
    logos = {}
    for path in sorted((root / "clinics").glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # a broken file is reported when it is itself checked
        if not (isinstance(data, dict) and data.get("example") is True):
            continue
        name = f"the example clinic clinics/{path.name}"
        sources.append((name, data))
        logo = root / "docs" / str(data.get("logo") or "")
        if data.get("logo") and logo.is_file():
            logos[hashlib.sha256(logo.read_bytes()).hexdigest()] = name
    values = {}
    for name, data in sources:
        for kind, value in _identity(data if isinstance(data, dict) else {}):
            values.setdefault((kind, _person(value) if kind == "person" else value), name)
    return Seen(values, logos)


def _reserved_host(host: str) -> bool:
    host = host.casefold().rstrip(".")
    return host.rsplit(".", 1)[-1] in RESERVED_TOP_LEVEL or any(
        host == domain or host.endswith("." + domain) for domain in RESERVED_DOMAINS
    )


def leftovers(clinic: Clinic, root: Path):
    """(path, what, fix) for each value the clinic still has from a template or an example."""
    seen = seen_in_examples(root.resolve())

    def copied(kind: str, value: str) -> str | None:
        return seen.values.get((kind, _person(value) if kind == "person" else _normal(value)))

    host = urlsplit(clinic.site_url).hostname or ""
    if _reserved_host(host):
        yield (
            ("site_url",),
            f"{clinic.site_url} is on {host}, an address for examples that belongs to someone else; "
            "it is printed in the handout's QR code, which cannot be recalled once printed",
            f"write the address where your guide will be published, like "
            f"https://your-account.github.io/your-repository/{clinic.id}/, or your own domain",
        )

    links = [(("booking_url",), clinic.booking_url)] + [
        (("locations", i, "directions_url"), location.directions_url) for i, location in enumerate(clinic.locations)
    ]
    for where, link in links:
        if not link:
            continue
        source = copied("link", link)
        if source or _reserved_host(urlsplit(link).hostname or ""):
            what = f"is copied from {source}" if source else "is an example address, it leads nowhere"
            yield where, f"{link} {what}", "write the address of your own page, or delete the line"

    if clinic.email:
        domain = clinic.email.rsplit("@", 1)[-1]
        if _reserved_host(domain) or copied("email", clinic.email):
            yield ("email",), f"{clinic.email} is an example address, nobody reads it", "write the email your clinic answers, or delete the line"

    for key in ("phone", "after_hours_phone"):
        number = getattr(clinic, key)
        if is_fictional(number):
            yield (key,), f"{number} is a fictional 555-01xx number", "write the clinic's real number (555-01xx numbers are only for example clinics)"

    source = copied("clinic name", clinic.name)
    if source or PLACEHOLDER_WORDS.search(clinic.name):
        yield ("name",), f"'{clinic.name}' is {_from(source)}", "write your clinic's name as patients know it"

    people = [(("reviewer", "name"), clinic.reviewer.name, "the clinician who reviewed the guide for your clinic")]
    if clinic.translation_review:
        people.append((("translation_review", "name"), clinic.translation_review.name, "the person who reviewed the Spanish translation"))
    people += [(("providers", i, "name"), p.name, "this provider") for i, p in enumerate(clinic.providers)]
    for where, name, who in people:
        source = copied("person", name)
        if source or PLACEHOLDER_WORDS.search(name):
            yield where, f"'{name}' is {_from(source)}", f"write the real name of {who}"

    for i, location in enumerate(clinic.locations):
        source = copied("street", location.street)
        if source or PLACEHOLDER_WORDS.search(location.street):
            yield ("locations", i, "street"), f"'{location.street}' is {_from(source)}", "write the street address patients come to"

    for i, provider in enumerate(clinic.providers):
        source = copied("npi", provider.npi)
        if source:
            yield (
                ("providers", i, "npi"), f"{provider.npi} is the made-up NPI of {source}",
                f"look {provider.name} up by name in the NPI registry, {NPI_REGISTRY}, and copy their NPI",
            )
        board = licensing_boards(clinic).get(provider.license.board)
        if board and (copied("license", provider.license.number) or INVENTED_LICENSE.fullmatch(provider.license.number)):
            yield (
                ("providers", i, "license", "number"), f"{provider.license.number} is an invented example license number",
                f"copy {provider.name}'s number from the {board.name['en']} look-up page, {board.lookup}",
            )

    logo = (root / "docs" / clinic.logo).resolve() if clinic.logo else None
    if logo and logo.is_relative_to((root / "docs").resolve()) and logo.is_file():  # else refused as outside docs/
        digest = hashlib.sha256(logo.read_bytes()).hexdigest()
        if digest in seen.logos:
            yield ("logo",), f"docs/{clinic.logo} is the logo of {seen.logos[digest]}", \
                "put your own logo under docs/assets/logos/ and point logo at it, or delete the line"


def _from(source: str | None) -> str:
    return f"copied from {source}" if source else "a placeholder"


def placeholder_repository(root: Path) -> tuple[int, str] | None:
    """The line and value of mkdocs.yml's edit_uri when it still names the template's repository."""
    for number, line in enumerate((root / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("edit_uri:") and PLACEHOLDER_REPOSITORY in line:
            return number, line.split(":", 1)[1].strip()
    return None
