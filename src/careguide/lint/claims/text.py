"""Text as the claim rules read it: one form for every way an editor can type a sentence.

Pasted text brings curly quotes, non-breaking spaces, soft hyphens, ALL CAPS, "don't"
without its apostrophe and Spanish without its accents. `normalise` folds all of these to
one plain form (NFKC, casefold, accents stripped, hyphens as spaces, contractions written
out), so a rule is written once, in lower case without accents, and matches them all.
"""

from __future__ import annotations

import html
import re
import unicodedata

INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero-widths
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
                        "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
DASHES = re.compile(r"[\u2010-\u2015\u2212]")
CONTRACTIONS = [
    (re.compile(r"\b(can ?no|can'?)t\b"), "can not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\b(do|does|did|is|are|was|were|has|have|had|should|would|could|must|need)n'?t\b"), r"\1 not"),
    (re.compile(r"\b(it|there|that|what|here|he|she|who)'s\b"), r"\1 is"),
    (re.compile(r"\b(you|we|they|it|that|there|i)'ll\b"), r"\1 will"),
    (re.compile(r"\b(you|we|they)'re\b"), r"\1 are"),
    (re.compile(r"\b(you|we|they|i)'ve\b"), r"\1 have"),
    (re.compile(r"\b(\d+) ?(hrs?|h)\b"), r"\1 hours"),
    (re.compile(r"\bf\.? ?d\.? ?a\b\.?|\bthe food and drug administration\b|\bfood and drug administration\b"
                r"|\badministracion de (alimentos y medicamentos|medicamentos y alimentos)\b"), "fda"),
    (re.compile(r"&"), " and "),
]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", html.unescape(text)).translate(INVISIBLE).translate(QUOTES)
    text = strip_accents(text.casefold())
    text = DASHES.sub("-", text)
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)  # FDA-approved = FDA approved, risk-free = risk free
    for pattern, replacement in CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"[¿¡\"*_]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# A full stop after these is not the end of a sentence (Dr. Example, e.g., p. ej., U.S.).
ABBREVIATIONS = {"dr", "dra", "mr", "mrs", "ms", "sr", "sra", "srta", "st", "vs", "approx", "e.g", "i.e",
                 "p. ej", "ej", "u.s", "ee. uu", "ee.uu", "etc", "min", "a.m", "p.m", "fig", "vol", "núm", "num"}
SENTENCE_END = re.compile(r"[.!?…]+[\"”’»')\]]*(?=\s)")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of each sentence in a block of prose, in any case and language."""
    found, start = [], 0
    for end in SENTENCE_END.finditer(text):
        before = text[start : end.start()].casefold()
        word = re.search(r"(\S+(?: \S+\.?)?)$", before)
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        if end.group(0).startswith(".") and (
            last.rstrip(".") in ABBREVIATIONS or (word and word.group(1) in ABBREVIATIONS) or re.fullmatch(r"\w|(\w\.)+\w", last)
        ):
            continue
        found.append((start, text[start : end.end()].strip()))
        start = end.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        found.append((start, text[start:].strip()))
    return [(offset, sentence) for offset, sentence in found if sentence]
