"""The warm handover as a PDF (A4, Dutch): ``render_handover(Handover) -> bytes``.

Only what :func:`app.privacy.handover.prepare` put in the handover is printed (it holds only what the
person's consent covers); the document says which consent scopes it covers, or that a
coordinator overrode the missing consent and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.documents.record_pdf import Block, render

if TYPE_CHECKING:
    from app.privacy.handover import Handover

SCOPE_NAMES = {"identity": "identiteit", "contact": "contactgegevens",
               "residence_status": "verblijfsstatus", "health": "gezondheid",
               "education_work": "opleiding en werk", "plan": "perspectiefplan",
               "intake": "intake"}


def _date(value) -> str:  # noqa: ANN001
    return f"{value.day:02d}-{value.month:02d}-{value.year}"


def scope_line(h: Handover) -> str:
    if h.override_reason:
        return ("Zonder toestemming van de persoon: een coördinator heeft besloten tot deze "
                f"overdracht. Reden: {h.override_reason}")
    names = ", ".join(SCOPE_NAMES.get(s, s) for s in h.scope)
    return f"Met toestemming van de persoon voor: {names}."


def render_handover(h: Handover) -> bytes:
    """The handover as PDF bytes."""
    title = f"Warme overdracht aan {h.partner}"
    intro = [f"Persoon: {h.person_name}", f"Dossiernummer: {h.record_code}",
             f"Datum: {_date(h.made_on)}", scope_line(h)]
    blocks = [Block(s.title, rows=list(s.rows)) for s in h.sections]
    if not blocks:
        blocks = [Block("", ["Er zijn geen gegevens die onder de toestemming vallen."])]
    return render(title, f"Warme overdracht · {h.record_code} · {h.partner}",
                  "Vertrouwelijk: alleen voor de ontvanger", intro, blocks)
