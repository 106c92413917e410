"""The plan's place of signing comes from the office's address, not from the code."""

from __future__ import annotations

import pytest

from app.printing.document_data import office_place
from app.services import office


@pytest.mark.parametrize(("address", "place"), [
    ("Zijlsingel 8, 2013 DN Haarlem", "Haarlem"), ("Keizersgracht 1\n1015 CJ Amsterdam", "Amsterdam"),
    ("Stationsplein 3, Utrecht", "Utrecht"), ("", "")])
def test_place_from_the_office_address(store, user, address: str, place: str) -> None:  # noqa: ANN001
    with store.session() as db:
        office.update_profile(db, user, address=address)
        assert office_place(db) == place
