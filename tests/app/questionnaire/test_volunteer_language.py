"""The volunteer's line follows the interface language; titles and advice too, for the screen."""

from __future__ import annotations

import pytest

from app.i18n import set_interface_language
from app.questionnaire import interface_text, questionnaire_title
from app.questionnaire.registry import latest
from app.questionnaire.texts import (
    bilingual,
    choice_texts,
    country_texts,
    question_texts,
    reading_texts,
)
from app.questionnaire.triage import default_rule_sets


def test_the_volunteer_reads_dutch_unless_told_otherwise() -> None:
    q = latest("short_intake").question("needs")
    assert question_texts(q, "ti").dutch.startswith("Wat heeft u nodig")
    assert question_texts(q, "ti", "ar").dutch == bilingual(q.text, "ar").second
    assert question_texts(q, "ti", "en").dutch == q.text
    assert question_texts(q, "ti", "ar").second == question_texts(q, "ti").second


def test_choices_countries_and_reading_follow_the_volunteer_language() -> None:
    q = latest("short_intake").question("acute_medical")
    (_yes, texts), *_rest = choice_texts(q, "ti", "ar")
    assert texts.dutch == "نعم"
    assert country_texts("ER", "ti", "ar").dutch == "إريتريا"
    assert country_texts("ER", "ti").dutch == "Eritrea"
    assert reading_texts("ti", "en")[0][1].dutch == "Cannot read it"


@pytest.mark.parametrize(("lang", "short", "extended"), [
    ("nl", "Korte intake", "Uitgebreide screening"),
    ("en", "Short intake", "Extended screening"),
    ("ar", "المقابلة الأولية القصيرة", "الفحص الموسّع"),
])
def test_questionnaire_titles_in_the_interface_language(lang: str, short: str,
                                                       extended: str) -> None:
    assert questionnaire_title("short_intake", lang) == short
    assert questionnaire_title("extended_screening", lang) == extended
    set_interface_language(lang)
    assert questionnaire_title("short_intake") == short


def test_every_advice_has_a_translation_for_the_interface() -> None:
    rules = default_rule_sets().latest()
    for msgid in [r.advice for r in rules.rules] + [rules.default_advice]:
        for lang in ("nl", "ar"):
            assert interface_text(msgid, lang) != msgid, (lang, msgid)
