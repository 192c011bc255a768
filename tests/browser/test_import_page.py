"""The upload page in a real browser: district staff upload the SIS files, the
page follows the dry run's progress (run by a worker) and shows its report, then
the real run saves every row."""

import pytest
from django.core.cache import caches
from playwright.sync_api import expect

from discipline.models import Referral
from imports.models import ImportRun, ImportStatus
from imports.tasks import progress_key, run_import_task
from people.models import Role
from tests.browser.conftest import screenshot, serious_accessibility_violations
from tests.factories import UserFactory
from tests.imports.test_sis_import import files  # noqa: F401 - the fixture
from tests.imports.test_upload_page import zipped

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_dry_run_shows_its_progress_then_its_report_then_the_rows_are_saved(
    open_as,
    files,  # noqa: F811
    settings,
    tmp_path,  # noqa: F811
):
    # A queue no worker reads yet: the page shows the run waiting, then moving.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    archive = tmp_path / "sis.zip"
    archive.write_bytes(zipped(files))
    page = open_as(UserFactory(role=Role.DISTRICT))
    page.set_default_timeout(60_000)  # the import's tasks run on a busy machine too
    page.wait_for_url(lambda url: "/accounts/login/" not in url)  # the login has landed
    page.goto("/imports/")
    page.set_input_files("#id_file", str(archive))
    page.click("text=Check the file (dry run)")
    expect(page.locator("#import-progress-label")).to_have_text("Waiting for a worker")
    run = ImportRun.objects.get()

    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.RUNNING)
    caches["progress"].set(progress_key(run.pk), (4, 8, "read"))
    expect(page.locator("#import-progress-label")).to_have_text("Reading rows: 4 of 8")
    expect(page.locator("#import-progress-bar")).to_have_attribute("value", "4")
    assert serious_accessibility_violations(page) == []

    run_import_task.call(run.pk)  # the worker's run
    expect(page.locator("#import-outcome")).to_contain_text("Every row passed the rules")
    expect(page.locator("#import-counts")).to_contain_text("referrals")
    screenshot(page, "import-dry-run")
    assert not Referral.objects.exists()

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    page.click("#import-for-real")
    expect(page.locator("#import-outcome")).to_contain_text("Saved: every row passed the rules")
    assert Referral.objects.count() == 1
