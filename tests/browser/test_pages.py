"""The main pages pass an automated accessibility check (axe: no serious or
critical violation) and fit a phone-width screen (390px) without sideways
scrolling. With SCREENSHOTS=1 they are saved to docs/screenshots/."""

import pytest

from discipline import services
from discipline.models import Location
from interventions.models import Intervention
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    screenshot,
    serious_accessibility_violations,
    sweep,
)
from tests.conftest import INCIDENT_DAY, PARENT_CONTACT, codes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def records(teacher, admin, school, make_student, give_alternatives, make_referral):
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
        description="Refused to sit, then pushed a classmate into the lockers.",
    )
    suspension = services.suspension_record(
        actor=admin,
        referral=referral,
        kind="out_of_school",
        start_date=INCIDENT_DAY,
        school_days=2,
        **PARENT_CONTACT,
    )
    make_referral(make_student(first_name="Mateo", last_name="Quispe"), "WD")
    return {
        "referral": referral,
        "suspension": suspension,
        "student": student,
        "intervention": Intervention.objects.filter(student=student).first(),
    }


def pages(records):
    referral, suspension = records["referral"], records["suspension"]
    return {
        "teacher": [
            ("teacher-home", "/"),
            ("referral-form", "/referrals/new/"),
            ("teacher-referral", f"/referrals/{referral.pk}/"),
        ],
        "admin": [
            ("administrator-home", "/"),
            ("referral-queue", "/referrals/?status=open"),
            ("referral-page", f"/referrals/{referral.pk}/"),
            ("suspension-form", f"/referrals/{referral.pk}/record/suspension/"),
            ("suspension", f"/suspensions/{suspension.pk}/"),
            ("parent-notice-es", f"/suspensions/{suspension.pk}/notice/"),
            ("student-history", f"/students/{records['student'].pk}/"),
        ],
        "support": [
            ("support-home", "/"),
            ("intervention-form", f"/interventions/new/?referral={referral.pk}"),
            ("intervention", f"/interventions/{records['intervention'].pk}/"),
        ],
    }


def test_main_pages_are_accessible_and_fit_a_phone(open_as, records, teacher, admin, support):
    users = {"teacher": teacher, "admin": admin, "support": support}
    problems = []
    for role, visits in pages(records).items():
        page = open_as(users[role])
        for name, url in visits:
            page.set_viewport_size(DESKTOP)
            assert page.goto(url).status == 200, url
            problems += [f"{url}: {v}" for v in serious_accessibility_violations(page)]
            screenshot(page, name)
            page.set_viewport_size(PHONE)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{url}: {width}px wide at phone width")
            if name in ("referral-form", "referral-page"):
                problems += [f"{url} (phone): {v}" for v in serious_accessibility_violations(page)]
                screenshot(page, f"{name}-phone")
    assert not problems, "\n".join(problems)


def test_every_page_passes_axe_in_both_languages_at_desktop_and_phone(open_as):
    """Every page of the scope matrix that some role reads (the admin's own
    pages included), read by the first role that may, in English and in
    Spanish, at 1280 and at 390 px: no serious or critical axe violation, and
    nothing wider than the screen."""
    from tests.security.test_scope_matrix import PAGES, ROLES, _url
    from tests.security.world import build_world

    world = build_world()
    # Each role's own home, and the admin's lists and forms beside its index.
    visits = {
        "admin": ["/"],
        "support": ["/"],
        "district": [
            "/admin/discipline/location/",
            f"/admin/discipline/reasoncode/{world['referral'].reasons.first().pk}/change/",
            f"/admin/discipline/referral/{world['referral'].pk}/change/",
            "/admin/people/school/",
        ],
    }
    for name, (spec, answers) in sorted(PAGES.items()):
        downloads = ("-csv", "-pdf", "-status", "-download", "jsi18n")
        if answers.startswith("POST:") or name.endswith(downloads):
            continue
        role = next((r for r, a in zip(ROLES, answers.split(), strict=True) if a == "200"), None)
        if role in (None, "anonymous"):
            continue
        visits.setdefault(role, []).append(_url(name, spec, world))
    problems = []
    for role, urls in visits.items():
        problems += sweep(open_as(world["users"][role]), role, urls, html_only=True)
    assert not problems, "\n".join(problems)
