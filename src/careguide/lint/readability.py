"""Reading level: Flesch-Kincaid grade per page, at most 8, aiming for 6.

Measured on the prose a patient reads: front matter, headings, code, Jinja and HTML tags
are dropped; admonition bodies are read; each list item counts as a sentence. Sections
under a "Sources" or "References" heading (the about page's reference list) are exempt,
as are sections a page names under `reading_exempt:` in its front matter.
"""

from __future__ import annotations

import re
import warnings

from . import prose, spanish
from .findings import ERROR, WARNING, Finding
from .page import Page
from .prose import Block



def _textstat():
    """textstat, imported on first use: it is slow to import, and most commands never need it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # textstat 0.7.3 imports the deprecated pkg_resources
        import textstat
    return textstat

RULE = "reading-level"
MAX_GRADE = 8.0
AIM_GRADE = 6.0
EXEMPT_HEADINGS = {"sources", "references", "fuentes", "referencias"}
HARDEST_SHOWN = 3

def _finish(text: str) -> str:
    """Every block ends a sentence: a list item or a line ending in ':' is one."""
    text = text.rstrip()
    if text.endswith((":", ";", ",")):
        text = text[:-1]
    if text and not re.search(r"[.!?][\"”')]*$", text):
        text += "."
    return text


def prose_blocks(page: Page) -> list[Block]:
    exempt_titles = EXEMPT_HEADINGS | {str(t).strip().lower() for t in page.meta.get("reading_exempt") or []}
    found = prose.blocks(page, exempt_titles=exempt_titles)
    for block in found:
        block.text = _finish(block.text)
    return [b for b in found if b.text]


def grade(text: str) -> float:
    return round(float(_textstat().flesch_kincaid_grade(text)), 1)


def page_language(page: Page) -> str:
    """`lang:` in front matter, else the suffix of mkdocs-static-i18n (faq.es.md), else English."""
    if page.meta.get("lang"):
        return str(page.meta["lang"]).lower()
    parts = page.path.name.split(".")
    return parts[-2].lower() if len(parts) >= 3 else "en"


# Spanish pages: Flesch-Kincaid's grade formula is for English. They are measured with the
# Fernández-Huerta reading ease (0-100, higher is easier; 70-80 "fairly easy", 60-70
# "normal"): 206.84 - 60 x syllables per word - 1.02 x words per sentence, with syllables
# counted by Spanish rules (spanish.py): fail below 60, warn below 70.
SPANISH_MIN, SPANISH_AIM = 60.0, 70.0


def spanish_ease(text: str) -> float:
    words_per_sentence = len(spanish.words(text)) / _textstat().sentence_count(text)
    return round(206.84 - 60 * spanish.syllables_per_word(text) - 1.02 * words_per_sentence, 1)


def _check_spanish(page: Page, blocks: list[Block], ease: float, limit_problems: list[Finding]) -> list[Finding]:
    if ease >= SPANISH_AIM:
        return limit_problems
    severity = ERROR if ease < SPANISH_MIN else WARNING
    hardest = sorted(sentences(blocks), key=lambda s: spanish_ease(s.text))[:HARDEST_SHOWN]
    shown = "; ".join(f'line {s.line} (ease {spanish_ease(s.text):g}): "{_short(s.text)}"' for s in hardest)
    what = (f"the page's reading ease (Fernández-Huerta) is {ease:g}, "
            + (f"below the minimum of {SPANISH_MIN:g}" if severity == ERROR else f"the aim is {SPANISH_AIM:g} or more"))
    where = next((line for line, level, _ in page.headings() if level == 1), page.body_start)
    message = f"{what}. Hardest sentences: {shown}. Use shorter sentences and everyday words."
    return [*limit_problems, Finding(page.name, where, RULE, message, severity)]


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-Z0-9])")


def sentences(blocks: list[Block]) -> list[Block]:
    return [Block(b.line, s) for b in blocks for s in SENTENCE_END.split(b.text) if len(s.split()) >= 3]


def _limit(page: Page) -> tuple[float, list[Finding]]:
    setting = page.meta.get("reading_grade")
    if setting is None:
        return MAX_GRADE, []
    where = page.meta_line("reading_grade")
    how = 'write it as reading_grade: {max: 9, reason: "why this page cannot be simpler"}'
    if not isinstance(setting, dict) or "max" not in setting:
        return MAX_GRADE, [Finding(page.name, where, RULE, f"reading_grade needs a max and a reason; {how}")]
    reason = str(setting.get("reason") or "").strip()
    try:
        limit = float(setting["max"])
    except (TypeError, ValueError):
        return MAX_GRADE, [Finding(page.name, where, RULE, f"reading_grade max '{setting['max']}' is not a number; {how}")]
    if len(reason.split()) < 3:
        return MAX_GRADE, [
            Finding(page.name, where, RULE, f"reading_grade raises the limit to {limit:g} without a written reason; {how}")
        ]
    return limit, []


def measure(blocks: list[Block], language: str) -> tuple[str, float]:
    """The page's reading level as this rule judges it: ("grade", Flesch-Kincaid grade) for
    English, ("ease", Fernández-Huerta reading ease) for Spanish."""
    text = " ".join(b.text for b in blocks)
    return ("ease", spanish_ease(text)) if language == "es" else ("grade", grade(text))


def page_level(page: Page) -> tuple[str, float] | None:
    """measure() of a whole page; None for a page with no prose to read."""
    blocks = prose_blocks(page)
    return measure(blocks, page_language(page)) if blocks else None


def check(page: Page, context) -> list[Finding]:
    limit, problems = _limit(page)
    blocks = prose_blocks(page)
    if not blocks:
        return problems
    scale, page_grade = measure(blocks, page_language(page))
    if scale == "ease":
        return _check_spanish(page, blocks, page_grade, problems)
    if page_grade <= AIM_GRADE:
        return problems
    severity = ERROR if page_grade > limit else WARNING
    hardest = sorted(sentences(blocks), key=lambda s: grade(s.text), reverse=True)[:HARDEST_SHOWN]
    shown = "; ".join(f'line {s.line} (grade {grade(s.text):g}): "{_short(s.text)}"' for s in hardest)
    if severity == ERROR:
        what = f"the page reads at grade {page_grade:g}, above the limit of {limit:g}"
    else:
        what = f"the page reads at grade {page_grade:g}; the aim is grade {AIM_GRADE:g} or below"
    message = f"{what}. Hardest sentences: {shown}. Use shorter sentences and everyday words."
    where = next((line for line, level, _ in page.headings() if level == 1), page.body_start)
    return [*problems, Finding(page.name, where, RULE, message, severity)]


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
