"""The ``wegwijs`` command: app.cli's commands, and the window when no command is given.

``app/`` never imports ``ui/``, so the command that can also start the window lives here. It
loads no Qt until the window is asked for, so ``wegwijs card`` stays as quick as before.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli import main as cli_main

    return cli_main(argv, window=window)


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
