"""Consent: recorded, withdrawn, and what it allows to share."""

from __future__ import annotations

from datetime import date

import pytest
from acting import acting

from app.errors import InvalidInput, NotAllowed
from app.services import consents, intakes, persons
from app.store.models import Consent


def test_give_and_withdraw(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        c = consents.give_consent(db, user, pid, purpose="Language school enrolment",
                                  partner="Taalschool Haarlem", scope=["identity", "contact"],
                                  text_version="2026-1", given_on="01-02-2026")
        assert consents.active_scope(db, user, pid, "taalschool haarlem", date(2026, 3, 1)) == {
            "contact", "identity"}
        consents.withdraw_consent(db, user, c.id, "01-04-2026")
        assert consents.active_scope(db, user, pid, "Taalschool Haarlem", date(2026, 5, 1)) == set()
        with pytest.raises(NotAllowed):
            consents.withdraw_consent(db, user, c.id)
        with pytest.raises(InvalidInput) as err:
            consents.give_consent(db, user, pid, purpose="", partner="X", scope=["secrets"])
        assert {"purpose", "scope"} <= set(err.value.problems)


# --- Consent from the intake's answers (issue 14) ------------------------------------------


def _screening(db, by, pid):  # noqa: ANN001, ANN202
    return intakes.begin(db, by, pid, "extended_screening")


def _save(db, by, intake, raw):  # noqa: ANN001, ANN202
    intake, problems = intakes.save_progress(db, by, intake.id, intake.version, raw)
    assert problems == {}
    return intake


def _active(db, pid):  # noqa: ANN001, ANN202
    return {c.partner: sorted(c.scope) for c in consents.consents_of(db, acting(db), pid)
            if c.withdrawn_on is None}


def test_intake_answers_create_consent_records(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Amal")).id
        intake = _screening(db, user, pid)
        _save(db, user, intake, {"consent_data_exchange": "yes",
                                 "consent_organisations": ["legal_aid", "language_school"],
                                 "consent_insurance": "yes"})
        active = _active(db, pid)
        assert set(active) == {"Rechtshulp en advocaat", "Taalschool",
                               "Vrijwilligersverzekering"}
        assert active["Taalschool"] == ["contact", "education_work", "identity"]
        made = [c for c in consents.consents_of(db, user, pid)]
        assert all(c.intake_id == intake.id and c.recorded_by == user for c in made)
        # Saving again changes nothing: one record per organisation.
        _save(db, user, intake, {"consent_insurance": "yes"})
        assert len(consents.consents_of(db, user, pid)) == 3
        # The handover reads the records the answers made.
        assert consents.active_scope(db, user, pid, "Taalschool") == {"identity", "contact",
                                                                 "education_work"}


def test_intake_answers_withdraw_what_they_no_longer_give(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Amal")).id
        by_hand = consents.give_consent(db, user, pid, purpose="School", partner="Taalschool",
                                        scope=["contact"])
        intake = _screening(db, user, pid)
        _save(db, user, intake, {"consent_data_exchange": "yes",
                                 "consent_organisations": ["legal_aid", "shelter"]})
        assert set(_active(db, pid)) == {"Taalschool", "Rechtshulp en advocaat",
                                         "Opvang"}
        _save(db, user, intake, {"consent_organisations": ["legal_aid"]})
        assert set(_active(db, pid)) == {"Taalschool", "Rechtshulp en advocaat"}
        # A later intake that says no takes back what intakes gave; consent given by hand stays.
        later = _screening(db, user, pid)
        _save(db, user, later, {"consent_data_exchange": "no"})
        assert set(_active(db, pid)) == {"Taalschool"}
        assert db.get(Consent, by_hand.id).withdrawn_on is None


def test_an_unanswered_consent_question_changes_nothing(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Amal")).id
        first = _screening(db, user, pid)
        _save(db, user, first, {"consent_data_exchange": "yes",
                                "consent_organisations": ["municipality"]})
        second = _screening(db, user, pid)
        _save(db, user, second, {"consent_data_exchange": "unknown"})
        intakes.complete_intake(db, user, second.id, second.version, second.answers,
                                lambda _a: {})
        assert set(_active(db, pid)) == {"Gemeente"}
