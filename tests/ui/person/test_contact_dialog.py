"""The form where a card contact is edited: the kinds of contact of seed 001, and how the card
will print the opening hours."""

from __future__ import annotations

import pytest

from app.i18n import _
from ui.person.contact_dialog import ContactDialog

pytestmark = pytest.mark.gui


def test_offers_the_roles_of_seed_001_and_reads_the_hours(qtbot) -> None:  # noqa: ANN001
    dialog = ContactDialog(lambda fields, done, failed: done())
    qtbot.addWidget(dialog)
    kinds = [dialog.role.itemData(i) for i in range(dialog.role.count())]
    for role in ("municipality", "refugee_council", "social_team", "police_officer", "gp",
                 "gp_post", "civic_integration", "domestic_violence"):
        assert role in kinds
    assert dialog.role.itemText(kinds.index("municipality")) == _("Client manager, municipality")
    dialog.role.setCurrentIndex(kinds.index("civic_integration"))
    qtbot.keyClicks(dialog.hours, "ma-do 9-17")
    assert dialog.hours_note.text() == _("Understood: {hours}; the card prints the days in its "
                                         "language.").format(hours="ma–do 9:00–17:00")
    dialog.hours.clear()
    qtbot.keyClicks(dialog.hours, "op afspraak")
    assert dialog.hours_note.text() == _("Printed as typed (not understood as days and times).")
    fields = dialog.fields()
    assert fields.role == "civic_integration" and fields.hours == "op afspraak"
