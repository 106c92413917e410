"""The questionnaire engine: intake questionnaires as data, asked in two languages, with triage.

No Qt and no database here: everything works on plain dicts and frozen dataclasses, so the
services, the command line and the windows all use the same calls.

Questionnaires (``resources/questionnaires/<id>.v<version>.yaml``, checked on load against
``schema.json`` and for meaning; a broken file raises ``QuestionnaireFileError`` naming the
file, the question and the path in the file)::

    load(id, version) -> Questionnaire        exactly the version a saved intake used
    latest(id) -> Questionnaire               for a new intake
    Registry(folder).ids() / versions(id)     every version present stays loadable

Storing an intake (done by the services) keeps::

    {"questionnaire_id": q.id, "questionnaire_version": q.version,
     "answers": {question_id: value},   # JSON values, see app.questionnaire.answers
     "status": "draft" | "complete",
     "decision": Decision.to_dict() | None}

Asking (``engine``; answers are the stored dict, raw form values are accepted too)::

    read_form(q, raw) -> (answers, problems)      normalise form input for a draft
    visible_questions(q, answers) -> [Question]   conditions applied, in order
    visible_sections(q, answers)
    validate(q, answers, draft=False) -> {question_id: message}   every problem, never raises
    complete(q, answers) -> answers               hidden answers dropped; raises InvalidInput
    progress(q, answers) -> Progress              counts, is_complete, fraction
    next_unanswered(q, answers) -> Question|None  where to resume a draft
    normalise_answer(question, raw) -> value      one answer; AnswerError with a message

Texts (``texts``; msgids of the gettext domain "questionnaire", Dutch + the person's language,
English fallback flagged)::

    question_texts(question, lang) -> Bilingual(dutch, second, second_lang, fallback)
    help_texts(question, lang), choice_texts(question, lang) -> [(value, Bilingual)]
    answer_texts(question, value, lang), country_texts(code, lang), bilingual(msgid, lang)
    every one takes ``volunteer=`` (default "nl"): the windows pass the interface language
    interface_text(msgid) / questionnaire_title(id)   for the volunteer alone (titles, advice)
    python -m app.questionnaire.extract [--check]   writes the .pot / checks the catalogues

Triage (``triage``, rules in ``resources/questionnaires/triage/``) and the decision::

    advise(answers, birth_date=, sex=, screening_complete=, today=) -> Advice
        Advice.outcome, Advice.items: AdviceItem(rule_id, outcome, advice msgid, decisive)
    merge_answers(short_answers, screening_answers)
    decide(advice, outcome, decided_by=, override_reason=) -> Decision   (InvalidInput when
        the outcome differs from the advice without a reason: the hardship clause)
    Decision.to_dict() / Decision.from_dict(d)

Anonymous overview (``aggregate``): ``suppress(count)`` ("<5" below five), ``suppress_table``,
``count_answers``, ``count_outcomes``, ``count_overrides``, ``overview(intakes)``.
"""

from __future__ import annotations

from app.questionnaire.aggregate import overview, suppress, suppress_table
from app.questionnaire.answers import AnswerError, normalise_answer
from app.questionnaire.decision import Decision, decide
from app.questionnaire.engine import (
    Progress,
    clean_answers,
    complete,
    next_unanswered,
    progress,
    read_form,
    validate,
    visible_questions,
    visible_sections,
)
from app.questionnaire.errors import QuestionnaireFileError, UnknownQuestionnaire
from app.questionnaire.model import Choice, Question, Questionnaire, QuestionType, Section
from app.questionnaire.registry import Registry, default_registry, latest, load
from app.questionnaire.texts import (
    Bilingual,
    answer_texts,
    bilingual,
    choice_texts,
    help_texts,
    interface_text,
    question_texts,
    questionnaire_title,
)
from app.questionnaire.triage import Advice, AdviceItem, Outcome, advise, merge_answers

__all__ = [
    "Advice", "AdviceItem", "AnswerError", "Bilingual", "Choice", "Decision", "Outcome",
    "Progress", "Question", "QuestionType", "Questionnaire", "QuestionnaireFileError", "Registry",
    "Section", "UnknownQuestionnaire", "advise", "answer_texts", "bilingual", "choice_texts",
    "clean_answers", "complete", "decide", "default_registry", "help_texts", "interface_text",
    "latest", "load", "merge_answers", "next_unanswered", "normalise_answer", "overview",
    "progress", "question_texts", "questionnaire_title", "read_form", "suppress", "suppress_table",
    "validate", "visible_questions", "visible_sections",
]
