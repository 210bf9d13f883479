"""Post-build step: schema.org JSON-LD in the <head> of every built page, for any engine.

Built from the clinic model (never from the HTML), with only facts the page shows: every
page shows its title, its review dates and reviewer (partials/careguide/review-dates.html),
and the call bar's clinic name and phone; the clinic's addresses and its providers go in
only on the pages that show them (found by their partials' classes in the built page).

The markup is overrides/partials/careguide/structured-data.html; the data comes from
`page_graph` alone. A JSON-LD block is raw text to the HTML parser, so clinic values are
serialised for that context by `json_for_script`, not made inert like page text.
"""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup

from .model import Clinic, Location, Provider
from .page_macros import PARTIALS, partial_templates
from .project import Project, built_page
from .states import LicensingBoard, licensing_boards
from .views import credential_codes, role_in

HEAD_END = "</head>"
# Classes of the partials that show a fact (overrides/partials/careguide/address.html, provider-listing.html)
SHOWS_ADDRESSES = 'class="cg-address"'
SHOWS_PROVIDERS = 'class="cg-provider"'
# A physician is also a schema.org IndividualPhysician (schema.org's `Physician` may be a
# doctor's office), the type with `usNPI` and `isAcceptingNewPatients`. Other clinicians are
# a Person only: schema.org has no NPI property for them, so their NPI is not in the JSON-LD.
PHYSICIAN_CREDENTIALS = frozenset({"MD", "DO"})


class StructuredDataFailed(Exception):
    pass


def json_for_script(data) -> Markup:
    """JSON that cannot end its <script> element: `</script>`, `<!--` and `&` in a value
    are written as JSON escapes (\\u003c...), which every JSON reader reads back."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def telephone(number: str) -> str:
    """`410-555-0142` (as the page shows it) -> `+1-410-555-0142`, with the country code."""
    return f"+1-{number}"


def page_graph(
    clinic: Clinic,
    *,
    title: str,
    language: str,
    url: str,
    home: str,
    last_reviewed: str | None,
    shows_addresses: bool,
    shows_providers: bool,
) -> dict:
    """The page's JSON-LD: the MedicalWebPage, the clinic, and the providers it lists."""
    clinic_node = {"@type": "MedicalClinic", "@id": f"{home}#clinic", "name": clinic.name, "url": home,
                   "telephone": telephone(clinic.phone)}
    if shows_addresses:
        clinic_node["address"] = [_address(location) for location in clinic.locations]
    page = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": title,
        "inLanguage": language,
        "audience": "https://schema.org/Patient",  # a MedicalAudienceType member
        "about": {"@id": clinic_node["@id"]},
    }
    if last_reviewed:  # the page's footer shows its review date and the clinic's reviewer
        page["lastReviewed"] = last_reviewed
        page["reviewedBy"] = {"@type": "Person", "name": clinic.reviewer.name, "jobTitle": role_in(clinic.reviewer, language)}
    graph = [page, clinic_node]
    if shows_providers:
        boards = licensing_boards(clinic)
        graph += [_provider(provider, boards[provider.license.board], clinic_node["@id"], language) for provider in clinic.providers]
    return {"@context": "https://schema.org", "@graph": graph}


def _address(location: Location) -> dict:
    return {
        "@type": "PostalAddress",
        "name": location.name,
        "streetAddress": location.street,
        "addressLocality": location.city,
        "addressRegion": location.state,
        "postalCode": location.zip,
        "addressCountry": "US",
    }


def _provider(provider: Provider, board: LicensingBoard, clinic_id: str, language: str) -> dict:
    node = {
        "@type": "Person",
        "name": provider.name,
        "honorificSuffix": provider.credentials,
        "jobTitle": role_in(provider, language),
        "knowsLanguage": list(provider.languages),
        "hasCredential": {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "license",
            "identifier": provider.license.number,
            "recognizedBy": {"@type": "GovernmentOrganization", "name": board.name[language], "url": board.lookup},
        },
    }
    if PHYSICIAN_CREDENTIALS & set(credential_codes(provider)):
        node.update({
            "@type": ["Person", "IndividualPhysician"],  # Person for its name and job title properties
            "usNPI": provider.npi,
            "isAcceptingNewPatients": provider.accepting_new_patients,
            "practicesAt": {"@id": clinic_id},
        })
    else:
        node["worksFor"] = {"@id": clinic_id}
    return node


def add_structured_data(project: Project, clinic: Clinic, language: str, site: Path, *, address: str, home: str) -> None:
    """Write each page's JSON-LD block before its </head>."""
    template = partial_templates(str(project.overrides)).get_template(f"{PARTIALS}/structured-data.html")
    for page in project.pages[language]:
        path = built_page(site, page.url)
        html = path.read_text(encoding="utf-8")
        if html.count(HEAD_END) != 1:
            raise StructuredDataFailed(f"{path.name}: the page has no single </head> to put its JSON-LD before")
        graph = page_graph(
            clinic,
            title=page.meta.get("title", page.name),
            language=language,
            url=address + page.url,
            home=home,
            last_reviewed=str(page.meta["last_reviewed"]) if page.meta.get("last_reviewed") else None,
            shows_addresses=SHOWS_ADDRESSES in html,
            shows_providers=SHOWS_PROVIDERS in html,
        )
        block = template.render(json_ld=json_for_script(graph))
        path.write_text(html.replace(HEAD_END, block.strip() + "\n" + HEAD_END), encoding="utf-8")
