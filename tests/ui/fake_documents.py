"""A stand-in for ``app.documents`` while its renderer is being written elsewhere.

Used only when the real renderer is missing: it draws the plain data it gets (contacts,
goals) as text on pages of the card's or plan's size, so the GUI tests can check the preview,
printing and saving paths end to end. With the real renderer installed, tests use that.
"""

from __future__ import annotations

import io
from types import SimpleNamespace

from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

CARD_LANGUAGES = ("nl", "en", "ar", "ti", "fa", "tr")
FORMATS = {"wallet": (170 * mm, 54 * mm), "a6": A6}


def _ns(**kw):  # noqa: ANN003, ANN202
    return SimpleNamespace(**kw)


CardData = Office = CardContact = PlanData = PlanGoal = PlanAction = PlanEvaluation = _ns


def render_card(data) -> bytes:  # noqa: ANN001
    buffer = io.BytesIO()
    size = FORMATS[data.format]
    pdf = canvas.Canvas(buffer, pagesize=size)
    pdf.setTitle("Contactkaart")
    y = size[1] - 12
    pdf.setFont("Helvetica", 7)
    for contact in data.contacts:
        pdf.drawString(8, y, f"{contact.role}: {contact.organisation} {contact.name} "
                             f"{contact.phone}")
        y -= 9
    if data.person_name:
        pdf.drawString(8, 8, f"{data.person_name} {data.record_number}")
    if not data.one_sided:
        pdf.showPage()
        pdf.drawString(8, size[1] - 12, f"112 · 0900-8844 · {data.lang}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def render_plan(data) -> bytes:  # noqa: ANN001
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = A4[1] - 40
    pdf.drawString(40, y, f"Perspectiefplan {data.record_number} {data.perspective}")
    for goal in data.goals:
        y -= 20
        pdf.drawString(40, y, f"{goal.domain}: {goal.description}")
        for action in goal.actions:
            y -= 14
            pdf.drawString(60, y, f"{action.owner}: {action.description}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def review_states():  # noqa: ANN201
    return []
