"""A large export in a real browser: district staff export the whole queue, the
export's page shows it waiting for a worker, then its rows written, then offers
the file, which downloads with every referral of every school."""

import csv
import io

import pytest
from django.core.cache import caches
from playwright.sync_api import expect

from discipline import services
from discipline.models import Location
from exports.models import Export, ExportStatus
from exports.tasks import progress_key, run_export
from people.models import Role
from tests.browser.conftest import screenshot, serious_accessibility_violations
from tests.conftest import INCIDENT_DAY, codes
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_district_staff_export_the_whole_queue_follow_its_progress_and_download_it(
    open_as, make_student, make_referral, other_school, settings
):
    settings.EXPORT_ROWS_IN_REQUEST = 2  # three referrals are a large export here
    # A queue no worker reads yet: the page shows the export waiting, then moving.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    made = [make_referral(make_student(), "3.1a") for _ in range(2)]
    away = UserFactory(role=Role.TEACHER, schools=[other_school])
    made.append(
        services.referral_create(
            actor=away,
            student=make_student(at=other_school),
            school=other_school,
            incident_date=INCIDENT_DAY,
            location=Location.objects.first(),
            reasons=codes("3.7"),
            description="Elsewhere.",
        )
    )
    page = open_as(UserFactory(role=Role.DISTRICT))
    page.goto("/referrals/?status=")
    expect(page.locator("text=the file is prepared in the background")).to_be_visible()
    page.click("#queue-csv")
    expect(page.locator("#export-progress-label")).to_have_text("Waiting for a worker")
    export = Export.objects.get()
    assert export.query == "status="

    Export.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING)
    caches["progress"].set(progress_key(export.pk), (2, 3), 60)
    expect(page.locator("#export-progress-label")).to_have_text("Rows written: 2 of 3")
    expect(page.locator("#export-progress-bar")).to_have_attribute("value", "2")
    assert serious_accessibility_violations(page) == []

    run_export.call(export.pk)  # the worker's run
    expect(page.locator("#export-outcome")).to_contain_text("3 rows written")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "large-export-done")
    with page.expect_download() as download_info:
        page.click("#export-download")
    download = download_info.value
    assert download.suggested_filename.startswith("referrals-")
    body = open(download.path(), encoding="utf-8").read()
    assert body.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(body[1:])))
    assert {int(row[0]) for row in table[1:]} == {r.pk for r in made}
