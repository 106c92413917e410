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


def consents_of(db: Session, by: uuid.UUID | None, person_id: uuid.UUID) -> list[Consent]:
    """The person's consents, withdrawn ones too, oldest first."""
    require_user(db, by)
    return _consents_of(db, person_id)


def _consents_of(db: Session, person_id: uuid.UUID) -> list[Consent]:
    """``consents_of`` for a caller that has checked its user already."""
    return list(db.scalars(select(Consent).where(Consent.person_id == person_id)
                           .order_by(Consent.given_on, Consent.created_at)))


def active_scope(db: Session, by: uuid.UUID | None, person_id: uuid.UUID, partner: str,
                 on: date | None = None) -> set[str]:
    """What may be shared with ``partner`` on ``on``: the union of consents not withdrawn."""
    require_user(db, by)
    return _active_scope(db, person_id, partner, on)


def _active_scope(db: Session, person_id: uuid.UUID, partner: str,
                  on: date | None = None) -> set[str]:
    """``active_scope`` for a caller that has checked its user already."""
    on = on or date.today()
    allowed: set[str] = set()
    for consent in _consents_of(db, person_id):
        if consent.partner.casefold() != partner.strip().casefold():
            continue
        if consent.given_on <= on and (consent.withdrawn_on is None or consent.withdrawn_on > on):
            allowed.update(consent.scope)
    return allowed


# --- Consent from the intake's answers: the answers create and withdraw consent records --------

# What each organisation chosen in the intake may receive (only what they need, as the
# question's help promises). The partner is the choice's Dutch label, as the handover names it.
INTAKE_SCOPES: dict[str, tuple[str, ...]] = {
    "legal_aid": ("identity", "contact", "residence_status", "plan"),
    "shelter": ("identity", "contact", "health"),
    "municipality": ("identity", "contact", "residence_status", "plan"),
    "health_care": ("identity", "contact", "health"),
    "language_school": ("identity", "contact", "education_work"),
    "partners": ("identity", "contact", "education_work", "plan"),
}
INTAKE_PURPOSE = "Gegevensuitwisseling (intake)"
INSURANCE_PURPOSE = "Vrijwilligersverzekering (intake)"
INSURANCE_PARTNER = "Vrijwilligersverzekering"


def _intake_wishes(intake) -> tuple[dict[str, tuple[str, tuple[str, ...]]], set[str]]:  # noqa: ANN001
    """What the intake's answers consent to, {partner: (purpose, scope)}, and the partners its
    answered questions decide about (a question not answered yet changes nothing)."""
    from app import questionnaire

    try:
        q = questionnaire.load(intake.questionnaire_id, intake.questionnaire_version)
    except Exception:  # noqa: BLE001 - an unknown questionnaire consents to nothing
        return {}, set()
    ids = {question.id for question in q.questions()}
    answers = intake.answers or {}
    wishes: dict[str, tuple[str, tuple[str, ...]]] = {}
    decided: set[str] = set()
    if ({"consent_data_exchange", "consent_organisations"} <= ids
            and answers.get("consent_data_exchange") in ("yes", "no")):
        question = q.question("consent_organisations")
        labels = {}
        for value in INTAKE_SCOPES:
            texts = questionnaire.answer_texts(question, value, "nl")
            labels[value] = texts[0].dutch if texts else value
        decided |= set(labels.values())
        chosen = answers.get("consent_organisations") or []
        if answers["consent_data_exchange"] == "yes":
            for value in chosen if isinstance(chosen, list) else [chosen]:
                if value in INTAKE_SCOPES:
                    wishes[labels[value]] = (INTAKE_PURPOSE, INTAKE_SCOPES[value])
    if "consent_insurance" in ids and answers.get("consent_insurance") in ("yes", "no"):
        decided.add(INSURANCE_PARTNER)
        if answers["consent_insurance"] == "yes":
            wishes[INSURANCE_PARTNER] = (INSURANCE_PURPOSE, ("identity",))
    return wishes, decided


def from_intake(db: Session, by: uuid.UUID | None, intake) -> tuple[int, int]:  # noqa: ANN001
    """Make the consent records say what the intake's answers say (on saving or completing).

    A "yes" creates a consent per chosen organisation (scope: what that organisation needs),
    unless an intake's consent for it is active already or this intake made one before (a
    consent withdrawn by hand is not made again by saving the same intake); a "no", or an
    organisation no longer chosen, withdraws the consents intakes made for it. Consents recorded
    by hand are never touched. The answers are where consent is given; the consent records are
    what every handover reads. Returns (created, withdrawn).
    """
    require_user(db, by)
    wishes, decided = _intake_wishes(intake)
    if not decided:
        return 0, 0
    today = date.today()
    made_here = {c.partner for c in db.scalars(select(Consent).where(
        Consent.intake_id == intake.id))}
    from_intakes = list(db.scalars(select(Consent).where(
        Consent.person_id == intake.person_id, Consent.intake_id.is_not(None),
        Consent.withdrawn_on.is_(None))))
    active = {c.partner for c in from_intakes}
    created = withdrawn = 0
    for partner, (purpose, scope) in wishes.items():
        if partner in active or partner in made_here:
            continue
        consent = Consent(person_id=intake.person_id, purpose=purpose, partner=partner,
                          scope=sorted(scope), text_version=f"{intake.questionnaire_id} "
                          f"v{intake.questionnaire_version}"[:50], given_on=today,
                          recorded_by=by, created_by=by, updated_by=by, intake_id=intake.id)
        db.add(consent)
        db.flush()
        audit.record(db, by, "create", "consent", consent.id, person_id=intake.person_id,
                     detail="intake")
        created += 1
    for consent in from_intakes:
        if consent.partner in wishes or consent.partner not in decided:
            continue
        consent.withdrawn_on = max(today, consent.given_on)
        consent.updated_by = by
        audit.record(db, by, "withdraw", "consent", consent.id, person_id=intake.person_id,
                     detail="intake")
        withdrawn += 1
    return created, withdrawn
