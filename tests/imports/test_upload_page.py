"""The upload page: district staff only, a dry run first (a task), its report,
then the real run; a failed run shows its reason."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from discipline.models import Referral
from imports.models import ImportRun, ImportStatus
from tests.imports.test_sis_import import files  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def upload(client, name, data):
    return client.post(
        reverse("imports:import-index"), {"file": SimpleUploadedFile(name, data)}, follow=True
    )


def zipped(files):  # noqa: F811
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_district_staff_check_a_file_then_import_it(client, district, files):  # noqa: F811
    client.force_login(district)

    page = upload(client, "sis.zip", zipped(files))

    dry = ImportRun.objects.get()
    assert dry.dry_run and dry.status == ImportStatus.DONE
    assert b"Every row passed the rules. Nothing is saved yet." in page.content
    assert b"Would be created" in page.content
    assert not Referral.objects.exists()

    page = client.post(reverse("imports:import-run", args=[dry.pk]), follow=True)

    real = ImportRun.objects.get(dry_run=False)
    assert real.dry_run_of == dry and real.report["committed"]
    assert b"Saved: every row passed the rules." in page.content
    assert Referral.objects.count() == 1
    again = client.post(reverse("imports:import-run", args=[dry.pk]), follow=True)
    assert b"cannot be imported" in again.content and ImportRun.objects.count() == 2


def test_refused_rows_are_listed_and_cannot_be_imported(client, district, files):  # noqa: F811
    client.force_login(district)
    files[4] = ("suspensions.csv", files[4][1].replace(b",2,10/05/2026", b",9,10/05/2026"))

    page = upload(client, "sis.zip", zipped(files))

    run = ImportRun.objects.get()
    content = page.content.decode()
    assert run.report["errors"] and "refused; nothing was saved" in content
    assert (
        'id="import-errors"' in content and "<td>school_days</td>" in content and "DAYS5" in content
    )
    assert "import-for-real" not in content


def test_a_failed_run_shows_its_reason(client, district, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("imports.tasks.run_import", boom)
    client.force_login(district)

    page = upload(client, "students.csv", b"student_id\n1\n")

    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED
    assert "RuntimeError: the disk is full" in page.content.decode()


def test_a_file_that_is_not_csv_or_zip_is_refused_with_a_message(client, district):
    client.force_login(district)
    page = upload(client, "notes.txt", b"hello")
    assert "Upload a .csv or a .zip file." in page.content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("who", ["admin", "teacher", "support"])
def test_school_staff_get_404_on_the_import_pages(client, request, district, who):
    run = ImportRun.objects.create(started_by=district, file_name="x.csv", content=b"")
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("imports:import-index"),
        reverse("imports:import-detail", args=[run.pk]),
        reverse("imports:import-status", args=[run.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("imports:import-run", args=[run.pk])).status_code == 404


def test_the_status_answers_the_live_progress_of_a_running_import(client, district):
    from django.core.cache import caches

    from imports.tasks import progress_key

    run = ImportRun.objects.create(
        started_by=district, file_name="x.csv", content=b"", status=ImportStatus.RUNNING
    )
    caches["progress"].set(progress_key(run.pk), (300, 1000, "read"))
    client.force_login(district)

    status = client.get(reverse("imports:import-status", args=[run.pk])).json()
    page = client.get(reverse("imports:import-detail", args=[run.pk])).content.decode()

    assert status == {"status": "running", "done": 300, "total": 1000, "phase": "read", "error": ""}
    assert 'max="1000" value="300"' in page and "Reading rows: 300 of 1000" in page
