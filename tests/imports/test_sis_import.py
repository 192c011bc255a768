"""The SIS import: rows judged by the rules, refused with their line, column and
reason, all or nothing, idempotent by external ids, and a round trip of the demo
district."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from discipline.models import Referral, Suspension
from imports.engine import run_import
from imports.export import export_district
from imports.models import ExternalId
from interventions.models import Intervention
from people.models import Enrollment, School, Student, User
from reporting.services import build_publication

pytestmark = pytest.mark.django_db

BOM = "\ufeff"


def csv(*lines):
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def files(school, admin, support):
    """A small, lawful set: a student enrolled at the school, a referral for a
    fight (3.1a, 3.16), Tier II and III interventions, and a suspension."""
    code = school.code
    return [
        (
            "students.csv",
            (
                BOM + "student_id,first_name,last_name,birth_date,gender,race_ethnicity,"
                "disability,home_language\n"
                "777000001,Ana,Reyes,03/14/2013,F,hispanic,none,es\n"
                "777000002,Ben,Cole,2019-05-02,M,white,iep,en\n"
            ).encode(),
        ),
        (
            "enrollments.csv",
            csv(
                "enrollment_id,student_id,school_code,grade,start,end",
                f"E1,777000001,{code},7,08/17/2026,",
                f"E2,777000002,{code},2,2026-08-17,",
            ),
        ),
        (
            "referrals.csv",
            csv(
                "referral_id,student_id,school_code,incident_date,location,reason_codes,"
                "description,referred_by,status",
                f'R1,777000001,{code},10/05/2026,classroom,"3.1a, 3.16",'
                "Pushed another student.,alice,open",
            ),
        ),
        (
            "interventions.csv",
            csv(
                "intervention_id,student_id,school_code,intervention_type,tier,started_on,provider",
                f"I1,777000001,{code},peer-mediation,2,2026-10-01,sam",
                f"I2,777000001,{code},peer-mediation,3,2026-10-02,sam",
            ),
        ),
        (
            "suspensions.csv",
            csv(
                "suspension_id,referral_id,kind,start_date,school_days,parent_contacted_at,"
                "parent_contact_method,parent_contact_result,decided_by",
                "S1,R1,OSS,2026-10-06,2,10/05/2026 15:30,phone,reached,alice",
            ),
        ),
    ]


def counts():
    return (
        Student.objects.count(),
        Enrollment.objects.count(),
        Referral.objects.count(),
        Intervention.objects.count(),
        Suspension.objects.count(),
    )


def test_a_lawful_file_set_is_saved_and_a_second_run_changes_nothing(files, district):
    before = counts()
    first = run_import(files, actor=district, dry_run=False)

    assert first.errors == [] and first.committed
    assert first.created["referrals"] == 1 and first.created["suspensions"] == 1
    suspension = Suspension.objects.get()
    assert suspension.kind == "out_of_school"  # OSS
    assert suspension.school_days == 2 and suspension.end_date == datetime.date(2026, 10, 7)
    assert timezone.is_aware(suspension.parent_contacted_at)
    assert suspension.decided_by.username == "alice"
    referral = Referral.objects.get()
    assert sorted(referral.codes()) == ["3.16", "3.1a"]  # a comma between the codes
    assert referral.referred_on == referral.incident_date == datetime.date(2026, 10, 5)
    assert referral.grade == 7
    after_first = counts()
    assert after_first[2] == before[2] + 1

    second = run_import(files, actor=district, dry_run=False)

    assert second.errors == []
    assert sum(second.created.values()) == 0 and sum(second.changed.values()) == 0
    assert second.unchanged["suspensions"] == 1 and second.unchanged["students"] == 2
    assert counts() == after_first


def test_a_dry_run_says_what_would_be_created_and_saves_nothing(files, district):
    before = counts()
    report = run_import(files, actor=district, dry_run=True)

    assert report.errors == [] and not report.committed
    assert report.created == {
        "students": 2,
        "enrollments": 2,
        "referrals": 1,
        "interventions": 2,
        "suspensions": 1,
    }
    assert counts() == before
    assert not ExternalId.objects.exists()


def test_a_changed_row_is_reported_as_changed(files, district):
    run_import(files, actor=district, dry_run=False)
    files[1] = (
        "enrollments.csv",
        files[1][1].replace(b"2026-08-17,\n", b"2026-08-17,2026-12-18\n"),
    )

    report = run_import(files, actor=district, dry_run=False)

    assert report.errors == [] and report.changed == {"enrollments": 1}
    assert Enrollment.objects.get(student__student_id="777000002").end == datetime.date(
        2026, 12, 18
    )


def errors_by_line(report):
    return {(e.file, e.line, e.column): e for e in report.errors}


def test_malformed_cells_are_refused_with_line_column_and_what_is_accepted(files, district):
    code = School.objects.get(name="Hillside Middle School").code
    files[2] = (
        "referrals.csv",
        csv(
            "referral_id,student_id,school_code,incident_date,location,reason_codes,description",
            f"R1,777000001,{code},10/05/2026,classroom,3.1a,Pushed another student.",
            f"R2,777000001,{code},5 Oct 2026,classroom,3.1a,Bad date.",
            f"R3,777000001,{code},2026-10-05,classroom,3.1a;9.99,Unknown code.",
            f"R4,123,{code},2026-10-05,classroom,3.1a,Unknown student.",
            f"R5,777000001,{code},2026-10-05,the moon,3.1a,Unknown location.",
        ),
    )
    files[4] = (
        "suspensions.csv",
        csv(
            "suspension_id,referral_id,kind,start_date,school_days,parent_contacted_at,"
            "parent_contact_method,parent_contact_result",
            "S1,R1,expelled,2026-10-06,2,2026-10-05 15:30,phone,reached",
            "S2,R1,OSS,2026-10-06,2,2026-10-05 15:30,,reached",
        ),
    )
    before = counts()

    report = run_import(files, actor=district, dry_run=False)

    found = errors_by_line(report)
    assert "YYYY-MM-DD or MM/DD/YYYY" in found[("referrals.csv", 3, "incident_date")].reason
    assert "'9.99' is not a reason code" in found[("referrals.csv", 4, "reason_codes")].reason
    assert "no student with ID '123'" in found[("referrals.csv", 5, "student_id")].reason
    assert "'the moon' is not a location" in found[("referrals.csv", 6, "location")].reason
    assert "out_of_school" in found[("suspensions.csv", 2, "kind")].reason
    assert "required" in found[("suspensions.csv", 3, "parent_contact_method")].reason
    assert not report.committed and counts() == before


def test_a_file_missing_a_column_or_of_no_known_kind_is_refused_whole(district):
    report = run_import(
        [("suspensions.csv", csv("suspension_id,referral_id", "S1,R1")), ("misc.csv", b"a,b\n")],
        actor=district,
    )
    messages = [str(e) for e in report.errors]
    assert any("suspensions.csv line 1, column kind, start_date" in m for m in messages)
    assert any(m.startswith("misc.csv line 1") and "schools.csv" in m for m in messages)


def test_rows_the_rules_refuse_name_the_rule_and_nothing_is_saved(files, district, other_school):
    code = School.objects.get(name="Hillside Middle School").code
    files[2] = (
        "referrals.csv",
        csv(
            "referral_id,student_id,school_code,incident_date,location,reason_codes,"
            "description,status",
            f"R1,777000001,{code},2026-10-05,classroom,3.1a,Fight.,open",
            f"R2,777000001,{code},2026-10-05,classroom,WD,Refused to sit down.,open",
            f"R3,777000002,{code},2026-10-05,classroom,3.13,Harassment.,open",
            f"R4,777000001,{code},2026-10-05,classroom,1.2,Knife.,closed",
            f"R5,777000001,{other_school.code},2026-10-05,classroom,3.7,Wrong school.,open",
        ),
    )
    files[4] = (
        "suspensions.csv",
        csv(
            "suspension_id,referral_id,kind,start_date,school_days,parent_contacted_at,"
            "parent_contact_method,parent_contact_result,decided_by",
            "S1,R1,OSS,2026-10-06,7,2026-10-05 15:30,phone,reached,alice",
            "S2,R2,ISS,2026-10-06,1,2026-10-05 15:30,phone,reached,alice",
        ),
    )
    files[3] = ("interventions.csv", csv(files[3][1].decode().splitlines()[0]))
    before = counts()

    report = run_import(files, actor=district, dry_run=False)

    rules_by_line = {}
    for e in report.errors:
        rules_by_line.setdefault((e.file, e.line), set()).update(e.rules)
    assert {"DAYS5", "ALT"} <= rules_by_line[("suspensions.csv", 2)]
    assert "WD" in rules_by_line[("suspensions.csv", 3)]
    assert "GRADE" in rules_by_line[("referrals.csv", 4)]
    assert "CAT1" in rules_by_line[("referrals.csv", 5)]
    assert "DATES" in rules_by_line[("referrals.csv", 6)]
    days5 = next(e for e in report.errors if "DAYS5" in e.rules)
    assert days5.column == "school_days" and "[DAYS5]" in days5.reason
    assert not report.committed and counts() == before


def test_only_district_staff_may_import_from_the_command(files, tmp_path, admin, district):
    for name, data in files:
        (tmp_path / name).write_bytes(data)
    with pytest.raises(CommandError, match="not an active district staff account"):
        call_command("import_sis", str(tmp_path), actor="alice", quiet=True)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_sis", str(tmp_path), actor="dana", dry_run=True, stdout=out, stderr=err)
    assert "Dry run: nothing was saved." in out.getvalue()
    assert "referrals 1" in out.getvalue()
    assert not Referral.objects.exists()


def test_the_help_lists_the_files_and_the_intervention_types(district):
    out = io.StringIO()
    call_command("import_sis", "x", actor="dana", list_intervention_types=True, stdout=out)
    assert "peer-mediation" in out.getvalue()
    from imports.management.commands.import_sis import Command

    assert "suspensions.csv: suspension_id, referral_id, kind" in Command.help


def test_the_demo_district_round_trips_to_the_same_publication(tmp_path, settings):
    today = timezone.localdate()
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    with transaction.atomic():
        call_command("seed_demo", schools=6, students=150, quiet=True)
        export_district(tmp_path)
        original = build_publication(month)
        transaction.set_rollback(True)
    assert not School.objects.exists()
    importer = User.objects.create(username="importer", role="district")
    files = [(p.name, p.read_bytes()) for p in sorted(tmp_path.glob("*.csv"))]

    report = run_import(files, actor=importer, dry_run=False)

    assert report.errors == [], report.errors[:5]
    again = build_publication(month)
    assert again["cells"] == original["cells"]
    assert again["units"] == original["units"]
    assert Referral.objects.exists() and Suspension.objects.exists()
