"""Errors a volunteer can cause, each with a message that says what to do.

Everything that is not one of these is a bug: the window shows a crash report for it,
the command line a short line and a non-zero exit.
"""

from __future__ import annotations

from app.i18n import _


class WegwijsError(Exception):
    """Base of every error a person can cause or fix; ``str(err)`` is the message to show."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class InvalidInput(WegwijsError):
    """One or more fields hold something that cannot be stored.

    ``problems`` maps a field name to its message, so a form can show each next to its field.
    """

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        text = "; ".join(self.problems.values())
        field = next(iter(self.problems)) if len(self.problems) == 1 else None
        super().__init__(text, field=field)


class NotFound(WegwijsError):
    """A record that was asked for does not exist (any more)."""


class Conflict(WegwijsError):
    """Someone else changed the record since it was opened; nothing was overwritten."""


class Duplicate(WegwijsError):
    """A value that must be unique (such as a V-number) is already in use."""


class StoreError(WegwijsError):
    """The database cannot be used: wrong passphrase, missing file, not a Wegwijs database..."""


class WrongPassphrase(StoreError):
    """The passphrase does not open this database."""


class NotAllowed(WegwijsError):
    """The rules of the office do not allow this action (four eyes, roles...)."""


def log_in_first() -> NotAllowed:
    """No user is named: the office passphrase alone opens nothing personal."""
    return NotAllowed(_("Log in as a user first: the office passphrase alone opens nothing "
                        "personal."))


def user_gone() -> NotAllowed:
    """The user named is not (or no longer) an active user of this database."""
    return NotAllowed(_("This user no longer exists or was deactivated."))


class DocumentError(WegwijsError):
    """A document cannot be made (a font or picture of the program cannot be read)."""
