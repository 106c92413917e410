"""Writing files the volunteer asked for (PDFs, exports, overviews) so that a half-written file
never replaces a good one, and a failure says what to do."""

from __future__ import annotations

import os
from pathlib import Path

from app.errors import WegwijsError
from app.i18n import _


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` next to ``path`` and move it into place only when complete."""
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except OSError as err:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass  # the folder itself is the problem: there is no partial file
        raise WegwijsError(_("Cannot write {path}: {reason}").format(
            path=path, reason=err.strerror or type(err).__name__)) from None
