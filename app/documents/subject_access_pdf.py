"""The subject access export as a readable PDF (A4, Dutch):
``render_subject_access(data) -> bytes`` for the dict of :func:`app.privacy.subject_access.collect`.

Every section and every field is listed, nothing left out: known fields under a Dutch label,
any other under its own key. Names and other typed text are printed in their own script,
shaped and in their own direction.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from app.documents.record_pdf import Block, render

SECTIONS = {"person": "Persoonsgegevens", "languages": "Talen", "card_contacts":
            "Contacten op de contactkaart", "intakes": "Intakes", "plans": "Perspectiefplannen",
            "goals": "Doel", "actions": "Actie", "evaluations": "Evaluatie",
            "consents": "Toestemmingen", "handovers": "Warme overdrachten",
            "shelter_stays": "Verblijven in de 24-uursopvang", "extensions": "Verlenging",
            "team_decisions": "Teambesluiten", "merges": "Samengevoegde dossiers",
            "duplicate_before": "Het samengevoegde dossier zoals het was",
            "survivor_before": "Dit dossier vóór het samenvoegen",
            "history": "Geschiedenis (wie deed wat, wanneer)"}
FIELDS = {
    "id": "Interne code", "record_number": "Dossiernummer", "sort_name": "Sorteernaam",
    "given_names": "Voornamen", "family_name": "Achternaam",
    "name_original": "Naam in eigen schrift", "nickname": "Roepnaam",
    "birth_date": "Geboortedatum", "birth_date_estimated": "Geboortedatum geschat",
    "sex": "Geslacht", "nationality": "Nationaliteit", "country_of_birth": "Geboorteland",
    "document_language": "Taal van documenten", "phone": "Telefoon", "address": "Adres",
    "v_number": "V-nummer", "status": "Status", "case_manager_id": "Casemanager (code)",
    "last_contact_on": "Laatste contact", "created_at": "Aangemaakt op",
    "created_by": "Aangemaakt door (code)", "updated_at": "Gewijzigd op",
    "updated_by": "Gewijzigd door (code)", "version": "Versie", "person_id": "Persoon (code)",
    "language": "Taal", "reading": "Leesvaardigheid", "position": "Volgorde",
    "role": "Soort contact", "organisation": "Organisatie", "name": "Naam", "hours": "Tijden",
    "purpose_key": "Waarvoor (tekst op de kaart)", "purpose_text": "Waarvoor (eigen tekst)",
    "blank": "Leeg (met de hand invullen)", "questionnaire_id": "Vragenlijst",
    "questionnaire_version": "Versie vragenlijst", "answers": "Antwoorden",
    "current_question": "Huidige vraag", "started_at": "Begonnen op",
    "completed_at": "Afgerond op", "conducted_by": "Afgenomen door (code)",
    "triage": "Triage", "perspective": "Perspectief", "start_date": "Startdatum",
    "target_date": "Streefdatum", "evaluation_months": "Evalueren elke (maanden)",
    "next_evaluation_on": "Volgende evaluatie", "evaluation_due_on": "Evaluatie uiterlijk",
    "revision": "Herziening", "ended_on": "Beëindigd op", "outflow_reason": "Reden uitstroom",
    "end_note": "Toelichting einde", "ended_by": "Beëindigd door (code)",
    "end_confirmed_by": "Einde bevestigd door (code)", "plan_id": "Plan (code)",
    "domain": "Leefgebied", "description": "Omschrijving", "due_date": "Datum",
    "goal_id": "Doel (code)", "owner": "Wie", "owner_name": "Naam uitvoerder",
    "due_on": "Gepland op", "held_on": "Gehouden op", "judgement": "Oordeel",
    "criteria": "Criteria", "notes": "Aantekeningen", "decision": "Besluit",
    "held_by": "Gehouden door (code)", "purpose": "Doel", "partner": "Partner",
    "scope": "Wat gedeeld mag worden", "text_version": "Versie van de tekst",
    "given_on": "Gegeven op", "withdrawn_on": "Ingetrokken op",
    "recorded_by": "Vastgelegd door (code)", "at": "Tijdstip", "user_id": "Gebruiker (code)",
    "action": "Handeling", "entity": "Soort gegeven", "entity_id": "Gegeven (code)",
    "detail": "Toelichting", "override_reason": "Reden om zonder toestemming te delen",
    "made_by": "Gemaakt door (code)", "made_at": "Gemaakt op",
    "started_on": "Begonnen op", "location": "Locatie", "until": "Verlengd tot",
    "decided_by": "Besloten door", "reason": "Reden", "decided_on": "Besloten op",
    "recorded_at": "Vastgelegd op", "stay_id": "Verblijf (code)", "kind": "Soort",
    "participants": "Deelnemers", "outcome": "Besluit", "intake_id": "Intake (code)",
    "proposed_by": "Voorgesteld door (code)", "settled_by": "Afgehandeld door (code)",
    "settled_at": "Afgehandeld op", "survivor_id": "Blijvend dossier (code)",
    "duplicate_id": "Samengevoegd dossier (code)",
    "duplicate_record_number": "Nummer van het samengevoegde dossier",
    "merged_by": "Samengevoegd door (code)", "merged_at": "Samengevoegd op",
    "duplicate_before": "Het samengevoegde dossier zoals het was",
    "survivor_before": "Dit dossier vóór het samenvoegen", "languages": "Talen",
}


def label(key: str) -> str:
    return FIELDS.get(key, key)


def show(value: Any) -> str:
    """A field's value as text: yes/no, lists joined, nested answers as "key: value" lines."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return ", ".join(show(v) for v in value) or "—"
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "\n".join(f"{k}: {show(v)}" for k, v in value.items()) or "—"
    # control characters (the sort key's separators) would print as boxes
    return "".join(" · " if unicodedata.category(c) == "Cc" and c != "\n" else c
                   for c in str(value))


def _history_block(title: str, events: list[dict[str, Any]]) -> Block:
    """The audit lines as one row each (when: what), not a table per line."""
    rows = []
    for event in events:
        what = " · ".join(show(event.get(k)) for k in ("action", "entity", "detail")
                          if event.get(k))
        who = event.get("user_id")
        rows.append((show(event.get("at")), f"{what} (gebruiker {who})" if who else what))
    return Block(title, ["Per regel: tijdstip, handeling, soort gegeven en toelichting."], rows)


def _record_blocks(title: str, record: dict[str, Any]) -> list[Block]:
    rows = [(label(k), show(v)) for k, v in record.items()
            if not (isinstance(v, list) and v and all(isinstance(i, dict) for i in v))]
    out = [Block(title, rows=rows)]
    for key, value in record.items():
        if isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
            for number, item in enumerate(value, 1):
                out += _record_blocks(f"{title} · {SECTIONS.get(key, key)} {number}", item)
    return out


def render_subject_access(data: dict[str, Any]) -> bytes:
    """Everything stored about one person, as PDF bytes."""
    person = data.get("person") or {}
    name = " ".join(p for p in (person.get("given_names"), person.get("family_name")) if p)
    original = person.get("name_original") or ""
    who = f"{name} ({original})" if original and original != name else name
    record = person.get("record_number")
    intro = [f"Alle gegevens die Stem in de Stad over {who or 'deze persoon'} bewaart "
             "(inzageverzoek, AVG artikel 15).",
             f"Opgemaakt op: {data.get('exported_at', '—')}",
             "Codes (lange reeksen letters en cijfers) verwijzen naar medewerkers of andere "
             "gegevens in het dossier; de namen van medewerkers staan er niet in."]
    blocks: list[Block] = []
    for key, value in data.items():
        if key in ("format", "exported_at"):
            continue
        title = SECTIONS.get(key, key)
        if isinstance(value, dict):
            blocks += _record_blocks(title, value)
        elif key == "history" and isinstance(value, list) and value:
            blocks.append(_history_block(title, value))
        elif isinstance(value, list):
            if not value:
                blocks.append(Block(title, ["Geen gegevens."]))
            for number, item in enumerate(value, 1):
                if isinstance(item, dict):
                    blocks += _record_blocks(f"{title} {number}", item)
                else:
                    blocks.append(Block(f"{title} {number}", [show(item)]))
        else:
            blocks.append(Block(title, rows=[(label(key), show(value))]))
    header = "Inzage in eigen gegevens" + (f" · dossier {record}" if record else "")
    return render("Inzage: alle gegevens over één persoon", header,
                  "Vertrouwelijk: alleen voor de persoon zelf", [who] + intro if who else intro,
                  blocks)
