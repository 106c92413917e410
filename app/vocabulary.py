"""The fixed words of the domain: statuses, perspectives, contact roles, goal domains.

Values are stable identifiers stored in the database and used as keys in catalogues;
labels are translated where they are shown.
"""

from __future__ import annotations

from enum import StrEnum

from app.i18n import N_


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class ResidenceStatus(StrEnum):
    UNDOCUMENTED = "undocumented"
    ASYLUM_PROCEDURE = "asylum_procedure"
    RESIDENCE_PERMIT = "residence_permit"
    DUBLIN_CLAIM = "dublin_claim"
    OTHER = "other"


class ReadingLevel(StrEnum):
    NONE = "none"
    BASIC = "basic"
    GOOD = "good"


class ContactRole(StrEnum):
    """Kinds of contact on a contact card; each has a pictogram and a purpose text."""

    OFFICE = "office"
    CASE_MANAGER = "case_manager"
    LEGAL_AID = "legal_aid"
    GP = "gp"
    GP_POST = "gp_post"
    PHARMACY = "pharmacy"
    SHELTER = "shelter"
    MUNICIPALITY = "municipality"
    REFUGEE_COUNCIL = "refugee_council"
    SOCIAL_TEAM = "social_team"
    POLICE_OFFICER = "police_officer"
    CIVIC_INTEGRATION = "civic_integration"
    DOMESTIC_VIOLENCE = "domestic_violence"
    OTHER = "other"


class Perspective(StrEnum):
    LEGAL_RESIDENCE = "legal_residence"
    RETURN = "return"
    ONWARD_MIGRATION = "onward_migration"
    ORIENTATION = "orientation"


class PlanStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ENDED = "ended"


class GoalDomain(StrEnum):
    LEGAL = "legal"
    RETURN_PREPARATION = "return_preparation"
    COURSE = "course"
    WORK_PRACTICE = "work_practice"
    VOLUNTEERING = "volunteering"
    LANGUAGE = "language"
    HEALTH = "health"
    HOUSING = "housing"
    SELF_RELIANCE = "self_reliance"
    OTHER = "other"


class WorkStatus(StrEnum):
    """Status of a goal or an action."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class Owner(StrEnum):
    """Who carries out an action in a plan."""

    PERSON = "person"
    CASE_MANAGER = "case_manager"
    LEGAL_AID = "legal_aid"
    PARTNER = "partner"
    IND_DTV = "ind_dtv"
    VOLUNTEER = "volunteer"


class Judgement(StrEnum):
    """Does the person work sufficiently on the perspective?"""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class Decision(StrEnum):
    CONTINUE = "continue"
    ADJUST = "adjust"
    PROPOSE_END = "propose_end"
    END = "end"


class OutflowReason(StrEnum):
    REPEATED_ASYLUM = "repeated_asylum"
    PERMIT_ASYLUM = "permit_asylum"
    PERMIT_REGULAR = "permit_regular"
    RETURN_ORIGIN = "return_origin"
    THIRD_COUNTRY = "third_country"
    ARTICLE_64 = "article_64"
    OTHER_FACILITY = "other_facility"
    TRAFFICKING_VICTIM = "trafficking_victim"
    SUPPORT_ENDED = "support_ended"
    UNKNOWN = "unknown"


class IntakeStatus(StrEnum):
    DRAFT = "draft"
    COMPLETE = "complete"


class UserRole(StrEnum):
    VOLUNTEER = "volunteer"
    CASE_MANAGER = "case_manager"
    COORDINATOR = "coordinator"


class ContactKind(StrEnum):
    """A contact with a person in the contact log (app.services.contact_log)."""

    VISIT = "visit"
    PHONE_CALL = "phone_call"
    ACCOMPANIED = "accompanied"


class ReferralStatus(StrEnum):
    """Where a referral to a partner stands (app.services.referrals)."""

    SENT = "sent"
    ACCEPTED = "accepted"
    FIRST_CONTACT = "first_contact"
    CLOSED = "closed"
    REFUSED = "refused"


class TeamDecisionKind(StrEnum):
    """A decision taken by more than one person about a case (seed 003, 5.4.3 and 5.5.2)."""

    TEAM = "team"  # the multidisciplinary team on a complex or doubtful case
    REFUSE_ADMISSION = "refuse_admission"  # refusing admission against the advice: four eyes


class DecisionStatus(StrEnum):
    """A decision that needs a second person waits for them (four-eyes principle)."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class MergeStatus(StrEnum):
    """Two records of the same person made one: undoable until confirmed."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    UNDONE = "undone"


# Criteria recorded at each evaluation ("works sufficiently on the perspective").
EVALUATION_CRITERIA: tuple[tuple[str, str], ...] = (
    ("appointments_kept", N_("&Keeps appointments with the case manager")),
    ("legal_steps_taken", N_("&Takes the agreed legal steps")),
    ("actions_done", N_("Carries o&ut the agreed actions")),
    ("participates", N_("Takes part in courses, work practice or &volunteering")),
    ("cooperates_partners", N_("Cooperates with partner or&ganisations")),
)

LABELS: dict[str, str] = {
    # residence status
    "undocumented": N_("Undocumented"),
    "asylum_procedure": N_("Asylum procedure"),
    "residence_permit": N_("Residence permit"),
    "dublin_claim": N_("Dublin claim"),
    # perspectives
    "legal_residence": N_("Legal residence"),
    "return": N_("Return"),
    "onward_migration": N_("Onward migration"),
    "orientation": N_("Orientation (not yet known)"),
    # sex
    "female": N_("Female"),
    "male": N_("Male"),
    "unknown": N_("Unknown"),
    "other": N_("Other"),
}
