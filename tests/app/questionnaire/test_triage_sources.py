"""Every triage rule rests on a sentence of the source (seed 003, kept in docs/sources/), and
every rule has a test here that quotes the source's outcome and checks the advice gives it.

docs/triage-rules.md is the table rule -> source -> test; it is checked against the rule set.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from app.questionnaire.triage import Outcome, advise, default_rule_sets, merge_answers

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "docs" / "sources"
TABLE = ROOT / "docs" / "triage-rules.md"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def seed_text(seed: str) -> str:
    (path,) = SOURCES.glob(f"{seed}_*.txt")
    return _flat(path.read_text(encoding="utf-8"))


SHORT: dict[str, Any] = {
    "needs": ["shelter"], "acute_medical": "no", "acute_psychological": "no",
    "place_to_sleep": "no", "children_with_you": "no", "right_place": "yes",
    "nationality": "ER", "status": "undocumented", "entry_ban": "no",
    "declared_undesirable": "no"}
SCREENING: dict[str, Any] = {
    "doctor_statement": "no", "sleeping_place": "street", "regional_ties": "yes",
    "asylum_applied": "yes", "asylum_outcome": "rejected", "other_provision": "no",
    "dublin_claim": "no", "has_v_number": "yes"}
MAN = {"sex": "male", "birth_date": "1985"}
DUBLIN = {"dublin_claim": "yes", "dublin_country": "IT"}

# rule -> (answers changed, screening complete, person, outcome, the source's outcome quoted)
CASES: dict[str, tuple[dict[str, Any], bool, dict[str, Any], Outcome, str]] = {
    "acute_care": ({"acute_medical": "yes"}, False, {}, Outcome.REFER_MEDICAL,
                   "Persoon wordt doorgestuurd naar medische voorziening/Kruispost"),
    "eu_citizen": ({"nationality": "PL", "extra_motivation_sufficient": "yes"}, False, {},
                   Outcome.NO_ADMISSION, "Uitgesloten worden EU burgers"),
    "eu_residence_permit": ({"status": "residence_permit_eu",
                             "extra_motivation_sufficient": "yes"}, False, {},
                            Outcome.NO_ADMISSION,
                            "mensen met een verblijfsvergunning in een EU-land"),
    "rich_country": ({"nationality": "JP", "extra_motivation_sufficient": "yes"}, False, {},
                     Outcome.NO_ADMISSION,
                     "burgers uit rijke landen (bijvoorbeeld VS en Japan)"),
    "entry_ban": ({"entry_ban": "yes", "entry_ban_years": 10}, False, {}, Outcome.NO_ADMISSION,
                  "mensen met een hoog inreisverbod (van 10 jaar of meer)"),
    "declared_undesirable": ({"declared_undesirable": "yes"}, False, {}, Outcome.NO_ADMISSION,
                             "of een ongewenst verklaring"),
    "family_with_children": ({"children_with_you": "yes"}, False, {}, Outcome.REFERRAL,
                             "Gezinnen kunnen niet worden opgevangen."),
    "residence_permit_nl": ({"status": "residence_permit_nl"}, False, {}, Outcome.REFERRAL,
                            "Mensen die niet worden toegelaten worden geïnformeerd over hun "
                            "mogelijkheden en, waar mogelijk, doorverwezen of overgedragen."),
    "asylum_procedure": ({"status": "asylum_procedure"}, False, {}, Outcome.REFERRAL,
                         "heeft de persoon recht op opvang in het AZC"),
    "to_screening": ({}, False, {}, Outcome.SCREENING,
                     "Bij toegang: ongedocumenteerde krijgt een contactpersoon en zo nodig "
                     "een plek in de opvang, uitgebreide screening volgt."),
    "asylum_pending_after_screening": (
        {"asylum_outcome": "pending"}, True, {}, Outcome.REFERRAL,
        "In deze uitgebreide screening kan door aanvullende informatie blijken dat iemand "
        "toch niet voldoet aan de insluitingscriteria."),
    "other_provision": ({"other_provision": "yes"}, True, {}, Outcome.REFERRAL,
                        "worden hier naartoe doorverwezen na de screeningsperiode"),
    "safe_country": ({"nationality": "MA", "extra_motivation_sufficient": "no"}, True, {},
                     Outcome.NO_ADMISSION,
                     "Iemand wordt niet toegelaten als hij afkomstig is uit een "
                     "niet-visumplichtig of veilig land en niet nader kan motiveren dat "
                     "opvang nodig is."),
    "no_v_number": ({"has_v_number": "no", "willing_v_number": "no"}, True, {},
                    Outcome.NO_ADMISSION,
                    "Een ander uitsluitingscriterium is het ontbreken van een V nummer en "
                    "geen bereidheid om dit op termijn aan te vragen."),
    "no_regional_ties": ({"regional_ties": "no"}, True, {}, Outcome.REFERRAL,
                         "worden doorverwezen naar opvanglocaties in een regio waarmee de "
                         "ongedocumenteerde wel binding heeft"),
    "dublin_vulnerable_good_reception": (
        {**DUBLIN, "dublin_country": "DE", "dublin_reception": "good",
         "doctor_statement": "yes"}, True, {}, Outcome.REFERRAL,
        "worden doorverwezen naar DT&V (Dienst Terugkeer en Vertrek) met als doel terecht te "
        "kunnen in de opvang in het eerste land."),
    "dublin_vulnerable_poor_reception": (
        {**DUBLIN, "dublin_country": "GR", "dublin_reception": "poor"}, True,
        {"sex": "female"}, Outcome.REFERRAL,
        "worden besproken met DT&V om te zien of zij warm overgedragen kunnen worden aan de "
        "rijksopvang met als doel opvang in Nederland."),
    "dublin_vulnerable_disputed": (
        {**DUBLIN, "dublin_reception": "disputed", "vulnerability_factors": ["violence"]}, True,
        {}, Outcome.ADMIT_SHORT,
        "worden voor korte tijd opgevangen. Ondertussen wordt in samenwerking met het Rijk "
        "naar een oplossing gezocht."),
    "dublin_not_vulnerable": ({**DUBLIN, "dublin_reception": "good"}, True, {},
                              Outcome.ADMIT_SHORT,
                              "Niet kwetsbare Dublinclaimanten worden korte tijd (enkele "
                              "weken) opgevangen"),
    "vulnerability_age_or_sex": ({}, True, {"birth_date": "2008-06-01"}, Outcome.ADMIT,
                                 "Jongeren van rond de 17/18-jaar zijn vaak makkelijker te "
                                 "beïnvloeden en daardoor extra kwetsbaar."),
    "vulnerability_doctor": ({"doctor_statement": "yes"}, True, {}, Outcome.ADMIT,
                             "Urgente medische situatie waarbij met een formele "
                             "doktersverklaring wordt aangetoond dat er sprake is van ernstige "
                             "medische problematiek"),
    "has_place_to_sleep": ({"place_to_sleep": "yes"}, True, {}, Outcome.ADMIT,
                           "De criteria om door te gaan naar de uitgebreide screening zijn: "
                           "dakloosheid"),
    "default": ({}, True, {}, Outcome.ADMIT,
                "De overige mensen (inclusief de Dublinclaimanten) worden opgevangen in de "
                "24-uursopvang."),
}


def test_every_rule_names_a_sentence_that_stands_in_its_source() -> None:
    rules = default_rule_sets().latest()
    references = [(r.id, r.reference) for r in rules.rules]
    references.append(("default", rules.default_reference))
    for rule_id, reference in references:
        assert reference is not None, f"{rule_id} names no source sentence"
        assert _flat(reference.quote) in seed_text(reference.seed), rule_id


def test_every_rule_has_a_case() -> None:
    rules = default_rule_sets().latest()
    assert set(CASES) == {r.id for r in rules.rules} | {"default"}


@pytest.mark.parametrize("rule_id", list(CASES))
def test_rule(rule_id: str) -> None:
    """The advice applies the rule and gives the outcome the source gives (quoted)."""
    changes, screening, person, outcome, source_outcome = CASES[rule_id]
    assert _flat(source_outcome) in seed_text("003"), "the quote is not in the source"
    answers = merge_answers(SHORT, SCREENING if screening else None, changes)
    advice = advise(answers, screening_complete=screening, **{**MAN, **person})
    assert rule_id in advice.rule_ids
    assert advice.outcome is outcome


def test_the_table_in_docs_covers_every_rule_with_its_source_and_test() -> None:
    table = TABLE.read_text(encoding="utf-8")
    rules = default_rule_sets().latest()
    rows = {line.split("|")[1].strip().strip("`"): line for line in table.splitlines()
            if line.startswith("| `")}
    for rule in (*rules.rules, None):
        rule_id = rule.id if rule else "default"
        reference = rule.reference if rule else rules.default_reference
        assert rule_id in rows, f"{rule_id} is missing from {TABLE.name}"
        assert _flat(reference.quote) in _flat(rows[rule_id]), rule_id
        assert f"test_rule[{rule_id}]" in rows[rule_id], rule_id
        assert _flat(CASES[rule_id][4]) in _flat(rows[rule_id]), rule_id
