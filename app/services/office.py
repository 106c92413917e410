"""The office profile printed on every card: name, address, phone, opening hours."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access.permissions import require_user
from app.errors import InvalidInput
from app.opening_hours import parse, to_json
from app.services import audit
from app.services.persons import _phone
from app.store.models import OrganisationProfile
from app.text import clean_text

FIELDS = {"name": (200, False), "address": (500, True), "email": (200, False),
          "website": (200, False), "opening_hours": (500, True)}


def get_profile(db: Session) -> OrganisationProfile:
    """The office's own name, address and hours. Printed on every card, nothing personal: read
    without an acting user (the card command and a blank card need it too)."""
    profile = db.scalar(select(OrganisationProfile).limit(1))
    if profile is None:
        profile = OrganisationProfile()
        db.add(profile)
        db.flush()
    return profile


def update_profile(db: Session, by: uuid.UUID | None, **changes: str) -> OrganisationProfile:
    require_user(db, by)
    problems: dict[str, str] = {}
    values: dict[str, str] = {}
    for name, raw in changes.items():
        try:
            if name == "phone":
                values[name] = _phone(raw)
            elif name in FIELDS:
                limit, multiline = FIELDS[name]
                values[name] = clean_text(raw, field=name, max_length=limit, multiline=multiline)
            else:
                raise ValueError(f"unknown office field {name}")
        except InvalidInput as err:
            problems.update(err.problems)
    if problems:
        raise InvalidInput(problems)
    profile = get_profile(db)
    for name, value in values.items():
        setattr(profile, name, value)
    if "opening_hours" in values:  # the data beside the typed text (None: print as typed)
        profile.opening_hours_data = to_json(parse(values["opening_hours"]))
    profile.updated_by = by
    audit.record(db, by, "update", "office", profile.id)
    return profile
