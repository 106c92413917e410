"""Texts of questions, help, choices and answers in two languages: Dutch and the person's.

Every text in a questionnaire or rule file is an English msgid of the gettext domain
"questionnaire" (``translations/questionnaire/<lang>.po``). The volunteer reads the first line
(Dutch by default; the windows pass the interface language as ``volunteer``, printed and
handed-over texts keep Dutch); below it the person's language is shown so an interpreter can
read it out and the person can point.
For a language without a (complete) catalogue the second line is English and ``fallback`` says
so, so the screen can tell the volunteer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.countries import ANSWER_STATELESS as STATELESS
from app.countries import ANSWER_UNKNOWN as UNKNOWN
from app.countries import FALLBACK_LANGUAGE, babel_locale
from app.countries import babel_country_name as country_name
from app.countries import babel_language_name as language_name
from app.i18n import N_, available_languages, interface_language, translations
from app.questionnaire.model import Choice, Question, QuestionType, fixed_values

DOMAIN = "questionnaire"
VOLUNTEER_LANGUAGE = "nl"
COMPLETE_LANGUAGES = ("nl", "en", "ar", "ti", "fa", "tr", "fr", "am", "so", "kmr", "ckb", "ps", "ru",
                      "uk", "es")

# Texts the engine itself shows, whatever the questionnaire.
YES_NO_UNKNOWN_LABELS = {"yes": N_("Yes"), "no": N_("No"), "unknown": N_("Unknown")}
READING_LABELS = {"none": N_("Cannot read it"), "basic": N_("Reads it a little"),
                  "good": N_("Reads it well")}
SPECIAL_ANSWERS = {UNKNOWN: N_("Unknown"), STATELESS: N_("Stateless")}
FALLBACK_NOTE = N_("Shown in English: there is no translation in this language yet.")
ENGINE_MSGIDS: tuple[str, ...] = (
    *YES_NO_UNKNOWN_LABELS.values(), *READING_LABELS.values(), N_("Stateless"), FALLBACK_NOTE,
)


@dataclass(frozen=True)
class Bilingual:
    """A text for the volunteer (first line, ``dutch``: Dutch unless another volunteer
    language was asked for) and for the person (second line).

    ``second_lang`` is the language the second line is really in; ``fallback`` is True when
    that is English because the person's language has no translation for this text.
    """

    dutch: str
    second: str
    second_lang: str
    fallback: bool

    def as_tuple(self) -> tuple[str, str, str, bool]:
        return (self.dutch, self.second, self.second_lang, self.fallback)


def _candidates(lang: str) -> list[str]:
    lang = lang.replace("-", "_")
    base = lang.split("_")[0]
    return [lang, base] if base != lang else [lang]


def _lookup(msgid: str, lang: str) -> str | None:
    """``msgid`` in exactly ``lang``'s catalogue, or None."""
    if lang == FALLBACK_LANGUAGE:
        return msgid
    table = getattr(translations(DOMAIN, lang), "_catalog", {})
    found = table.get(msgid)
    return str(found) if found else None


def translate(msgid: str, lang: str) -> str | None:
    """``msgid`` in ``lang`` (or its base language), or None when it has no translation."""
    return next((t for c in _candidates(lang) if (t := _lookup(msgid, c)) is not None), None)


def bilingual(msgid: str, lang: str, volunteer: str = VOLUNTEER_LANGUAGE) -> Bilingual:
    """``volunteer`` (Dutch) and ``lang`` texts for ``msgid``, falling back to English."""
    dutch = translate(msgid, volunteer) or msgid
    for candidate in _candidates(lang):
        second = _lookup(msgid, candidate)
        if second is not None:
            return Bilingual(dutch, second, candidate, False)
    return Bilingual(dutch, msgid, FALLBACK_LANGUAGE, True)


def interface_text(msgid: str, lang: str | None = None) -> str:
    """A questionnaire or rule text in the interface language (or ``lang``), for the volunteer:
    questionnaire titles, triage advice. English when there is no translation."""
    return translate(msgid, lang or interface_language()) or msgid


def questionnaire_title(questionnaire_id: str, lang: str | None = None) -> str:
    """The title of the newest version of a questionnaire, in the interface language."""
    from app.questionnaire.registry import default_registry

    try:
        title = default_registry().latest(questionnaire_id).title
    except Exception:  # noqa: BLE001 - not installed: its id is all there is
        title = questionnaire_id.replace("_", " ").capitalize()
    return interface_text(title, lang)


def question_texts(question: Question, lang: str,
                   volunteer: str = VOLUNTEER_LANGUAGE) -> Bilingual:
    """The question text: (volunteer_text, second_text, second_lang_used, is_fallback)."""
    return bilingual(question.text, lang, volunteer)


def help_texts(question: Question, lang: str,
               volunteer: str = VOLUNTEER_LANGUAGE) -> Bilingual | None:
    return bilingual(question.help, lang, volunteer) if question.help else None


def choice_texts(question: Question, lang: str,
                 volunteer: str = VOLUNTEER_LANGUAGE) -> list[tuple[str, Bilingual]]:
    """(value, texts) of each answer the person can point at, in order.

    Choice questions give their choices; yes/no/unknown questions give Yes, No, Unknown.
    """
    if question.type is QuestionType.YES_NO_UNKNOWN:
        return [(v, bilingual(label, lang, volunteer))
                for v, label in YES_NO_UNKNOWN_LABELS.items()]
    return [(c.value, bilingual(c.label, lang, volunteer)) for c in question.choices]


def choice_label(choice: Choice, lang: str) -> Bilingual:
    return bilingual(choice.label, lang)


def reading_texts(lang: str, volunteer: str = VOLUNTEER_LANGUAGE) -> list[tuple[str, Bilingual]]:
    return [(v, bilingual(label, lang, volunteer)) for v, label in READING_LABELS.items()]


def _babel_name(lookup: Any, code: str, lang: str, volunteer: str) -> Bilingual:
    known = babel_locale(lang) is not None
    return Bilingual(lookup(code, volunteer), lookup(code, lang if known else "en"),
                     lang if known else FALLBACK_LANGUAGE, not known)


def country_texts(code: str, lang: str, volunteer: str = VOLUNTEER_LANGUAGE) -> Bilingual:
    """A country's name in Dutch and in ``lang`` (Babel's locale data), or a special answer."""
    if code in SPECIAL_ANSWERS:
        return bilingual(SPECIAL_ANSWERS[code], lang, volunteer)
    return _babel_name(country_name, code, lang, volunteer)


def language_texts(code: str, lang: str, volunteer: str = VOLUNTEER_LANGUAGE) -> Bilingual:
    return _babel_name(language_name, code, lang, volunteer)


def answer_texts(question: Question, value: Any, lang: str) -> list[Bilingual]:
    """A stored answer as text for reading back, one item per part (choice, language...)."""
    if value is None:
        return []
    if question.type is QuestionType.COUNTRY:
        return [country_texts(str(value), lang)]
    if question.type is QuestionType.LANGUAGE_WITH_READING:
        result = []
        for entry in value:
            name = language_texts(entry["language"], lang)
            level = bilingual(READING_LABELS[entry["reading"]], lang)
            result.append(Bilingual(f"{name.dutch}: {level.dutch}", f"{name.second}: {level.second}",
                                    level.second_lang, name.fallback or level.fallback))
        return result
    if question.type is QuestionType.YES_NO_UNKNOWN:
        return [bilingual(YES_NO_UNKNOWN_LABELS[value], lang)]
    if fixed_values(question) is not None:
        values = value if isinstance(value, list) else [value]
        return [bilingual(question.choice(v).label, lang) for v in values
                if question.choice(v) is not None]
    if question.type is QuestionType.DATE and value == UNKNOWN:
        return [bilingual(SPECIAL_ANSWERS[UNKNOWN], lang)]
    text = str(value)
    return [Bilingual(text, text, lang, False)]


def person_languages() -> list[str]:
    """Languages with a catalogue in the questionnaire domain (English is always possible)."""
    return sorted(set(available_languages(DOMAIN)) | {FALLBACK_LANGUAGE})
