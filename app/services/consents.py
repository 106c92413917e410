"""Consent: what a person agreed to share, with whom, for what, and when it was withdrawn."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access.permissions import require_user
from app.dates import parse_date
from app.errors import InvalidInput, NotAllowed, NotFound
from app.i18n import _
from app.services import audit
from app.store.models import Consent, Person
from app.text import clean_text

# What a consent can cover (the scope); purposes and partners are free text.
SCOPES = ("identity", "contact", "residence_status", "health", "education_work", "plan",
          "intake")


def give_consent(db: Session, by: uuid.UUID | None, person_id: uuid.UUID, *, purpose: str,
                 partner: str, scope: list[str], text_version: str = "",
                 given_on: str | None = None) -> Consent:
    require_user(db, by)
    if db.get(Person, person_id) is None:
        raise NotFound(_("This person is no longer in the database."))
    problems: dict[str, str] = {}
    values: dict[str, object] = {}
    for name, raw, limit in (("purpose", purpose, 200), ("partner", partner, 200),
                             ("text_version", text_version, 50)):
        try:
            values[name] = clean_text(raw, field=name, max_length=limit)
        except InvalidInput as err:
            problems.update(err.problems)
    if not values.get("purpose") and "purpose" not in problems:
        problems["purpose"] = _("Say what the consent is for.")
    bad = [s for s in scope if s not in SCOPES]
    if bad or not scope:
        problems["scope"] = _("Choose what may be shared.")
    try:
        values["given_on"] = parse_date(given_on, field="given_on") or date.today()
    except InvalidInput as err:
        problems.update(err.problems)
    if problems:
        raise InvalidInput(problems)
    consent = Consent(person_id=person_id, scope=sorted(set(scope)), recorded_by=by,
                      created_by=by, updated_by=by, **values)
    db.add(consent)
    db.flush()
    audit.record(db, by, "create", "consent", consent.id, person_id=person_id)
    return consent


def withdraw_consent(db: Session, by: uuid.UUID | None, consent_id: uuid.UUID,
                     withdrawn_on: str | None = None) -> Consent:
    require_user(db, by)
    consent = db.get(Consent, consent_id)
    if consent is None:
        raise NotFound(_("This consent is no longer in the database."))
    if consent.withdrawn_on is not None:
        raise NotAllowed(_("This consent was already withdrawn."))
    when = parse_date(withdrawn_on, field="withdrawn_on") or date.today()
    if when < consent.given_on:
        raise InvalidInput({"withdrawn_on": _("Withdrawal cannot come before the consent.")})
    consent.withdrawn_on = when
    consent.updated_by = by
    audit.record(db, by, "withdraw", "consent", consent.id, person_id=consent.person_id)
    return consent


def consents_of(db: Session, person_id: uuid.UUID) -> list[Consent]:
    return list(db.scalars(select(Consent).where(Consent.person_id == person_id)
                           .order_by(Consent.given_on, Consent.created_at)))


def active_scope(db: Session, person_id: uuid.UUID, partner: str,
                 on: date | None = None) -> set[str]:
    """What may be shared with ``partner`` on ``on``: the union of consents not withdrawn."""
    on = on or date.today()
    allowed: set[str] = set()
    for consent in consents_of(db, person_id):
        if consent.partner.casefold() != partner.strip().casefold():
            continue
        if consent.given_on <= on and (consent.withdrawn_on is None or consent.withdrawn_on > on):
            allowed.update(consent.scope)
    return allowed
