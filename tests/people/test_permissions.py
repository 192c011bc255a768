"""The named permissions (people/permissions.py): one answer per role and scope."""

import pytest

from people.permissions import PERMISSIONS

pytestmark = pytest.mark.django_db


def test_every_named_permission_is_registered_with_django(admin):
    # Asking an unknown name would silently answer False; each name must resolve.
    import rules

    for name in PERMISSIONS:
        assert rules.perm_exists(name), name


@pytest.mark.parametrize(
    ("user_fixture", "allowed"),
    [("teacher", False), ("support", False), ("admin", True), ("district", False)],
)
def test_only_a_school_administrator_records_outcomes(request, user_fixture, allowed):
    user = request.getfixturevalue(user_fixture)
    assert user.has_perm("discipline.record_outcome") is allowed


def test_outcome_permission_stops_at_the_administrators_schools(
    make_referral, student, admin, other_admin
):
    referral = make_referral(student, "3.2")
    assert admin.has_perm("discipline.record_outcome", referral)
    assert not other_admin.has_perm("discipline.record_outcome", referral)


def test_district_staff_read_students_but_only_publish_and_edit_catalogs(district, student):
    assert district.has_perm("people.view_student", student)
    assert district.has_perm("reporting.publish")
    assert district.has_perm("catalogs.edit")
    assert not district.has_perm("discipline.process_referral")
    assert not district.has_perm("discipline.refer_student", student)


def test_teachers_neither_search_students_nor_publish(teacher):
    assert not teacher.has_perm("people.search_students")
    assert not teacher.has_perm("reporting.publish")
    assert not teacher.has_perm("reporting.view_reports")


def test_support_staff_void_interventions_but_not_referrals(support, make_referral, student):
    referral = make_referral(student, "3.2")
    assert not support.has_perm("discipline.void_record", referral)
