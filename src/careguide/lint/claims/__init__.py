"""Claims: what a sentence says, checked by meaning, in English and Spanish.

Five categories (rules_en.py, rules_es.py): efficacy promises, safety absolutes, approval
claims, contradictions of the guide's safety rules, and emergencies made to sound minor.
Each sentence of the page body (paragraphs, list items, table rows, headings, admonition
titles), of the front matter's `title:` and `description:`, and of each clinic text value
is normalised (text.py) and matched (matcher.py); a finding names the line the sentence
starts on, what it claims and what to write instead. The guide-wide required statements
are in required.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import prose
from ..findings import Finding
from ..page import Page
from ..readability import page_language
from . import rules_en, rules_es
from .matcher import Rule, claims
from .required import check_guide
from .text import normalise, sentences

__all__ = ["CATEGORIES", "check", "check_guide", "check_text", "Claim"]

CATEGORIES = (rules_en.EFFICACY, rules_en.SAFETY, rules_en.APPROVAL, rules_en.SAFETY_RULE, rules_en.EMERGENCY)

RULES = {"en": rules_en.RULES, "es": rules_es.RULES}
FRONT_MATTER_KEYS = ("title", "description")
QUOTED = 80
# A short question and its answer make one claim ("Trouble breathing? No need to call."),
# unless the answer starts by saying no.
SHORT_QUESTION = 3
ANSWER_NO = re.compile(r"(no|nope|not really|never|nunca|jamas)([,.;:!]|$)")


@dataclass(frozen=True)
class Claim:
    offset: int  # where the sentence starts in the text checked
    rule: Rule
    sentence: str  # as written

    @property
    def what(self) -> str:
        shown = self.sentence if len(self.sentence) <= QUOTED else self.sentence[: QUOTED - 1].rsplit(" ", 1)[0] + "…"
        return f'"{shown}" {self.rule.says}'

    def message(self) -> str:
        return f"{self.what}; {self.rule.instead}"


def check_text(text: str, language: str, *, escort_required: bool = True) -> list[Claim]:
    """Every claim in a piece of prose, each rule at most once per sentence. A clinic that lets
    patients go home alone (escort_required: false) may say so in its own text."""
    rules = [rule for rule in RULES.get(language, RULES["en"]) if escort_required or not rule.escort]
    found = []
    before = question = ""
    for offset, sentence in sentences(text):
        plain = normalise(sentence)
        if question and not ANSWER_NO.match(plain):  # "Side effects? There are none."
            plain = f"{question} {plain}"
        found += [Claim(offset, rule, sentence) for rule in rules if claims(rule, plain, language, before)]
        before += " " + plain
        question = plain.rstrip("?") if plain.endswith("?") and len(plain.split()) <= SHORT_QUESTION else ""
    return found


def check(page: Page, context) -> list[Finding]:
    language = page_language(page) if page_language(page) in RULES else "en"
    found = []
    for key in FRONT_MATTER_KEYS:
        if isinstance(page.meta.get(key), str):
            found += [Finding(page.name, page.meta_line(key), c.rule.category, c.message())
                      for c in check_text(page.meta[key], language)]
    for block in prose.blocks(page, headings=True, rows_as_sentences=True):
        found += [Finding(page.name, block.line_at(c.offset), c.rule.category, c.message())
                  for c in check_text(block.text, language)]
    return found
