"""Asking a questionnaire: each question type, visibility, all problems at once, drafts."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import InvalidInput
from app.questionnaire.answers import AnswerError, normalise_answer
from app.questionnaire.engine import (
    clean_answers,
    complete,
    is_visible,
    next_unanswered,
    progress,
    read_form,
    validate,
    visible_questions,
    visible_sections,
)
from app.questionnaire.model import Questionnaire
from app.questionnaire.registry import latest

TODAY = date(2026, 5, 17)
FULL: dict[str, Any] = {
    "name": "Amanuel", "born": "1990", "children": 0, "status": "a", "country": "ER",
}


def answer(q: Questionnaire, qid: str, raw: Any) -> Any:
    return normalise_answer(q.question(qid), raw, today=TODAY)


def problem(q: Questionnaire, qid: str, raw: Any) -> str:
    with pytest.raises(AnswerError) as caught:
        answer(q, qid, raw)
    return str(caught.value)


# --- each type ---------------------------------------------------------------------------

def test_text_is_cleaned(small: Questionnaire) -> None:
    assert answer(small, "name", "  Ama\u202enuel  ") == "Amanuel"
    assert answer(small, "name", "   ") is None
    assert answer(small, "notes", "line one\n\n  line   two ") == "line one\n\nline two"
    assert "too long" in problem(small, "name", "x" * 301)
    assert "control character" in problem(small, "name", "a\x00b")
    assert problem(small, "name", 12) == "Type a text."


@pytest.mark.parametrize(("raw", "stored"), [
    ("3", 3), (" 4 ", 4), (5, 5), (2.0, 2), ("0", 0), ("20", 20),
])
def test_number(small: Questionnaire, raw: Any, stored: int) -> None:
    value = answer(small, "children", raw)
    assert value == stored and isinstance(value, int)


@pytest.mark.parametrize(("raw", "words"), [
    ("three", "Fill in a number"), ("2,5", "whole number"), ("21", "at most 20"),
    ("-1", "at least 0"), (True, "Fill in a number"), ("nan", "Fill in a number"),
    ("1e999", "Fill in a number"), ([1], "Fill in a number"),
])
def test_number_problems(small: Questionnaire, raw: Any, words: str) -> None:
    assert words in problem(small, "children", raw)


@pytest.mark.parametrize(("raw", "stored"), [
    ("1990", "1990"), ("05-1990", "1990-05"), ("17-05-1990", "1990-05-17"),
    ("1990-05-17", "1990-05-17"), ("1990-05", "1990-05"), ("onbekend", "unknown"),
    ("unknown", "unknown"), ("?", "unknown"), ("17-05-2026", "2026-05-17"),
])
def test_partial_and_unknown_dates(small: Questionnaire, raw: str, stored: str) -> None:
    assert answer(small, "born", raw) == stored
    assert answer(small, "born", stored) == stored  # reading a stored value again


@pytest.mark.parametrize(("raw", "words"), [
    ("18-05-2026", "lies in the future"), ("2027", "lies in the future"),
    ("31-02-1990", "does not exist"), ("yesterday", "day-month-year"),
    ("1850", "1900 or later"), (19900517, "day-month-year"),
])
def test_date_problems(small: Questionnaire, raw: Any, words: str) -> None:
    assert words in problem(small, "born", raw)


def test_date_unknown_can_be_refused(small: Questionnaire) -> None:
    strict = replace(small.question("born"), allow_unknown=False)
    with pytest.raises(AnswerError, match="at least the year"):
        normalise_answer(strict, "unknown", today=TODAY)


def test_future_dates_allowed_unless_forbidden() -> None:
    q = latest("extended_screening")
    # arrival in the Netherlands cannot lie in the future either
    with pytest.raises(AnswerError, match="future"):
        normalise_answer(q.question("arrival_date"), "2030", today=TODAY)


@pytest.mark.parametrize(("raw", "stored"), [
    ("yes", "yes"), ("Ja", "yes"), ("nee", "no"), (False, "no"), ("unknown", "unknown"),
    ("weet niet", "unknown"),
])
def test_yes_no_unknown(small: Questionnaire, raw: Any, stored: str) -> None:
    assert answer(small, "kids_here", raw) == stored


def test_yes_no_unknown_problem(small: Questionnaire) -> None:
    assert problem(small, "kids_here", "maybe") == "Choose yes, no or unknown."


def test_single_choice(small: Questionnaire) -> None:
    assert answer(small, "status", "b") == "b"
    assert problem(small, "status", "c") == "Choose one of the listed answers."
    assert problem(small, "status", ["a"]) == "Choose one of the listed answers."


def test_multiple_choice_keeps_choice_order_and_drops_duplicates(small: Questionnaire) -> None:
    assert answer(small, "needs", ["other", "food", "food"]) == ["food", "other"]
    assert answer(small, "needs", "bed, food") == ["food", "bed"]
    assert answer(small, "needs", []) is None
    assert problem(small, "needs", ["food", "car"]) == "Choose only from the listed answers."
    assert "one or more" in problem(small, "needs", 3)


def test_country(small: Questionnaire) -> None:
    assert answer(small, "country", "sy") == "SY"
    assert answer(small, "country", "XK") == "XK"
    assert answer(small, "country", "stateless") == "stateless"
    assert answer(small, "country", "unknown") == "unknown"
    for bad in ("EU", "ZZ", "Syria", "150", 7):
        assert problem(small, "country", bad) == "Choose a country from the list."


def test_language_with_reading(small: Questionnaire) -> None:
    raw = [{"language": "TI", "reading": "good"}, {"language": "ar", "reading": "none"}]
    assert answer(small, "languages", raw) == [{"language": "ti", "reading": "good"},
                                               {"language": "ar", "reading": "none"}]
    assert answer(small, "languages", []) is None
    assert "language from the list" in problem(small, "languages",
                                                [{"language": "xx", "reading": "good"}])
    assert "how well the person reads ti" in problem(small, "languages",
                                                       [{"language": "ti", "reading": "fluent"}])
    assert "only once" in problem(small, "languages", [{"language": "ti", "reading": "good"},
                                                       {"language": "ti", "reading": "basic"}])
    assert "Add each language" in problem(small, "languages", "ti")


# --- visibility, validation, completion --------------------------------------------------

def test_conditions_show_and_hide(small: Questionnaire) -> None:
    base = [q.id for q in visible_questions(small, {})]
    assert "kids_here" not in base and "needs_other" not in base and "eu_reason" not in base
    shown = visible_questions(small, {"children": "2", "needs": ["other"], "country": "de"})
    assert {"kids_here", "needs_other", "eu_reason"} <= {q.id for q in shown}
    assert is_visible(small, "kids_here", {"children": 1})
    assert not is_visible(small, "kids_here", {"children": "zero"})  # unreadable: not shown


def test_a_hidden_section_hides_its_questions(small_data: dict[str, Any]) -> None:
    from pathlib import Path

    from app.questionnaire.schema import parse_questionnaire
    small_data["sections"][1]["show_if"] = {"question": "name", "answered": True}
    q = parse_questionnaire(small_data, Path("small.v1.yaml"), {"eu_eea": frozenset({"DE"})})
    assert [s.id for s, _ in visible_sections(q, {})] == ["one"]
    assert [s.id for s, _ in visible_sections(q, {"name": "x"})] == ["one", "two"]


def test_validate_returns_every_problem_at_once(small: Questionnaire) -> None:
    problems = validate(small, {"children": "30", "born": "2099", "status": "z",
                                "needs": ["other"]}, today=TODAY)
    assert set(problems) == {"name", "born", "children", "status", "needs_other", "country"}
    assert "at most 20" in problems["children"]
    assert "future" in problems["born"]
    assert problems["name"].startswith("Answer this question")
    error = InvalidInput(problems)
    assert error.problems == problems


def test_draft_validation_ignores_missing_required(small: Questionnaire) -> None:
    assert validate(small, {}, draft=True) == {}
    assert set(validate(small, {"children": "x"}, draft=True)) == {"children"}


def test_hidden_questions_are_not_validated_and_dropped_on_completion(
        small: Questionnaire) -> None:
    answers = {**FULL, "children": 2, "kids_here": "yes", "needs": ["other"],
               "needs_other": "shoes", "unknown_id": "x"}
    assert validate(small, answers, today=TODAY) == {}
    answers.update(children=0, needs=["food"], needs_other=12345)  # now hidden, and unreadable
    assert validate(small, answers, today=TODAY) == {}
    stored = complete(small, answers, today=TODAY)
    assert "kids_here" not in stored and "needs_other" not in stored
    assert "unknown_id" not in stored
    assert stored["needs"] == ["food"]
    json.dumps(stored)


def test_complete_raises_invalid_input_with_all_problems(small: Questionnaire) -> None:
    with pytest.raises(InvalidInput) as caught:
        complete(small, {"name": "x"}, today=TODAY)
    assert set(caught.value.problems) == {"born", "status", "country"}


def test_completed_answers_read_again_unchanged(small: Questionnaire) -> None:
    raw = {**FULL, "born": "17-05-1990", "needs": "bed,food", "country": "er",
           "languages": [{"language": "TI", "reading": "basic"}]}
    stored = complete(small, raw, today=TODAY)
    assert complete(small, json.loads(json.dumps(stored)), today=TODAY) == stored


# --- drafts and resume -------------------------------------------------------------------

def test_read_form_keeps_what_can_be_read(small: Questionnaire) -> None:
    answers, problems = read_form(small, {"name": " Sara ", "children": "many", "notes": "",
                                          "kids_here": "yes", "who": "x"}, today=TODAY)
    assert answers == {"name": "Sara", "kids_here": "yes"}  # hidden answer kept in a draft
    assert set(problems) == {"children"}


def test_resume_where_the_draft_stopped(small: Questionnaire) -> None:
    assert next_unanswered(small, {}).id == "name"
    draft = {"name": "Sara", "born": "1990"}
    assert next_unanswered(small, draft).id == "children"
    draft["children"] = 2
    assert next_unanswered(small, draft).id == "kids_here"  # appeared because of children
    draft.update(kids_here="no", status="a")
    # 'notes' was skipped (optional, earlier): resume after the last answer
    assert next_unanswered(small, draft).id == "needs"
    draft.update(country="NL", languages=[{"language": "nl", "reading": "good"}])
    # everything after the last answer is done: nothing required is open
    assert next_unanswered(small, draft) is None
    draft.pop("born")
    assert next_unanswered(small, draft).id == "born"
    draft["born"] = "2999"
    assert next_unanswered(small, draft, today=TODAY).id == "born"  # unreadable answer


def test_progress(small: Questionnaire) -> None:
    empty = progress(small, {})
    assert (empty.visible, empty.answered, empty.required, empty.required_answered) == (
        8, 0, 4, 0)
    assert not empty.is_complete and empty.fraction == 0
    done = progress(small, FULL, today=TODAY)
    assert done.is_complete and done.required_answered == done.required == 4
    bad = progress(small, {**FULL, "children": "x"}, today=TODAY)
    assert bad.problems == 1 and not bad.is_complete


def test_short_intake_end_to_end() -> None:
    q = latest("short_intake")
    raw = {"needs": ["shelter", "medical"], "acute_medical": "nee",
           "acute_psychological": "nee", "place_to_sleep": "nee", "children_with_you": "nee",
           "right_place": "ja", "nationality": "ER", "status": "undocumented",
           "entry_ban": "nee", "declared_undesirable": "nee"}
    answers, problems = read_form(q, raw)
    assert problems == {}
    assert progress(q, answers).is_complete
    assert "extra_motivation_sufficient" not in clean_answers(q, answers)
    moroccan = {**answers, "nationality": "MA"}
    assert set(validate(q, moroccan)) == {"extra_motivation_sufficient"}
    assert next_unanswered(q, moroccan).id == "extra_motivation"


# --- properties ---------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["language", "reading", "x"]), inner, max_size=3),
    max_leaves=10)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["name", "notes", "born", "children", "kids_here",
                                        "status", "needs", "needs_other", "country",
                                        "eu_reason", "languages", "other"]), json_values))
def test_validation_never_raises_only_reports(small: Questionnaire,
                                              answers: dict[str, Any]) -> None:
    problems = validate(small, answers, today=TODAY)
    assert all(isinstance(m, str) and m for m in problems.values())
    read, unreadable = read_form(small, answers, today=TODAY)
    json.dumps(read)
    next_unanswered(small, answers, today=TODAY)
    if not problems:
        stored = complete(small, answers, today=TODAY)
        assert validate(small, stored, today=TODAY) == {}
