"""Printed documents: the foldable bilingual contact card and the perspective plan, as PDF bytes.

Plain dataclasses in, PDF bytes out; no database, no Qt. All text goes through one shaping
layer (:mod:`app.documents.shaping`: bidi, font by glyph coverage, HarfBuzz) and is real,
selectable text in embedded, subset Noto fonts.

Public API::

    render_card(CardData) -> bytes        render_plan(PlanData) -> bytes
    render_handover(Handover) -> bytes    render_subject_access(dict) -> bytes
    review_states() -> [(code, name, reviewed, fraction translated)]
    CARD_LANGUAGES, FORMATS

The renderers are imported on first use (``wegwijs card`` loads only the card's modules, not
the plan's or the record PDFs' ReportLab platypus), see :func:`__getattr__`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app import lazy
from app.documents.catalogue import CARD_LANGUAGES, review_states
from app.documents.model import (
    EMERGENCY_NUMBERS,
    CardContact,
    CardData,
    Emergency,
    Office,
    PlanAction,
    PlanData,
    PlanEvaluation,
    PlanFollowUp,
    PlanGoal,
)

if TYPE_CHECKING:
    from app.documents.card import render_card
    from app.documents.card_layout import FORMATS
    from app.documents.handover_pdf import render_handover
    from app.documents.plan import render_plan
    from app.documents.subject_access_pdf import render_subject_access

# Public names whose module is imported only when the name is first used.
_LAZY = {
    "render_card": "app.documents.card",
    "FORMATS": "app.documents.card_layout",
    "render_handover": "app.documents.handover_pdf",
    "render_plan": "app.documents.plan",
    "render_subject_access": "app.documents.subject_access_pdf",
}


__getattr__ = lazy.attributes(__name__, _LAZY)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "CARD_LANGUAGES",
    "EMERGENCY_NUMBERS",
    "FORMATS",
    "CardContact",
    "CardData",
    "Emergency",
    "Office",
    "PlanAction",
    "PlanData",
    "PlanEvaluation",
    "PlanFollowUp",
    "PlanGoal",
    "render_card",
    "render_handover",
    "render_plan",
    "render_subject_access",
    "review_states",
]
