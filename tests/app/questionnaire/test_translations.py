"""Two-language texts: every msgid translated in the complete languages, English fallback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.questionnaire.extract import FOLDER, POT, main, missing, msgids, template
from app.questionnaire.registry import latest
from app.questionnaire.texts import (
    COMPLETE_LANGUAGES,
    DOMAIN,
    answer_texts,
    bilingual,
    choice_texts,
    country_texts,
    help_texts,
    person_languages,
    question_texts,
)

SCRIPTS = {"ar": r"[\u0600-\u06FF]", "fa": r"[\u0600-\u06FF]", "ti": r"[\u1200-\u137F]",
           "am": r"[\u1200-\u137F]", "ckb": r"[\u0600-\u06FF]", "ps": r"[\u0600-\u06FF]",
           "ru": r"[\u0400-\u04FF]", "uk": r"[\u0400-\u04FF]"}


@pytest.mark.parametrize("lang", COMPLETE_LANGUAGES)
def test_every_msgid_is_translated(lang: str) -> None:
    assert missing(lang) == []


@pytest.mark.parametrize("lang", COMPLETE_LANGUAGES)
def test_translations_keep_numbers_and_are_in_their_script(lang: str) -> None:
    with (FOLDER / f"{lang}.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    for message in catalog:
        if not message.id:
            continue
        text = str(message.string)
        assert text.strip() == text and text
        for number in ("113", "112", "24", "10", "18"):
            if re.search(rf"\b{number}\b", str(message.id)) and lang != "fa":
                assert number in text, (lang, message.id)
        if lang in SCRIPTS and message.id not in {"V-number"}:
            assert re.search(SCRIPTS[lang], text), (lang, message.id)


def test_the_template_is_up_to_date() -> None:
    with POT.open("rb") as fh:
        pot = read_po(fh, domain=DOMAIN)
    assert [m.id for m in pot if m.id] == msgids()
    assert [m.id for m in template() if m.id] == msgids()


def test_the_check_command_reports_nothing_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check"]) == 0
    assert capsys.readouterr().out == ""


def test_missing_reports_languages_without_catalogue(tmp_path: Path) -> None:
    assert missing("so", tmp_path) == msgids()


def test_question_in_dutch_and_arabic() -> None:
    nationality = latest("short_intake").question("nationality")
    texts = question_texts(nationality, "ar")
    assert texts.as_tuple() == ("Wat is uw nationaliteit?", "ما جنسيتك؟", "ar", False)
    assert question_texts(nationality, "ti").second == "ዜግነትኩም እንታይ እዩ?"
    assert question_texts(nationality, "fa_AF").second_lang == "fa"


def test_other_languages_fall_back_to_english_and_say_so() -> None:
    nationality = latest("short_intake").question("nationality")
    for lang in ("ha", "ln", "xx", "ku"):
        texts = question_texts(nationality, lang)
        assert texts.dutch == "Wat is uw nationaliteit?"
        assert texts.second == "What is your nationality?"
        assert texts.second_lang == "en" and texts.fallback
    english = question_texts(nationality, "en")
    assert english.second_lang == "en" and not english.fallback


def test_help_and_choices() -> None:
    q = latest("short_intake")
    assert help_texts(q.question("needs_other"), "tr") is None
    assert help_texts(q.question("needs"), "tr").second == "Geçerli olan her şeyi seçin."
    needs = dict(choice_texts(q.question("needs"), "fr"))
    assert needs["shelter"].as_tuple() == ("Een slaapplek", "Un endroit pour dormir", "fr",
                                           False)
    yes_no = choice_texts(q.question("acute_medical"), "ti")
    assert [(v, t.dutch, t.second) for v, t in yes_no] == [
        ("yes", "Ja", "እወ"), ("no", "Nee", "ኣይፋል"), ("unknown", "Onbekend", "ዘይፍለጥ")]
    assert all(t.fallback for _, t in choice_texts(q.question("status"), "ha"))
    assert not any(t.fallback for _, t in choice_texts(q.question("status"), "so"))


@pytest.mark.parametrize(("lang", "second"), [
    ("am", "ዜግነትዎ ምንድን ነው?"), ("so", "Waa maxay dhalashadaadu?"), ("ps", "ستاسو تابعیت څه دی؟"),
    ("ckb", "ڕەگەزنامەت چییە؟"), ("kmr", "Neteweya te çi ye?"), ("ru", "Какое у вас гражданство?"),
    ("uk", "Яке ваше громадянство?"), ("es", "¿Cuál es su nacionalidad?")])
def test_the_card_languages_added_as_machine_drafts(lang: str, second: str) -> None:
    from app.questionnaire.review import review_state

    texts = question_texts(latest("short_intake").question("nationality"), lang)
    assert texts.as_tuple() == ("Wat is uw nationaliteit?", second, lang, False)
    state = review_state(lang)
    assert state.translated == 1.0 and state.machine_draft and not state.reviewed


def test_country_names_come_from_babel() -> None:
    assert country_texts("SY", "ar").as_tuple() == ("Syrië", "سوريا", "ar", False)
    assert country_texts("ER", "ti").second == "ኤርትራ"
    assert country_texts("stateless", "fr").second == "Apatride"
    unknown_language = country_texts("SY", "xx")
    assert unknown_language.second == "Syria" and unknown_language.fallback


def test_answers_read_back_in_two_languages() -> None:
    q = latest("extended_screening")
    languages = answer_texts(q.question("languages"),
                             [{"language": "ti", "reading": "basic"}], "ar")
    assert languages[0].dutch == "Tigrinya: Leest het een beetje"
    interests = answer_texts(q.question("interests"), ["sport", "course"], "tr")
    assert [t.second for t in interests] == ["Spor", "Bir kursa katılmak"]
    assert answer_texts(q.question("has_lawyer"), "unknown", "fa")[0].second == "نامعلوم"
    assert answer_texts(q.question("arrival_date"), "unknown", "nl")[0].dutch == "Onbekend"
    assert answer_texts(q.question("children_count"), 3, "ar")[0].second == "3"
    assert answer_texts(q.question("children_count"), None, "ar") == []


def test_person_languages_include_the_complete_ones() -> None:
    assert set(COMPLETE_LANGUAGES) <= set(person_languages())


def test_bilingual_on_an_unknown_msgid_falls_back() -> None:
    texts = bilingual("Not in any catalogue", "ar")
    assert texts.dutch == "Not in any catalogue" and texts.fallback
