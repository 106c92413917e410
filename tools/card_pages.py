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
sys.path.insert(0, str(ROOT))

from app.documents import CardContact, CardData, Office, render_card  # noqa: E402
from app.opening_hours import parse  # noqa: E402

OUT = ROOT / "docs" / "documents"
HOURS = "ma-vr 10:00-16:00; za 10-14"


def _contact(role: str, organisation: str, name: str, phone: str, address: str = "",
             hours: str = "") -> CardContact:
    return CardContact(role, organisation, name, phone, address, hours,
                       purpose_key=f"purpose.{role}", opening=parse(hours))


NINE = [
    _contact("municipality", "Gemeente Haarlem, Werk & Inkomen", "S. Bakker", "023-511 5115",
             "Zijlweg 245, Haarlem", "ma-do 9:00-17:00"),
    _contact("refugee_council", "VluchtelingenWerk Haarlem", "R. Jansen", "023-532 0999",
             "Gedempte Voldersgracht 2", "di, do 10-13"),
    _contact("social_team", "Sociaal Wijkteam Schalkwijk", "", "023-543 0970",
             "Bernadottelaan 1", "ma-vr 9-17"),
    _contact("case_manager", "Stem in de Stad", "Fatima El Amrani", "06-1234 5678"),
    _contact("legal_aid", "ASKV Steunpunt Vluchtelingen", "mr. J. de Vries", "020-627 7131",
             "Van Ostadestraat 233, Amsterdam", "di, do 10-13"),
    _contact("gp", "Gezondheidscentrum Schalkwijk", "", "023-533 1234",
             "Floris van Adrichemlaan 2, Haarlem", "ma-vr 8-17"),
    _contact("gp_post", "Huisartsenpost Kennemerland", "", "023-890 2345", "",
             "17:00-08:00, weekend"),
    _contact("police_officer", "Politie Haarlem", "K. de Boer", "0900-8844"),
    _contact("civic_integration", "Taalschool Haarlem", "", "+31 (0)23 123 45 67", "Spaarne 1",
             "ma-do 9:00-17:00; za 10-14"),
]
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
