"""Seed 000 ("District Safety Updates", April 2024): the 41 short-term school
police deployments by Board District and by Region, and the safety budget
table with its totals, recorded through the services and read back."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from district import services
from district.models import DeploymentReason, StaffingLocation
from people.models import BoardDistrict
from reporting.reports.safety import deployments_get, staffing_get
from tests.factories import RegionFactory, SchoolFactory
from tests.reporting.reports_district import school_year

SEED = (Path(__file__).parents[1] / "seeds" / "000_district_safety_updates.txt").read_text()


def seed_table(header: str) -> dict[str, int]:
    text = SEED.split(f"{header}\tNumber of Instances", 1)[1].split("Total", 1)[0]
    return {name: int(n) for name, n in re.findall(r"^(.+?)\t(\d+)$", text, re.M)}


def seed_staffing():
    text = SEED.split("Position/Item\tLocation\tFTEs\tBudgeted", 1)[1].split("<b>TOTAL", 1)[0]
    rows = re.findall(r"^(.+?)\t(.+?)\t(N/A|[\d,]+)\t\\\$([\d,]+)$", text, re.M)
    return [
        (p, loc, None if f == "N/A" else int(f.replace(",", "")), int(b.replace(",", "")))
        for p, loc, f, b in rows
    ]


@pytest.mark.django_db
def test_deployments_report_reproduces_seed_000_tables(district):
    year = school_year("2023-24")
    boards = seed_table("Board District")  # {"BD 1": 6, ...}
    regions = seed_table("Region")  # {"East": 7, ...}
    assert sum(boards.values()) == sum(regions.values()) == 41
    board_list = [int(b.split()[1]) for b, n in boards.items() for _ in range(n)]
    region_list = [r for r, n in regions.items() for _ in range(n)]
    region_objs = {r: RegionFactory(code=r.lower(), name=r) for r in regions}
    # 41 deployments at 36 campuses: five deployments return to a campus
    # already visited with the same Board District and Region.
    schools, campuses, revisits, pairs = (
        {},
        set(),
        0,
        list(zip(board_list, region_list, strict=True)),
    )
    day = datetime.date(2023, 9, 5)
    for i, (board, region) in enumerate(pairs):
        key = (board, region)
        if key in schools and revisits < 5:
            school = schools[key]
            revisits += 1
        else:
            school = SchoolFactory(
                region=region_objs[region],
                board_district=BoardDistrict.objects.get_or_create(number=board)[0],
            )
            schools[key] = school
            campuses.add(school.pk)
        services.deployment_record(
            actor=district,
            school=school,
            starts_on=day + datetime.timedelta(days=i),
            ends_on=day + datetime.timedelta(days=i + 2),
            reason=DeploymentReason.MASS_THREAT if i % 2 else DeploymentReason.CAMPUS_VIOLENCE,
            mental_health=True,
        )
    assert revisits == 5
    for _ in range(10):  # sites never visited
        SchoolFactory(region=region_objs["East"])

    report = deployments_get(user=district, year=year)
    tables = {t.slug: t for t in report.tables}
    assert {row[0]: row[1] for row in tables["deployments-board"].rows} == boards
    assert {row[0]: row[1] for row in tables["deployments-region"].rows} == regions
    assert (report.count, report.campuses) == (41, 36)
    assert len(campuses) == 36
    assert report.sites == 36 + 10
    assert "41 short-term deployments across 36 campuses" in report.headline


@pytest.mark.django_db
def test_staffing_table_reproduces_seed_000_totals(district):
    year = school_year("2023-24")
    location = {str(label): value for value, label in StaffingLocation.choices}
    lines = seed_staffing()
    assert len(lines) == 12
    for position, where, ftes, budget in lines:
        services.staffing_line_record(
            actor=district,
            school_year=year,
            position=position,
            location=location[where],
            ftes=ftes,
            budget=Decimal(budget),
        )
    table = staffing_get(year=year)
    # The budget total is the seed's to the dollar. The FTEs are not: the seed
    # prints TOTAL 3,526, but its eleven lines with FTEs, as printed, add up to
    # 3,525 (338 + 2 + 51 + 1,901 + 751 + 280 + 29 + 7 + 30 + 16 + 120; the CBSP
    # vendor line is N/A), and nothing in the seed says which line is one short.
    # The report shows the sum of what was recorded, never a typed-in total, so
    # it reads 3,525; both numbers are asserted here.
    printed = re.search(r"<b>TOTAL</b>\t\t<b>([\d,]+)</b>\t<b>\\\$([\d,]+)</b>", SEED)
    assert printed.groups() == ("3,526", "346,131,854")
    assert [f for _p, _l, f, _b in lines] == [
        None, 338, 2, 51, 1901, 751, 280, 29, 7, 30, 16, 120
    ]  # fmt: skip
    assert sum(f for _p, _l, f, _b in lines if f) == 3525 == 3526 - 1
    assert sum(b for _p, _l, _f, b in lines) == 346_131_854
    assert table.footer == ["Total", "", "3,525", "$346,131,854"]
    assert table.rows[0][2] == "N/A"


@pytest.mark.django_db
def test_only_district_staff_record_deployments(admin, school):
    with pytest.raises(PermissionDenied):
        services.deployment_record(
            actor=admin,
            school=school,
            starts_on=datetime.date(2026, 9, 1),
            ends_on=datetime.date(2026, 9, 2),
            reason=DeploymentReason.MASS_THREAT,
        )
