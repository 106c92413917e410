"""Users: the reads need an acting user; the login steps do not."""

from __future__ import annotations

import pytest
from acting import acting

from app.errors import NotAllowed, WrongPassphrase
from app.services import users
from app.vocabulary import UserRole


def test_reading_users_needs_an_active_user_logging_in_does_not(store) -> None:  # noqa: ANN001
    with store.session() as db:
        cora = acting(db, UserRole.COORDINATOR, "cora")
        vera = users.create_user(db, cora, "vera", "Vera", UserRole.VOLUNTEER, "vera's password")
        # Any active user may read who the users are (to choose a case manager, say).
        assert users.find_user(db, vera.id, " Vera ").id == vera.id
        assert users.get_user(db, vera.id, cora).username == "cora"
        assert {u.username for u in users.list_users(db, vera.id)} == {"cora", "vera"}
        with pytest.raises(NotAllowed):
            users.find_user(db, None, "vera")
        assert not users.is_deactivated(db, "vera")  # a login step: no acting user yet
        users.set_active(db, cora, vera.id, False)
        assert users.is_deactivated(db, "vera")
        assert not users.is_deactivated(db, "nobody")
        with pytest.raises(NotAllowed):
            users.list_users(db, vera.id)
        with pytest.raises(WrongPassphrase):
            users.authenticate(db, "vera", "vera's password")
