"""The store: encrypted SQLite by default, PostgreSQL for an office that outgrows one laptop.

``create_store`` makes a new database, ``open_store`` opens an existing one; both return a
``Store`` whose ``session()`` is the only way services reach the data.

The names are loaded on first use (PEP 562), so that the modules of this package that do not
need SQLAlchemy (``sqlcipher``, ``revisions``, ``card_reader``, ``people_reader``) can be
imported without it: the card command's short path and the People list at start-up open the
file without the ORM.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app import lazy

if TYPE_CHECKING:
    from app.store.engine import Store
    from app.store.opening import create_store, open_store
    from app.store.target import Target, parse_target

__all__ = ["Store", "Target", "create_store", "open_store", "parse_target"]

_LAZY = {
    "Store": "app.store.engine",
    "Target": "app.store.target",
    "parse_target": "app.store.target",
    "create_store": "app.store.opening",
    "open_store": "app.store.opening",
}


__getattr__ = lazy.attributes(__name__, _LAZY)
