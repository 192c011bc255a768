"""A history of discipline for the demo district (``manage.py seed_demo``).

From the first day of last school year up to today: office discipline
referrals, interventions from the Discipline Matrix, and what referrals lead
to (administrative actions, safety findings, suspensions, transfers,
expulsion recommendations and expulsions, written findings, placement
decisions, law-enforcement contacts), then the administrator closes most of
them. Outcomes are skewed so that there is disproportionality worth
reporting (Black students and students with an IEP are referred and
suspended at higher rates), yet every record is written through the services
(``discipline.services``, ``interventions.services``), so the rules of SPEC
section 4 hold for the demo as for everything else. A write the rules refuse
is skipped and counted by rule id; a handful is normal, many means the
generator is wrong.
"""

from __future__ import annotations

import datetime
import random
import time
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from discipline import services
from discipline.models import (
    AdministrativeActionType,
    ContactMethod,
    ContactResult,
    CorrectionMeasure,
    Location,
    Motivation,
    ReasonCode,
    RecommendationStatus,
    SuspensionKind,
    TransferKind,
)
from discipline.rules import RuleViolation
from discipline.services import enrollment_create
from interventions.models import GradeBand, InterventionOutcome, InterventionType, MatrixEntry
from people.models import Disability, Gender, RaceEthnicity, Role

R = RaceEthnicity

# Referrals per enrolled student per school year (180 school days). Each
# referral and what follows it takes a few dozen queries through the services
# (the rules run on every write), so this sets how long seed_demo takes.
REFERRAL_RATE = 0.085

# (code, weight, lowest grade): mostly Category 3, few Category 2, very few
# Category 1; grades 4-12 codes (GRADE) and drug codes start where they apply.
CODE_WEIGHTS = [
    ("WD", 13, -1),
    ("3.16", 11, -1),
    ("3.7", 10, -1),
    ("3.1b", 9, -1),
    ("3.1a", 7, -1),
    ("3.1c", 5, -1),
    ("3.4", 5, -1),
    ("3.5", 4, -1),
    ("3.2", 3.5, 6),
    ("3.21d", 3, 2),
    ("3.6", 2.5, 6),
    ("3.9", 2.5, 4),
    ("3.12c", 2, 4),
    ("3.13", 2, 4),
    ("3.12d", 1.5, 4),
    ("3.8", 1.5, 6),
    ("3.15", 1.2, 2),
    ("3.21a", 0.8, 2),
    ("3.21b", 0.8, 2),
    ("3.12a", 0.8, 4),
    ("3.22", 0.8, 4),
    ("3.21e", 0.6, 2),
    ("3.11", 0.5, 2),
    ("3.21c", 0.4, 2),
    ("3.3", 0.4, 6),
    ("3.10", 0.4, 4),
    ("3.12b", 0.3, 4),
    ("3.14", 0.2, 4),
    ("3.17", 0.2, 4),
    ("3.20", 0.15, 6),
    ("3.19", 0.15, 9),
    ("2.2", 1.1, 4),
    ("2.3", 0.5, 6),
    ("2.5", 0.4, 3),
    ("2.1", 0.35, 3),
    ("2.4", 0.3, 4),
    ("1.3", 0.22, 7),
    ("1.2", 0.12, 6),
    ("1.4b", 0.1, 6),
    ("1.1", 0.03, 6),
    ("1.5", 0.03, 6),
    ("1.4a", 0.02, 7),
]
# A second reason that often goes with the first.
COMPANIONS = {
    "3.1a": ["3.16"],
    "3.16": ["3.1a", "3.1b"],
    "3.7": ["WD"],
    "WD": ["3.7"],
    "3.12c": ["3.21d"],
    "3.21d": ["3.12c"],
    "3.2": ["3.8"],
    "3.8": ["3.2"],
    "3.1c": ["3.15"],
    "3.4": ["3.5"],
    "3.5": ["3.10"],
    "2.2": ["3.1c"],
}
FIGHTS = {"3.1a", "3.1b", "3.16"}

GROUPS = {
    "defiance": ["WD"],
    "language": ["3.7"],
    "violence": ["3.1a", "3.1b", "3.1c", "3.16", "3.22", "2.1"],
    "property": ["3.4", "3.5", "3.10"],
    "substance": ["3.2", "3.3", "3.6", "3.8", "3.19", "2.3"],
    "harassment": ["3.12a", "3.12b", "3.12c", "3.12d", "3.13", "3.14", "3.17", "3.20"]
    + ["3.21a", "3.21b", "3.21c", "3.21d", "3.21e"],
    "disruption": ["3.9"],
    "threat": ["3.15", "3.11"],
    "weapon": ["2.2", "1.1", "1.2", "1.5"],
    "sale": ["1.3"],
    "sexual": ["1.4a", "1.4b"],
    "robbery": ["2.4"],
    "staff": ["2.5"],
}
GROUP_OF = {code: group for group, codes in GROUPS.items() for code in codes}

DESCRIPTIONS = {
    "defiance": [
        "Refused repeated requests to put away a phone and return to the assigned task.",
        "Left the classroom without permission after being redirected several times.",
        "Would not take the assigned seat and kept arguing after two redirections.",
    ],
    "language": [
        "Used profanity toward a classmate during group work.",
        "Directed obscene language at a staff member in the hallway.",
    ],
    "violence": [
        "Pushed another student to the ground during a disagreement at lunch; the other "
        "student was seen by the nurse.",
        "Exchanged punches with another student near the lockers before staff separated them.",
        "Swung at another student after an argument in class; no contact was made.",
        "Threatened to hurt another student after school.",
    ],
    "property": [
        "Wrote on a restroom wall with a marker.",
        "Took another student's headphones from a backpack.",
        "Damaged a classroom laptop by throwing it.",
    ],
    "substance": [
        "Found with a vape pen in the restroom.",
        "Had a small amount of marijuana in a backpack, found during a search with cause.",
        "Was in possession of rolling papers and a grinder.",
    ],
    "harassment": [
        "Repeatedly posted demeaning comments about a classmate on social media.",
        "Made unwelcome comments of a sexual nature to a classmate.",
        "Called a classmate slurs about the classmate's background.",
    ],
    "disruption": ["Pulled the fire alarm during an assembly; the campus was evacuated."],
    "threat": [
        "Posted a message threatening to bring a weapon to school.",
        "Brought a replica handgun to school and showed it to classmates.",
    ],
    "weapon": [
        "Found with a folding knife in a backpack after a tip from a student.",
        "Displayed a knife during an argument at lunch.",
    ],
    "sale": ["Sold pills to other students on campus."],
    "sexual": ["Touched another student without consent; reported by the student."],
    "robbery": ["Took money from a younger student by threatening the student."],
    "staff": ["Struck a campus aide who was separating two students."],
}

LOCATIONS = {
    "defiance": {"classroom": 70, "non-classroom": 15, "during-lunch": 10, "other": 5},
    "language": {"classroom": 50, "non-classroom": 30, "during-lunch": 15, "other": 5},
    "substance": {
        "non-classroom": 60,
        "during-lunch": 15,
        "going-to-or-coming-from-school": 15,
        "school-sponsored-activity": 5,
        "other": 5,
    },  # fmt: skip
    "harassment": {"classroom": 30, "non-classroom": 30, "other": 30, "during-lunch": 10},
}
LOCATIONS_DEFAULT = {
    "classroom": 30,
    "non-classroom": 30,
    "during-lunch": 22,
    "going-to-or-coming-from-school": 8,
    "school-sponsored-activity": 4,
    "at-another-school": 1,
    "other": 5,
}
MOTIVATIONS = {
    "seek-attention": 22,
    "avoid-task": 18,
    "avoid-peer": 10,
    "avoid-adult": 8,
    "obtain-activity-item": 12,
    "avoid-situation": 8,
    "unknown": 22,
}
PRIOR_CORRECTIONS = [
    "verbal-reminder",
    "seat-change",
    "conference-with-student",
    "parent-contact",
    "review-re-teach-expectations",
    "writing-reflections",
    "loss-of-privileges",
    "daily-behavior-monitoring",
]
ADMINISTRATIVE_ACTIONS = {
    "conference-with-parent": 30,
    "conference-with-student": 25,
    "detention": 15,
    "parent-contact": 15,
    "referral-individual-counseling": 6,
    "restorative-justice-program": 6,
    "daily-behavior-monitoring": 3,
}
ADMIN_NOTES = [
    "Met with the student and a parent; expectations reviewed.",
    "Restorative conference held with the students involved.",
    "Student completed a reflection; weekly check-in with the counselor.",
    "Parent conference held; behavior plan updated.",
    "Reviewed with the student; no further action needed.",
]

# Disproportionality worth reporting (SPEC section 6): who gets referred, and
# who gets suspended once referred. Every suspension still obeys every rule.
REFERRAL_RISK = {
    "race": {
        R.BLACK: 2.3,
        R.AMERICAN_INDIAN: 1.4,
        R.PACIFIC_ISLANDER: 1.3,
        R.TWO_OR_MORE: 1.1,
        R.WHITE: 0.8,
        R.ASIAN: 0.35,
        R.FILIPINO: 0.5,
    },  # fmt: skip
    "disability": {Disability.IEP: 1.9, Disability.SECTION_504: 1.3},
    "gender": {Gender.MALE: 2.2, Gender.NONBINARY: 1.2},
}
SUSPENSION_RISK = {
    "race": {
        R.BLACK: 1.6,
        R.AMERICAN_INDIAN: 1.3,
        R.PACIFIC_ISLANDER: 1.2,
        R.WHITE: 0.8,
        R.ASIAN: 0.6,
        R.FILIPINO: 0.7,
    },  # fmt: skip
    "disability": {Disability.IEP: 1.35, Disability.SECTION_504: 1.15},
    "gender": {Gender.MALE: 1.15},
}
SUSPENSION_BASE = {
    "violence": 0.30,
    "threat": 0.35,
    "harassment": 0.22,
    "substance": 0.22,
    "property": 0.14,
    "language": 0.07,
    "disruption": 0.2,
}
# Probability of a safety finding (48900.5) when alternatives are not on record.
SAFETY_FINDING = {"violence": 0.25, "threat": 0.35, "weapon": 0.85, "staff": 0.85,
                  "robbery": 0.6, "substance": 0.05}  # fmt: skip


def grade_risk(grade):
    if grade <= 0:
        return 0.1
    if grade <= 3:
        return 0.25
    if grade <= 5:
        return 0.5
    if grade <= 8:
        return 1.6
    return 1.3 if grade <= 10 else 0.9


def risk(table, student):
    return (
        table["race"].get(student.race_ethnicity, 1.0)
        * table["disability"].get(student.disability, 1.0)
        * table["gender"].get(student.gender, 1.0)
    )


def _pick(rng, weighted: dict):
    return rng.choices(list(weighted), list(weighted.values()))[0]


@dataclass
class StudentState:
    """What the generator remembers about a student, year by year (by pk)."""

    student: object
    enrollments: list
    referrals: Counter = field(default_factory=Counter)
    suspensions: Counter = field(default_factory=Counter)
    suspension_days: Counter = field(default_factory=Counter)  # DAYS20: school removals
    removal_days: Counter = field(default_factory=Counter)  # MDR: every removal
    tier2: dict = field(default_factory=lambda: defaultdict(list))
    tier3: dict = field(default_factory=lambda: defaultdict(list))
    opportunity_transfer: set = field(default_factory=set)
    transferred: set = field(default_factory=set)
    recommended: bool = False
    expelled_until: datetime.date | None = None

    def enrollment_on(self, day):
        found = [e for e in self.enrollments if e.start <= day and (e.end is None or e.end >= day)]
        return max(found, key=lambda e: e.start) if found else None

    def has_alternatives(self, year, start):
        return any(d <= start for d in self.tier2[year.pk]) and any(
            d <= start for d in self.tier3[year.pk]
        )


@dataclass
class Handled:
    """One referral as the generator follows it."""

    referral: object
    state: StudentState
    school: object
    grade: int
    day: datetime.date
    year: object
    reasons: list
    referrer: object
    n_prior: int
    recommendation: object = None
    finding: object = None
    placement_decided: bool = False
    outcomes: int = 0

    @property
    def offenses(self):
        return [r for r in self.reasons if not r.is_willful_defiance]

    @property
    def category(self):
        return min((r.category for r in self.offenses), default=None)

    @property
    def group(self):
        primary = self.offenses[0] if self.offenses else self.reasons[0]
        return GROUP_OF.get(primary.code, "other")


class HistoryBuilder:
    def __init__(self, district, *, seed, log, referral_rate=REFERRAL_RATE, chunk=200):
        self.district = district
        self.referral_rate = referral_rate
        self.rng = random.Random(seed)
        self.log = log
        self.chunk = chunk
        self.today = district.today
        self.skipped = Counter()
        self.notes = Counter()
        self.days = district.school_days  # both years, including the rest of this one
        self.index = {d: i for i, d in enumerate(self.days)}
        self.past = self.days[: bisect_right(self.days, self.today)]
        self.years = [district.previous_year, district.current_year]
        self.codes = {r.code: r for r in ReasonCode.objects.filter(active=True)}
        self.locations = {x.slug: x for x in Location.objects.all()}
        self.motivations = {x.slug: x for x in Motivation.objects.all()}
        self.corrections = {x.slug: x for x in CorrectionMeasure.objects.all()}
        self.actions = {x.slug: x for x in AdministrativeActionType.objects.all()}
        self.tier1 = list(InterventionType.objects.filter(source=InterventionType.Source.TIER_I))
        self.matrix = defaultdict(list)
        for entry in MatrixEntry.objects.select_related("reason_code", "intervention_type"):
            if entry.intervention_type.slug != "provide-any-tier-two":
                key = (entry.reason_code.code, entry.grade_band, entry.tier)
                self.matrix[key].append(entry.intervention_type)
        self.plans = {p.school.pk: p for p in district.schools}
        self.states = {
            s.pk: StudentState(s, district.enrollments.get(s.pk, [])) for s in district.students
        }
        self.at_school = defaultdict(list)
        for state in self.states.values():
            for e in state.enrollments:
                self.at_school[e.school_id].append(state)

    # --- calendar -----------------------------------------------------------

    def year_of(self, day):
        return next(y for y in self.years if y.first_day <= day <= y.last_day)

    def later(self, day, n, *, past=True):
        """The n-th school day after ``day`` in the same school year (None if
        there is none, or if it is after today when ``past``)."""
        i = bisect_left(self.days, day) + n
        if i >= len(self.days):
            return None
        found = self.days[i]
        if found > self.year_of(day).last_day or (past and found > self.today):
            return None
        return found

    def school_days(self, first, last):
        return bisect_right(self.days, last) - bisect_left(self.days, first)

    def moment(self, day, hour_from=12, hour_to=17):
        at = datetime.datetime.combine(
            day, datetime.time(self.rng.randint(hour_from, hour_to - 1), self.rng.randrange(60))
        )
        return min(timezone.make_aware(at), timezone.now())

    # --- writing through the services ------------------------------------------

    def attempt(self, event, service, **kwargs):
        try:
            return service(**kwargs)
        except RuleViolation as refused:
            for rule_id in refused.rule_ids:
                self.skipped[f"{event}: {rule_id}"] += 1
            return None

    # --- the plan -------------------------------------------------------------

    def plan(self):
        """(day, student state) for every referral, weighted by who gets referred."""
        rng = self.rng
        entries = []
        for state in self.states.values():
            ranges = []
            for e in state.enrollments:
                lo = bisect_left(self.past, e.start)
                hi = bisect_right(self.past, e.end or self.today)
                if hi > lo:
                    ranges.append((lo, hi))
            enrolled = sum(hi - lo for lo, hi in ranges)
            if not enrolled:
                continue
            grade = state.enrollments[-1].grade
            weight = (
                rng.gammavariate(0.5, 2.0)
                * risk(REFERRAL_RISK, state.student)
                * grade_risk(grade)
                * (1.2 if state.student.socioeconomically_disadvantaged else 1.0)
                * enrolled
            )
            entries.append((state, ranges, weight))
        current = sum(1 for s in self.states.values() if s.enrollments[-1].end is None)
        target = round(current * self.referral_rate * len(self.past) / 180)
        chosen = rng.choices(entries, [w for _, _, w in entries], k=target)
        season = {8: 0.5, 9: 0.85, 10: 1.0, 11: 0.9, 12: 0.8, 1: 0.9, 2: 1.0, 3: 1.0, 4: 0.9,
                  5: 0.85, 6: 0.5, 7: 0.0}  # fmt: skip
        per_student = Counter()
        plans = []
        for state, ranges, _ in chosen:
            if per_student[state.student.pk] >= 15:
                continue
            for _try in range(10):
                lo, hi = rng.choices(ranges, [hi - lo for lo, hi in ranges])[0]
                day = self.past[rng.randrange(lo, hi)]
                if rng.random() < season[day.month]:
                    per_student[state.student.pk] += 1
                    plans.append((day, rng.random(), state))
                    break
        plans += self.frequent_referrals(entries)
        # The demo accounts' school gets a few referrals in the last two weeks, so
        # the administrator's queue and the teacher's list have open work to show.
        demo = self.district.demo_school.pk
        for _ in range(8):
            day = rng.choice(self.past[-10:])
            here = [
                s
                for s in self.at_school[demo]
                if (e := s.enrollment_on(day)) is not None and e.school_id == demo
            ]
            if here:
                plans.append((day, rng.random(), rng.choice(here)))
        plans.sort(key=lambda p: (p[0], p[1]))
        return [(day, state) for day, _, state in plans]

    def frequent_referrals(self, entries):
        """A few students in grades 6-12, half with an IEP, are referred again and
        again: the pattern the 20-day limit, MDR and transfers are written for."""
        rng = self.rng
        year = self.district.current_year
        candidates = [
            (state, ranges)
            for state, ranges, _ in entries
            if state.enrollments[-1].end is None
            and state.enrollments[-1].grade >= 6
            and state.enrollments[-1].start == year.first_day
        ]
        count = max(2, len(candidates) // 400)
        iep = [c for c in candidates if c[0].student.disability == Disability.IEP]
        chosen = rng.sample(iep, min(len(iep), count // 2))
        chosen += rng.sample([c for c in candidates if c not in chosen], count - len(chosen))
        plans = []
        for state, ranges in chosen:
            days = [self.past[i] for lo, hi in ranges for i in range(lo, hi)]
            this_year = [d for d in days if d >= year.first_day]
            last_year = [d for d in days if d < year.first_day]
            picked = rng.sample(this_year, min(len(this_year), rng.randint(6, 10)))
            picked += rng.sample(last_year, min(len(last_year), rng.randint(2, 4)))
            plans += [(day, rng.random(), state) for day in picked]
        return plans

    def build(self):
        plans = self.plan()
        started = time.monotonic()
        for n in range(0, len(plans), self.chunk):
            with transaction.atomic():
                for day, state in plans[n : n + self.chunk]:
                    self.incident(day, state)
            self.log(
                f"  incidents {min(n + self.chunk, len(plans))}/{len(plans)} "
                f"({time.monotonic() - started:.0f}s)"
            )

    # --- one incident ------------------------------------------------------------

    def choose_reasons(self, grade):
        rng = self.rng
        allowed = [(c, w) for c, w, lowest in CODE_WEIGHTS if grade >= lowest and c in self.codes]
        first = rng.choices([c for c, _ in allowed], [w for _, w in allowed])[0]
        codes = [first]
        lowest = {c: low for c, _, low in CODE_WEIGHTS}
        if first in COMPANIONS and rng.random() < 0.15:
            second = rng.choice(COMPANIONS[first])
            if grade >= lowest.get(second, 99) and second in self.codes:
                codes.append(second)
        return [self.codes[c] for c in codes]

    def incident(self, day, state, incident=None, reasons=None, others=True):
        rng = self.rng
        if state.expelled_until and day <= state.expelled_until:
            self.notes["planned incidents dropped: student expelled"] += 1
            return None
        enrollment = state.enrollment_on(day)
        if enrollment is None:
            return None
        school, grade = enrollment.school, enrollment.grade
        staff = self.district.staff[school.pk]
        reasons = reasons or self.choose_reasons(grade)
        serious = any(r.category < 3 or r.admin_only for r in reasons)
        if (serious and rng.random() < 0.6) or rng.random() < 0.08:
            referrer = staff.administrator
        else:
            referrer = rng.choice(staff.teachers)
        group = GROUP_OF.get(reasons[0].code, "other")
        hour, minute = _pick(rng, {(8, 0): 10, (9, 30): 30, (11, 40): 25, (13, 0): 30,
                                   (15, 0): 5})  # fmt: skip
        referred_on = day if rng.random() < 0.8 else (self.later(day, 1) or day)
        prior = []
        if reasons[0].category == 3:
            prior = rng.sample(PRIOR_CORRECTIONS, rng.randint(0, 3))
        referral = self.attempt(
            "referral",
            services.referral_create,
            actor=referrer,
            student=state.student,
            school=school,
            incident_date=day,
            incident_time=datetime.time(hour, (minute + rng.randrange(60)) % 60),
            referred_on=referred_on,
            location=self.locations[_pick(rng, LOCATIONS.get(group, LOCATIONS_DEFAULT))],
            motivation=self.motivations[_pick(rng, MOTIVATIONS)],
            reasons=reasons,
            description=rng.choice(DESCRIPTIONS.get(group, DESCRIPTIONS["defiance"])),
            prior_corrections=[self.corrections[s] for s in prior if s in self.corrections],
            incident=incident,
        )
        if referral is None:
            return None
        year = self.year_of(day)
        handled = Handled(
            referral, state, school, grade, day, year, reasons, referrer, state.referrals[year.pk]
        )
        state.referrals[year.pk] += 1
        self.follow_up(handled)
        if others and reasons[0].code in FIGHTS and rng.random() < 0.3:
            for other in self.classmates(school, day, state, rng.choice([1, 1, 1, 2])):
                code = rng.choice(["3.16", "3.1b", "3.1a"])
                self.incident(day, other, referral.incident, [self.codes[code]], others=False)
        return referral

    def classmates(self, school, day, state, count):
        found = []
        pool = self.at_school[school.pk]
        for _ in range(20):
            other = self.rng.choice(pool)
            enrollment = other.enrollment_on(day)
            if (
                other is not state
                and other not in found
                and enrollment is not None
                and enrollment.school_id == school.pk
                and not (other.expelled_until and day <= other.expelled_until)
            ):
                found.append(other)
                if len(found) == count:
                    break
        return found

    # --- what a referral leads to ----------------------------------------------

    def follow_up(self, h: Handled):
        rng = self.rng
        self.interventions(h)
        category = h.category
        if category is not None:
            if category == 1:
                first = self.suspend(h, kind=SuspensionKind.OUT_OF_SCHOOL, days=5)
                self.recommend(h)
                if first and h.recommendation and rng.random() < 0.4:
                    self.extend(h, first)
            else:
                p = self.suspension_probability(h)
                if rng.random() < p:
                    self.suspend(h)
                if category == 2:
                    if rng.random() < 0.3:
                        self.recommend(h)
                    else:
                        self.written_finding(h)
                elif h.group in ("threat", "violence", "weapon") and h.grade >= 6:
                    if rng.random() < 0.012:
                        self.recommend(h)  # a non-mandatory recommendation
            if h.recommendation:
                self.decide_recommendation(h)
            self.law_enforcement(h)
            self.transfer(h)
        if rng.random() < 0.2:
            self.administrative_action(h)
        self.close(h)

    def suspension_probability(self, h):
        if h.category == 2:
            return 0.8
        return min(
            0.9,
            SUSPENSION_BASE.get(h.group, 0.12)
            * risk(SUSPENSION_RISK, h.state.student)
            * (1 + 0.25 * min(h.n_prior, 4))
            * (0.25 if h.grade <= 3 else 0.6 if h.grade <= 5 else 1.0),
        )

    def interventions(self, h: Handled):
        """Tier I-III from the Discipline Matrix for the code and grade band.

        Willful defiance and Category 1 have no table in the matrix: willful
        defiance takes the nearest group's (3.7), Category 1 the 2.2 table's
        supports (threat assessment, re-entry circle, IEP review).
        """
        rng = self.rng
        staff = self.district.staff[h.school.pk]
        teacher = h.referrer if h.referrer.role == Role.TEACHER else rng.choice(staff.teachers)
        steps = []  # (tier, actor, delay in school days)
        if h.category is None:  # willful defiance only: follow up within 5 school days
            r = rng.random()
            if r < 0.85:
                steps.append((rng.choice([1, 2, 2]), teacher, rng.randint(0, 4)))
            elif r < 0.93:
                steps.append((2, teacher, rng.randint(6, 12)))  # late
            if h.n_prior >= 2 and rng.random() < 0.5:
                steps.append((3, staff.support, rng.randint(1, 5)))
        elif h.category == 1:
            if rng.random() < 0.6:
                steps.append((3, staff.support, rng.randint(1, 6)))
        elif h.category == 2:
            if rng.random() < 0.7:
                steps.append((3, staff.support, rng.randint(0, 2)))
            if rng.random() < 0.6:
                steps.append((2, rng.choice([teacher, staff.support]), rng.randint(0, 3)))
        elif h.n_prior == 0:
            r = rng.random()
            if r < 0.15:
                steps.append((1, teacher, rng.randint(0, 2)))
            elif r > 0.3:
                steps.append((2, rng.choice([teacher, staff.support]), rng.randint(0, 3)))
            if h.group in ("violence", "threat", "harassment") and rng.random() < 0.35:
                steps.append((3, staff.support, rng.randint(0, 3)))
        else:
            if rng.random() < 0.8:
                steps.append((2, rng.choice([teacher, staff.support]), rng.randint(0, 3)))
            if rng.random() < 0.75:
                steps.append((3, staff.support, rng.randint(0, 5)))
        code = h.offenses[0].code if h.offenses else "3.7"
        if h.category == 1:
            code = "2.2"
        band = GradeBand.for_grade(h.grade)
        for tier, actor, delay in steps:
            started = self.later(h.day, delay)
            if started is None:
                continue
            if tier == 1:
                kind = rng.choice(self.tier1)
            else:
                choices = self.matrix.get((code, band, tier)) or self.matrix[("3.7", band, tier)]
                kind = rng.choice(choices)
            ended, outcome = None, InterventionOutcome.IN_PROGRESS
            if self.later(started, 20) or self.year_of(started).last_day < self.today:
                ended = self.later(started, rng.randint(5, 25)) or min(
                    self.today, self.year_of(started).last_day
                )
                outcome = _pick(
                    rng,
                    {
                        InterventionOutcome.IMPROVED: 50,
                        InterventionOutcome.NO_CHANGE: 30,
                        InterventionOutcome.WORSENED: 10,
                        InterventionOutcome.NOT_COMPLETED: 10,
                    },
                )
            done = self.attempt(
                "intervention",
                services.intervention_record,
                actor=actor,
                student=h.state.student,
                school=h.school,
                intervention_type=kind,
                tier=tier,
                started_on=started,
                referral=h.referral,
                ended_on=ended,
                outcome=outcome,
            )
            if done and tier == 2:
                h.state.tier2[h.year.pk].append(started)
            elif done and tier == 3:
                h.state.tier3[h.year.pk].append(started)

    def suspend(self, h: Handled, *, kind=None, days=None, extends=None, start=None):
        """A suspension that the rules allow, or None (and why, in the notes)."""
        rng, state, year = self.rng, h.state, h.year
        staff = self.district.staff[h.school.pk]
        actor = staff.administrator
        if kind is None:
            may_teacher = h.referrer.role == Role.TEACHER and not any(
                r.admin_only for r in h.offenses
            )
            kind = _pick(
                rng,
                {
                    SuspensionKind.OUT_OF_SCHOOL: 55,
                    SuspensionKind.IN_SCHOOL: 33,
                    SuspensionKind.TEACHER: 12 if may_teacher else 0,
                },
            )
        if kind == SuspensionKind.TEACHER:
            actor, start = h.referrer, h.day
            days = days or rng.choice([1, 1, 2])
        elif not days:
            # Longer each time the student is suspended again this year.
            again = state.suspensions[year.pk]
            if kind == SuspensionKind.IN_SCHOOL:
                days = min(3, _pick(rng, {1: 60, 2: 30, 3: 10}) + again)
            elif h.category == 2:
                days = rng.randint(3, 5)
            else:
                days = min(5, _pick(rng, {1: 35, 2: 25, 3: 25, 4: 8, 5: 7}) + again)
        if start is None:
            start = h.day if rng.random() < 0.5 else (self.later(h.day, 1) or h.day)
        # ALT: documented alternatives first, unless Category 1 or a safety finding.
        if h.category != 1 and not state.has_alternatives(year, start):
            if kind == SuspensionKind.TEACHER or rng.random() >= SAFETY_FINDING.get(h.group, 0):
                self.notes["suspensions not attempted: no alternatives on record"] += 1
                return None
            if not self.safety_finding(h):
                return None
        # DAYS20 (30 after an opportunity transfer): shorten, or do without.
        if kind != SuspensionKind.TEACHER:
            limit = 30 if year.pk in state.opportunity_transfer else 20
            days = min(days, limit - state.suspension_days[year.pk])
            if days < 1:
                self.notes["suspensions not attempted: 20-day limit reached"] += 1
                return None
        # MDR: past 10 days for a student with an IEP or 504 plan, decide first.
        if (
            state.student.has_iep_or_504
            and state.removal_days[year.pk] + days > 10
            and not h.placement_decided
        ):
            h.placement_decided = bool(self.placement_decision(h, start))
        suspension = self.attempt(
            "suspension",
            services.suspension_record,
            actor=actor,
            referral=h.referral,
            kind=kind,
            start_date=start,
            school_days=days,
            parent_contacted_at=self.moment(h.day),
            parent_contact_method=_pick(
                rng,
                {
                    ContactMethod.PHONE: 60,
                    ContactMethod.IN_PERSON: 15,
                    ContactMethod.EMAIL: 10,
                    ContactMethod.TEXT: 10,
                    ContactMethod.LETTER: 5,
                },
            ),
            parent_contact_result=_pick(
                rng,
                {
                    ContactResult.REACHED: 70,
                    ContactResult.MESSAGE: 20,
                    ContactResult.NO_ANSWER: 8,
                    ContactResult.WRONG_NUMBER: 2,
                },
            ),
            extends=extends,
        )
        if suspension:
            h.outcomes += 1
            state.suspensions[year.pk] += 1
            state.removal_days[year.pk] += days
            if kind != SuspensionKind.TEACHER:
                state.suspension_days[year.pk] += days
        return suspension

    def extend(self, h: Handled, first):
        """48911(g): extended while the recommendation for expulsion is pending."""
        start = self.later(first.end_date, 1)
        if start is not None:
            self.suspend(
                h,
                kind=SuspensionKind.OUT_OF_SCHOOL,
                days=self.rng.randint(2, 5),
                extends=first,
                start=start,
            )

    def safety_finding(self, h: Handled):
        found = self.attempt(
            "safety finding",
            services.safety_finding_record,
            actor=self.district.staff[h.school.pk].administrator,
            referral=h.referral,
            found_on=h.day,
            justification=self.rng.choice(
                [
                    "The student's presence causes a danger to persons: the act injured another "
                    "student and the student said it would happen again.",
                    "A weapon was involved; other students and staff are at risk until a threat "
                    "assessment is completed.",
                    "The student threatened staff and peers with serious harm; the threat is "
                    "specific and credible.",
                ]
            ),
        )
        if found:
            h.outcomes += 1
        return found

    def placement_decision(self, h: Handled, day):
        rng = self.rng
        change = rng.random() < 0.4
        review = self.later(day, rng.randint(2, 9)) if change else None
        decision = self.attempt(
            "placement decision",
            services.placement_decision_record,
            actor=self.district.staff[h.school.pk].administrator,
            referral=h.referral,
            decided_on=day,
            change_of_placement=change,
            reasoning=(
                "Removals this year exceed 10 school days for substantially similar behavior "
                "close together: a pattern."
                if change
                else "Removals are for unrelated behavior months apart: not a pattern."
            ),
            review_held_on=review,
            behavior_was_manifestation=(rng.random() < 0.3) if review else None,
        )
        if decision:
            h.outcomes += 1
        return decision

    def recommend(self, h: Handled):
        if not any(not r.suspension_not_expulsion for r in h.offenses):
            return None  # NOEXP: 3.9 and 3.22 never lead to expulsion
        on = self.later(h.day, self.rng.randint(1, 3)) or h.day
        h.recommendation = self.attempt(
            "expulsion recommendation",
            services.expulsion_recommendation_record,
            actor=self.district.staff[h.school.pk].administrator,
            referral=h.referral,
            recommended_on=on,
            notes="Recommended after the administrative investigation and parent conference.",
        )
        if h.recommendation:
            h.outcomes += 1
            h.state.recommended = True
        return h.recommendation

    def decide_recommendation(self, h: Handled):
        """Most recommendations older than five weeks have been decided."""
        rng, rec = self.rng, h.recommendation
        ordered = self.later(rec.recommended_on, rng.randint(15, 25))
        if ordered is None:
            return  # still pending
        expel = {1: 0.45, 2: 0.25}.get(h.category, 0.1)
        status = _pick(
            rng,
            {
                RecommendationStatus.EXPELLED: expel,
                RecommendationStatus.NOT_EXPELLED: 0.7 * (1 - expel),
                RecommendationStatus.WITHDRAWN: 0.3 * (1 - expel),
            },
        )
        admin = self.district.staff[h.school.pk].administrator
        if status != RecommendationStatus.EXPELLED:
            self.attempt(
                "recommendation decision",
                services.expulsion_recommendation_decide,
                actor=admin,
                recommendation=rec,
                status=status,
            )
            return
        starts = self.later(ordered, 1, past=False)
        if starts is None:
            return
        year = self.year_of(starts)
        ends = year.last_day
        winter = datetime.date(year.first_day.year + 1, 1, 31)
        if starts < datetime.date(year.first_day.year, 12, 1) and rng.random() < 0.5:
            ends = winter  # through the end of the fall semester
        expulsion = self.attempt(
            "expulsion",
            services.expulsion_record,
            actor=admin,
            recommendation=rec,
            ordered_on=ordered,
            starts_on=starts,
            ends_on=ends,
            days_lost=self.school_days(starts, ends),
        )
        if expulsion:
            h.outcomes += 1
            h.state.expelled_until = ends
            enrollment = h.state.enrollment_on(starts)
            last = starts - datetime.timedelta(days=1)
            if enrollment and enrollment.start <= last:
                services.enrollment_end(actor=admin, enrollment=enrollment, end=last)

    def written_finding(self, h: Handled):
        h.finding = self.attempt(
            "expulsion finding",
            services.expulsion_finding_record,
            actor=self.district.staff[h.school.pk].administrator,
            referral=h.referral,
            found_on=self.later(h.day, self.rng.randint(0, 3)) or h.day,
            finding=self.rng.choice(
                [
                    "Expulsion is inappropriate: a first offense, the student cooperated, and a "
                    "threat assessment and restorative conference address the conduct.",
                    "Other means of correction are feasible: the object was surrendered at once "
                    "and no one was threatened with it.",
                ]
            ),
        )
        if h.finding:
            h.outcomes += 1

    def law_enforcement(self, h: Handled):
        rng = self.rng
        codes = {r.code for r in h.offenses}
        cat = h.category
        bias = 1.4 if h.state.student.race_ethnicity == R.BLACK else 1.0
        kinds = []
        notify = 0.9 if cat == 1 else 0.5 if cat == 2 else 0.3 if h.group == "threat" else 0.0
        if rng.random() < notify:
            kinds.append(("notification", True, 0))
        cite = 0.15 if codes & {"3.2", "3.8", "2.3"} else 0.08 if "3.6" in codes else 0.0
        if h.grade >= 6 and rng.random() < cite * bias:
            kinds.append(("citation", True, 0))
        complaint = 0.3 if codes & {"2.4", "2.5"} else 0.04 if h.group == "property" else 0.0
        if rng.random() < complaint:
            kinds.append(("police_complaint", True, 0))
        arrest = 0.35 if cat == 1 else 0.08 if cat == 2 else 0.05 if "3.15" in codes else 0.0
        if h.grade >= 6 and rng.random() < arrest * bias:
            kinds.append(("arrest", rng.random() < 0.75, rng.randint(0, 3)))
        for kind, school_based, lost in kinds:
            done = self.attempt(
                "law enforcement contact",
                services.law_enforcement_contact_record,
                actor=self.district.staff[h.school.pk].administrator,
                referral=h.referral,
                kind=kind,
                occurred_on=h.day,
                school_based=school_based,
                agency="Los Angeles School Police" if school_based else "Local police",
                days_lost=lost,
            )
            if done:
                h.outcomes += 1

    def transfer(self, h: Handled):
        rng, state, year = self.rng, h.state, h.year
        if state.recommended or state.expelled_until or year.pk in state.transferred:
            return
        if h.category == 3 and state.suspensions[year.pk] >= 1 and state.referrals[year.pk] >= 3:
            kind = TransferKind.OPPORTUNITY if rng.random() < 0.25 else None
        elif h.category == 2 or (h.group == "violence" and state.suspensions[year.pk] >= 2):
            kind = TransferKind.INVOLUNTARY if rng.random() < 0.1 else None
        else:
            kind = None
        if kind is None:
            return
        effective = self.later(h.day, rng.randint(5, 10))
        enrollment = state.enrollment_on(h.day)
        if effective is None or enrollment.end and enrollment.end < effective:
            return
        last = effective - datetime.timedelta(days=1)
        options = [
            p.school
            for p in self.plans.values()
            if h.grade in p.grades and p.school.pk != h.school.pk
        ]
        near = [s for s in options if s.region_id == h.school.region_id]
        if not options or enrollment.start > last:
            return
        receiving = rng.choice(near or options)
        done = self.attempt(
            "transfer",
            services.transfer_record,
            actor=self.district.staff[h.school.pk].administrator,
            referral=h.referral,
            kind=kind,
            effective_date=effective,
            receiving_school=receiving,
            days_lost=rng.randint(0, 2),
        )
        if not done:
            return
        h.outcomes += 1
        state.transferred.add(year.pk)
        if kind == TransferKind.OPPORTUNITY:
            state.opportunity_transfer.add(year.pk)
        # The student moves: this enrollment ends the day before, and one begins
        # at the receiving school (the services judge it by EXPELLED).
        old_end = enrollment.end
        services.enrollment_end(
            actor=self.district.staff[h.school.pk].administrator, enrollment=enrollment, end=last
        )
        moved = enrollment_create(
            actor=self.district.staff[receiving.pk].administrator,
            student=state.student,
            school=receiving,
            grade=enrollment.grade,
            start=effective,
            end=old_end,
        )
        state.enrollments.append(moved)
        self.at_school[receiving.pk].append(state)

    def administrative_action(self, h: Handled):
        slug = _pick(self.rng, ADMINISTRATIVE_ACTIONS)
        if slug not in self.actions:
            return
        done = self.attempt(
            "administrative action",
            services.administrative_action_record,
            actor=self.district.staff[h.school.pk].administrator,
            referral=h.referral,
            action=self.actions[slug],
            taken_on=self.later(h.day, self.rng.randint(0, 2)) or h.day,
        )
        if done:
            h.outcomes += 1

    def close(self, h: Handled):
        rng = self.rng
        admin = self.district.staff[h.school.pk].administrator
        age = bisect_right(self.past, self.today) - bisect_left(self.past, h.day)
        if h.category == 1 and not h.recommendation:
            return  # CAT1: stays open until the recommendation is recorded
        if h.category == 2 and not (h.recommendation or h.finding):
            return  # CAT2: stays open until a recommendation or a written finding
        if not h.outcomes and rng.random() < 0.004:
            self.attempt(
                "void",
                services.referral_void,
                actor=admin,
                referral=h.referral,
                reason="Entered for the wrong student; re-entered under the right one.",
            )
            return
        if rng.random() < (0.95 if age > 15 else 0.6 if age > 5 else 0.1):
            self.attempt(
                "close",
                services.referral_close,
                actor=admin,
                referral=h.referral,
                admin_notes=rng.choice(ADMIN_NOTES),
            )
