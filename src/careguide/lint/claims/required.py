"""The statements every language's guide must give somewhere: off-label, escort, driving."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..findings import Finding
from ..readability import page_language

RULE = "required-statement"

# Per language: (what, pattern, how to add it). Each language's guide must say all three.
REQUIRED = {
    "en": [
        ("the off-label statement",
         re.compile(r"\boff-label\b", re.I),
         'add to docs/how-it-works.md: "Ketamine is not approved by the FDA to treat depression. '
         'Using it for this is called off-label use."'),
        ("the escort rule (someone must take you home)",
         re.compile(r"\b(someone|an adult|a responsible adult|a friend or family member)( else)? (must|needs to|has to|will need to)"
                    r"( come to)? (take|drive|bring) you home\b", re.I),
         'add to docs/first-24-hours.md: "Someone else must take you home."'),
        ("the driving rule (no driving for 24 hours)",
         re.compile(r"\b(do not|don't|must not|never) drive\b[^.!?]*\b(24 hours|next day|night's sleep)", re.I),
         'add to docs/first-24-hours.md: "Do not drive or use machinery for at least 24 hours, '
         "and not until after a full night's sleep.\""),
    ],
    "es": [
        ("la frase de uso fuera de indicación (off-label)",
         re.compile(r"\bfuera de indicación\b", re.I),
         'añada a docs/how-it-works.es.md: "La ketamina no está aprobada por la FDA para tratar la depresión. '
         'Usarla para esto se llama uso fuera de indicación."'),
        ("la regla de ir acompañado (otra persona debe llevarle a casa)",
         re.compile(r"\b(otra persona|alguien|un adulto)\b[^.!?]{0,30}\b(tiene que|debe)\b[^.!?]{0,30}\bllevar(le|lo|la)?\b", re.I),
         'añada a docs/first-24-hours.es.md: "Otra persona tiene que llevarle a casa."'),
        ("la regla de no manejar (24 horas)",
         re.compile(r"\bno (maneje|debe manejar)\b[^.!?]*\b(24 horas|día siguiente|toda la noche)", re.I),
         'añada a docs/first-24-hours.es.md: "No maneje ni use máquinas por lo menos por 24 horas, '
         'y no lo haga hasta después de dormir toda la noche."'),
    ],
}


def check_guide(pages: list[Page], context) -> list[Finding]:
    """Each language's pages together must give every required statement."""
    found = []
    for language, required in REQUIRED.items():
        in_language = [p for p in pages if page_language(p) == language]
        if not in_language:
            continue
        prose = "\n".join(line.text for page in in_language for line in page.body_lines() if not line.in_code)
        prose = re.sub(r"[ \t]+", " ", prose)
        where = next((p.name for p in in_language if PurePosixPath(p.name).name.split(".")[0] == "index"), in_language[0].name)
        found += [
            Finding(where, 1, RULE, f"no page of the guide gives {what}; {fix}")
            for what, pattern, fix in required
            if not pattern.search(prose)
        ]
    return found
