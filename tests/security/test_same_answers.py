"""The window, the command line and PostgreSQL give the same answers for the same user (issue 12).

One office, made the same way on an encrypted SQLite file and on the real PostgreSQL server:
cora (coordinator), bram (case manager), vera (volunteer), two people, a plan. For each user
and each act that needs a right, three doors are asked:

- the command line (``wegwijs … --user NAME`` with the user's own password): exit code 0 or a
  one-line refusal;
- the service the window calls, as that user: a result or NotAllowed;
- the window itself: whether the control for it is enabled (or shown) for that user;

and they must agree, on both databases. The People list reads the same record numbers from the
command line as from the window's search, for every user, on both databases.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from acting import user_named
from sqlalchemy import select

from app.access.workspace import add_user, initialise
from app.cli import main
from app.errors import NotAllowed
from app.store import Store, Target, open_store
from app.store.models import User
from app.vocabulary import UserRole

pytestmark = pytest.mark.gui

PASSWORDS = {"cora": "Cora's own password", "bram": "Bram's own password",
             "vera": "Vera's own password"}
ROLES = {"cora": UserRole.COORDINATOR, "bram": UserRole.CASE_MANAGER, "vera": UserRole.VOLUNTEER}


@dataclass
class Office:
    db: str  # what --db names
    store: Store
    ids: dict[str, uuid.UUID]
    planned: uuid.UUID  # a person with a plan
    plain: uuid.UUID  # a person without consent or plan


def _fill(store: Store) -> Office:
    from app.services import persons, plans

    ids: dict[str, uuid.UUID] = {}
    for name in ("cora", "bram", "vera"):
        by = ids.get("cora")
        ids[name] = add_user(store, by, name, name.title(), ROLES[name], PASSWORDS[name]).id
    with store.session() as db:
        a = persons.create_person(db, ids["bram"], persons.PersonFields(
            given_names="Amal", family_name="Haddad", document_language="ar"))
        b = persons.create_person(db, ids["vera"], persons.PersonFields(
            given_names="Tesfay", family_name="Gebre", document_language="ti"))
        plans.create_plan(db, ids["bram"], a.id, plans.PlanFields(perspective="return"))
    return Office("", store, ids, a.id, b.id)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Office]:
    if request.param == "sqlite":
        target = Target(path=tmp_path / "office.db")
        store = initialise(target, "the office passphrase of same answers")
        made = _fill(store)
        made.db = str(target.path)
    else:
        from conftest import _fresh_pg

        server = request.getfixturevalue("pg_server_url")
        _name, url = _fresh_pg(server, request.getfixturevalue("pg_template"))
        store = open_store(Target(url=url))
        made = _fill(store)
        made.db = url
    yield made
    made.store.close()


def _cli(office: Office, name: str, argv: list[str], monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str]) -> tuple[bool, str]:
    monkeypatch.setenv("WEGWIJS_USER", name)
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASSWORDS[name])
    capsys.readouterr()
    code = main(["--lang", "en", "--db", office.db, *argv])
    out = capsys.readouterr()
    assert code in (0, 1), out.err
    if code:
        assert "may not" in out.err, out.err  # refused for the role, not for another reason
    return code == 0, out.out


def _service(office: Office, act: str, by: uuid.UUID, tmp_path: Path) -> bool:
    """The service the window calls for ``act``, as ``by``: True when it does it."""
    from app.printing import document_data
    from app.privacy import export, handover, subject_access

    try:
        with office.store.session() as db:
            if act == "export":
                export.export(db, by, "csv", tmp_path / f"{uuid.uuid4().hex}.csv")
            elif act == "access":
                subject_access.collect(db, by, office.planned)
            elif act == "plan":
                person = db.get(__import__("app.store.models", fromlist=["Person"]).Person,
                                office.planned)
                document_data.person_plan(db, by, person.record_code, "nl")
            elif act == "override":
                handover.prepare(db, by, office.plain, "GGD",
                                 override_reason="Acute danger, consent cannot be asked.")
            elif act == "users":
                from app.services import users

                users.create_user(db, by, f"new{uuid.uuid4().hex[:6]}", "New", "volunteer",
                                  "a new user's password")
            db.rollback()
    except NotAllowed:
        return False
    return True


def _cli_argv(office: Office, act: str, tmp_path: Path) -> list[str]:
    out = tmp_path / uuid.uuid4().hex
    with office.store.session() as db:
        from app.store.models import Person

        planned = db.get(Person, office.planned).record_code
        plain = db.get(Person, office.plain).record_code
    return {
        "export": ["export", "--format", "csv", "--out", f"{out}.csv"],
        "access": ["access", planned, "--out", f"{out}.json"],
        "plan": ["plan", planned, "--lang", "nl", "--out", f"{out}.pdf"],
        "override": ["handover", plain, "--partner", "GGD", "--out", f"{out}.pdf",
                     "--override-reason", "Acute danger, consent cannot be asked."],
        "users": ["users", "add", f"new{uuid.uuid4().hex[:6]}", "--role", "volunteer",
                  "--password-file", str(_password_file(tmp_path))],
    }[act]


def _password_file(tmp_path: Path) -> Path:
    path = tmp_path / "new.pw"
    path.write_text("a new user's password\n", encoding="utf-8")
    return path


def _window(qtbot, office: Office, name: str) -> dict[str, bool]:  # noqa: ANN001
    """What the window offers ``name``: each control enabled (or shown) or not."""
    from tests.ui.helpers import wait_idle
    from ui.office.main_window import AppWindow
    from ui.person.person_window import PersonWindow
    from ui.session.operations import Operations
    from ui.settings.settings_dialog import SettingsDialog

    with office.store.session() as db:
        user = db.get(User, office.ids[name])
        db.expunge(user)
    ops = Operations(office.store, user.id)
    try:
        window = AppWindow(ops, user)
        qtbot.addWidget(window)
        person = PersonWindow(ops, office.planned)  # deletes itself when closed
        with qtbot.waitSignal(person.loaded, timeout=20000):
            person.show()
        settings = SettingsDialog(ops, user)
        qtbot.addWidget(settings)
        wait_idle(qtbot, ops)
        offered = {"export": window.exporter.action.isEnabled(),
                   "access": person.export_action.isVisible(),
                   "plan": person.plan.print_button.isEnabled(),
                   "users": settings.add_user_button.isEnabled()}
        for w in (settings, person, window):
            w.close()
        wait_idle(qtbot, ops)
    finally:
        ops.shutdown()
    return offered


ACTS = ("export", "access", "plan", "override", "users")


def test_the_three_doors_agree_for_every_user(office: Office, qtbot, tmp_path: Path,  # noqa: ANN001
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    expected = {  # the table of README's "The command line", one row per act
        "export": {"cora"}, "access": {"cora"}, "plan": {"cora", "bram"},
        "override": {"cora"}, "users": {"cora"},
    }
    for name in ("vera", "bram", "cora"):
        window = _window(qtbot, office, name)
        for act in ACTS:
            by_service = _service(office, act, office.ids[name], tmp_path)
            by_cli, _out = _cli(office, name, _cli_argv(office, act, tmp_path), monkeypatch,
                                capsys)
            answers = {"service": by_service, "command line": by_cli}
            if act in window:
                answers["window"] = window[act]
            assert set(answers.values()) == {name in expected[act]}, (name, act, answers)


def test_the_people_list_is_the_same_from_every_door(office: Office,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from app.services import search

    with office.store.session(read_only=True) as db:
        in_window = sorted(row.record_code for row in search.search(db, user_named(db, "vera").id, ""))
        assert len(in_window) == 2
        assert db.scalar(select(User.id).where(User.username == "vera"))
    for name in ("vera", "bram", "cora"):
        _ok, out = _cli(office, name, ["persons"], monkeypatch, capsys)
        from_cli = sorted(line.split("\t")[0] for line in out.splitlines() if line.strip())
        assert from_cli == in_window, name
