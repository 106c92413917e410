"""A small, safe condition language for showing questions and for triage rules.

A condition is data (a mapping), never code. Forms::

    {question: status, equals: dublin_claim}       the answer equals a value
    {question: status, in: [undocumented, other]}  the answer is one of these values
    {question: needs, contains: medical}           a multiple-choice answer includes a value
    {question: entry_ban_years, at_least: 10}      a number is at least / at most
    {question: children, at_most: 0}
    {question: nationality, in_list: eu}           a country is in a named list of countries
    {question: v_number, answered: true}           the question has (not) been answered
    {all: [...]} / {any: [...]} / {not: {...}}     combinations

A question that has no answer (or is hidden) matches nothing but ``answered: false``. An answer
of the wrong kind (text where a number is expected) simply does not match: evaluating a
condition never raises on answers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from numbers import Real
from typing import Any

LEAF_OPERATORS = ("equals", "in", "contains", "at_least", "at_most", "in_list", "answered")
COMBINATORS = ("all", "any", "not")


class ConditionError(ValueError):
    """A condition is malformed; ``location`` is where in the condition (``any/1/equals``)."""

    def __init__(self, message: str, location: str = "") -> None:
        super().__init__(message)
        self.location = location


def is_answered(value: Any) -> bool:
    """True when ``value`` counts as an answer ("unknown" does; empty text or list does not)."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, list | tuple | set | dict):
        return len(value) > 0
    return True


def evaluate(condition: Mapping[str, Any], answers: Mapping[str, Any],
             lists: Mapping[str, Set[str]] | None = None) -> bool:
    """Whether ``condition`` holds for ``answers`` (question id -> stored answer)."""
    if "all" in condition:
        return all(evaluate(c, answers, lists) for c in condition["all"])
    if "any" in condition:
        return any(evaluate(c, answers, lists) for c in condition["any"])
    if "not" in condition:
        return not evaluate(condition["not"], answers, lists)
    value = answers.get(condition["question"])
    if "answered" in condition:
        return is_answered(value) == bool(condition["answered"])
    if not is_answered(value):
        return False
    if "equals" in condition:
        return _scalar(value) and value == condition["equals"]
    if "in" in condition:
        return _scalar(value) and value in condition["in"]
    if "contains" in condition:
        return isinstance(value, list | tuple) and condition["contains"] in value
    if "at_least" in condition:
        return _number(value) and value >= condition["at_least"]
    if "at_most" in condition:
        return _number(value) and value <= condition["at_most"]
    if "in_list" in condition:
        members = (lists or {}).get(condition["in_list"], frozenset())
        return isinstance(value, str) and value in members
    raise ConditionError("no operator")  # unreachable for checked conditions


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def check(condition: Any, location: str = "") -> None:
    """Raise ``ConditionError`` unless ``condition`` is well formed (shape only)."""
    if not isinstance(condition, Mapping) or not condition:
        raise ConditionError("a condition must be a non-empty mapping", location)
    combinators = [k for k in COMBINATORS if k in condition]
    if combinators:
        key = combinators[0]
        if len(condition) != 1:
            raise ConditionError(f"'{key}' must stand alone in its condition", location)
        inner = condition[key]
        if key == "not":
            check(inner, f"{location}/not".lstrip("/"))
            return
        if not isinstance(inner, list) or not inner:
            raise ConditionError(f"'{key}' needs a non-empty list of conditions", location)
        for i, sub in enumerate(inner):
            check(sub, f"{location}/{key}/{i}".lstrip("/"))
        return
    if not isinstance(condition.get("question"), str):
        raise ConditionError("a condition names the 'question' it reads", location)
    ops = [k for k in condition if k != "question"]
    if len(ops) != 1 or ops[0] not in LEAF_OPERATORS:
        raise ConditionError(
            "a condition has exactly one operator out of " + ", ".join(LEAF_OPERATORS), location)
    op = ops[0]
    arg = condition[op]
    if op == "in" and not (isinstance(arg, list) and arg):
        raise ConditionError("'in' needs a non-empty list of values", location)
    if op in ("at_least", "at_most") and not _number(arg):
        raise ConditionError(f"'{op}' needs a number", location)
    if op == "answered" and not isinstance(arg, bool):
        raise ConditionError("'answered' is true or false", location)
    if op in ("in_list", "contains") and not isinstance(arg, str):
        raise ConditionError(f"'{op}' needs a text value", location)


def leaves(condition: Mapping[str, Any], location: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every simple condition inside ``condition``, with its location."""
    for key in ("all", "any"):
        if key in condition:
            for i, sub in enumerate(condition[key]):
                yield from leaves(sub, f"{location}/{key}/{i}".lstrip("/"))
            return
    if "not" in condition:
        yield from leaves(condition["not"], f"{location}/not".lstrip("/"))
        return
    yield location, condition


def references(condition: Mapping[str, Any]) -> set[str]:
    """The question ids ``condition`` reads."""
    return {leaf["question"] for _, leaf in leaves(condition)}
