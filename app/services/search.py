"""Finding people: by any part of a name in any script, nickname, record number,
V-number or phone; tolerant of accents, case and transliteration.

What a query means (the keys each word matches, ``app.search_words``) is shared with the
People list's reader at start-up (``app.store.people_reader``); here it becomes SQLAlchemy
expressions, for SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, and_, delete, func, or_, select
from sqlalchemy.orm import Session, aliased

from app import search_words
from app.access.permissions import require_user
from app.dates import PartialDate
from app.search_words import (
    MAX_KEY,
    MAX_QUERY_WORDS,
    PersonRow,
    Rule,
    person_keys,
    query_words,
    sort_name,
    to_row,
)
from app.store.models import Person, PerspectivePlan, SearchKey, User
from app.text import skeleton, tokens
from app.vocabulary import PlanStatus, ResidenceStatus

__all__ = ["MAX_KEY", "MAX_QUERY_WORDS", "Candidate", "PersonRow", "count", "index_person",
           "likely_duplicates", "person_keys", "query_words", "search", "search_rows_by_id",
           "sort_name"]


def index_person(db: Session, person: Person) -> None:
    """Replace the search keys of ``person`` (after it was created or renamed)."""
    person.sort_name = sort_name(person)
    db.flush()
    db.execute(delete(SearchKey).where(SearchKey.person_id == person.id))
    db.add_all(SearchKey(person_id=person.id, key=k, sort_name=person.sort_name)
               for k in sorted(person_keys(person)))


def _word_condition(rules: tuple[Rule, ...], table=SearchKey):  # noqa: ANN001, ANN202
    """The keys one query word matches (``search_words.word_rules``), as a SQL expression."""
    return or_(*(table.key == key if op == "eq"
                 else and_(table.key >= key, table.key < key + search_words.PREFIX_END)
                 for op, key in rules))


def case_manager_of_person():  # noqa: ANN201 - a SQL expression
    """The user who manages a person now: the case manager of their open (draft or active)
    plan, else the case manager on the person record. The list shows and filters by this."""
    plan_manager = (select(PerspectivePlan.case_manager_id)
                    .where(PerspectivePlan.person_id == Person.id,
                           PerspectivePlan.status != PlanStatus.ENDED,
                           PerspectivePlan.case_manager_id.is_not(None))
                    .order_by(PerspectivePlan.created_at.desc()).limit(1)
                    .correlate(Person).scalar_subquery())
    return func.coalesce(plan_manager, Person.case_manager_id)


def _person_filters(status: ResidenceStatus | None, case_manager_id: uuid.UUID | None) -> list:
    filters = []
    if status is not None:
        filters.append(Person.status == status)
    if case_manager_id is not None:
        filters.append(case_manager_of_person() == case_manager_id)
    return filters


def _matches(words: list[tuple[Rule, ...]], filters: list) -> Select:
    """(sort_name, person_id) of matching people, one row each, not yet ordered.

    The first word's keys are read through the (key, sort_name) index, so the rows come
    nearly in list order; every further word is checked for the same person; the filters
    join the person row.
    """
    stmt = (select(SearchKey.sort_name, SearchKey.person_id)
            .where(_word_condition(words[0])).distinct())
    for word in words[1:]:
        other = aliased(SearchKey)
        stmt = stmt.where(select(other.key).where(other.person_id == SearchKey.person_id,
                                                 _word_condition(word, other)).exists())
    if filters:
        stmt = stmt.join(Person, Person.id == SearchKey.person_id).where(*filters)
    return stmt


def _is_dense(db: Session, word: tuple[Rule, ...]) -> bool:
    """Whether the word matches more than ``search_words.DENSE`` keys (see there)."""
    dense = search_words.DENSE
    probe = select(SearchKey.key).where(_word_condition(word)).limit(dense + 1).subquery()
    return int(db.scalar(select(func.count()).select_from(probe)) or 0) > dense


def _page_ids(db: Session, query: str, status: ResidenceStatus | None,
              case_manager_id: uuid.UUID | None, limit: int, offset: int) -> list[uuid.UUID]:
    filters = _person_filters(status, case_manager_id)
    plan = search_words.page_plan(query, lambda word: _is_dense(db, word))
    if plan.kind == "nobody":
        return []  # nothing searchable in the query (only punctuation)
    if plan.kind == "match":
        inner = _matches(list(plan.words), filters).subquery()
        stmt = select(inner.c.person_id).order_by(inner.c.sort_name)
    else:  # everyone, or walking the list for a dense word
        stmt = select(Person.id).where(*filters).order_by(Person.sort_name)
        for word in plan.words:
            stmt = stmt.where(select(SearchKey.key).where(
                SearchKey.person_id == Person.id, _word_condition(word)).exists())
    return list(db.scalars(stmt.limit(limit).offset(offset)))


def search(db: Session, by: uuid.UUID | None, query: str = "", *,
           status: ResidenceStatus | None = None, case_manager_id: uuid.UUID | None = None,
           limit: int = 200, offset: int = 0) -> list[PersonRow]:
    """People matching ``query`` and the filters, sorted by name, one page at a time."""
    require_user(db, by)
    ids = _page_ids(db, query, status, case_manager_id, limit, offset)
    rows = {r.id: r for r in _rows_by_id(db, ids)}
    return [rows[i] for i in ids if i in rows]


def count(db: Session, by: uuid.UUID | None, query: str = "", *,
          status: ResidenceStatus | None = None, case_manager_id: uuid.UUID | None = None
          ) -> int:
    """How many people match (for "1,234 people" under the list). A count, but of a search
    that can tell whether someone with a given name or V-number is registered: a user asks."""
    require_user(db, by)
    filters = _person_filters(status, case_manager_id)
    words = search_words.searchable_words(query)
    if words is None:
        return int(db.scalar(select(func.count()).select_from(Person).where(*filters)) or 0)
    if not words:
        return 0
    inner = _matches(words, filters).subquery()
    return int(db.scalar(select(func.count()).select_from(inner)) or 0)


@dataclass(frozen=True)
class Candidate:
    """A person who may be the same as one being registered, with a score from 0 to 1."""

    row: PersonRow
    score: float


def likely_duplicates(db: Session, by: uuid.UUID | None, names: Iterable[str],
                      birth_date: PartialDate | None, *, exclude: uuid.UUID | None = None,
                      limit: int = 5) -> list[Candidate]:
    """People whose names sound alike and whose date of birth fits, best first.

    People come back, and their names get spelled differently each time: this runs before a
    new person is registered.
    """
    require_user(db, by)
    return _likely_duplicates(db, names, birth_date, exclude=exclude, limit=limit)


def _likely_duplicates(db: Session, names: Iterable[str], birth_date: PartialDate | None,
                       *, exclude: uuid.UUID | None = None, limit: int = 5) -> list[Candidate]:
    """``likely_duplicates`` for a caller that has checked its user already."""
    skeletons = {skeleton(w) for name in names for w in tokens(name)}
    skeletons = {s for s in skeletons if len(s) >= 2}
    if not skeletons:
        return []
    keys = ["s:" + s for s in skeletons]
    hits = (select(SearchKey.person_id, func.count(func.distinct(SearchKey.key)).label("n"))
            .where(SearchKey.key.in_(keys)).group_by(SearchKey.person_id)
            .order_by(func.count(func.distinct(SearchKey.key)).desc()).limit(200))
    scored: dict[uuid.UUID, float] = {}
    for pid, n in db.execute(hits):
        if pid != exclude:
            scored[pid] = n / len(skeletons)
    if not scored:
        return []
    people = {p.id: p for p in db.scalars(select(Person).where(Person.id.in_(scored)))}
    result: list[tuple[float, Person]] = []
    for pid, name_score in scored.items():
        person = people[pid]
        born = PartialDate.from_iso(person.birth_date)
        if birth_date is not None and born is not None:
            if abs(born.year - birth_date.year) > 1:
                continue
            same_day = (born.month, born.day) == (birth_date.month, birth_date.day)
            date_score = 1.0 if born.year == birth_date.year and same_day else 0.6
        else:
            date_score = 0.5
        score = round(0.7 * name_score + 0.3 * date_score, 3)
        if name_score >= 0.5 and score >= 0.5:
            result.append((score, person))
    result.sort(key=lambda item: (-item[0], item[1].record_number))
    rows = {r.id: r for r in _rows_by_id(db, [p.id for _, p in result[:limit]])}
    return [Candidate(rows[p.id], s) for s, p in result[:limit]]


def search_rows_by_id(db: Session, by: uuid.UUID | None, ids: list[uuid.UUID]
                      ) -> list[PersonRow]:
    """List rows for the given people (any order)."""
    require_user(db, by)
    return _rows_by_id(db, ids)


def _rows_by_id(db: Session, ids: list[uuid.UUID]) -> list[PersonRow]:
    """``search_rows_by_id`` for a service that has checked its user already."""
    if not ids:
        return []
    stmt = (select(*_ROW_COLUMNS).outerjoin(User, User.id == case_manager_of_person())
            .where(Person.id.in_(ids)))
    return [to_row(r) for r in db.execute(stmt)]


_ROW_COLUMNS = (Person.id, Person.record_number, Person.given_names, Person.family_name,
                Person.name_original, Person.nickname, Person.birth_date, Person.nationality,
                Person.status, User.display_name)  # search_words.ROW_COLUMNS
