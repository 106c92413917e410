"""Printed documents: the foldable bilingual contact card and the perspective plan, as PDF bytes.

Plain dataclasses in, PDF bytes out; no database, no Qt. All text goes through one shaping
layer (:mod:`app.documents.shaping`: bidi, font by glyph coverage, HarfBuzz) and is real,
selectable text in embedded, subset Noto fonts.

Public API::

    render_card(CardData) -> bytes        render_plan(PlanData) -> bytes
    render_handover(Handover) -> bytes    render_subject_access(dict) -> bytes
    review_states() -> [(code, name, reviewed, fraction translated)]
    CARD_LANGUAGES, FORMATS
"""

from app.documents.card import render_card
from app.documents.card_layout import FORMATS
from app.documents.catalogue import CARD_LANGUAGES, review_states
from app.documents.handover_pdf import render_handover
from app.documents.model import (
    EMERGENCY_NUMBERS,
    CardContact,
    CardData,
    Emergency,
    Office,
    PlanAction,
    PlanData,
    PlanEvaluation,
    PlanGoal,
)
from app.documents.plan import render_plan
from app.documents.subject_access_pdf import render_subject_access

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
    "PlanGoal",
    "render_card",
    "render_handover",
    "render_plan",
    "render_subject_access",
    "review_states",
]
