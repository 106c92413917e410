"""The anonymous overview: counts, with anything below five shown as "<5"."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.questionnaire.aggregate import (
    SUPPRESSED,
    count_answers,
    count_intakes,
    count_outcomes,
    count_overrides,
    overview,
    suppress,
    suppress_table,
)


@pytest.mark.parametrize(("count", "shown"), [(0, "<5"), (1, "<5"), (4, "<5"), (5, 5),
                                              (123, 123)])
def test_suppress(count: int, shown: int | str) -> None:
    assert suppress(count) == shown


def test_suppress_refuses_negative_counts() -> None:
    with pytest.raises(ValueError):
        suppress(-1)


def test_a_lonely_suppressed_cell_takes_the_smallest_other_with_it() -> None:
    assert suppress_table({"a": 20, "b": 7, "c": 3}) == {"a": 20, "b": SUPPRESSED,
                                                         "c": SUPPRESSED}
    assert suppress_table({"a": 20, "b": 7, "c": 3}, with_total=False) == {
        "a": 20, "b": 7, "c": SUPPRESSED}
    assert suppress_table({"a": 20, "b": 2, "c": 3}) == {"a": 20, "b": SUPPRESSED,
                                                         "c": SUPPRESSED}
    assert suppress_table({}) == {}


@given(st.dictionaries(st.text(max_size=4), st.integers(0, 50)))
def test_no_small_count_is_ever_shown(counts: dict[str, int]) -> None:
    shown = suppress_table(counts)
    assert set(shown) == set(counts)
    for key, value in shown.items():
        assert value == SUPPRESSED or (value == counts[key] and value >= 5)
    hidden = [k for k, v in shown.items() if v == SUPPRESSED]
    if sum(counts.values()) >= 5 and len(counts) > 1:
        assert len(hidden) != 1


def intake(i: int, **extra: Any) -> dict[str, Any]:
    outcome = "admit" if i % 3 else "no_admission"
    return {
        "questionnaire_id": "short_intake", "questionnaire_version": 1, "status": "complete",
        "answers": {"needs": ["shelter", "food"] if i % 2 else ["shelter"],
                    "nationality": "ER" if i < 12 else "SY", "status": "undocumented",
                    "needs_other": f"private text {i}"},
        "decision": {"outcome": outcome, "follows_advice": i != 7},
        **extra,
    }


INTAKES = [intake(i) for i in range(15)] + [
    {"questionnaire_id": "short_intake", "questionnaire_version": 1, "status": "draft",
     "answers": {"nationality": "IR"}, "decision": None},
]


def test_count_answers_counts_each_choice_and_suppresses() -> None:
    assert count_answers(INTAKES, "short_intake", "needs") == {"shelter": 15, "food": 7}
    # SY alone would be given away by the total: ER is hidden with it
    assert count_answers(INTAKES, "short_intake", "nationality") == {"ER": "<5", "SY": "<5"}
    more = INTAKES + [intake(20, answers={"nationality": "IR"}) for _ in range(6)] + [
        intake(20, answers={"nationality": "IQ"}) for _ in range(2)]
    assert count_answers(more, "short_intake", "nationality") == {"ER": 12, "SY": "<5",
                                                                  "IR": 6, "IQ": "<5"}
    assert count_answers(INTAKES, "extended_screening", "needs") == {}


def test_languages_are_counted_by_language() -> None:
    rows = [{"questionnaire_id": "x", "status": "complete",
             "answers": {"languages": [{"language": "ti", "reading": "good"},
                                       {"language": "ar", "reading": "none"}]}}] * 6
    assert count_answers(rows, "x", "languages") == {"ti": 6, "ar": 6}


def test_count_intakes_by_questionnaire_and_status() -> None:
    rows = INTAKES + [dict(r, status="draft") for r in INTAKES[:5]]
    assert count_intakes(rows) == {"short_intake/complete": 15, "short_intake/draft": 6}


def test_outcomes_and_overrides() -> None:
    assert count_outcomes(INTAKES) == {"admit": 10, "no_admission": 5}
    assert count_overrides(INTAKES) == {"follows_advice": "<5", "override": "<5"}
    many = INTAKES + [intake(7) for _ in range(5)]
    assert count_overrides(many) == {"follows_advice": 14, "override": 6}


def test_overview_has_no_small_numbers_and_no_free_text() -> None:
    report = overview(INTAKES)
    assert report["total_intakes"] == 16
    # one draft alone would be given away by the total: the other cell is hidden with it
    assert report["intakes"] == {"short_intake/complete": "<5", "short_intake/draft": "<5"}

    def numbers(value: Any) -> list[Any]:
        if isinstance(value, dict):
            return [n for v in value.values() for n in numbers(v)]
        return [value]

    assert all(n == SUPPRESSED or n >= 5 for n in numbers(report))
    assert "private text" not in repr(report)
    assert "IR" not in repr(report)  # drafts are not counted in answers
