"""The condition language: every operator, combinations, shape checks, never raising."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.questionnaire.conditions import ConditionError, check, evaluate, references

ANSWERS: dict[str, Any] = {
    "status": "dublin_claim", "needs": ["food", "bed"], "years": 12, "country": "DE",
    "empty": "", "nothing": [], "unknown": "unknown",
}
LISTS = {"eu": frozenset({"DE", "FR"})}


@pytest.mark.parametrize(("condition", "expected"), [
    ({"question": "status", "equals": "dublin_claim"}, True),
    ({"question": "status", "equals": "other"}, False),
    ({"question": "status", "in": ["x", "dublin_claim"]}, True),
    ({"question": "status", "in": ["x"]}, False),
    ({"question": "needs", "contains": "bed"}, True),
    ({"question": "needs", "contains": "medical"}, False),
    ({"question": "status", "contains": "d"}, False),  # a text is not a list
    ({"question": "years", "at_least": 10}, True),
    ({"question": "years", "at_least": 13}, False),
    ({"question": "years", "at_most": 12}, True),
    ({"question": "status", "at_least": 1}, False),  # text is no number
    ({"question": "country", "in_list": "eu"}, True),
    ({"question": "status", "in_list": "eu"}, False),
    ({"question": "country", "in_list": "missing"}, False),
    ({"question": "status", "answered": True}, True),
    ({"question": "empty", "answered": True}, False),
    ({"question": "nothing", "answered": False}, True),
    ({"question": "absent", "answered": False}, True),
    ({"question": "unknown", "answered": True}, True),  # "unknown" is an answer
    ({"question": "absent", "equals": "x"}, False),
    ({"not": {"question": "absent", "equals": "x"}}, True),
    ({"all": [{"question": "years", "at_least": 10}, {"question": "country", "equals": "DE"}]},
     True),
    ({"all": [{"question": "years", "at_least": 10}, {"question": "country", "equals": "NL"}]},
     False),
    ({"any": [{"question": "years", "at_least": 20}, {"question": "country", "equals": "DE"}]},
     True),
    ({"any": [{"question": "years", "at_least": 20}, {"question": "absent", "answered": True}]},
     False),
])
def test_evaluate(condition: dict[str, Any], expected: bool) -> None:
    check(condition)
    assert evaluate(condition, ANSWERS, LISTS) is expected


def test_a_boolean_is_not_a_number() -> None:
    assert evaluate({"question": "x", "at_least": 0}, {"x": True}) is False


@pytest.mark.parametrize(("condition", "location", "words"), [
    ({}, "", "non-empty mapping"),
    ([], "", "non-empty mapping"),
    ({"equals": "x"}, "", "names the 'question'"),
    ({"question": "a"}, "", "exactly one operator"),
    ({"question": "a", "equals": 1, "in": [1]}, "", "exactly one operator"),
    ({"question": "a", "like": "x"}, "", "exactly one operator"),
    ({"question": "a", "in": []}, "", "non-empty list"),
    ({"question": "a", "at_least": "10"}, "", "needs a number"),
    ({"question": "a", "answered": "yes"}, "", "true or false"),
    ({"question": "a", "in_list": 3}, "", "needs a text"),
    ({"all": []}, "", "non-empty list"),
    ({"all": [{"question": "a", "answered": True}], "question": "b"}, "", "must stand alone"),
    ({"any": [{"question": "a", "answered": True}, {"question": "b"}]}, "any/1",
     "exactly one operator"),
    ({"not": {"all": [{"nope": 1}]}}, "not/all/0", "names the 'question'"),
])
def test_check_rejects_malformed_conditions(condition: Any, location: str, words: str) -> None:
    with pytest.raises(ConditionError, match=words) as caught:
        check(condition)
    assert caught.value.location == location


def test_references() -> None:
    condition = {"all": [{"question": "a", "answered": True},
                         {"not": {"any": [{"question": "b", "equals": 1},
                                          {"question": "a", "at_most": 3}]}}]}
    assert references(condition) == {"a", "b"}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                max_size=3),
    max_leaves=8)
leaf = st.builds(
    lambda q, op, arg: {"question": q, op: arg},
    st.sampled_from(["a", "b"]),
    st.sampled_from(["equals", "contains", "in_list"]),
    st.text(max_size=3)) | st.builds(
    lambda q, op, n: {"question": q, op: n}, st.sampled_from(["a", "b"]),
    st.sampled_from(["at_least", "at_most"]), st.integers(-5, 5)) | st.builds(
    lambda q, flag: {"question": q, "answered": flag}, st.sampled_from(["a", "b"]),
    st.booleans())
conditions = st.recursive(
    leaf, lambda inner: st.lists(inner, min_size=1, max_size=3).map(lambda c: {"all": c})
    | st.lists(inner, min_size=1, max_size=3).map(lambda c: {"any": c})
    | inner.map(lambda c: {"not": c}), max_leaves=6)


@given(conditions, st.dictionaries(st.sampled_from(["a", "b", "c"]), json_values))
def test_evaluating_a_checked_condition_never_raises(condition: dict[str, Any],
                                                     answers: dict[str, Any]) -> None:
    check(condition)
    assert evaluate(condition, answers, LISTS) in (True, False)
