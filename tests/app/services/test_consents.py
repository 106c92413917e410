"""Consent: recorded, withdrawn, and what it allows to share."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import InvalidInput, NotAllowed
from app.services import consents, persons


def test_give_and_withdraw(store, user) -> None:
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Reza")).id
        c = consents.give_consent(db, user, pid, purpose="Language school enrolment",
                                  partner="Taalschool Haarlem", scope=["identity", "contact"],
                                  text_version="2026-1", given_on="01-02-2026")
        assert consents.active_scope(db, pid, "taalschool haarlem", date(2026, 3, 1)) == {
            "contact", "identity"}
        consents.withdraw_consent(db, user, c.id, "01-04-2026")
        assert consents.active_scope(db, pid, "Taalschool Haarlem", date(2026, 5, 1)) == set()
        with pytest.raises(NotAllowed):
            consents.withdraw_consent(db, user, c.id)
        with pytest.raises(InvalidInput) as err:
            consents.give_consent(db, user, pid, purpose="", partner="X", scope=["secrets"])
        assert {"purpose", "scope"} <= set(err.value.problems)
