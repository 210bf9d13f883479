"""Claims: no cure or approval claims (FTC, FDA 2023), and the statements every guide needs.

A banned phrase is allowed when the sentence negates it ("Ketamine is not a cure") or
asks it ("Is ketamine a cure?"): that is the honest statement the brief asks for.
"""

from __future__ import annotations

import re

from .findings import Finding
from .page import Page

BANNED_RULE = "banned-claim"
REQUIRED_RULE = "required-statement"

BANNED = [
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
]
NEGATION = re.compile(r"\b(not|no|never|cannot|can't|isn't|aren't|won't|nothing|neither|nor)\b[^.!?]{0,40}$", re.I)
SENTENCE = re.compile(r"[^.!?]*[.!?]?")

REQUIRED = [
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
]
REQUIRED_WHERE = "docs/index.md"


def _is_honest(line: str, start: int, end: int) -> bool:
    """True when the sentence holding line[start:end] negates or asks the claim."""
    sentence_start = max(line.rfind(c, 0, start) for c in ".!?") + 1
    sentence_end = min([i for i in (line.find(c, end) for c in ".!?") if i != -1] or [len(line)])
    before = line[sentence_start:start]
    return bool(NEGATION.search(before)) or line[sentence_end : sentence_end + 1] == "?"


def check(page: Page, context) -> list[Finding]:
    found = []
    lines = [(n, text) for n, text in enumerate(page.lines[: page.body_start - 1], start=1)]
    lines += [(line.number, line.text) for line in page.body_lines() if not line.in_code]
    for number, text in lines:
        for pattern, what, fix in BANNED:
            for match in pattern.finditer(text):
                if not _is_honest(text, match.start(), match.end()):
                    found.append(
                        Finding(page.name, number, BANNED_RULE, f'"{match.group(0)}" {what}; {fix}')
                    )
    return found


def check_guide(pages: list[Page], context) -> list[Finding]:
    prose = "\n".join(line.text for page in pages for line in page.body_lines() if not line.in_code)
    prose = re.sub(r"[ \t]+", " ", prose)
    where = next((p.name for p in pages if p.name.endswith("index.md")), pages[0].name if pages else REQUIRED_WHERE)
    return [
        Finding(where, 1, REQUIRED_RULE, f"no page of the guide gives {what}; {fix}")
        for what, pattern, fix in REQUIRED
        if not pattern.search(prose)
    ]
