"""The publication reads a month by the units of that month (issue 14, "units over time").

Alder and Birch are in the North region today; until June 30, 2019 Alder was in
Local District Northwest and Birch in Local District Northeast (memberships with
dates). Cedar is in the West region and has no membership: it is in West every year.
A 2018 month is published by Local District, a 2024 month by region, and a window
that spans the reorganization by the units of its last month; the numbers add up
in each, and a reader who holds both publications works no hidden number out.
"""

import datetime
from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import ReportingUnit, SchoolYear, UnitKind, UnitMembership
from reporting import metrics, services
from reporting.metrics import Cell, cell_key
from reporting.models import PublishedUnit
from tests.factories import EnrollmentFactory, SchoolYearFactory, StudentFactory
from tests.reporting import attacker
from tests.reporting.conftest import module_data
from tests.reporting.district import TinyDistrict

D = datetime.date
OCT_2018, AUG_2019, OCT_2024 = D(2018, 10, 1), D(2019, 8, 1), D(2024, 10, 1)
TODAY = D(2025, 1, 15)
NW, NE, NORTH, WEST = (
    "region:ld-northwest",
    "region:ld-northeast",
    "region:north",
    "region:west",
)


def build():
    t = TinyDistrict()
    for name, first, last in (
        ("2018-19", D(2018, 8, 14), D(2019, 6, 12)),
        ("2019-20", D(2019, 8, 13), D(2020, 6, 11)),
        ("2024-25", D(2024, 8, 14), D(2025, 6, 11)),
    ):
        SchoolYearFactory(name=name, first_day=first, last_day=last, holidays={})
    alder = t.school("Alder Middle", "north", code="3001")
    birch = t.school("Birch Middle", "north", code="3002")
    cedar = t.school("Cedar Middle", "west", code="3003")
    northwest = ReportingUnit.objects.create(
        name="Local District Northwest", code="ld-northwest", kind=UnitKind.LOCAL_DISTRICT
    )
    northeast = ReportingUnit.objects.create(
        name="Local District Northeast", code="ld-northeast", kind=UnitKind.LOCAL_DISTRICT
    )
    UnitMembership.objects.create(school=alder, unit=northwest, end=D(2019, 6, 30))
    UnitMembership.objects.create(school=birch, unit=northeast, end=D(2019, 6, 30))
    per_school = {alder: 13, birch: 12, cedar: 11}
    for school, n in per_school.items():
        for i in range(n):
            # Two black students at each school: small numbers, hidden.
            race = "black" if i < 2 else "hispanic"
            student = t.student(school, start=D(2018, 8, 14), race_ethnicity=race)
            t.suspension(student, D(2018, 10, 8), days=1)
            t.suspension(student, D(2019, 8, 20), days=1, kind="in_school")
            t.suspension(student, D(2024, 10, 7), days=2)
    # A few more students enrolled at Alder, never suspended.
    for _ in range(4):
        EnrollmentFactory(student=StudentFactory(), school=alder, start=D(2018, 8, 14))
    return t, {s.code: n for s, n in per_school.items()}


units_data = module_data(build)


@pytest.fixture
def district(units_data, db):
    return units_data


def total(values, unit, window, measure="oss", stat="ev"):
    return values.get(cell_key(unit, window, measure, stat), 0)


def test_a_month_is_counted_by_the_units_of_that_month(district):
    _t, n = district
    values = metrics.month_values(OCT_2018)
    m = "m:2018-10"
    assert total(values, NW, m) == n["3001"] == 13
    assert total(values, NE, m) == n["3002"] == 12
    assert total(values, WEST, m) == 11
    assert total(values, NORTH, m) == 0
    assert total(values, "district", m) == 36
    assert total(values, NW, m, "enrolled", "n") == 17

    values = metrics.month_values(OCT_2024)
    m = "m:2024-10"
    assert total(values, NORTH, m) == 13 + 12
    assert total(values, NORTH, m, "oss", "dy") == 2 * 25
    assert total(values, WEST, m) == 11
    assert total(values, NW, m) == total(values, NE, m) == 0
    assert total(values, NORTH, m, "enrolled", "n") == 13 + 12 + 4


def test_a_window_is_counted_by_the_units_of_its_last_month(district):
    values = metrics.month_values(AUG_2019)
    year = "12m:2019-08"
    # September 2018 to August 2019, read as of August 2019: Alder and Birch are North.
    assert total(values, NORTH, year) == 25
    assert total(values, NORTH, year, "iss") == 25
    assert total(values, NW, year) == 0
    assert total(values, "district", year) == 36


def test_the_units_count_in_a_fixed_number_of_queries(district):
    with CaptureQueriesContext(connection) as queries:
        metrics.month_values(OCT_2018)
    # The events: read once into a temporary table (dropped before and after), then
    # two grouped queries per level and per kind of measure (12); the
    # enrollment of the three windows in one; four to read the units.
    assert len(queries) == 3 + 12 + 1 + 4


def test_the_publications_list_each_month_by_its_units_and_add_up(district):
    _t, _n = district
    old = services.publication_publish(month=OCT_2018, today=TODAY)
    new = services.publication_publish(month=OCT_2024, today=TODAY)

    def listed(publication):
        rows = PublishedUnit.objects.filter(publication=publication)
        return {row.key: (row.level, row.region_key, row.name) for row in rows}

    units_2018 = listed(old)
    assert units_2018["school:3001"] == ("school", NW, "Alder Middle")
    assert units_2018["school:3002"] == ("school", NE, "Birch Middle")
    assert units_2018["school:3003"] == ("school", WEST, "Cedar Middle")
    assert units_2018[NW] == ("region", "", "Local District Northwest")
    assert NORTH not in units_2018
    units_2024 = listed(new)
    assert units_2024["school:3001"] == ("school", NORTH, "Alder Middle")
    assert units_2024["school:3002"] == ("school", NORTH, "Birch Middle")
    assert units_2024[NORTH] == ("region", "", "North")
    assert NW not in units_2024 and NE not in units_2024

    # Shown numbers: a Local District is its school; the District is the sum.
    m = "m:2018-10"
    assert old.cells[cell_key(NW, m, "oss", "ev")] == 13
    assert old.cells[cell_key("school:3001", m, "oss", "ev")] == 13
    assert old.cells[cell_key("district", m, "oss", "ev")] == 36
    m = "m:2024-10"
    assert new.cells[cell_key(NORTH, m, "oss", "ev")] == 25
    assert new.cells[cell_key(NORTH, m, "oss", "dy")] == 50
    assert new.cells[cell_key("district", m, "oss", "ev")] == 36

    # Every count of each publication adds up: schools to their unit, units to
    # the District, in every window and breakdown (events and days).
    for publication, month in ((old, OCT_2018), (new, OCT_2024)):
        catalog = publication.data["units"]
        values = metrics.month_values(month)
        sums = defaultdict(int)
        for key, value in values.items():
            cell = Cell.parse(key)
            if cell.stat not in metrics.ADDITIVE_STATS:
                continue
            if cell.unit.startswith("school:"):
                sums[cell.key(unit=catalog["schools"][cell.unit]["region"])] += value
            elif cell.unit.startswith("region:"):
                sums[cell.key(unit="district")] += value
        assert sums
        for key, value in sums.items():
            assert values.get(key, 0) == value, key


def test_the_public_pages_open_a_local_district(district, client):
    publication = services.publication_publish(month=OCT_2018, today=TODAY)
    base = f"/public/2018-10/v{publication.version}"
    page = client.get(f"{base}/region-ld-northwest/")
    assert page.status_code == 200
    assert "Local District Northwest" in page.content.decode()
    school = client.get(f"{base}/school-3001/")
    assert "Local District Northwest" in school.content.decode()
    assert client.get(f"{base}/region-north/").status_code == 404
    csv = client.get(f"{base}/region-ld-northwest.csv")
    assert csv.status_code == 200
    index = client.get(reverse("reporting:public-index")).content.decode()
    assert '<optgroup label="Local District Northwest">' in index


def test_a_reader_of_publications_across_the_reorganization_recovers_nothing(district):
    old = services.publication_publish(month=OCT_2018, today=TODAY)
    across = services.publication_publish(month=AUG_2019, today=TODAY)
    assert across.data["units"]["schools"]["school:3001"]["region"] == NORTH
    # The two black students of each school and their complements are hidden.
    key = cell_key("school:3001", "12m:2019-08", "oss", "st", "race", "black")
    assert key in across.cells and across.cells[key] is None
    truth = attacker.truth([old, across])
    assert attacker.recoverable([old, across], [truth]) == []
    assert SchoolYear.objects.filter(name="2019-20").exists()


def test_a_region_without_a_unit_is_still_counted_as_itself(district):
    t, _n = district
    from people.models import Region

    # Loaded raw (no signal): no ReportingUnit mirrors it.
    Region.objects.bulk_create([Region(code="south", name="South")])
    assert not ReportingUnit.objects.filter(region__code="south").exists()
    dogwood = t.school("Dogwood Middle", "south", code="3004")
    t.suspension(t.student(dogwood, start=D(2018, 8, 14)), D(2024, 10, 7), days=2)
    values = metrics.month_values(OCT_2024)
    assert total(values, "region:south", "m:2024-10") == 1
    assert total(values, "district", "m:2024-10") == 37
    assert metrics.Units.load().catalog(OCT_2024)["schools"]["school:3004"] == {
        "name": "Dogwood Middle",
        "region": "region:south",
    }
