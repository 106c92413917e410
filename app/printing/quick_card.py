"""``wegwijs card PERSON`` on an encrypted SQLite file, without the ORM.

The same card, checks and audit line as :func:`app.printing.document_data.person_card`, in about half
the time of a process that imports SQLAlchemy (see ``app.store.card_reader`` and the README's
benchmark). The passphrase is checked and slowed down exactly as when the window unlocks.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from app.access import keyring, lockout
from app.errors import NotAllowed, WrongPassphrase
from app.i18n import _
from app.printing import card_contents
from app.settings import OPTIONS
from app.store.card_reader import CardReader
from app.store.keys import check_passphrase


def person_card(path: Path, passphrase: str, user: str, reference: str, lang: str, *,
                password: str | None = None, fmt: str | None = None, one_sided: bool = False,
                show_name: bool = False) -> bytes | None:
    """The card's PDF, or None when this database must be opened through the store instead
    (missing or read-only file, schema to upgrade): the caller then does that, with its own
    messages. ``user`` must be an active user whose ``password`` (by default ``passphrase``,
    the one secret that opens a database with a key file) matches, as at a login.

    Raises:
        WrongPassphrase: the user's password does not open the file or does not match.
        NotAllowed: no user named, or the user was deactivated (any active user may print a
            card; the office passphrase alone opens nothing personal).
        NotFound: there is no such person.
    """
    if not user:
        raise NotAllowed(_("Log in as a user first: the office passphrase alone opens nothing "
                           "personal."))
    if not (path.is_file() and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return None
    with lockout.for_database(path).attempt():  # counted before the key is derived
        # The key derivation is slow on purpose and runs outside the GIL: the printing modules,
        # fonts and texts load meanwhile.
        with ThreadPoolExecutor(1, thread_name_prefix="wegwijs-key") as pool:
            key = pool.submit(keyring.database_key, path, passphrase, user)
            from app.documents import card

            card.warm_up(lang)
            reader = CardReader.open(path, key.result())
    if reader is None:
        return None
    try:
        with reader.reading():
            acting = reader.user(user)
            if acting is None or not acting[2]:
                raise NotAllowed(_("The user {name} was deactivated or does not exist; ask a "
                                   "coordinator.").format(name=user))
            _check_password(acting[3], passphrase if password is None else password)
            person = reader.person(reference)
            own = reader.contacts(person.id)
            contacts = card_contents.merge(reader.contacts(None), own)
            office = reader.office()
            fmt = fmt or reader.setting("card_format", OPTIONS["card_format"].default)
        pdf = card.render_card(card_contents.card_data(
            lang, office, contacts, person, fmt=fmt, one_sided=one_sided, show_name=show_name))
        reader.record_print(person.id, lang, acting[0])
    finally:
        reader.close()
    return pdf


def _check_password(stored: str | None, password: str) -> None:
    """As ``app.services.users.authenticate``: the user's Argon2id hash must match."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        if stored is None:
            raise VerificationError("no password")
        PasswordHasher().verify(stored, check_passphrase(password))
    except (VerificationError, InvalidHashError, WrongPassphrase):
        raise WrongPassphrase(_("This user name and password do not match.")) from None
