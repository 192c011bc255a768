"""Disproportionality against hand-computed cases, edges included: exactly n = 30,
a cell of exactly 10, a comparison group under the sizes, no comparison group."""

from decimal import Decimal

import pytest

from reporting.reports.disproportionality import (
    NotComputed,
    confidence_interval,
    disproportionality_tables,
    ratio_of,
)
from tests.reporting.reports_district import YearDistrict, school_days, school_year

# 12 of 40 against 20 of 200: risk 30%, ratio 0.30 / 0.10 = 3.
# ln 3 = 1.0986; SE = sqrt(1/12 - 1/40 + 1/20 - 1/200) = 0.32146;
# exp(1.0986 -/+ 1.96 * 0.32146) = 1.60 and 5.63.


def test_risk_ratio_and_its_log_interval_match_the_hand_computation():
    r = ratio_of(12, 40, 20, 200, 0, 0)
    assert r.risk == Decimal("30.0")
    assert r.risk_ratio == Decimal("3.0")
    assert r.alternate is None
    assert (r.low, r.high) == (Decimal("1.6"), Decimal("5.63"))


def test_exactly_thirty_students_is_computed_and_twenty_nine_is_not():
    # 10 of 30 against 20 of 200: 0.3333 / 0.10 = 3.33, interval 1.73 to 6.42.
    r = ratio_of(10, 30, 20, 200, 0, 0)
    assert r.risk == Decimal("33.3")
    assert r.risk_ratio == Decimal("3.33")
    assert (r.low, r.high) == (Decimal("1.73"), Decimal("6.42"))
    below = ratio_of(10, 29, 20, 200, 0, 0)
    assert str(below.risk) == "not computed (n < 30)"
    assert str(below.risk_ratio) == "not computed (n < 30)"
    assert below.low is None


def test_a_cell_of_exactly_ten_is_computed_and_nine_is_not():
    assert ratio_of(10, 30, 20, 200, 0, 0).risk_ratio == Decimal("3.33")
    nine = ratio_of(9, 30, 20, 200, 0, 0)
    assert nine.risk == Decimal("30.0")  # a risk needs only the n-size
    assert str(nine.risk_ratio) == "not computed (count < 10)"


def test_a_small_comparison_group_uses_the_district_for_the_alternate_ratio():
    # The unit's other students: 5 of 20 (under both sizes); the district's
    # other students: 15 of 150. Alternate ratio 0.30 / 0.10 = 3, interval
    # exp(ln 3 -/+ 1.96 * sqrt(1/12 - 1/40 + 1/15 - 1/150)) = 1.53 to 5.89.
    r = ratio_of(12, 40, 5, 20, 15, 150)
    assert str(r.risk_ratio) == "not computed (n < 30)"
    assert r.alternate == Decimal("3.0")
    assert (r.low, r.high) == (Decimal("1.53"), Decimal("5.89"))


def test_a_subgroup_with_no_comparison_group_in_the_unit_or_the_district_is_not_computed():
    # Every student of the unit is in the subgroup, and of the district too.
    r = ratio_of(12, 40, 0, 0, 0, 0)
    assert r.risk == Decimal("30.0")
    assert str(r.risk_ratio) == "not computed (no comparison group)"
    assert str(r.alternate) == "not computed (no comparison group)"
    assert isinstance(r.interval, NotComputed)
    # With a comparison group in the district, the alternate ratio is computed.
    assert ratio_of(12, 40, 0, 0, 20, 200).alternate == Decimal("3.0")


def test_no_interval_when_nobody_in_the_comparison_group_had_the_outcome():
    assert confidence_interval(12, 40, 0, 200) is None


@pytest.mark.django_db
def test_disproportionality_counts_students_of_the_unit_from_the_records(settings, district):
    settings.REPORTS = {**settings.REPORTS, "MIN_CELL_SIZE": 2, "MIN_N_SIZE": 5}
    year = school_year("2024-25")
    d = YearDistrict(year)
    school = d.school("Unit school", region="east")
    black = d.students(school, 6, race_ethnicity="black")
    hispanic = d.students(school, 10, race_ethnicity="hispanic")
    day, later = school_days(year, 2, step=5)
    for student in black[:3] + hispanic[:2]:
        d.suspension(student, day, code="3.1a")
    d.suspension(black[0], later, code="3.1a")  # the same student twice counts once
    tables = disproportionality_tables(
        outcome="oss", ids=[school.pk], first=year.first_day, last=year.last_day
    )
    race = next(t for t in tables if t.slug == "disproportionality-race")
    rows = {row[0]: row for row in race.rows}
    # Black: 3 of 6 = 50%; others 2 of 10 = 20%; ratio 2.5, interval 0.57 to 10.93.
    assert rows["Black"][1:7] == [3, 6, Decimal("50.0"), Decimal("2.5"), "", "0.57 – 10.93"]
    assert rows["Black"][7:] == [Decimal("60.0"), Decimal("37.5")]
    assert str(rows["Hispanic"][3]) == "20.0"
