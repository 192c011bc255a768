"""Large exports run as tasks (issue 12, item 3): a list's CSV of more than
``EXPORT_ROWS_IN_REQUEST`` rows is written by a task from the rows the list's own
download writes, with the list's filters and the owner's scope; its page shows
its progress and then the file, or the reason it failed; the file is its owner's."""

import csv
import datetime
import io
import re

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from discipline import services as discipline_services
from discipline.models import Location, ReasonCode
from exports import services, tasks
from exports.models import Export, ExportStatus
from people.models import Role
from tests.conftest import INCIDENT_DAY, codes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _large(settings):
    # Two rows are "large" here, so every list below exports as a task.
    settings.EXPORT_ROWS_IN_REQUEST = 1


def csv_rows(export) -> list[list[str]]:
    with export.file.open("rb") as f:
        body = f.read().decode("utf-8")
    assert body.startswith("\ufeff"), "UTF-8 with a byte-order mark"
    return list(csv.reader(io.StringIO(body[1:])))


def downloaded(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def token(html: str) -> str:
    return re.search(r'name="submission_token" value="([^"]+)"', html).group(1)


def exported(user, kind="referrals", query="status=") -> Export:
    export = services.export_start(owner=user, kind=kind, query=query)
    tasks.run_export.call(export.pk)
    export.refresh_from_db()
    return export


@pytest.fixture
def referrals(make_student, make_referral, other_teacher, other_school):
    """Three referrals at alice's school (two for defiance, one of them by tina),
    one at another school."""
    hers = make_referral(make_student(last_name="Lane"), "3.1a", by=other_teacher)
    mine = make_referral(make_student(first_name="=HYPERLINK(1)"), "3.1a")
    other = make_referral(make_student(), "3.7")
    away_teacher = UserFactory(username="otto", role=Role.TEACHER, schools=[other_school])
    away = discipline_services.referral_create(
        actor=away_teacher,
        student=make_student(at=other_school),
        school=other_school,
        incident_date=INCIDENT_DAY,
        location=Location.objects.first(),
        reasons=codes("3.1a"),
        description="Elsewhere.",
    )
    return {"hers": hers, "mine": mine, "other": other, "away": away}


def test_district_staff_ask_for_a_large_export_and_download_it_with_the_lists_filters(
    client, district, referrals
):
    client.force_login(district)
    defiance = ReasonCode.objects.get(code="3.1a")
    query = f"reason={defiance.pk}&status="
    page = client.get(reverse("discipline:referral-list") + "?" + query).content.decode()
    # Too many rows for the request: the button asks for a task, with the page's filters.
    assert f'action="{reverse("exports:export-create")}"' in page
    assert f'name="query" value="reason={defiance.pk}&amp;status="' in page

    response = client.post(
        reverse("exports:export-create"),
        {"kind": "referrals", "query": query, "submission_token": token(page)},
    )
    export = Export.objects.get()
    assert response.url == reverse("exports:export-detail", args=[export.pk])
    assert export.owner == district and export.status == ExportStatus.DONE

    detail = client.get(response.url).content.decode()
    assert "3 rows written" in detail
    download = client.get(reverse("exports:export-download", args=[export.pk]))
    assert download["Content-Disposition"].startswith('attachment; filename="referrals-')
    table = downloaded(download)
    assert table[0][0] == "Referral"
    ids = {referrals[k].pk for k in ("hers", "mine", "away")}
    assert {int(row[0]) for row in table[1:]} == ids
    # The one CSV writer: a name that a spreadsheet would run is shown as typed.
    names = [row[3] for row in table[1:]]
    assert any(name.startswith("'=HYPERLINK(1)") for name in names)


@pytest.mark.parametrize(
    "who, expected",
    [
        ("teacher", {"mine", "other"}),  # tom's own referrals
        ("admin", {"hers", "mine", "other"}),  # alice's school
        ("district", {"hers", "mine", "other", "away"}),  # every school
    ],
)
def test_the_task_writes_the_owners_scope_only(request, referrals, who, expected):
    export = exported(request.getfixturevalue(who))
    assert export.status == ExportStatus.DONE
    rows = csv_rows(export)
    assert {int(row[0]) for row in rows[1:]} == {referrals[k].pk for k in expected}
    assert export.done == export.total == len(expected)


def test_interventions_export_as_a_task(support, student, record_intervention):
    first = record_intervention(student, tier=2)
    second = record_intervention(student, tier=3)
    export = exported(support, kind="interventions", query="tier=3")
    rows = csv_rows(export)
    assert rows[0][0] == "Intervention"
    assert [int(row[0]) for row in rows[1:]] == [second.pk]
    assert first.pk != second.pk


def test_progress_is_stored_chunk_by_chunk_and_read_while_it_runs(
    client, district, referrals, monkeypatch
):
    monkeypatch.setattr("people.exports.CHUNK", 2)
    seen = []
    export = services.export_start(owner=district, kind="referrals", query="status=")
    services.export_write(export, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 4), (2, 4), (4, 4)]

    # While a worker runs it, the page's status reads the progress the task keeps.
    running = services.export_start(owner=district, kind="referrals", query="")
    Export.objects.filter(pk=running.pk).update(status=ExportStatus.RUNNING)
    caches["progress"].set(tasks.progress_key(running.pk), (2, 4), 60)
    client.force_login(district)
    status = client.get(reverse("exports:export-status", args=[running.pk])).json()
    assert status == {"status": "running", "done": 2, "total": 4, "error": ""}
    page = client.get(reverse("exports:export-detail", args=[running.pk])).content.decode()
    assert "Rows written: 2 of 4" in page
    caches["progress"].delete(tasks.progress_key(running.pk))


def test_a_queued_export_says_it_waits_for_a_worker(client, district, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(district)
    response = client.post(reverse("exports:export-create"), {"kind": "referrals", "query": ""})
    page = client.get(response.url).content.decode()
    assert "Waiting for a worker" in page and 'id="export-progress"' in page


def test_a_failure_is_recorded_with_its_reason_and_shown(client, district, referrals, monkeypatch):
    def full(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr("exports.services.write_table", full)
    client.force_login(district)
    response = client.post(reverse("exports:export-create"), {"kind": "referrals", "query": ""})
    export = Export.objects.get()
    assert export.status == ExportStatus.FAILED
    assert export.error == "OSError: No space left on device"
    page = client.get(response.url).content.decode()
    assert "The export failed: OSError: No space left on device" in page
    assert client.get(reverse("exports:export-download", args=[export.pk])).status_code == 404
    assert client.get(reverse("exports:export-status", args=[export.pk])).json()["error"]


def test_an_export_fails_if_the_owners_scope_changed_before_it_ran(admin, other_school, referrals):
    export = services.export_start(owner=admin, kind="referrals", query="status=")
    admin.schools.set([other_school])
    with pytest.raises(services.ScopeChanged):
        tasks.run_export.call(export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert "ask for it again" in export.error
    assert not export.file


def test_only_the_owner_reaches_an_export_others_get_404(
    client, admin, district, other_admin, teacher, referrals
):
    export = exported(admin)
    urls = [
        reverse(f"exports:{name}", args=[export.pk])
        for name in ("export-detail", "export-status", "export-download")
    ]
    client.force_login(admin)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    steward = UserFactory(username="steward", role=Role.DISTRICT, is_superuser=True)
    for someone in (district, other_admin, teacher, steward):
        client.force_login(someone)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404], someone
    # The owner's index lists it; nobody else's does.
    assert (
        f"/exports/{export.pk}/" not in client.get(reverse("exports:export-index")).content.decode()
    )


def test_a_file_is_no_longer_the_owners_once_their_scope_changed(
    client, admin, other_school, referrals
):
    export = exported(admin)
    admin.schools.set([other_school])
    client.force_login(admin)
    assert client.get(reverse("exports:export-download", args=[export.pk])).status_code == 404


def test_small_exports_download_in_the_request_as_before(client, admin, referrals, settings):
    settings.EXPORT_ROWS_IN_REQUEST = 100
    client.force_login(admin)
    page = client.get(reverse("discipline:referral-list")).content.decode()
    assert 'id="queue-csv"' in page and reverse("exports:export-create") not in page
    response = client.get(reverse("discipline:referral-list-csv"), {"status": ""})
    assert response["Content-Type"].startswith("text/csv")
    assert not Export.objects.exists()


def test_a_link_to_a_large_download_sends_the_user_to_the_list_to_export_it(
    client, admin, referrals
):
    client.force_login(admin)
    response = client.get(reverse("discipline:referral-list-csv"), {"status": ""})
    assert response.status_code == 302
    assert response.url == reverse("discipline:referral-list") + "?status="
    page = client.get(response.url).content.decode()
    assert "3 rows are too many to download at once" in page
    assert not Export.objects.exists()


def test_invalid_filters_are_refused_with_a_message(client, admin):
    client.force_login(admin)
    response = client.post(
        reverse("exports:export-create"), {"kind": "referrals", "query": "grade=99"}, follow=True
    )
    assert "These filters are not valid" in response.content.decode()
    response = client.post(
        reverse("exports:export-create"), {"kind": "students", "query": ""}, follow=True
    )
    assert response.status_code == 200
    assert not Export.objects.exists()


def test_the_same_button_posted_twice_exports_once(client, admin, referrals):
    client.force_login(admin)
    post = {"kind": "referrals", "query": "", "submission_token": "a1b2c3"}
    first = client.post(reverse("exports:export-create"), post)
    second = client.post(reverse("exports:export-create"), post)
    assert first.url == second.url and Export.objects.count() == 1


def test_old_files_are_deleted_by_the_next_export_and_by_the_command(admin, referrals, settings):
    from django.core.management import call_command

    settings.EXPORTS_KEEP_HOURS = 24
    old = exported(admin)
    name = old.file.name
    storage = old.file.storage
    assert storage.exists(name)
    Export.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - datetime.timedelta(hours=25)
    )
    new = exported(admin)  # the next export prunes
    old.refresh_from_db()
    assert old.status == ExportStatus.EXPIRED and not old.file
    assert not storage.exists(name)
    assert new.status == ExportStatus.DONE and storage.exists(new.file.name)

    Export.objects.filter(pk=new.pk).update(
        finished_at=timezone.now() - datetime.timedelta(hours=25)
    )
    out = io.StringIO()
    call_command("prune_exports", stdout=out)
    assert "1 export file(s) deleted" in out.getvalue()
    assert not storage.exists(new.file.name)


def test_the_measuring_command_runs_the_same_task(district, referrals):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("export_list", "dana", "referrals", "status=", stdout=out)
    assert "4 rows in" in out.getvalue()
    assert Export.objects.get().status == ExportStatus.DONE


def test_hostile_filters_in_the_export_button_never_make_a_server_error(client, admin):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.security.test_fuzz import NASTY

    client.force_login(admin)
    client.raise_request_exception = False
    parameters = st.sampled_from(["status", "reason", "grade", "q", "overdue", "sort", "x"])
    queries = st.one_of(
        st.sampled_from(NASTY),
        st.text(max_size=300),
        st.lists(st.tuples(parameters, st.sampled_from(NASTY) | st.text(max_size=20))).map(
            lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)
        ),
        st.just("&" * 1999),
    )

    @settings(
        max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(kind=st.sampled_from(["referrals", "interventions"]), query=queries)
    def post(kind, query):
        response = client.post(reverse("exports:export-create"), {"kind": kind, "query": query})
        assert response.status_code < 500, query

    post()
