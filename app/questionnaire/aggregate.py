"""Counting intakes for the anonymous overview, with small counts suppressed.

Pure functions over stored intakes as plain dicts::

    {"questionnaire_id": "short_intake", "questionnaire_version": 1, "status": "complete",
     "answers": {...}, "decision": {...Decision.to_dict()...} or None}

Any count below ``THRESHOLD`` (5) is shown as "<5", zero included, so no person can be singled
out; when a table shows its total and exactly one cell is suppressed, the smallest other cell
is suppressed too, so the hidden one cannot be worked out by subtraction. Filtering by period
is the caller's job (it knows which dates it stores).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

THRESHOLD = 5
SUPPRESSED = "<5"

Cell = int | str


def suppress(count: int, threshold: int = THRESHOLD) -> Cell:
    """``count`` itself, or "<5" when it is below ``threshold``."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    return SUPPRESSED if count < threshold else count


def suppress_table(counts: Mapping[Hashable, int], *, with_total: bool = True,
                   threshold: int = THRESHOLD) -> dict[Hashable, Cell]:
    """Suppress each small cell; with a shown total, never leave one suppressed cell alone."""
    shown: dict[Hashable, Cell] = {k: suppress(v, threshold) for k, v in counts.items()}
    hidden = [k for k, v in shown.items() if v == SUPPRESSED]
    if with_total and len(hidden) == 1 and sum(counts.values()) >= threshold:
        others = sorted((v, str(k), k) for k, v in counts.items() if k not in hidden)
        if others:
            shown[others[0][2]] = SUPPRESSED
    return shown


def complete_intakes(intakes: Iterable[Mapping[str, Any]],
                     questionnaire_id: str | None = None) -> list[Mapping[str, Any]]:
    return [i for i in intakes if i.get("status") == "complete"
            and (questionnaire_id is None or i.get("questionnaire_id") == questionnaire_id)]


def count_intakes(intakes: Iterable[Mapping[str, Any]]) -> dict[str, Cell]:
    """Intakes by questionnaire and status, e.g. ``{"short_intake/complete": 12, ...}``."""
    counts = Counter(f"{i.get('questionnaire_id')}/{i.get('status')}" for i in intakes)
    return {str(k): v for k, v in suppress_table(counts).items()}


def count_answers(intakes: Iterable[Mapping[str, Any]], questionnaire_id: str,
                  question_id: str) -> dict[str, Cell]:
    """How often each answer was given to one question in completed intakes.

    Multiple-choice answers count each chosen value; language answers count each language.
    Free text is never counted (it could identify someone): only values that are strings,
    numbers or lists of them, or language entries.
    """
    counts: Counter[str] = Counter()
    for intake in complete_intakes(intakes, questionnaire_id):
        value = (intake.get("answers") or {}).get(question_id)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Mapping) and "language" in item:
                counts[str(item["language"])] += 1
            elif isinstance(item, str | int | float) and not isinstance(item, bool):
                counts[str(item)] += 1
    return {str(k): v for k, v in suppress_table(counts).items()}


def count_outcomes(intakes: Iterable[Mapping[str, Any]]) -> dict[str, Cell]:
    """Decided triage outcomes (``decision.outcome``) of all intakes with a decision."""
    counts = Counter(str(i["decision"]["outcome"]) for i in intakes
                     if isinstance(i.get("decision"), Mapping) and i["decision"].get("outcome"))
    return {str(k): v for k, v in suppress_table(counts).items()}


def count_overrides(intakes: Iterable[Mapping[str, Any]]) -> dict[str, Cell]:
    """Decisions that follow the advice versus exceptions under the hardship clause."""
    counts = Counter("follows_advice" if i["decision"].get("follows_advice") else "override"
                     for i in intakes if isinstance(i.get("decision"), Mapping))
    counts.setdefault("follows_advice", 0)
    counts.setdefault("override", 0)
    return {str(k): v for k, v in suppress_table(counts).items()}


def overview(intakes: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The questionnaire part of the anonymous report: every number already suppressed."""
    rows = list(intakes)
    return {
        "intakes": count_intakes(rows),
        "total_intakes": suppress(len(rows)),
        "outcomes": count_outcomes(rows),
        "advice_followed": count_overrides(rows),
        "needs": count_answers(rows, "short_intake", "needs"),
        "nationalities": count_answers(rows, "short_intake", "nationality"),
        "status": count_answers(rows, "short_intake", "status"),
        "perspective_wishes": count_answers(rows, "extended_screening", "perspective_wish"),
    }
