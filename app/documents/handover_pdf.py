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


def _sender(h: Handover) -> str:
    who = ", ".join(p for p in (h.sender_name, h.office_name) if p) or "—"
    return f"{who} · telefoon {h.sender_phone}" if h.sender_phone else who


def _consent_rows(h: Handover) -> list[tuple[str, str]]:
    if h.override_reason:
        return [("Toestemming", "Geen: een coördinator heeft besloten tot deze overdracht."),
                ("Reden", h.override_reason)]
    rows = []
    for line in h.consents:
        names = ", ".join(SCOPE_NAMES.get(s, s) for s in line.scope)
        rows.append(("Toestemming", f"Gegeven op {_date(line.given_on)} voor: "
                     f"{line.purpose or '—'}. Mag delen: {names}."))
    return rows or [("Toestemming", scope_line(h))]


def render_handover(h: Handover) -> bytes:
    """The handover as PDF bytes: who sends it and how to reach them, the consent it rests
    on and what the partner is asked to do; then what the consent covers."""
    title = f"Warme overdracht aan {h.partner}"
    intro = [f"Persoon: {h.person_name}", f"Dossiernummer: {h.record_code}",
             f"Datum: {_date(h.made_on)}"]
    blocks = [Block("Van wie, en wat wij u vragen", rows=[
        ("Afzender", _sender(h)), *_consent_rows(h), ("Wij vragen u", h.request or "—")])]
    shared = [Block(s.title, rows=list(s.rows)) for s in h.sections]
    blocks += shared or [Block("", ["Er zijn geen gegevens die onder de toestemming vallen."])]
    return render(title, f"Warme overdracht · {h.record_code} · {h.partner}",
                  "Vertrouwelijk: alleen voor de ontvanger", intro, blocks)
