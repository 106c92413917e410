"""Reading one answer: raw input from a form (mostly text) into the stored, JSON-ready value.

Stored values per question type:

===================== ==================================================================
text, long_text       str (cleaned: NFC, no control or bidi characters, trimmed)
number                int, or float when the question is not ``integer``
date                  "YYYY", "YYYY-MM" or "YYYY-MM-DD", or "unknown"
yes_no_unknown        "yes", "no" or "unknown"
single_choice         the choice value (str)
multiple_choice       list of choice values, in the order of the choices
country               ISO 3166-1 alpha-2 code ("SY"), "stateless" or "unknown"
language_with_reading list of {"language": ISO 639 code, "reading": "none"|"basic"|"good"}
===================== ==================================================================

No answer at all is ``None`` (an empty text, an empty list). ``normalise_answer`` is
idempotent: a stored value read again gives the same value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from app.countries import ANSWER_STATELESS as STATELESS
from app.countries import ANSWER_UNKNOWN as UNKNOWN
from app.countries import is_iso_country as is_country
from app.countries import is_iso_language as is_language
from app.dates import parse_partial_date
from app.errors import InvalidInput
from app.i18n import _
from app.questionnaire.model import READING_LEVELS, Question, QuestionType
from app.text import clean_text

TEXT_LENGTH = 300
LONG_TEXT_LENGTH = 5000
_UNKNOWN_WORDS = frozenset({"unknown", "onbekend", "?", "-", "weet niet", "don't know"})
_YES_WORDS = {"yes": "yes", "ja": "yes", "true": "yes", "no": "no", "nee": "no", "false": "no"}


class AnswerError(ValueError):
    """An answer cannot be read; ``str(err)`` is the message to show next to the question."""


def normalise_answer(question: Question, raw: Any, *, today: date | None = None) -> Any:
    """The stored form of ``raw`` for ``question``, or None when there is no answer.

    Raises:
        AnswerError: with a message that says what to fill in instead. Nothing else is raised,
            whatever ``raw`` is.
    """
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    reader = _READERS[question.type]
    try:
        return reader(question, raw, today or date.today())
    except AnswerError:
        raise
    except InvalidInput as err:
        raise AnswerError(next(iter(err.problems.values()))) from None
    except (TypeError, ValueError, AttributeError, KeyError, OverflowError):
        raise AnswerError(_("This answer has the wrong form; fill it in again.")) from None


def _text(question: Question, raw: Any, today: date) -> str | None:
    if not isinstance(raw, str):
        raise AnswerError(_("Type a text."))
    long = question.type is QuestionType.LONG_TEXT
    limit = question.max_length or (LONG_TEXT_LENGTH if long else TEXT_LENGTH)
    return clean_text(raw, field=question.id, max_length=limit, multiline=long) or None


def _number(question: Question, raw: Any, today: date) -> int | float:
    if isinstance(raw, bool):
        raise AnswerError(_("Fill in a number."))
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str):
        try:
            value = float(raw.strip().replace(",", ".").replace(" ", ""))
        except ValueError:
            raise AnswerError(_("Fill in a number, for example 3.")) from None
    else:
        raise AnswerError(_("Fill in a number."))
    if not math.isfinite(value):
        raise AnswerError(_("Fill in a number."))
    if question.integer and value != int(value):
        raise AnswerError(_("Fill in a whole number."))
    if question.minimum is not None and value < question.minimum:
        raise AnswerError(_("The number must be at least {n}.").format(n=_plain(question.minimum)))
    if question.maximum is not None and value > question.maximum:
        raise AnswerError(_("The number must be at most {n}.").format(n=_plain(question.maximum)))
    return int(value) if question.integer or value == int(value) else value


def _plain(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def _date(question: Question, raw: Any, today: date) -> str:
    if not isinstance(raw, str):
        raise AnswerError(_("Write the date as day-month-year, month-year or only the year."))
    if raw.strip().casefold() in _UNKNOWN_WORDS:
        if not question.allow_unknown:
            raise AnswerError(_("Fill in at least the year."))
        return UNKNOWN
    value = parse_partial_date(raw, field=question.id, today=today,
                               allow_future=not question.not_in_future)
    assert value is not None  # the empty and unknown forms are handled above
    return value.iso()


def _yes_no(question: Question, raw: Any, today: date) -> str:
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, str):
        word = raw.strip().casefold()
        if word in _YES_WORDS:
            return _YES_WORDS[word]
        if word in _UNKNOWN_WORDS:
            return UNKNOWN
    raise AnswerError(_("Choose yes, no or unknown."))


def _single(question: Question, raw: Any, today: date) -> str:
    if isinstance(raw, str) and question.choice(raw.strip()) is not None:
        return raw.strip()
    raise AnswerError(_("Choose one of the listed answers."))


def _multiple(question: Question, raw: Any, today: date) -> list[str] | None:
    if isinstance(raw, str):
        items = [part.strip() for part in raw.split(",") if part.strip()]
    elif isinstance(raw, list | tuple | set | frozenset):
        items = list(raw)
    else:
        raise AnswerError(_("Choose one or more of the listed answers."))
    values = question.choice_values()
    if any(not isinstance(item, str) or item not in values for item in items):
        raise AnswerError(_("Choose only from the listed answers."))
    chosen = set(items)
    return [v for v in values if v in chosen] or None


def _country(question: Question, raw: Any, today: date) -> str:
    if not isinstance(raw, str):
        raise AnswerError(_("Choose a country from the list."))
    text = raw.strip()
    if text.casefold() in _UNKNOWN_WORDS:
        if not question.allow_unknown:
            raise AnswerError(_("Choose a country from the list."))
        return UNKNOWN
    if text.casefold() == STATELESS:
        return STATELESS
    if is_country(text.upper()):
        return text.upper()
    raise AnswerError(_("Choose a country from the list."))


def _languages(question: Question, raw: Any, today: date) -> list[dict[str, str]] | None:
    if not isinstance(raw, list | tuple):
        raise AnswerError(_("Add each language with how well the person reads it."))
    result: list[dict[str, str]] = []
    seen: set[str] = set()
    for entry in raw:
        if not isinstance(entry, Mapping):
            raise AnswerError(_("Add each language with how well the person reads it."))
        code = entry.get("language")
        reading = entry.get("reading")
        if not isinstance(code, str) or not is_language(code.strip().lower()):
            raise AnswerError(_("Choose a language from the list."))
        code = code.strip().lower()
        if not isinstance(reading, str) or reading.strip() not in READING_LEVELS:
            raise AnswerError(_("Choose how well the person reads {language}: not, a little or "
                                "well.").format(language=code))
        if code in seen:
            raise AnswerError(_("Each language only once, please."))
        seen.add(code)
        result.append({"language": code, "reading": reading.strip()})
    return result or None


_READERS: dict[QuestionType, Callable[[Question, Any, date], Any]] = {
    QuestionType.TEXT: _text,
    QuestionType.LONG_TEXT: _text,
    QuestionType.NUMBER: _number,
    QuestionType.DATE: _date,
    QuestionType.YES_NO_UNKNOWN: _yes_no,
    QuestionType.SINGLE_CHOICE: _single,
    QuestionType.MULTIPLE_CHOICE: _multiple,
    QuestionType.COUNTRY: _country,
    QuestionType.LANGUAGE_WITH_READING: _languages,
}
