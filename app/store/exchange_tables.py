"""The exchange's bookkeeping tables (issue 13, docs/exchange.md), on the models' metadata.

``exchange_changes`` is the change log written by ``app.store.change_capture``; the others say
who this laptop is, which people were erased, which conflicts wait for a person, and where
audit lines that came from other laptops were first written. None of them travels as rows of
its own: ``app.exchange`` reads and writes them.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import utcnow


class ExchangeChange(Base):
    """One change to one row: an insert (``field`` "*", all values), one field's new value, or
    a delete ("-"). Ids are hex UUIDs; ``hlc`` is the hybrid logical clock (sortable text)."""

    __tablename__ = "exchange_changes"
    __table_args__ = (Index("ix_exchange_changes_row", "table_name", "row_id", "field"),
                      Index("ix_exchange_changes_laptop_hlc", "laptop", "hlc"))

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(32))
    field: Mapped[str] = mapped_column(String(64))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    laptop: Mapped[str] = mapped_column(String(32))
    hlc: Mapped[str] = mapped_column(String(64))
    replaces: Mapped[list[Any]] = mapped_column(JSON, default=list)
    user_id: Mapped[str | None] = mapped_column(String(32))
    person_id: Mapped[str | None] = mapped_column(String(32), index=True)


class ExchangeReplica(Base):
    """This database as one replica of the office: one row.

    ``office_key`` (hex) encrypts the office's exchange files; it lives only here, inside the
    encrypted database, and in join and key files. ``key_generation`` counts its changes (a
    data key rotation makes a new one, ``app.exchange.key_file``): a laptop never takes an older
    key than it has. ``series`` is this laptop's block of record numbers; ``series_given`` the
    highest block this laptop has seen given out (join files).
    """

    __tablename__ = "exchange_replica"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    laptop: Mapped[str] = mapped_column(String(32))
    office: Mapped[str] = mapped_column(String(32))
    office_key: Mapped[str] = mapped_column(String(64))
    key_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    clock: Mapped[str] = mapped_column(String(64), default="")
    series: Mapped[int] = mapped_column(Integer, default=0)
    series_given: Mapped[int] = mapped_column(Integer, default=0)


class ExchangeTombstone(Base):
    """A person erased somewhere in the office: their id only, never their data."""

    __tablename__ = "exchange_tombstones"

    person_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    laptop: Mapped[str] = mapped_column(String(32))
    hlc: Mapped[str] = mapped_column(String(64))


class ExchangeConflict(Base):
    """A field changed differently on two laptops, waiting for a case manager's choice.

    Derived from the change log (a field with more than one head), kept as rows so Today can
    count them and the conflicts screen can list them."""

    __tablename__ = "exchange_conflicts"

    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str | None] = mapped_column(String(32), index=True)
    found_at: Mapped[datetime] = mapped_column(default=utcnow)


class ExchangeAuditOrigin(Base):
    """Where an audit line that came in an exchange was first written: (laptop, its number
    there); lines written here have no row. Kept after erasure removed the line itself, so an
    old file cannot bring the line back."""

    __tablename__ = "exchange_audit_origins"

    laptop: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    audit_id: Mapped[int | None] = mapped_column(Integer, unique=True)


def new_id() -> str:
    return uuid.uuid4().hex


__all__ = ["ExchangeAuditOrigin", "ExchangeChange", "ExchangeConflict", "ExchangeReplica",
           "ExchangeTombstone", "new_id"]
