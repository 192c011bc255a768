"""District staff's reports are computed once and shared for a few minutes
(reporting/reports/cache.py, issue 12): the numbers stay right, filters and
language each have their own entry, a school administrator's reports are never
shared, new data shows after the stated staleness or at once on "compute again",
and what staff enter from the reports' pages shows at once."""

import datetime
import threading
import time

import pytest
from django.core.cache import caches
from django.urls import reverse

from people.models import ReportingUnit
from reporting.reports import cache as report_cache
from tests.reporting.district import TinyDistrict

DAY = datetime.date(2026, 10, 5)
GLANCE = "reporting:report-glance"


def _oss_total(response):
    table = next(t for t in response.context["tables"] if t.slug == "oss-gender")
    return table.footer[1]


@pytest.mark.django_db
def test_a_cached_report_shows_new_data_on_compute_again_and_says_when_it_was_computed(
    client, district, two_schools
):
    d, mine, _theirs = two_schools
    client.force_login(district)
    url = reverse(GLANCE)
    first = client.get(url, {"year": "2026-27"})
    assert _oss_total(first) == 8
    assert first.context["computed"] is not None
    html = first.content.decode()
    assert 'id="report-computed"' in html and "As of " in html
    assert "fresh=1" in html

    d.suspension(d.student(mine), DAY, code="1.1")
    cached = client.get(url, {"year": "2026-27"})
    assert _oss_total(cached) == 8  # shared: the numbers of the first request
    assert cached.context["computed"].from_cache
    # Its CSV is the same cached table as the page.
    csv = client.get(url, {"year": "2026-27", "csv": "oss-gender"}).content.decode("utf-8-sig")
    assert csv.splitlines()[-1] == "Total,8,8"

    fresh = client.get(url, {"year": "2026-27", "fresh": "1"})
    assert _oss_total(fresh) == 9
    assert not fresh.context["computed"].from_cache
    # The links on the page do not carry fresh=1 on (CSV downloads, compute again).
    assert "fresh=1&amp;fresh=1" not in fresh.content.decode()
    assert "csv=oss-gender" in fresh.content.decode()
    assert "fresh=1&amp;csv" not in fresh.content.decode()
    # Computed again, it is shared again.
    assert _oss_total(client.get(url, {"year": "2026-27"})) == 9


@pytest.mark.django_db
def test_a_cached_report_changes_after_its_stated_staleness(
    client, district, two_schools, monkeypatch
):
    d, mine, _theirs = two_schools
    client.force_login(district)
    url = reverse(GLANCE)
    assert _oss_total(client.get(url, {"year": "2026-27"})) == 8
    d.suspension(d.student(mine), DAY, code="1.1")
    assert _oss_total(client.get(url, {"year": "2026-27"})) == 8
    # CACHE_SECONDS later (the locmem cache reads time.time()), the entry is gone.
    later = time.time() + report_cache.max_age() + 1
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: later)
    assert _oss_total(client.get(url, {"year": "2026-27"})) == 9


@pytest.mark.django_db
def test_each_filter_and_language_has_its_own_entry(client, district, two_schools):
    _d, mine, _theirs = two_schools
    client.force_login(district)
    url = reverse(GLANCE)
    assert _oss_total(client.get(url, {"year": "2026-27"})) == 8
    east = ReportingUnit.objects.get(region=mine.region)
    assert _oss_total(client.get(url, {"year": "2026-27", "unit": east.code})) == 3
    assert _oss_total(client.get(url, {"year": "2026-27"})) == 8
    spanish = client.get(url, {"year": "2026-27"}, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "de un vistazo" in spanish
    assert "Calcularlas de nuevo ahora" in spanish and "A las " in spanish
    english = client.get(url, {"year": "2026-27"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "at a glance" in english


@pytest.mark.django_db
def test_a_school_administrators_reports_are_computed_for_them_never_shared(
    client, district, two_schools
):
    d, mine, _theirs = two_schools
    admin = d.staff[mine.pk].admin
    # District staff fill the cache first: the administrator must not read it.
    client.force_login(district)
    assert _oss_total(client.get(reverse(GLANCE), {"year": "2026-27"})) == 8
    client.force_login(admin)
    page = client.get(reverse(GLANCE), {"year": "2026-27"})
    assert _oss_total(page) == 3
    assert page.context["computed"] is None
    assert 'id="report-computed"' not in page.content.decode()
    d.suspension(d.student(mine), DAY, code="1.1")
    assert _oss_total(client.get(reverse(GLANCE), {"year": "2026-27"})) == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "reporting:reports-home",
        "reporting:report-referrals",
        "reporting:report-disproportionality",
        "reporting:report-rj",
        "reporting:report-watchlists",
    ],
)
def test_every_shared_report_is_served_from_the_cache_until_computed_again(
    client, district, two_schools, name
):
    d, mine, _theirs = two_schools
    client.force_login(district)
    first = client.get(reverse(name), {"year": "2026-27"})
    assert first.context["computed"] is not None and not first.context["computed"].from_cache
    rows = [t.rows for t in first.context["tables"]]
    second = client.get(reverse(name), {"year": "2026-27"})
    assert second.context["computed"].from_cache
    assert [t.rows for t in second.context["tables"]] == rows


@pytest.mark.django_db
def test_referral_analytics_counts_a_new_referral_when_computed_again(
    client, district, two_schools
):
    d, mine, _theirs = two_schools
    client.force_login(district)
    url = reverse("reporting:report-referrals")

    def total(response):
        table = next(t for t in response.context["tables"] if t.slug == "per-day")
        return sum(row[1] for row in table.rows)

    before = total(client.get(url, {"year": "2026-27"}))
    d.referral(d.student(mine), DAY, code="1.1")
    assert total(client.get(url, {"year": "2026-27"})) == before
    assert total(client.get(url, {"year": "2026-27", "fresh": "1"})) == before + 1


@pytest.mark.django_db
def test_the_restorative_justice_list_shows_a_recorded_finding_at_once(
    client, district, two_schools
):
    d, mine, theirs = two_schools
    client.force_login(district)
    url = reverse("reporting:report-rj")
    page = client.get(url, {"year": "2026-27"})
    listed = page.context["listed"]
    assert {item.school for item in listed} == {mine, theirs}
    assert all(item.finding is None for item in listed)
    response = client.post(
        url + "?year=2026-27",
        {"finding-found_on": "2026-11-02", "finding-submission_token": "c" * 32},
    )
    assert response.status_code == 302
    page = client.get(url, {"year": "2026-27"})
    assert all(item.finding is not None for item in page.context["listed"])


@pytest.mark.django_db
def test_invalidate_drops_every_entry(district, two_schools):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    def get():
        return report_cache.report_get(user=district, report="x", params={"a": 1}, compute=compute)

    assert get().value == 1
    assert get().value == 1
    report_cache.invalidate()
    assert get().value == 2


@pytest.mark.django_db
def test_a_request_waits_for_another_computing_the_same_entry(district, monkeypatch):
    monkeypatch.setattr(report_cache, "POLL_SECONDS", 0.01)
    key = report_cache._key("x", {"a": 1})
    cache = caches[report_cache.CACHE_ALIAS]
    cache.add(key + ":computing", 1)  # another request is computing it

    def finish():
        time.sleep(0.2)
        cache.set(key, ("theirs", datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)))

    other = threading.Thread(target=finish)
    other.start()

    def compute():
        raise AssertionError("computed twice")

    got = report_cache.report_get(user=district, report="x", params={"a": 1}, compute=compute)
    other.join()
    assert got.value == "theirs" and got.from_cache


@pytest.mark.django_db
def test_the_overdue_follow_up_list_is_the_annotations_overdue_referrals(district):
    """wd_followups_overdue (written for the planner) lists exactly the referrals
    that with_wd_follow_up marks overdue: a willful-defiance referral without an
    intervention on it, nor one of the student's since the incident, referred
    more than 5 school days ago."""
    from django.utils import timezone

    from discipline import selectors, services
    from discipline.models import WILLFUL_DEFIANCE, Referral
    from interventions.models import InterventionType

    d = TinyDistrict()
    school = d.school("Follow Middle")
    kind = InterventionType.objects.first()
    bare = d.referral(d.student(school), DAY, code=WILLFUL_DEFIANCE)
    d.referral(d.student(school), DAY, code="1.1")
    on_it = d.referral(d.student(school), DAY, code=WILLFUL_DEFIANCE)
    after = d.referral(d.student(school), DAY, code=WILLFUL_DEFIANCE)
    before = d.referral(d.student(school), DAY, code=WILLFUL_DEFIANCE)
    voided = d.referral(d.student(school), DAY, code=WILLFUL_DEFIANCE)
    d.void(voided)
    support = d.staff[school.pk].support

    def intervene(referral, day, *, on_referral):
        services.intervention_record(
            actor=support,
            student=referral.student,
            school=school,
            intervention_type=kind,
            tier=2,
            started_on=day,
            referral=referral if on_referral else None,
        )

    intervene(on_it, DAY, on_referral=True)
    intervene(after, DAY + datetime.timedelta(days=1), on_referral=False)
    intervene(before, DAY - datetime.timedelta(days=1), on_referral=False)

    def both(today):
        listed = selectors.wd_followups_overdue(district, today)
        annotated = selectors.with_wd_follow_up(Referral.objects.all(), today)
        assert all(listed.values_list("wd_overdue", flat=True))
        return (
            set(listed.values_list("pk", flat=True)),
            set(annotated.filter(wd_overdue=True).values_list("pk", flat=True)),
        )

    # Referred today: not yet overdue; a month on, overdue unless followed up.
    assert both(timezone.localdate()) == (set(), set())
    month_on = timezone.localdate() + datetime.timedelta(days=30)
    assert both(month_on) == ({bare.pk, before.pk}, {bare.pk, before.pk})
