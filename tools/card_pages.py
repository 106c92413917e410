"""PNG pages of the contact card for docs/documents/ (synthetic office and contacts only).

    python tools/card_pages.py [LANG ...]      # default: nl ar ti fa ps

Renders a card with nine contacts filled in, the office's hours as data and the name shown,
in both formats, and saves every page at 150 dpi (``pdftoppm -png -r 150``) as
``docs/documents/card-<format>-<lang>-<page>.png``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0:0] = [str(ROOT), str(ROOT / "tests")]

from document_samples import NINE  # noqa: E402

from app.documents import CardData, Office, render_card  # noqa: E402
from app.opening_hours import parse  # noqa: E402

OUT = ROOT / "docs" / "documents"
HOURS = "ma-vr 10:00-16:00; za 10-14"
NAMES = {"ar": "أحمد يوسف", "fa": "احمد یوسفی", "ps": "احمد یوسفزی", "ti": "ኣሕመድ ዩሱፍ"}


def card(lang: str, fmt: str) -> CardData:
    office = Office("Stem in de Stad", "Zijlsingel 8, 2013 DN Haarlem", "023-532 4567", HOURS,
                    "info@stem.example", "www.stem.example", opening=parse(HOURS))
    return CardData(lang=lang, office=office, contacts=list(NINE), person_name="Ahmad Yusuf",
                    person_name_original=NAMES.get(lang), record_number="W-00042", format=fmt)


def main(langs: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        for fmt in ("wallet", "a6"):
            for old in OUT.glob(f"card-{fmt}-{lang}-*.png"):
                old.unlink()
            with tempfile.TemporaryDirectory() as folder:
                pdf = Path(folder) / "card.pdf"
                pdf.write_bytes(render_card(card(lang, fmt)))
                subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf),
                                str(OUT / f"card-{fmt}-{lang}")], check=True)
    for png in sorted(OUT.glob("card-*.png")):
        print(png.relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:] or ["nl", "ar", "ti", "fa", "ps"])
