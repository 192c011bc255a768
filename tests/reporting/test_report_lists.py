"""Watch lists, the district home's months, the units over time and the ROI
entry, each against a small hand-made district."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.db.models import F
from django.urls import reverse

from district.models import RoiRank, RoiScore, roi_rank
from district.services import ROI_CSV_COLUMNS
from people.models import Region, RegionAlias, ReportingUnit, UnitMembership
from reporting.reports import home, watchlists
from reporting.reports.units import school_ids_in, unit_of_school
from tests.factories import SchoolFactory
from tests.reporting.district import TinyDistrict
from tests.reporting.reports_district import local_district, member, school_year

DAY = datetime.date(2026, 10, 5)


@pytest.mark.django_db
def test_the_mdr_watch_lists_a_student_with_an_iep_near_ten_days_until_a_decision(district):
    d = TinyDistrict()
    school = d.school("Oak Middle")
    iep = d.student(school, disability="iep", last_name="Iepstudent")
    other = d.student(school, last_name="Nodisability")
    for i, days in enumerate((4, 4)):
        d.suspension(iep, DAY + datetime.timedelta(days=7 * i), days=days, code="1.1")
        d.suspension(other, DAY + datetime.timedelta(days=7 * i), days=days, code="1.1")
    listed = watchlists.mdr_watch(district, d.year)
    assert [(r["student"].last_name, r["days"]) for r in listed] == [("Iepstudent", 8)]
    from discipline import services

    referral = iep.referrals.first()
    services.placement_decision_record(
        actor=d.staff[school.pk].admin,
        referral=referral,
        decided_on=DAY + datetime.timedelta(days=8),
        change_of_placement=False,
        reasoning="Not a pattern.",
    )
    assert watchlists.mdr_watch(district, d.year) == []


@pytest.mark.django_db
def test_schools_with_frequent_citations_and_arrests_are_listed_from_the_setting(
    district, settings
):
    settings.REPORTS = {**settings.REPORTS, "FREQUENT_POLICE_CONTACTS": 3}
    d = TinyDistrict()
    busy, quiet = d.school("Busy High"), d.school("Quiet High")
    for kind in ("arrest", "citation", "citation"):
        d.contact(d.student(busy), DAY, kind=kind)
    for kind in ("arrest", "citation", "notification"):
        d.contact(d.student(quiet), DAY, kind=kind)
    rows = watchlists.frequent_police_contacts(district, d.year)
    assert [(r["school__name"], r["arrests"], r["citations"]) for r in rows] == [
        ("Busy High", 1, 2)
    ]


@pytest.mark.django_db
def test_the_per_school_watch_lists_name_the_unit_of_the_year(district, settings):
    """A school moved from Local District Northwest to North: its citations of
    2018-19 are listed under Northwest, those of 2026-27 under North."""
    settings.REPORTS = {**settings.REPORTS, "FREQUENT_POLICE_CONTACTS": 1}
    d = TinyDistrict()
    school = d.school("Moved High", "north")
    member(school, local_district("Local District Northwest"), end=datetime.date(2019, 6, 30))
    old = school_year("2018-19")
    d.contact(d.student(school, start=old.first_day), datetime.date(2018, 10, 3), kind="citation")
    d.contact(d.student(school), DAY, kind="citation")
    rows = watchlists.frequent_police_contacts(district, old)
    assert [(r["school__name"], r["unit"]) for r in rows] == [
        ("Moved High", "Local District Northwest")
    ]
    table = watchlists.police_table(district, d.year)
    assert [row[:2] for row in table.rows] == [["Moved High", "North"]]


@pytest.mark.django_db
def test_the_home_compares_each_month_with_the_same_month_a_year_earlier(district):
    this = school_year("2026-27")
    last = school_year("2025-26")
    d = TinyDistrict()
    d.year = this
    school = d.school("Elm Middle")
    d.suspension(d.student(school), datetime.date(2026, 10, 5), days=3, code="1.1")
    old = d.student(school, start=last.first_day)
    d.suspension(old, datetime.date(2025, 10, 6), days=2, code="1.1")
    d.suspension(old, datetime.date(2025, 11, 3), days=1, code="1.1")
    tables = {t.slug: t for t in home.monthly_tables(user=district, unit=None, year=this)}
    oss = {row[0]: row[1:] for row in tables["month-oss"].rows}
    assert oss["Oct"] == [1, 1, 0] and oss["Nov"] == [0, 1, -1]
    assert tables["month-days"].footer == ["Total", 3, 3, 0]


@pytest.mark.django_db
def test_a_school_is_read_in_the_unit_of_each_year():
    east = Region.objects.create(name="East", code="east")
    central = local_district("Local District Central")
    school = SchoolFactory(region=east)
    member(school, central, end=datetime.date(2022, 6, 30))
    old, new = school_year("2018-19"), school_year("2023-24")
    assert school_ids_in(central, old) == [school.pk]
    assert school_ids_in(central, new) == []
    assert school_ids_in(ReportingUnit.objects.get(region=east), new) == [school.pk]
    assert unit_of_school(new.first_day)[school.pk] == east.unit.pk


@pytest.mark.django_db
def test_the_alias_migration_gives_a_single_alias_its_schools_until_its_last_day():
    west = Region.objects.create(name="West", code="west")
    north = Region.objects.create(name="North", code="north")
    RegionAlias.objects.create(region=west, name="Local District West", used_until="2022-06-30")
    RegionAlias.objects.create(region=north, name="Local District Northwest")
    RegionAlias.objects.create(region=north, name="Local District Northeast")
    school, northern = SchoolFactory(region=west), SchoolFactory(region=north)
    importlib.import_module("people.migrations.0003_units_from_aliases").forward(apps, None)
    ld_west = ReportingUnit.objects.get(name="Local District West")
    assert ld_west.kind == "local_district"
    memberships = UnitMembership.objects.filter(school=school).order_by(
        F("end").asc(nulls_last=True)
    )
    assert list(memberships.values_list("unit", "end")) == [
        (ld_west.pk, datetime.date(2022, 6, 30)),
        (west.unit.pk, None),
    ]
    # Two Local Districts became North: the alias cannot say which school was where.
    assert not UnitMembership.objects.filter(school=northern).exists()
    assert ReportingUnit.objects.filter(name="Local District Northeast").exists()


def test_roi_rank_follows_the_seed_003_minutes():
    assert roi_rank([4, 4, 4, 4, 4, 4, 4, 4]) == RoiRank.GREEN
    assert roi_rank([4, 4, 4, 4, 3, 3, 3, 3]) == RoiRank.GREEN  # 28, no 1 or 2
    assert roi_rank([4, 4, 4, 4, 4, 3, 3, 2]) == RoiRank.YELLOW  # a 2
    assert roi_rank([4, 4, 4, 3, 3, 3, 3, 3]) == RoiRank.YELLOW  # 27
    assert roi_rank([4, 4, 4, 4, 4, 4, 4, 1]) == RoiRank.RED


@pytest.mark.django_db
def test_roi_scores_are_entered_by_form_and_by_csv_upload(client, district):
    from django.core.files.uploadedfile import SimpleUploadedFile

    year = school_year("2018-19")
    school = SchoolFactory(code="1234")
    client.force_login(district)
    url = reverse("reporting:roi-entry")
    scores = dict.fromkeys(
        ["leadership", "team", "expectations", "taught", "recognition", "responses", "data"], "4"
    )
    response = client.post(
        url, {"school": "1234", "school_year": year.pk, **scores, "alternatives": "1"}
    )
    assert response.status_code == 302
    assert RoiScore.objects.get(school=school).rank == RoiRank.RED
    header = ",".join(ROI_CSV_COLUMNS)
    good = f"\ufeff{header}\n1234,2018-19,4,4,4,4,3,3,3,3\n".encode()
    response = client.post(url, {"file": SimpleUploadedFile("roi.csv", good)})
    assert response.status_code == 302
    assert RoiScore.objects.get(school=school).rank == RoiRank.GREEN
    bad = f"{header}\n1234,2018-19,4,4,4,4,3,3,3,9\n".encode()
    response = client.post(url, {"file": SimpleUploadedFile("roi.csv", bad)})
    assert response.status_code == 200
    assert "Line 2" in str(response.context["upload"].errors)
    assert RoiScore.objects.get(school=school).rank == RoiRank.GREEN


@pytest.mark.django_db
def test_the_watch_lists_take_the_same_number_of_queries_for_2_students_as_for_8(district):
    """Each list is one aggregate query (plus a fixed few), never one per student:
    the number of queries does not grow with the students listed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from discipline.models import WILLFUL_DEFIANCE

    d = TinyDistrict()
    school = d.school("Oak Middle")
    other = d.school("Pine Middle", "west")
    later = timezone.localdate() + datetime.timedelta(days=30)

    def add_students(n):
        for i in range(n):
            at = school if i % 2 else other
            iep = d.student(at, disability="iep" if i % 3 else "504")
            d.suspension(iep, DAY, days=5, code="1.1")
            d.suspension(iep, DAY + datetime.timedelta(days=7), days=4, code="1.1")
            near = d.student(at)
            for week in range(3):
                d.suspension(near, DAY + datetime.timedelta(days=7 * week), days=5, code="1.1")
            d.referral(d.student(at), DAY, code=WILLFUL_DEFIANCE)

    def counted():
        lists = {}
        with CaptureQueriesContext(connection) as mdr:
            lists["mdr"] = watchlists.mdr_table(district, d.year)
        with CaptureQueriesContext(connection) as wd:
            lists["wd"] = watchlists.wd_overdue_table(district, later)
        with CaptureQueriesContext(connection) as near:
            lists["near"] = watchlists.near_limit_table(district, d.year)
        with CaptureQueriesContext(connection) as every:
            watchlists.watchlists_get(user=district, year=d.year, today=later)
        sizes = {name: len(table.rows) for name, table in lists.items()}
        return sizes, (len(mdr), len(wd), len(near), len(every))

    add_students(2)
    small_sizes, small_queries = counted()
    add_students(6)
    large_sizes, large_queries = counted()
    assert small_sizes == {"mdr": 2, "wd": 2, "near": 2}
    assert large_sizes == {"mdr": 8, "wd": 8, "near": 8}
    assert large_queries == small_queries
    mdr_queries, wd_queries = small_queries[:2]
    assert mdr_queries <= 2  # the aggregate, then the students' names in one query
    # The school calendar (two reads, for the 5-school-day cutoff), the id of
    # the willful-defiance reason code, then the one query of the list with its
    # students and schools.
    assert wd_queries == 4
