"""The card command's short path: the same card and audit line as through the store, read from
the SQLite file with plain SQL, and the same passphrase checks."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pdfplumber
import pytest
from acting import acting, user_named
from conftest import PASSPHRASE

from app import settings
from app.errors import NotFound, WrongPassphrase
from app.printing import document_data, quick_card
from app.services import audit, contacts, office, persons, users
from app.services.contacts import ContactFields
from app.store import Target, open_store
from app.store.keys import DatabaseKey
from app.store.schema import downgrade

ROOT = Path(__file__).resolve().parents[3]
CORA = "Cora's own password"  # a database without a key file: the user's password is apart
VERA = "Vera's own password"  # deactivated


@pytest.fixture
def database(sqlite_template: tuple[Path, DatabaseKey], tmp_path: Path) -> Path:
    """An office with its profile, defaults, a stored card format, and a person whose own
    contacts replace two defaults and add one more."""
    src, key = sqlite_template
    path = tmp_path / "wegwijs.db"
    shutil.copyfile(src, path)
    store = open_store(Target(path=path), key=key)
    try:
        with store.session() as db:
            office.update_profile(db, acting(db), name="Stem in de Stad", phone="023-532 4567",
                                  address="Zijlsingel 8, Haarlem", opening_hours="ma-do 10-16")
            contacts.seed_defaults(db, acting(db))
            settings.set_value(db, None, "card_format", "a6")
            person = persons.create_person(db, acting(db), persons.PersonFields(
                given_names="Yonas", family_name="Tesfay", nationality="er", status="undocumented",
                v_number="2612 345 678"))
            for fields in (ContactFields("gp", "Gezondheidscentrum Zuid", "", "023-533 1234"),
                           ContactFields("legal_aid", "Advocatenkantoor", "mr. Bakker",
                                         "020-111 2222", purpose_text="Uw asielzaak"),
                           ContactFields("other", "Taalhuis", "", "023-000 1111")):
                contacts.add_contact(db, acting(db), fields, person_id=person.id)
            users.create_user(db, acting(db), "cora", "Cora", "coordinator", CORA)
            users.set_active(db, acting(db), users.create_user(db, acting(db), "vera", "Vera", "volunteer",
                                                         VERA).id, False)
    finally:
        store.close()
    return path


def _through_store(path: Path, reference: str, lang: str, **options: object) -> bytes:
    store = open_store(Target(path=path), PASSPHRASE)
    try:
        with store.session() as db:
            return document_data.person_card(db, user_named(db, "cora").id, reference, lang,
                                             **options)
    finally:
        store.close()


def _quick(path: Path, reference: str, lang: str, **options: object) -> bytes | None:
    """The short path, as Cora (her password apart from the file's passphrase)."""
    return quick_card.person_card(path, PASSPHRASE, "cora", reference, lang, password=CORA,
                                  **options)  # type: ignore[arg-type]


def _pages(pdf: bytes) -> list[tuple[tuple[float, float], str]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [((page.width, page.height), page.extract_text() or "") for page in doc.pages]


def _pixels(pdf: bytes, folder: Path, name: str) -> list[bytes]:
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", str(folder / f"{name}.pdf"),
                    str(folder / name)], check=True)
    return [p.read_bytes() for p in sorted(folder.glob(f"{name}-*.png"))]


@pytest.mark.parametrize(("lang", "options"), [
    ("ar", {}),
    ("ti", {"show_name": True}),
    ("fa", {"fmt": "wallet", "one_sided": True}),
])
def test_the_same_card_as_through_the_store(database: Path, tmp_path: Path, lang: str,
                                            options: dict[str, object]) -> None:
    quick = _quick(database, "W-00001", lang, **options)
    assert quick is not None
    usual = _through_store(database, "W-00001", lang, **options)
    assert _pages(quick) == _pages(usual)
    assert _pixels(quick, tmp_path, "quick") == _pixels(usual, tmp_path, "usual")


def test_the_card_shows_the_persons_own_contacts_and_never_their_status(database: Path) -> None:
    pdf = _quick(database, "1", "nl", show_name=True)
    assert pdf is not None
    text = "\n".join(t for _, t in _pages(pdf))
    assert "Gezondheidscentrum Zuid" in text and "Uw asielzaak" in text and "Taalhuis" in text
    assert "Yonas Tesfay" in text and "W-00001" in text
    assert "2612" not in text and "Eritre" not in text and "undocumented" not in text.lower()


def test_the_offices_card_format_is_the_default(database: Path, tmp_path: Path) -> None:
    stored = _quick(database, "W-00001", "en")
    a6 = _quick(database, "W-00001", "en", fmt="a6")
    wallet = _quick(database, "W-00001", "en", fmt="wallet")
    assert stored and a6 and wallet
    assert _pixels(stored, tmp_path, "stored") == _pixels(a6, tmp_path, "a6")
    assert _pixels(stored, tmp_path, "stored2") != _pixels(wallet, tmp_path, "wallet")


def test_the_print_is_in_the_audit_trail(database: Path) -> None:
    before = datetime.now(UTC)
    assert _quick(database, "W-00001", "so") is not None
    store = open_store(Target(path=database), PASSPHRASE)
    try:
        with store.session() as db:
            person = persons.resolve(db, user_named(db, "cora").id, "W-00001")
            cora = user_named(db, "cora")
            event = audit.history(db, cora.id, person.id)[0]
    finally:
        store.close()
    assert (event.action, event.entity, event.detail) == ("print", "card", "so")
    assert event.entity_id == person.id and event.person_id == person.id
    assert event.user_id == cora.id  # the audit line names the user
    assert before - timedelta(seconds=1) <= event.at <= datetime.now(UTC)


def test_person_by_uuid_and_unknown_people(database: Path) -> None:
    store = open_store(Target(path=database), PASSPHRASE)
    try:
        with store.session() as db:
            person_id = persons.resolve(db, user_named(db, "cora").id, "W-00001").id
    finally:
        store.close()
    assert _quick(database, str(person_id), "en") is not None
    with pytest.raises(NotFound, match="no person W-00099"):
        _quick(database, "W-00099", "en")
    with pytest.raises(NotFound, match="no person"):
        _quick(database, str(uuid.uuid4()), "en")
    with pytest.raises(NotFound, match="record number"):
        _quick(database, "Yonas", "en")


def test_a_wrong_passphrase_is_refused_and_counted(database: Path) -> None:
    with pytest.raises(WrongPassphrase):
        quick_card.person_card(database, "not the passphrase", "cora", "W-00001", "en",
                               password=CORA)
    assert database.with_name(database.name + ".unlock").is_file()  # the slow-down remembers


def test_an_older_schema_or_a_missing_file_goes_through_the_store(database: Path) -> None:
    store = open_store(Target(path=database), PASSPHRASE)
    downgrade(store.engine, "-1")
    store.close()
    assert _quick(database, "W-00001", "en") is None
    assert _through_store(database, "W-00001", "en")  # the store upgrades it
    assert _quick(database, "W-00001", "en") is not None
    assert quick_card.person_card(database.with_name("missing.db"), PASSPHRASE, "cora",
                                  "W-00001", "en", password=CORA) is None


def test_the_card_command_does_not_import_sqlalchemy(database: Path, tmp_path: Path) -> None:
    script = ("import sys\nfrom app.cli import main\n"
              f"code = main(['--db', {str(database)!r}, 'card', 'W-00001', '--lang', 'ar', "
              f"'--out', {str(tmp_path / 'card.pdf')!r}])\n"
              "assert code == 0, code\n"
              "assert not [m for m in sys.modules if m.startswith('sqlalchemy')], 'ORM loaded'\n")
    env = dict(os.environ, WEGWIJS_PASSPHRASE=PASSPHRASE, WEGWIJS_USER="cora",
               WEGWIJS_PASSWORD=CORA)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "card.pdf").read_bytes().startswith(b"%PDF")


def test_only_an_active_user_with_their_password_prints(database: Path) -> None:
    from app.errors import NotAllowed

    with pytest.raises(NotAllowed, match="Log in"):
        quick_card.person_card(database, PASSPHRASE, "", "W-00001", "en")
    with pytest.raises(NotAllowed, match="deactivated"):
        quick_card.person_card(database, PASSPHRASE, "vera", "W-00001", "en", password=VERA)
    with pytest.raises(NotAllowed, match="does not exist"):
        quick_card.person_card(database, PASSPHRASE, "nobody", "W-00001", "en", password=CORA)
    with pytest.raises(WrongPassphrase, match="do not match"):  # the office passphrase alone
        quick_card.person_card(database, PASSPHRASE, "cora", "W-00001", "en")


def test_the_print_is_the_persons_last_contact(database: Path) -> None:
    """The short path moves the last contact as app.services.last_contact.touch does."""
    from datetime import date

    from sqlalchemy import update

    from app.store.models import Person

    store = open_store(Target(path=database), PASSPHRASE)
    try:
        with store.session() as db:
            db.execute(update(Person).values(last_contact_on=date(2023, 1, 1)))
            version = persons.resolve(db, user_named(db, "cora").id, "W-00001").version
    finally:
        store.close()
    assert _quick(database, "W-00001", "nl") is not None
    store = open_store(Target(path=database), PASSPHRASE)
    try:
        with store.session() as db:
            person = persons.resolve(db, user_named(db, "cora").id, "W-00001")
            assert (person.last_contact_on, person.version) == (date.today(), version)
    finally:
        store.close()
