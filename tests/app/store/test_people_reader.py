"""The People list read with plain SQL: the same pages and counts as app.services.search, on
the same encrypted file, for every kind of query, filter and page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from acting import acting, user_named
from conftest import PASSPHRASE

from app import search_words
from app.errors import NotAllowed
from app.services import persons, plans, search, users
from app.services.persons import PersonFields
from app.services.plans import PlanFields
from app.store import Store, Target, open_store
from app.store.keys import DatabaseKey
from app.store.people_reader import PeopleReader
from app.store.schema import downgrade
from app.store.sqlcipher import connect
from app.vocabulary import ResidenceStatus

ROOT = Path(__file__).resolve().parents[3]
CORA = "Cora's own password"

# Several scripts, accents, nicknames, phones, V-numbers, every status, dates in part, the same
# family name twice and the same full name twice (ordered by record number then).
PEOPLE = [
    dict(given_names="Muhammad", family_name="Al-Sayed", name_original="محمد السيد",
         phone="06-12345678", v_number="1111111111", status="undocumented"),
    dict(given_names="Mohammed", family_name="Ibrahim", status="dublin_claim",
         birth_date="17-05-1990", nationality="sy"),
    dict(given_names="Abd al-Rahman", family_name="Haddad", nickname="Abu Sami"),
    dict(given_names="Selam", family_name="Tesfay", name_original="ሰላም ተስፋይ",
         status="asylum_procedure", nationality="er"),
    dict(given_names="Zoë", family_name="Müller", phone="+31 6 9876 5432",
         status="residence_permit"),
    dict(name_original="فاطمة رضائی", status="other"),
    dict(given_names="Amélie", family_name="Côté", birth_date="1985", status="residence_permit"),
    dict(given_names="Yonas", family_name="Tesfay", name_original="ዮናስ ተስፋይ",
         v_number="2612345678", status="asylum_procedure", birth_date="02-2001"),
    dict(nickname="Kaka"),
    dict(given_names="Mohammadreza", family_name="Ahmadi", name_original="محمدرضا احمدی",
         phone="0031 20 123 4567", nationality="ir"),
    dict(given_names="Ali", family_name="Rezaei", name_original="علی رضایی"),
    dict(given_names="Ali", family_name="Rezaei", phone="020-1234999"),
    dict(given_names="Hamid", family_name="Nouri", nickname="Hamid the cook",
         status="dublin_claim"),
]

QUERIES = [
    # the parametrized list of tests/app/services/test_search.py
    "Mohamed", "muhammad", "محمد", "moh", "Abdel", "abu sami", "zoe muller", "ZOË", "ሰላም", "ተስፋ",
    "فاطمه", "رضايي", "fatima", "0612345678", "06 1234", "0698765432", "1111111111", "W-00004",
    "'; DROP TABLE persons; --", "%", "_", "nobody",
    # empty, punctuation only
    "", "   ", ".,;", "-", "()", "/", "+",
    # several words, rare and common, more than six
    "mo sa", "tesfay", "tesfay selam", "selam tesfay", "ali rezaei", "rezaei ali", "ali w-00011",
    "a b c d e f g h", "ali, hamid", "hamid the cook", "abd al", "m a",
    # scripts and accents
    "رضایی", "علی", "ዮናስ", "côté", "cote", "AMELIE", "kaka", "KAKA", "محمدرضا", "mohammadreza",
    "احمدی", "ahmadi",
    # record numbers
    "W-00012", "w12", "w-0", "W-99999", "12", "1", "0", "00001", "9", "w-12 ali",
    # phone and V-number fragments
    "061", "06", "06 1234", "+31 6 9876", "0031201234567", "020 123", "020-1234999", "2612",
    "261234", "999", "+31",
    # prefixes that many keys share
    "a", "m", "ab", "r", "ha",
    # injection and odd characters
    "' OR '1'='1", '" OR 1=1 --', "Robert'); DROP TABLE search_keys;--", "a\x00b", "\\", "*",
    "%a%", "\U0010ffff", "ali\U0010ffff",
]


@dataclass
class Office:
    store: Store
    reader: PeopleReader
    by: uuid.UUID  # a coordinator
    bram: uuid.UUID  # a case manager
    cora: uuid.UUID  # a coordinator
    vera: uuid.UUID  # deactivated after the people were given to her
    ids: list[uuid.UUID]


def _make_office(path: Path) -> None:
    store = open_store(Target(path=path), PASSPHRASE)
    try:
        with store.session() as db:
            by = acting(db)
            bram = users.create_user(db, by, "bram", "Bram Jansen", "case_manager", "Bram's pw 1").id
            cora = users.create_user(db, by, "cora", "Cora Bakker", "coordinator", CORA).id
            vera = users.create_user(db, by, "vera", "Vera Smit", "case_manager", "Vera's pw 1").id
            ids = [persons.create_person(db, by, PersonFields(**p), today=date(2026, 1, 1)).id
                   for p in PEOPLE]

            def manage(i: int, user: uuid.UUID) -> None:
                person = persons.get_person(db, by, ids[i])
                persons.update_person(db, by, ids[i], person.version,
                                      PersonFields(case_manager_id=user))

            def plan(i: int, user: uuid.UUID | None) -> uuid.UUID:
                return plans.create_plan(db, by, ids[i], PlanFields(
                    perspective="legal_residence", case_manager_id=user)).id

            def end(plan_id: uuid.UUID) -> None:
                plans.end_plan(db, by, plan_id, reason="return_origin", note="", ended_on=None,
                               confirmer="cora", confirmer_password=CORA)

            plan(0, bram)  # only in the open plan
            manage(1, cora)  # only on the person
            manage(2, cora)
            plan(2, bram)  # the open plan's wins over the person's
            manage(3, vera)  # a deactivated user's people still show her name
            end(plan(4, bram))  # an ended plan's manager is not the manager any more
            manage(7, bram)
            end(plan(7, cora))
            manage(9, cora)
            plan(9, None)  # an open plan without a manager: the person's
            end(plan(10, cora))
            plan(10, vera)  # ended, then a new open plan
            plan(12, cora)
            plans.activate_plan(db, by, plan(12, bram))  # two open plans: the newer one's
            users.set_active(db, by, vera, False)
    finally:
        store.close()


@pytest.fixture(scope="module")
def office_file(sqlite_template: tuple[Path, DatabaseKey],
                tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DatabaseKey]:
    src, key = sqlite_template
    path = tmp_path_factory.mktemp("people") / "wegwijs.db"
    shutil.copyfile(src, path)
    _make_office(path)
    return path, key


@pytest.fixture(scope="module")
def office(office_file: tuple[Path, DatabaseKey]) -> Iterator[Office]:
    path, key = office_file
    store = open_store(Target(path=path), key=key)
    reader = PeopleReader.open(path, key)
    assert reader is not None
    try:
        with store.session() as db:
            by = acting(db)
            names = {u: user_named(db, u).id for u in ("bram", "cora", "vera")}
            ids = [r.id for r in search.search(db, by, limit=1000)]
        yield Office(store, reader, by, names["bram"], names["cora"], names["vera"], ids)
    finally:
        reader.close()
        store.close()


def _same_page(office: Office, query: str, **kw: object) -> list[search.PersonRow]:
    kw.setdefault("limit", 200)
    with office.store.session() as db:
        expected = search.search(db, office.by, query, **kw)  # type: ignore[arg-type]
    got = office.reader.page(office.by, query, **kw)  # type: ignore[arg-type]
    assert got == expected, query
    return got


def _same_count(office: Office, query: str, **kw: object) -> int:
    with office.store.session() as db:
        expected = search.count(db, office.by, query, **kw)  # type: ignore[arg-type]
    got = office.reader.count(office.by, query, **kw)  # type: ignore[arg-type]
    assert got == expected, query
    return got


@pytest.fixture(params=[None, 3, 0], ids=["dense-default", "dense-3", "dense-0"])
def dense(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The threshold above which a word is so common that the list is walked instead; both
    searches read it at call time. 0 and 3 make the common-word strategy run on a few people."""
    if request.param is not None:
        monkeypatch.setattr(search_words, "DENSE", request.param)
    return search_words.DENSE


@pytest.mark.parametrize("query", QUERIES)
def test_the_same_page_and_count_as_the_service(office: Office, dense: int, query: str) -> None:
    _same_page(office, query)
    _same_count(office, query)


def test_the_queries_find_people_of_every_kind(office: Office) -> None:
    """The comparison above means something: the queries find people in every script, by
    number and phone, and nobody for nonsense."""
    found = {q: [r.name for r in _same_page(office, q)] for q in QUERIES}
    assert len(found[""]) == len(PEOPLE) == 13
    assert set(found["محمد"]) == {"Muhammad Al-Sayed", "Mohammed Ibrahim", "Mohammadreza Ahmadi"}
    assert found["ዮናስ"] == ["Yonas Tesfay"]
    assert found["tesfay"] == ["Selam Tesfay", "Yonas Tesfay"]
    assert found["cote"] == ["Amélie Côté"]
    assert found["kaka"] == ["Kaka"]
    assert found["ali rezaei"] == ["Ali Rezaei", "Ali Rezaei"]  # two people, record order
    assert found["W-00012"] == ["Ali Rezaei"]
    assert found["0031201234567"] == ["Mohammadreza Ahmadi"]
    assert found["2612"] == ["Yonas Tesfay"]
    assert found[".,;"] == [] and found["' OR '1'='1"] == []
    assert found["%a%"] == found["a"] != []  # "%" is no wildcard: the word is "a"
    assert sum(1 for names in found.values() if names) > 50


def test_the_rows_carry_the_managers_dates_and_codes(office: Office) -> None:
    rows = {r.record_code: r for r in _same_page(office, "")}
    managers = {code: r.case_manager for code, r in rows.items()}
    assert managers == {
        "W-00001": "Bram Jansen",  # the open plan's
        "W-00002": "Cora Bakker",  # the person's
        "W-00003": "Bram Jansen",  # the open plan's over the person's
        "W-00004": "Vera Smit",  # deactivated, still named
        "W-00005": "",  # only an ended plan
        "W-00006": "", "W-00007": "",
        "W-00008": "Bram Jansen",  # the person's: the plan with Cora ended
        "W-00009": "",
        "W-00010": "Cora Bakker",  # the open plan has no manager
        "W-00011": "Vera Smit",  # the new open plan, not the ended one
        "W-00012": "",
        "W-00013": "Bram Jansen",  # the newer of two open plans
    }
    assert rows["W-00002"].birth_date == "17-05-1990" and rows["W-00002"].nationality == "SY"
    assert rows["W-00007"].birth_date == "1985" and rows["W-00008"].birth_date == "02-2001"
    assert rows["W-00006"].name == "فاطمة رضائی" and rows["W-00009"].name == "Kaka"
    assert rows["W-00002"].status is ResidenceStatus.DUBLIN_CLAIM
    assert isinstance(rows["W-00001"].id, uuid.UUID)


@pytest.mark.parametrize("query", ["", "a", "m", "tesfay", "ali", "mo sa", "06"])
@pytest.mark.parametrize("status", [None, *ResidenceStatus])
def test_status_filters(office: Office, dense: int, query: str,
                        status: ResidenceStatus | None) -> None:
    _same_page(office, query, status=status)
    _same_count(office, query, status=status)


@pytest.mark.parametrize("query", ["", "a", "m", "tesfay", "ali rezaei", "hamid", "W-00011"])
@pytest.mark.parametrize("manager", ["by", "bram", "cora", "vera", "nobody"])
def test_case_manager_filters(office: Office, dense: int, query: str, manager: str) -> None:
    manager_id = uuid.uuid4() if manager == "nobody" else getattr(office, manager)
    _same_page(office, query, case_manager_id=manager_id)
    _same_count(office, query, case_manager_id=manager_id)
    for status in (ResidenceStatus.UNDOCUMENTED, ResidenceStatus.ASYLUM_PROCEDURE):
        _same_page(office, query, case_manager_id=manager_id, status=status)
        _same_count(office, query, case_manager_id=manager_id, status=status)


def test_the_manager_filter_finds_the_managers_people(office: Office) -> None:
    def codes(manager: uuid.UUID) -> list[str]:
        return [r.record_code for r in _same_page(office, "", case_manager_id=manager)]

    assert sorted(codes(office.bram)) == ["W-00001", "W-00003", "W-00008", "W-00013"]
    assert sorted(codes(office.cora)) == ["W-00002", "W-00010"]
    assert sorted(codes(office.vera)) == ["W-00004", "W-00011"]


@pytest.mark.parametrize("query", ["", "a", "m", "ali", "tesfay", "mo sa", "r"])
def test_pages_across_the_list(office: Office, dense: int, query: str) -> None:
    whole = _same_page(office, query)
    for limit in (1, 2, 3, 5, 100):
        pages: list[search.PersonRow] = []
        for offset in range(0, len(whole) + limit, limit):
            pages += _same_page(office, query, limit=limit, offset=offset)
        assert pages == whole
    for limit, offset in ((0, 0), (3, 100), (1, len(whole) - 1), (2, 1)):
        _same_page(office, query, limit=limit, offset=offset)
    assert office.reader.page(office.by, query) == whole[:100]  # 100 a page by default


def test_a_dense_word_walks_the_list(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a low threshold the common word takes the other strategy: still the same rows."""
    walked: list[bool] = []
    original = PeopleReader._is_dense

    def spy(self: PeopleReader, word: tuple[search_words.Rule, ...]) -> bool:
        walked.append(original(self, word))
        return walked[-1]

    monkeypatch.setattr(PeopleReader, "_is_dense", spy)
    monkeypatch.setattr(search_words, "DENSE", 3)
    assert [r.name for r in _same_page(office, "a")]  # "a" starts more than 3 keys
    assert walked == [True]
    walked.clear()
    _same_page(office, "kaka a")  # "a" is dense, "kaka" rare: kaka first
    assert walked == [False, True]


def test_only_a_present_active_user_reads(office: Office) -> None:
    for by, message in ((None, "Log in as a user first"),
                        (office.vera, "no longer exists or was deactivated"),
                        (uuid.uuid4(), "no longer exists or was deactivated")):
        with office.store.session() as db, pytest.raises(NotAllowed) as through_service:
            search.search(db, by, "")
        with pytest.raises(NotAllowed, match=message) as err:
            office.reader.page(by, "")
        assert str(err.value) == str(through_service.value)
        with pytest.raises(NotAllowed, match=message):
            office.reader.count(by, "ali")
    assert office.reader.count(office.bram, "") == 13  # any active user, whatever the role


def test_injection_does_no_harm(office: Office) -> None:
    for query in ("'; DROP TABLE persons; --", "Robert'); DROP TABLE search_keys;--",
                  "x' UNION SELECT id FROM users --", "1; DELETE FROM persons"):
        assert office.reader.page(office.by, query) == []
        assert office.reader.count(office.by, query) == 0
    assert office.reader.count(office.by, "") == 13
    assert office.reader.count(office.by, "tesfay") == 2


def test_not_ours_or_an_older_schema_goes_through_the_store(
        office_file: tuple[Path, DatabaseKey], tmp_path: Path) -> None:
    path, key = office_file
    copy = tmp_path / "older.db"
    shutil.copyfile(path, copy)
    store = open_store(Target(path=copy), key=key)
    downgrade(store.engine, "-1")
    store.close()
    assert PeopleReader.open(copy, key) is None

    other = tmp_path / "other.db"  # an SQLCipher file with the same key, not a Wegwijs one
    conn = connect(other, key)
    conn.execute("CREATE TABLE persons (id TEXT)")
    conn.commit()
    conn.close()
    assert PeopleReader.open(other, key) is None

    conn = connect(other, key)  # marked as ours but without the schema
    conn.execute(f"PRAGMA application_id = {0x57574A53}")
    conn.commit()
    conn.close()
    assert PeopleReader.open(other, key) is None


def test_the_reader_takes_an_open_connection(office: Office,
                                             office_file: tuple[Path, DatabaseKey]) -> None:
    path, key = office_file
    reader = PeopleReader(connect(path, key), str(path))
    try:
        assert reader.page(office.by, "tesfay") == office.reader.page(office.by, "tesfay")
    finally:
        reader.close()


def test_importing_the_reader_does_not_import_sqlalchemy() -> None:
    script = ("import sys\nimport app.store.people_reader\n"
              "bad = [m for m in sys.modules if m.startswith(('sqlalchemy', 'alembic', "
              "'app.store.models', 'app.services', 'app.access'))]\n"
              "assert not bad, bad\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=dict(os.environ),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
