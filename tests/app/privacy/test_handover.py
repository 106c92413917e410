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
