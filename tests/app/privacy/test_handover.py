"""The warm handover holds only what consent covers; without consent, a logged override."""

from __future__ import annotations

import pytest
from acting import acting
from sqlalchemy import select

from app.errors import InvalidInput, NotAllowed
from app.privacy import handover
from app.services import consents, intakes, persons, users
from app.store.models import AuditEvent


@pytest.fixture
def person(store, user):
    with store.session() as db:
        p = persons.create_person(db, user, persons.PersonFields(
            given_names="Helen", family_name="Berhane", phone="0612345678", nationality="ER",
            v_number="1122334455", status="undocumented"))
        i = intakes.begin(db, user, p.id, "short_intake")
        intakes.finish(db, user, i.id, i.version, {
            "needs": ["shelter"], "acute_medical": "no", "acute_psychological": "no",
            "place_to_sleep": "no", "children_with_you": "no", "right_place": "yes",
            "nationality": "ER", "status": "undocumented", "entry_ban": "no",
            "declared_undesirable": "no"})
        return p.id


def _values(h: handover.Handover) -> str:
    return " ".join(v for s in h.sections for _k, v in s.rows)


def test_only_the_consented_scope(store, user, person) -> None:
    with store.session() as db:
        consents.give_consent(db, user, person, purpose="Language course", partner="Taalhuis",
                              scope=["identity", "contact"])
        h = handover.prepare(db, user, person, "taalhuis")
    text = _values(h)
    assert "Helen Berhane" in text and "0612345678" in text
    assert "1122334455" not in text and "Eritrea" not in text
    assert h.scope == ["contact", "identity"] and not h.override_reason


def test_withdrawn_consent_shares_nothing(store, user, person) -> None:
    with store.session() as db:
        c = consents.give_consent(db, user, person, purpose="Housing", partner="Woonbond",
                                  scope=["contact"])
        consents.withdraw_consent(db, user, c.id)
        with pytest.raises(NotAllowed, match="no consent"):
            handover.prepare(db, user, person, "Woonbond")


def test_override_needs_coordinator_and_reason(store, user, person) -> None:
    with store.session() as db:
        cora = users.create_user(db, acting(db), "cora", "Cora", "coordinator", "cora's password").id
        with pytest.raises(NotAllowed):
            handover.prepare(db, user, person, "GGD", override_reason="Acute danger to life.")
        with pytest.raises(InvalidInput):
            handover.prepare(db, cora, person, "GGD", override_reason="urgent")
        h = handover.prepare(db, cora, person, "GGD",
                             override_reason="Acute danger to life, consent cannot be asked.")
        assert h.override_reason and "1122334455" in _values(h)
        line = db.scalar(select(AuditEvent).where(AuditEvent.entity == "handover"))
        assert line.detail.startswith("override:") and line.user_id == cora


def test_document_says_who_sends_it_the_consent_and_the_request(store, user, person) -> None:  # noqa: ANN001
    import io
    from datetime import date

    from pypdf import PdfReader

    from app.documents.handover_pdf import render_handover
    from app.services import office
    from app.store.models import HandoverRecord

    with store.session() as db:
        office.update_profile(db, user, name="Stem in de Stad", phone="023-532 4567")
        consents.give_consent(db, user, person, purpose="Taalcursus en inburgering",
                              partner="Taalhuis", scope=["identity", "contact"],
                              given_on="01-03-2026")
        h = handover.prepare(db, user, person, "Taalhuis", today=date(2026, 4, 1),
                             request="Graag een intakegesprek voor de taalcursus plannen.")
        record = db.scalars(select(HandoverRecord)).one()
        assert record.request == "Graag een intakegesprek voor de taalcursus plannen."
        sender = db.get(users.User, user).display_name if hasattr(users, "User") else None
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(
        io.BytesIO(render_handover(h))).pages).split())
    assert h.sender_name and h.sender_name in text
    assert sender is None or sender in text
    assert "023-532 4567" in text and "Stem in de Stad" in text
    assert "Gegeven op 01-03-2026 voor: Taalcursus en inburgering" in text
    assert "Wij vragen u Graag een intakegesprek voor de taalcursus plannen." in text


def test_request_is_checked_and_defaults_to_the_purpose(store, user, person) -> None:  # noqa: ANN001
    with store.session() as db:
        consents.give_consent(db, user, person, purpose="Huisvesting", partner="Woonbond",
                              scope=["contact"])
        h = handover.prepare(db, user, person, "Woonbond", purpose="een kamer zoeken")
        assert h.request == "een kamer zoeken"
        with pytest.raises(InvalidInput) as err:
            handover.prepare(db, user, person, "Woonbond", request="x" * 2001)
    assert "request" in err.value.problems


def test_reading_levels_in_words_not_codes(store, user) -> None:  # noqa: ANN001
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(
            given_names="Senait", languages=[("ti", "good"), ("ar", "basic")])).id
        consents.give_consent(db, user, pid, purpose="Taal", partner="Taalhuis",
                              scope=["identity"])
        h = handover.prepare(db, user, pid, "Taalhuis")
    languages = dict(h.sections[0].rows)["Languages"]
    assert "(reads it well)" in languages and "(reads it a little)" in languages
    assert "(good)" not in languages and "(basic)" not in languages
