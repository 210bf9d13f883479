"""Value types for clinic files: each checks one kind of value and says how to fix it."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

MARYLAND_AREA_CODES = frozenset({"240", "301", "227", "410", "443", "667"})

USPS_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI".split()
)


def invalid(what: str, fix: str) -> PydanticCustomError:
    """An error whose message and fix reach the editor unchanged."""
    return PydanticCustomError("careguide", "{what}", {"what": what, "fix": fix})


def _phone(text: str) -> str:
    digits = re.sub(r"[\s().\-+]", "", text)
    if not digits.isdigit():
        raise invalid(
            f"'{text}' is not a phone number",
            'write 10 digits like "410-555-0142" (letters and extensions are not allowed)',
        )
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        raise invalid(
            f"'{text}' has {len(digits)} digits, a US phone number has 10",
            'write the area code and number, like "410-555-0142"',
        )
    if digits[0] in "01" or digits[3] in "01":
        raise invalid(
            f"'{text}' is not a valid North American number (area code and exchange cannot start with 0 or 1)",
            "check the number for a typing mistake",
        )
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def is_fictional(phone: str) -> bool:
    """555-0100 to 555-0199 are reserved for fiction in the North American plan."""
    return phone[4:7] == "555" and phone[8:10] == "01"


def tel_uri(phone: str) -> str:
    """`410-555-0142` -> `tel:+14105550142`, the form every phone dials from a link."""
    return "tel:+1" + phone.replace("-", "")


def _iso_date(value: object) -> object:
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise invalid(f"'{value}' is not a date written as YYYY-MM-DD", "write it like 2026-10-01")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise invalid(f"'{value}' is not a real date", "check the month (01-12) and the day") from None
    return value


def _hex_colour(text: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", text):
        raise invalid(f"'{text}' is not a colour", 'write it as # and six hex digits in quotes, like "#0b5d73"')
    return text.lower()


def _slug(text: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text):
        raise invalid(
            f"'{text}' is not a valid id",
            "use lower-case letters, digits and single hyphens, like downtown or example-baltimore",
        )
    return text


def _https_url(text: str) -> str:
    if not re.fullmatch(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/[^\s]*)?", text):
        raise invalid(f"'{text}' is not an absolute https:// address", "write it like https://example.github.io/careguide/")
    return text if text.endswith("/") else text + "/"


def _email(text: str) -> str:
    if not re.fullmatch(r"[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", text):
        raise invalid(f"'{text}' is not an email address", "write it like care@example.org")
    return text


def _state(text: str) -> str:
    if text not in USPS_STATE_CODES:
        raise invalid(f"'{text}' is not a USPS state code", "use the two capital letters, like MD")
    return text


def _zip(text: str) -> str:
    if not re.fullmatch(r"\d{5}", text):
        raise invalid(f"'{text}' is not a five-digit ZIP code", 'write five digits in quotes, like "21201"')
    return text


def _text(text: str) -> str:
    if not text.strip():
        raise invalid("this is empty", "write the text after the colon")
    return text.strip()


Text = Annotated[str, AfterValidator(_text)]
Phone = Annotated[str, AfterValidator(_phone)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Colour = Annotated[str, AfterValidator(_hex_colour)]
Slug = Annotated[str, AfterValidator(_slug)]
HttpsUrl = Annotated[str, AfterValidator(_https_url)]
Email = Annotated[str, AfterValidator(_email)]
StateCode = Annotated[str, AfterValidator(_state)]
Zip = Annotated[str, AfterValidator(_zip)]
