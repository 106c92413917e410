"""People: search as you type among 10,000, filters, lazy fetching, opening a person."""

from __future__ import annotations

import pytest
from acting import user_named
from PySide6.QtCore import Qt

from app.services import search
from app.vocabulary import ResidenceStatus
from tests.ui.helpers import DEMO_PEOPLE, type_text, wait_idle
from ui.office.people import PeopleView
from ui.office.people_model import PAGE, PeopleFilter, PeopleModel

pytestmark = pytest.mark.gui


@pytest.fixture
def people(qtbot, demo_ops):  # noqa: ANN001, ANN201
    view = PeopleView(demo_ops)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitUntil(lambda: view.model.total == DEMO_PEOPLE, timeout=10000)
    return view


def _settled(view: PeopleView, text: str) -> bool:
    return view.model.current_filter().query == text and not view.model.is_searching() \
        and view.model.total is not None


def test_search_as_you_type_among_ten_thousand(qtbot, people, demo_store) -> None:  # noqa: ANN001
    assert people.model.rowCount() == PAGE
    assert "10.000" in people.count.text()
    with demo_store.session() as db:
        target = search.search(db, user_named(db, "anna").id, "", limit=1, offset=4321)[0]
    word = target.name.split()[-1]
    qtbot.keyClick(people.search, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(people.search, word[:4])
    qtbot.waitUntil(lambda: _settled(people, word[:4]))
    qtbot.keyClicks(people.search, word[4:])
    qtbot.waitUntil(lambda: _settled(people, word))
    assert 0 < people.model.total < DEMO_PEOPLE
    while target.id not in [people.model.person_id(r) for r in range(people.model.rowCount())]:
        assert people.model.canFetchMore()
        people.model.fetchMore()
        qtbot.waitUntil(lambda: not people.model.is_searching())

    # the record number alone finds exactly one person
    people.search.clear()
    qtbot.keyClicks(people.search, target.record_code)
    qtbot.waitUntil(lambda: _settled(people, target.record_code))
    assert people.model.total == 1
    with qtbot.waitSignal(people.open_person) as opened:
        qtbot.keyClick(people.search, Qt.Key.Key_Return)
    assert opened.args == [target.id]


def test_name_in_arabic_script_and_status_filter(qtbot, people, demo_store) -> None:  # noqa: ANN001
    with demo_store.session() as db:
        arabic = next(r for r in search.search(db, user_named(db, "anna").id, "", limit=5000) if r.nationality == "SY"
                      and r.name_original)
    type_text(qtbot, people.search, arabic.name_original)
    qtbot.waitUntil(lambda: _settled(people, arabic.name_original))
    ids = [people.model.person_id(r) for r in range(people.model.rowCount())]
    assert arabic.id in ids

    people.search.clear()
    qtbot.waitUntil(lambda: _settled(people, "") and people.model.total == DEMO_PEOPLE)
    index = people.status.findData(ResidenceStatus.DUBLIN_CLAIM.value)
    people.status.setFocus()
    people.status.setCurrentIndex(index)
    qtbot.waitUntil(lambda: people.model.current_filter().status
                    == ResidenceStatus.DUBLIN_CLAIM and not people.model.is_searching())
    qtbot.waitUntil(lambda: people.model.total is not None and people.model.total < DEMO_PEOPLE)
    statuses = {people.model.row_at(r).status for r in range(people.model.rowCount())}
    assert statuses == {ResidenceStatus.DUBLIN_CLAIM}


def test_scrolling_fetches_more(qtbot, people) -> None:  # noqa: ANN001
    people.view.setFocus()
    for _ in range(3):
        before = people.model.rowCount()
        people.view.scrollToBottom()
        qtbot.keyClick(people.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda b=before: people.model.rowCount() > b)
    assert people.model.rowCount() >= 3 * PAGE


def test_model_passes_the_model_tester(qtbot, qtmodeltester, demo_ops) -> None:  # noqa: ANN001
    model = PeopleModel(demo_ops)
    model.set_filter(PeopleFilter("a"))
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.is_searching())
    qtmodeltester.check(model)
    wait_idle(qtbot, demo_ops)


def test_the_case_manager_column_shows_the_plans_case_manager(qtbot, ops, people_store,  # noqa: ANN001
                                                              anna) -> None:
    from app.services import persons, plans, users
    from app.services.persons import PersonFields
    from app.services.plans import PlanFields
    from ui.office.people_model import COLUMNS

    with people_store.session() as db:
        bram = next(u for u in users.list_users(db, ops.user_id) if u.username == "bram")
        pid = persons.create_person(db, anna.id, PersonFields(given_names="Hamid")).id
        plans.create_plan(db, anna.id, pid, PlanFields(perspective="legal_residence",
                                                       case_manager_id=bram.id))
    view = PeopleView(ops)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=10000)
    column = COLUMNS.index("Case manager")
    assert view.model.index(0, column).data() == "Bram Jansen"
    view.model.set_filter(PeopleFilter(case_manager_id=anna.id))  # filtered the same way
    qtbot.waitUntil(lambda: view.model.total == 0 and view.model.rowCount() == 0)
    view.model.set_filter(PeopleFilter(case_manager_id=bram.id))
    qtbot.waitUntil(lambda: view.model.total == 1 and view.model.rowCount() == 1)
    wait_idle(qtbot, ops)
