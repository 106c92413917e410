"""Referrals to partner organisations, followed up until the partner answers.

A warm handover (``app.privacy.handover``) becomes a referral: partner, purpose, date, status
(sent, accepted, first contact made, closed, refused) and the user who follows it up. Each
status change is kept in the referral's history with its date and user, audited, and counts as
a contact with the person. Today lists referrals still "sent" after ``referral_answer_days``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.access.permissions import require_user
from app.dates import parse_date
from app.errors import InvalidInput, NotAllowed, NotFound
from app.i18n import N_, _
from app.records import display_name, format_record_number
from app.services import audit
from app.services.last_contact import touch
from app.services.plans import _check_version
from app.store.models import Person, Referral, User
from app.text import clean_text
from app.vocabulary import ReferralStatus

STATUS_LABELS: dict[str, str] = {
    ReferralStatus.SENT.value: N_("Sent"),
    ReferralStatus.ACCEPTED.value: N_("Accepted"),
    ReferralStatus.FIRST_CONTACT.value: N_("First contact made"),
    ReferralStatus.CLOSED.value: N_("Closed"),
    ReferralStatus.REFUSED.value: N_("Refused"),
}
FINAL = frozenset({ReferralStatus.CLOSED, ReferralStatus.REFUSED})
OPEN = tuple(s for s in ReferralStatus if s not in FINAL)


@dataclass(frozen=True)
class ReferralRow:
    id: uuid.UUID
    version: int
    person_id: uuid.UUID
    record_code: str
    person_name: str
    partner: str
    purpose: str
    referred_on: date
    status: str
    status_on: date
    follow_up_by: str
    follow_up_by_id: uuid.UUID | None
    waiting_days: int  # days since it was sent while no answer came; 0 once answered


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def _check_user(db: Session, user_id: uuid.UUID | None, problems: dict[str, str]) -> None:
    if user_id is None:
        return
    user = db.get(User, user_id)
    if user is None or not user.active:
        problems["follow_up_by"] = _("Choose an active user to follow this up.")


def create_referral(db: Session, by: uuid.UUID | None, person_id: uuid.UUID, *, partner: str,
                    purpose: str = "", referred_on: str | date | None = None,
                    follow_up_by: uuid.UUID | None = None,
                    handover_id: uuid.UUID | None = None) -> Referral:
    """A referral with status "sent" (audited; a contact with the person)."""
    require_user(db, by)
    if db.get(Person, person_id) is None:
        raise NotFound(_("This person is no longer in the database."))
    problems: dict[str, str] = {}
    values: dict[str, object] = {}
    for name, raw, limit in (("partner", partner, 200), ("purpose", purpose, 500)):
        try:
            values[name] = clean_text(raw, field=name, max_length=limit)
        except InvalidInput as err:
            problems.update(err.problems)
    if not values.get("partner") and "partner" not in problems:
        problems["partner"] = _("Name the partner organisation.")
    when = date.today()
    if isinstance(referred_on, date):
        when = referred_on
    else:
        try:
            when = parse_date(referred_on, field="referred_on") or when
        except InvalidInput as err:
            problems.update(err.problems)
    if when > date.today():
        problems["referred_on"] = _("A referral cannot be recorded before it is made.")
    follow_up_by = follow_up_by or by
    _check_user(db, follow_up_by, problems)
    if problems:
        raise InvalidInput(problems)
    referral = Referral(
        person_id=person_id, handover_id=handover_id, referred_on=when,
        status=ReferralStatus.SENT, status_on=when, follow_up_by=follow_up_by,
        history=[{"status": ReferralStatus.SENT.value, "on": when.isoformat(),
                  "by": str(by)}],
        created_by=by, updated_by=by, **values)
    db.add(referral)
    db.flush()
    audit.record(db, by, "create", "referral", referral.id, person_id=person_id)
    touch(db, person_id, when)
    return referral


def set_status(db: Session, by: uuid.UUID | None, referral_id: uuid.UUID, status: str, *,
               version: int | None = None, on: str | date | None = None,
               follow_up_by: uuid.UUID | None = None) -> Referral:
    """Record the partner's answer or the next step (audited; a contact with the person)."""
    require_user(db, by)
    referral = db.get(Referral, referral_id)
    if referral is None:
        raise NotFound(_("This referral is no longer in the database."))
    if version is not None:
        _check_version(referral, version)
    problems: dict[str, str] = {}
    try:
        new = ReferralStatus(status)
    except ValueError:
        problems["status"] = _("Choose one of the options.")
        new = referral.status
    when = date.today()
    if isinstance(on, date):
        when = on
    else:
        try:
            when = parse_date(on, field="status_on") or when
        except InvalidInput as err:
            problems.update(err.problems)
    if when < referral.referred_on:
        problems["status_on"] = _("This date lies before the referral was made.")
    if when > date.today():
        problems["status_on"] = _("This date lies in the future.")
    _check_user(db, follow_up_by, problems)
    if problems:
        raise InvalidInput(problems)
    if referral.status in FINAL:
        raise NotAllowed(_("This referral is {status}; make a new referral instead.").format(
            status=status_label(referral.status.value).lower()))
    if new == referral.status and follow_up_by in (None, referral.follow_up_by):
        raise InvalidInput({"status": _("The referral already has this status.")})
    referral.status = new
    referral.status_on = when
    if follow_up_by is not None:
        referral.follow_up_by = follow_up_by
    referral.history = [*referral.history,
                        {"status": new.value, "on": when.isoformat(), "by": str(by)}]
    referral.updated_by = by
    audit.record(db, by, "update", "referral", referral.id, person_id=referral.person_id,
                 detail=new.value)
    touch(db, referral.person_id, when)
    db.flush()
    return referral


def _select():  # noqa: ANN202
    return (select(Referral, Person.record_number, Person.given_names, Person.family_name,
                   Person.name_original, Person.nickname, User.display_name)
            .join(Person, Person.id == Referral.person_id)
            .outerjoin(User, User.id == Referral.follow_up_by))


def _rows(db: Session, stmt, today: date) -> list[ReferralRow]:  # noqa: ANN001
    out = []
    for r, number, given, family, original, nick, follower in db.execute(stmt):
        waiting = (today - r.referred_on).days if r.status == ReferralStatus.SENT else 0
        out.append(ReferralRow(r.id, r.version, r.person_id, format_record_number(number),
                               display_name(given, family, original, nick), r.partner,
                               r.purpose, r.referred_on, r.status.value, r.status_on,
                               follower or "", r.follow_up_by, waiting))
    return out


def referrals_of(db: Session, by: uuid.UUID | None, person_id: uuid.UUID, *,
                 today: date | None = None) -> list[ReferralRow]:
    """The person's referrals, newest first."""
    require_user(db, by)
    stmt = _select().where(Referral.person_id == person_id).order_by(
        Referral.referred_on.desc(), Referral.created_at.desc())
    return _rows(db, stmt, today or date.today())


def all_referrals(db: Session, by: uuid.UUID | None, *, open_only: bool = False,
                  today: date | None = None, limit: int = 1000) -> list[ReferralRow]:
    """Every referral (or the open ones: not closed or refused), oldest first."""
    require_user(db, by)
    stmt = _select().order_by(Referral.referred_on, Referral.created_at).limit(limit)
    if open_only:
        stmt = stmt.where(Referral.status.in_(OPEN))
    return _rows(db, stmt, today or date.today())


def answer_days(db: Session) -> int:
    """How many days a partner has to answer: an office setting, nothing personal (no user)."""
    return int(settings.get(db, "referral_answer_days"))


def unanswered(db: Session, by: uuid.UUID | None, *, follow_up_by: uuid.UUID | None = None,
               days: int | None = None, today: date | None = None,
               limit: int = 500) -> list[ReferralRow]:
    """Referrals still "sent" (no answer) ``days`` (the setting) or more after they were made,
    longest waiting first; only those ``follow_up_by`` follows up when given."""
    require_user(db, by)
    today = today or date.today()
    days = answer_days(db) if days is None else days
    stmt = (_select().where(Referral.status == ReferralStatus.SENT,
                            Referral.referred_on <= today - timedelta(days=days))
            .order_by(Referral.referred_on).limit(limit))
    if follow_up_by is not None:
        stmt = stmt.where(Referral.follow_up_by == follow_up_by)
    return _rows(db, stmt, today)
