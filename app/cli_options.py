"""The command line's global options, the passphrase they point to, and how a command runs.

``wegwijs`` without a command starts the window. Building the parser of every command (and
importing the modules they name) takes longer than the rest of the way to the unlock window,
so the window's arguments are parsed here with the global options alone
(:func:`window_arguments`); anything else (a command, help, a version, a mistake) goes to the
full parser in ``app.cli``, which reports it as before (issue 17).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__
from app.errors import StoreError, WegwijsError
from app.i18n import N_, _, set_interface_language

PASSPHRASE_FILE_LIMIT = 4096
# Tokens that never mean "the window": help and the version come from the full parser.
_NOT_WINDOW = {"-h", "--help", "--version"}


class _TranslatingFormatter(argparse.HelpFormatter):
    """Translates the help texts (marked with ``N_`` in :func:`top_parser` and
    ``app.cli.build_parser``) only when help is shown, so a command that shows none never loads
    the interface catalogue."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return _(action.help) if action.help else action.help

    def _format_text(self, text: str) -> str:
        return super()._format_text(_(text) if text else text)


class Parser(argparse.ArgumentParser):
    """An argument parser (and sub-parsers) with translated help."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _TranslatingFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def top_parser(**kwargs: object) -> Parser:
    """The ``wegwijs`` parser with its global options (the commands are added by app.cli)."""
    parser = Parser(
        prog="wegwijs",
        description=N_("Case files, contact cards and perspective plans for Stem in de Stad."),
        **kwargs,
    )
    parser.add_argument("--version", action="version", version=f"wegwijs {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help=N_("database file or postgresql+psycopg:// address "
                                "(default: the encrypted file in your data folder)"))
    parser.add_argument("--passphrase-file", metavar="FILE", type=Path,
                        help=N_("read the passphrase from the first line of FILE"))
    parser.add_argument("--user", metavar="NAME",
                        help=N_("the user you work as, with your own password (also "
                                "WEGWIJS_USER); needed for every command that shows or "
                                "changes personal data"))
    parser.add_argument("--lang", choices=("nl", "en", "ar"), help=N_("interface language"))
    return parser


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when they name no command (global options only: the window), else None
    (a command, ``--help``, ``--version`` or a mistake: for the full parser)."""
    if any(token in _NOT_WINDOW for token in argv):
        return None
    parser = top_parser(exit_on_error=False, add_help=False)
    try:
        args, rest = parser.parse_known_args(list(argv))
    except (argparse.ArgumentError, SystemExit):  # the full parser says what is wrong
        return None
    if rest:
        return None
    args.command = None
    return args


def run_command(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run one command: its exit code; a volunteer's error as one line, a bug as one line."""
    if args.lang:
        set_interface_language(args.lang)
    try:
        return command(args)
    except WegwijsError as err:
        print(f"wegwijs: {err.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"wegwijs: {_('interrupted')}", file=sys.stderr)
        return 130
    except Exception as err:  # a bug: one line, the traceback only on request
        if os.environ.get("WEGWIJS_DEBUG"):
            raise
        print(f"wegwijs: {_('internal error')} ({type(err).__name__}); "
              f"{_('run again with WEGWIJS_DEBUG=1 for details')}", file=sys.stderr)
        return 70


def read_passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    """From ``--passphrase-file``, ``WEGWIJS_PASSPHRASE``, or asked without echo (once: the
    user's password that logged in is not asked again)."""
    if not confirm and getattr(args, "secret", None) is not None:
        return args.secret  # type: ignore[no-any-return]
    if args.passphrase_file is not None:
        return first_line(args.passphrase_file)
    env = os.environ.get("WEGWIJS_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise StoreError(_("No passphrase: set WEGWIJS_PASSPHRASE or use --passphrase-file."))
    first = getpass.getpass(_("Passphrase: "))
    if confirm and getpass.getpass(_("Passphrase again: ")) != first:
        raise StoreError(_("The two passphrases differ; nothing was created."))
    return first


def first_line(path: Path) -> str:
    """The first line of a passphrase (or password) file, read at most
    PASSPHRASE_FILE_LIMIT bytes far."""
    try:
        with path.open("rb") as file:  # never more than a passphrase's worth
            raw = file.read(PASSPHRASE_FILE_LIMIT + 1)
        first = raw.split(b"\n", 1)[0]
        if len(first) > PASSPHRASE_FILE_LIMIT:
            raise StoreError(_("The passphrase file is too long: its first line must be the "
                               "passphrase, at most {n} bytes.").format(
                                   n=PASSPHRASE_FILE_LIMIT))
        text = first.decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise StoreError(_("The passphrase file cannot be read: {reason}").format(
            reason=getattr(err, "strerror", None) or _("not UTF-8 text"))) from None
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise StoreError(_("The passphrase file is empty."))
    return lines[0]
