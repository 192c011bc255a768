"""The publication's numbers on a district small enough to count by hand.

Three schools in two regions, nine students who matter (plus enrolled
classmates), events of every kind in August, September and October 2026, a
voided suspension and a teacher's removal from class (neither counts), and a
student who moves from one school to another in the east region. The numbers
typed below are counted by hand; the full comparison checks every cell of every
window, unit, measure and breakdown against a plain re-count of the same events.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest

from reporting import metrics
from reporting.metrics import cell_key
from tests.reporting.conftest import module_data
from tests.reporting.district import TinyDistrict

OCT = datetime.date(2026, 10, 1)
D = datetime.date


def build_tiny():
    """The district, and the list of counted events as (measure, school, student,
    day, days lost, most serious code) for the re-count."""
    t = TinyDistrict()
    a = t.school("Alder Middle", "east", code="1001")
    b = t.school("Birch Middle", "east", code="1002")
    c = t.school("Cedar Middle", "west", code="1003")
    a1 = t.student(
        a,
        gender="F",
        race_ethnicity="hispanic",
        english_learner=True,
        disability="iep",
        socioeconomically_disadvantaged=True,
    )
    a2 = t.student(a, gender="M", race_ethnicity="black", socioeconomically_disadvantaged=True)
    a3 = t.student(a, gender="F", race_ethnicity="white", disability="504")
    t.students(a, 12)
    b1 = t.student(
        b,
        gender="M",
        race_ethnicity="hispanic",
        english_learner=True,
        socioeconomically_disadvantaged=True,
    )
    t.students(b, 5)
    c1 = t.student(c, gender="X", race_ethnicity="asian")
    t.students(c, 2, race_ethnicity="filipino")
    # m1 moves from Alder to Birch on October 1.
    m1 = t.student(a, gender="M", race_ethnicity="two_or_more", end=D(2026, 9, 30))
    from tests.factories import EnrollmentFactory

    EnrollmentFactory(student=m1, school=b, start=D(2026, 10, 1))
    t.school_of[m1.pk] = a

    t.suspension(a1, D(2026, 10, 5), days=3)
    t.suspension(a1, D(2026, 10, 19), days=2, code="3.1a")
    t.suspension(a2, D(2026, 9, 14), days=1, kind="in_school", code="1.2")
    t.suspension(a2, D(2026, 10, 7), days=2, code="2.1,3.2")
    t.transfer(a3, D(2026, 10, 12), kind="involuntary", days_lost=4)
    t.contact(b1, D(2026, 10, 6), kind="arrest", school_based=True, days_lost=1, code="1.3")
    t.contact(b1, D(2026, 10, 6), kind="citation", code="3.1b")
    t.expulsion(b1, D(2026, 10, 20), days_lost=30)
    t.contact(c1, D(2026, 8, 25), kind="police_complaint", code="2.2")
    t.transfer(c1, D(2026, 9, 8), kind="opportunity", days_lost=2)
    t.contact(c1, D(2026, 10, 8), kind="arrest", school_based=False, days_lost=2, code="1.4a")
    t.void(t.suspension(a3, D(2026, 10, 13), days=1))
    t.suspension(m1, D(2026, 9, 15), days=1)
    t.school_of[m1.pk] = b
    t.suspension(m1, D(2026, 10, 14), days=1, kind="in_school")
    t.suspension(a2, D(2026, 10, 21), days=1, kind="teacher")

    events = [
        ("oss", a, a1, D(2026, 10, 5), 3, "1.1"),
        ("oss", a, a1, D(2026, 10, 19), 2, "3.1a"),
        ("iss", a, a2, D(2026, 9, 14), 1, "1.2"),
        ("oss", a, a2, D(2026, 10, 7), 2, "2.1"),
        ("invol", a, a3, D(2026, 10, 12), 4, "1.1"),
        ("arr", b, b1, D(2026, 10, 6), 1, "1.3"),
        ("sba", b, b1, D(2026, 10, 6), 1, "1.3"),
        ("cit", b, b1, D(2026, 10, 6), 0, "3.1b"),
        ("exp", b, b1, D(2026, 10, 20), 30, "1.1"),
        ("pc", c, c1, D(2026, 8, 25), 0, "2.2"),
        ("opp", c, c1, D(2026, 9, 8), 2, "1.1"),
        ("arr", c, c1, D(2026, 10, 8), 2, "1.4a"),
        ("oss", a, m1, D(2026, 9, 15), 1, "1.1"),
        ("iss", b, m1, D(2026, 10, 14), 1, "1.1"),
    ]
    return t, events


tiny_data = module_data(build_tiny)


@pytest.fixture
def tiny(tiny_data, db):
    return tiny_data


def unit_keys(school):
    return [f"school:{school.code}", f"region:{school.region.code}", "district"]


def category(student, dim):
    return {
        "all": "all",
        "race": student.race_ethnicity,
        "el": "yes" if student.english_learner else "no",
        "dis": student.disability,
        "gender": student.gender,
        "ses": "yes" if student.socioeconomically_disadvantaged else "no",
    }[dim]


def recount(events, window):
    """Every nonzero cell of ``window``, counted plainly from the event list and the
    enrollments (the independent re-count)."""
    from people.models import Enrollment

    events_n, days, students = defaultdict(int), defaultdict(int), defaultdict(set)
    for measure, school, student, day, lost, code in events:
        if not window.first_day <= day <= window.last_day:
            continue
        for unit in unit_keys(school):
            for m in (measure, "all") if measure != "sba" else (measure,):
                for dim in ("all", "race", "el", "dis", "gender", "ses", "off"):
                    cat = code if dim == "off" else category(student, dim)
                    base = (unit, window.key, m, dim, cat)
                    events_n[base] += 1
                    days[base] += lost
                    students[base].add(student.pk)
    cells = {}
    for base, n in events_n.items():
        unit, w, m, dim, cat = base
        cells[cell_key(unit, w, m, "ev", dim, cat)] = n
        cells[cell_key(unit, w, m, "st", dim, cat)] = len(students[base])
        if days[base]:
            cells[cell_key(unit, w, m, "dy", dim, cat)] = days[base]
    enrolled = defaultdict(set)
    for e in Enrollment.objects.select_related("student", "school__region"):
        if e.start <= window.last_day and (e.end is None or e.end >= window.first_day):
            for unit in unit_keys(e.school):
                for dim in ("all", "race", "el", "dis", "gender", "ses"):
                    enrolled[(unit, dim, category(e.student, dim))].add(e.student_id)
    for (unit, dim, cat), who in enrolled.items():
        cells[cell_key(unit, window.key, "enrolled", "n", dim, cat)] = len(who)
    return cells


def test_every_cell_of_every_window_matches_a_plain_recount(tiny):
    _t, events = tiny
    values = metrics.month_values(OCT)
    expected = {}
    for window in metrics.publication_windows(OCT):
        expected.update(recount(events, window))
    assert values == expected


def test_counts_by_hand_for_the_month(tiny):
    v = metrics.month_values(OCT)
    m = "m:2026-10"
    # Out-of-school: a1 twice (3 + 2 days) and a2 once (2 days), all at Alder.
    assert v[cell_key("district", m, "oss", "ev")] == 3
    assert v[cell_key("district", m, "oss", "st")] == 2
    assert v[cell_key("district", m, "oss", "dy")] == 7
    assert v[cell_key("school:1001", m, "oss", "ev")] == 3
    assert cell_key("school:1002", m, "oss", "ev") not in v  # zero is left out
    assert v[cell_key("region:east", m, "oss", "st", "race", "hispanic")] == 1
    assert v[cell_key("region:east", m, "oss", "st", "race", "black")] == 1
    assert v[cell_key("district", m, "oss", "st", "dis", "iep")] == 1
    assert v[cell_key("district", m, "oss", "ev", "el", "yes")] == 2
    # Offense is the most serious code: a2's "2.1, 3.2" counts as 2.1.
    assert v[cell_key("district", m, "oss", "ev", "off", "2.1")] == 1
    assert cell_key("district", m, "oss", "ev", "off", "3.2") not in v
    assert v[cell_key("district", m, "oss", "ev", "off", "3.1a")] == 1
    # Arrests: b1 (school-based) and c1 (not); school-based arrests are b1's only.
    assert v[cell_key("district", m, "arr", "ev")] == 2
    assert v[cell_key("district", m, "sba", "ev")] == 1
    assert v[cell_key("region:west", m, "arr", "dy")] == 2
    assert cell_key("region:west", m, "sba", "ev") not in v
    assert v[cell_key("school:1002", m, "exp", "dy")] == 30
    assert v[cell_key("school:1002", m, "cit", "ev")] == 1
    assert cell_key("school:1002", m, "cit", "dy") not in v
    # In-school: m1 at Birch (after the move); the teacher's removal and the
    # voided suspension never count.
    assert v[cell_key("district", m, "iss", "ev")] == 1
    assert v[cell_key("school:1002", m, "iss", "st", "race", "two_or_more")] == 1
    # Any action: 9 events (school-based arrest not twice), 6 students, 45 days.
    assert v[cell_key("district", m, "all", "ev")] == 9
    assert v[cell_key("district", m, "all", "st")] == 6
    assert v[cell_key("district", m, "all", "dy")] == 3 + 2 + 2 + 4 + 1 + 0 + 30 + 2 + 1
    # Enrollment in October: Alder 15 (m1 left), Birch 7 (m1 arrived), Cedar 3.
    assert v[cell_key("school:1001", m, "enrolled", "n")] == 15
    assert v[cell_key("school:1002", m, "enrolled", "n")] == 7
    assert v[cell_key("district", m, "enrolled", "n")] == 25
    assert v[cell_key("district", m, "enrolled", "n", "race", "filipino")] == 2


def test_counts_by_hand_for_the_trailing_windows(tiny):
    v = metrics.month_values(OCT)
    q, y = "3m:2026-10", "12m:2026-10"
    for w in (q, y):
        # Adds a2's in-school suspension, c1's opportunity transfer and police
        # complaint, m1's September suspension at Alder.
        assert v[cell_key("district", w, "all", "ev")] == 13
        assert v[cell_key("district", w, "all", "st")] == 6
        assert v[cell_key("district", w, "all", "dy")] == 49
        assert v[cell_key("district", w, "oss", "st")] == 3
        assert v[cell_key("district", w, "pc", "ev")] == 1
    # m1 was at both east schools: one student in the region, one at each school.
    assert v[cell_key("school:1001", q, "all", "st")] == 4
    assert v[cell_key("school:1002", q, "all", "st")] == 2
    assert v[cell_key("region:east", q, "all", "st")] == 5
    # Cumulative enrollment counts m1 at both schools but once in the region.
    assert v[cell_key("school:1001", q, "enrolled", "n")] == 16
    assert v[cell_key("school:1002", q, "enrolled", "n")] == 7
    assert v[cell_key("region:east", q, "enrolled", "n")] == 22
    assert v[cell_key("district", q, "enrolled", "n")] == 25


def test_rates_and_ada_follow_from_the_counts(tiny):
    v = metrics.month_values(OCT)
    m = "m:2026-10"
    # 2 students out of school among 25 enrolled.
    students = v[cell_key("district", m, "oss", "st")]
    enrolled = v[cell_key("district", m, "enrolled", "n")]
    assert metrics.rate_per_100(students, enrolled) == Decimal("8.0")
    assert metrics.rate_per_100(1, 3) == Decimal("33.3")
    # ADA: days x the rate of the month's school year (70.00 by default).
    assert metrics.ada_daily_rate(OCT) == Decimal("70.00")
    days = v[cell_key("district", m, "all", "dy")]
    assert metrics.ada_lost(days, metrics.ada_daily_rate(OCT)) == Decimal("3150.00")
    # A summer month is valued at the year that began before it ended.
    assert metrics.ada_daily_rate(datetime.date(2027, 7, 1)) == Decimal("70.00")


def test_voided_records_never_count(tiny):
    t, _events = tiny
    from discipline.models import Suspension

    before = metrics.month_values(OCT)
    t.void(Suspension.objects.valid().get(start_date=D(2026, 10, 19)))
    after = metrics.month_values(OCT)
    assert after[cell_key("district", "m:2026-10", "oss", "ev")] == 2
    assert before[cell_key("district", "m:2026-10", "oss", "ev")] == 3
    assert after[cell_key("district", "m:2026-10", "oss", "st")] == 2  # a1 still once
