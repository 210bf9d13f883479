"""What each macro shows, as plain data computed from the clinic model.

Pure functions: no MkDocs, no HTML. Templates in overrides/partials/careguide/ turn this
data into markup, so the website and the PDF print page share it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .fields import tel_uri
from .model import Clinic, Location, Provider
from .states import licensing_boards, state_help


@dataclass(frozen=True)
class PhoneLink:
    label: str
    number: str
    tel: str


@dataclass(frozen=True)
class LocationGroup:
    location: Location
    providers: list[Provider]


def phones(clinic: Clinic) -> dict[str, PhoneLink]:
    return {
        "main": PhoneLink("Call the clinic", clinic.phone, tel_uri(clinic.phone)),
        "after_hours": PhoneLink("After hours", clinic.after_hours_phone, tel_uri(clinic.after_hours_phone)),
    }


def with_spanish_fallbacks(clinic: Clinic, notices: dict[str, str]) -> Clinic:
    """The clinic with every missing Spanish value (`X_es`) filled with a Spanish notice.

    `notices` maps a field name (like "treatment_schedule_es") to what the Spanish page
    says instead, so a Spanish page never falls back to the English text. `careguide
    check` warns about each gap (clinic_file.clinic_warnings).
    """
    return _filled(clinic, notices)


def _filled(model, notices: dict[str, str]):
    updates = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name.endswith("_es") and value is None and getattr(model, name[: -len("_es")], None) is not None:
            updates[name] = notices[name]
        elif isinstance(value, BaseModel):
            updates[name] = _filled(value, notices)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            updates[name] = [_filled(item, notices) for item in value]
    return model.model_copy(update=updates)


def clinic_phone(clinic: Clinic) -> dict:
    return {"link": phones(clinic)["main"]}


def after_hours_phone(clinic: Clinic) -> dict:
    return {"link": phones(clinic)["after_hours"]}


def role_in(person, language: str) -> str:
    """A reviewer's or provider's role in `language`: `role_es` on Spanish pages (a Spanish
    notice when the clinic file has none, views.with_spanish_fallbacks), else `role`."""
    return getattr(person, f"role_{language}", None) or person.role


def credential_codes(provider: Provider) -> list[str]:
    """`MD, PhD` -> ["MD", "PhD"]: the letters a patient may want explained."""
    return [code.strip() for code in provider.credentials.split(",") if code.strip()]


def provider_listing(clinic: Clinic) -> dict:
    """Providers grouped by location, in the order the clinic file lists them; the boards
    their licenses name; and every credential on the page, once, in order of appearance."""
    groups = [
        LocationGroup(location, [p for p in clinic.providers if location.id in p.locations])
        for location in clinic.locations
    ]
    credentials = list(dict.fromkeys(code for provider in clinic.providers for code in credential_codes(provider)))
    return {"groups": groups, "boards": licensing_boards(clinic), "credentials": credentials}


def contact_card(clinic: Clinic) -> dict:
    """The numbers and addresses, and each optional detail the clinic gave: where to book,
    and per location its hours, parking and a directions link (the template shows only
    what is there, in the page's language)."""
    return {
        "phones": phones(clinic),
        "email": clinic.email,
        "booking_url": clinic.booking_url,
        "locations": clinic.locations,
    }


def escort_rule(clinic: Clinic) -> dict:
    """The clinic's one rule for getting home: whether an adult must come for the patient,
    and whether a taxi or ride service may take them (words per case in strings.yml)."""
    return {"escort_required": clinic.policies.escort_required, "ride_services": clinic.policies.ride_services}


@dataclass(frozen=True)
class StateCrisisLine:
    state: dict  # language -> the state's name
    dial: str
    tel: str
    press: str | None


def state_crisis_lines(clinic: Clinic) -> list[StateCrisisLine]:
    """The crisis line of each of the clinic's states (states.py), beside the national ones."""
    return [
        StateCrisisLine({"en": entry.name, "es": entry.name_es}, entry.crisis_line.dial,
                        tel_uri(entry.crisis_line.dial), entry.crisis_line.press)
        for entry in state_help(clinic).values()
    ]


def emergency_numbers(clinic: Clinic) -> dict:
    # 911, 988 and Poison Help are fixed guide content in the template; the state's line is data.
    return {"state_lines": state_crisis_lines(clinic)}


def relay_service(clinic: Clinic) -> dict:
    """The relay service 711 reaches: the state's by name when the clinic is in one state that has one."""
    named = {entry.relay for entry in state_help(clinic).values()}
    return {"name": named.pop() if len(named) == 1 else None}


def license_boards(clinic: Clinic) -> dict:
    """Per state of the clinic: the boards a patient can check a license with."""
    by_state: dict[str, list] = {}
    for board in licensing_boards(clinic).values():
        by_state.setdefault(board.state["en"], []).append(board)
    return {"states": [(boards[0].state, boards) for boards in by_state.values()]}


def reviewed_on(clinic: Clinic) -> dict:
    """The day the clinic's clinician checked the guide, as a date in words."""
    return {"day": clinic.reviewer.reviewed_on}


def translation_reviewed_on(clinic: Clinic) -> dict:
    """The day the clinic's translator checked a translated edition (None: not yet)."""
    return {"day": clinic.translation_review.reviewed_on if clinic.translation_review else None}


# macro name -> (partial in overrides/partials/careguide/, view that feeds it)
MACROS = {
    "clinic_phone": ("phone-link", clinic_phone),
    "after_hours_phone": ("phone-link", after_hours_phone),
    "provider_listing": ("provider-listing", provider_listing),
    "contact_card": ("contact-card", contact_card),
    "emergency_numbers": ("emergency-numbers", emergency_numbers),
    "state_crisis_help": ("state-crisis-help", emergency_numbers),
    "relay_service": ("relay-service", relay_service),
    "license_boards": ("license-boards", license_boards),
    "escort_rule": ("escort-rule", escort_rule),
    "reviewed_on": ("long-date", reviewed_on),
    "translation_reviewed_on": ("long-date", translation_reviewed_on),
}
