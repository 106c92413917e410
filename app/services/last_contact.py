"""A person's last contact: the date the retention review counts from.

Every write path that is work with or for a person (an intake started, saved or completed, an
evaluation, a plan change, a printed card or plan, a handover, a referral's news, a logged
contact) calls :func:`touch`. The date only ever moves forward, and the person's version counter
is left alone: an editor with the person form open does not get a conflict because a colleague
printed a card meanwhile.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from app.store.models import Person


def touch(db: Session, person_id: uuid.UUID, on: date | None = None) -> None:
    """Move ``person_id``'s last contact to ``on`` (today) unless it is already later."""
    on = on or date.today()
    db.execute(update(Person)
               .where(Person.id == person_id,
                      or_(Person.last_contact_on.is_(None), Person.last_contact_on < on))
               .values(last_contact_on=on, updated_at=Person.updated_at)
               .execution_options(synchronize_session="fetch"))
