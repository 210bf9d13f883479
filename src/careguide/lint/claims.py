"""Claims: no cure or approval claims (FTC, FDA 2023), and the statements every guide needs.

A banned phrase is allowed when the sentence negates it ("Ketamine is not a cure") or
asks it ("Is ketamine a cure?"): that is the honest statement the brief asks for.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from .findings import Finding
from .page import Page
from .readability import page_language

BANNED_RULE = "banned-claim"
REQUIRED_RULE = "required-statement"

# Per language: (pattern, what it claims, how to fix). Spanish pages (faq.es.md) get the Spanish list.
BANNED = {
    "en": [
        (re.compile(r"\bcur(e|es|ed|ing)\b", re.I), "calls ketamine a cure",
         'say it can help and that the effects often fade, e.g. "Ketamine is not a cure."'),
        (re.compile(r"\bguarantee(d|s)?\b", re.I), "promises a result",
         "say what may happen, e.g. \"many people feel better\""),
        (re.compile(r"\bmiracle\w*\b", re.I), "calls it a miracle", "describe what it does in plain words"),
        (re.compile(r"\b100\s*(%|percent)\s+safe\b", re.I), "says it is 100% safe",
         "no treatment is 100% safe; name the risks instead"),
        (re.compile(r"\bFDA[- ]approved\b[^.!?]{0,40}\bdepression\b|\bapproved by the FDA\b[^.!?]{0,40}\bdepression\b",
                    re.I),
         "says ketamine is FDA-approved for depression",
         'IV ketamine is off-label: write "Ketamine is not approved by the FDA to treat depression."'),
    ],
    "es": [
        (re.compile(r"\bcura(s|r|rá|n)?\b", re.I), "dice que la ketamina es una cura",
         'diga que puede ayudar y que el efecto a menudo pasa, p. ej. "La ketamina no es una cura."'),
        (re.compile(r"\bgarantiza(do|da|dos|das|mos|n)?\b", re.I), "promete un resultado",
         'diga lo que puede pasar, p. ej. "muchas personas se sienten mejor"'),
        (re.compile(r"\bmilagr\w*\b", re.I), "dice que es un milagro", "describa lo que hace con palabras sencillas"),
        (re.compile(r"\b100\s*(%|por\s*ciento)\s+segur[oa]s?\b", re.I), "dice que es 100 % segura",
         "ningún tratamiento es 100 % seguro; nombre los riesgos"),
        (re.compile(r"\baprobad[oa]s? por la FDA\b[^.!?]{0,40}\bdepresión\b", re.I),
         "dice que la FDA la aprobó para la depresión",
         'es uso fuera de indicación: escriba "La ketamina no está aprobada por la FDA para tratar la depresión."'),
    ],
}
NEGATION = {
    "en": re.compile(r"\b(not|no|never|cannot|can't|isn't|aren't|won't|nothing|neither|nor)\b[^.!?]{0,40}$", re.I),
    "es": re.compile(r"\b(no|nunca|jamás|ni|tampoco|nada|sin|ningún|ninguna|ninguno)\b[^.!?]{0,40}$", re.I),
}

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


def _is_honest(line: str, start: int, end: int, language: str) -> bool:
    """True when the sentence holding line[start:end] negates or asks the claim."""
    sentence_start = max(line.rfind(c, 0, start) for c in ".!?") + 1
    sentence_end = min([i for i in (line.find(c, end) for c in ".!?") if i != -1] or [len(line)])
    before = line[sentence_start:start]
    return bool(NEGATION[language].search(before)) or line[sentence_end : sentence_end + 1] == "?"


def _language(page: Page) -> str:
    language = page_language(page)
    return language if language in BANNED else "en"


def check(page: Page, context) -> list[Finding]:
    found = []
    lines = [(n, text) for n, text in enumerate(page.lines[: page.body_start - 1], start=1)]
    lines += [(line.number, line.text) for line in page.body_lines() if not line.in_code]
    language = _language(page)
    for number, text in lines:
        for pattern, what, fix in BANNED[language]:
            for match in pattern.finditer(text):
                if not _is_honest(text, match.start(), match.end(), language):
                    found.append(
                        Finding(page.name, number, BANNED_RULE, f'"{match.group(0)}" {what}; {fix}')
                    )
    return found


def check_guide(pages: list[Page], context) -> list[Finding]:
    """Each language's pages together must give every required statement."""
    found = []
    for language, required in REQUIRED.items():
        in_language = [p for p in pages if _language(p) == language]
        if not in_language:
            continue
        prose = "\n".join(line.text for page in in_language for line in page.body_lines() if not line.in_code)
        prose = re.sub(r"[ \t]+", " ", prose)
        where = next((p.name for p in in_language if PurePosixPath(p.name).name.split(".")[0] == "index"), in_language[0].name)
        found += [
            Finding(where, 1, REQUIRED_RULE, f"no page of the guide gives {what}; {fix}")
            for what, pattern, fix in required
            if not pattern.search(prose)
        ]
    return found
