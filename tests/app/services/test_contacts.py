"""Card contacts: office defaults, a person's own contacts replacing them by role."""

from __future__ import annotations

import pytest

from app.errors import InvalidInput, NotAllowed
from app.opening_hours import Slot, from_json
from app.services import contacts, office, persons
from app.services.contacts import ContactFields
from app.store.models import User
from app.vocabulary import UserRole

# seed 001: what one goes to the client manager (gemeente), VluchtelingenWerk and the Sociaal
# Wijkteam for, basic information about the GP, wijkagent, inburgering (112 and domestic
# violence are on every card's national numbers); Stem in de Stad's own case manager, legal
# aid and night shelter
DEFAULT_ROLES = ["case_manager", "municipality", "refugee_council", "social_team",
                 "civic_integration", "legal_aid", "gp", "gp_post", "police_officer", "shelter"]


def test_defaults_then_person_overrides(store, user) -> None:
    with store.session() as db:
        contacts.seed_defaults(db, user)
        contacts.seed_defaults(db, user)  # idempotent
        defaults = contacts.list_contacts(db, user, None)
        assert [c.role.value for c in defaults] == DEFAULT_ROLES
        assert all(c.blank for c in defaults)
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Hiba")).id
        contacts.add_contact(db, user, ContactFields(role="gp", organisation="Huisartsen Zuid",
                                                     phone="023-1234567"), pid)
        contacts.add_contact(db, user, ContactFields(role="other", organisation="Sportclub",
                                                     purpose_text="Voetbal op dinsdag"), pid)
        card = contacts.card_contacts(db, user, pid)
        assert [c.role.value for c in card] == [*DEFAULT_ROLES, "other"]
        gp = card[DEFAULT_ROLES.index("gp")]
        assert gp.organisation == "Huisartsen Zuid" and not gp.blank


def test_bad_contact(store, user) -> None:
    with pytest.raises(InvalidInput) as err:
        with store.session() as db:
            contacts.add_contact(db, user, ContactFields(role="wizard", phone="call me"))
    assert set(err.value.problems) == {"role", "phone"}


def test_every_default_role_has_its_what_for_line_in_every_card_language() -> None:
    from app.documents.catalogue import CARD_LANGUAGES, Texts

    for fields in contacts.load_default_file():
        assert fields.role in DEFAULT_ROLES
    for lang in CARD_LANGUAGES:
        texts = Texts(lang)
        for role in [*DEFAULT_ROLES, "domestic_violence"]:
            texts.own(f"role.{role}")
            texts.own(f"purpose.{role}")
        assert texts.missing == [], lang


def test_hours_are_kept_as_typed_and_as_data(store, user) -> None:
    with store.session() as db:
        added = contacts.add_contact(db, user, ContactFields(role="gp", phone="023-533 1234",
                                                             hours="ma-do 9:00-17:00"))
        assert added.hours == "ma-do 9:00-17:00"
        assert from_json(added.hours_data) == [Slot((0, 1, 2, 3), "09:00", "17:00")]
        odd = contacts.add_contact(db, user, ContactFields(role="gp_post", phone="023-890 2345",
                                                           hours="na 17 uur bellen"))
        assert odd.hours_data is None and odd.hours == "na 17 uur bellen"
        profile = office.update_profile(db, user, opening_hours="ma-vr 10-16; za 10-12")
        assert from_json(profile.opening_hours_data) == [
            Slot((0, 1, 2, 3, 4), "10:00", "16:00"), Slot((5,), "10:00", "12:00")]
        profile = office.update_profile(db, user, opening_hours="op afspraak")
        assert profile.opening_hours_data is None and profile.opening_hours == "op afspraak"


def test_import_replaces_the_defaults_for_coordinators_only(store, user) -> None:
    rows = [ContactFields(role="municipality", organisation="Gemeente Haarlem",
                          phone="023-511 5115", hours="ma-do 9-17"),
            ContactFields(role="gp", organisation="Huisarts Noord", phone="023-533 1234")]
    with store.session() as db:
        contacts.seed_defaults(db, user)
        with pytest.raises(NotAllowed):  # a case manager may not
            contacts.import_defaults(db, user, rows)
        cora = User(username="cora", display_name="Cora", role=UserRole.COORDINATOR)
        db.add(cora)
        db.flush()
        with pytest.raises(InvalidInput):  # one bad row: nothing changes
            contacts.import_defaults(db, cora.id, [*rows, ContactFields(role="gp",
                                                                         phone="call me")])
        assert [c.role.value for c in contacts.list_contacts(db, user, None)] == DEFAULT_ROLES
        contacts.import_defaults(db, cora.id, rows)
        now = contacts.list_contacts(db, user, None)
        assert [(c.role.value, c.organisation) for c in now] == [
            ("municipality", "Gemeente Haarlem"), ("gp", "Huisarts Noord")]
        assert now[0].hours_data is not None
