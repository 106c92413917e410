"""The ``wegwijs`` command: app.cli's commands, and the window when no command is given.

``app/`` never imports ``ui/``, so the command that can also start the window lives here. It
loads no Qt until the window is asked for, so ``wegwijs card`` stays as quick as before; and the
window's own arguments (the global options) are parsed without building every command's parser
(``app.cli_options.window_arguments``), which would keep the unlock window waiting.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli_options import run_command, window_arguments

    args = window_arguments(sys.argv[1:] if argv is None else argv)
    if args is None:  # a command, help, the version or a mistake
        from app.cli import main as cli_main

        return cli_main(argv, window=window)
    from app import logs

    logs.configure()
    return run_command(_window_command, args)


def _window_command(args: argparse.Namespace) -> int:
    # The window collects cyclic garbage from a timer on its GUI thread (ui.session.gc_guard);
    # until that runs, the imports of the start (which make little garbage) are not walked.
    gc.disable()
    return window(args.db, args.passphrase_file)


def window(db: str | None, passphrase_file: Path | None) -> int:
    from app.errors import WegwijsError
    from app.i18n import _

    try:
        from ui.session.start import run
    except ImportError as err:
        raise WegwijsError(_("The window cannot start: {reason}").format(reason=err)) from None
    return run(db, passphrase_file=passphrase_file)


if __name__ == "__main__":
    sys.exit(main())
