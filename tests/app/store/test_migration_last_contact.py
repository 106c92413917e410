"""Migration 0005 moves each person's last contact to the latest work already recorded about
them (before it, only registration set it), so the retention review offers nobody still being
helped right after the upgrade."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import Boolean, Date, Uuid, bindparam, text

from app.store.schema import downgrade, upgrade
from app.store.types import UTCDateTime

TYPES = {"id": Uuid(), "p": Uuid(), "at": UTCDateTime(timezone=True), "last": Date(),
         "f": Boolean()}


def _sql(statement: str):  # noqa: ANN202 - a typed text() clause
    clause = text(statement)
    return clause.bindparams(*(bindparam(name, type_=kind) for name, kind in TYPES.items()
                               if f":{name}" in statement))


def test_upgrade_moves_the_last_contact_to_the_latest_intake_print_or_handover(store) -> None:
    downgrade(store.engine, "0004")
    people = {name: uuid.uuid4() for name in ("intake", "printed", "handover", "untouched")}
    stamp = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
    with store.engine.begin() as conn:
        for number, (name, pid) in enumerate(people.items(), start=1):
            conn.execute(_sql(
                "INSERT INTO persons (id, record_number, sort_name, given_names, family_name, "
                "name_original, nickname, birth_date_estimated, sex, nationality, "
                "country_of_birth, document_language, phone, address, status, last_contact_on, "
                "created_at, updated_at, version) VALUES (:id, :n, '', :name, '', '', '', "
                ":f, 'unknown', '', '', 'nl', '', '', 'undocumented', :last, :at, :at, 1)"),
                {"id": pid, "n": number, "name": name, "last": date(2022, 1, 1), "at": stamp,
                 "f": False})
        conn.execute(_sql(
            "INSERT INTO intakes (id, person_id, questionnaire_id, questionnaire_version, "
            "answers, status, started_at, created_at, updated_at, version) VALUES (:id, :p, "
            "'short_intake', 1, '{}', 'draft', :at, :at, :at, 1)"),
            {"id": uuid.uuid4(), "p": people["intake"], "at": stamp})
        conn.execute(_sql(
            "INSERT INTO audit_events (at, action, entity, entity_id, person_id, detail) "
            "VALUES (:at, 'print', 'card', :p, :p, 'nl')"),
            {"at": datetime(2025, 3, 2, 9, 0, tzinfo=UTC), "p": people["printed"]})
        conn.execute(_sql(
            "INSERT INTO handovers (id, person_id, partner, scope, override_reason, made_at, "
            "request) VALUES (:id, :p, 'ASKV', '[]', '', :at, '')"),
            {"id": uuid.uuid4(), "p": people["handover"],
             "at": datetime(2024, 7, 8, 9, 0, tzinfo=UTC)})
    upgrade(store.engine)
    with store.engine.connect() as conn:
        rows = dict(conn.execute(_sql("SELECT given_names, last_contact_on FROM persons")).all())
    as_date = {k: v if isinstance(v, date) else date.fromisoformat(v) for k, v in rows.items()}
    assert as_date == {"intake": date(2026, 5, 4), "printed": date(2025, 3, 2),
                       "handover": date(2024, 7, 8), "untouched": date(2022, 1, 1)}
