"""The restorative-justice training list against hand-computed schools, edges
included (exactly 10% and 15% do not list a school; a subgroup of exactly 30 is
judged, of 29 it is not), and the 60-day clock."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from district import services
from reporting.reports.rj import rj_list, rj_table
from tests.reporting.reports_district import YearDistrict, school_days, school_year


@pytest.fixture
def listed(district):
    year = school_year("2025-26")
    d = YearDistrict(year)
    day = school_days(year, 1)[0]

    def school(name, groups, suspend=(), contact=()):
        """groups: {race: count}; suspend/contact: (race, how many)."""
        s = d.school(name, region="east")
        people = {race: d.students(s, n, race_ethnicity=race) for race, n in groups.items()}
        for race, n in suspend:
            for student in people[race][:n]:
                d.suspension(student, day, code="1.1")
        for race, n in contact:
            for student in people[race][:n]:
                d.contact(student, day, kind="citation", code="1.1")
        return s

    school("Exactly ten percent", {"hispanic": 30}, suspend=[("hispanic", 3)])
    school("Over ten percent", {"hispanic": 30}, suspend=[("hispanic", 4)])
    school(
        "Exactly fifteen percent",
        {"black": 40, "hispanic": 40},
        suspend=[("black", 6)],
    )
    school("Subgroup of thirty", {"black": 30, "hispanic": 30}, suspend=[("black", 5)])
    school("Subgroup of twenty-nine", {"black": 29, "hispanic": 31}, suspend=[("black", 5)])
    school("Citations exactly ten", {"white": 30}, contact=[("white", 3)])
    school("Citations over ten", {"white": 30}, contact=[("white", 4)])
    return year, {item.school.name: item for item in rj_list(ids=None, year=year)}


def test_the_list_holds_the_schools_over_the_limits_and_not_those_exactly_at_them(listed):
    _year, found = listed
    assert sorted(found) == ["Citations over ten", "Over ten percent", "Subgroup of thirty"]
    assert found["Over ten percent"].reasons == [
        "All students: 4 of 30 suspended (13.3%, more than 10%)"
    ]
    # 5 of 30 Black students (16.7%); all students 5 of 60 (8.3%).
    assert found["Subgroup of thirty"].reasons == [
        "Race/ethnicity: Black: 5 of 30 suspended (16.7%, more than 15%)"
    ]
    assert "All students: 4 of 30 arrested or cited (13.3%, more than 10%)" in (
        found["Citations over ten"].reasons
    )


def test_the_sixty_day_clock_shows_due_overdue_and_trained(listed, district, admin):
    year, found = listed
    finding = services.rj_finding_record(
        actor=district,
        school=found["Over ten percent"].school,
        school_year=year,
        found_on=datetime.date(2026, 10, 1),
    )
    assert finding.due_on == datetime.date(2026, 11, 30)
    again = rj_list(ids=None, year=year)
    item = next(i for i in again if i.school.name == "Over ten percent")
    assert item.status(datetime.date(2026, 11, 30)) == "Due by 2026-11-30"
    assert item.status(datetime.date(2026, 12, 1)) == "Overdue since 2026-11-30"
    other = next(i for i in again if i.school.name == "Subgroup of thirty")
    assert other.status(datetime.date(2026, 12, 1)) == "Finding not recorded"
    with pytest.raises(PermissionDenied):
        services.rj_training_record(
            actor=admin, finding=finding, trained_on=datetime.date(2026, 11, 2)
        )
    services.rj_training_record(
        actor=district, finding=finding, trained_on=datetime.date(2026, 11, 2)
    )
    table = rj_table(rj_list(ids=None, year=year), year, today=datetime.date(2026, 12, 1))
    row = next(r for r in table.rows if r[0] == "Over ten percent")
    assert row[2:] == ["2026-10-01", "2026-11-30", "Trained on 2026-11-02"]
