"""Triage advice after the Amsterdam flow chart, each rule, and the volunteer's decision."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.errors import InvalidInput
from app.questionnaire.decision import Decision, decide
from app.questionnaire.engine import complete
from app.questionnaire.errors import QuestionnaireFileError
from app.questionnaire.registry import default_registry, latest
from app.questionnaire.triage import (
    TRIAGE,
    Advice,
    Outcome,
    RuleSets,
    advise,
    default_rule_sets,
    facts,
    merge_answers,
)

TODAY = date(2026, 5, 17)
SHORT: dict[str, Any] = {
    "needs": ["shelter"], "acute_medical": "no", "acute_psychological": "no",
    "place_to_sleep": "no", "children_with_you": "no", "right_place": "yes",
    "nationality": "ER", "status": "undocumented", "entry_ban": "no",
    "declared_undesirable": "no",
}
SCREENING: dict[str, Any] = {
    "doctor_statement": "no", "sleeping_place": "street", "regional_ties": "yes",
    "asylum_applied": "yes", "dublin_claim": "no", "has_v_number": "yes",
    "other_provision": "no", "has_lawyer": "yes", "languages": [
        {"language": "ti", "reading": "good"}], "reads_latin_script": "no",
    "perspective_wish": "legal_residence", "consent_data_exchange": "no",
    "consent_insurance": "yes",
}
MAN = {"sex": "male", "birth_date": "1985"}


def run(changes: dict[str, Any] | None = None, *, screening: bool = True,
        **person: Any) -> Advice:
    answers = merge_answers(SHORT, SCREENING if screening else None, changes)
    return advise(answers, screening_complete=screening, today=TODAY, **{**MAN, **person})


def test_the_base_answers_are_complete_and_admitted() -> None:
    short = complete(latest("short_intake"), SHORT, today=TODAY)
    screening = complete(latest("extended_screening"), SCREENING, today=TODAY)
    advice = advise(merge_answers(short, screening), screening_complete=True, today=TODAY, **MAN)
    assert advice.outcome is Outcome.ADMIT
    assert advice.rule_ids == ("default",)
    assert advice.main.advice.startswith("The person meets the criteria")


def test_after_the_short_intake_the_screening_follows() -> None:
    advice = run(screening=False)
    assert advice.outcome is Outcome.SCREENING
    assert advice.main.rule_id == "to_screening"


@pytest.mark.parametrize(("changes", "rule", "outcome"), [
    ({"acute_medical": "yes"}, "acute_care", Outcome.REFER_MEDICAL),
    ({"acute_psychological": "yes"}, "acute_care", Outcome.REFER_MEDICAL),
    ({"nationality": "PL"}, "eu_citizen", Outcome.NO_ADMISSION),
    ({"nationality": "NO"}, "eu_citizen", Outcome.NO_ADMISSION),
    ({"status": "residence_permit_eu", "eu_permit_country": "IT"}, "eu_residence_permit",
     Outcome.NO_ADMISSION),
    ({"nationality": "US"}, "rich_country", Outcome.NO_ADMISSION),
    ({"nationality": "JP"}, "rich_country", Outcome.NO_ADMISSION),
    ({"nationality": "MA"}, "safe_country", Outcome.NO_ADMISSION),
    ({"nationality": "AL", "extra_motivation_sufficient": "no"}, "safe_country",
     Outcome.NO_ADMISSION),
    ({"entry_ban": "yes", "entry_ban_years": 10}, "entry_ban", Outcome.NO_ADMISSION),
    ({"entry_ban": "yes", "entry_ban_years": 20}, "entry_ban", Outcome.NO_ADMISSION),
    ({"declared_undesirable": "yes"}, "declared_undesirable", Outcome.NO_ADMISSION),
    ({"children_with_you": "yes"}, "family_with_children", Outcome.REFERRAL),
    ({"status": "residence_permit_nl"}, "residence_permit_nl", Outcome.REFERRAL),
    ({"status": "asylum_procedure"}, "asylum_procedure", Outcome.REFERRAL),
    ({"asylum_outcome": "pending"}, "asylum_pending_after_screening", Outcome.REFERRAL),
    ({"other_provision": "yes"}, "other_provision", Outcome.REFERRAL),
    ({"has_v_number": "no", "willing_v_number": "no"}, "no_v_number", Outcome.NO_ADMISSION),
    ({"has_v_number": "unknown", "willing_v_number": "no"}, "no_v_number",
     Outcome.NO_ADMISSION),
    ({"regional_ties": "no"}, "no_regional_ties", Outcome.REFERRAL),
    ({"dublin_claim": "yes", "dublin_country": "DE", "dublin_reception": "good",
      "doctor_statement": "yes"}, "dublin_vulnerable_good_reception", Outcome.REFERRAL),
    ({"dublin_claim": "yes", "dublin_country": "GR", "dublin_reception": "poor",
      "vulnerability_factors": ["violence"]}, "dublin_vulnerable_poor_reception",
     Outcome.REFERRAL),
    ({"dublin_claim": "yes", "dublin_country": "IT", "dublin_reception": "disputed",
      "doctor_statement": "yes"}, "dublin_vulnerable_disputed", Outcome.ADMIT_SHORT),
    ({"dublin_claim": "yes", "dublin_country": "IT", "dublin_reception": "good"},
     "dublin_not_vulnerable", Outcome.ADMIT_SHORT),
])
def test_each_decisive_rule(changes: dict[str, Any], rule: str, outcome: Outcome) -> None:
    advice = run(changes)
    assert advice.main.rule_id == rule
    assert advice.outcome is outcome
    assert rule in advice.rule_ids


def test_every_rule_of_the_shipped_set_is_tested() -> None:
    tested = {"acute_care", "eu_citizen", "eu_residence_permit", "rich_country", "safe_country",
              "entry_ban", "declared_undesirable", "family_with_children",
              "residence_permit_nl", "asylum_procedure", "to_screening", "no_v_number",
              "asylum_pending_after_screening", "other_provision",
              "no_regional_ties", "dublin_vulnerable_good_reception",
              "dublin_vulnerable_poor_reception", "dublin_vulnerable_disputed",
              "dublin_not_vulnerable", "vulnerability_age_or_sex", "vulnerability_doctor",
              "has_place_to_sleep"}
    assert {r.id for r in default_rule_sets().latest().rules} == tested


@pytest.mark.parametrize(("changes", "rule"), [
    ({"nationality": "FR", "extra_motivation_sufficient": "yes"}, "eu_citizen"),
    ({"status": "residence_permit_eu", "extra_motivation_sufficient": "yes"},
     "eu_residence_permit"),
    ({"nationality": "US", "extra_motivation_sufficient": "yes"}, "rich_country"),
])
def test_the_eu_and_rich_country_exclusions_are_absolute(changes: dict[str, Any],
                                                         rule: str) -> None:
    """Only the safe-country rule has an escape in the source; any other exception is a
    decision against the advice (hardship clause), not part of the advice."""
    advice = run(changes)
    assert advice.main.rule_id == rule
    assert advice.outcome is Outcome.NO_ADMISSION


def test_extra_motivation_lifts_only_the_safe_country_exclusion() -> None:
    advice = run({"nationality": "MA", "extra_motivation_sufficient": "yes"})
    assert "safe_country" not in advice.rule_ids
    assert advice.outcome is Outcome.ADMIT


def test_the_safe_country_rule_waits_for_the_screening() -> None:
    """The flow chart asks it in step 2, the screening period."""
    assert run({"nationality": "MA"}, screening=False).outcome is Outcome.SCREENING


def test_the_entry_ban_excludes_at_the_short_intake() -> None:
    """5.4.2 names it among the exclusions before the extended screening."""
    advice = run({"entry_ban": "yes", "entry_ban_years": 10}, screening=False)
    assert advice.main.rule_id == "entry_ban"
    assert latest("short_intake").question("entry_ban")
    assert "entry_ban" not in {q.id for q in latest("extended_screening").questions()}


def test_the_screening_can_change_the_advice() -> None:
    """Source: "In deze uitgebreide screening kan door aanvullende informatie blijken dat
    iemand toch niet voldoet aan de insluitingscriteria." """
    assert run(screening=False).outcome is Outcome.SCREENING
    assert run({"asylum_outcome": "pending"}).outcome is Outcome.REFERRAL
    assert run({"other_provision": "yes"}).outcome is Outcome.REFERRAL


def test_entry_ban_below_ten_years_does_not_exclude() -> None:
    assert run({"entry_ban": "yes", "entry_ban_years": 9}).outcome is Outcome.ADMIT


def test_willing_to_apply_for_a_v_number_is_enough() -> None:
    assert run({"has_v_number": "no", "willing_v_number": "yes"}).outcome is Outcome.ADMIT


def test_acute_care_comes_first_and_other_rules_still_show() -> None:
    advice = run({"acute_medical": "yes", "nationality": "DE"})
    assert advice.outcome is Outcome.REFER_MEDICAL
    assert advice.rule_ids[:2] == ("acute_care", "eu_citizen")


@pytest.mark.parametrize(("person", "flagged"), [
    ({"birth_date": "2008-06-01"}, True),   # 17
    ({"birth_date": "2008"}, True),         # 18 at most
    ({"birth_date": "2007-01-01"}, True),   # 19
    ({"birth_date": "2000"}, False),
    ({"birth_date": None}, False),
    ({"sex": "female"}, True),
    ({"sex": None}, False),
])
def test_vulnerability_check_for_around_eighteen_or_a_woman(person: dict[str, Any],
                                                           flagged: bool) -> None:
    advice = run(**person)
    assert ("vulnerability_age_or_sex" in advice.rule_ids) is flagged
    assert advice.outcome is Outcome.ADMIT  # a check, not a decision


def test_vulnerability_makes_the_dublin_track() -> None:
    dublin = {"dublin_claim": "yes", "dublin_country": "DE", "dublin_reception": "good"}
    assert run(dublin).main.rule_id == "dublin_not_vulnerable"
    assert run(dublin, sex="female").main.rule_id == "dublin_vulnerable_good_reception"
    assert run(dublin, birth_date="2008-03").main.rule_id == "dublin_vulnerable_good_reception"
    doctor = run({**dublin, "doctor_statement": "yes"})
    assert doctor.main.rule_id == "dublin_vulnerable_good_reception"
    assert "vulnerability_doctor" in doctor.rule_ids


def test_a_place_to_sleep_is_noted() -> None:
    advice = run({"place_to_sleep": "yes"})
    assert "has_place_to_sleep" in advice.rule_ids
    assert advice.outcome is Outcome.ADMIT


def test_facts() -> None:
    assert facts(birth_date="2008-05-18", sex="female", today=TODAY) == {
        "person.age": 17, "person.sex": "female", "screening.complete": "no"}
    assert "person.age" not in facts()


def test_advice_round_trips_through_json() -> None:
    advice = run({"nationality": "MA"}, sex="female")
    again = Advice.from_dict(json.loads(json.dumps(advice.to_dict())))
    assert again == advice


# --- the decision -----------------------------------------------------------------------

NOW = datetime(2026, 5, 17, 10, 30, tzinfo=UTC)


def test_following_the_advice_needs_no_reason() -> None:
    advice = run()
    decision = decide(advice, "admit", decided_by="user-1", now=NOW)
    assert decision.follows_advice and decision.override_reason is None
    assert decision.rule_set_id == "amsterdam_flow" and decision.rule_ids == ("default",)


def test_overriding_the_advice_needs_a_reason() -> None:
    advice = run({"nationality": "MA"})
    with pytest.raises(InvalidInput) as caught:
        decide(advice, Outcome.ADMIT, decided_by="user-1", now=NOW)
    assert set(caught.value.problems) == {"override_reason"}
    assert "hardship clause" in caught.value.problems["override_reason"]
    with pytest.raises(InvalidInput):
        decide(advice, Outcome.ADMIT, decided_by="user-1", override_reason="   ok   ")
    decision = decide(advice, Outcome.ADMIT, decided_by="user-1", now=NOW,
                      override_reason="Serious illness, doctor's statement follows; "
                                      "team agreed (hardship clause).")
    assert not decision.follows_advice
    assert decision.advised_outcome is Outcome.NO_ADMISSION


def test_decision_problems() -> None:
    advice = run()
    with pytest.raises(InvalidInput) as caught:
        decide(advice, "maybe", decided_by="user-1")
    assert set(caught.value.problems) == {"outcome"}
    with pytest.raises(InvalidInput) as caught:
        decide(advice, "admit", decided_by="")
    assert set(caught.value.problems) == {"decided_by"}
    with pytest.raises(InvalidInput):
        Decision(Outcome.ADMIT, follows_advice=False, decided_by="u", decided_at=NOW,
                 override_reason="a good long reason", advised_outcome=Outcome.ADMIT)


def test_decision_round_trips_through_json() -> None:
    advice = run({"nationality": "MA"})
    decision = decide(advice, "admit", decided_by="user-1", now=NOW,
                      override_reason="Multidisciplinary team: exception made.")
    stored = json.loads(json.dumps(decision.to_dict()))
    assert stored["outcome"] == "admit" and stored["follows_advice"] is False
    assert stored["decided_at"] == "2026-05-17T10:30:00+00:00"
    assert Decision.from_dict(stored) == decision


# --- rule files -------------------------------------------------------------------------

def _rules() -> dict[str, Any]:
    return yaml.safe_load((TRIAGE / "amsterdam_flow.v1.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("change", "rule", "location", "words"), [
    (lambda d: d["rules"][0].update(outcome="maybe"), "acute_care", "rules/0/outcome",
     "'maybe' is not one of"),
    (lambda d: d["rules"][1].update(when={"question": "nationalty", "in_list": "eu_eea"}),
     "eu_citizen", "rules/1/when", "'nationalty', which does not exist"),
    (lambda d: d["rules"][1].update(when={"question": "nationality", "in_list": "mars"}),
     "eu_citizen", "rules/1/when", "no country list called 'mars'"),
    (lambda d: d["rules"][5].update(when={"question": "entry_ban_years", "at_least": "10"}),
     "entry_ban", "rules/5/when", "needs a number"),
    (lambda d: d["rules"][2].update(id="acute_care"), "acute_care", "rules/2/id", "used twice"),
    (lambda d: d["rules"][0].update(when={"question": "acute_medical", "equals": True}),
     "acute_care", "rules/0/when",
     "True is not a possible answer of 'acute_medical' (possible: yes, no, unknown); "
     'write "yes"'),
])
def test_a_broken_rule_file_names_the_rule(tmp_path: Path, change: Any, rule: str,
                                           location: str, words: str) -> None:
    data = _rules()
    change(data)
    (tmp_path / "amsterdam_flow.v1.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(QuestionnaireFileError) as caught:
        RuleSets(tmp_path, default_registry())
    assert caught.value.item == rule
    assert caught.value.location == location
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"amsterdam_flow.v1.yaml, rule '{rule}'")
