"""The overview's contacts and referrals: counts by kind and by status, small counts hidden."""

from __future__ import annotations

from datetime import date

from app.privacy import report
from app.questionnaire.aggregate import SUPPRESSED
from app.services import contact_log, persons, referrals
from app.services.contact_log import ContactFields


def test_contacts_and_referrals_counted_small_counts_hidden(store, user) -> None:
    with store.session() as db:
        pids = [persons.create_person(db, user, persons.PersonFields(given_names=f"P{i}")).id
                for i in range(8)]
        for i, pid in enumerate(pids):
            contact_log.log_contact(db, user, pid, ContactFields(
                kind="visit" if i < 6 else "phone_call", contact_on="02-03-2026",
                interpreter=i < 5))
            r = referrals.create_referral(db, user, pid, partner="ASKV",
                                          referred_on="02-03-2026")
            if i < 2:
                referrals.set_status(db, user, r.id, "refused", on="05-03-2026")
        contact_log.log_contact(db, user, pids[0], ContactFields(contact_on="02-03-2025"))
        data = report.build(db, date(2026, 1, 1), date(2026, 12, 31))
    tables = {t.title: dict(t.rows) for t in data.tables}
    # 6 visits would give the 2 phone calls away next to the total: both hidden.
    assert tables["Contacts by kind"] == {
        "Visit": SUPPRESSED, "Phone call": SUPPRESSED, "Of which with an interpreter": 5,
        "All contacts": 8}
    assert tables["Referrals made, by status"] == {"Sent": SUPPRESSED, "Refused": SUPPRESSED}
