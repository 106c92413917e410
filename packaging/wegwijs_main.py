"""The bundles' entry point: the ``wegwijs`` command (its commands, or the window)."""

import sys

from ui.session.command import main

if __name__ == "__main__":
    sys.exit(main())
