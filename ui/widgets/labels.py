"""Translatable names for the stored words of the domain (enum values, scopes, audit actions).

``app.vocabulary.LABELS`` covers statuses, perspectives and sex; the rest that the window
shows is named here, marked with ``N_`` and translated when shown.
"""

from __future__ import annotations

from app import i18n
from app.i18n import N_, _
from app.vocabulary import LABELS

UI_LABELS: dict[str, dict[str, str]] = {
    "contact_role": {
        "office": N_("Stem in de Stad office"), "case_manager": N_("Case manager"),
        "legal_aid": N_("Legal aid (lawyer, ASKV)"), "gp": N_("GP (huisarts)"),
        "gp_post": N_("After-hours GP post"), "pharmacy": N_("Pharmacy"),
        "shelter": N_("Night shelter (BBB)"), "municipality": N_("Client manager, municipality"),
        "refugee_council": N_("Refugee council (Vluchtelingenwerk)"),
        "social_team": N_("Neighbourhood social team"),
        "police_officer": N_("Neighbourhood police officer"),
        "civic_integration": N_("Civic integration (inburgering)"),
        "domestic_violence": N_("Domestic violence (Veilig Thuis)"), "other": N_("Other"),
    },
    "goal_domain": {
        "legal": N_("Legal"), "return_preparation": N_("Return preparation"),
        "course": N_("Course"), "work_practice": N_("Work-practice trajectory"),
        "volunteering": N_("Volunteering"), "language": N_("Language"),
        "health": N_("Health"), "housing": N_("Housing"),
        "self_reliance": N_("Self-reliance"), "other": N_("Other"),
    },
    "work_status": {"open": N_("Open"), "in_progress": N_("In progress"), "done": N_("Done"),
                    "cancelled": N_("Cancelled")},
    "owner": {"person": N_("The person"), "case_manager": N_("Case manager"),
              "legal_aid": N_("Legal aid"), "partner": N_("Partner organisation"),
              "ind_dtv": N_("IND / DT&V"), "volunteer": N_("Volunteer")},
    "judgement": {"yes": N_("Yes, works sufficiently on the perspective"),
                  "partly": N_("Partly"), "no": N_("No, not sufficiently")},
    "decision": {"continue": N_("Continue the plan"), "adjust": N_("Adjust the plan"),
                 "propose_end": N_("Propose to end support"), "end": N_("End")},
    "outflow": {
        "repeated_asylum": N_("Repeated asylum application"),
        "permit_asylum": N_("Residence permit (asylum)"),
        "permit_regular": N_("Residence permit (regular or medical)"),
        "return_origin": N_("Return to the country of origin"),
        "third_country": N_("Onward migration to a third country"),
        "article_64": N_("Article 64 (medically unable to travel)"),
        "other_facility": N_("Handed over to another facility"),
        "trafficking_victim": N_("Victim of human trafficking"),
        "support_ended": N_("Support ended"), "unknown": N_("Unknown"),
    },
    "plan_status": {"draft": N_("Draft"), "active": N_("Active"), "ended": N_("Ended")},
    "user_role": {"volunteer": N_("Volunteer"), "case_manager": N_("Case manager"),
                  "coordinator": N_("Coordinator")},
    "scope": {"identity": N_("Identity"), "contact": N_("Contact details"),
              "residence_status": N_("Residence status"), "health": N_("Health"),
              "education_work": N_("Education and work"), "plan": N_("Perspective plan"),
              "intake": N_("Intake answers")},
    "audit_action": {"create": N_("created"), "update": N_("changed"), "open": N_("opened"),
                     "print": N_("printed"), "export": N_("exported"), "delete": N_("deleted"),
                     "end": N_("ended"), "confirm": N_("confirmed (four eyes)"),
                     "withdraw": N_("withdrew"), "complete": N_("completed"),
                     "merge": N_("merged"), "undo": N_("undid"),
                     "login": N_("logged in"), "login_failed": N_("failed login")},
    "entity": {"person": N_("person"), "plan": N_("perspective plan"), "goal": N_("goal"),
               "action": N_("action"), "evaluation": N_("evaluation"),
               "consent": N_("consent"), "card_contact": N_("card contact"),
               "card": N_("contact card"), "intake": N_("intake"), "user": N_("user"),
               "office": N_("office profile"), "stay": N_("stay in 24-hour shelter"),
               "team_decision": N_("team decision")},
    "format": {"wallet": N_("Wallet card (folded)"), "a6": N_("A6 postcard")},
}


def label(kind: str, value: object) -> str:
    """The translated name of a stored value; the value itself when unknown."""
    key = getattr(value, "value", value)
    key = "" if key is None else str(key)
    text = UI_LABELS.get(kind, {}).get(key) or LABELS.get(key)
    return _(text) if text else key


def role_label(role: object) -> str:
    return label("contact_role", role)


def choices(kind: str) -> list[tuple[str, str]]:
    """(value, translated label) pairs in declaration order."""
    return [(key, _(text)) for key, text in UI_LABELS[kind].items()]


def ltr(text: object) -> str:
    """A path, file name or code kept left to right inside a right-to-left sentence."""
    return f"\u2066{text}\u2069"


def language_label(code: str) -> str:
    """A language where one is chosen or shown: its name in the interface language, with its own
    name when that differs ("Arabisch (العربية)" in Dutch, "العربية" in Arabic); never a code."""
    return i18n.language_label(code, i18n.interface_language())


def pointer(right_to_left: bool) -> str:
    """An arrow bullet pointing into the text: ▶ at the left, ◀ at the right of a right-to-left
    line (the glyph is not mirrored by the bidi algorithm, so it is chosen here)."""
    return "◀" if right_to_left else "▶"
