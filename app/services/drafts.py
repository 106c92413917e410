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

from app.access.permissions import require_user
from app.errors import InvalidInput
from app.i18n import _
from app.services.search import _rows_by_id
from app.store.models import Action, CardContact, Draft, Goal

MAX_BYTES = 256 * 1024


def record_form(kind: str, record_id: uuid.UUID | None) -> str:
    """The draft's form name: ``kind`` for a new record, ``kind:<id>`` for an existing one."""
    return kind if record_id is None else f"{kind}:{record_id.hex}"


def new_action_form(goal_id: uuid.UUID | None) -> str:
    """A new action's draft belongs to its goal: ``action@<goal>``."""
    return "action@" + (goal_id.hex if goal_id else "")


def goal_forms(goal: Goal) -> list[str]:
    """The drafts that belong to a goal: its own edit, a new action, each action's edit."""
    return [record_form("goal", goal.id), new_action_form(goal.id),
            *(record_form("action", a.id) for a in goal.actions)]


def discard_everyones(db: Session, person_id: uuid.UUID | None, forms: list[str]) -> None:
    """Drop every user's drafts of ``forms``: the records they were typed for are gone (deleted,
    or in an ended plan), so the drafts could never be offered again."""
    if forms:
        person = Draft.person_id.is_(None) if person_id is None else Draft.person_id == person_id
        db.execute(delete(Draft).where(person, Draft.form.in_(forms)))


# the records a form name can point at: "goal:<id>", "action:<id>", "action@<goal id>", ...
_RECORDS: dict[str, type] = {"goal:": Goal, "action:": Action, "action@": Goal,
                             "contact:": CardContact}


def _gone(db: Session, forms: list[str]) -> set[str]:
    """Those of ``forms`` whose record no longer exists."""
    wanted: dict[type, dict[uuid.UUID, list[str]]] = {}
    for form in forms:
        for prefix, model in _RECORDS.items():
            if form.startswith(prefix) and len(form) == len(prefix) + 32:
                try:
                    record_id = uuid.UUID(form[len(prefix):])
                except ValueError:
                    break
                wanted.setdefault(model, {}).setdefault(record_id, []).append(form)
                break
    gone: set[str] = set()
    for model, by_id in wanted.items():
        found = set(db.scalars(select(model.id).where(model.id.in_(list(by_id)))))
        for record_id, names in by_id.items():
            if record_id not in found:
                gone.update(names)
    return gone


def _where(user_id: uuid.UUID, person_id: uuid.UUID | None, form: str) -> list:
    person = Draft.person_id.is_(None) if person_id is None else Draft.person_id == person_id
    return [Draft.user_id == user_id, person, Draft.form == form]


def save(db: Session, by: uuid.UUID | None, form: str, data: dict[str, Any],
         person_id: uuid.UUID | None = None) -> None:
    """Keep ``data`` (JSON-ready) as ``by``'s draft of ``form`` for ``person_id``."""
    require_user(db, by)
    if len(json.dumps(data, ensure_ascii=False).encode()) > MAX_BYTES:
        raise InvalidInput({"draft": _("This form holds too much text to keep as a draft; "
                                       "save it now.")})
    draft = db.scalar(select(Draft).where(*_where(by, person_id, form)))
    if draft is None:
        db.add(Draft(user_id=by, person_id=person_id, form=form[:40], data=data))
    else:
        draft.data = data


def load(db: Session, by: uuid.UUID | None, form: str,
         person_id: uuid.UUID | None = None) -> dict[str, Any] | None:
    """``by``'s own draft of ``form`` for ``person_id``, if any (nobody reads another's)."""
    require_user(db, by)
    draft = db.scalar(select(Draft).where(*_where(by, person_id, form)))
    return dict(draft.data) if draft is not None else None


def discard(db: Session, by: uuid.UUID | None, form: str,
            person_id: uuid.UUID | None = None) -> None:
    require_user(db, by)
    db.execute(delete(Draft).where(*_where(by, person_id, form)))


def forms_with_drafts(db: Session, by: uuid.UUID | None) -> list[tuple[uuid.UUID | None, str]]:
    """(person, form) of every draft ``by`` left, e.g. to offer them after a crash."""
    require_user(db, by)
    return [(d.person_id, d.form) for d in db.scalars(
        select(Draft).where(Draft.user_id == by).order_by(Draft.updated_at))]


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


def waiting(db: Session, by: uuid.UUID | None) -> list[Waiting]:
    """``by``'s unsaved drafts, newest first; drafts of erased people, and of goals, actions
    or contacts deleted since, are left out."""
    require_user(db, by)
    rows = db.execute(select(Draft.person_id, Draft.form, Draft.updated_at)
                      .where(Draft.user_id == by)
                      .order_by(Draft.updated_at.desc())).all()
    people = {r.id: r for r in _rows_by_id(db, [p for p, _f, _at in rows if p])}
    gone = _gone(db, [form for _p, form, _at in rows])
    found = []
    for person_id, form, at in rows:
        row = people.get(person_id) if person_id is not None else None
        if (person_id is not None and row is None) or form in gone:
            continue
        found.append(Waiting(person_id, row.record_code if row else "", row.name if row else "",
                             form_kind(form), at))
    return found
