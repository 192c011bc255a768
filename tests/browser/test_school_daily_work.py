"""Issue 16's "Done means", in a real browser: find a student from the home
page, open, export and print the history; process two students of one
incident; alerts by mail to the school's administrator and to the teacher;
the family's email notice in its language with the appeal steps; the school
pages pass axe (no serious or critical) in English and Spanish at 1280 and
390 px without sideways scrolling."""

import csv
import io
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from discipline import services
from discipline.models import AdministrativeAction, Location, Referral
from notifications.models import FamilyNoticeDelivery
from tests.browser.conftest import sweep
from tests.conftest import INCIDENT_DAY, PARENT_CONTACT, codes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

INCIDENT = INCIDENT_DAY.isoformat()


def incident_of_two(teacher, school, make_student):
    return services.referrals_create_for_incident(
        actor=teacher,
        students=[
            make_student(first_name="Ana", last_name="Ibarra"),
            make_student(first_name="Beto", last_name="Ibarra"),
        ],
        school=school,
        incident_date=INCIDENT_DAY,
        referred_on=INCIDENT_DAY,
        location=Location.objects.get(slug="classroom"),
        reasons=codes("3.7"),
        description="Shouted insults across the classroom.",
    )


def test_an_administrator_finds_a_student_from_home_and_exports_and_prints_the_history(
    open_as, admin, make_student, make_referral
):
    student = make_student(first_name="Lucía", last_name="Peña")
    make_referral(student, "3.1a")
    page = open_as(admin)
    page.fill("#home-q", "peña")
    page.click("#home-find-student button[type=submit]")
    page.get_by_role("link", name="Lucía Peña").click()
    expect(page.locator("h1")).to_contain_text("Discipline history: Lucía Peña")

    with page.expect_download() as download_info:
        page.click("text=Export CSV")
    body = open(download_info.value.path(), encoding="utf-8").read()
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0][:2] == ["Date", "Record"] and any(r[1] == "Referral" for r in rows[1:])

    page.click("#history-actions >> text=Print")
    expect(page.locator("h1")).to_contain_text("Lucía Peña")
    expect(page.locator("#history-rows")).to_contain_text("3.1a")
    expect(page.locator("button[data-print]")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("header.no-print")).to_be_hidden()


def test_an_administrator_processes_two_students_of_one_incident(
    open_as, admin, teacher, school, make_student
):
    first, second = incident_of_two(teacher, school, make_student)
    page = open_as(admin)
    page.goto(f"/referrals/{first.pk}/")
    expect(page.locator("#incident")).to_contain_text("Beto Ibarra")
    page.click("#process-incident")
    expect(page.locator("input[name=referrals]:checked")).to_have_count(2)
    page.check("input[name=record][value=administrative-action]")
    page.select_option("#id_action", index=1)
    page.fill("#id_on", INCIDENT)
    page.click("text=Record for each student")
    expect(page).to_have_url(re.compile(rf"/referrals/{first.pk}/$"))
    expect(page.locator("[role=status]").first).to_contain_text("Recorded for")
    assert set(AdministrativeAction.objects.values_list("referral_id", flat=True)) == {
        first.pk,
        second.pk,
    }


def test_a_referral_alerts_the_administrator_and_its_outcome_alerts_the_teacher(
    open_as, admin, teacher, make_student
):
    admin.email, teacher.email = "alice@example.org", "tom@example.org"
    admin.save()
    teacher.save()
    make_student(first_name="Mateo", last_name="Quispe")
    mail.outbox.clear()

    page = open_as(teacher)
    page.click("text=New referral")
    page.fill("#student-query", "Quis")
    page.get_by_role("option", name=re.compile("Mateo Quispe")).click()
    page.fill("#id_incident_date", INCIDENT)
    page.select_option("#id_location", label="Classroom")
    page.check(f"#reason-{codes('3.7')[0].pk}")
    page.fill("#id_description", "Profanity in class.")
    page.click("text=Submit referral")
    expect(page.locator("h1")).to_contain_text("Mateo Quispe")
    referral = Referral.objects.get()
    to_admin = [m for m in mail.outbox if m.to == ["alice@example.org"]]
    assert len(to_admin) == 1 and "Mateo Quispe" in to_admin[0].body

    office = open_as(admin)
    expect(office.locator("#nav-notifications")).to_contain_text("1")
    office.click("#nav-notifications")
    office.get_by_role("link", name=re.compile("Mateo Quispe")).click()
    expect(office).to_have_url(re.compile(rf"/referrals/{referral.pk}/$"))
    office.click("text=Record an administrative action")
    office.select_option("#id_action", index=1)
    office.fill("#id_taken_on", INCIDENT)
    office.click("button:text('Save')")
    expect(office).to_have_url(re.compile(rf"/referrals/{referral.pk}/$"))

    to_teacher = [m for m in mail.outbox if m.to == ["tom@example.org"]]
    assert len(to_teacher) == 1 and f"referral {referral.pk}" in to_teacher[0].body
    page.goto("/notifications/")
    expect(page.locator("#notifications")).to_contain_text(f"Your referral {referral.pk}")


def test_the_familys_email_notice_carries_the_appeal_steps_in_its_language(
    open_as, admin, teacher, school, make_student, give_alternatives
):
    student = make_student(
        first_name="Lucía", last_name="Pérez", home_language="es", family_email="p@example.org"
    )
    give_alternatives(student)
    referral = services.referral_create(
        actor=teacher,
        student=student,
        school=school,
        incident_date=INCIDENT_DAY,
        location=Location.objects.get(slug="classroom"),
        reasons=codes("3.1a"),
        description="Pushed a classmate into the lockers.",
    )
    mail.outbox.clear()
    office = open_as(admin)
    office.goto(f"/referrals/{referral.pk}/record/suspension/")
    office.fill("#id_start_date", INCIDENT)
    office.fill("#id_school_days", "1")
    office.fill("#id_parent_contacted_at", f"{INCIDENT}T15:00")
    office.select_option("#id_parent_contact_method", "phone")
    office.select_option("#id_parent_contact_result", "reached")
    office.click("button:text('Save')")
    expect(office.locator("#notice-deliveries")).to_contain_text("p@example.org")
    family = [m for m in mail.outbox if m.to == ["p@example.org"]]
    assert len(family) == 1
    assert family[0].subject == "Aviso de suspensión: Lucía Pérez"
    assert "Su derecho a apelar esta suspensión" in family[0].body
    assert "Apelación por escrito" in family[0].body
    assert FamilyNoticeDelivery.objects.get().status == "sent"


def school_pages(admin, teacher, support, district, school, make_student, give_alternatives):
    first, second = incident_of_two(teacher, school, make_student)
    # A voided referral on the teacher's home: its row and badge keep 4.5:1.
    services.record_void(actor=admin, record=first, reason="Entered twice.")
    student = make_student(first_name="Lucía", last_name="Pérez", home_language="es")
    give_alternatives(student)
    referral = services.referral_create(
        actor=teacher,
        student=student,
        school=school,
        incident_date=INCIDENT_DAY,
        referred_on=INCIDENT_DAY,
        location=Location.objects.get(slug="classroom"),
        reasons=codes("WD", "3.1a"),
        description="Refused to sit, then pushed a classmate.",
    )
    services.suspension_record(
        actor=admin,
        referral=referral,
        kind="out_of_school",
        start_date=INCIDENT_DAY,
        school_days=1,
        **PARENT_CONTACT,
    )
    intervention = student.interventions.first()
    return {
        admin: [
            "/",
            "/referrals/",
            "/referrals/?status=closed",
            f"/students/?q={student.last_name}",
            f"/students/{student.pk}/",
            f"/students/{student.pk}/print/",
            f"/referrals/{referral.pk}/",
            f"/referrals/{referral.pk}/print/",
            f"/referrals/{second.pk}/incident/",
            "/notifications/",
            "/notifications/preferences/",
        ],
        teacher: ["/", "/referrals/new/", "/referrals/", f"/referrals/{referral.pk}/"],
        support: ["/", f"/interventions/{intervention.pk}/", "/interventions/new/"],
        district: ["/admin/", "/admin/discipline/location/"],
    }


def test_school_pages_pass_axe_in_both_languages_at_desktop_and_phone(
    open_as, admin, teacher, support, district, school, make_student, give_alternatives
):
    visits = school_pages(
        admin, teacher, support, district, school, make_student, give_alternatives
    )
    problems = []
    for user, urls in visits.items():
        problems += sweep(open_as(user), user.username, urls)
    assert not problems, "\n".join(problems)
