"""A least-privilege role on PostgreSQL (issue 12): ``wegwijs server setup`` run as the owner
migrates and grants; the application role works with the data but changes no table and
only adds to and reads the audit trail. Against the test suite's real server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from app.cli import main
from app.store import Target, open_store
from app.store.models import AuditEvent, User
from app.store.server_roles import audit_table, data_tables, grant_statements, setup_script
from app.vocabulary import UserRole

pytestmark = pytest.mark.pg


@dataclass(frozen=True)
class Server:
    owner_url: str
    app_url: str
    app_role: str
    admin_url: str  # the test server's superuser, on the office's database


def _privileges(url: str, role: str) -> list[tuple[str, ...]]:
    """Every right ``role`` holds in the database, and whether it may create in the schema."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = [tuple(r) for r in conn.execute(text(
                "SELECT table_name, privilege_type FROM information_schema.role_table_grants "
                "WHERE grantee = :r ORDER BY 1, 2"), {"r": role})]
            rows += [tuple(r) for r in conn.execute(text(
                "SELECT c.relname, has_sequence_privilege(:r, c.oid, 'USAGE')::text "
                "FROM pg_class c WHERE c.relkind = 'S' ORDER BY 1"), {"r": role})]
            rows.append(("schema create", str(conn.execute(text(
                "SELECT has_schema_privilege(:r, 'public', 'CREATE')"), {"r": role}).scalar())))
            rows.append(("functions", str(conn.execute(text(
                "SELECT count(*) FROM pg_proc WHERE proname LIKE 'wegwijs_%'")).scalar())))
    finally:
        engine.dispose()
    return rows


@pytest.fixture
def server(pg_server_url: str) -> Iterator[Server]:
    """An owner and an application role (with passwords), and an empty database the owner
    owns; all removed afterwards."""
    tag = uuid.uuid4().hex[:8]
    owner, app_role, name = f"owner_{tag}", f"app_{tag}", f"office_{tag}"
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {owner} LOGIN PASSWORD 'owner pw {tag}'"))
        conn.execute(text(f"CREATE ROLE {app_role} LOGIN PASSWORD 'app pw {tag}'"))
        conn.execute(text(f'CREATE DATABASE "{name}" OWNER {owner}'))
    base = make_url(pg_server_url).set(database=name)
    try:
        yield Server(
            owner_url=base.set(username=owner, password=f"owner pw {tag}").render_as_string(False),
            app_url=base.set(username=app_role, password=f"app pw {tag}").render_as_string(False),
            app_role=app_role, admin_url=base.render_as_string(False))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f"DROP ROLE IF EXISTS {app_role}"))
            conn.execute(text(f"DROP ROLE IF EXISTS {owner}"))
        admin.dispose()


def _setup(server: Server, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    code = main(["--lang", "en", "server", "setup", "--db", server.owner_url,
                 "--app-role", server.app_role])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_the_sql_covers_every_table_and_keeps_the_audit_append_only() -> None:
    statements = grant_statements("wegwijs_app")
    audit = audit_table()
    assert audit == "audit_events" and audit not in data_tables()
    for table in data_tables():
        assert (f"GRANT SELECT, INSERT, UPDATE, DELETE ON public.{table} TO wegwijs_app"
                in statements)
    grants = [s for s in statements if s.startswith("GRANT") and f".{audit} " in s]
    assert grants == [f"GRANT SELECT, INSERT ON public.{audit} TO wegwijs_app"]
    assert "REVOKE CREATE ON SCHEMA public FROM wegwijs_app" in statements
    with pytest.raises(Exception, match="cannot be used"):
        grant_statements("x; DROP TABLE persons")


def test_the_shipped_sql_file_is_generated_from_the_code() -> None:
    from pathlib import Path

    shipped = Path(__file__).resolve().parents[2] / "docs" / "server-setup.sql"
    assert shipped.read_text(encoding="utf-8") == setup_script("wegwijs_app"), (
        "regenerate: wegwijs server setup --sql > docs/server-setup.sql")


def test_the_app_role_works_with_the_data_and_changes_no_table(
        server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    from app.privacy import erasure
    from app.services import persons

    out = _setup(server, capsys)
    assert "Created the schema" in out and "GRANT SELECT, INSERT ON public.audit_events" in out
    store = open_store(Target(url=server.app_url))  # at the newest revision: no DDL needed
    try:
        with store.session() as db:
            assert db.execute(text("SELECT current_user")).scalar() == server.app_role
            u = User(username="cora", display_name="Cora", role=UserRole.COORDINATOR)
            db.add(u)
            db.flush()
            person = persons.create_person(db, u.id, persons.PersonFields(given_names="Luwam"))
            pid, uid = person.id, u.id
        with store.session() as db:
            lines = list(db.scalars(select(AuditEvent).where(AuditEvent.person_id == pid)))
            assert lines and all(line.user_id == uid for line in lines)
        # The right to erasure still holds: the owner's function removes the person's lines.
        assert erasure.erase_people(store, uid, [pid]) == 1
        with store.session() as db:
            assert not list(db.scalars(select(AuditEvent).where(AuditEvent.person_id == pid)))
            assert db.scalars(select(AuditEvent).where(AuditEvent.detail == "erased")).first()
        with store.engine.connect() as conn:
            for sql in ("CREATE TABLE mine (x int)", "ALTER TABLE persons ADD COLUMN y int",
                        "DROP TABLE drafts", f"UPDATE {audit_table()} SET detail = 'x'",
                        f"DELETE FROM {audit_table()}", f"TRUNCATE {audit_table()}",
                        "UPDATE alembic_version SET version_num = 'x'"):
                with pytest.raises(ProgrammingError, match="permission denied|must be owner"):
                    with conn.begin():
                        conn.execute(text(sql))
            # The erasure function removes nothing about someone who still exists (a user).
            count = f"SELECT count(*) FROM {audit_table()}"
            with conn.begin():
                lines = conn.execute(text(count)).scalar()
                conn.execute(text("SELECT wegwijs_erase_audit(:u)"), {"u": uid})
                assert conn.execute(text(count)).scalar() == lines
    finally:
        store.close()


def test_setup_twice_changes_nothing(server: Server,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    _setup(server, capsys)
    before = _privileges(server.admin_url, server.app_role)
    out = _setup(server, capsys)
    assert "nothing to migrate" in out
    assert _privileges(server.admin_url, server.app_role) == before
    assert ("schema create", "False") in before


def test_a_migration_the_app_role_may_not_run_says_what_to_do(
        server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    from app.errors import StoreError
    from app.store.schema import downgrade

    _setup(server, capsys)
    owner = create_engine(server.owner_url)
    try:
        downgrade(owner, "0002")
    finally:
        owner.dispose()
    with pytest.raises(StoreError, match="wegwijs server setup"):
        open_store(Target(url=server.app_url))
    out = _setup(server, capsys)  # the owner upgrades; the app role opens again
    assert "Migrated the schema" in out
    open_store(Target(url=server.app_url)).close()


def test_setup_refuses_the_app_role_itself_and_a_missing_role(
        server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "server", "setup", "--db", server.app_url, "--app-role",
                 server.app_role]) == 1
    assert "not as the application role" in capsys.readouterr().err
    assert main(["--lang", "en", "server", "setup", "--db", server.owner_url, "--app-role",
                 "nobody_here"]) == 1
    assert "There is no role nobody_here" in capsys.readouterr().err
