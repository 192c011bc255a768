"""The files a student information system exports, and how their cells are read.

One CSV file per kind of record (``KINDS``, in the order they are imported); the
README and docs/imports.md list the columns, and docs/samples/ holds a sample of
each. Every record has an external id (the SIS's own key), so a file imported
twice changes nothing. Cells are read leniently where a spreadsheet varies (dates
as YYYY-MM-DD or MM/DD/YYYY, reason codes separated by ``;``, ``,`` or ``|``,
``OSS``/``ISS`` for the suspension kinds, a UTF-8 byte-order mark, yes/no or 1/0)
and refused with the column and what is accepted otherwise.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone


class CellError(ValueError):
    """A cell that cannot be read: ``column`` and what is accepted."""

    def __init__(self, column, message):
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = True
    help: str = ""


@dataclass(frozen=True)
class Kind:
    name: str  # file name without .csv
    key: str  # the external id column
    columns: tuple[Column, ...]
    help: str = ""
    aliases: tuple[str, ...] = field(default=())

    @property
    def column_names(self):
        return [c.name for c in self.columns]

    @property
    def required(self):
        return [c.name for c in self.columns if c.required]


def C(name, help="", required=True):  # noqa: N802 - a table of columns reads better
    return Column(name, required, help)


def O(name, help=""):  # noqa: N802, E743
    return Column(name, False, help)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in [
        Kind(
            "school_years",
            "school_year",
            (
                C("school_year", "e.g. 2026-27"),
                C("first_day", "date"),
                C("last_day", "date"),
                O("ada_daily_rate", "USD per pupil per day, e.g. 70.00"),
            ),
            "School years and their ADA rate.",
        ),  # fmt: skip
        Kind(
            "non_instructional_days",
            "date",
            (
                C("date", "a weekday inside a school year"),
                C("description"),
            ),
            "The district's weekdays without instruction (holidays, recesses).",
        ),  # fmt: skip
        Kind(
            "schools",
            "school_code",
            (
                C("school_code", "the location code"),
                C("name"),
                C("level", "elementary, middle, high, span or other"),
                C(
                    "region",
                    "region code or name (East, North, South, West) or an older "
                    "Local District name",
                ),
                C("board_district", "1 to 7"),
                O("active", "yes/no (default yes)"),
            ),
            "Schools with their region and Board District.",
        ),  # fmt: skip
        Kind(
            "staff",
            "username",
            (
                C("username"),
                C("first_name"),
                C("last_name"),
                C("role", "teacher, support, administrator or district"),
                O("position"),
                O("email"),
                O("school_codes", "the schools the person serves, separated by ; or ,"),
            ),
            "Staff accounts (created without a password: they sign in after a reset).",
        ),  # fmt: skip
        Kind(
            "students",
            "student_id",
            (
                C("student_id", "the district student ID"),
                C("first_name"),
                C("last_name"),
                C("birth_date", "date"),
                C("gender", "F, M or X"),
                C(
                    "race_ethnicity",
                    "american_indian, asian, black, filipino, hispanic, "
                    "pacific_islander, white, two_or_more, unknown",
                ),
                O("english_learner", "yes/no"),
                O("disability", "iep, 504 or none"),
                O("socioeconomically_disadvantaged", "yes/no"),
                O("home_language", "en, es, ko, hy, tl, zh, vi or other"),
            ),
            "Students and their subgroups.",
        ),  # fmt: skip
        Kind(
            "enrollments",
            "enrollment_id",
            (
                C("enrollment_id"),
                C("student_id"),
                C("school_code"),
                C("grade", "-1 (TK), 0 (K) to 12; TK and K accepted"),
                C("start", "date"),
                O("end", "date; empty while enrolled"),
            ),
            "Enrollments: a student at a school in a grade from a date.",
        ),  # fmt: skip
        Kind(
            "referrals",
            "referral_id",
            (
                C("referral_id"),
                C("student_id"),
                C("school_code"),
                C("incident_date", "date"),
                O("referred_on", "date (default: the incident date)"),
                O("incident_time", "HH:MM"),
                C("location", "slug or label of a location"),
                C("reason_codes", "codes separated by ; , or | (e.g. 3.1a;3.16)"),
                C("description"),
                O("referred_by", "username (default: who imports)"),
                O("status", "open or closed (default open)"),
                O("closed_by", "username (default: referred_by)"),
            ),
            "Office discipline referrals and their reason codes.",
        ),  # fmt: skip
        Kind(
            "interventions",
            "intervention_id",
            (
                C("intervention_id"),
                C("student_id"),
                C("school_code"),
                C("intervention_type", "slug or name of an intervention type"),
                C("tier", "1, 2 or 3"),
                C("started_on", "date"),
                O("ended_on", "date"),
                O("referral_id", "the referral it answers"),
                O("outcome", "in_progress, improved, no_change, worsened, not_completed"),
                O("provider", "username (default: who imports)"),
            ),
            "Interventions (other means of correction).",
        ),  # fmt: skip
        Kind(
            "expulsion_recommendations",
            "recommendation_id",
            (
                C("recommendation_id"),
                C("referral_id"),
                C("recommended_on", "date"),
                O("status", "pending, expelled, not_expelled, withdrawn (default pending)"),
                O("decided_by", "username (default: who imports)"),
            ),
            "Recommendations for expulsion.",
        ),  # fmt: skip
        Kind(
            "expulsion_findings",
            "finding_id",
            (
                C("finding_id"),
                C("referral_id"),
                C("found_on", "date"),
                C("finding", "the written finding (at least 20 characters)"),
                O("decided_by", "username"),
            ),
            "Written findings that expulsion is inappropriate (Category 2).",
        ),  # fmt: skip
        Kind(
            "safety_findings",
            "finding_id",
            (
                C("finding_id"),
                C("referral_id"),
                C("found_on", "date"),
                C("justification", "at least 20 characters"),
                O("decided_by", "username of an administrator"),
            ),
            "Safety findings (E.C. 48900.5).",
        ),  # fmt: skip
        Kind(
            "placement_decisions",
            "decision_id",
            (
                C("decision_id"),
                C("referral_id"),
                C("decided_on", "date"),
                C("change_of_placement", "yes/no"),
                O("review_held_on", "date"),
                O("behavior_was_manifestation", "yes/no/empty"),
                O("reasoning"),
                O("decided_by", "username"),
            ),
            "Change-of-placement decisions and manifestation reviews (MDR).",
        ),  # fmt: skip
        Kind(
            "suspensions",
            "suspension_id",
            (
                C("suspension_id"),
                C("referral_id"),
                C("kind", "teacher, in_school or out_of_school (OSS, ISS, TS accepted)"),
                C("start_date", "date"),
                C("school_days", "1 to 5 (more only as an extension)"),
                C("parent_contacted_at", "date and time, e.g. 2026-10-05 14:30"),
                C("parent_contact_method", "phone, in_person, email, letter, text"),
                C("parent_contact_result", "reached, message, no_answer, wrong_number"),
                O("parent_contacted_by", "username (default: decided_by)"),
                O("decided_by", "username of who decided (default: who imports)"),
                O("notice_language", "en or es (default: the student's)"),
            ),
            "Suspensions, with the parent contact that NOTICE requires.",
        ),  # fmt: skip
        Kind(
            "transfers",
            "transfer_id",
            (
                C("transfer_id"),
                C("referral_id"),
                C("kind", "opportunity or involuntary"),
                C("effective_date", "date"),
                O("receiving_school_code"),
                O("days_lost", "0 or more"),
                O("decided_by", "username"),
            ),
            "Opportunity and involuntary transfers.",
        ),  # fmt: skip
        Kind(
            "expulsions",
            "expulsion_id",
            (
                C("expulsion_id"),
                C("recommendation_id"),
                C("ordered_on", "date"),
                C("starts_on", "date"),
                C("ends_on", "date"),
                O("days_lost", "0 or more"),
                O("decided_by", "username"),
            ),
            "Expulsions ordered by the Board.",
        ),  # fmt: skip
        Kind(
            "law_enforcement_contacts",
            "contact_id",
            (
                C("contact_id"),
                C("referral_id"),
                C("kind", "notification, citation, arrest, police_complaint"),
                C("occurred_on", "date"),
                O("school_based", "yes/no (default yes)"),
                O("agency"),
                O("days_lost", "0 or more"),
                O("decided_by", "username"),
            ),
            "Law-enforcement contacts.",
        ),  # fmt: skip
    ]
}

ORDER = list(KINDS)


def kind_for(filename: str, header: list[str]) -> Kind | None:
    """The kind of a file: from its name (``suspensions.csv``) or else its key column."""
    stem = re.sub(r"\.csv$", "", filename.rsplit("/", 1)[-1].lower()).strip()
    if stem in KINDS:
        return KINDS[stem]
    for kind in KINDS.values():
        if kind.key in header and set(kind.required) <= set(header):
            return kind
    return None


# --- cells -------------------------------------------------------------------

DATE_HELP = "a date as YYYY-MM-DD or MM/DD/YYYY"


def text(row, column, *, required=True, max_length=None):
    value = (row.get(column) or "").strip()
    if required and not value:
        raise CellError(column, "is empty; it is required")
    if max_length and len(value) > max_length:
        raise CellError(column, f"is longer than {max_length} characters")
    return value


def date(row, column, *, required=True):
    value = text(row, column, required=required)
    if not value:
        return None
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:  # the common case, without strptime's cost
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise CellError(column, f"{value!r} is not {DATE_HELP}")


def moment(row, column, *, required=True):
    """A date and time; a time without a zone is the district's local time."""
    value = text(row, column, required=required)
    if not value:
        return None
    parsed = None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        for fmt in ("%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%m/%d/%Y"):
            try:
                parsed = datetime.datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        raise CellError(column, f"{value!r} is not a date and time (YYYY-MM-DD HH:MM)")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def time_of_day(row, column):
    value = text(row, column, required=False)
    if not value:
        return None
    try:
        return datetime.time.fromisoformat(value)
    except ValueError:
        raise CellError(column, f"{value!r} is not a time (HH:MM)") from None


TRUE = {"y", "yes", "true", "t", "1", "x", "si", "sí"}
FALSE = {"n", "no", "false", "f", "0", ""}


def boolean(row, column, *, default=False, allow_none=False):
    value = (row.get(column) or "").strip().lower()
    if allow_none and value == "":
        return None
    if value in TRUE:
        return True
    if value in FALSE:
        return default if value == "" else False
    raise CellError(column, f"{value!r} is not yes or no")


def integer(row, column, *, low=None, high=None, required=True, default=0, aliases=None):
    value = text(row, column, required=required)
    if not value:
        return default
    if aliases and value.upper() in aliases:
        return aliases[value.upper()]
    try:
        number = int(value)
    except ValueError:
        raise CellError(column, f"{value!r} is not a whole number") from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise CellError(column, f"{number} is not between {low} and {high}")
    return number


def choice(row, column, choices, *, aliases=None, required=True, default=""):
    value = text(row, column, required=required)
    if not value:
        return default
    folded = value.strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {k.lower(): v for k, v in (aliases or {}).items()}
    if folded in aliases:
        return aliases[folded]
    for key, _label in choices:  # the keys first: a label is translated to compare it
        if folded == str(key).lower():
            return key
    for key, label in choices:
        if value.lower() == str(label).lower():
            return key
    accepted = ", ".join(str(k) for k, _ in choices)
    raise CellError(column, f"{value!r} is not one of: {accepted}")


def codes(row, column):
    value = text(row, column)
    return [c for c in re.split(r"[;,|\s]+", value) if c]
