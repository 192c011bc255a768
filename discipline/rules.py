"""The rules of SPEC section 4 as pure judgments.

Each rule is a ``Rule`` with a stable id, a plain-language message that names
the rule and its source, and the settings it reads. Messages are English
msgids translated by the gettext catalog (``locale/es``): one Spanish source.

A judgment is a function of (the facts about one student, the proposed
change) -> the ``Violation``s the change would cause. It reads no database:
the facts are an immutable ``StudentFacts`` record loaded by
``discipline.facts`` (one student under its row lock for a single write, or
many students at once for an import or a generator), and the proposal is a
small frozen record of the change. So every rule can be unit-tested without
a database, and 10,000 proposed suspensions can be judged from a few bulk
queries.

Public API::

    from discipline.facts import student_facts_bulk
    from discipline.rules import SuspensionProposal, judge_suspension

    facts = student_facts_bulk(student_ids, school_year)  # {student pk: StudentFacts}
    violations = judge_suspension(facts[pk], SuspensionProposal(referral_id=..., ...))

Judges: ``judge_referral`` (creation, reason change, close: DATES, GRADE, and
CAT1/CAT2/WD/NOEXP/ALT/ADMIN39 against what the referral already has),
``judge_suspension`` (WD, DATES, ADMIN39, TEACHER, DAYS5, DAYS20, ALT, MDR,
NOTICE), ``judge_outcome`` (every other outcome kind of ``OUTCOME_KINDS``),
``judge_intervention``, ``judge_enrollment`` (EXPELLED). ``enforce`` raises a
list of violations as one ``RuleViolation`` (a ``ValidationError`` whose codes
are the rule ids).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import formats, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from discipline.models import SuspensionKind, counts_toward_year_limit
from people.calendar import SchoolCalendar

WILLFUL_DEFIANCE = "WD"
NOTICE_LANGUAGES = ("en", "es")
TEACHER_KIND = SuspensionKind.TEACHER
NOTICE_FIELDS = (
    ("parent_contacted_at", gettext_noop("Record when the parent contact was attempted.")),
    ("parent_contact_method", gettext_noop("Record how the parent contact was attempted.")),
    ("parent_contacted_by", gettext_noop("Record who attempted the parent contact.")),
    ("parent_contact_result", gettext_noop("Record the result of the parent contact attempt.")),
)


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    message: str
    source: str
    settings: tuple[str, ...] = ()

    def text(self, language=None):
        if language:
            with translation.override(language):
                return str(self.message)
        return str(self.message)


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in [
        Rule(
            "CAT1",
            _("Category 1 requires a recommendation for expulsion"),
            _(
                "A referral with a Category 1 offense cannot be closed without a recommendation "
                "for expulsion. Suspension pending the recommendation is allowed without prior "
                "alternatives."
            ),
            'E.C. 48915(c); MiSiS referral form "*Requires Recommendation for Expulsion"',
        ),
        Rule(
            "CAT2",
            _("Category 2 requires a recommendation or a written finding"),
            _(
                "A referral with a Category 2 offense cannot be closed until the administrator "
                "records either a recommendation for expulsion or a written finding that "
                "expulsion is inappropriate."
            ),
            "E.C. 48915(a)",
        ),
        Rule(
            "WD",
            _("No suspension or expulsion for willful defiance"),
            _(
                "Willful defiance never leads to any suspension (from class, in-school or "
                "out-of-school) or to a recommendation for expulsion, in any grade. An "
                "intervention must be documented for it within 5 school days."
            ),
            "School Climate Bill of Rights (LAUSD Board resolution, 2013); E.C. 48900(k); "
            "SB 419; SB 274",
            ("WD_FOLLOW_UP_SCHOOL_DAYS",),
        ),
        Rule(
            "GRADE",
            _("Codes for grades 4–12 only"),
            _(
                "Codes limited to grades 4–12 (3.9, 3.12a–d, 3.13, 3.14) cannot be applied to a "
                "student in kindergarten through grade 3."
            ),
            "E.C. 48900.2, 48900.3, 48900.4",
        ),
        Rule(
            "NOEXP",
            _("3.9 and 3.22 never lead to expulsion"),
            _(
                "Codes 3.9 and 3.22 may lead to suspension but never to a recommendation for "
                "expulsion."
            ),
            "BUL-5808.3 reason-code descriptions; E.C. 48900(t)",
        ),
        Rule(
            "ADMIN39",
            _("3.9 suspensions are issued by an administrator"),
            _(
                "A suspension under code 3.9 (disrupted school-wide activities) is issued by an "
                "administrator only."
            ),
            "BUL-5808.3 reason-code descriptions",
        ),
        Rule(
            "ALT",
            _("Alternatives before suspension"),
            _(
                "No suspension for an offense outside Category 1 unless the student has "
                "documented alternatives this school year before the suspension starts (at least "
                "the required Tier II and Tier III interventions), or an administrator has "
                "recorded a safety finding with a written justification."
            ),
            "School Climate Bill of Rights (2013); Discipline Matrix (Attachment E); E.C. 48900.5",
            ("ALT_REQUIRED_TIER2", "ALT_REQUIRED_TIER3"),
        ),
        Rule(
            "DAYS5",
            _("At most 5 school days per suspension"),
            _(
                "One suspension by an administrator is at most 5 consecutive school days, unless "
                "it is extended while a recommendation for expulsion is pending."
            ),
            "E.C. 48911, 48911(g)",
            ("MAX_DAYS_PER_SUSPENSION",),
        ),
        Rule(
            "DAYS20",
            _("At most 20 suspension days in a school year"),
            _(
                "A student's suspension days in a school year total at most 20, or 30 if the "
                "student was transferred for adjustment (opportunity transfer) that year."
            ),
            "E.C. 48903",
            ("MAX_DAYS_PER_YEAR", "MAX_DAYS_PER_YEAR_AFTER_OPPORTUNITY_TRANSFER"),
        ),
        Rule(
            "TEACHER",
            _("A teacher's suspension covers the day of the act and the next"),
            _(
                "A teacher's suspension from class covers at most the day of the act and the "
                "next school day."
            ),
            "E.C. 48910",
        ),
        Rule(
            "MDR",
            _("Change of placement and manifestation determination"),
            _(
                "For a student with an IEP or 504 plan, a removal of more than 10 consecutive "
                "school days, or one that takes the year's total past 10 school days, cannot be "
                "saved until the administrator records whether it is a change of placement; a "
                "change of placement requires a manifestation determination review within 10 "
                "school days of the decision."
            ),
            "IDEA; 34 CFR 300.530(e), 300.536",
            ("MDR_THRESHOLD_DAYS", "MDR_REVIEW_WITHIN_SCHOOL_DAYS"),
        ),
        Rule(
            "EXPELLED",
            _("No enrollment elsewhere while expelled"),
            _(
                "A student with an expulsion in force cannot be enrolled at another school of "
                "the district."
            ),
            "MiSiS bulletin BUL-5808.3",
        ),
        Rule(
            "NOTICE",
            _("Parent contact and written notice"),
            _(
                "Every suspension records the attempt to contact the parent or guardian (when, "
                "how, by whom, result) and produces a written notice in the family's language "
                "stating the appeal steps and timeline."
            ),
            'E.C. 48911(d); School Climate Bill of Rights "Appeals"',
        ),
        Rule(
            "DATES",
            _("Dates must make sense"),
            _(
                "The incident date is not in the future; a suspension starts on or after the "
                "incident, on a school day; the student was enrolled at the school on the "
                "incident date."
            ),
            "District data-quality rule",
        ),
    ]
}


def _display(value):
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return value


@dataclass(frozen=True)
class Violation:
    """One broken rule: its id, the field it concerns, and a detail.

    ``detail`` is an English msgid with ``%(name)s`` placeholders filled from
    ``params``; it is translated and its dates formatted when it is shown, in
    the reader's language.
    """

    rule_id: str
    field: str | None = None
    detail: str = ""
    params: tuple[tuple[str, object], ...] = ()

    @property
    def rule(self) -> Rule:
        return RULES[self.rule_id]

    def detail_text(self):
        if not self.detail:
            return ""
        # ``what`` names a field ("start date"): a msgid of its own.
        params = {k: gettext(v) if k == "what" else _display(v) for k, v in self.params}
        return gettext(self.detail) % params

    def text(self, language=None):
        if language:
            with translation.override(language):
                return self.text()
        text = f"[{self.rule_id}] {self.rule.text()}"
        detail = self.detail_text()
        if detail:
            text += f" {detail}"
        return f"{text} ({gettext('Source')}: {self.rule.source})"


class RuleViolation(ValidationError):
    """What a refused write raises: every violation, keyed by field."""

    def __init__(self, violations, *, by_field=True):
        self.violations = list(violations)
        if by_field:
            errors = defaultdict(list)
            for v in self.violations:
                errors[v.field or NON_FIELD_ERRORS].append(
                    ValidationError(v.text(), code=v.rule_id)
                )
            super().__init__(dict(errors))
        else:
            super().__init__([ValidationError(v.text(), code=v.rule_id) for v in self.violations])

    @property
    def rule_ids(self):
        return sorted({v.rule_id for v in self.violations})


def enforce(violations, *, by_field=True):
    violations = list(violations)
    if violations:
        raise RuleViolation(violations, by_field=by_field)


class _Collector:
    def __init__(self):
        self.violations: list[Violation] = []

    def add(self, rule_id, field=None, detail="", **params):
        self.violations.append(Violation(rule_id, field, detail, tuple(sorted(params.items()))))


# --- the facts ---------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """The district's settings the rules read (``settings.DISCIPLINE``)."""

    max_days_per_suspension: int = 5
    max_days_per_year: int = 20
    max_days_per_year_after_opportunity_transfer: int = 30
    alt_required_tier2: int = 1
    alt_required_tier3: int = 1
    mdr_threshold_days: int = 10
    mdr_review_within_school_days: int = 10

    @classmethod
    def from_settings(cls, values: Mapping) -> Limits:
        return cls(
            max_days_per_suspension=values["MAX_DAYS_PER_SUSPENSION"],
            max_days_per_year=values["MAX_DAYS_PER_YEAR"],
            max_days_per_year_after_opportunity_transfer=values[
                "MAX_DAYS_PER_YEAR_AFTER_OPPORTUNITY_TRANSFER"
            ],
            alt_required_tier2=values["ALT_REQUIRED_TIER2"],
            alt_required_tier3=values["ALT_REQUIRED_TIER3"],
            mdr_threshold_days=values["MDR_THRESHOLD_DAYS"],
            mdr_review_within_school_days=values["MDR_REVIEW_WITHIN_SCHOOL_DAYS"],
        )


@dataclass(frozen=True)
class Reason:
    """A reason code as the rules see it."""

    pk: int
    code: str
    category: int
    grades_4_12_only: bool = False
    suspension_not_expulsion: bool = False
    admin_only: bool = False
    requires_expulsion_recommendation: bool = False

    @property
    def is_willful_defiance(self):
        return self.code == WILLFUL_DEFIANCE

    @classmethod
    def of(cls, code) -> Reason:
        """A ``Reason`` from a ``ReasonCode`` row (or anything with its fields)."""
        return cls(
            pk=code.pk,
            code=code.code,
            category=code.category,
            grades_4_12_only=code.grades_4_12_only,
            suspension_not_expulsion=code.suspension_not_expulsion,
            admin_only=code.admin_only,
            requires_expulsion_recommendation=code.requires_expulsion_recommendation,
        )


def offense_codes(reasons):
    """The reasons that can ground a disciplinary outcome: all but willful defiance."""
    return [r for r in reasons if not r.is_willful_defiance]


@dataclass(frozen=True)
class SuspensionFact:
    pk: int
    referral_id: int
    kind: str
    school_year_id: int | None
    start_date: datetime.date
    school_days: int
    decided_by_admin: bool = True

    @property
    def counts_toward_year_limit(self):
        return counts_toward_year_limit(self.kind)


@dataclass(frozen=True)
class ReferralFacts:
    """A referral and what it already has (valid records only)."""

    pk: int | None
    school_id: int
    incident_date: datetime.date
    referred_on: datetime.date | None = None
    status: str = "open"
    grade: int | None = None
    voided: bool = False
    reasons: tuple[Reason, ...] = ()
    recommendations: int = 0
    pending_recommendations: int = 0
    expulsion_findings: int = 0
    safety_findings: int = 0
    placement_decisions: int = 0
    suspensions: tuple[SuspensionFact, ...] = ()


@dataclass(frozen=True)
class EnrollmentFact:
    pk: int | None
    school_id: int
    grade: int
    start: datetime.date
    end: datetime.date | None = None


@dataclass(frozen=True)
class InterventionFact:
    tier: int
    started_on: datetime.date


@dataclass(frozen=True)
class ExpulsionFact:
    pk: int
    school_id: int
    school_name: str
    starts_on: datetime.date
    ends_on: datetime.date


@dataclass(frozen=True)
class SchoolYearFact:
    pk: int
    name: str
    first_day: datetime.date
    last_day: datetime.date


@dataclass(frozen=True)
class StudentFacts:
    """Everything the rules know about one student for one school year.

    ``suspensions``, ``interventions`` and ``opportunity_transfers`` are the
    valid ones of ``school_year``; ``referrals`` those of the year plus any
    asked for; ``enrollments`` and ``expulsions`` all of the student's.
    """

    student_id: int
    name: str
    has_iep_or_504: bool
    school_year: SchoolYearFact | None
    today: datetime.date
    calendar: SchoolCalendar
    limits: Limits = field(default_factory=Limits)
    enrollments: tuple[EnrollmentFact, ...] = ()
    suspensions: tuple[SuspensionFact, ...] = ()
    opportunity_transfers: tuple[datetime.date, ...] = ()
    interventions: tuple[InterventionFact, ...] = ()
    expulsions: tuple[ExpulsionFact, ...] = ()
    referrals: Mapping[int, ReferralFacts] = field(default_factory=lambda: MappingProxyType({}))

    def enrollment_on(self, day: datetime.date) -> EnrollmentFact | None:
        current = [
            e for e in self.enrollments if e.start <= day and (e.end is None or e.end >= day)
        ]
        return max(current, key=lambda e: e.start, default=None)

    def year_days(self, *, exclude_pk=None, only_school_removals=True, starting_by=None) -> int:
        """Suspension days this school year (teacher removals left out unless asked)."""
        return sum(
            s.school_days
            for s in self.suspensions
            if s.pk != exclude_pk
            and (s.counts_toward_year_limit or not only_school_removals)
            and (starting_by is None or s.start_date <= starting_by)
        )

    def year_limit(self) -> int:
        """20 days, or 30 after an opportunity transfer this year (E.C. 48903)."""
        if self.opportunity_transfers:
            return self.limits.max_days_per_year_after_opportunity_transfer
        return self.limits.max_days_per_year

    def alternatives_before(self, day: datetime.date) -> tuple[int, int]:
        """(Tier II count, Tier III count) of alternatives started by ``day``."""
        tiers = [i.tier for i in self.interventions if i.started_on <= day]
        return tiers.count(2), tiers.count(3)


# --- the proposals -----------------------------------------------------------


@dataclass(frozen=True)
class ReferralProposal:
    """A referral as it would be stored: new (``pk`` None), with changed
    reasons, or being closed (``status`` "closed")."""

    school_id: int
    incident_date: datetime.date
    reasons: tuple[Reason, ...]
    pk: int | None = None
    referred_on: datetime.date | None = None
    status: str = "open"
    voided: bool = False


@dataclass(frozen=True)
class SuspensionProposal:
    referral_id: int
    kind: str
    start_date: datetime.date
    school_days: int
    decided_by_admin: bool
    extends_id: int | None = None
    pk: int | None = None
    parent_contacted_at: datetime.datetime | None = None
    parent_contact_method: str = ""
    parent_contacted_by_id: int | None = None
    parent_contact_result: str = ""
    notice_language: str = "en"


@dataclass(frozen=True)
class OutcomeProposal:
    """Any other outcome of a referral; ``kind`` is a key of ``OUTCOME_KINDS``
    and ``day`` the outcome's own date (recommended on, effective, found on,
    decided on, taken on; an expulsion's first day)."""

    kind: str
    referral_id: int
    day: datetime.date | None
    decided_by_admin: bool = True
    text: str = ""
    ends_on: datetime.date | None = None
    recommendation_referral_id: int | None = None
    change_of_placement: bool = False
    review_held_on: datetime.date | None = None


@dataclass(frozen=True)
class InterventionProposal:
    started_on: datetime.date
    school_year: SchoolYearFact | None


@dataclass(frozen=True)
class EnrollmentProposal:
    school_id: int
    start: datetime.date
    end: datetime.date | None = None


# --- judgments -----------------------------------------------------------------


def _incident_dates(c, referral, day, field, what):
    if day and referral.incident_date and day < referral.incident_date:
        c.add(
            "DATES",
            field,
            gettext_noop("The %(what)s (%(day)s) is before the incident (%(incident)s)."),
            what=what,
            day=day,
            incident=referral.incident_date,
        )


def _grade_label(grade):
    return {-1: "TK", 0: "K"}.get(grade, grade)


def judge_referral(facts: StudentFacts, p: ReferralProposal) -> list[Violation]:
    """DATES and GRADE on the referral; for a referral that already has
    outcomes, every rule they rest on, judged again under the proposed reasons
    (WD, NOEXP, ALT, ADMIN39); CAT1 and CAT2 when it is or stays closed."""
    c = _Collector()
    if p.incident_date > facts.today:
        c.add("DATES", "incident_date", gettext_noop("The incident date is in the future."))
    if p.referred_on and p.referred_on > facts.today:
        c.add("DATES", "referred_on", gettext_noop("The date of referral is in the future."))
    if p.referred_on and p.referred_on < p.incident_date:
        c.add("DATES", "referred_on", gettext_noop("The referral is dated before the incident."))
    enrollment = facts.enrollment_on(p.incident_date)
    if enrollment is None or enrollment.school_id != p.school_id:
        c.add(
            "DATES",
            "student",
            gettext_noop("%(name)s was not enrolled at this school on %(day)s."),
            name=facts.name,
            day=p.incident_date,
        )
    reasons = list(p.reasons)
    if not reasons:
        c.add("DATES", "reasons", gettext_noop("Choose at least one reason."))
        return c.violations
    before = facts.referrals.get(p.pk) if p.pk else None
    grade = before.grade if before and before.grade is not None else None
    if grade is None and enrollment is not None:
        grade = enrollment.grade
    limited = [r.code for r in reasons if r.grades_4_12_only]
    if grade is not None and grade <= 3 and limited:
        c.add(
            "GRADE",
            "reasons",
            gettext_noop("The student is in grade %(grade)s; remove %(codes)s."),
            grade=_grade_label(grade),
            codes=", ".join(limited),
        )
    if before is None and p.status == "closed":
        # Entered closed (the admin): nothing recorded on it yet.
        empty = ReferralFacts(pk=None, school_id=p.school_id, incident_date=p.incident_date)
        c.violations += judge_close(empty, reasons)
    if before is None or p.voided:
        return c.violations
    if p.status == "closed":
        c.violations += judge_close(before, reasons)
    if {r.pk for r in reasons} == {r.pk for r in before.reasons}:
        return c.violations  # what the outcomes rest on has not changed
    offenses = offense_codes(reasons)
    if not offenses and before.suspensions:
        c.add(
            "WD",
            "reasons",
            gettext_noop(
                "This referral has a suspension; it cannot rest on willful defiance alone."
            ),
        )
    if before.recommendations and not [r for r in offenses if not r.suspension_not_expulsion]:
        c.add("NOEXP", "reasons", gettext_noop("This referral has a recommendation for expulsion."))
    # The referral's suspensions were judged under its old reasons; ALT and
    # ADMIN39 depend on the reasons, so they are judged again under the new.
    for s in before.suspensions:
        if offenses and any(r.admin_only for r in offenses) and not s.decided_by_admin:
            c.add(
                "ADMIN39",
                "reasons",
                gettext_noop("This referral has a suspension not issued by an administrator."),
            )
        if (
            offenses
            and not any(r.category == 1 for r in offenses)
            and not before.safety_findings
            and facts.school_year is not None
            and s.school_year_id == facts.school_year.pk
        ):
            tier2, tier3 = facts.alternatives_before(s.start_date)
            if tier2 < facts.limits.alt_required_tier2 or tier3 < facts.limits.alt_required_tier3:
                c.add(
                    "ALT",
                    "reasons",
                    gettext_noop(
                        "This referral has a suspension from %(day)s that the new reasons "
                        "would leave without documented alternatives."
                    ),
                    day=s.start_date,
                )
    return c.violations


def judge_close(referral: ReferralFacts, reasons) -> list[Violation]:
    """CAT1 and CAT2: what a closed referral must have on record."""
    c = _Collector()
    recommended = referral.recommendations > 0
    if any(r.requires_expulsion_recommendation for r in reasons) and not recommended:
        c.add(
            "CAT1",
            "status",
            gettext_noop("Record the recommendation for expulsion before closing."),
        )
    if any(r.category == 2 for r in reasons) and not recommended:
        if not referral.expulsion_findings:
            c.add(
                "CAT2",
                "status",
                gettext_noop(
                    "Record a recommendation for expulsion or a written finding that expulsion "
                    "is inappropriate before closing."
                ),
            )
    return c.violations


def suspension_end(calendar: SchoolCalendar, start: datetime.date, days: int):
    """The suspension's last day on the school calendar, or None if the
    calendar does not hold that many school days."""
    try:
        return calendar.add_school_days(start, days)
    except ValueError:
        return None


def judge_suspension(facts: StudentFacts, s: SuspensionProposal) -> list[Violation]:
    """WD, DATES, ADMIN39, TEACHER, DAYS5, DAYS20, ALT, MDR and NOTICE."""
    c = _Collector()
    if not (s.referral_id and s.start_date and s.school_days and s.kind):
        return c.violations
    referral = facts.referrals[s.referral_id]
    offenses = offense_codes(referral.reasons)
    limits = facts.limits

    # WD: willful defiance alone never grounds a suspension.
    if not offenses:
        c.add("WD", None, gettext_noop("This referral's only reason is willful defiance."))
        return c.violations

    # DATES
    _incident_dates(c, referral, s.start_date, "start_date", gettext_noop("start date"))
    if not facts.calendar.is_school_day(s.start_date):
        c.add("DATES", "start_date", gettext_noop("%(day)s is not a school day."), day=s.start_date)
        return c.violations
    if facts.school_year is None:
        c.add("DATES", "start_date", gettext_noop("The date is outside every school year."))
        return c.violations
    if referral.incident_date > facts.today:
        c.add("DATES", None, gettext_noop("The incident date is in the future."))
    end = suspension_end(facts.calendar, s.start_date, s.school_days)
    if end is None:
        c.add("DATES", "school_days", gettext_noop("The school calendar does not hold these days."))
        return c.violations

    # ADMIN39
    if any(r.admin_only for r in offenses) and not s.decided_by_admin:
        c.add(
            "ADMIN39",
            "decided_by",
            gettext_noop("Only an administrator can issue this suspension."),
        )

    # TEACHER (48910): the day of the act and the next school day.
    if s.kind == TEACHER_KIND:
        if end > facts.calendar.next_school_day(referral.incident_date):
            c.add("TEACHER", "school_days", gettext_noop("It would last until %(day)s."), day=end)
    else:
        # DAYS5 (48911): at most 5 days, unless extended pending expulsion.
        if s.extends_id:
            # Judged when the extension is made: the Board's later decision
            # ends the pending status but not the lawfulness of the extension.
            if not s.pk and not referral.pending_recommendations:
                c.add(
                    "DAYS5",
                    "extends",
                    gettext_noop(
                        "An extension needs a pending recommendation for expulsion (48911(g))."
                    ),
                )
        elif s.school_days > limits.max_days_per_suspension:
            c.add(
                "DAYS5",
                "school_days",
                gettext_noop("%(asked)s days asked; the limit is %(limit)s."),
                asked=s.school_days,
                limit=limits.max_days_per_suspension,
            )

        # DAYS20 (48903), over the year's facts loaded under the student's lock.
        used = facts.year_days(exclude_pk=s.pk)
        year_limit = facts.year_limit()
        if used + s.school_days > year_limit:
            c.add(
                "DAYS20",
                "school_days",
                gettext_noop(
                    "%(name)s already has %(used)s suspension day(s) in %(year)s; %(asked)s more "
                    "would exceed %(limit)s."
                ),
                name=facts.name,
                used=used,
                year=facts.school_year.name,
                asked=s.school_days,
                limit=year_limit,
            )

    # ALT: documented alternatives first, unless Category 1 or a safety finding.
    if not any(r.category == 1 for r in offenses) and not referral.safety_findings:
        tier2, tier3 = facts.alternatives_before(s.start_date)
        need2, need3 = limits.alt_required_tier2, limits.alt_required_tier3
        if tier2 < need2 or tier3 < need3:
            c.add(
                "ALT",
                None,
                gettext_noop(
                    "On record this year before %(day)s: %(tier2)s Tier II and %(tier3)s Tier "
                    "III intervention(s); %(need2)s and %(need3)s are required."
                ),
                day=s.start_date,
                tier2=tier2,
                tier3=tier3,
                need2=need2,
                need3=need3,
            )

    # MDR: removals of a student with an IEP or 504 plan past 10 days.
    if facts.has_iep_or_504:
        threshold = limits.mdr_threshold_days
        # Removals up to this one: a later removal is judged when it is saved.
        year_total = (
            facts.year_days(exclude_pk=s.pk, only_school_removals=False, starting_by=s.start_date)
            + s.school_days
        )
        if (s.school_days > threshold or year_total > threshold) and not (
            referral.placement_decisions
        ):
            c.add(
                "MDR",
                None,
                gettext_noop(
                    "This removal brings the year's total to %(total)s school day(s). Record "
                    "whether it is a change of placement first."
                ),
                total=year_total,
            )

    # NOTICE (48911(d)): the parent contact attempt is part of the record.
    for name, msgid in NOTICE_FIELDS:
        value = getattr(s, name if name != "parent_contacted_by" else "parent_contacted_by_id")
        if not value:
            c.add("NOTICE", name, msgid)
    if s.notice_language not in NOTICE_LANGUAGES:
        c.add(
            "NOTICE", "notice_language", gettext_noop("Choose English or Spanish for the notice.")
        )
    return c.violations


def _expulsion_grounds(c, referral):
    offenses = offense_codes(referral.reasons)
    if not offenses:
        c.add("WD", None, gettext_noop("This referral's only reason is willful defiance."))
    elif all(r.suspension_not_expulsion for r in offenses):
        c.add(
            "NOEXP",
            None,
            gettext_noop("This referral's offenses (%(codes)s) cannot lead to expulsion."),
            codes=", ".join(r.code for r in offenses),
        )


def judge_outcome(facts: StudentFacts, p: OutcomeProposal) -> list[Violation]:
    """Every outcome of a referral other than a suspension, by its kind."""
    c = _Collector()
    referral = facts.referrals[p.referral_id]
    if p.kind == "expulsion-recommendation":
        _expulsion_grounds(c, referral)
        _incident_dates(c, referral, p.day, "recommended_on", gettext_noop("date"))
    elif p.kind == "expulsion":
        _expulsion_grounds(c, referral)
        if p.recommendation_referral_id and p.recommendation_referral_id != p.referral_id:
            c.add(
                "DATES",
                "recommendation",
                gettext_noop("The recommendation belongs to another referral."),
            )
        if p.day and p.ends_on and p.ends_on < p.day:
            c.add("DATES", "ends_on", gettext_noop("The expulsion ends before it starts."))
        _incident_dates(c, referral, p.day, "starts_on", gettext_noop("start date"))
        if p.day and p.ends_on:
            # An enrollment elsewhere that would begin while the expulsion is
            # in force is EXPELLED from the other side: withdraw it first.
            if any(
                p.day <= e.start <= p.ends_on and e.school_id != referral.school_id
                for e in facts.enrollments
            ):
                c.add(
                    "EXPELLED",
                    "starts_on",
                    gettext_noop(
                        "The student is enrolled at another school during this expulsion; end "
                        "that enrollment first."
                    ),
                )
    elif p.kind == "expulsion-finding":
        if not any(r.category == 2 for r in referral.reasons):
            c.add(
                "CAT2",
                None,
                gettext_noop(
                    "A finding that expulsion is inappropriate applies to Category 2 offenses only."
                ),
            )
        if len((p.text or "").strip()) < 20:
            c.add(
                "CAT2", "finding", gettext_noop("Write the finding out (at least 20 characters).")
            )
    elif p.kind == "transfer":
        _incident_dates(c, referral, p.day, "effective_date", gettext_noop("effective date"))
    elif p.kind == "law-enforcement":
        if p.day:
            _incident_dates(c, referral, p.day, "occurred_on", gettext_noop("date"))
            if p.day > facts.today:
                c.add("DATES", "occurred_on", gettext_noop("The date is in the future."))
    elif p.kind == "safety-finding":
        if not p.decided_by_admin:
            c.add(
                "ALT",
                "decided_by",
                gettext_noop("Only an administrator can record a safety finding."),
            )
        if len((p.text or "").strip()) < 20:
            c.add(
                "ALT",
                "justification",
                gettext_noop("Write the justification out (at least 20 characters)."),
            )
    elif p.kind == "placement-decision":
        if p.day:
            _judge_placement(c, facts, p)
    elif p.kind == "administrative-action":
        _incident_dates(c, referral, p.day, "taken_on", gettext_noop("date"))
    else:
        raise ValueError(f"unknown outcome kind {p.kind!r}")
    return c.violations


def _judge_placement(c, facts, p):
    if not facts.has_iep_or_504:
        c.add("MDR", None, gettext_noop("The student has no IEP or 504 plan."))
    if p.review_held_on:
        if p.review_held_on < p.day:
            c.add("MDR", "review_held_on", gettext_noop("The review is dated before the decision."))
        deadline = facts.calendar.school_days_after(
            p.day, facts.limits.mdr_review_within_school_days
        )
        if p.change_of_placement and p.review_held_on > deadline:
            c.add(
                "MDR",
                "review_held_on",
                gettext_noop("The review was due by %(day)s."),
                day=deadline,
            )


def judge_intervention(facts: StudentFacts, p: InterventionProposal) -> list[Violation]:
    c = _Collector()
    if not p.started_on:
        return c.violations
    if p.started_on > facts.today:
        c.add(
            "DATES",
            "started_on",
            gettext_noop("An intervention is recorded once it has started."),
        )
    year = p.school_year
    if year and not (year.first_day <= p.started_on <= year.last_day):
        c.add(
            "DATES",
            "started_on",
            gettext_noop("The date is outside the %(year)s school year."),
            year=year.name,
        )
    return c.violations


def judge_enrollment(facts: StudentFacts, p: EnrollmentProposal) -> list[Violation]:
    """EXPELLED: no enrollment at another school while an expulsion is in force."""
    c = _Collector()
    for expulsion in sorted(facts.expulsions, key=lambda e: e.pk):
        if expulsion.school_id == p.school_id or expulsion.ends_on < p.start:
            continue
        if p.end and expulsion.starts_on > p.end:
            continue
        c.add(
            "EXPELLED",
            "school",
            gettext_noop("The student is expelled from %(school)s through %(day)s."),
            school=expulsion.school_name,
            day=expulsion.ends_on,
        )
        break
    return c.violations
