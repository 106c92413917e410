"""Subject access: everything stored about one person, as JSON, and a letter the person can
read (:mod:`app.privacy.access_letter`), as PDF.

The AVG gives a person the right to see all data kept about them. This collects it from every
table, including the audit lines about their record (ids of users, not other people's data).
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access.permissions import Permission, require_user
from app.services import audit, persons
from app.store.models import (
    Base,
    ContactEntry,
    FollowUp,
    HandoverRecord,
    PersonMerge,
    Referral,
    ShelterStay,
    TeamDecision,
)

SKIP = {"password_hash"}


def _columns(obj: Base) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in sa_inspect(obj).mapper.column_attrs:
        if column.key not in SKIP:
            out[column.key] = _plain(getattr(obj, column.key))
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _merge_record(row: PersonMerge) -> dict[str, Any]:
    """A merge of another record into this one; until it is final, both records as they were
    before (kept to undo it), each as a record of its own."""
    out = _columns(row)
    snapshot = out.pop("snapshot", None) or {}
    for key, part in (("duplicate_before", "duplicate"), ("survivor_before", "survivor")):
        out[key] = [snapshot[part]] if snapshot.get(part) else []
    return out


def collect(db: Session, by: uuid.UUID | None, person_id: uuid.UUID) -> dict[str, Any]:
    """All data about one person, as plain JSON-ready values. The export is audited."""
    require_user(db, by, Permission.EXPORT)
    person = persons.open_person(db, by, person_id)
    data = {
        "format": "wegwijs-subject-access/1",
        "exported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "person": _columns(person),
        "languages": [_columns(lang) for lang in person.languages],
        "card_contacts": [_columns(c) for c in person.contacts],
        "intakes": [_columns(i) for i in person.intakes],
        "plans": [dict(_columns(p),
                       goals=[dict(_columns(g), actions=[_columns(a) for a in g.actions])
                              for g in p.goals],
                       evaluations=[_columns(e) for e in p.evaluations])
                  for p in person.plans],
        "consents": [_columns(c) for c in person.consents],
        "handovers": [_columns(h) for h in db.scalars(
            select(HandoverRecord).where(HandoverRecord.person_id == person.id)
            .order_by(HandoverRecord.made_at))],
        "contact_log": [_columns(c) for c in db.scalars(
            select(ContactEntry).where(ContactEntry.person_id == person.id)
            .order_by(ContactEntry.contact_on, ContactEntry.created_at))],
        "follow_ups": [_columns(f) for f in db.scalars(
            select(FollowUp).where(FollowUp.person_id == person.id).order_by(FollowUp.due_on))],
        "referrals": [_columns(r) for r in db.scalars(
            select(Referral).where(Referral.person_id == person.id)
            .order_by(Referral.referred_on, Referral.created_at))],
        "shelter_stays": [dict(_columns(stay), extensions=[_columns(e) for e in stay.extensions])
                          for stay in db.scalars(select(ShelterStay).where(
                              ShelterStay.person_id == person.id)
                              .order_by(ShelterStay.started_on))],
        "team_decisions": [_columns(d) for d in db.scalars(
            select(TeamDecision).where(TeamDecision.person_id == person.id)
            .order_by(TeamDecision.decided_on, TeamDecision.created_at))],
        "merges": [_merge_record(m) for m in db.scalars(
            select(PersonMerge).where(PersonMerge.survivor_id == person.id)
            .order_by(PersonMerge.merged_at))],
        "history": [_columns(e)
                    for e in audit.history(db, by, person.id, limit=100_000)],
    }
    audit.record(db, by, "export", "person", person.id, person_id=person.id,
                 detail="subject_access")
    return data


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)


def readable_pdf(db: Session, by: uuid.UUID | None, person_id: uuid.UUID,
                 lang: str | None = None) -> bytes:
    """The plain-language letter (Dutch beside ``lang``, by default the person's document
    language) as PDF bytes, for a user who may export. Call :func:`collect` first: it audits."""
    from app.documents.access_letter_pdf import render_access_letter
    from app.documents.catalogue import CARD_LANGUAGES, canonical
    from app.privacy.access_letter import letter

    require_user(db, by, Permission.EXPORT)
    person = persons.get_person(db, by, person_id)
    chosen = canonical(lang or person.document_language or "nl")
    if chosen not in CARD_LANGUAGES:
        chosen = "nl"
    return render_access_letter(letter(db, person, chosen))


def export_to_folder(db: Session, by: uuid.UUID | None, person_id: uuid.UUID, folder: Path, lang: str | None = None
                     ) -> tuple[Path, Path]:
    """Write everything about one person to ``folder``: a letter the person can read (PDF,
    Dutch beside their language) and the full machine-readable data (JSON).

    The file names carry the record number and today's date; an existing export of the same
    day is replaced. Returns the paths of the PDF and the JSON file. A folder that cannot be
    written raises ``WegwijsError`` before anything is audited.
    """
    from app.files import write_atomic
    from app.i18n import _
    from app.records import format_record_number

    data = collect(db, by, person_id)
    stem = "{code}-{what}-{day}".format(code=format_record_number(data["person"]["record_number"]),
                                        what=_("everything-we-hold"),
                                        day=date.today().strftime("%Y%m%d"))
    pdf_path, json_path = folder / f"{stem}.pdf", folder / f"{stem}.json"
    pdf = readable_pdf(db, by, person_id, lang)
    write_atomic(pdf_path, pdf)
    write_atomic(json_path, to_json(data).encode("utf-8"))
    return pdf_path, json_path
