"""The district reports in a real browser: district staff and a school
administrator open every report, pass axe, download each table's CSV and find
the page's numbers in it; the administrator never sees another school; the
district account reaches a reason code from its home page and edits it."""

import csv
import datetime
import re

import pytest

from discipline.models import ReasonCode
from people.models import Role
from tests.browser.conftest import DESKTOP, PASSWORD, serious_accessibility_violations
from tests.factories import UserFactory
from tests.reporting.district import TinyDistrict

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REPORT_PATHS = [
    "/reporting/reports/glance/",
    "/reporting/reports/referrals/",
    "/reporting/reports/disproportionality/",
    "/reporting/reports/restorative-justice/",
    "/reporting/reports/watch-lists/",
    "/reporting/reports/deployments/",
    "/reporting/reports/staffing/",
]
DAY = datetime.date(2026, 10, 5)


@pytest.fixture
def district_data():
    d = TinyDistrict()
    mine = d.school("Mine Middle", region="east")
    theirs = d.school("Theirs Middle", region="west")
    for i in range(3):
        d.suspension(d.student(mine, last_name=f"Minestudent{i}"), DAY, code="1.1")
    for i in range(5):
        d.suspension(d.student(theirs, last_name=f"Theirstudent{i}"), DAY, days=2, code="1.2")
    dana = UserFactory(username="dana", role=Role.DISTRICT, is_staff=True)
    return {"admin": d.staff[mine.pk].admin, "district": dana}


def _logged_in(browser, live_server, user):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/reporting/reports/(referrals/)?$|^https?://[^/]+/$"))
    return page


def _page_rows(page, slug):
    rows = []
    for tr in page.locator(f"#table-{slug} tbody tr, #table-{slug} tfoot tr").all():
        rows.append([c.strip() for c in tr.locator("th, td").all_inner_texts()])
    return rows


def _check_csvs(page, problems, where) -> int:
    """Download every table's CSV; its first row on the page must be a row of the
    CSV, number for number. Returns how many tables with rows were compared."""
    links = page.locator("a[data-csv]")
    compared = 0
    for i in range(links.count()):
        link = links.nth(i)
        slug = link.get_attribute("data-csv")
        with page.expect_download() as info:
            link.click()
        raw = open(info.value.path(), "rb").read()
        if not raw.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{where} {slug}: CSV without a byte-order mark")
        rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
        shown = _page_rows(page, slug)
        if shown and shown[0] != ["Nothing to list."]:
            compared += 1
            if shown[0] not in rows:
                problems.append(f"{where} {slug}: page row {shown[0]} not in CSV {rows[:3]}")
    return compared


def _visit_all(page, problems) -> int:
    compared = 0
    for path in REPORT_PATHS:
        response = page.goto(f"{path}?year=2026-27")
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        problems += [f"{path}: {v}" for v in serious_accessibility_violations(page)]
        compared += _check_csvs(page, problems, path)
    return compared


def test_district_staff_open_every_report_and_download_each_csv(
    browser, live_server, district_data
):
    page = _logged_in(browser, live_server, district_data["district"])
    # The home answers "how are we doing" and links to every report.
    assert page.locator("#table-month-oss").count() == 1
    problems = [f"home: {v}" for v in serious_accessibility_violations(page)]
    for path in REPORT_PATHS:
        assert page.locator(f'main a[href="{path}"]').count() >= 1, path
    compared = _visit_all(page, problems)
    assert compared >= 10, compared  # the CSV check is not vacuous
    # The whole district: 3 + 5 out-of-school suspensions, 3 + 10 days.
    page.goto("/reporting/reports/glance/?year=2026-27")
    assert _page_rows(page, "oss-gender")[-1] == ["Total", "8", "13"]
    assert problems == []


def test_a_school_administrator_sees_only_their_school(browser, live_server, district_data):
    page = _logged_in(browser, live_server, district_data["admin"])
    page.get_by_role("link", name="Reports").first.click()
    page.wait_for_url(re.compile(r"/reporting/reports/referrals/"))
    problems = []
    compared = _visit_all(page, problems)
    assert compared >= 8, compared
    assert problems == []
    page.goto("/reporting/reports/glance/?year=2026-27")
    assert _page_rows(page, "oss-gender")[-1] == ["Total", "3", "3"]
    page.goto("/reporting/reports/referrals/?year=2026-27")
    content = page.content()
    assert "Minestudent0" in content and "Theirstudent0" not in content
    assert "Theirs Middle" not in page.locator("main").inner_text()


def test_the_district_account_edits_a_reason_code_from_its_home(
    browser, live_server, district_data
):
    page = _logged_in(browser, live_server, district_data["district"])
    page.locator("#catalog-links").get_by_role("link", name="Reason codes").click()
    page.get_by_role("link", name="3.7", exact=True).click()
    page.fill("#id_title", "Obscenity, profanity or vulgarity (edited)")
    page.locator("input[name=_save]").click()
    assert page.locator(".messagelist .success").count() == 1
    assert ReasonCode.objects.get(code="3.7").title == "Obscenity, profanity or vulgarity (edited)"
