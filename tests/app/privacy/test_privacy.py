"""No personal data in log files or temporary files, even at DEBUG level and on errors."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest
from acting import acting
from sqlalchemy.exc import IntegrityError

from app import logs
from app.errors import WegwijsError
from app.privacy import export, report
from app.services import persons, search

NAME = "Quennerstraat"
GIVEN = "Zewditu"


@pytest.fixture
def debug_log(tmp_path: Path):
    path = tmp_path / "wegwijs.log"
    logs.configure("DEBUG", path)
    yield path
    logs.configure("WARNING")


def test_nothing_personal_in_logs_or_temp_files(store, user, debug_log: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    with store.session() as db:
        p = persons.create_person(db, user, persons.PersonFields(
            given_names=GIVEN, family_name=NAME, v_number="1234509876", phone="0612345678"))
        search.search(db, user, NAME)
        search.search(db, user, GIVEN)
        export.export(db, acting(db), "csv", tmp_path / "out" / "people.csv")
        from datetime import date

        report.render_pdf(report.build(db, date(2020, 1, 1), date(2030, 1, 1)))
    # An error that carries a stored value back from the database: the V-number duplicate.
    with pytest.raises(WegwijsError), store.session() as db:
        persons.create_person(db, user, persons.PersonFields(given_names="X",
                                                             v_number="1234509876"))
    with pytest.raises(IntegrityError), store.session() as db:  # a constraint error from the driver
        clone = persons.get_person(db, user, p.id)
        db.expunge(clone)
        db.execute(persons.Person.__table__.insert().values(
            id=clone.id, record_number=999, given_names=GIVEN, family_name=NAME, sort_name="",
            created_at=clone.created_at, updated_at=clone.updated_at, version=1))
    logging.getLogger("wegwijs").debug("done")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = debug_log.read_text(encoding="utf-8")
    assert "done" in text  # the log works
    for secret in (NAME, GIVEN, "1234509876", "0612345678"):
        assert secret not in text
        for f in temp.rglob("*"):
            if f.is_file():
                assert secret.encode() not in f.read_bytes(), f
