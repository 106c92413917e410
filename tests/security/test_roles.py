"""Roles hold outside the window (issue 12, point 1): every command-line command, for every role,
for the office passphrase alone and for a deactivated user, is refused or allowed as the table
below says, before anything is read or written; the audit lines name the user.

The table is checked against ``app.cli.COMMANDS``: a new command without a row fails here.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from acting import user_named
from cli_login import CORA, new_office

from app import cli
from app.cli import main

PASS = "the office passphrase for roles"
PASSWORDS = {"cora": CORA, "bram": "Bram's own password", "vera": "Vera's own password",
             "dirk": "Dirk's own password"}
ROLES = {"volunteer": "vera", "case_manager": "bram", "coordinator": "cora"}
# Who runs the command: a role's user with their own password, the office passphrase alone,
# or a deactivated user.
ACTORS = (*ROLES, "no user", "deactivated")

# Who may: "all" (nothing personal: no user needed), "user" (any active user), or the roles.
ALL, USER = "all", "user"
EVERY_ROLE = frozenset(ROLES)
COORDINATOR = frozenset({"coordinator"})
CASEWORK = frozenset({"case_manager", "coordinator"})


@dataclass(frozen=True)
class Office:
    root: Path
    db: Path
    planned: str  # a record number with a plan
    backup: Path


Argv = Callable[[Office, Path, str], list[str]]

# command -> [(variant, argv(office, tmp_path, actor), who may)]
TABLE: dict[str, list[tuple[str, Argv, str | frozenset[str]]]] = {
    "init": [("new database", lambda o, t, a: ["--db", str(t / "new.db"), "init"], ALL)],
    "translations": [("review state", lambda o, t, a: ["translations"], ALL)],
    "questionnaire": [("blank", lambda o, t, a: ["questionnaire", "--blank", "short_intake",
                                                 "--lang", "ti", "--out", str(t / "q.pdf")],
                       ALL)],
    "card": [
        ("blank", lambda o, t, a: ["card", "--blank", "--lang", "nl", "--out",
                                   str(t / "blank.pdf")], ALL),
        ("person", lambda o, t, a: ["card", "W-00001", "--lang", "ar", "--out",
                                    str(t / "card.pdf")], USER),
    ],
    "persons": [("list", lambda o, t, a: ["persons"], USER)],
    "demo": [("one more", lambda o, t, a: ["demo", "--persons", "1"], USER)],
    "report": [("overview", lambda o, t, a: ["report", "--from", "2020-01-01", "--to",
                                             "2030-12-31", "--out", str(t / "r.pdf")], USER)],
    "plan": [("print", lambda o, t, a: ["plan", o.planned, "--lang", "nl", "--out",
                                        str(t / "plan.pdf")],
              frozenset({"case_manager", "coordinator"}))],
    "handover": [
        ("with consent", lambda o, t, a: ["handover", "W-00001", "--partner", "Taalhuis",
                                          "--out", str(t / "h.pdf")], USER),
        ("override", lambda o, t, a: ["handover", "W-00002", "--partner", "GGD", "--out",
                                      str(t / "h.pdf"), "--override-reason",
                                      "Acute danger to life, consent cannot be asked."],
         COORDINATOR),
    ],
    "access": [("subject access", lambda o, t, a: ["access", "W-00001", "--out",
                                                   str(t / "a.json")], COORDINATOR)],
    "export": [("csv", lambda o, t, a: ["export", "--format", "csv", "--out",
                                        str(t / "all.csv")], COORDINATOR)],
    "backup": [("now", lambda o, t, a: ["backup", "--to", str(t / "usb")], COORDINATOR)],
    "restore": [("a backup", lambda o, t, a: ["--db", str(_copy(o, t)), "restore",
                                              str(o.backup)], COORDINATOR)],
    "users": [
        ("list", lambda o, t, a: ["users", "list"], COORDINATOR),
        ("add", lambda o, t, a: ["users", "add", f"new-{a.replace(' ', '-')}", "--role",
                                 "volunteer", "--password-file", str(_password_file(t))],
         COORDINATOR),
        ("deactivate", lambda o, t, a: ["--db", str(_copy(o, t)), "users", "deactivate",
                                        "bram"], COORDINATOR),
    ],
    "keys": [
        ("rotate", lambda o, t, a: ["--db", str(_copy(o, t)), "keys", "rotate"], COORDINATOR),
        ("own password", lambda o, t, a: ["--db", str(_copy(o, t)), "keys", "password",
                                          "--password-file", str(_password_file(t))], USER),
    ],
    "contact": [("log", lambda o, t, a: ["contact", "W-00001", "--kind", "visit"], USER)],
    "contacts": [("list", lambda o, t, a: ["contacts", "W-00001"], USER)],
    "followup": [("add", lambda o, t, a: ["followup", "W-00001", "--due", "01-01-2030",
                                          "--what", "GP"], USER)],
    "followups": [("mine", lambda o, t, a: ["followups"], USER)],
    "referral": [("make", lambda o, t, a: ["referral", "W-00001", "--partner", "Taalhuis"],
                  USER)],
    "referrals": [("open", lambda o, t, a: ["referrals", "--open"], USER)],
    "deadlines": [("list", lambda o, t, a: ["deadlines"], USER)],
    "caseload": [
        ("list", lambda o, t, a: ["caseload"], USER),
        ("assign", lambda o, t, a: ["--db", str(_copy(o, t)), "caseload", "--assign",
                                    "W-00002", "--to", "bram"], CASEWORK),
    ],
    "stay": [("start", lambda o, t, a: ["--db", str(_copy(o, t)), "stay", "W-00003",
                                        "--start", "01-11-2026"], CASEWORK)],
    "team": [
        ("pending", lambda o, t, a: ["team"], USER),
        ("record", lambda o, t, a: ["team", "W-00001", "--outcome", "admit", "--participants",
                                    "Bram, Cora, GGD", "--reason",
                                    "Very vulnerable; the team admits all the same."],
         CASEWORK),
    ],
    "merge": [("preview", lambda o, t, a: ["merge", "W-00001", "W-00002", "--preview"],
               CASEWORK)],
    "office": [
        ("show", lambda o, t, a: ["office", "show"], COORDINATOR),
        ("set", lambda o, t, a: ["--db", str(_copy(o, t)), "office", "set", "--phone",
                                 "023-532 4567"], COORDINATOR),
    ],
    "card-contacts": [
        ("list", lambda o, t, a: ["card-contacts", "list"], COORDINATOR),
        ("import", lambda o, t, a: ["--db", str(_copy(o, t)), "card-contacts", "import",
                                    str(_contacts_file(o.root))], COORDINATOR),
    ],
    "exchange": [
        ("export", lambda o, t, a: ["exchange", "export", "--out", str(t / "x.wegwijs-exchange")],
         USER),
        ("import", lambda o, t, a: ["--db", str(_copy(o, t)), "exchange", "import",
                                   str(_exchange_file(o, t))], USER),
        ("join file", lambda o, t, a: ["--db", str(_copy(o, t)), "exchange", "join-file",
                                       "--out", str(t / "j.wegwijs-join")], COORDINATOR),
        ("conflicts", lambda o, t, a: ["exchange", "conflicts"], USER),
        ("key file", lambda o, t, a: ["exchange", "key-file", "--out",
                                      str(t / "k.wegwijs-key")], COORDINATOR),
        ("take key", lambda o, t, a: ["--db", str(_copy(o, t)), "exchange", "take-key",
                                      *_key_file(o, t)], COORDINATOR),
    ],
    # Another database of the office (here a copy; as a rule the office's server).
    "sync": [("with a copy", lambda o, t, a: ["--db", str(_copy(o, t)), "sync", "--with",
                                              str(_copy(o, t / "other"))], USER)],
    # A new laptop has no user yet: the join file's one-time code and its own passphrase.
    "join": [("new laptop", lambda o, t, a: ["--db", str(t / "joined.db"), "join",
                                             *_join_file(o, t)], ALL)],
    # Needs the owner's server login, no Wegwijs user: nothing personal is read
    # (tests/security/test_postgresql_roles.py runs it against the server).
    "server": [("setup SQL", lambda o, t, a: ["server", "setup", "--app-role", "wegwijs_app",
                                              "--sql"], ALL)],
}
CASES = [(command, variant, actor) for command, rows in TABLE.items()
         for variant, _argv, _who in rows for actor in ACTORS]


def _copy(office: Office, tmp_path: Path) -> Path:
    """A copy of the office's database (and key file) to change without touching the rest."""
    folder = tmp_path / "copy"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("wegwijs.db", "wegwijs.db.keyring"):
        shutil.copy2(office.db.with_name(name), folder / name)
    return folder / "wegwijs.db"


def _exchange_file(office: Office, folder: Path) -> Path:
    """An exchange file of the office, made by cora through the services."""
    return _as_cora(office, folder, "exchange")


def _join_file(office: Office, folder: Path) -> list[str]:
    """A join file of the office made by cora, and the file holding its one-time code."""
    path = _as_cora(office, folder, "join")
    return [str(path), "--code-file", str(folder / "code.txt")]


def _key_file(office: Office, folder: Path) -> list[str]:
    """The office's key file made by cora, and the file holding its one-time code."""
    path = _as_cora(office, folder, "key")
    return [str(path), "--code-file", str(folder / "code.txt")]


def _as_cora(office: Office, folder: Path, kind: str) -> Path:
    from app.access.workspace import unlock
    from app.exchange import join, key_file, transfer
    from app.store import Target

    (folder / "source").mkdir(exist_ok=True)
    store = unlock(Target(path=_copy(office, folder / "source")), PASS)
    try:
        with store.session() as db:
            cora = user_named(db, "cora")
            if kind in ("join", "key"):
                sealed, made = (join.make_join_bytes if kind == "join"
                                else key_file.make_key_bytes)(db, cora.id)
                (folder / "code.txt").write_text(made.code + "\n", encoding="utf-8")
            else:
                sealed, _counts = transfer.export_bytes(db, cora.id)
    finally:
        store.close()
    path = folder / f"in.wegwijs-{kind}"
    path.write_bytes(sealed)
    return path


def _contacts_file(folder: Path) -> Path:
    path = folder / "contacts.csv"
    path.write_text("role;organisation;phone\ngp;Huisarts Noord;023-533 1234\n",
                    encoding="utf-8")
    return path


def _password_file(tmp_path: Path) -> Path:
    path = tmp_path / "new.pw"
    path.write_text("A new user's password\n", encoding="utf-8")
    return path


def test_every_command_has_a_rule_here_and_in_the_cli() -> None:
    commands = {c for c in cli.COMMANDS if c is not None}
    assert commands == set(TABLE), "a command without a row in TABLE: add who may run it"
    assert commands <= set(cli.RULES), "a command without a rule in app.cli.RULES"


def _as(monkeypatch: pytest.MonkeyPatch, actor: str) -> None:
    if actor == "no user":
        monkeypatch.delenv("WEGWIJS_USER", raising=False)
        monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASS)
    elif actor == "deactivated":  # the office passphrase opens the file; dirk is refused
        monkeypatch.setenv("WEGWIJS_USER", "dirk")
        monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASS)
    else:
        name = ROLES[actor]
        monkeypatch.setenv("WEGWIJS_USER", name)
        monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASSWORDS[name])


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    """cora (coordinator), bram (case manager), vera (volunteer), dirk (deactivated), three
    people, a consent for Taalhuis and a backup."""
    from sqlalchemy import select

    from app.access.workspace import unlock
    from app.services import consents, persons
    from app.store.models import PerspectivePlan
    from app.store.target import resolve_target

    root = tmp_path_factory.mktemp("roles")
    with pytest.MonkeyPatch.context() as mp:
        new_office(mp, root, PASS)
        for name, role in (("bram", "case_manager"), ("vera", "volunteer"),
                           ("dirk", "volunteer")):
            (root / f"{name}.pw").write_text(PASSWORDS[name] + "\n", encoding="utf-8")
            assert main(["users", "add", name, "--role", role, "--password-file",
                         str(root / f"{name}.pw")]) == 0
        assert main(["users", "deactivate", "dirk"]) == 0
        assert main(["demo", "--persons", "3", "--seed", "2"]) == 0
        assert main(["backup", "--to", str(root / "backups")]) == 0
        (backup,) = (root / "backups").glob("*.wegwijs-backup")
        store = unlock(resolve_target(None), PASS)
        try:
            with store.session() as db:
                cora = user_named(db, "cora")
                assert cora is not None
                person = persons.resolve(db, cora.id, "W-00001")
                consents.give_consent(db, cora.id, person.id, purpose="Taalcursus",
                                      partner="Taalhuis", scope=["contact"])
                planned = next(p.person.record_code for p in db.scalars(select(PerspectivePlan)))
        finally:
            store.close()
        yield Office(root, root / "data" / "wegwijs.db", planned, backup)


@pytest.mark.parametrize(("command", "variant", "actor"), CASES,
                         ids=[f"{c}-{v}-{a}".replace(" ", "_") for c, v, a in CASES])
def test_each_command_for_each_role(office: Office, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str], command: str,
                                    variant: str, actor: str) -> None:
    argv, who = next((a, w) for v, a, w in TABLE[command] if v == variant)
    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(office.root / "data"))
    monkeypatch.delenv("WEGWIJS_DB", raising=False)
    _as(monkeypatch, actor)
    args = argv(office, tmp_path, actor)
    capsys.readouterr()
    code = main(["--lang", "en", *args])
    err = capsys.readouterr().err
    may = who == ALL or (who == USER and actor in ROLES) or (actor in who)
    if may:
        assert code == 0, err
        return
    assert code == 1 and err.startswith("wegwijs: ") and err.count("\n") == 1, err
    if actor == "no user":
        assert "office passphrase alone opens nothing personal" in err
    elif actor == "deactivated":
        assert "dirk was deactivated" in err
    else:
        assert f"Your role ({actor.replace('_', ' ')}) may not" in err
    outputs = [p for p in tmp_path.rglob("*") if p.is_file()
               and p.suffix in (".pdf", ".json", ".csv", ".xlsx", ".wegwijs-backup")]
    assert outputs == [], "a refused command wrote nothing"


def test_a_deactivated_users_own_password_opens_nothing(
        office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(office.root / "data"))
    monkeypatch.setenv("WEGWIJS_USER", "dirk")
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASSWORDS["dirk"])
    assert main(["--lang", "en", "persons"]) == 1
    assert "deactivated" in capsys.readouterr().err


def test_the_first_coordinator_only_on_an_empty_database(
        office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """With the office passphrase alone, ``users add`` adds no one once a user exists."""
    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(office.root / "data"))
    monkeypatch.delenv("WEGWIJS_USER", raising=False)
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASS)
    assert main(["--lang", "en", "users", "add", "mallory", "--role", "coordinator",
                 "--password-file", str(_password_file(tmp_path))]) == 1
    assert "opens nothing personal" in capsys.readouterr().err


def test_audit_lines_from_the_command_line_name_the_user(
        office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import select

    from app.access.workspace import unlock
    from app.services import users
    from app.store.models import AuditEvent
    from app.store.target import resolve_target

    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(office.root / "data"))
    monkeypatch.delenv("WEGWIJS_DB", raising=False)
    since = datetime.now(UTC)
    done = {}
    for actor, argv in (("volunteer", ["card", "W-00001", "--lang", "nl"]),
                        ("coordinator", ["card", "W-00002", "--lang", "nl"]),
                        ("case_manager", ["plan", office.planned, "--lang", "nl"]),
                        ("coordinator", ["access", "W-00001"]),
                        ("coordinator", ["export", "--format", "csv"])):
        _as(monkeypatch, actor)
        suffix = {"access": ".json", "export": ".csv"}.get(argv[0], ".pdf")
        out = tmp_path / f"{uuid.uuid4().hex}{suffix}"
        assert main([*argv, "--out", str(out)]) == 0
        done[argv[0]] = ROLES[actor]
    store = unlock(resolve_target(None), PASS)
    try:
        with store.session() as db:
            ids = {u.id: u.username for u in users.list_users(db, user_named(db, "cora").id,
                                                          active_only=False)}
            lines = list(db.scalars(select(AuditEvent).where(AuditEvent.at >= since)))
    finally:
        store.close()
    assert lines and all(line.user_id is not None for line in lines)
    by_action = {(line.action, line.entity): ids[line.user_id] for line in lines}
    assert by_action[("export", "persons")] == "cora"
    assert ("print", "card") in by_action
    assert {ids[line.user_id] for line in lines} >= {"vera", "cora", "bram"}


def test_no_role_grants_nothing_in_the_services(store) -> None:  # noqa: ANN001
    from app.access.permissions import Permission, allowed, require
    from app.errors import NotAllowed
    from app.privacy import export
    from app.services import audit

    assert not any(allowed(None, p) for p in Permission)
    with pytest.raises(NotAllowed):
        require(None, Permission.EXPORT)
    with store.session() as db:
        with pytest.raises(NotAllowed):
            export.export(db, None, "csv", Path("never-written.csv"))
        with pytest.raises(NotAllowed):
            audit.history(db, None, uuid.uuid4())
    assert not Path("never-written.csv").exists()
