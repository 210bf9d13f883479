"""The clinic model: the one typed shape of `clinics/<id>.yml`.

Field descriptions and examples are public: they become the JSON Schema that gives
editors completion in VS Code, and the examples are quoted when a key is missing.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .fields import (
    HOURS_LINES_MAX, Colour, DialNumber, Email, HoursLine, HttpsUrl, IsoDate, KeyPress, LicenseNumber, LinkUrl, Npi, Phone,
    Prose, Slug, StateCode, Text, Zip,
)


class Strict(BaseModel):
    # strict: no silent coercion ("60" is not 60, 2134 is not "02134", "yes" is not true).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Reviewer(Strict):
    name: Text = Field(description="Clinician who reviewed the guide for this clinic.", examples=["Dana Example, MD"])
    role: Text = Field(description="Their role at the clinic.", examples=["Medical Director"])
    role_es: Text | None = Field(
        default=None, description="Optional: their role in Spanish, for the Spanish edition.", examples=["Directora médica"]
    )
    reviewed_on: IsoDate = Field(description="Date of the review, YYYY-MM-DD; not in the future.", examples=["2026-10-01"])


class Policies(Strict):
    monitoring_minutes: int = Field(
        ge=15, le=480, description="Minutes the clinic watches a patient after the infusion.", examples=[60]
    )
    escort_required: bool = Field(
        description="true if an adult must take the patient home (write true or false).", examples=[True]
    )
    ride_services: Literal["allowed", "with-adult", "not-allowed"] = Field(
        description="Whether a patient may go home by taxi or ride service (a ride booked with an app): "
        "allowed (alone), with-adult (only if an adult they know rides with them) or not-allowed. "
        "With escort_required: true, allowed is refused (the patient would leave alone).",
        examples=["with-adult"],
    )
    treatment_schedule: Prose = Field(
        description="The usual schedule, as a phrase that follows 'the usual plan is'.",
        examples=["six infusions over two to three weeks, then maintenance if it helps"],
    )
    eating_and_drinking: Prose | None = Field(
        default=None,
        description="Optional: the clinic's advice on eating and drinking after an infusion, as full sentences.",
        examples=["Eat a light meal when you feel ready. Drink water."],
    )
    # Spanish edition (docs/*.es.md). Optional; `careguide check` warns when the English is
    # given and the Spanish is not, and the Spanish page then says to ask the care team.
    treatment_schedule_es: Prose | None = Field(
        default=None,
        description="Optional: treatment_schedule in Spanish, as a phrase that follows 'el plan habitual es este:', "
        "lower case, no final period.",
        examples=["seis infusiones en dos o tres semanas, y después infusiones de mantenimiento si le ayudan"],
    )
    eating_and_drinking_es: Prose | None = Field(
        default=None,
        description="Optional: eating_and_drinking in Spanish, as full sentences.",
        examples=["Coma algo ligero cuando se sienta listo. Tome agua."],
    )


class TranslationReview(Strict):
    name: Text = Field(
        description="Qualified medical translator who reviewed the Spanish edition for this clinic.",
        examples=["Ana Ejemplo, CoreCHI"],
    )
    reviewed_on: IsoDate = Field(description="Date of the review, YYYY-MM-DD; not in the future.", examples=["2026-11-01"])


class Colors(Strict):
    primary: Colour = Field(
        default="#0b5d73", description="Header and link colour, as \"#rrggbb\"; must be dark enough for white text.",
        examples=["#0b5d73"],
    )
    accent: Colour = Field(
        default="#8a3b12", description="Colour for links under the pointer, as \"#rrggbb\"; dark enough to read on white.",
        examples=["#8a3b12"],
    )


class Location(Strict):
    id: Slug = Field(description="Short id that providers use to name this location.", examples=["downtown"])
    name: Text = Field(description="Name patients know the location by.", examples=["Downtown Baltimore"])
    street: Text = Field(description="Street address with suite.", examples=["100 Example Street, Suite 200"])
    city: Text = Field(examples=["Baltimore"])
    state: StateCode = Field(description="USPS state code.", examples=["MD"])
    zip: Zip = Field(description="Five-digit ZIP code, in quotes.", examples=["21201"])
    # Optional details patients ask the front desk for; the contact page and the handout
    # show each one only when it is given. Spanish twins (X_es) as for policies.
    hours: list[HoursLine] | None = Field(
        default=None, min_length=1, max_length=HOURS_LINES_MAX,
        description="Optional: when this location is open, as short lines (at most 80 characters each, "
        f"at most {HOURS_LINES_MAX} lines).",
        examples=[["Monday to Friday, 8 am to 5 pm", "Saturday, 9 am to noon"]],
    )
    hours_es: list[HoursLine] | None = Field(
        default=None, min_length=1, max_length=HOURS_LINES_MAX,
        description="Optional: the same hours in Spanish, line for line.",
        examples=[["De lunes a viernes, de 8 a.m. a 5 p.m.", "Sábado, de 9 a.m. a mediodía"]],
    )
    directions_url: LinkUrl | None = Field(
        default=None,
        description="Optional: an https:// address with directions to this location (a map page); "
        "the page links to it and the handout prints it.",
        examples=["https://www.openstreetmap.org/?mlat=39.2904&mlon=-76.6122#map=17/39.2904/-76.6122"],
    )
    parking: Prose | None = Field(
        default=None,
        description="Optional: where patients and the adult taking them home can park, as full sentences.",
        examples=["Free parking in the garage behind the building. Take a ticket; the front desk stamps it."],
    )
    parking_es: Prose | None = Field(
        default=None,
        description="Optional: parking in Spanish, as full sentences.",
        examples=["Hay estacionamiento gratis en el garaje detrás del edificio. Tome un boleto; en la recepción se lo sellan."],
    )


class License(Strict):
    board: Slug = Field(
        description="The board of the clinic's state that issued the license, by its id: for Maryland md-physicians "
        "or md-nursing (careguide/states.yml); for another state, an id from the clinic's state_help. "
        "Pages link to its public look-up page.",
        examples=["md-physicians"],
    )
    number: LicenseNumber = Field(
        description="The license number exactly as the board's look-up page shows it.", examples=["D0012345"]
    )


class Provider(Strict):
    name: Text = Field(examples=["Dana Example"])
    credentials: Text = Field(description="License letters, like MD, DO, NP, PA-C or CRNA.", examples=["MD"])
    role: Text = Field(examples=["Anesthesiologist"])
    role_es: Text | None = Field(
        default=None, description="Optional: their role in Spanish, for the Spanish edition.", examples=["Anestesióloga"]
    )
    locations: list[Slug] = Field(min_length=1, description="Ids of the locations where they see patients.", examples=[["downtown"]])
    accepting_new_patients: bool = Field(description="true or false.", examples=[True])
    languages: list[Text] = Field(min_length=1, description="Languages they speak with patients.", examples=[["English", "Spanish"]])
    npi: Npi = Field(
        description="Their 10-digit National Provider Identifier, in quotes, from the NPI registry "
        "(https://npiregistry.cms.hhs.gov/); the last digit is a check digit.",
        examples=["1234567893"],
    )
    license: License = Field(description="Their license in the clinic's state: the board and the number.")
    verified_on: IsoDate = Field(
        description="The day someone last checked the NPI in the NPI registry and the license on the board's "
        "look-up page, YYYY-MM-DD. `careguide check` warns after 12 months and fails after 24.",
        examples=["2026-11-20"],
    )


class Board(Strict):
    id: Slug = Field(description="Short id that providers' licenses name.", examples=["md-physicians"])
    name: Text = Field(description="The board's name.", examples=["Maryland Board of Physicians"])
    name_es: Text = Field(description="The board's name in Spanish, a feminine noun (the page says 'La ...').",
                          examples=["Junta de Médicos de Maryland"])
    licenses: Text = Field(description="Who it licenses, after 'The <board> licenses'.", examples=["doctors and physician assistants"])
    licenses_es: Text = Field(description="The same in Spanish, after '<board> da licencias a'.",
                              examples=["médicos y a asistentes médicos"])
    lookup: HttpsUrl = Field(description="The board's public license look-up page.", examples=["https://www.mbp.state.md.us/bpqapp/"])


class CrisisLine(Strict):
    dial: DialNumber = Field(description="The number to call: a three-digit code like 211, or a phone number, in quotes.",
                             examples=["211"])
    press: KeyPress | None = Field(default=None, description="Optional: the key to press once connected, in quotes.",
                                   examples=["1"])


class StateHelp(Strict):
    """What differs by state: shown beside 911, 988 and Poison Help, which are national."""

    name: Text = Field(description="The state's name.", examples=["Maryland"])
    name_es: Text = Field(description="The state's name in Spanish.", examples=["Maryland"])
    crisis_line: CrisisLine = Field(description="The state's crisis line, shown beside 988 on every page that lists crisis lines.")
    relay: Text | None = Field(
        default=None, description="Optional: the name of the state's relay service for deaf and hard-of-hearing callers "
        "(711 reaches it anywhere in the US); without it the contact page says 'a relay service'.",
        examples=["Maryland Relay"],
    )
    boards: list[Board] = Field(min_length=1, description="The boards that license the clinic's providers in this state.")
    source: Prose = Field(description="Where these facts were checked, and when: for the clinic's reviewer, not shown to patients.",
                         examples=["State health department's crisis services page, checked 2026-11-20"])


class Clinic(Strict):
    id: Slug = Field(description="Must match the file name: clinics/<id>.yml.", examples=["example-baltimore"])
    example: bool = Field(
        default=False,
        description="true for a fictional example clinic: its pages say so, and its phones must be 555-01xx.",
    )
    name: Text = Field(max_length=120, description="The clinic's name as patients know it.", examples=["Example Ketamine Care, Baltimore"])
    site_url: HttpsUrl = Field(description="Where the guide is published.", examples=["https://example.github.io/careguide/example-baltimore/"])
    phone: Phone = Field(description="Main phone, in quotes.", examples=["410-555-0142"])
    after_hours_phone: Phone = Field(description="Phone answered after hours, in quotes.", examples=["410-555-0143"])
    email: Email | None = Field(default=None, description="Optional contact email.", examples=["care@example.org"])
    booking_url: LinkUrl | None = Field(
        default=None,
        description="Optional: the https:// address of the page where patients book or change a visit; "
        "the contact page links to it and the handout prints it.",
        examples=["https://booking.example.org/example-baltimore"],
    )
    logo: Text | None = Field(
        default=None, description="Optional logo file, relative to docs/ (SVG or PNG).", examples=["assets/logos/example-baltimore.svg"]
    )
    colors: Colors = Field(default_factory=Colors, description="Brand colours.")
    reviewer: Reviewer
    translation_review: TranslationReview | None = Field(
        default=None,
        description="Optional: who reviewed the Spanish translation, and when. The Spanish about page shows it; "
        "until then it says the translation is not yet reviewed.",
    )
    policies: Policies
    locations: list[Location] = Field(min_length=1)
    providers: list[Provider] = Field(min_length=1)
    state_help: dict[StateCode, StateHelp] = Field(
        default_factory=dict,
        description="Only for a state careguide/states.yml does not cover (it covers Maryland): that state's crisis "
        "line, relay service and licensing boards, by its USPS code, like VA:.",
    )
