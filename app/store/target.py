"""Where the data lives (a SQLite file or a PostgreSQL address), read from ``--db``, the
environment or the default; without importing SQLAlchemy unless an address must be parsed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.errors import StoreError
from app.i18n import _
from app.locations import chosen_database, default_database


@dataclass(frozen=True)
class Target:
    """Where the data lives: a SQLite file path or a PostgreSQL URL."""

    path: Path | None = None
    url: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        """Human description without secrets."""
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url or "").render_as_string(hide_password=True)


def parse_target(value: str | Path) -> Target:
    """Read ``--db``: a file path, or a ``postgresql+psycopg://`` URL."""
    text = str(value).strip()
    if not text:
        raise StoreError(_("Name a database file or a postgresql+psycopg:// address."))
    if "://" in text:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(text)
        except ArgumentError:
            raise StoreError(_("This database address cannot be read: {value}")
                             .format(value=text.split("@")[-1])) from None
        if url.drivername in {"postgresql", "postgresql+psycopg"}:
            return Target(url=url.set(drivername="postgresql+psycopg").render_as_string(False))
        if url.drivername == "sqlite" and url.database:
            return Target(path=Path(url.database).expanduser())
        raise StoreError(_("Wegwijs stores data in an encrypted file or in PostgreSQL, "
                           "not in {kind}.").format(kind=url.drivername))
    return Target(path=Path(text).expanduser())


def default_target() -> Target:
    """The embedded default: one encrypted SQLite file in the user's data folder."""
    return Target(path=default_database())


def resolve_target(value: str | None) -> Target:
    """``--db`` or ``WEGWIJS_DB`` if given, else the default file."""
    value = chosen_database(value)
    return parse_target(value) if value else default_target()


def needs_setup(target: Target) -> bool:
    """True when there is no database yet (the first start)."""
    return target.is_sqlite and target.path is not None and not target.path.exists()
