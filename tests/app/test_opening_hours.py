"""Opening hours as data: the common typed forms understood, printed with CLDR day names."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.documents.catalogue import CARD_LANGUAGES
from app.opening_hours import Slot, day_names, describe, from_json, parse, to_json

WEEKDAYS = (0, 1, 2, 3, 4)


@pytest.mark.parametrize(("typed", "slots"), [
    ("ma-do 9:00-17:00", [Slot((0, 1, 2, 3), "09:00", "17:00")]),
    ("ma-vr 10:00-16:00", [Slot(WEEKDAYS, "10:00", "16:00")]),
    ("di, do 10-13", [Slot((1, 3), "10:00", "13:00")]),
    ("ma t/m vr 9-12 en 13-17; za 10-12", [Slot(WEEKDAYS, "09:00", "12:00"),
                                           Slot(WEEKDAYS, "13:00", "17:00"),
                                           Slot((5,), "10:00", "12:00")]),
    ("ma-vr 9-17, za 10-12", [Slot(WEEKDAYS, "09:00", "17:00"), Slot((5,), "10:00", "12:00")]),
    ("Maandag, woensdag en vrijdag 9.30-12u", [Slot((0, 2, 4), "09:30", "12:00")]),
    ("dagelijks 21:00-09:00", [Slot(tuple(range(7)), "21:00", "09:00")]),
    ("weekend 10:00 - 14:00", [Slot((5, 6), "10:00", "14:00")]),
    ("Mon-Fri 9:00-17:00", [Slot(WEEKDAYS, "09:00", "17:00")]),
    # the GP post: evenings and nights every day, the weekend all day
    ("17:00-08:00, weekend", [Slot(tuple(range(7)), "17:00", "08:00"),
                              Slot((5, 6), "00:00", "24:00")]),
])
def test_common_forms_are_understood(typed: str, slots: list[Slot]) -> None:
    assert parse(typed) == slots
    assert from_json(to_json(slots)) == slots


@pytest.mark.parametrize("typed", ["", "op afspraak", "ma-do 9", "ma-do tot laat", "ma-do",
                                   "weekend",
                                   "vr-ma 9-17", "ma 25:00-26:00", "ma 9-9", "9am-5pm"])
def test_anything_else_stays_typed_text(typed: str) -> None:
    assert parse(typed) is None


def test_stored_data_that_is_not_ours_reads_as_none() -> None:
    assert from_json([{"days": [9], "from": "09:00", "to": "17:00"}]) is None
    assert from_json([{"days": [1]}]) is None
    assert from_json("ma-vr") is None


def test_day_names_come_from_cldr_in_every_card_language() -> None:
    assert describe(parse("ma-do 9:00-17:00"), "nl") == ["ma–do 9:00–17:00"]
    assert describe(parse("za 10-14"), "ar") == ["السبت 10:00–14:00"]
    assert describe(parse("di, do 10-13"), "ti") == ["ሰሉስ, ሓሙስ 10:00–13:00"]
    assert describe(parse("ma-vr 9-12 en 13-17"), "fa") == ["دوشنبه–جمعه 9:00–12:00, 13:00–17:00"]
    assert describe(parse("17:00-08:00, weekend"), "nl") == ["ma–zo 17:00–8:00",
                                                             "za, zo 0:00–24:00"]
    for lang in CARD_LANGUAGES:
        names = day_names(lang)
        assert len(set(names)) == 7, lang
        if lang not in ("nl", "en"):
            assert names != day_names("nl"), f"{lang} prints Dutch day names"


def test_migration_fills_the_data_from_the_typed_text(store, user) -> None:  # noqa: ANN001
    from app.services import contacts, office
    from app.store.models import CardContact, OrganisationProfile
    from app.store.schema import downgrade, upgrade

    with store.session() as db:
        office.update_profile(db, user, opening_hours="ma-vr 10:00-16:00")
        contacts.add_contact(db, user, contacts.ContactFields(role="gp", phone="023-533 1234",
                                                              hours="di, do 10-13"))
        contacts.add_contact(db, user, contacts.ContactFields(role="gp_post",
                                                              hours="op afspraak"))
        db.commit()
    downgrade(store.engine, "0008")  # the columns go; the typed text stays
    upgrade(store.engine)
    with store.session() as db:
        profile = db.scalar(select(OrganisationProfile))
        assert from_json(profile.opening_hours_data) == [Slot(WEEKDAYS, "10:00", "16:00")]
        by_role = {c.role.value: c for c in db.scalars(select(CardContact))}
        assert from_json(by_role["gp"].hours_data) == [Slot((1, 3), "10:00", "13:00")]
        assert by_role["gp_post"].hours_data is None
        assert by_role["gp_post"].hours == "op afspraak"
