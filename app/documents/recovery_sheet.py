"""The recovery key on paper (A4, Dutch): ``render_recovery_sheet(...) -> bytes``.

Printed once, right after set-up, and kept locked away from the laptop: the key opens the
database when every password and the office passphrase are forgotten. The sheet holds the
office's name, the date, where the database is, the key and what to do with it; nothing about
any person.
"""

from __future__ import annotations

import datetime as dt

from app.documents.record_pdf import Block, render


def render_recovery_sheet(office_name: str, code: str, made_on: dt.date, where: str) -> bytes:
    """One page: the office, the date, the key and the instructions."""
    office_name = office_name.strip() or "Wegwijs"
    date = f"{made_on.day:02d}-{made_on.month:02d}-{made_on.year}"
    intro = [f"Organisatie: {office_name}", f"Gemaakt op: {date}", f"Database: {where}"]
    blocks = [
        Block("Herstelsleutel", large=[code]),
        Block("Wat is dit?", paragraphs=[
            "Met deze sleutel gaat de versleutelde Wegwijs-database open als niemand het "
            "kantoorwachtwoord of een eigen wachtwoord meer weet. Wegwijs toont hem maar één "
            "keer, bij het instellen."]),
        Block("Wat moet u doen?", paragraphs=[
            "1. Bewaar dit vel op een veilige plek, niet bij de laptop: bijvoorbeeld in een "
            "afgesloten kast of kluis van de organisatie.",
            "2. Maak geen foto of kopie, en typ de sleutel niet in een e-mail of chat: wie de "
            "sleutel en de database heeft, kan alle gegevens lezen.",
            "3. Nodig? Kies op het ontgrendelscherm van Wegwijs ‘Herstelsleutel gebruiken…’, "
            "typ de sleutel en kies daarna een nieuw wachtwoord.",
            "4. Is dit vel kwijt, of heeft iemand het gezien die het niet mocht zien? Meld het "
            "dan meteen aan de coördinator."]),
    ]
    return render("Herstelsleutel Wegwijs", f"Herstelsleutel · {office_name}",
                  "Vertrouwelijk: achter slot en grendel bewaren", intro, blocks)
