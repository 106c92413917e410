"""The convergence property: three laptops, random edits (the same field on several of them
too), exchanged in random orders and repeated, end with the same data apart from the conflicts
they all report, and no edit anyone saved is lost.

"Lost" is checked against a model kept by the test: an edit may only disappear from view when
an edit or a decision made on a laptop that had seen it replaced it; otherwise its value is
still the field's value or one of the values of a reported conflict on every laptop.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from acting import acting
from exchange_replicas import exchange, first_laptop, join_from, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.exchange import conflicts as waiting
from app.services import persons
from app.store import Store, Target, open_store
from app.store.models import Person

FIELDS = ("phone", "address", "nickname")
LAPTOPS = 3


@dataclass
class Model:
    """What the test knows: every edit, which laptop has seen which, which were replaced
    knowingly."""

    edits: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # id -> person, field, value
    seen: list[set[int]] = field(default_factory=lambda: [set() for _ in range(LAPTOPS)])
    replaced: set[int] = field(default_factory=set)

    def edit(self, laptop: int, person: str, name: str, value: str) -> None:
        self.supersede(laptop, person, name)
        number = len(self.edits)
        self.edits[number] = (person, name, value)
        self.seen[laptop].add(number)

    def supersede(self, laptop: int, person: str, name: str) -> None:
        self.replaced |= {e for e in self.seen[laptop] if self.edits[e][:2] == (person, name)}


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """Three laptops of one office with two people, made once; each example copies them."""
    folder = tmp_path_factory.mktemp("laptops")
    a = first_laptop(folder / "l0.db")
    with a.session() as db:
        for name in ("Amal", "Biniam"):
            persons.create_person(db, acting(db), persons.PersonFields(given_names=name))
    stores = [a, join_from(a, folder / "l1.db"), join_from(a, folder / "l2.db")]
    keys = [s.key for s in stores]
    for s in stores:
        s.close()
    return folder, keys


def _copies(templates) -> tuple[list[Store], Path]:  # noqa: ANN001
    folder, keys = templates
    work = Path(tempfile.mkdtemp(prefix="wegwijs-converge-"))
    stores = []
    for i, key in enumerate(keys):
        shutil.copyfile(folder / f"l{i}.db", work / f"l{i}.db")
        stores.append(open_store(Target(path=work / f"l{i}.db"), key=key))
    return stores, work


operation = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, LAPTOPS - 1), st.integers(0, 2),
              st.sampled_from(FIELDS)),
    st.tuples(st.just("exchange"), st.integers(0, LAPTOPS - 1), st.integers(0, LAPTOPS - 1),
              st.just("")),
    st.tuples(st.just("new"), st.integers(0, LAPTOPS - 1), st.just(0), st.just("")),
    st.tuples(st.just("resolve"), st.integers(0, LAPTOPS - 1), st.integers(0, 1),
              st.just("")),
)


def _value(name: str, n: int) -> str:
    return f"06{n:08d}" if name == "phone" else f"{name} {n}"


def _ids(store: Store) -> list:  # noqa: ANN001
    with store.session(read_only=True) as db:
        return list(db.scalars(select(Person.id).order_by(Person.record_number)))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ops=st.lists(operation, min_size=4, max_size=14))
def test_three_laptops_converge_and_lose_no_edit(templates, ops) -> None:  # noqa: ANN001
    stores, work = _copies(templates)
    model = Model()
    counter = 0
    try:
        for kind, i, x, name in ops:
            if kind == "edit":
                people = _ids(stores[i])
                pid = people[x % len(people)]
                counter += 1
                value = _value(name, counter)
                with stores[i].session() as db:
                    person = db.get(Person, pid)
                    persons.update_person(db, acting(db), pid, person.version,
                                          persons.PersonFields(**{name: value}))
                model.edit(i, pid.hex, name, value)
            elif kind == "exchange" and i != x:
                exchange(stores[i], stores[x])
                model.seen[x] |= model.seen[i]
            elif kind == "new":
                counter += 1
                with stores[i].session() as db:
                    persons.create_person(db, acting(db), persons.PersonFields(
                        given_names=f"New {counter}"))
            elif kind == "resolve":
                with stores[i].session() as db:
                    found = waiting.waiting(db, acting(db))
                    if found:
                        conflict = found[0]
                        side = conflict.sides[x % len(conflict.sides)]
                        waiting.resolve(db, acting(db), conflict.table, conflict.row_id,
                                        conflict.field, side.change_id)
                if found:
                    model.edit(i, conflict.row_id, conflict.field, side.value)
        # Everyone meets everyone, in a ring, twice.
        for _ in range(2):
            for i in range(LAPTOPS):
                exchange(stores[i], stores[(i + 1) % LAPTOPS])
                model.seen[(i + 1) % LAPTOPS] |= model.seen[i]
        shots = [snapshot(s) for s in stores]
        assert shots[0] == shots[1] == shots[2]
        reported = []
        for s in stores:
            with s.session() as db:
                reported.append({(c.row_id, c.field): {side.value for side in c.sides}
                                 for c in waiting.waiting(db, acting(db))})
        assert reported[0] == reported[1] == reported[2]
        # No edit lost: each is the value, one side of a reported conflict, or was replaced
        # by an edit or a decision on a laptop that had seen it.
        for store, open_conflicts in zip(stores, reported, strict=True):
            with store.session(read_only=True) as db:
                for number, (pid, name, value) in model.edits.items():
                    if number in model.replaced:
                        continue
                    current = getattr(db.get(Person, uuid.UUID(pid)), name)
                    assert current == value or value in open_conflicts.get((pid, name), ()), (
                        number, name, value, current)
    finally:
        for s in stores:
            s.close()
        shutil.rmtree(work, ignore_errors=True)
