"""The QR code on the card, scanned as a phone would: rendered to pixels and decoded by zbar."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import shortnumberinfo

from app.documents import CARD_LANGUAGES, CardContact, CardData, Office, render_card
from app.documents.card import plan_card
from app.documents.catalogue import Texts
from app.documents.qr import MIN_MODULE, Entry, dialable, vcard

NATIONAL = {"112", "+319008844", "+318002000", "+318000113"}  # 113: its free 0800 line


def _scan(pdf: bytes, folder: Path, dpi: int = 150) -> list[str]:
    """Every QR code found on every page, rendered at ``dpi``."""
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("zbarimg and pdftoppm must be installed (.ci/run installs zbar-tools)")
        pytest.skip("zbarimg (zbar-tools) or pdftoppm (poppler-utils) is not installed")
    (folder / "card.pdf").write_bytes(pdf)
    for old in folder.glob("page*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(folder / "card.pdf"),
                    str(folder / "page")], check=True)
    found = []
    for png in sorted(folder.glob("page*.png")):
        done = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable",
                               str(png)], capture_output=True, text=True)
        if done.returncode == 0:
            found.append(done.stdout)
    return found


def _entries(code: str) -> dict[str, str]:
    """Number -> label of a vCard's grouped TEL and X-ABLabel lines."""
    tels = dict(re.findall(r"^(\w+)\.TEL:(.+?)\r?$", code, re.M))
    labels = dict(re.findall(r"^(\w+)\.X-ABLabel:(.+?)\r?$", code, re.M))
    return {number: labels[group] for group, number in tels.items()}


def _dials(number: str) -> bool:
    if number.startswith("+"):
        return phonenumbers.is_valid_number(phonenumbers.parse(number))
    return shortnumberinfo.is_emergency_number(number, "NL")


@pytest.mark.parametrize("fmt", ["wallet", "a6"])
@pytest.mark.parametrize("lang", CARD_LANGUAGES)
def test_a_phone_reads_every_number_at_150_dpi(docs, tmp_path: Path, lang: str,  # noqa: ANN001
                                               fmt: str) -> None:
    data = docs.nine_data(lang, format=fmt)
    (code,) = _scan(render_card(data), tmp_path)  # one code, on the first card only
    assert code.startswith("BEGIN:VCARD") and code.rstrip().endswith("END:VCARD")
    numbers = _entries(code)
    expected = {dialable(data.office.phone)} | {dialable(c.phone) for c in data.contacts} | NATIONAL
    assert set(numbers) == expected
    assert "+31231234567" in numbers  # "+31 (0)23 123 45 67" without the trunk 0
    assert all(_dials(n) for n in numbers), numbers
    # labelled in the card's language (shortened at most to two words, never Dutch instead)
    texts = Texts(lang)
    for contact in data.contacts:
        label = numbers[dialable(contact.phone)]
        own = re.sub(r"\s*\([^)]*\)", "", texts.own(f"role.{contact.role}"))
        assert own.startswith(label.split("\\")[0]) or label.startswith(own), (label, own)
        if lang != "nl" and texts.own(f"role.{contact.role}") != texts.nl(
                f"role.{contact.role}"):
            assert label != texts.nl(f"role.{contact.role}")
    # the person's own details never go into the code
    assert "Ahmad" not in code and "W-00042" not in code and "يوسف" not in code


@pytest.mark.parametrize("fmt", ["wallet", "a6"])
def test_modules_are_at_least_half_a_millimetre(docs, fmt: str) -> None:  # noqa: ANN001
    for lang in CARD_LANGUAGES:
        plan = plan_card(docs.nine_data(lang, format=fmt))
        codes = [piece for blocks in plan.faces.values() for b in blocks if b.kind == "qr"
                 for piece in b.comp.pieces if piece.kind == "qr"]
        assert len(codes) == 1, lang
        (piece,) = codes
        assert piece.w / piece.code.modules >= MIN_MODULE - 1e-6, (lang, piece.code.version)


def test_no_code_where_there_is_nothing_to_save(docs, tmp_path: Path) -> None:  # noqa: ANN001
    blank = CardData(lang="ar", office=None, contacts=[], blank=True)
    pdf = render_card(blank)
    assert _scan(pdf, tmp_path, dpi=300) == []
    with docs.open_pdf(pdf) as doc:
        text = "".join(c["text"] for page in doc.pages for c in page.chars)
    assert "Scan" not in text
    # a fresh database: no office profile yet, every default contact still blank
    fresh = CardData(lang="nl", office=Office("", "", "", ""),
                     contacts=[CardContact("gp", purpose_key="purpose.gp", blank=True)])
    assert _scan(render_card(fresh), tmp_path, dpi=300) == []


def test_numbers_as_a_phone_dials_them() -> None:
    assert dialable("+31 (0)23 123 45 67") == "+31231234567"
    assert dialable("023-532 4567") == "+31235324567"
    assert dialable("06-1234 5678") == "+31612345678"
    assert dialable("112") == "112"
    assert dialable("113 / 0800-0113") == "+318000113"
    assert dialable("bel maar") == ""
    assert vcard("Kantoor", [Entry("Huisarts", "geen nummer")]) == ""
