"""Erasing a person erases their contact log, follow-ups and referrals too, from the file."""

from __future__ import annotations

from pathlib import Path

from acting import acting
from sqlalchemy import func, select
from sqlcipher_pages import decrypted_pages

from app.privacy import erasure
from app.services import consents, contact_log, follow_ups, persons
from app.store import Target, create_store
from app.store.models import ContactEntry, FollowUp, Referral


def test_casework_goes_with_the_person(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    store = create_store(Target(path=path), "office passphrase")
    with store.session() as db:
        by = acting(db)
        pid = persons.create_person(db, by, persons.PersonFields(given_names="Zorba")).id
        contact_log.log_contact(db, by, pid, contact_log.ContactFields(
            note="Quixotic-note-about-health", with_whom="Dr Vexworth"))
        follow_ups.add_follow_up(db, by, pid, follow_ups.FollowUpFields(
            "Quixotic-appointment", "01-01-2030"))
        consents.give_consent(db, by, pid, purpose="Help", partner="Quixotic-partner",
                              scope=["identity"])
        from app.privacy import handover

        handover.prepare(db, by, pid, "Quixotic-partner", purpose="Quixotic-purpose")
    erasure.erase_person(store, by, pid)
    with store.session() as db:
        for model in (ContactEntry, FollowUp, Referral):
            assert db.scalar(select(func.count()).select_from(model)) == 0
    store.close()
    pages = decrypted_pages(path, store.key.key)
    assert not any(b"Quixotic" in page or b"Vexworth" in page for page in pages)
