"""The People list, read from the encrypted SQLite file with plain SQL.

The window shows its People list before SQLAlchemy is imported (the ORM and the models take
longer to import than the rest of the start together). This reader gives the same pages and
counts as ``app.services.search.search`` and ``search.count``: the same rows in the same order,
because what a query means (the keys each word matches, the order the words are tried in,
when a common word walks the list instead) comes from ``app.search_words``, which the service
renders as SQLAlchemy expressions and this module as SQL text, and the SQL below has the same
shape as the service's. A test compares the two on the same database.

Like the service it reads for a user only: the acting user must exist and be active
(``app.access.permissions.require_user``, with the same refusals) before anything is read.
SELECTs only; the column formats are SQLAlchemy's on SQLite (UUIDs as 32 hex digits, enums by
their values). Only for an SQLite file at the newest schema (``open`` says None otherwise:
PostgreSQL and a database still to upgrade go through the store). One thread at a time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from app import search_words
from app.errors import log_in_first, user_gone
from app.search_words import PersonRow, Rule, to_row
from app.store.keys import DatabaseKey
from app.store.sqlcipher import connect_current, describe_error
from app.vocabulary import PlanStatus, ResidenceStatus

# The user who manages a person now: the case manager of their open (draft or active) plan,
# else the one on the person record (as app.services.search.case_manager_of_person).
_MANAGER = ("coalesce((SELECT perspective_plans.case_manager_id FROM perspective_plans "
            "WHERE perspective_plans.person_id = persons.id AND perspective_plans.status != ? "
            "AND perspective_plans.case_manager_id IS NOT NULL "
            "ORDER BY perspective_plans.created_at DESC LIMIT 1), persons.case_manager_id)")

_ROWS = ("SELECT persons.id, persons.record_number, persons.given_names, persons.family_name, "
         "persons.name_original, persons.nickname, persons.birth_date, persons.nationality, "
         f"persons.status, users.display_name FROM persons LEFT OUTER JOIN users "
         f"ON users.id = {_MANAGER} WHERE persons.id IN ")

_CHUNK = 500  # ids per IN (...) when a page is very long: SQLite limits the parameters


def _word_sql(rules: tuple[Rule, ...], table: str) -> tuple[str, list[str]]:
    """The condition on ``table``'s key for one query word (``search_words.word_rules``)."""
    parts: list[str] = []
    params: list[str] = []
    for op, key in rules:
        if op == "eq":
            parts.append(f'{table}."key" = ?')
            params.append(key)
        elif op == "prefix":
            parts.append(f'({table}."key" >= ? AND {table}."key" < ?)')
            params += [key, key + search_words.PREFIX_END]
        else:
            raise ValueError(f"unknown search rule {op!r}")
    return "(" + " OR ".join(parts) + ")", params


class PeopleReader:
    """One connection to a Wegwijs SQLite file at the newest schema, for the People list."""

    def __init__(self, conn: Any, where: str) -> None:
        self._conn = conn
        self._conn.isolation_level = None  # transactions are begun explicitly
        self._where = where

    @classmethod
    def open(cls, path: Path, key: DatabaseKey) -> PeopleReader | None:
        """The reader, or None when the file must be opened through the store instead (not
        marked as Wegwijs's, or its schema is not the newest).

        Raises WrongPassphrase when ``key`` does not open the file.
        """
        conn = connect_current(path, key)
        return None if conn is None else cls(conn, str(path))

    def close(self) -> None:
        self._conn.close()

    def page(self, by: uuid.UUID | None, query: str = "", *,
             status: ResidenceStatus | None = None, case_manager_id: uuid.UUID | None = None,
             limit: int = 100, offset: int = 0) -> list[PersonRow]:
        """People matching ``query`` and the filters, sorted by name, one page at a time (as
        ``app.services.search.search``)."""
        with self._reading():
            self._require_user(by)
            ids = self._page_ids(query, status, case_manager_id, limit, offset)
            rows = self._rows(ids)
        return [rows[i] for i in ids if i in rows]

    def count(self, by: uuid.UUID | None, query: str = "", *,
              status: ResidenceStatus | None = None, case_manager_id: uuid.UUID | None = None
              ) -> int:
        """How many people match (as ``app.services.search.count``)."""
        with self._reading():
            self._require_user(by)
            where, params = self._filters(status, case_manager_id)
            words = search_words.searchable_words(query)
            if words is None:
                sql = "SELECT count(*) FROM persons" + (f" WHERE {where}" if where else "")
                return int(self._execute(sql, params).fetchone()[0] or 0)
            if not words:
                return 0
            inner, inner_params = self._matches(words, where, params)
            return int(self._execute(f"SELECT count(*) FROM ({inner})", inner_params)
                       .fetchone()[0] or 0)

    # -- the parts -------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """One read transaction, so a page's ids and rows belong together."""
        self._execute("BEGIN")
        try:
            yield
        finally:
            self._execute("COMMIT")

    def _execute(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
        try:
            return self._conn.execute(sql, tuple(params))
        except sqlcipher.Error as err:
            raise describe_error(err, self._where) from err

    def _require_user(self, by: uuid.UUID | None) -> None:
        """As app.access.permissions.require_user: a user named, existing and active."""
        if by is None:
            raise log_in_first()
        row = self._execute("SELECT active FROM users WHERE id = ?", (by.hex,)).fetchone()
        if row is None or not row[0]:
            raise user_gone()

    @staticmethod
    def _filters(status: ResidenceStatus | None, case_manager_id: uuid.UUID | None
                 ) -> tuple[str, list[Any]]:
        """The conditions on the person row (joined as ``persons``), and their parameters."""
        parts: list[str] = []
        params: list[Any] = []
        if status is not None:
            parts.append("persons.status = ?")
            params.append(ResidenceStatus(status).value)
        if case_manager_id is not None:
            parts.append(f"{_MANAGER} = ?")
            params += [PlanStatus.ENDED.value, case_manager_id.hex]
        return " AND ".join(parts), params

    def _is_dense(self, word: tuple[Rule, ...]) -> bool:
        """Whether the word matches more than ``search_words.DENSE`` keys."""
        dense = search_words.DENSE
        condition, params = _word_sql(word, "search_keys")
        row = self._execute(f'SELECT count(*) FROM (SELECT search_keys."key" FROM search_keys '
                            f"WHERE {condition} LIMIT ?)", [*params, dense + 1]).fetchone()
        return int(row[0] or 0) > dense

    @staticmethod
    def _matches(words: list[tuple[Rule, ...]] | tuple[tuple[Rule, ...], ...], where: str,
                 params: list[Any]) -> tuple[str, list[Any]]:
        """(sort_name, person_id) of matching people, one row each, not yet ordered: the
        first word's keys through the (key, sort_name) index, every further word checked for
        the same person, the filters on the joined person row."""
        condition, all_params = _word_sql(words[0], "search_keys")
        conditions = [condition]
        for word in words[1:]:
            other, other_params = _word_sql(word, "other")
            conditions.append('EXISTS (SELECT other."key" FROM search_keys AS other WHERE '
                              f"other.person_id = search_keys.person_id AND {other})")
            all_params += other_params
        join = ""
        if where:
            join = " JOIN persons ON persons.id = search_keys.person_id"
            conditions.append(where)
            all_params += params
        sql = ("SELECT DISTINCT search_keys.sort_name AS sort_name, search_keys.person_id AS "
               f"person_id FROM search_keys{join} WHERE " + " AND ".join(conditions))
        return sql, all_params

    def _page_ids(self, query: str, status: ResidenceStatus | None,
                  case_manager_id: uuid.UUID | None, limit: int, offset: int) -> list[str]:
        """The hex ids of one page, in list order."""
        where, params = self._filters(status, case_manager_id)
        plan = search_words.page_plan(query, self._is_dense)
        if plan.kind == "nobody":
            return []  # nothing searchable in the query (only punctuation)
        if plan.kind == "match":
            inner, params = self._matches(plan.words, where, params)
            sql = f"SELECT person_id FROM ({inner}) ORDER BY sort_name"
        else:  # everyone, or walking the list for a dense word
            conditions = [where] if where else []
            for word in plan.words:
                condition, word_params = _word_sql(word, "search_keys")
                conditions.append('EXISTS (SELECT search_keys."key" FROM search_keys WHERE '
                                  f"search_keys.person_id = persons.id AND {condition})")
                params = [*params, *word_params]
            sql = "SELECT persons.id FROM persons"
            if conditions:
                sql += " WHERE " + " AND ".join(conditions)
            sql += " ORDER BY persons.sort_name"
        cursor = self._execute(sql + " LIMIT ? OFFSET ?", [*params, limit, offset])
        return [r[0] for r in cursor.fetchall()]

    def _rows(self, ids: list[str]) -> dict[str, PersonRow]:
        """The list lines of these people (hex ids), by id."""
        rows: dict[str, PersonRow] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            sql = _ROWS + "(" + ", ".join("?" * len(chunk)) + ")"
            for r in self._execute(sql, [PlanStatus.ENDED.value, *chunk]).fetchall():
                rows[r[0]] = to_row((uuid.UUID(r[0]), *r[1:8], ResidenceStatus(r[8]), r[9]))
        return rows
