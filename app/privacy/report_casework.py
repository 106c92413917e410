"""The anonymous overview's counts of casework: contacts and referrals (issue 14).

Counts only, every count below five shown as "<5", as the rest of ``app.privacy.report``.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.questionnaire import suppress
from app.services.contact_log import KIND_LABELS
from app.services.referrals import STATUS_LABELS
from app.store.models import ContactEntry, Referral


def tables(db: Session, start: date, end: date) -> list:  # noqa: ANN201 - report.Table
    """Contacts logged in the period by kind (and with an interpreter); referrals made in the
    period by where they stand now."""
    from app.privacy.report import _table

    entries = list(db.execute(select(ContactEntry.kind, ContactEntry.interpreter).where(
        ContactEntry.contact_on >= start, ContactEntry.contact_on <= end)))
    kinds = Counter(kind.value for kind, _interpreter in entries)
    contacts = _table(_("Contacts by kind"), dict(kinds), KIND_LABELS)
    if entries:
        contacts.rows.append((_("Of which with an interpreter"),
                              suppress(sum(1 for _k, used in entries if used))))
        contacts.rows.append((_("All contacts"), suppress(len(entries))))
    statuses = Counter(status.value for status in db.scalars(select(Referral.status).where(
        Referral.referred_on >= start, Referral.referred_on <= end)))
    referrals = _table(_("Referrals made, by status"), dict(statuses), STATUS_LABELS)
    return [contacts, referrals]
