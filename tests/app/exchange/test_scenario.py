"""The issue's scenario end to end: three laptops of one office, real encrypted databases and
real exchange and join files, every exchange through the command line.

The office's first laptop (Cora, coordinator) makes join files for Bram's and Vera's laptops;
each works offline for a day (new people, a plan with goals, a consent withdrawn, the same
person edited on two laptops, a person erased); the files go around in a random-looking order,
twice; afterwards every laptop holds the same data, the conflict waits on each, is resolved on
one with one click and the decision travels; nothing typed anywhere was lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_replicas import erase, snapshot
from sqlalchemy import select

from app.access import workspace
from app.cli import main
from app.exchange import conflicts
from app.services import consents, persons, plans
from app.store import Store, Target
from app.store.models import AuditEvent, Consent, Goal, Person

OFFICE = "office passphrase of the first laptop"
PASSWORDS = {"cora": "Cora's own password", "bram": "Bram's own password",
             "vera": "Vera's own password"}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("WEGWIJS_DB", raising=False)
    monkeypatch.delenv("WEGWIJS_USER", raising=False)
    monkeypatch.delenv("WEGWIJS_PASSWORD", raising=False)
    for name, password in PASSWORDS.items():
        (tmp_path / f"{name}.pw").write_text(password + "\n", encoding="utf-8")
    return tmp_path


def _as(mp: pytest.MonkeyPatch, name: str | None, secret: str | None = None) -> None:
    if name is None:
        mp.delenv("WEGWIJS_USER", raising=False)
    else:
        mp.setenv("WEGWIJS_USER", name)
    mp.setenv("WEGWIJS_PASSPHRASE", secret or PASSWORDS[name or "cora"])


def _open(db: Path, name: str) -> tuple[Store, object]:
    opened = workspace.open_for(Target(path=db), name, PASSWORDS[name])
    assert opened.user is not None, "the user's own password opens the laptop's database"
    return opened.store, opened.user.id


def _run(*argv: str) -> None:
    assert main(["--lang", "en", *argv]) == 0


def test_three_laptops_one_office(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    a, b, c = (folder / f"{n}.db" for n in ("cora", "bram", "vera"))
    # The first laptop: the office, its users and three people.
    _as(monkeypatch, None, OFFICE)
    _run("--db", str(a), "init")
    _run("--db", str(a), "users", "add", "cora", "--role", "coordinator",
         "--password-file", str(folder / "cora.pw"))
    _as(monkeypatch, "cora")
    for name, role in (("bram", "case_manager"), ("vera", "volunteer")):
        _run("--db", str(a), "users", "add", name, "--role", role,
             "--password-file", str(folder / f"{name}.pw"))
    _run("--db", str(a), "demo", "--persons", "3", "--seed", "5")

    # Two laptops join, each with its own join file, code and passphrase.
    for laptop, name in ((b, "bram"), (c, "vera")):
        _as(monkeypatch, "cora")
        capsys.readouterr()
        join_file = folder / f"{name}.wegwijs-join"
        _run("--db", str(a), "exchange", "join-file", "--out", str(join_file))
        code = capsys.readouterr().out.strip().splitlines()[-1]
        (folder / "code.txt").write_text(code + "\n", encoding="utf-8")
        _as(monkeypatch, None, f"the {name} laptop's own office passphrase")
        monkeypatch.setenv("WEGWIJS_PASSWORD", PASSWORDS[name])
        _run("--db", str(laptop), "join", str(join_file), "--code-file",
             str(folder / "code.txt"), "--me", name)
        monkeypatch.delenv("WEGWIJS_PASSWORD")
        assert b"W-0000" not in join_file.read_bytes()

    # A day offline on each laptop.
    store_a, cora = _open(a, "cora")
    store_b, bram = _open(b, "bram")
    store_c, vera = _open(c, "vera")
    stores = (store_a, store_b, store_c)
    try:
        with store_a.session() as db:
            first = persons.resolve(db, cora, "W-00001")
            p1, v1 = first.id, first.version
            p3 = persons.resolve(db, cora, "W-00003").id
            consent = consents.give_consent(db, cora, p1, purpose="Taalcursus",
                                            partner="Taalhuis", scope=["contact"],
                                            given_on="01-01-2026").id
        _as(monkeypatch, "cora")
        _run("--db", str(a), "exchange", "export", "--out", str(folder / "a0.wegwijs-exchange"))
        for laptop, name in ((b, "bram"), (c, "vera")):
            _as(monkeypatch, name)
            _run("--db", str(laptop), "exchange", "import", str(folder / "a0.wegwijs-exchange"))

        with store_a.session() as db:  # Cora: phone and address of person 1
            persons.update_person(db, cora, p1, v1, persons.PersonFields(
                phone="0611111111", address="Zijlstraat 1"))
        with store_b.session() as db:  # Bram, the same person: another phone, a plan
            person = db.get(Person, p1)
            persons.update_person(db, bram, p1, person.version, persons.PersonFields(
                phone="0622222222", nickname="Sami"))
            plan = plans.create_plan(db, bram, p1, plans.PlanFields())
            plans.add_goal(db, bram, plan.id, plans.GoalFields(domain="language",
                                                                description="Dutch A2"))
            consents.withdraw_consent(db, bram, consent, withdrawn_on="01-06-2026")
            bram_new = persons.create_person(db, bram, persons.PersonFields(
                given_names="Yonas", family_name="Tesfamariam")).record_code
        with store_c.session() as db:  # Vera: a new person, an edit of person 1's address
            vera_new = persons.create_person(db, vera, persons.PersonFields(
                given_names="Hawa", family_name="Jalloh")).record_code
            person = db.get(Person, p1)
            persons.update_person(db, vera, p1, person.version, persons.PersonFields(
                address="Zijlstraat 1"))  # the same value as Cora typed: no conflict
        erase(store_a, cora, p3)
        assert (bram_new, vera_new) == ("W-1000001", "W-2000001")

        # The files go around, through the command line, twice.
        order = [(b, "bram", a, "cora"), (c, "vera", b, "bram"), (a, "cora", c, "vera"),
                 (b, "bram", c, "vera"), (c, "vera", a, "cora"), (a, "cora", b, "bram")]
        for round_ in range(2):
            for i, (src, sname, dst, dname) in enumerate(order):
                path = folder / f"x{round_}{i}.wegwijs-exchange"
                _as(monkeypatch, sname)
                _run("--db", str(src), "exchange", "export", "--out", str(path))
                _as(monkeypatch, dname)
                _run("--db", str(dst), "exchange", "import", str(path))

        shots = [snapshot(s) for s in stores]
        assert shots[0] == shots[1] == shots[2]
        for store, who in zip(stores, (cora, bram, vera), strict=True):
            with store.session() as db:
                person = db.get(Person, p1)
                assert person.nickname == "Sami" and person.address == "Zijlstraat 1"
                assert person.phone in ("0611111111", "0622222222")
                assert db.get(Person, p3) is None  # erased everywhere
                assert str(db.get(Consent, consent).withdrawn_on) == "2026-06-01"
                assert "Dutch A2" in set(db.scalars(select(Goal.description)))
                assert persons.resolve(db, who, bram_new).given_names == "Yonas"
                assert persons.resolve(db, who, vera_new).given_names == "Hawa"
                assert conflicts.count_waiting(db, who) == 1
                # Every laptop's audit lines: Vera's registration is on Cora's laptop too.
                assert db.scalar(select(AuditEvent).where(
                    AuditEvent.user_id == vera, AuditEvent.action == "create",
                    AuditEvent.entity == "person")) is not None
        capsys.readouterr()
        _as(monkeypatch, "vera")
        _run("--db", str(c), "exchange", "conflicts")
        assert "Conflicts waiting for a decision: 1" in capsys.readouterr().out

        # Cora decides with one click; the decision travels to the others.
        with store_a.session() as db:
            (waiting,) = conflicts.waiting(db, cora)
            assert {s.value for s in waiting.sides} == {"0611111111", "0622222222"}
            keep = next(s for s in waiting.sides if s.value == "0622222222")
            conflicts.resolve(db, cora, waiting.table, waiting.row_id, waiting.field,
                              keep.change_id)
        for dst, dname in ((b, "bram"), (c, "vera")):
            path = folder / f"decision-{dname}.wegwijs-exchange"
            _as(monkeypatch, "cora")
            _run("--db", str(a), "exchange", "export", "--out", str(path))
            _as(monkeypatch, dname)
            _run("--db", str(dst), "exchange", "import", str(path))
        for store, who in zip(stores, (cora, bram, vera), strict=True):
            with store.session() as db:
                assert db.get(Person, p1).phone == "0622222222"
                assert conflicts.count_waiting(db, who) == 0
        assert snapshot(store_a) == snapshot(store_b) == snapshot(store_c)

        # Reading an old file again changes nothing.
        before = snapshot(store_b)
        capsys.readouterr()
        _as(monkeypatch, "bram")
        _run("--db", str(b), "exchange", "import", str(folder / "x00.wegwijs-exchange"))
        assert snapshot(store_b) == before
    finally:
        for s in stores:
            s.close()

