"""A blank intake questionnaire on paper, for when the laptop is not there: the questions of
the short intake or the extended screening, numbered as on the screen so the answers can be
typed in later, Dutch beside the person's language, with tick boxes and write-in lines.

``blank_questionnaire(questionnaire_id, lang) -> PDF bytes``; no database, nothing personal.
A question text without a translation in ``lang`` is printed in Dutch only (never English on
a Dutch-and-Tigrinya form).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.documents.catalogue import Texts, canonical
from app.documents.model import Both, FormData, FormQuestion, FormSection
from app.errors import InvalidInput
from app.i18n import _

QUESTIONNAIRES = ("short_intake", "extended_screening")
KINDS = {"single_choice": "choose_one", "yes_no_unknown": "choose_one",
         "multiple_choice": "choose_more", "text": "line", "long_text": "lines",
         "date": "date", "number": "number", "country": "line",
         "language_with_reading": "languages"}


def _both(texts: Any, lang: str) -> Both:
    """A questionnaire text (``Bilingual``): the person's line only when really translated."""
    own = None if lang == "nl" or texts.fallback or texts.second == texts.dutch else texts.second
    return Both(texts.dutch, own)


def _condition(condition: Mapping[str, Any] | None, numbers: dict[str, int],
               questions: dict[str, Any], lang: str, words: Texts) -> Both | None:
    """When a question applies, in words: "Only if question 3 is answered: Yes"."""
    from app import questionnaire

    if not condition:
        return None
    leaf = condition.get("question")
    if leaf in numbers and any(k in condition for k in ("equals", "in", "contains")):
        values = condition.get("in") or [condition.get("equals", condition.get("contains"))]
        question = questions[leaf]
        labels = dict(questionnaire.choice_texts(question, lang))
        answers = [_both(labels[v], lang) if v in labels else Both(str(v)) for v in values]
        dutch = " / ".join(a.dutch for a in answers)
        own = " / ".join(a.own or a.dutch for a in answers)
        d, o = words.pair("form.only_if")
        return Both(d.format(number=numbers[leaf], answer=dutch),
                    (o or d).format(number=numbers[leaf], answer=own) if o else None)
    if leaf in numbers and "at_least" in condition:
        d, o = words.pair("form.only_if_at_least")
        return Both(d.format(number=numbers[leaf], value=condition["at_least"]),
                    o.format(number=numbers[leaf], value=condition["at_least"]) if o else None)
    d, o = words.pair("form.only_if_applies")
    return Both(d, o)


def form_data(questionnaire_id: str, lang: str) -> FormData:
    """The newest version of ``questionnaire_id`` as a paper form in Dutch and ``lang``."""
    from app import questionnaire
    from app.documents.catalogue import CARD_LANGUAGES
    from app.questionnaire.texts import reading_texts

    if questionnaire_id not in QUESTIONNAIRES:
        raise InvalidInput({"questionnaire": _("Choose one of: {choices}.").format(
            choices=", ".join(QUESTIONNAIRES))})
    lang = canonical(lang)
    if lang not in CARD_LANGUAGES:
        raise InvalidInput({"lang": _("There are no printed texts in '{lang}'. Choose one of: "
                                      "{choices}.").format(lang=lang[:20],
                                                           choices=", ".join(CARD_LANGUAGES))})
    q = questionnaire.latest(questionnaire_id)
    words = Texts(lang)
    numbers: dict[str, int] = {}
    questions: dict[str, Any] = {}
    for section in q.sections:
        for question in section.questions:
            numbers[question.id] = len(numbers) + 1
            questions[question.id] = question
    sections = []
    for section in q.sections:
        items = []
        for question in section.questions:
            kind = KINDS.get(question.type.value, "line")
            choices = ([_both(t, lang) for _v, t in questionnaire.choice_texts(question, lang)]
                       if kind in ("choose_one", "choose_more") else [])
            help_texts = questionnaire.help_texts(question, lang)
            items.append(FormQuestion(
                number=numbers[question.id],
                text=_both(questionnaire.question_texts(question, lang), lang), kind=kind,
                help=_both(help_texts, lang) if help_texts else None, choices=choices,
                only_if=_condition(question.show_if, numbers, questions, lang, words)))
        sections.append(FormSection(
            title=_both(questionnaire.bilingual(section.title, lang), lang), questions=items,
            help=_both(questionnaire.bilingual(section.help, lang), lang)
            if section.help else None,
            only_if=_condition(section.show_if, numbers, questions, lang, words)))
    return FormData(lang=lang, title=_both(questionnaire.bilingual(q.title, lang), lang),
                    questionnaire_id=q.id, version=q.version, sections=sections,
                    reading_levels=[_both(t, lang) for _v, t in reading_texts(lang)])


def blank_questionnaire(questionnaire_id: str, lang: str) -> bytes:
    """The blank paper questionnaire as PDF bytes."""
    from app.documents.questionnaire_form_pdf import render_form

    return render_form(form_data(questionnaire_id, lang))
