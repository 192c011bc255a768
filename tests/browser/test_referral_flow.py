"""The issue's "Done means", in a real browser: a teacher refers a student
for willful defiance and 3.1a; the administrator is refused a suspension
(ALT), records a Tier II and a Tier III intervention, and the suspension then
saves; the notice opens in Spanish for a Spanish-speaking family; the teacher
sees the outcome; a second teacher gets 404 on the referral's URL."""

import re

import pytest
from playwright.sync_api import expect

from discipline.models import ReasonCode, Referral, Suspension
from interventions.models import Intervention
from tests.browser.conftest import PHONE, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

INCIDENT = "2026-10-05"


def test_referral_to_resolution(open_as, teacher, other_teacher, admin, make_student):
    student = make_student(first_name="Lucía", last_name="Pérez", home_language="es")
    wd, fight = (ReasonCode.objects.get(code=c) for c in ("WD", "3.1a"))

    # The teacher finds the student as they type and submits the referral.
    page = open_as(teacher)
    page.click("text=New referral")
    page.fill("#student-query", "Pér")
    page.get_by_role("option", name=re.compile("Lucía Pérez")).click()
    expect(page.locator("#student-choices input:checked")).to_have_count(1)
    page.fill("#id_incident_date", INCIDENT)
    page.fill("#id_incident_time", "10:15")
    page.select_option("#id_location", label="Classroom")
    # By keyboard: Tab to a code, Space to tick it.
    for reason in (wd, fight):
        page.focus(f"#reason-{reason.pk}")
        page.keyboard.press("Space")
        expect(page.locator(f"#reason-{reason.pk}")).to_be_checked()
    page.fill("#id_description", "Refused to sit, then pushed a classmate into the lockers.")
    page.click("text=Submit referral")
    expect(page.locator("h1")).to_contain_text("Lucía Pérez")
    referral_url = page.url
    referral = Referral.objects.get()
    assert referral.student == student and sorted(referral.codes()) == ["3.1a", "WD"]

    # The administrator is refused an out-of-school suspension: ALT.
    office = open_as(admin)
    office.goto(referral_url)
    office.click("text=Record a suspension")
    fill_suspension(office)
    office.click("button:text('Save')")
    errors = office.locator("#form-errors")
    expect(errors).to_contain_text("[ALT]")
    expect(errors).to_contain_text("Source:")
    expect(office.locator("#id_school_days")).to_have_value("2")
    assert not Suspension.objects.exists()
    screenshot(office, "suspension-refused-alt")

    # Tier II and Tier III from the Discipline Matrix's suggestions.
    for tier in ("Tier II (selected)", "Tier III (targeted/intensive)"):
        office.goto(referral_url)
        suggestions = office.locator(f"h3:text-is('{tier}') + ul a")
        suggestions.first.click()
        office.fill("#id_started_on", INCIDENT)
        office.click("button:text('Save')")
        expect(office).to_have_url(referral_url)
    assert sorted(Intervention.objects.values_list("tier", flat=True)) == [2, 3]

    # The suspension now saves; its end is computed on the school calendar.
    office.click("text=Record a suspension")
    fill_suspension(office)
    office.click("button:text('Save')")
    expect(office.locator("#end-date")).to_contain_text("Oct. 6, 2026")
    screenshot(office, "suspension-saved")

    # The notice is in Spanish for a Spanish-speaking family.
    office.click("text=Parent notice (print)")
    expect(office.locator("html")).to_have_attribute("lang", "es")
    expect(office.locator("h1")).to_have_text("Aviso de suspensión")
    expect(office.locator("main")).to_contain_text("Su derecho a apelar")
    screenshot(office, "parent-notice-es")

    # The teacher sees what became of the referral, no more.
    page.goto(referral_url)
    expect(page.locator("#outcome")).to_contain_text("Out-of-school suspension")
    expect(page.locator("body")).not_to_contain_text("Oct. 6, 2026")

    # A second teacher gets 404 on the referral's URL.
    stranger = open_as(other_teacher)
    assert stranger.goto(referral_url).status == 404


def fill_suspension(page):
    page.select_option("#id_kind", "out_of_school")
    page.fill("#id_start_date", INCIDENT)
    page.fill("#id_school_days", "2")
    page.fill("#id_parent_contacted_at", f"{INCIDENT}T15:00")
    page.select_option("#id_parent_contact_method", "phone")
    page.select_option("#id_parent_contact_result", "reached")
    expect(page.locator("#id_notice_language")).to_have_value("es")


def test_the_referral_form_works_at_phone_width_with_the_keyboard(open_as, teacher, make_student):
    make_student(first_name="Mateo", last_name="Quispe", grade=2)
    page = open_as(teacher, viewport=PHONE)
    page.goto("/referrals/new/")
    page.fill("#student-query", "Quis")
    expect(page.locator("#student-options [role=option]")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#student-choices input:checked")).to_have_count(1)
    # A second grader: codes for grades 4-12 are no longer offered.
    limited = ReasonCode.objects.get(code="3.9")
    expect(page.locator(f"#reason-{limited.pk}")).to_be_disabled()
    expect(page.locator("#k3-note")).to_be_visible()
    # A code's definition shows when it has focus.
    fight = ReasonCode.objects.get(code="3.1a")
    page.focus(f"#reason-{fight.pk}")
    expect(page.locator(f"#reason-def-{fight.pk}")).to_be_visible()
    page.locator(f"#reason-{fight.pk}").scroll_into_view_if_needed()
    screenshot(page, "referral-form-phone-definition", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_what_is_typed_before_the_picker_script_runs_is_searched(open_as, teacher, make_student):
    """The picker's script is deferred; a teacher who types before it has run
    (a slow connection, a busy machine) still gets the matches."""
    make_student(first_name="Lucía", last_name="Pérez")
    page = open_as(teacher)
    held = []
    page.route("**/student-picker*.js", lambda route: held.append(route))
    page.goto("/referrals/new/", wait_until="commit")
    page.fill("#student-query", "Pér")
    page.wait_for_timeout(400)  # longer than the picker's debounce: no listener yet
    assert held, "the picker script was not requested"
    for route in held:
        route.continue_()
    expect(page.get_by_role("option", name=re.compile("Lucía Pérez"))).to_be_visible()
