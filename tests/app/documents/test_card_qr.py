"""The QR code on the card, scanned as a phone would: rendered to pixels and decoded by zbar."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app.documents import render_card
from app.documents.qr import dialable


def _scan(pdf: bytes, folder: Path) -> list[str]:
    """Every QR code found on every page, rendered at a printer's resolution."""
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("zbarimg and pdftoppm must be installed (.ci/run installs zbar-tools)")
        pytest.skip("zbarimg (zbar-tools) or pdftoppm (poppler-utils) is not installed")
    (folder / "card.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(folder / "card.pdf"),
                    str(folder / "page")], check=True)
    found = []
    for png in sorted(folder.glob("page*.png")):
        done = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable",
                               str(png)], capture_output=True, text=True)
        if done.returncode == 0:
            found.append(done.stdout)
    return found


@pytest.mark.parametrize(("fmt", "one_sided"), [("wallet", False), ("a6", True)])
def test_a_phone_reads_every_contact_from_the_qr_code(docs, tmp_path: Path, fmt: str,  # noqa: ANN001
                                                      one_sided: bool) -> None:
    pdf = render_card(docs.card_data("ar", format=fmt, one_sided=one_sided))
    (code,) = _scan(pdf, tmp_path)
    assert code.startswith("BEGIN:VCARD") and code.rstrip().endswith("END:VCARD")
    assert docs.office.name in code and dialable(docs.office.phone) in code
    for contact in docs.contacts:
        if contact.blank:
            assert contact.organisation not in code or not contact.organisation
        else:
            assert dialable(contact.phone) in code
    # the person's own details never go into the code
    assert "Ahmad" not in code and "W-0042" not in code
