"""Everything we hold about a person includes their contact log, follow-ups and referrals."""

from __future__ import annotations

from acting import acting

from app.privacy import subject_access
from app.services import contact_log, follow_ups, persons, referrals


def test_casework_is_in_the_subject_access_export(store) -> None:
    with store.session() as db:
        by = acting(db)
        pid = persons.create_person(db, by, persons.PersonFields(given_names="Reza")).id
        contact_log.log_contact(db, by, pid, contact_log.ContactFields(note="Met at the office"))
        follow_ups.add_follow_up(db, by, pid, follow_ups.FollowUpFields("GP", "01-01-2030"))
        referrals.create_referral(db, by, pid, partner="ASKV", purpose="Advice")
        data = subject_access.collect(db, by, pid)
    assert [c["note"] for c in data["contact_log"]] == ["Met at the office"]
    assert [f["description"] for f in data["follow_ups"]] == ["GP"]
    assert [(r["partner"], r["status"]) for r in data["referrals"]] == [("ASKV", "sent")]
