"""Referrals: a warm handover becomes a referral followed up to the partner's answer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from acting import acting
from sqlalchemy import select

from app import settings
from app.errors import InvalidInput, NotAllowed
from app.privacy import handover
from app.services import consents, persons, referrals
from app.store.models import AuditEvent, Referral
from app.vocabulary import UserRole


def test_a_handover_becomes_a_referral(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        consents.give_consent(db, user, pid, purpose="Legal aid", partner="ASKV",
                              scope=["identity"])
        follower = acting(db, UserRole.VOLUNTEER, "vol")
        handover.prepare(db, user, pid, "ASKV", purpose="Asylum advice", follow_up_by=follower)
        (row,) = referrals.referrals_of(db, user, pid)
        assert (row.partner, row.purpose, row.status, row.referred_on, row.follow_up_by) == (
            "ASKV", "Asylum advice", "sent", date.today(), "Acting user")
        assert db.get(Referral, row.id).handover_id is not None


def test_status_changes_with_history_and_audit(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        r = referrals.create_referral(db, user, pid, partner="Taalhuis", purpose="Dutch course",
                                      referred_on="01-11-2026")
        referrals.set_status(db, user, r.id, "accepted", version=r.version, on="05-11-2026")
        referrals.set_status(db, user, r.id, "first_contact")
        referrals.set_status(db, user, r.id, "closed")
        with pytest.raises(NotAllowed):
            referrals.set_status(db, user, r.id, "accepted")
        assert [h["status"] for h in db.get(Referral, r.id).history] == [
            "sent", "accepted", "first_contact", "closed"]
        events = db.scalars(select(AuditEvent).where(AuditEvent.entity == "referral")
                            .order_by(AuditEvent.id)).all()
        assert [(e.action, e.detail) for e in events] == [
            ("create", ""), ("update", "accepted"), ("update", "first_contact"),
            ("update", "closed")]


def test_bad_status_and_dates(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        r = referrals.create_referral(db, user, pid, partner="ASKV", referred_on="01-11-2026")
        with pytest.raises(InvalidInput) as err:
            referrals.set_status(db, user, r.id, "lost", on="01-10-2026")
        assert set(err.value.problems) == {"status", "status_on"}
        with pytest.raises(InvalidInput) as err:
            referrals.set_status(db, user, r.id, "sent")
        assert set(err.value.problems) == {"status"}
        tomorrow = (date.today() + timedelta(days=1)).strftime("%d-%m-%Y")
        with pytest.raises(InvalidInput) as err:
            referrals.create_referral(db, user, pid, partner=" ", referred_on=tomorrow)
        assert set(err.value.problems) == {"partner", "referred_on"}
        with pytest.raises(NotAllowed):
            referrals.create_referral(db, None, pid, partner="ASKV")


def test_unanswered_after_the_chosen_number_of_days(store, user) -> None:
    today = date(2026, 12, 3)
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        old = referrals.create_referral(db, user, pid, partner="ASKV",
                                        referred_on=today - timedelta(days=20))
        referrals.create_referral(db, user, pid, partner="Taalhuis",
                                  referred_on=today - timedelta(days=5))
        answered = referrals.create_referral(db, user, pid, partner="GGD",
                                             referred_on=today - timedelta(days=30))
        referrals.set_status(db, user, answered.id, "accepted")
        assert referrals.answer_days(db) == 14
        rows = referrals.unanswered(db, user, today=today)
        assert [(r.partner, r.waiting_days) for r in rows] == [("ASKV", 20)]
        settings.set_value(db, user, "referral_answer_days", 3)
        assert [r.partner for r in referrals.unanswered(db, user, today=today)] == [
            "ASKV", "Taalhuis"]
        assert [r.partner for r in referrals.unanswered(
            db, user, today=today, follow_up_by=acting(db))] == []
        assert {r.partner for r in referrals.all_referrals(db, user, open_only=True)} == {
            "ASKV", "Taalhuis", "GGD"}
        referrals.set_status(db, user, old.id, "refused")
        assert {r.partner for r in referrals.all_referrals(db, user, open_only=True)} == {
            "Taalhuis", "GGD"}
