"""The same merge on an office's PostgreSQL server: a server database joins the office from a
join file, a laptop syncs with it directly (``wegwijs sync --with URL``), and files work too."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from acting import acting
from exchange_replicas import conflicts, exchange, first_laptop, snapshot
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.exchange import join
from app.services import persons
from app.store import Target
from app.store.models import Person


@pytest.mark.pg
def test_a_server_database_joins_and_exchanges_like_a_laptop(pg_server_url: str,
                                                             tmp_path: Path) -> None:
    name = f"wegwijs_exchange_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_server_url).set(database=name).render_as_string(False)
    laptop = first_laptop(tmp_path / "a.db")
    server = None
    try:
        with laptop.session() as db:
            pid = persons.create_person(db, acting(db), persons.PersonFields(
                given_names="Amal", family_name="Haddad", v_number="2612345678")).id
            sealed, made = join.make_join_bytes(db, acting(db))
        server, _recovery, summary = join.join(Target(url=url), "", sealed, made.code)
        assert summary.people_new == 1
        for store, fields in ((laptop, {"phone": "0611111111", "nickname": "Ami"}),
                              (server, {"phone": "0622222222", "address": "Kerkstraat 1"})):
            with store.session() as db:
                person = db.get(Person, pid)
                persons.update_person(db, acting(db), pid, person.version,
                                      persons.PersonFields(**fields))
        with server.session() as db:
            assert persons.create_person(db, acting(db), persons.PersonFields(
                given_names="Yonas")).record_code == "W-1000001"
        from app.exchange import sync

        with laptop.session() as db:
            by = acting(db)
        there, here = sync.sync(laptop, server, by)  # wegwijs sync --with URL
        assert there.changes > 0 and here.changes > 0 and here.people_new == 1
        again = sync.sync(laptop, server, by)
        assert again[0].changes == again[1].changes == 0
        exchange(server, laptop)  # files and sync mix
        assert snapshot(laptop) == snapshot(server)
        assert conflicts(laptop) == conflicts(server) == {("persons", pid.hex, "phone")}
        with server.session(read_only=True) as db:
            person = db.get(Person, pid)
            assert (person.nickname, person.address) == ("Ami", "Kerkstraat 1")
    finally:
        laptop.close()
        if server is not None:
            server.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.pg
def test_after_a_rotation_a_sync_brings_the_new_exchange_key_to_the_server_and_on(
        pg_server_url: str, tmp_path: Path) -> None:
    """A data key rotation on a laptop gives the office a new exchange key; syncing with the
    server carries it there (the server makes no file with the old key), and from the server to
    a laptop that had the old one, which then exchanges files with the first again."""
    from exchange_replicas import join_from

    from app.access import rotation
    from app.exchange import sync, transfer

    name = f"wegwijs_exchange_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_server_url).set(database=name).render_as_string(False)
    a = first_laptop(tmp_path / "a.db")
    b = join_from(a, tmp_path / "b.db")
    server = None

    def key(store) -> tuple[int, bytes]:  # noqa: ANN001
        with store.session(read_only=True) as db:
            return transfer.key_generation(db), transfer.office_key(db)[1]

    try:
        with a.session() as db:
            by = acting(db)
            sealed, made = join.make_join_bytes(db, by)
        server, _recovery, _summary = join.join(Target(url=url), "", sealed, made.code)
        assert rotation.rotate(a, by).exchange_key
        assert key(server) != key(a)
        there, _here = sync.sync(a, server, by)
        assert there.new_exchange_key and key(server) == key(a)
        _there, here = sync.sync(b, server, by)
        assert here.new_exchange_key and key(b) == key(a)
        with b.session() as db:
            persons.create_person(db, acting(db), persons.PersonFields(given_names="Yonas"))
        exchange(b, a)
        assert snapshot(a) == snapshot(b)
    finally:
        a.close()
        b.close()
        if server is not None:
            server.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
