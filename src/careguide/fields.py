"""Value types for clinic files: each checks one kind of value and says how to fix it."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit
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


TOLL_FREE_AREA_CODES = frozenset({"800", "833", "844", "855", "866", "877", "888"})


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}"


def _ascii_digits(text: str, allowed: str) -> None:
    """Name the first character that only looks right: fullwidth or Arabic-Indic digits,
    lookalike dashes, pasted from Word or a phone's keyboard."""
    for char in text:
        if not (char.isascii() and (char.isdigit() or char in allowed)) and (char.isdigit() or not char.isascii()):
            raise invalid(
                f"'{text}' holds {_name(char)}, which only looks like an ordinary character",
                "retype the value with the keyboard's own digits and hyphens",
            )


def _phone(text: str) -> str:
    _ascii_digits(text, " ().-+")
    digits = re.sub(r"[ ().\-+]", "", text)
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
    """`410-555-0142` -> `tel:+14105550142`, the form every phone dials from a link; `211` -> `tel:211`."""
    if len(phone) == 3:  # a service code: 211, 988
        return f"tel:{phone}"
    return "tel:+1" + phone.replace("-", "")


NPI_REGISTRY = "https://npiregistry.cms.hhs.gov/"
_NPI_FIX = f"look the provider up by name in the NPI registry, {NPI_REGISTRY}, and copy their 10-digit NPI again"


def npi_check_digit(first_nine: str) -> int:
    """The NPI's 10th digit: Luhn (ISO/IEC 7812) over the 9 digits prefixed with 80840, the
    health-industry prefix. CMS's "Requirements for the NPI check digit": the prefix adds a
    constant 24 to the Luhn sum, so the 9 digits are summed and 24 added."""
    total = 24
    for position, char in enumerate(reversed(first_nine)):
        digit = int(char)
        if position % 2 == 0:  # every other digit, starting from the right, is doubled
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return (10 - total % 10) % 10


def _npi(text: str) -> str:
    _ascii_digits(text, "")
    if not text.isdigit():
        raise invalid(f"'{text}' is not an NPI: an NPI is 10 digits, with no spaces or letters", _NPI_FIX)
    if len(text) != 10:
        raise invalid(f"'{text}' has {len(text)} digits, an NPI has 10", _NPI_FIX)
    if text[0] not in "12":
        raise invalid(f"'{text}' starts with {text[0]}, but every NPI starts with 1 or 2", _NPI_FIX)
    if npi_check_digit(text[:9]) != int(text[9]):
        # The right digit is not named: the typing mistake may be in any of the ten.
        raise invalid(
            f"'{text}' is not a valid NPI: its last digit (the check digit) does not match the other nine, "
            "so a digit is mistyped or two are swapped",
            _NPI_FIX,
        )
    return text


def _license_number(text: str) -> str:
    # No Maryland board publishes the format of its numbers (see careguide/states.yml), so
    # only a shape every real number has is checked: capital letters and digits, with digits.
    _ascii_digits(text, "")
    if not re.fullmatch(r"[A-Z0-9]{3,15}", text) or not re.search(r"[0-9]", text):
        raise invalid(
            f"'{text}' is not written like a license number: capital letters and digits only, without spaces or dashes",
            "copy the number exactly as the board's look-up page shows it, like D0012345",
        )
    return text


def _iso_date(value: object) -> object:
    if isinstance(value, str):
        _ascii_digits(value, "-")
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
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


_URL_FIX = "write it like https://example.github.io/careguide/example-baltimore/"


def _https_parts(text: str, fix: str):
    """`text` split into its parts, if it is an https:// address on an ordinary host name
    (no user name, no port): what a browser and we read the same way."""
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise invalid(f"'{text}' is not a web address", fix) from None
    if parts.scheme != "https" or not parts.hostname:
        raise invalid(f"'{text}' is not an absolute https:// address", fix)
    if parts.username is not None or parts.password is not None or port is not None or ":" in parts.netloc:
        raise invalid(f"'{text}' has a user name or port in it", "write only https://, the host name and the path")
    if not re.fullmatch(r"([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", parts.hostname) or parts.hostname != parts.netloc:
        raise invalid(f"'{text}' has an unusual host name", "write the host in lower-case letters, like example.github.io")
    return parts


def _https_url(text: str) -> str:
    # Parsed, not pattern-matched: the value lands in canonical links, sitemaps and the PDF,
    # so anything a browser would read differently from us is refused.
    parts = _https_parts(text, _URL_FIX)
    if parts.query or parts.fragment or "?" in text or "#" in text:
        raise invalid(f"'{text}' has a ? or # part", "remove everything from the ? or # on")
    if not re.fullmatch(r"(/[A-Za-z0-9._~-]+)*/?", parts.path) or "/../" in parts.path + "/" or "/./" in parts.path + "/":
        raise invalid(f"'{text}' has unusual characters in its path", "use letters, digits, hyphens and / only")
    return text if text.endswith("/") else text + "/"


def _dial(text: str) -> str:
    """A crisis line: a three-digit service code (211, 988) or a phone number."""
    if re.fullmatch(r"[2-9][0-9]{2}", text):
        return text
    return _phone(text)


def _key_press(text: str) -> str:
    if not re.fullmatch(r"[0-9]", text):
        raise invalid(f"'{text}' is not one key of a phone", 'write the one digit to press, in quotes, like "1"')
    return text


LINK_MAX_LENGTH = 500
_LINK_FIX = "copy the whole address from your browser's address bar (it starts with https://)"
# What RFC 3986 allows in an address, less the quotes and brackets that end an attribute or
# start page code; `%` only as the start of an escape like %20.
_LINK_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&()*+,;=%]")


def _link_url(text: str) -> str:
    """An address on another site that patients open themselves (booking, directions).

    Unlike site_url, any path, ? query and # part are kept, exactly as written: these come
    from booking and map sites. It is still only ever an https:// link on a plain host name,
    so no javascript: or data: address, and nothing that could end the href it lands in.
    """
    if len(text) > LINK_MAX_LENGTH:
        raise invalid(
            f"this address is {len(text)} characters long, more than {LINK_MAX_LENGTH}",
            "use a shorter address for the same page (leave out tracking parts like utm_source=...)",
        )
    _https_parts(text, _LINK_FIX)
    for char in text:
        if not _LINK_CHARACTERS.fullmatch(char):
            raise invalid(f"'{text}' holds {_name(char)}, which a web address cannot hold", _LINK_FIX)
    if re.search(r"%(?![0-9A-Fa-f]{2})", text):
        raise invalid(f"'{text}' is not written like a web address", _LINK_FIX)
    return text


def _email(text: str) -> str:
    if text.lower().startswith("mailto:"):
        raise invalid(f"'{text}' starts with mailto:", "write only the address, like care@example.org")
    if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", text) or len(text) > 254:
        raise invalid(f"'{text}' is not an email address", "write it like care@example.org")
    return text


def _state(text: str) -> str:
    if text not in USPS_STATE_CODES:
        raise invalid(f"'{text}' is not a USPS state code", "use the two capital letters, like MD")
    return text


def _zip(text: str) -> str:
    _ascii_digits(text, "")
    if not re.fullmatch(r"[0-9]{5}", text):
        raise invalid(f"'{text}' is not a five-digit ZIP code", 'write five digits in quotes, like "21201"')
    return text


def _refuse_invisible(text: str, allow: str) -> None:
    """Bidi overrides (U+202E) and zero-width characters make a page say something other
    than what the reviewer read; other controls break the HTML, the PDF or the CI log."""
    for char in text:
        if char not in allow and unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp"):
            raise invalid(f"this text holds an invisible character, {_name(char)}", "delete it (retype the text if you cannot see it)")


# Page source, not words: HTML tags, Markdown links and images, template delimiters,
# script URLs. A value shows as the literal text written (escaping.inert), so none of this
# could act on a page; it is refused so that the clinic sees its mistake (or a hostile pull
# request is named) instead of a page showing brackets.
_MARKUP = re.compile(r"<[A-Za-z/!?]|\]\s*\(|\{[{%#]|[%}]\}|\b(?:javascript|vbscript|data)\s*:", re.IGNORECASE)


def _refuse_markup(text: str) -> None:
    found = _MARKUP.search(text)
    if found:
        raise invalid(
            f"this text holds page code ({found.group(0)!r}); clinic values are plain words, shown exactly as written",
            "write plain words, without <tags>, [links](...), {{ }} or script addresses",
        )


def _text(text: str, *, max_length: int, multiline: bool) -> str:
    text = text.strip()  # a folded `>` block ends in a line break that is not the editor's
    if not multiline and "\n" in text:
        raise invalid("this must be one line", "join the lines into one")
    _refuse_invisible(text, "\n" if multiline else "")
    _refuse_markup(text)
    if not text:
        raise invalid("this is empty", "write the text after the colon")
    if len(text) > max_length:
        raise invalid(f"this text is {len(text)} characters long, more than {max_length}", "shorten it")
    return text


def _line(text: str) -> str:
    return _text(text, max_length=200, multiline=False)


def _paragraph(text: str) -> str:
    return _text(text, max_length=1000, multiline=True)


HOURS_LINE_MAX_LENGTH = 80
HOURS_LINES_MAX = 7  # one line a day at most


def _hours_line(text: str) -> str:
    if "\n" in text.strip():
        raise invalid("an hours line must be one line", "write each line of hours as its own entry, starting with '- '")
    text = _line(text)
    if len(text) > HOURS_LINE_MAX_LENGTH:
        raise invalid(
            f"this hours line is {len(text)} characters long, more than {HOURS_LINE_MAX_LENGTH}",
            "shorten it, or split it into two entries, each starting with '- '",
        )
    return text


# Names, addresses, roles: one line on the page, so no line breaks.
Text = Annotated[str, AfterValidator(_line)]
# Sentences the clinic writes (its advice, its schedule): may be folded over lines.
Prose = Annotated[str, AfterValidator(_paragraph)]
# One line of opening hours ("Monday to Friday, 8 am to 5 pm"): short, so it fits a phone.
HoursLine = Annotated[str, AfterValidator(_hours_line)]
# The clinic's own words, which reach patients like the guide's: the claim rules read every
# value of these types (clinic_file._strings).
WORDS = (Text, Prose, HoursLine)
Phone = Annotated[str, AfterValidator(_phone)]
DialNumber = Annotated[str, AfterValidator(_dial)]
KeyPress = Annotated[str, AfterValidator(_key_press)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Colour = Annotated[str, AfterValidator(_hex_colour)]
Slug = Annotated[str, AfterValidator(_slug)]
HttpsUrl = Annotated[str, AfterValidator(_https_url)]
# A link to a page on another site that patients follow (booking, directions).
LinkUrl = Annotated[str, AfterValidator(_link_url)]
Email = Annotated[str, AfterValidator(_email)]
StateCode = Annotated[str, AfterValidator(_state)]
Zip = Annotated[str, AfterValidator(_zip)]
Npi = Annotated[str, AfterValidator(_npi)]
LicenseNumber = Annotated[str, AfterValidator(_license_number)]
