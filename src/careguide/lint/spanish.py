"""Spanish syllables, counted by the rules of Spanish spelling, for the reading-ease score.

pyphen's hyphenation dictionary (what textstat uses) marks where a word may break at the
end of a line, not where its syllables are: it never splits two vowels, so it counts
"náuseas" (náu-se-as) as 2 and "oír" (o-ír) as 1. Here each run of vowels is split by rule:
- two strong vowels (a, e, o) side by side are two syllables (hiatus): le-er, po-e-ta;
- an accented í or ú is strong too, so it breaks a diphthong: dí-a, ba-úl, o-ír;
- a weak vowel (i, u, ü, and y at the end of a word) joins its neighbour: náu-, -guan-, hoy;
- the u of que, qui, gue, gui is silent.
"""

from __future__ import annotations

import re
import unicodedata

STRONG = set("aeoáéóíú")
VOWELS = STRONG | set("iuü")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def syllables(word: str) -> int:
    """Syllables of one Spanish word; at least 1 (an acronym or a number is said as one)."""
    word = unicodedata.normalize("NFC", word.casefold())
    word = re.sub(r"(?<=[qg])u(?=[eiéí])", "", word)
    if word.endswith("y") and (len(word) == 1 or word[-2] in VOWELS):
        word = word[:-1] + "i" if len(word) > 1 else "i"
    count = 0
    for run in re.findall(f"[{''.join(VOWELS)}]+", word):
        strong = sum(char in STRONG for char in run)
        count += strong or 1  # weak vowels alone (ciu-dad, cui-da-do) make one syllable
    return max(count, 1)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def syllables_per_word(text: str) -> float:
    found = words(text)
    return sum(map(syllables, found)) / len(found) if found else 0.0
