"""A synthetic district of any size, built in bulk (``manage.py generate_district``,
and ``seed_demo`` at a small size).

Seeded and deterministic (the same seed, size and day give the same district):
regions and their older "Local District" names, the 7 Board Districts, schools of
every level in a realistic mix (the full district: 780), ``years`` school years
with their calendars, students with the subgroup mixes of seed 003's demographics
tables and their enrollments (moves between years and during a year), staff, and
``years`` school years of discipline history: referrals, interventions,
administrative actions, suspensions, safety findings, placement decisions,
transfers, recommendations for expulsion, written findings, expulsions and
law-enforcement contacts.

Every record obeys every rule by construction: the history is made one student at
a time, in date order, keeping what the rules sum over a year (suspension days,
removals of a student with an IEP, documented Tier II and III alternatives) in
memory. The records are written in bulk (``demo.writer``: COPY on PostgreSQL,
``bulk_create`` elsewhere) and every 20,000 of them are judged together by the
rules (``demo.judging.judge_records``) before the run commits: a refusal stops
the run and leaves nothing behind. Generated rows
carry no django-simple-history rows: history starts with the first change made
in the application.

Generated data only: names come from Faker pools with a fixed seed, never from
the seeds' documents.
"""

from __future__ import annotations

import datetime
import gc
import math
import random
import time
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from faker import Faker

from demo import judging
from demo.writer import Ids, Writer, foreign_keys_validated_at_end, new, young_gc_only
from discipline.demo import (
    ADMIN_NOTES,
    ADMINISTRATIVE_ACTIONS,
    CODE_WEIGHTS,
    COMPANIONS,
    DESCRIPTIONS,
    GROUP_OF,
    LOCATIONS,
    LOCATIONS_DEFAULT,
    MOTIVATIONS,
    PRIOR_CORRECTIONS,
    REFERRAL_RISK,
    SAFETY_FINDING,
    SUSPENSION_BASE,
    SUSPENSION_RISK,
    grade_risk,
    risk,
)
from discipline.models import (
    AdministrativeAction,
    AdministrativeActionType,
    ContactMethod,
    ContactResult,
    CorrectionMeasure,
    Expulsion,
    ExpulsionFinding,
    ExpulsionRecommendation,
    Incident,
    LawEnforcementContact,
    LawEnforcementKind,
    Location,
    Motivation,
    PlacementDecision,
    ReasonCode,
    RecommendationStatus,
    Referral,
    ReferralStatus,
    SafetyFinding,
    Suspension,
    SuspensionKind,
    Transfer,
    TransferKind,
)
from interventions.models import (
    GradeBand,
    Intervention,
    InterventionOutcome,
    InterventionType,
    MatrixEntry,
)
from people.demo import (
    ASIAN_SURNAMES,
    BOARD_DISTRICTS_BY_REGION,
    DEMO_PASSWORD,
    FILIPINO_SURNAMES,
    HOME_LANGUAGE,
    HOME_LANGUAGE_DEFAULT,
    RACE_MIX,
    RACE_ORDER,
    REGION_ALIASES,
    REGIONS,
    SCHOOL_KINDS,
    SCHOOL_NAMES,
    SED_RATE,
    SED_RATE_DEFAULT,
    SEED_PEOPLE,
    create_school_year,
    folded,
)
from people.guard import service_write
from people.models import (
    NOTICE_LANGUAGES,
    BoardDistrict,
    Disability,
    Enrollment,
    Gender,
    HomeLanguage,
    NonInstructionalDay,
    RaceEthnicity,
    Region,
    RegionAlias,
    Role,
    School,
    SchoolLevel,
    SchoolYear,
    Student,
    User,
)

R = RaceEthnicity

#: The full district (SPEC section 7).
FULL_SCHOOLS = 780
FULL_STUDENTS = 600_000
#: Referrals per enrolled student per school year: about 1.5 million referrals over
#: three years for 600,000 students.
REFERRAL_RATE = 0.83
#: Share of the level mix (Los Angeles Unified: about 58% elementary schools).
LEVEL_MIX = {
    SchoolLevel.ELEMENTARY: 0.58,
    SchoolLevel.MIDDLE: 0.11,
    SchoolLevel.HIGH: 0.12,
    SchoolLevel.SPAN: 0.09,
    SchoolLevel.OTHER: 0.10,
}
# Streets of the demo's made-up addresses.
DEMO_STREETS = (
    "Sycamore Grove Ave",
    "Juniper Hill Rd",
    "Larkspur Way",
    "Cedar Hollow Blvd",
    "Marigold Terrace",
    "Quail Run Dr",
    "Bluebell Canyon Rd",
    "Willow Bend St",
)
FAMILY_EMAIL_RATE = 0.6

FIRST_CODE = {
    SchoolLevel.ELEMENTARY: 2000,
    SchoolLevel.MIDDLE: 8000,
    SchoolLevel.HIGH: 8500,
    SchoolLevel.SPAN: 6000,
    SchoolLevel.OTHER: 7000,
}
MAX_PER_LEVEL = 500
#: Scales seed 003-like suspension odds per referral (SUSPENSION_BASE is per serious
#: referral): about 1-2 suspensions per 100 students a year.
SUSPENSION_SCALE = 0.35
MOVE_RATE = 0.04  # students who change school during a year
NEW_RATE = 0.05  # students new to the district this year


@dataclass
class Size:
    schools: int = 80
    students: int = 4000
    years: int = 3
    referral_rate: float = REFERRAL_RATE


@dataclass
class Span:
    school: int  # index into Generator.schools
    grade: int
    start: datetime.date
    end: datetime.date | None


@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str]] = field(default_factory=list)
    demo_school: School | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    refused: Counter = field(default_factory=Counter)


def level_counts(total: int) -> dict[str, int]:
    """Schools per level for ``total`` schools: every level at least once."""
    counts = {level: max(1, round(total * share)) for level, share in LEVEL_MIX.items()}
    counts[SchoolLevel.ELEMENTARY] += total - sum(counts.values())
    if counts[SchoolLevel.ELEMENTARY] < 1 or any(c > MAX_PER_LEVEL for c in counts.values()):
        raise ValueError(f"Cannot lay out {total} schools (1 to {5 * MAX_PER_LEVEL // 1}).")
    return counts


class Generator:
    def __init__(self, *, size: Size, seed: int = 2026, today=None, log=None, progress=None):
        self.size = size
        self.seed = seed
        self.rng = random.Random(seed)
        # Contact details (school addresses and phones, family email) come from a
        # stream of their own, so adding them left the rest of the district as it was.
        self.contact_rng = random.Random(seed + 11)
        self.today = today or timezone.localdate()
        self.log = log or (lambda message: None)
        self.progress = progress  # callable(done, total) or None
        self.ids = Ids()
        self.writer = Writer()
        self.result = Result()
        self.limits = settings.DISCIPLINE
        self.now = timezone.now()
        self.tz = timezone.get_current_timezone()
        self.chunks = 0  # judged chunks of the history

    # --- the whole district ----------------------------------------------------

    def build(self) -> Result:
        self.started = time.monotonic()
        # A loader of synthetic data that judges its rows in bulk (people.guard).
        with (
            service_write("demo.generator"),
            young_gc_only(),
            foreign_keys_validated_at_end(WRITTEN),
        ):
            self._build()
        # Cumulative seconds; the total includes the foreign keys validated.
        self.result.seconds["total"] = time.monotonic() - self.started
        return self.result

    def _build(self):
        started = self.started
        self._years()
        self._calendar()
        self._catalogs()
        self._organization()
        self._staff()
        self.result.seconds["organization"] = time.monotonic() - started
        self._students()
        self.result.seconds["students"] = time.monotonic() - started
        self._history()
        self.writer.finish()
        self.result.seconds["history"] = time.monotonic() - started
        self.writer.analyze()  # the pages and reports read it next
        self.result.counts.update(self.writer.counts)

    # --- school years and the calendar -------------------------------------------

    def _years(self):
        current = self.today.year if self.today.month >= 7 else self.today.year - 1
        rates = [Decimal("65.80"), Decimal("67.90"), Decimal("70.00")]
        self.years = []
        for k in range(self.size.years - 1, -1, -1):
            existing = SchoolYear.objects.filter(first_day__year=current - k).first()
            rate = rates[max(0, len(rates) - 1 - k)]
            self.years.append(existing or create_school_year(current - k, rate))
        self.current = self.years[-1]

    def _calendar(self):
        closed = set(
            NonInstructionalDay.objects.filter(school_year__in=self.years).values_list(
                "date", flat=True
            )
        )
        self.days = []
        self.year_of_index = []
        for y, year in enumerate(self.years):
            day = year.first_day
            while day <= year.last_day:
                if day.weekday() < 5 and day not in closed:
                    self.days.append(day)
                    self.year_of_index.append(y)
                day += datetime.timedelta(days=1)
        self.index = {d: i for i, d in enumerate(self.days)}
        self.last_past = bisect_right(self.days, self.today - datetime.timedelta(days=1)) - 1

    def _year_bounds(self, y):
        lo = bisect_left(self.days, self.years[y].first_day)
        hi = bisect_right(self.days, self.years[y].last_day) - 1
        return lo, hi

    def moment(self, day, hour_from=8, hour_to=16):
        rng = self.rng
        # timezone.make_aware(datetime.combine(...)) without its checks (zoneinfo
        # zones need none): the generator asks for a moment per record.
        at = datetime.datetime(
            day.year, day.month, day.day, rng.randint(hour_from, hour_to - 1), rng.randrange(60),
            tzinfo=self.tz,
        )  # fmt: skip
        return at if at < self.now else self.now

    # --- catalogs --------------------------------------------------------------

    def _catalogs(self):
        self.codes = {r.code: r for r in ReasonCode.objects.filter(active=True)}
        self.code_weights = [(c, w, g) for c, w, g in CODE_WEIGHTS if c in self.codes]
        self.locations = {x.slug: x.pk for x in Location.objects.all()}
        self.motivations = {x.slug: x.pk for x in Motivation.objects.all()}
        self.corrections = {x.slug: x.pk for x in CorrectionMeasure.objects.all()}
        self.actions = {x.slug: x.pk for x in AdministrativeActionType.objects.all()}
        self.tier1 = list(
            InterventionType.objects.filter(source=InterventionType.Source.TIER_I).values_list(
                "pk", flat=True
            )
        )
        self.matrix = defaultdict(list)
        for code, band, tier, type_id, slug in MatrixEntry.objects.values_list(
            "reason_code__code",
            "grade_band",
            "tier",
            "intervention_type",
            "intervention_type__slug",
        ).order_by("pk"):
            if slug != "provide-any-tier-two":
                self.matrix[(code, band, tier)].append(type_id)
        by_tier = defaultdict(list)
        for (_code, _band, tier), types in sorted(self.matrix.items()):
            by_tier[tier].extend(t for t in types if t not in by_tier[tier])
        self.any_tier = {
            1: self.tier1 or by_tier[2],
            2: by_tier[2] or self.tier1,
            3: by_tier[3] or by_tier[2] or self.tier1,
        }

    # --- regions, Board Districts, schools -------------------------------------

    def _organization(self):
        rng = self.rng
        regions = {}
        for name, code in REGIONS:
            regions[code] = Region.objects.get_or_create(code=code, defaults={"name": name})[0]
        RegionAlias.objects.bulk_create(
            [RegionAlias(region=regions[code], name=name) for name, code in REGION_ALIASES.items()],
            ignore_conflicts=True,
        )
        boards = {}
        for n in range(1, 8):
            boards[n] = BoardDistrict.objects.get_or_create(number=n)[0]
        bases = list(SCHOOL_NAMES)
        rng.shuffle(bases)
        region_codes = [code for _, code in REGIONS]
        self.schools: list[School] = []
        self.school_grades: list[range] = []
        self.school_size: list[float] = []
        names, i = set(), 0
        for level, count in level_counts(self.size.schools).items():
            for k in range(count):
                pattern, low, high, size = rng.choice(SCHOOL_KINDS[level])
                name = pattern.format(bases[i % len(bases)])
                if i >= len(bases) or name in names:
                    name = f"{name} No. {i // len(bases) + 2}"
                names.add(name)
                i += 1
                region = region_codes[i % 4]
                in_region = BOARD_DISTRICTS_BY_REGION[region]
                board = in_region[(i // 4) % len(in_region)]
                school = School(
                    pk=self.ids.take(School),
                    code=str(FIRST_CODE[level] + k),
                    name=name,
                    level=level,
                    region=regions[region],
                    board_district=boards[board],
                    **self._school_contact(),
                )
                self.schools.append(school)
                self.school_grades.append(range(low, high + 1))
                self.school_size.append(size * rng.uniform(0.7, 1.3))
        self.demo_school = next(
            k for k, s in enumerate(self.schools) if s.level == SchoolLevel.MIDDLE
        )
        # The demo accounts' school is larger, so their pages have more to show.
        self.school_size[self.demo_school] *= 3
        for school in self.schools:
            self.writer.add(school)
        self.writer.flush()
        self.result.demo_school = self.schools[self.demo_school]
        self.by_grade = defaultdict(list)  # (region id, grade) -> school indexes
        self.by_grade_any = defaultdict(list)
        for k, school in enumerate(self.schools):
            for g in self.school_grades[k]:
                self.by_grade[(school.region_id, g)].append(k)
                self.by_grade_any[g].append(k)

    def _school_contact(self):
        """A made-up address and a phone number of the 555-01xx range, which is
        kept for fiction: the notices' letterhead has something to show."""
        rng = self.contact_rng
        number, street = rng.randrange(100, 9900), rng.choice(DEMO_STREETS)
        return {
            "address": f"{number} {street}, Los Angeles, CA 9{rng.randrange(10, 100):04d}",
            "phone": f"(213) 555-01{rng.randrange(100):02d}",
        }

    # --- staff -----------------------------------------------------------------

    def _staff(self):
        rng = self.rng
        fake = Faker("en_US")
        fake.seed_instance(self.seed + 7)
        password = make_password(DEMO_PASSWORD)
        taken = set(User.objects.values_list("username", flat=True))
        through = User.schools.through
        self.admins, self.teachers, self.supports = [], [], []

        def user(role, position, username=None, **extra):
            first, last = fake.first_name(), fake.last_name()
            while folded(f"{first} {last}") in SEED_PEOPLE:
                first, last = fake.first_name(), fake.last_name()
            if username is None:
                base = (folded(first)[:1] + folded(last).replace(" ", "").replace("'", "")) or "s"
                username, n = base, 1
                while username in taken:
                    n += 1
                    username = f"{base}{n}"
            taken.add(username)
            u = User(
                pk=self.ids.take(User),
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@demo.invalid",
                role=role,
                position=position,
                password=password,
                **extra,
            )
            self.writer.add(u)
            return u

        memberships = []
        for k, school in enumerate(self.schools):
            demo = k == self.demo_school
            admin = user(
                Role.ADMINISTRATOR,
                "Assistant principal" if demo else rng.choice(["Principal", "Assistant principal"]),
                "admin" if demo else None,
            )
            teachers = [
                user(Role.TEACHER, "Teacher", "teacher" if demo else None),
                user(Role.TEACHER, "Teacher"),
            ]
            support = user(
                Role.SUPPORT,
                "Counselor" if demo else rng.choice(["Counselor", "Psychiatric social worker"]),
                "support" if demo else None,
            )
            self.admins.append(admin.pk)
            self.teachers.append([t.pk for t in teachers])
            self.supports.append(support.pk)
            memberships += [(u.pk, school.pk) for u in (admin, *teachers, support)]
        user(Role.DISTRICT, "Operations coordinator", "district", is_staff=True)
        for position in ["Administrator of operations", "Operations coordinator"] * 2:
            user(Role.DISTRICT, position, is_staff=True)
        user(Role.DISTRICT, "Data steward", "steward", is_staff=True, is_superuser=True)
        self.writer.flush()
        for user_id, school_id in memberships:
            self.writer.add(through(user_id=user_id, school_id=school_id))
        self.writer.flush()
        demo = self.schools[self.demo_school]
        self.result.accounts = [
            ("teacher", f"teacher at {demo}"),
            ("support", f"support staff (counselor) at {demo}"),
            ("admin", f"school administrator at {demo}"),
            ("district", "district staff (reads every school; Django admin)"),
            ("steward", "superuser (data steward)"),
        ]

    # --- students and enrollments ---------------------------------------------

    def _name_pools(self):
        en, es = Faker("en_US"), Faker("es_MX")
        en.seed_instance(self.seed)
        es.seed_instance(self.seed + 1)
        pool = 600

        def clean(names):
            return sorted({n for n in names if n})

        self.first = {
            ("en", Gender.FEMALE): clean(en.first_name_female() for _ in range(pool)),
            ("en", Gender.MALE): clean(en.first_name_male() for _ in range(pool)),
            ("en", Gender.NONBINARY): clean(en.first_name_nonbinary() for _ in range(pool)),
            ("es", Gender.FEMALE): clean(es.first_name_female() for _ in range(pool)),
            ("es", Gender.MALE): clean(es.first_name_male() for _ in range(pool)),
        }
        self.first[("es", Gender.NONBINARY)] = self.first[("en", Gender.NONBINARY)]
        self.last = {
            "en": clean(en.last_name() for _ in range(pool)),
            "es": clean(es.last_name() for _ in range(pool)),
            "asian": ASIAN_SURNAMES.split(),
            "filipino": FILIPINO_SURNAMES.split(),
        }

    def _name(self, race, gender):
        rng = self.rng
        while True:
            source = "es" if race == R.HISPANIC and rng.random() < 0.8 else "en"
            first = rng.choice(self.first[(source, gender)])
            last_source = {R.HISPANIC: "es", R.ASIAN: "asian", R.FILIPINO: "filipino"}.get(
                race, "en"
            )
            last = rng.choice(self.last[last_source])
            if folded(f"{first} {last}") not in SEED_PEOPLE:
                return first, last

    def _student(self, pk, student_id, race, grade_now):
        rng = self.rng
        gender = rng.choices((Gender.FEMALE, Gender.MALE, Gender.NONBINARY), (490, 505, 5))[0]
        first, last = self._name(race, gender)
        languages = HOME_LANGUAGE.get(race, HOME_LANGUAGE_DEFAULT)
        language = rng.choices([lang for lang, _ in languages], [w for _, w in languages])[0]
        if language == HomeLanguage.ENGLISH:
            el_rate = 0.01
        else:
            el_rate = 0.55 if grade_now <= 5 else 0.40 if grade_now <= 8 else 0.30
        iep_rate = 0.155 if gender == Gender.MALE else 0.105
        roll = rng.random()
        disability = (
            Disability.IEP
            if roll < iep_rate
            else Disability.SECTION_504
            if roll < iep_rate + 0.03
            else Disability.NONE
        )
        born_by = datetime.date(self.current.first_day.year - grade_now - 5, 9, 1)
        return new(
            Student,
            pk=pk,
            student_id=student_id,
            first_name=first,
            last_name=last,
            birth_date=born_by - datetime.timedelta(days=rng.randrange(365)),
            gender=gender,
            race_ethnicity=race,
            english_learner=rng.random() < el_rate,
            disability=disability,
            socioeconomically_disadvantaged=rng.random() < SED_RATE.get(race, SED_RATE_DEFAULT),
            home_language=language,
            # Some families have an email address on file, where a suspension
            # notice is sent (NOTICE); the .invalid domain never reaches anyone.
            family_email=(
                f"family.{student_id}@demo.invalid"
                if self.contact_rng.random() < FAMILY_EMAIL_RATE
                else ""
            ),
        )

    def _school_for(self, region_id, grade, prefer=None):
        if prefer is not None and grade in self.school_grades[prefer]:
            return prefer
        here = self.by_grade.get((region_id, grade)) or self.by_grade_any[grade]
        return self.rng.choice(here)

    def _spans(self, home, grade_now):
        """A student's enrollments over the generated years, oldest first."""
        rng = self.rng
        spans = []
        region_id = self.schools[home].region_id
        years = len(self.years)
        school = None
        for y, year in enumerate(self.years):
            grade = grade_now - (years - 1 - y)
            if grade < -1 or grade > 12:
                continue
            if y == years - 1 and grade_now <= 12:
                school = (
                    home
                    if grade in self.school_grades[home]
                    else self._school_for(region_id, grade)
                )
            else:
                school = self._school_for(region_id, grade, prefer=school)
            start, end = year.first_day, (year.last_day if y < years - 1 else None)
            if y == years - 1 and rng.random() < NEW_RATE:
                lo, _hi = self._year_bounds(y)
                late = lo + rng.randrange(40)
                start = self.days[late if late <= self.last_past else lo]
                spans = []  # new to the district this year
            if rng.random() < MOVE_RATE:
                # A move during the year to another school of the region.
                lo, hi = self._year_bounds(y)
                hi = min(hi, self.last_past) if y == years - 1 else hi
                first_i = self.index.get(start, lo)
                if hi - first_i > 40:
                    k = rng.randrange(first_i + 20, hi - 10)
                    others = [s for s in self.by_grade.get((region_id, grade), []) if s != school]
                    if others:
                        spans.append(Span(school, grade, start, self.days[k - 1]))
                        school = rng.choice(others)
                        start = self.days[k]
            spans.append(Span(school, grade, start, end))
        return spans

    def _students(self):
        rng = self.rng
        self._name_pools()
        sizes = self.school_size
        mixes = []
        for school in self.schools:
            base = RACE_MIX[school.region.code]
            total = sum(base)
            mixes.append([rng.gammavariate(60 * c / total, 1) + 1e-9 for c in base])
        n = self.size.students
        # Last years' seniors who have graduated are generated too, so earlier years
        # hold a full twelfth grade: virtual grades 13.. are "graduated k years ago".
        extra_grades = len(self.years) - 1
        graduates = round(n / 14 * extra_grades)
        total = n + graduates
        ids = rng.sample(range(1_000_000_000, 9_999_999_999), total)
        self.students = []  # (Student, [Span])
        choose = rng.choices
        homes = choose(range(len(self.schools)), sizes, k=total)
        for i in range(total):
            home = homes[i]
            if i < n:
                grade_now = rng.choice(self.school_grades[home])
            else:
                grade_now = 12 + rng.randint(1, extra_grades)
                high = [k for k in self.by_grade_any[12]]
                home = rng.choice(high) if 12 not in self.school_grades[home] else home
            race = choose(RACE_ORDER, mixes[home])[0]
            student = self._student(self.ids.take(Student), str(ids[i]), race, grade_now)
            spans = self._spans(home, grade_now)
            if not spans:
                continue
            self.writer.add(student)
            self.students.append((student, spans))
        for student, spans in self.students:
            for span in spans:
                self.writer.add(
                    new(
                        Enrollment,
                        pk=self.ids.take(Enrollment),
                        student_id=student.pk,
                        school_id=self.schools[span.school].pk,
                        grade=span.grade,
                        start=span.start,
                        end=span.end,
                    )
                )
        self.writer.flush()
        self.writer.analyze()
        self.log(f"  {len(self.students):,} students and their enrollments")

    # --- the history -------------------------------------------------------------

    def _history(self):
        rng = self.rng
        weights = []
        for student, spans in self.students:
            weights.append(
                rng.gammavariate(0.5, 2.0)
                * risk(REFERRAL_RISK, student)
                * grade_risk(spans[-1].grade)
                * (1.2 if student.socioeconomically_disadvantaged else 1.0)
            )
        mean = sum(weights) / len(weights) if weights else 1.0
        started = time.monotonic()
        total = len(self.students)
        step = max(1, total // 50)
        chunk = []
        for n, ((student, spans), weight) in enumerate(zip(self.students, weights, strict=True)):
            history = StudentHistory(self, student, spans, self.size.referral_rate * weight / mean)
            for record in history.build():
                self.writer.add(record)
                chunk.append(record)
            if len(chunk) >= JUDGE_EVERY or n == total - 1:
                self._judge(chunk)
                chunk = []
                # The chunk's cyclic garbage (demo.writer.young_gc_only), once
                # its records are released: the collection walks what is alive.
                gc.collect(1)
            if n % step == 0 or n == total - 1:
                if self.progress:
                    self.progress(n + 1, total)
                else:
                    self.log(f"  history {n + 1:,}/{total:,} ({time.monotonic() - started:.0f}s)")
        self.writer.flush()

    def _judge(self, records):
        """Write the chunk, then judge it by the rules in one call; a refusal stops
        the run (and rolls the whole district back): the generator is wrong."""
        self.writer.flush()
        self.chunks += 1
        if self.chunks in ANALYZE_AFTER:
            # The statistics keep up with the tables the judgment reads as they
            # grow, in a logarithmic number of ANALYZEs (writer.analyze).
            self.writer.analyze(JUDGED_TABLES)
        refused = judging.judge_records(records)
        for _record, violations in refused:
            self.result.refused.update(v.rule_id for v in violations)
        if refused:
            record, violations = refused[0]
            raise GeneratorError(
                f"The rules refused {len(refused)} generated record(s), e.g. "
                f"{type(record).__name__} {record.pk}: {violations[0].text('en')}"
            )


class GeneratorError(RuntimeError):
    pass


#: Chunks after which the judged tables are analyzed (each 4 times the last).
ANALYZE_AFTER = frozenset(4**k for k in range(12))
#: The tables the judgment's facts come from (discipline.facts).
JUDGED_TABLES = (
    Referral, Referral.reasons.through, Suspension, Intervention, Expulsion,
    ExpulsionRecommendation, ExpulsionFinding, SafetyFinding, PlacementDecision, Transfer,
)  # fmt: skip

#: The tables the generator fills in bulk.
WRITTEN = (
    School, User, User.schools.through, Student, Enrollment, Incident, Referral,
    Referral.reasons.through, Referral.prior_corrections.through, Intervention,
    AdministrativeAction, SafetyFinding, Suspension, PlacementDecision, ExpulsionRecommendation,
    Expulsion, ExpulsionFinding, LawEnforcementContact, Transfer,
)  # fmt: skip


#: Records written, then judged together in one call to the rules.
JUDGE_EVERY = 20_000

SEASON = {8: 0.5, 9: 0.85, 10: 1.0, 11: 0.9, 12: 0.8, 1: 0.9, 2: 1.0, 3: 1.0, 4: 0.9, 5: 0.85,
          6: 0.5, 7: 0.0}  # fmt: skip


def _poisson(rng, lam):
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-min(lam, 30)), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


class StudentHistory:
    """One student's discipline history over the generated years, by construction
    within every rule; ``build()`` returns the records, parents first."""

    def __init__(self, gen: Generator, student: Student, spans: list[Span], rate: float):
        self.g = gen
        self.rng = gen.rng
        self.student = student
        self.spans = spans
        self.rate = rate
        self.records = []
        self.iep = student.disability in (Disability.IEP, Disability.SECTION_504)
        self.expelled_until = None

    # calendar helpers
    def later(self, i, n):
        """Index of the n-th school day after index i in the same year, not after
        yesterday; None if there is none."""
        g = self.g
        j = i + n
        if j > g.last_past or j >= len(g.days) or g.year_of_index[j] != g.year_of_index[i]:
            return None
        return j

    def add(self, obj):
        self.records.append(obj)
        return obj

    def build(self):
        g, rng = self.g, self.rng
        by_year = defaultdict(list)
        for span in self.spans:
            lo = g.index.get(span.start)
            if lo is None:
                lo = bisect_left(g.days, span.start)
            hi = bisect_right(g.days, span.end) - 1 if span.end else len(g.days) - 1
            hi = min(hi, g.last_past)
            if hi >= lo:
                by_year[g.year_of_index[lo]].append((span, lo, hi))
        for y, ranges in sorted(by_year.items()):
            enrolled = sum(hi - lo + 1 for _, lo, hi in ranges)
            lo_y, hi_y = g._year_bounds(y)
            share = enrolled / (hi_y - lo_y + 1)
            count = min(_poisson(rng, self.rate * share), 15)
            picks = []
            for _ in range(count):
                for _try in range(6):
                    span, lo, hi = rng.choices(ranges, [hi - lo + 1 for _, lo, hi in ranges])[0]
                    i = rng.randint(lo, hi)
                    if rng.random() < SEASON[g.days[i].month]:
                        picks.append((i, span))
                        break
            self.year = YearState()
            for i, span in sorted(picks, key=lambda p: p[0]):
                if self.expelled_until and g.days[i] <= self.expelled_until:
                    continue
                self.referral(i, span, y)
        return self.records

    # --- one referral and what follows ----------------------------------------

    def choose_reasons(self, grade):
        rng, g = self.rng, self.g
        allowed = [
            (c, w)
            for c, w, low in g.code_weights
            if grade >= low and not (grade <= 3 and g.codes[c].grades_4_12_only)
        ]
        first = rng.choices([c for c, _ in allowed], [w for _, w in allowed])[0]
        codes = [first]
        companions = [
            c
            for c in COMPANIONS.get(first, [])
            if c in g.codes and not (grade <= 3 and g.codes[c].grades_4_12_only)
        ]
        if companions and rng.random() < 0.3:
            codes.append(rng.choice(companions))
        return [g.codes[c] for c in codes]

    def referral(self, i, span, y):
        g, rng = self.g, self.rng
        day = g.days[i]
        school = g.schools[span.school]
        k = span.school
        reasons = self.choose_reasons(span.grade)
        offenses = [r for r in reasons if not r.is_willful_defiance]
        group = GROUP_OF.get(reasons[0].code, "other")
        teacher = rng.choice(g.teachers[k])
        admin = g.admins[k]
        created = g.moment(day)
        incident = self.add(
            new(Incident, pk=g.ids.take(Incident), school_id=school.pk, created_by_id=teacher,
                     created_at=created)
        )  # fmt: skip
        j = self.later(i, 1) if rng.random() < 0.15 else i
        referred_on = g.days[j if j is not None else i]
        locations = LOCATIONS.get(group, LOCATIONS_DEFAULT)
        location = rng.choices(list(locations), list(locations.values()))[0]
        motivation = rng.choices(list(MOTIVATIONS), list(MOTIVATIONS.values()))[0]
        referral = self.add(
            new(
                Referral,
                pk=g.ids.take(Referral),
                incident_id=incident.pk,
                student_id=self.student.pk,
                school_id=school.pk,
                grade=span.grade,
                incident_date=day,
                incident_time=datetime.time(rng.randint(8, 14), rng.randrange(60)),
                referred_on=referred_on,
                location_id=g.locations.get(location) or next(iter(g.locations.values())),
                motivation_id=g.motivations.get(motivation) if rng.random() < 0.6 else None,
                description=rng.choice(DESCRIPTIONS.get(group, DESCRIPTIONS["defiance"])),
                referred_by_id=teacher,
                created_at=created,
            )
        )
        through = Referral.reasons.through
        for reason in reasons:
            self.add(new(through, referral_id=referral.pk, reasoncode_id=reason.pk))
        if g.corrections and rng.random() < 0.5:
            slug = rng.choice(PRIOR_CORRECTIONS)
            if slug in g.corrections:
                self.add(
                    new(
                        Referral.prior_corrections.through,
                        referral_id=referral.pk,
                        correctionmeasure_id=g.corrections[slug],
                    )
                )
        if rng.random() < 0.004:
            referral.voided_at = g.moment(referred_on, 15, 17)
            referral.voided_by_id = admin
            referral.void_reason = "Entered for the wrong student."
            return
        ctx = Ctx(referral, i, y, k, admin, reasons, offenses, group)
        # Interventions that answer the referral (WD: within 5 school days).
        follow = 0.85 if not offenses else 0.5
        if rng.random() < follow:
            j = self.later(i, rng.randint(0, 4))
            if j is not None:
                tier = 1 if rng.random() < 0.4 else 2
                self.intervention(ctx, j, tier, referral_id=referral.pk)
        if offenses:
            self.outcomes(ctx)
        # Closed unless recent; Category 1 and 2 have their decision by construction.
        recent = g.last_past - i < 8
        if not recent and rng.random() < 0.93 and ctx.may_close:
            referral.status = ReferralStatus.CLOSED
            close_i = self.later(i, rng.randint(1, 6)) or i
            referral.closed_at = g.moment(g.days[close_i], 14, 17)
            referral.closed_by_id = admin
            referral.admin_notes = rng.choice(ADMIN_NOTES)

    def intervention(self, ctx, j, tier, referral_id=None):
        g, rng = self.g, self.rng
        day = g.days[j]
        code = ctx.reasons[0].code
        band = GradeBand.for_grade(ctx.referral.grade)
        types = g.matrix.get((code, band, tier)) or g.any_tier[tier]
        done = j < g.last_past - 20
        outcome = (
            rng.choice([InterventionOutcome.IMPROVED, InterventionOutcome.NO_CHANGE,
                        InterventionOutcome.IMPROVED, InterventionOutcome.NOT_COMPLETED])
            if done else InterventionOutcome.IN_PROGRESS
        )  # fmt: skip
        ended = None
        if done:
            e = self.later(j, rng.randint(5, 20))
            ended = g.days[e] if e is not None else None
            if ended is None:
                outcome = InterventionOutcome.IN_PROGRESS
        self.add(
            new(
                Intervention,
                pk=g.ids.take(Intervention),
                student_id=self.student.pk,
                school_id=g.schools[ctx.k].pk,
                school_year_id=g.years[ctx.y].pk,
                referral_id=referral_id,
                intervention_type_id=rng.choice(types),
                tier=tier,
                started_on=day,
                ended_on=ended,
                provider_id=g.supports[ctx.k],
                recorded_by_id=g.supports[ctx.k],
                outcome=outcome,
                created_at=g.moment(day),
            )
        )
        self.year.tiers[tier].append(j)

    def outcomes(self, ctx):
        g, rng = self.g, self.rng
        category = min(r.category for r in ctx.offenses)
        if g.actions and rng.random() < 0.3:
            slug = rng.choices(list(ADMINISTRATIVE_ACTIONS), list(ADMINISTRATIVE_ACTIONS.values()))[
                0
            ]
            if slug in g.actions:
                self.add(
                    new(
AdministrativeAction,
                        pk=g.ids.take(AdministrativeAction), **ctx.outcome_fields(),
                        action_id=g.actions[slug], taken_on=g.days[ctx.i],
                        created_at=g.moment(g.days[ctx.i]),
                    )
                )  # fmt: skip
        recommendation = None
        expellable = [r for r in ctx.offenses if not r.suspension_not_expulsion]
        required = any(r.requires_expulsion_recommendation for r in ctx.reasons)
        if category == 1 or required or (category == 2 and expellable and rng.random() < 0.25):
            recommendation = self.recommend(ctx)
        elif category == 2:
            self.written_finding(ctx)
        if category == 2 and not recommendation and not ctx.has_finding:
            ctx.may_close = False
        # Suspension?
        p = (
            SUSPENSION_BASE.get(ctx.group, 0.0)
            * SUSPENSION_SCALE
            * risk(SUSPENSION_RISK, self.student)
        )
        if category == 1:
            p = 0.75
        elif category == 2:
            p = 0.45
        if rng.random() < p:
            self.suspend(ctx, category)
        # Law enforcement
        le = {1: 0.6, 2: 0.25}.get(category, 0.006 if ctx.group in ("violence", "substance") else 0)
        if rng.random() < le:
            self.law_enforcement(ctx, category)
        # Transfers: students referred again and again.
        if self.year.referrals >= 3 and rng.random() < 0.04:
            self.transfer(ctx)
        if recommendation is not None:
            self.decide(ctx, recommendation)
        self.year.referrals += 1

    def suspend(self, ctx, category):
        g, rng = self.g, self.rng
        kind = rng.choices(
            [SuspensionKind.TEACHER, SuspensionKind.IN_SCHOOL, SuspensionKind.OUT_OF_SCHOOL],
            [0.12, 0.28, 0.6] if category == 3 else [0, 0.2, 0.8],
        )[0]
        if kind == SuspensionKind.TEACHER:
            start_i, days = ctx.i, 1
        else:
            start_i = self.later(ctx.i, rng.choice([0, 0, 1]))
            if start_i is None:
                return
            room = self.g.limits["MAX_DAYS_PER_YEAR"] - self.year.days
            days = min(rng.choices([1, 2, 3, 4, 5], [30, 25, 20, 10, 15])[0], room,
                       self.g.limits["MAX_DAYS_PER_SUSPENSION"])  # fmt: skip
            if days < 1:
                return
        _, year_hi = g._year_bounds(ctx.y)
        end_i = start_i + days - 1
        if end_i > year_hi:
            return
        if category != 1:
            # ALT: documented Tier II and Tier III alternatives first, or a safety finding.
            need2 = g.limits["ALT_REQUIRED_TIER2"]
            need3 = g.limits["ALT_REQUIRED_TIER3"]
            have2 = sum(1 for j in self.year.tiers[2] if j <= start_i)
            have3 = sum(1 for j in self.year.tiers[3] if j <= start_i)
            if (have2 < need2 or have3 < need3) and rng.random() < SAFETY_FINDING.get(
                ctx.group, 0.02
            ):
                self.add(
                    new(
SafetyFinding,
                        pk=g.ids.take(SafetyFinding), **ctx.outcome_fields(),
                        found_on=g.days[ctx.i],
                        justification="The student's presence causes a danger to others: "
                        "the incident involved a risk of serious injury.",
                        created_at=g.moment(g.days[ctx.i]),
                    )
                )  # fmt: skip
            else:
                year_lo, _ = g._year_bounds(ctx.y)
                for tier, have, need in ((2, have2, need2), (3, have3, need3)):
                    for _ in range(need - have):
                        j = rng.randint(max(year_lo, ctx.i - 30), ctx.i)
                        self.intervention(ctx, j, tier)
        if self.iep:
            # MDR judges each removal with every removal that starts by its first day,
            # so a later removal starting as early can take an earlier one past 10 too.
            threshold = g.limits["MDR_THRESHOLD_DAYS"]
            removals = [*self.year.removal_list, (start_i, days, ctx)]
            for first, length, owner in removals:
                total = sum(n for start, n, _ in removals if start <= first)
                decided = owner.referral.pk in self.year.decided
                if (length > threshold or total > threshold) and not decided:
                    self.placement_decision(owner, first)
                    self.year.decided.add(owner.referral.pk)
            self.year.removal_list.append((start_i, days, ctx))
        contacted = g.moment(g.days[ctx.i], 12, 16)
        language = self.student.home_language
        self.add(
            new(
                Suspension,
                pk=g.ids.take(Suspension),
                **ctx.outcome_fields(),
                kind=kind,
                school_year_id=g.years[ctx.y].pk,
                start_date=g.days[start_i],
                school_days=days,
                end_date=g.days[end_i],
                parent_contacted_at=contacted,
                parent_contact_method=rng.choices(
                    [ContactMethod.PHONE, ContactMethod.IN_PERSON, ContactMethod.EMAIL],
                    [70, 20, 10],
                )[0],
                parent_contacted_by_id=ctx.admin,
                parent_contact_result=rng.choices(
                    [ContactResult.REACHED, ContactResult.MESSAGE, ContactResult.NO_ANSWER],
                    [70, 20, 10],
                )[0],
                notice_language=language if language in NOTICE_LANGUAGES else "en",
                created_at=contacted,
            )
        )
        self.year.removals += days
        if kind != SuspensionKind.TEACHER:
            self.year.days += days

    def placement_decision(self, ctx, start_i):
        g, rng = self.g, self.rng
        change = rng.random() < 0.5
        review = None
        if change:
            j = self.later(start_i, rng.randint(1, 10))
            review = g.days[j] if j is not None else None
        self.add(
            new(
PlacementDecision,
                pk=g.ids.take(PlacementDecision), **ctx.outcome_fields(),
                decided_on=g.days[start_i], change_of_placement=change,
                reasoning="Reviewed the removals of this school year and their pattern.",
                review_held_on=review,
                behavior_was_manifestation=(rng.random() < 0.3) if review else None,
                created_at=g.moment(g.days[start_i]),
            )
        )  # fmt: skip

    def recommend(self, ctx):
        g, rng = self.g, self.rng
        j = self.later(ctx.i, rng.randint(0, 3))
        if j is None:
            ctx.may_close = False
            return None
        rec = self.add(
            new(
ExpulsionRecommendation,
                pk=g.ids.take(ExpulsionRecommendation), **ctx.outcome_fields(),
                recommended_on=g.days[j], created_at=g.moment(g.days[j]),
            )
        )  # fmt: skip
        rec._index = j
        return rec

    def decide(self, ctx, rec):
        g, rng = self.g, self.rng
        if g.last_past - rec._index < 25:
            return  # pending
        rec.status = rng.choices(
            [RecommendationStatus.EXPELLED, RecommendationStatus.NOT_EXPELLED,
             RecommendationStatus.WITHDRAWN], [35, 40, 25],
        )[0]  # fmt: skip
        if rec.status != RecommendationStatus.EXPELLED:
            return
        order_i = self.later(rec._index, 20)
        if order_i is None:
            rec.status = RecommendationStatus.PENDING
            return
        starts = g.days[order_i]
        ends = starts + datetime.timedelta(days=rng.choice([90, 120, 180]))
        # EXPELLED: no enrollment elsewhere that begins while the expulsion is in force.
        school_id = g.schools[ctx.k].pk
        for span in self.spans:
            other = g.schools[span.school].pk != school_id
            if other and starts <= span.start <= ends:
                ends = span.start - datetime.timedelta(days=1)
            elif other and span.start < starts and (span.end is None or span.end >= starts):
                rec.status = RecommendationStatus.NOT_EXPELLED
                return
        if ends < starts:
            rec.status = RecommendationStatus.NOT_EXPELLED
            return
        self.add(
            new(
Expulsion,
                pk=g.ids.take(Expulsion), **ctx.outcome_fields(), recommendation_id=rec.pk,
                ordered_on=starts, starts_on=starts, ends_on=ends,
                days_lost=max(0, min(90, (ends - starts).days * 5 // 7)),
                created_at=g.moment(starts),
            )
        )  # fmt: skip
        self.expelled_until = ends

    def written_finding(self, ctx):
        g = self.g
        self.add(
            new(
ExpulsionFinding,
                pk=g.ids.take(ExpulsionFinding), **ctx.outcome_fields(),
                found_on=g.days[ctx.i],
                finding="Expulsion is inappropriate: a first offense, no injury, and the "
                "student and family engaged in the alternatives offered.",
                created_at=g.moment(g.days[ctx.i]),
            )
        )  # fmt: skip
        ctx.has_finding = True

    def law_enforcement(self, ctx, category):
        g, rng = self.g, self.rng
        kind = rng.choices(
            [LawEnforcementKind.NOTIFICATION, LawEnforcementKind.CITATION,
             LawEnforcementKind.ARREST, LawEnforcementKind.POLICE_COMPLAINT],
            [60, 20, 15 if category < 3 else 5, 5],
        )[0]  # fmt: skip
        arrest = kind == LawEnforcementKind.ARREST
        self.add(
            new(
LawEnforcementContact,
                pk=g.ids.take(LawEnforcementContact), **ctx.outcome_fields(), kind=kind,
                occurred_on=g.days[ctx.i], school_based=(rng.random() < 0.8) if arrest else True,
                agency=rng.choice(["School police", "City police department"]),
                days_lost=rng.randint(1, 3) if arrest else 0,
                created_at=g.moment(g.days[ctx.i]),
            )
        )  # fmt: skip

    def transfer(self, ctx):
        g, rng = self.g, self.rng
        j = self.later(ctx.i, rng.randint(3, 12))
        if j is None:
            return
        self.add(
            new(
Transfer,
                pk=g.ids.take(Transfer), **ctx.outcome_fields(),
                kind=TransferKind.OPPORTUNITY if rng.random() < 0.7 else TransferKind.INVOLUNTARY,
                effective_date=g.days[j], days_lost=rng.randint(0, 3),
                created_at=g.moment(g.days[j]),
            )
        )  # fmt: skip


@dataclass
class YearState:
    days: int = 0  # suspension days from school (DAYS20)
    removals: int = 0  # every removal, a teacher's included (MDR)
    removal_list: list = field(default_factory=list)  # (start index, days, Ctx)
    decided: set = field(default_factory=set)  # referrals with a placement decision
    referrals: int = 0
    tiers: dict = field(default_factory=lambda: {1: [], 2: [], 3: []})


@dataclass
class Ctx:
    referral: Referral
    i: int
    y: int
    k: int
    admin: int
    reasons: list
    offenses: list
    group: str
    may_close: bool = True
    has_finding: bool = False

    def outcome_fields(self):
        r = self.referral
        return {
            "referral_id": r.pk,
            "student_id": r.student_id,
            "school_id": r.school_id,
            "decided_by_id": self.admin,
        }
