"""Scope by role and school: one mechanism, for every model."""

import pytest
from django.urls import reverse

from discipline.models import Referral, Suspension
from people.models import Role, School, Student
from tests.factories import EnrollmentFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_teacher_sees_students_of_their_school_only(teacher, student, other_school):
    elsewhere = EnrollmentFactory(school=other_school).student
    visible = Student.objects.for_user(teacher)
    assert student in visible
    assert elsewhere not in visible


def test_district_staff_see_every_school_and_change_none(district, school, other_school):
    assert set(School.objects.for_user(district)) >= {school, other_school}
    assert not School.objects.for_user(district, "change").exists()


def test_anonymous_sees_nothing(school, student):
    from django.contrib.auth.models import AnonymousUser

    assert not Student.objects.for_user(AnonymousUser()).exists()
    assert not School.objects.for_user(None).exists()


def test_an_inactive_account_sees_nothing(teacher, student):
    teacher.is_active = False
    assert not Student.objects.for_user(teacher).exists()


def test_a_teacher_sees_only_their_own_referrals(make_referral, student, teacher, other_teacher):
    mine = make_referral(student, "3.7", by=teacher)
    theirs = make_referral(student, "3.7", by=other_teacher)
    assert list(Referral.objects.for_user(teacher)) == [mine]
    assert theirs in Referral.objects.for_user(other_teacher)


def test_a_teacher_never_sees_suspension_records(
    make_referral, student, teacher, suspend, give_alternatives
):
    give_alternatives(student)
    suspend(make_referral(student, "3.1a", by=teacher))
    assert not Suspension.objects.for_user(teacher).exists()


def test_support_staff_read_referrals_of_their_school_but_change_none(
    make_referral, student, support
):
    referral = make_referral(student, "3.7")
    assert referral in Referral.objects.for_user(support)
    assert not Referral.objects.for_user(support, "change").exists()


def test_an_administrator_of_another_school_sees_nothing_here(make_referral, student, other_admin):
    make_referral(student, "3.7")
    assert not Referral.objects.for_user(other_admin).exists()
    assert not Student.objects.for_user(other_admin).filter(pk=student.pk).exists()


def test_a_student_who_moved_stays_readable_by_the_old_school(student, admin, other_school):
    EnrollmentFactory(student=student, school=other_school)
    assert student in Student.objects.for_user(admin)


def test_scoping_a_student_through_several_enrollments_lists_them_once(student, admin, school):
    EnrollmentFactory(student=student, school=school)
    assert Student.objects.for_user(admin).filter(pk=student.pk).count() == 1


@pytest.mark.parametrize(
    "role,template",
    [
        (Role.TEACHER, "people/home_teacher.html"),
        (Role.SUPPORT, "people/home_support.html"),
        (Role.ADMINISTRATOR, "people/home_administrator.html"),
        (Role.DISTRICT, "reporting/reports/home.html"),
    ],
)
def test_each_role_lands_on_its_own_page(client, school, role, template):
    user = UserFactory(role=role, schools=[school])
    client.force_login(user)
    # District staff are sent on to the district reports' home.
    response = client.get(reverse("home"), follow=True)
    assert response.status_code == 200
    assert template in [t.name for t in response.templates]


def test_every_staff_page_needs_a_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_repeated_failed_logins_are_throttled(client, settings, school):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="victim", schools=[school])
    for _ in range(3):
        client.post(reverse("login"), {"username": "victim", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "victim", "password": "correct horse battery staple"}
    )
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated


def test_a_correct_login_works(client, school):
    UserFactory(username="teacher1", schools=[school])
    response = client.post(
        reverse("login"), {"username": "teacher1", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302


def test_a_second_school_is_a_separate_scope(db, school_year):
    a, b = SchoolFactory(), SchoolFactory()
    teacher_a = UserFactory(role=Role.TEACHER, schools=[a])
    student_b = EnrollmentFactory(school=b).student
    assert not Student.objects.for_user(teacher_a).filter(pk=student_b.pk).exists()
