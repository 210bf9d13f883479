"""Spanish syllables are counted by the rules of Spanish spelling, checked against counts
made by hand (syllables marked with hyphens, as a Spanish dictionary splits them)."""

from __future__ import annotations

import pytest

from careguide.lint.readability import spanish_ease
from careguide.lint.spanish import syllables

HAND_COUNTS = """
    náu-se-as a-guan-tar o-ír pa-ís le-er rí-o dí-a ba-úl cre-er po-e-ta
    te-a-tro ma-íz re-ír le-í a-é-re-o ca-er o-í-do a-ún a-hí a-ho-ra
    con-ti-nú-a con-ti-nua pro-ve-e-dor en-fer-me-rí-a
    ke-ta-mi-na in-fu-sión mé-di-co de-pre-sión an-sie-dad far-ma-cia mie-do sue-ño
    ciu-dad cui-da-do a-gua bue-no vein-ti-cua-tro
    que gue-rra pin-güi-no hoy muy y buey U-ru-guay
"""
WORDS = [(word.replace("-", ""), word.count("-") + 1) for word in HAND_COUNTS.split()]


def test_there_are_at_least_30_hand_counts():
    assert len(WORDS) >= 30


@pytest.mark.parametrize("word, count", WORDS, ids=[w for w, _ in WORDS])
def test_syllables_match_the_hand_count(word, count):
    assert syllables(word) == count


def test_capitals_count_like_lower_case():
    assert syllables("NÁUSEAS") == syllables("Náuseas") == 3


def test_reading_ease_follows_fernandez_huerta():
    # to-me a-gua y des-can-se hoy mis-mo: 6 words, 11 syllables, 1 sentence
    text = "Tome agua y descanse hoy mismo."
    expected = 206.84 - 60 * (2 + 2 + 1 + 3 + 1 + 2) / 6 - 1.02 * 6
    assert spanish_ease(text) == round(expected, 1)
