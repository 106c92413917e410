"""Card contacts: office defaults, a person's own contacts replacing them by role."""

from __future__ import annotations

import pytest

from app.errors import InvalidInput
from app.services import contacts, persons
from app.services.contacts import ContactFields


def test_defaults_then_person_overrides(store, user) -> None:
    with store.session() as db:
        contacts.seed_defaults(db, user)
        contacts.seed_defaults(db, user)  # idempotent
        defaults = contacts.list_contacts(db, None)
        assert [c.role.value for c in defaults] == ["case_manager", "legal_aid", "gp", "gp_post",
                                                    "pharmacy", "shelter"]
        assert all(c.blank for c in defaults)
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Hiba")).id
        contacts.add_contact(db, user, ContactFields(role="gp", organisation="Huisartsen Zuid",
                                                     phone="023-1234567"), pid)
        contacts.add_contact(db, user, ContactFields(role="other", organisation="Sportclub",
                                                     purpose_text="Voetbal op dinsdag"), pid)
        card = contacts.card_contacts(db, pid)
        assert [c.role.value for c in card] == ["case_manager", "legal_aid", "gp", "gp_post",
                                                "pharmacy", "shelter", "other"]
        assert card[2].organisation == "Huisartsen Zuid" and not card[2].blank


def test_bad_contact(store, user) -> None:
    with pytest.raises(InvalidInput) as err:
        with store.session() as db:
            contacts.add_contact(db, user, ContactFields(role="wizard", phone="call me"))
    assert set(err.value.problems) == {"role", "phone"}
