"""Drafts: what a user typed in a form and has not saved, kept as they type.

A form saves its fields here a moment after each change, and discards the draft when the real
save succeeds. After a crash, a power cut or the auto-lock the form opens with the draft. The
draft lives inside the encrypted database, like everything else.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.i18n import _
from app.services.search import search_rows_by_id
from app.store.models import Draft

MAX_BYTES = 256 * 1024


def _where(user_id: uuid.UUID, person_id: uuid.UUID | None, form: str) -> list:
    person = Draft.person_id.is_(None) if person_id is None else Draft.person_id == person_id
    return [Draft.user_id == user_id, person, Draft.form == form]


def save(db: Session, user_id: uuid.UUID, form: str, data: dict[str, Any],
         person_id: uuid.UUID | None = None) -> None:
    """Keep ``data`` (JSON-ready) as the user's draft of ``form`` for ``person_id``."""
    if len(json.dumps(data, ensure_ascii=False).encode()) > MAX_BYTES:
        raise InvalidInput({"draft": _("This form holds too much text to keep as a draft; "
                                       "save it now.")})
    draft = db.scalar(select(Draft).where(*_where(user_id, person_id, form)))
    if draft is None:
        db.add(Draft(user_id=user_id, person_id=person_id, form=form[:40], data=data))
    else:
        draft.data = data


def load(db: Session, user_id: uuid.UUID, form: str,
         person_id: uuid.UUID | None = None) -> dict[str, Any] | None:
    draft = db.scalar(select(Draft).where(*_where(user_id, person_id, form)))
    return dict(draft.data) if draft is not None else None


def discard(db: Session, user_id: uuid.UUID, form: str, person_id: uuid.UUID | None = None) -> None:
    db.execute(delete(Draft).where(*_where(user_id, person_id, form)))


def forms_with_drafts(db: Session, user_id: uuid.UUID) -> list[tuple[uuid.UUID | None, str]]:
    """(person, form) of every draft the user left, e.g. to offer them after a crash."""
    return [(d.person_id, d.form) for d in db.scalars(
        select(Draft).where(Draft.user_id == user_id).order_by(Draft.updated_at))]


@dataclass(frozen=True)
class Waiting:
    """A draft the user left: whose file, which form, since when (for the Today screen)."""

    person_id: uuid.UUID | None
    record_code: str
    name: str
    kind: str  # the form's kind: "overview", "goal", "consent", "new_person", ...
    updated_at: datetime


def form_kind(form: str) -> str:
    """``goal:<id>`` and ``action@<goal>`` are a goal's and an action's drafts."""
    for mark in (":", "@"):
        form = form.split(mark, 1)[0]
    return form


def waiting(db: Session, user_id: uuid.UUID) -> list[Waiting]:
    """The user's unsaved drafts, newest first; drafts of erased people are left out."""
    rows = db.execute(select(Draft.person_id, Draft.form, Draft.updated_at)
                      .where(Draft.user_id == user_id)
                      .order_by(Draft.updated_at.desc())).all()
    people = {r.id: r for r in search_rows_by_id(db, [p for p, _f, _at in rows if p])}
    found = []
    for person_id, form, at in rows:
        row = people.get(person_id) if person_id is not None else None
        if person_id is not None and row is None:
            continue
        found.append(Waiting(person_id, row.record_code if row else "", row.name if row else "",
                             form_kind(form), at))
    return found
