"""A synthetic district for the demo (``manage.py seed_demo``): regions and
their older names, board districts, schools of every level, the current and
the previous school year with their calendars, students with realistic
subgroup mixes and their enrollments, and staff accounts.

Generated data only: names come from Faker with a fixed seed, never from the
seeds' documents. Subgroup proportions follow seed 003's "at a glance"
demographics tables where the seed has one (Local Districts Northwest and
West); the East and South mixes are illustrative.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from faker import Faker

from people.calendar import Calendar
from people.guard import service_write
from people.models import (
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

# Location codes are four digits, numbered by level from a base 500 apart.
MAX_SCHOOLS_PER_LEVEL = 500

# One easy password for every demo account; printed at the end (a demo only).
# Passes the password validators (no common words with a year).
DEMO_PASSWORD = "Vq4-lantern-Ochre-71"

REGIONS = [("East", "east"), ("North", "north"), ("South", "south"), ("West", "west")]

# The "Local District" names of seed 003 (Northwest, West, Central) and their
# siblings, each mapped to one region. A demo mapping, editable in the admin.
REGION_ALIASES = {
    "Local District Northwest": "north",
    "Local District Northeast": "north",
    "Local District West": "west",
    "Local District Central": "east",
    "Local District East": "east",
    "Local District South": "south",
}

BOARD_DISTRICTS_BY_REGION = {
    "east": [2, 5],
    "north": [3, 6, 4],
    "south": [7, 5, 1],
    "west": [1, 4],
}

R = RaceEthnicity
RACE_ORDER = [
    R.AMERICAN_INDIAN,
    R.ASIAN,
    R.BLACK,
    R.HISPANIC,
    R.WHITE,
    R.FILIPINO,
    R.PACIFIC_ISLANDER,
    R.TWO_OR_MORE,
    R.UNKNOWN,
]
# Student counts in RACE_ORDER. North and West: seed 003, "2018-19 Student
# Demographics (As of 3-31-19)" of Local Districts Northwest and West. East and
# South have no table in the seeds; their mixes are illustrative.
RACE_MIX = {
    "north": [129, 6292, 3073, 49270, 17410, 2672, 176, 2484, 120],
    "west": [106, 4440, 15752, 38869, 12878, 741, 131, 2870, 184],
    "east": [100, 4000, 1600, 70000, 3000, 1500, 150, 900, 150],
    "south": [80, 1200, 12000, 62000, 1200, 1000, 400, 700, 100],
}

# Home language given race/ethnicity: overall about 55% English, 40% Spanish.
L = HomeLanguage
HOME_LANGUAGE = {
    R.HISPANIC: [(L.SPANISH, 58), (L.ENGLISH, 42)],
    R.ASIAN: [(L.ENGLISH, 30), (L.KOREAN, 25), (L.CHINESE, 25), (L.VIETNAMESE, 15), (L.OTHER, 5)],
    R.FILIPINO: [(L.ENGLISH, 70), (L.TAGALOG, 30)],
    R.WHITE: [(L.ENGLISH, 82), (L.ARMENIAN, 12), (L.OTHER, 6)],
    R.BLACK: [(L.ENGLISH, 97), (L.OTHER, 3)],
}
HOME_LANGUAGE_DEFAULT = [(L.ENGLISH, 95), (L.SPANISH, 3), (L.OTHER, 2)]

SED_RATE = {R.WHITE: 0.45, R.ASIAN: 0.6, R.FILIPINO: 0.6, R.TWO_OR_MORE: 0.6}
SED_RATE_DEFAULT = 0.88

# Generated surnames for groups Faker's en_US/es_MX do not cover well.
ASIAN_SURNAMES = "Kim Lee Park Choi Chen Wang Li Liu Zhang Huang Nguyen Tran Pham Le Vo Wong Lin"
FILIPINO_SURNAMES = "Santos Reyes Cruz Bautista Ocampo Mendoza Villanueva Ramos Aquino Castillo"

SCHOOL_NAMES = [
    *"Acacia Alder Aspen Birch Bottlebrush Buckeye Cedar Cottonwood Cypress Elm".split(),
    *"Eucalyptus Fig Ginkgo Hawthorn Hemlock Jacaranda Juniper Laurel Linden".split(),
    *"Madrone Magnolia Manzanita Maple Mesquite Mulberry Olive Pine Poplar Redbud".split(),
    *"Redwood Sequoia Silverleaf Spruce Sycamore Tamarind Toyon Walnut Willow Yucca".split(),
    *"Arroyo Bayside Bluff Brookside Canyon Canal Cliffside Crestview Dune Fairview".split(),
    *"Foothill Glen Harbor Hillcrest Lakeview Meadow Mesa Mission Orchard Parkside".split(),
    *"Ridge Riverside Sierra Skyline Springs Summit Sunrise Terrace Trail Valley".split(),
    *["Live Oak", "Palo Verde", "Pepper Tree", "Rolling Hills", "Vista", "Wash"],
]

# People named in the seed documents: the generator never produces their names.
SEED_PEOPLE = frozenset(
    name.lower()
    for name in [
        "Andres Chait", "Andriette Keele-Gibson", "Amy Fast", "Cheryl Hildreth", "Danny Dixon",
        "Darnise Williams", "Davette Henderson-Brown", "Debra Brant", "Debra Bryant",
        "Deborah Brandy", "Earl Perkins", "Eugene Hernandez", "Gonsalo Garay", "Jack Klein",
        "Jeremy McDavid", "Joseph Nacorda", "Karen Brown", "Leonor Buza", "Maria Butler",
        "Michelle Gorsuch", "Monty Moy", "Noelle Banuelos", "Paul Gonzales", "Paul Robak",
        "Ra'Daniel McCoy", "Rene Martinez", "Ruth Cusick", "Sherman Gardin", "Stephen Price",
        "Stephen Prince", "Steve Munoz", "Steven Zipperman", "Temo Arroyo", "Thelma Melendez",
        "Tony Booker", "Tony Chavez", "Traci Calhoun", "William Gurr",
    ]
)  # fmt: skip

# (pattern, lowest grade, highest grade, relative size)
SCHOOL_KINDS = {
    SchoolLevel.ELEMENTARY: [
        ("{} Elementary", -1, 5, 1.0),
        ("{} Avenue Elementary", -1, 5, 1.0),
        ("{} Street Elementary", -1, 5, 1.0),
    ],
    SchoolLevel.MIDDLE: [("{} Middle School", 6, 8, 1.3)],
    SchoolLevel.HIGH: [("{} High School", 9, 12, 2.0), ("{} Senior High School", 9, 12, 2.0)],
    SchoolLevel.SPAN: [("{} Academy (K-8)", 0, 8, 1.2), ("{} Span School (6-12)", 6, 12, 1.2)],
    SchoolLevel.OTHER: [
        ("{} Continuation High School", 10, 12, 0.25),
        ("{} Community Day School", 6, 12, 0.2),
    ],
}


@dataclass
class SchoolPlan:
    school: School
    grades: range
    size: float


@dataclass
class SchoolStaff:
    administrator: User
    teachers: list[User]
    support: User


@dataclass
class District:
    """What the discipline history needs to know about the district it built."""

    today: datetime.date
    previous_year: SchoolYear
    current_year: SchoolYear
    school_days: list[datetime.date]
    schools: list[SchoolPlan]
    staff: dict[int, SchoolStaff]
    students: list[Student]
    enrollments: dict[int, list[Enrollment]] = field(default_factory=dict)
    demo_school: School | None = None
    accounts: list[tuple[str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


# --- the calendar ------------------------------------------------------------


def _nth_weekday(year, month, weekday, n):
    """The n-th given weekday of a month (n=-1: the last)."""
    if n > 0:
        day = datetime.date(year, month, 1)
        day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
        return day + datetime.timedelta(weeks=n - 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    day = following - datetime.timedelta(days=1)
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


def _monday_on_or_after(day):
    return day + datetime.timedelta(days=(0 - day.weekday()) % 7)


def _observed(day):
    """A holiday on a weekend is observed on the Friday before or Monday after."""
    if day.weekday() == 5:
        return day - datetime.timedelta(days=1)
    if day.weekday() == 6:
        return day + datetime.timedelta(days=1)
    return day


def school_year_bounds(start_year):
    """First day: the Monday on or after August 11; last day: the Friday on or
    before June 12 (mid-August to mid-June, as the district's calendars run)."""
    first = _monday_on_or_after(datetime.date(start_year, 8, 11))
    june12 = datetime.date(start_year + 1, 6, 12)
    last = june12 - datetime.timedelta(days=(june12.weekday() - 4) % 7)
    return first, last


def non_instructional_days(start_year):
    """The weekdays without instruction, with their names."""
    y, n = start_year, start_year + 1
    days = {}

    def add(day, name):
        if day.weekday() < 5:
            days.setdefault(day, name)

    def add_span(first, count, name):
        for i in range(count):
            add(first + datetime.timedelta(days=i), name)

    add(_nth_weekday(y, 9, 0, 1), "Labor Day")
    add(_observed(datetime.date(y, 11, 11)), "Veterans Day")
    thanksgiving = _nth_weekday(y, 11, 3, 4)
    add_span(thanksgiving, 2, "Thanksgiving holiday")
    add_span(_monday_on_or_after(datetime.date(y, 12, 17)), 19, "Winter recess")
    add(_nth_weekday(n, 1, 0, 3), "Martin Luther King, Jr. Day")
    add(_nth_weekday(n, 2, 0, 3), "Presidents' Day")
    add(_observed(datetime.date(n, 3, 31)), "Cesar Chavez Day")
    spring = datetime.date(n, 4, 1)
    add_span(spring - datetime.timedelta(days=spring.weekday()), 5, "Spring recess")
    add(_nth_weekday(n, 5, 0, -1), "Memorial Day")
    return days


def create_school_year(start_year, ada_daily_rate):
    first, last = school_year_bounds(start_year)
    year = SchoolYear.objects.create(
        name=f"{start_year}-{str(start_year + 1)[-2:]}",
        first_day=first,
        last_day=last,
        ada_daily_rate=ada_daily_rate,
    )
    NonInstructionalDay.objects.bulk_create(
        NonInstructionalDay(school_year=year, date=day, description=name)
        for day, name in sorted(non_instructional_days(start_year).items())
        if first <= day <= last
    )
    return year


# --- the builder -------------------------------------------------------------


def folded(text):
    """A name in lowercase ASCII: to compare names and to make usernames."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


class DistrictBuilder:
    def __init__(self, *, seed, schools_per_level, students, today, log):
        self.rng = random.Random(seed)
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)
        self.fake_es = Faker("es_MX")
        self.fake_es.seed_instance(seed + 1)
        self.schools_per_level = schools_per_level
        self.student_count = students
        self.today = today
        self.log = log
        self.usernames = set()
        self.password = make_password(DEMO_PASSWORD)

    def build(self) -> District:
        start_year = self.today.year if self.today.month >= 7 else self.today.year - 1
        previous = create_school_year(start_year - 1, Decimal("67.90"))
        current = create_school_year(start_year, Decimal("70.00"))
        calendar = Calendar(previous.first_day, current.last_day)
        regions = self._regions()
        schools = self._schools(regions)
        district = District(
            today=self.today,
            previous_year=previous,
            current_year=current,
            school_days=list(calendar.days()),
            schools=schools,
            staff={},
            students=[],
        )
        district.demo_school = next(
            p.school for p in schools if p.school.level == SchoolLevel.MIDDLE
        )
        self._students(district, regions)
        self._staff(district)
        district.counts.update(
            regions=len(regions),
            schools=len(schools),
            students=len(district.students),
            enrollments=sum(len(e) for e in district.enrollments.values()),
            staff=User.objects.count(),
        )
        return district

    def _regions(self):
        regions = {code: Region.objects.create(name=name, code=code) for name, code in REGIONS}
        RegionAlias.objects.bulk_create(
            RegionAlias(region=regions[code], name=name) for name, code in REGION_ALIASES.items()
        )
        BoardDistrict.objects.bulk_create(BoardDistrict(number=n) for n in range(1, 8))
        return regions

    def _schools(self, regions):
        rng = self.rng
        bases = list(SCHOOL_NAMES)
        rng.shuffle(bases)
        boards = {b.number: b for b in BoardDistrict.objects.all()}
        n = self.schools_per_level
        counts = {
            SchoolLevel.ELEMENTARY: n,
            SchoolLevel.MIDDLE: n,
            SchoolLevel.HIGH: n,
            SchoolLevel.SPAN: max(1, n // 5),
            SchoolLevel.OTHER: max(1, n // 10),
        }
        # Four-digit location codes by level (at most MAX_SCHOOLS_PER_LEVEL each).
        first_code = {
            SchoolLevel.ELEMENTARY: 2000,
            SchoolLevel.MIDDLE: 8000,
            SchoolLevel.HIGH: 8500,
            SchoolLevel.SPAN: 6000,
            SchoolLevel.OTHER: 7000,
        }
        region_codes = [code for _, code in REGIONS]
        names, plans, i = set(), [], 0
        for level, count in counts.items():
            for k in range(count):
                pattern, low, high, size = rng.choice(SCHOOL_KINDS[level])
                name = pattern.format(bases[i % len(bases)])
                if i >= len(bases) or name in names:
                    name = f"{name} No. {i // len(bases) + 2}"
                names.add(name)
                i += 1
                region = region_codes[i % 4]
                # Cycling through the region's board districts covers all seven
                # as soon as each region has two schools.
                in_region = BOARD_DISTRICTS_BY_REGION[region]
                board = in_region[(i // 4) % len(in_region)]
                school = School(
                    code=str(first_code[level] + k),
                    name=name,
                    level=level,
                    region=regions[region],
                    board_district=boards[board],
                )
                plans.append(SchoolPlan(school, range(low, high + 1), size * rng.uniform(0.7, 1.3)))
        School.objects.bulk_create([p.school for p in plans])
        return plans

    # Students ---------------------------------------------------------------

    def _race_mix(self, region_code):
        # Each school varies around its region's mix.
        base = RACE_MIX[region_code]
        total = sum(base)
        return [self.rng.gammavariate(60 * c / total, 1) + 1e-9 for c in base]

    def _name(self, race, gender):
        while True:
            first, last = self._any_name(race, gender)
            if folded(f"{first} {last}") not in SEED_PEOPLE:
                return first, last

    def _any_name(self, race, gender):
        rng, fake = self.rng, self.fake
        first_source = self.fake_es if race == R.HISPANIC and rng.random() < 0.8 else fake
        first = {
            Gender.FEMALE: first_source.first_name_female,
            Gender.MALE: first_source.first_name_male,
        }.get(gender, fake.first_name_nonbinary)()
        if race == R.HISPANIC:
            last = self.fake_es.last_name()
        elif race == R.ASIAN:
            last = rng.choice(ASIAN_SURNAMES.split())
        elif race == R.FILIPINO:
            last = rng.choice(FILIPINO_SURNAMES.split())
        else:
            last = fake.last_name()
        return first, last

    def _student(self, student_id, race, grade, current_start_year):
        rng = self.rng
        gender = _pick(rng, [(Gender.FEMALE, 490), (Gender.MALE, 505), (Gender.NONBINARY, 5)])
        first, last = self._name(race, gender)
        language = _pick(rng, HOME_LANGUAGE.get(race, HOME_LANGUAGE_DEFAULT))
        if language == L.ENGLISH:
            el_rate = 0.01
        else:
            el_rate = 0.55 if grade <= 5 else 0.40 if grade <= 8 else 0.30
        iep_rate = 0.155 if gender == Gender.MALE else 0.105
        disability = _pick(
            rng,
            [
                (Disability.IEP, iep_rate),
                (Disability.SECTION_504, 0.03),
                (Disability.NONE, 1 - iep_rate - 0.03),
            ],
        )
        # Five by September 1 in kindergarten (grade 0); TK is grade -1.
        born_by = datetime.date(current_start_year - grade - 5, 9, 1)
        return Student(
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
        )

    def _students(self, district, regions):
        rng = self.rng
        previous, current = district.previous_year, district.current_year
        plans = district.schools
        mixes = {p.school.pk: self._race_mix(p.school.region.code) for p in plans}
        by_grade = defaultdict(list)  # grade -> schools serving it, for last year's school
        for p in plans:
            for g in p.grades:
                by_grade[g].append(p)
        # The demo accounts' school is larger, so their pages have more to show.
        sizes = [p.size * (3 if p.school == district.demo_school else 1) for p in plans]
        ids = iter(rng.sample(range(1_000_000_000, 9_999_999_999), self.student_count * 2))
        students, rows = [], []  # rows: (student, [(school, grade, start, end), ...])
        start_year = current.first_day.year

        def last_years_school(plan, grade):
            if grade in plan.grades:
                return plan.school
            same_region = [
                p for p in by_grade[grade] if p.school.region_id == plan.school.region_id
            ]
            return rng.choice(same_region or by_grade[grade]).school

        for _ in range(self.student_count):
            plan = rng.choices(plans, sizes)[0]
            grade = rng.choice(plan.grades)
            race = rng.choices(RACE_ORDER, mixes[plan.school.pk])[0]
            student = self._student(str(next(ids)), race, grade, start_year)
            spans = []
            if rng.random() < 0.05 or grade == -1:
                # New to the district this year, some after the first day.
                late = rng.randrange(40) if grade != -1 else 0
                first = district.school_days[self._index(district, current.first_day) + late]
                spans.append((plan.school, grade, first, None))
            else:
                spans.append((last_years_school(plan, grade - 1), grade - 1, previous.first_day,
                              previous.last_day))  # fmt: skip
                spans.append((plan.school, grade, current.first_day, None))
            students.append(student)
            rows.append((student, spans))
            if grade == 12:
                # Last year's seniors graduated: enrolled last year only.
                race = rng.choices(RACE_ORDER, mixes[plan.school.pk])[0]
                senior = self._student(str(next(ids)), race, 13, start_year)
                students.append(senior)
                rows.append((senior, [(plan.school, 12, previous.first_day, previous.last_day)]))
        Student.objects.bulk_create(students, batch_size=500)
        # A fresh demo district has no expulsion yet, so EXPELLED (BUL-5808.3)
        # cannot refuse these first enrollments: the loader writes them in
        # bulk under its own name. Enrollments written later (transfers,
        # expulsions) go through the services.
        enrollments = []
        for student, spans in rows:
            for school, grade, start, end in spans:
                enrollments.append(
                    Enrollment(student=student, school=school, grade=grade, start=start, end=end)
                )
        with service_write("people.demo: first enrollments of a new district"):
            Enrollment.objects.bulk_create(enrollments, batch_size=500)
        for e in enrollments:
            district.enrollments.setdefault(e.student_id, []).append(e)
        district.students = students

    @staticmethod
    def _index(district, day):
        from bisect import bisect_left

        return bisect_left(district.school_days, day)

    # Staff ------------------------------------------------------------------

    def _username(self, first, last):
        base = (folded(first)[:1] + folded(last).replace(" ", "").replace("'", "")) or "staff"
        name, n = base, 1
        while name in self.usernames:
            n += 1
            name = f"{base}{n}"
        self.usernames.add(name)
        return name

    def _user(self, role, position, *, username=None, **extra):
        source = self.fake_es if self.rng.random() < 0.35 else self.fake
        first, last = source.first_name(), source.last_name()
        while folded(f"{first} {last}") in SEED_PEOPLE:
            first, last = source.first_name(), source.last_name()
        if username:
            self.usernames.add(username)
        else:
            username = self._username(first, last)
        return User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.invalid",
            role=role,
            position=position,
            password=self.password,
            **extra,
        )

    def _staff(self, district):
        rng = self.rng
        users, memberships = [], []
        support_positions = [
            "Counselor",
            "Psychiatric social worker",
            "School psychologist",
            "Restorative justice teacher",
        ]
        for plan in district.schools:
            school = plan.school
            demo = school == district.demo_school
            admin = self._user(
                Role.ADMINISTRATOR,
                "Assistant principal" if demo else rng.choice(["Principal", "Assistant principal"]),
                username="admin" if demo else None,
            )
            teachers = [
                self._user(Role.TEACHER, "Teacher", username="teacher" if demo else None),
                self._user(Role.TEACHER, "Teacher"),
            ]
            support = self._user(
                Role.SUPPORT,
                "Counselor" if demo else rng.choice(support_positions),
                username="support" if demo else None,
            )
            district.staff[school.pk] = SchoolStaff(admin, teachers, support)
            for user in (admin, *teachers, support):
                users.append(user)
                memberships.append((user, school))
        users.append(self._user(Role.DISTRICT, "Operations coordinator", username="district",
                                is_staff=True))  # fmt: skip
        for position in ["Administrator of operations", "Operations coordinator"] * 2:
            users.append(self._user(Role.DISTRICT, position, is_staff=True))
        users.append(
            self._user(
                Role.DISTRICT,
                "Data steward",
                username="steward",
                is_staff=True,
                is_superuser=True,
            )
        )
        User.objects.bulk_create(users, batch_size=500)
        through = User.schools.through
        through.objects.bulk_create(
            through(user_id=user.pk, school_id=school.pk) for user, school in memberships
        )
        district.accounts = [
            ("teacher", f"teacher at {district.demo_school}"),
            ("support", f"support staff (counselor) at {district.demo_school}"),
            ("admin", f"school administrator at {district.demo_school}"),
            ("district", "district staff (reads every school; Django admin)"),
            ("steward", "superuser (data steward)"),
        ]
