"""Publishing: what is hidden, what is frozen, what a correction keeps."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from people.models import Role, School
from reporting import metrics, selectors, services
from reporting.metrics import cell_key
from reporting.models import Publication, PublicationStatus
from tests.factories import UserFactory
from tests.reporting.conftest import module_data
from tests.reporting.district import TinyDistrict

OCT = datetime.date(2026, 10, 1)
D = datetime.date


def build_district():
    """Two east schools and a west one; Alder has enough out-of-school suspensions
    (17 students) for some numbers to be shown, and small groups inside them."""
    t = TinyDistrict()
    alder = t.school("Alder Middle", "east", code="2001")
    birch = t.school("Birch Middle", "east", code="2002")
    cedar = t.school("Cedar Middle", "west", code="2003")
    hispanic = t.students(alder, 14, race_ethnicity="hispanic")
    black = t.students(alder, 2, race_ethnicity="black", gender="M")
    iep = t.student(alder, race_ethnicity="white", disability="iep")
    t.students(birch, 20)
    west = t.students(cedar, 4, race_ethnicity="asian")
    for s in hispanic + black:
        t.suspension(s, D(2026, 10, 6), days=1)
    t.suspension(iep, D(2026, 10, 7), days=5)
    t.transfer(west[0], D(2026, 10, 8), days_lost=3)
    return t


district_data = module_data(build_district)


@pytest.fixture
def district(district_data, db):
    return district_data


def publish(month=OCT, **kw):
    return services.publication_publish(month=month, **kw)


def test_counts_from_1_to_10_are_never_shown(district):
    cells = publish().cells
    assert cells, "nothing published"
    small = {k: v for k, v in cells.items() if v is not None and 0 < v < 11}
    assert small == {}


def test_a_hidden_count_is_stored_as_none_and_zeros_are_left_out(district):
    cells = publish().cells
    m = "m:2026-10"
    # 17 students at Alder: shown; 2 Black students: hidden, and so is a complement.
    assert cells[cell_key("school:2001", m, "oss", "st")] == 17
    assert cells[cell_key("school:2001", m, "oss", "st", "race", "black")] is None
    hidden_races = [
        c
        for c in ("hispanic", "white", "black")
        if cells[cell_key("school:2001", m, "oss", "st", "race", c)] is None
    ]
    assert len(hidden_races) >= 2
    # Birch had no suspension: nothing listed (read as 0).
    assert cell_key("school:2002", m, "oss", "ev") not in cells


def test_days_lost_are_hidden_with_their_students(district):
    cells = publish().cells
    m = "m:2026-10"
    # The one student with an IEP lost 5 days: the days would give the student away.
    assert cells[cell_key("school:2001", m, "oss", "st", "dis", "iep")] is None
    assert cells[cell_key("school:2001", m, "oss", "dy", "dis", "iep")] is None
    # ... and the other disability rows cannot give the 5 back from the total.
    total = cells[cell_key("school:2001", m, "oss", "dy")]
    others = [
        cells.get(cell_key("school:2001", m, "oss", "dy", "dis", c), 0) for c in ("504", "none")
    ]
    assert total is None or None in others
    for key, value in cells.items():
        c = metrics.Cell.parse(key)
        if c.stat == "dy" and cells.get(c.key(stat="st"), 0) is None:
            assert value is None, key


def test_rates_are_shown_only_next_to_shown_counts_and_11_or_more_enrolled(district):
    publication = publish()
    for group, schools in selectors.units_of(publication):
        for unit in (group, *schools):
            for window in selectors.WINDOWS:
                view = selectors.View(publication, unit, window)
                for table in [view.summary(), *view.breakdowns("oss")]:
                    for row in table.rows:
                        rate = row.values["rate"]
                        if row.values["st"] is None:
                            assert rate is None
                        enrolled = row.values["n"] if "n" in row.values else view.enrolled()
                        if enrolled is None or enrolled < 11:
                            assert rate is None
                        if row.values["dy"] is None:
                            assert row.values["ada"] is None


def test_a_rate_is_students_per_100_enrolled(district):
    publication = publish()
    shown = 0
    for group, schools in selectors.units_of(publication):
        for unit in (group, *schools):
            view = selectors.View(publication, unit, "m")
            for row in view.summary().rows:
                if row.values["rate"] is not None:
                    shown += 1
                    expected = metrics.rate_per_100(row.values["st"], view.enrolled())
                    assert row.values["rate"] == expected
    district_view = selectors.View(publication, selectors.units_of(publication)[0][0], "m")
    # 17 students suspended out of school among 41 enrolled.
    assert district_view.summary().rows[1].values["rate"] == metrics.rate_per_100(17, 41)
    assert str(metrics.rate_per_100(17, 41)) == "41.5"
    assert shown


def test_a_correction_needs_a_note_and_keeps_what_was_hidden(district):
    first = publish()
    with pytest.raises(ValidationError):
        publish()
    # A late entry: one more student at Alder suspended in October.
    student = district.student(School.objects.get(code="2001"), race_ethnicity="filipino")
    district.suspension(student, D(2026, 10, 9), days=2)
    second = publish(note="A suspension entered late.")
    assert second.version == 2
    assert second.note == "A suspension entered late."
    hidden_before = {k for k, v in first.cells.items() if v is None}
    hidden_after = {k for k, v in second.cells.items() if v is None}
    assert hidden_before <= hidden_after
    assert second.cells[cell_key("school:2001", "m:2026-10", "oss", "st")] is None or (
        second.cells[cell_key("school:2001", "m:2026-10", "oss", "st")] == 18
    )
    # Version 1 reads as it was published.
    first.refresh_from_db()
    assert first.cells == Publication.objects.get(pk=first.pk).cells
    assert first.cells[cell_key("school:2001", "m:2026-10", "oss", "st")] == 17


def test_a_published_version_is_frozen(district):
    publication = publish()
    publication.note = "Changed afterwards"
    with pytest.raises(ValidationError):
        publication.save()
    with pytest.raises(ValidationError):
        publication.delete()


def test_only_a_month_that_has_ended_can_be_published(district):
    with pytest.raises(ValidationError):
        services.publication_publish(month=OCT, today=D(2026, 10, 31))
    assert services.publication_publish(month=OCT, today=D(2026, 11, 1)).version == 1


def test_a_failed_run_is_recorded_and_gives_way(district, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "build_publication", broken)
    with pytest.raises(RuntimeError):
        publish()
    failed = Publication.objects.get()
    assert failed.status == PublicationStatus.FAILED
    assert "database went away" in failed.error
    monkeypatch.undo()
    assert publish().version == 1
    assert Publication.objects.get().status == PublicationStatus.PUBLISHED


def test_the_publish_command(district, capsys):
    call_command("publish", "--month", "2026-10")
    assert "Published 2026-10 version 1" in capsys.readouterr().out
    with pytest.raises(CommandError, match="note"):
        call_command("publish", "--month", "2026-10")
    call_command("publish", "--month", "2026-10", "--note", "Recount.")
    assert list(Publication.objects.values_list("version", flat=True)) == [2, 1]
    with pytest.raises(CommandError):
        call_command("publish", "--month", "October")


def test_a_table_that_cannot_be_made_safe_fails_the_publication_with_its_reason(
    district, monkeypatch, client
):
    from reporting.suppression import UnsafeTable

    def unsafe(values, relations, **kwargs):
        raise UnsafeTable(["district|m:2026-10|oss|ev|all|all"], 1)

    monkeypatch.setattr(services, "suppress", unsafe)
    with pytest.raises(UnsafeTable):
        publish()
    failed = Publication.objects.get()
    assert failed.status == PublicationStatus.FAILED
    assert not Publication.objects.published().exists()
    assert failed.data == {}
    assert "could not make the tables safe" in failed.error
    assert "district|m:2026-10|oss|ev|all|all" in failed.error
    # District staff see the failure and its reason on the publication's page.
    client.force_login(UserFactory(role=Role.DISTRICT))
    page = client.get(reverse("reporting:publication-detail", args=[failed.pk]))
    assert "could not make the tables safe" in page.content.decode()
    # The command says why, without a traceback.
    with pytest.raises(CommandError, match="could not make the tables safe"):
        call_command("publish", "--month", "2026-10")
    assert not Publication.objects.published().exists()


def test_publish_last_goes_on_past_a_month_that_cannot_be_made_safe(district, monkeypatch):
    """bin/demo publishes its last three months with --last 3: one month refused loudly
    must not keep the next from being published (each is judged with what is published)."""
    from reporting.management.commands import publish as command
    from reporting.suppression import UnsafeTable

    real = services.suppress
    months = command.last_complete_months(2, datetime.date(2026, 11, 15))
    monkeypatch.setattr(
        command.timezone, "localdate", lambda: datetime.date(2026, 11, 15), raising=True
    )

    def unsafe_in_the_first(values, relations, **kwargs):
        if any(f"|12m:{metrics.month_label(months[0])}|" in key for key in values):
            raise UnsafeTable(["district|m:2026-09|oss|ev|all|all"], 1)
        return real(values, relations, **kwargs)

    monkeypatch.setattr(services, "suppress", unsafe_in_the_first)
    with pytest.raises(CommandError, match="Not published: .*could not make the tables safe"):
        call_command("publish", "--last", "2", stdout=io.StringIO(), stderr=io.StringIO())
    statuses = dict(Publication.objects.values_list("month", "status"))
    assert statuses == {months[0]: PublicationStatus.FAILED, months[1]: PublicationStatus.PUBLISHED}


def test_the_publication_keeps_what_it_shows_per_level_and_window(district, capsys):
    call_command("publish", "--month", "2026-10")
    out = capsys.readouterr().out
    publication = Publication.objects.get()
    levels = publication.data["disclosure"]["levels"]
    assert set(levels) == {"district", "region", "school"}
    school_month = levels["school"]["m"]
    hidden = sum(v is None for k, v in publication.cells.items() if k.startswith("school:"))
    assert school_month["cells"] >= school_month["shown"]
    assert 0 <= school_month["shown_share"] <= 1
    assert hidden > 0 and school_month["shown"] < school_month["cells"]
    assert "school" in out and "shown" in out
    call_command("publication_report", "--month", "2026-10")
    report = capsys.readouterr().out
    assert "narrowest" in report
    assert publication.data["disclosure"]["large_totals_hidden"] >= 0
