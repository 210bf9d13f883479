"""How a claim rule decides: the words of the claim are there, and nothing takes them back.

A rule lists alternatives; each alternative is a tuple of patterns that must all be found
in one sentence (normalised, see text.py). A pattern found just after a negation in its own
clause ("No medicine works for everyone", "Do not drive until...") does not count. A rule's
`honest` pattern names what makes such a sentence true (esketamine is FDA-approved; you may
drive the next day); it is looked for outside the words of the claim, so "no need to call
911" is not excused by its own "911". Questions ask, they do not claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CLAUSE_BREAK = re.compile(r"[,;:()\[\]]| - |\b(but|however|although|though|whereas|while|pero|aunque|sino|mientras)\b")
STRONG_BREAK = re.compile(r";|\b(?:but|however|pero|sin embargo)\b")
KETAMINE = re.compile(r"(?<!es)ketamin")
NEGATION_WINDOW = 6  # words before the claim that a negation may stand in ("not always completely safe")

NEGATIONS = {
    "en": re.compile(r"\b(not|no|never|nothing|nobody|no one|none|neither|nor|without|avoid|avoiding|refrain|"
                     r"stay away|instead of|rather than|skip|hardly|myth|false|untrue)\b"),
    "es": re.compile(r"\b(no|nunca|jamas|ni|tampoco|nada|nadie|ningun|ninguna|ninguno|sin|evite|evitar|eviten|"
                     r"en vez de|en lugar de|mito|falso)\b"),
}


@dataclass(frozen=True)
class Rule:
    category: str  # the lint rule name: efficacy-promise, safety-absolute, ...
    says: str  # what the sentence claims, as the message puts it
    instead: str  # what to write instead
    alternatives: tuple[tuple[re.Pattern, ...], ...]
    honest: re.Pattern | None = None
    one_clause: bool = False  # the patterns must meet in one clause: "Nausea is normal; chest pain is not."
    escort: bool = False  # contradicts the escort rule: a clinic without one may say it in its own text


def rule(category: str, says: str, instead: str, *alternatives, honest: str | None = None,
         one_clause: bool = False, escort: bool = False) -> Rule:
    """Each alternative is a pattern, or a tuple of patterns that must all be found."""
    compiled = tuple(
        tuple(re.compile(p) for p in (alt if isinstance(alt, tuple) else (alt,))) for alt in alternatives
    )
    return Rule(category, says, instead, compiled, re.compile(honest) if honest else None, one_clause, escort)


def negated(sentence: str, start: int, language: str) -> bool:
    """True when a negation stands before `start` in the same clause, within a few words."""
    before = sentence[:start]
    clause = CLAUSE_BREAK.split(before)[-1] if CLAUSE_BREAK.search(before) else before
    window = " ".join(clause.split()[-NEGATION_WINDOW:])
    return bool(NEGATIONS[language].search(window))


def _blank(sentence: str, spans) -> str:
    chars = list(sentence)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _spans(sentence: str, patterns: tuple[re.Pattern, ...], language: str) -> list[tuple[int, int]] | None:
    """Where each pattern is found, said and not taken back; None if one of them is not.
    A negation inside another pattern's words belongs to that pattern: in "there is no need
    to wait before driving", the "no" is part of the permission, it does not negate "driving"."""
    found = [list(pattern.finditer(sentence)) for pattern in patterns]
    spans = []
    for i, matches in enumerate(found):
        others = _blank(sentence, [m.span() for j, ms in enumerate(found) if j != i for m in ms])
        span = next((m.span() for m in matches if not negated(others, m.start(), language)), None)
        if span is None:
            return None
        spans.append(span)
    return spans


def claims(rule: Rule, sentence: str, language: str, before: str = "") -> bool:
    """Does this normalised sentence make the rule's claim? `before` is what the paragraph
    said before it, read for the honest qualifier when this one does not name ketamine ("Esketamine is
    a different product. The FDA has approved it..."; "Wait 24 hours. Then you may drive.")."""
    if sentence.rstrip(" .\"')").endswith("?"):
        return False
    clauses = STRONG_BREAK.split(sentence) if rule.one_clause else [sentence]
    return any(_claims(rule, clause, language, before) for clause in clauses if clause)


def _claims(rule: Rule, sentence: str, language: str, before: str) -> bool:
    for alternative in rule.alternatives:
        spans = _spans(sentence, alternative, language)
        if spans is None:
            continue
        if rule.honest is None:
            return True
        context = "" if KETAMINE.search(sentence) else before
        if not rule.honest.search(_blank(sentence, spans)) and not rule.honest.search(context):
            return True
    return False
