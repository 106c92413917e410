"""The volunteer's decision on the triage advice, with the reason when it differs.

The advice never decides. The volunteer (or the multidisciplinary team) chooses an outcome;
choosing another outcome than advised is an exception under the hardship clause
(*hardheidsclausule*) and needs a reason, which is stored with the decision.

Stored as a JSON-ready dict::

    {"outcome": "admit", "advised_outcome": "no_admission", "follows_advice": false,
     "override_reason": "...", "decided_by": "<user id>", "decided_at": "2026-05-17T10:30:00+00:00",
     "rule_set_id": "amsterdam_flow", "rule_set_version": 1, "rule_ids": ["safe_country"]}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.errors import InvalidInput
from app.i18n import _
from app.questionnaire.triage import Advice, Outcome
from app.text import clean_text

REASON_LENGTH = 2000
MIN_REASON_LENGTH = 10


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    follows_advice: bool
    decided_by: str
    decided_at: datetime
    override_reason: str | None = None
    advised_outcome: Outcome | None = None
    rule_set_id: str | None = None
    rule_set_version: int | None = None
    rule_ids: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        problems = decision_problems(self.outcome, self.follows_advice, self.override_reason,
                                     self.decided_by, self.advised_outcome)
        if problems:
            raise InvalidInput(problems)

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": str(self.outcome),
            "advised_outcome": str(self.advised_outcome) if self.advised_outcome else None,
            "follows_advice": self.follows_advice,
            "override_reason": self.override_reason,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at.isoformat(),
            "rule_set_id": self.rule_set_id,
            "rule_set_version": self.rule_set_version,
            "rule_ids": list(self.rule_ids),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Decision:
        advised = data.get("advised_outcome")
        return cls(
            outcome=Outcome(data["outcome"]),
            follows_advice=bool(data["follows_advice"]),
            decided_by=str(data["decided_by"]),
            decided_at=datetime.fromisoformat(data["decided_at"]),
            override_reason=data.get("override_reason"),
            advised_outcome=Outcome(advised) if advised else None,
            rule_set_id=data.get("rule_set_id"),
            rule_set_version=data.get("rule_set_version"),
            rule_ids=tuple(data.get("rule_ids") or ()),
        )


def decision_problems(outcome: Any, follows_advice: bool, reason: str | None, decided_by: str,
                      advised: Outcome | None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not isinstance(outcome, Outcome):
        problems["outcome"] = _("Choose a decision.")
    if not decided_by:
        problems["decided_by"] = _("Record who decided.")
    if advised is not None and isinstance(outcome, Outcome) and follows_advice != (outcome == advised):
        problems["outcome"] = _("The decision does not match whether it follows the advice.")
    if not follows_advice and len((reason or "").strip()) < MIN_REASON_LENGTH:
        problems["override_reason"] = _(
            "Explain why you decide differently from the advice (hardship clause).")
    return problems


def decide(advice: Advice, outcome: Outcome | str, *, decided_by: str,
           override_reason: str | None = None, now: datetime | None = None) -> Decision:
    """Record the volunteer's decision on ``advice``.

    Raises:
        InvalidInput: no known outcome, or an outcome other than advised without a reason
            (key ``override_reason``), or no ``decided_by``.
    """
    try:
        chosen = Outcome(outcome)
    except ValueError:
        raise InvalidInput({"outcome": _("Choose a decision.")}) from None
    follows = chosen == advice.outcome
    reason = clean_text(override_reason, field="override_reason", max_length=REASON_LENGTH,
                        multiline=True) or None
    return Decision(
        outcome=chosen, follows_advice=follows, decided_by=decided_by,
        decided_at=now or datetime.now(UTC), override_reason=reason,
        advised_outcome=advice.outcome, rule_set_id=advice.rule_set_id,
        rule_set_version=advice.rule_set_version, rule_ids=advice.rule_ids)
