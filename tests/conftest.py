"""Shared fixtures: fresh encrypted SQLite and PostgreSQL stores per test, from templates.

GUI tests run on Qt's offscreen platform with one QApplication for the session.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WEGWIJS_LOG_LEVEL", "WARNING")
os.environ.setdefault("WEGWIJS_CACHE_DIR", tempfile.mkdtemp(prefix="wegwijs-test-cache-"))

import pg_server  # noqa: E402
import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.store import Store, Target, create_store, open_store  # noqa: E402
from app.store.keys import DatabaseKey, key_for_file  # noqa: E402
from app.store.models import User  # noqa: E402
from app.vocabulary import UserRole  # noqa: E402

PASSPHRASE = "test passphrase 'quoted\" ; é"


@pytest.fixture(autouse=True)
def source_language() -> Iterator[None]:
    """Core tests read messages in the source language (English); GUI tests choose Dutch."""
    from app.i18n import interface_language, set_interface_language

    before = interface_language()
    set_interface_language("en")
    yield
    set_interface_language(before)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DatabaseKey]:
    """An empty, migrated encrypted database made once; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    create_store(Target(path=path), PASSPHRASE).close()
    return path, key_for_file(path, PASSPHRASE)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    started = pg_server.start()
    if started is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed; CI must install it (.ci/run)")
        pytest.skip("PostgreSQL is not installed here (apt-get install postgresql)")
    url, cluster = started
    try:
        yield url
    finally:
        if cluster is not None:
            cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server_url: str) -> str:
    """A migrated template database on the test server; tests get copies."""
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    name = f"wegwijs_template_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(pg_server_url).set(database=name).render_as_string(False)
    create_store(Target(url=url)).close()
    return name


def _fresh_pg(server_url: str, template: str) -> tuple[str, str]:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    name = f"wegwijs_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    admin.dispose()
    return name, make_url(server_url).set(database=name).render_as_string(False)


def _drop_pg(server_url: str, name: str) -> None:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sqlite_store(sqlite_template: tuple[Path, DatabaseKey], tmp_path: Path) -> Iterator[Store]:
    src, key = sqlite_template
    path = tmp_path / "wegwijs.db"
    shutil.copyfile(src, path)
    store = open_store(Target(path=path), key=key)
    yield store
    store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def store(request: pytest.FixtureRequest, sqlite_template: tuple[Path, DatabaseKey],
          tmp_path: Path) -> Iterator[Store]:
    """A fresh, empty store: runs the test once on SQLCipher and once on PostgreSQL."""
    if request.param == "sqlite":
        src, key = sqlite_template
        path = tmp_path / "wegwijs.db"
        shutil.copyfile(src, path)
        s = open_store(Target(path=path), key=key)
        yield s
        s.close()
        return
    server = request.getfixturevalue("pg_server_url")
    template = request.getfixturevalue("pg_template")
    name, url = _fresh_pg(server, template)
    s = open_store(Target(url=url))
    yield s
    s.close()
    _drop_pg(server, name)


@pytest.fixture
def user(store: Store) -> uuid.UUID:
    """A case manager who does the work in service tests."""
    with store.session() as db:
        u = User(username="anna", display_name="Anna de Vries", role=UserRole.CASE_MANAGER)
        db.add(u)
        db.flush()
        return u.id


# PySide6 can crash while the interpreter tears down the last Qt objects of a long GUI run
# ("bool_dealloc", exit code 134) after every test has passed and been reported. The verdict
# is pytest's: once the summary is written, leave without that teardown. (The real program's
# own exit is checked by tests/end2end, which run it as a separate process.)
_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if _EXIT_STATUS and "PySide6.QtWidgets" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])
