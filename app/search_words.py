"""What a search for people means, without a database: the keys a person is found by, the
words of a query, which keys each word matches, and one line of the person list.

Each person has rows in ``search_keys``: ``f:<folded word>`` (prefix search),
``s:<skeleton>`` (Mohamed finds Muhammad and محمد), ``n:<digits>`` (phone, V-number) and
``r:<record number>``. A query matches a person when every word of it matches one key.

The rules are plain data (``("eq", key)``, ``("prefix", key)``), so that the two places that
search say the same: ``app.services.search`` turns them into SQLAlchemy expressions (SQLite
and PostgreSQL), ``app.store.people_reader`` into SQL text (the People list at start-up,
before SQLAlchemy is imported). Kept free of SQLAlchemy for that reason.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from app.dates import PartialDate
from app.records import format_record_number
from app.text import fold, phone_digits, skeleton, tokens
from app.vocabulary import ResidenceStatus

MAX_QUERY_WORDS = 6
MAX_KEY = 120
RECORD = re.compile(r"^w-?0*(\d+)$", re.IGNORECASE)
MAX_RECORD_DIGITS = 18  # more is no record number (and more than 4,300 is too long for int())
_NUMBER = re.compile(r"[+()\d\s.-]+")
PREFIX_END = "\U0010ffff"  # a prefix ``p`` is the range p <= key < p + PREFIX_END

# When the first word matches more keys than this, the matches are so common that walking
# the list in name order and testing each person finds a page sooner than sorting them all.
# Both searches read it at call time (``search_words.DENSE``).
DENSE = 20_000

# One key condition: the key equals this text, or starts with it.
Rule = tuple[Literal["eq", "prefix"], str]


class Indexed(Protocol):
    """What the search keys and the sort key are made of (a Person, or a row with its
    fields)."""

    record_number: int
    given_names: str
    family_name: str
    name_original: str
    nickname: str
    phone: str
    v_number: str | None


def person_keys(person: Indexed) -> set[str]:
    """All search keys of a person."""
    keys: set[str] = set()
    names = [person.given_names, person.family_name, person.name_original, person.nickname]
    for name in names:
        words = tokens(name)
        for word in words:
            keys.add("f:" + word)
            sk = skeleton(word)
            if len(sk) >= 2:
                keys.add("s:" + sk)
        # Joined neighbours: "Abd al" is also "Abdal" (Abdel), "Abu Bakr" also "Abubakr".
        for a, b in zip(words, words[1:], strict=False):
            joined = skeleton(a + b)
            if len(joined) >= 2:
                keys.add("s:" + joined)
                keys.add("f:" + a + b)
        if len(words) > 2:
            keys.add("s:" + skeleton("".join(words)))
    if person.phone:
        keys.add("n:" + phone_digits(person.phone))
    if person.v_number:
        keys.add("n:" + person.v_number)
    keys.add(f"r:{person.record_number}")
    return {k[:MAX_KEY] for k in keys if len(k) > 2}


def sort_name(person: Indexed) -> str:
    """The key every person list is sorted by: family name, given names, record number."""
    family = fold(person.family_name or person.name_original or person.nickname or "")
    given = fold(person.given_names or "")
    return f"{family[:40]}\x1f{given[:30]}\x1f{person.record_number:09d}"


def word_rules(word: str) -> tuple[Rule, ...] | None:
    """The keys one query word matches (any of them): a record number, a number, or a name;
    None when the word can match nothing (only punctuation)."""
    m = RECORD.match(word)
    if m and not word.isdigit():
        digits = m.group(1)  # any script's digits; too many for a number: matches nobody
        return (("eq", f"r:{int(digits) if len(digits) <= MAX_RECORD_DIGITS else digits}"),)
    if _NUMBER.fullmatch(word):
        number = phone_digits(word)
        if not number:
            return None
        rules: list[Rule] = [("eq", f"r:{int(number)}")] if len(number) <= 6 else []
        if len(number) >= 3:
            rules.append(("prefix", "n:" + number))
        return tuple(rules) or None
    rules = [("prefix", "f:" + part) for part in tokens(word)]
    sk = skeleton(word)
    if len(sk) >= 2:
        rules.append(("eq", "s:" + sk))
    return tuple(rules) or None


def query_words(query: str) -> list[str]:
    """The words of a search box, phone numbers kept whole ("06 1234 5678" is one word)."""
    text = query.strip()
    if re.fullmatch(r"[+()\d\s.-]{6,}", text):
        return [text]
    return [w for w in re.split(r"[\s,;/]+", text) if w][:MAX_QUERY_WORDS]


def searchable_words(query: str) -> list[tuple[Rule, ...]] | None:
    """The rules of each query word that can match something, in the query's order; None when
    the query is empty (everyone), an empty list when nothing in it is searchable (nobody)."""
    if not query or not query.strip():
        return None
    return [rules for rules in map(word_rules, query_words(query)) if rules is not None]


@dataclass(frozen=True)
class PagePlan:
    """How a page of the list is found.

    ``everyone``: the list in name order (empty query). ``nobody``: nothing in the query is
    searchable. ``walk``: one word matching more than ``DENSE`` keys, so the list is walked in
    name order and each person tested for it. ``match``: the people with a key of the first
    word, tested for every further word, sorted by name; the words come a rare one first (the
    dense ones last, otherwise in the query's order).
    """

    kind: Literal["everyone", "nobody", "walk", "match"]
    words: tuple[tuple[Rule, ...], ...] = ()


def page_plan(query: str, is_dense: Callable[[tuple[Rule, ...]], bool]) -> PagePlan:
    """The plan for a page of people matching ``query``; ``is_dense`` asks the database whether
    a word matches more than ``DENSE`` keys."""
    words = searchable_words(query)
    if words is None:
        return PagePlan("everyone")
    if not words:
        return PagePlan("nobody")
    if len(words) == 1:
        return PagePlan("walk" if is_dense(words[0]) else "match", tuple(words))
    return PagePlan("match", tuple(sorted(words, key=is_dense)))  # stable: a rare word first


@dataclass(frozen=True)
class PersonRow:
    """One line of a person list: what a volunteer needs to recognise someone."""

    id: uuid.UUID
    record_code: str
    name: str
    name_original: str
    nickname: str
    birth_date: str
    nationality: str
    status: ResidenceStatus
    case_manager: str


# The columns ``to_row`` takes, in its order (persons, then the manager's users row).
ROW_COLUMNS = ("id", "record_number", "given_names", "family_name", "name_original", "nickname",
               "birth_date", "nationality", "status", "display_name")


def to_row(r: tuple) -> PersonRow:
    """The list line of one person from ``ROW_COLUMNS``, the id a UUID and the status a
    ResidenceStatus already."""
    pid, number, given, family, original, nick, born, nat, status_, manager = r
    birth = PartialDate.from_iso(born)
    return PersonRow(
        id=pid, record_code=format_record_number(number),
        name=" ".join(p for p in (given, family) if p) or original or nick,
        name_original=original, nickname=nick,
        birth_date=birth.display() if birth else "", nationality=nat, status=status_,
        case_manager=manager or "")
