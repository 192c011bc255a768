""" "Local District at a glance" reproduces seed 003's Local District West
2017-18 tables from events written through the services."""

import re
from collections import Counter
from pathlib import Path

import pytest

from people.models import RaceEthnicity
from reporting.reports.glance import glance_get
from tests.reporting.reports_district import (
    YearDistrict,
    local_district,
    member,
    school_days,
    school_year,
)

SEED = (Path(__file__).parents[1] / "seeds" / "003_ld_west_at_a_glance.txt").read_text()
ETHNICITY = {str(label).upper(): value for value, label in RaceEthnicity.choices}
ETHNICITY["AMERICAN INDIAN/ALASKA NATIVE"] = RaceEthnicity.AMERICAN_INDIAN


def _section(start: str, end: str) -> str:
    return SEED.split(start, 1)[1].split(end, 1)[0]


def seed_by_gender() -> dict[str, tuple[int, int]]:
    text = _section("2017-18 Out-of-School Suspension Data by Gender", "2018-19")
    return {
        g: (int(n), int(d)) for g, n, d in re.findall(r"^(FEMALE|MALE)\t(\d+)\t(\d+)", text, re.M)
    }


def seed_by_ethnicity() -> dict[str, tuple[int, int]]:
    text = _section("2017-18 Out-of-School Suspension Data by Ethnicity", "Total")
    rows = re.findall(r"^([A-Z /]+?)\t(\d+)\t(\d+)", text, re.M)
    return {ETHNICITY[name]: (int(n), int(d)) for name, n, d in rows}


def seed_by_infraction() -> dict[str, int]:
    text = _section("2017-18 Out-of-School Suspension Data - By Infraction Type", "2018-19")
    rows = re.findall(r"^(\d\.\d+[a-e]?) - .*\t(\d+)$", text, re.M)
    # OCR: "3.95" is code 3.9 (seeds README).
    return {("3.9" if code == "3.95" else code): int(n) for code, n in rows}


def seed_events():
    """858 events (gender, ethnicity, days, code) whose marginals are the seed's.

    Every ethnicity and gender has at most twice as many days as events, so each
    event lasts 1 or 2 days: the 2-day events of an ethnicity are its days minus
    its events, and each gender takes its share of the 2-day and 1-day events.
    """
    events = []
    for ethnicity, (n, days) in seed_by_ethnicity().items():
        events += [[None, ethnicity, 2 if i < days - n else 1] for i in range(n)]
    genders = seed_by_gender()
    female_events, female_days = genders["FEMALE"]
    want = {2: female_days - female_events, 1: 2 * female_events - female_days}
    for event in events:
        if want[event[2]]:
            event[0] = "F"
            want[event[2]] -= 1
        else:
            event[0] = "M"
    codes = [code for code, n in seed_by_infraction().items() for _ in range(n)]
    assert len(codes) == len(events) == 858
    return [(*event, code) for event, code in zip(events, codes, strict=True)]


def _rows(table):
    return {row[0]: row[1:] for row in table.rows}


@pytest.mark.django_db
def test_at_a_glance_reproduces_local_district_west_2017_18_cell_for_cell(district):
    year = school_year("2017-18")
    d = YearDistrict(year)
    west = local_district("Local District West")
    northwest = local_district("Local District Northwest")
    schools = [d.school(f"West school {i}", region="west") for i in range(2)]
    for school in schools:
        member(school, west, end=year.last_day)
    elsewhere = d.school("Northwest school", region="north")
    member(elsewhere, northwest, end=year.last_day)

    # Each student takes up to 5 events of one (gender, ethnicity) cell.
    by_cell = {}
    for gender, ethnicity, days, code in seed_events():
        by_cell.setdefault((gender, ethnicity), []).append((days, code))
    dates = school_days(year, 5, step=30)
    n = 0
    for (gender, ethnicity), events in by_cell.items():
        for start in range(0, len(events), 5):
            school = schools[n % 2]
            n += 1
            student = d.student(school, gender=gender, race_ethnicity=ethnicity)
            for day, (days, code) in zip(dates, events[start : start + 5], strict=False):
                d.suspension(student, day, days=days, code=code)
    # An event of another Local District is not West's.
    d.suspension(d.student(elsewhere, gender="M"), dates[0], days=2, code="3.1a")

    glance = glance_get(user=district, unit=west, year=year)
    tables = {t.slug: t for t in glance.tables}

    gender = _rows(tables["oss-gender"])
    assert gender == {"Female": [269, 407], "Male": [589, 991]}
    assert tables["oss-gender"].footer[1:] == [858, 1398]

    labels = {value: str(label) for value, label in RaceEthnicity.choices}
    assert _rows(tables["oss-ethnicity"]) == {
        labels[e]: list(nd) for e, nd in seed_by_ethnicity().items()
    }
    assert tables["oss-ethnicity"].footer[1:] == [858, 1398]

    infraction = {row[0].split(" ")[0]: row[1] for row in tables["oss-infraction"].rows}
    assert infraction == seed_by_infraction()
    assert Counter(infraction.values()).total() == 34

    years = _rows(tables["oss-years"])
    assert years["2017-18"] == [858]
