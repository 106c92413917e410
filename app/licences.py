"""What Help → About shows: the version, and the licences of what is inside Wegwijs.

The third-party list (``resources/licences/third-party.txt``) is made from the installed
packages' metadata by ``tools/third_party_licences.py``; the bundle build makes it again from
the environment it bundles.
"""

from __future__ import annotations

import platform
import sys

from app import RESOURCES, __version__
from app.i18n import _

THIRD_PARTY = RESOURCES / "licences" / "third-party.txt"


def version_line() -> str:
    """``Wegwijs 0.1.0``, and how this copy runs (a bundle or a Python installation)."""
    how = _("installed program") if getattr(sys, "frozen", False) else _("from source")
    return _("Wegwijs {version} ({how}; Python {python}, {system})").format(
        version=__version__, how=how, python=platform.python_version(),
        system=platform.system() or "?")


def third_party_text() -> str:
    """The list of third-party software and fonts with their licences."""
    try:
        return THIRD_PARTY.read_text(encoding="utf-8")
    except OSError:
        return _("The list of third-party licences is missing from this installation "
                 "({path}).").format(path=THIRD_PARTY)
