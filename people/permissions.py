"""Who may do what, once (SPEC section 2).

Every named permission is a django-rules predicate, asked the same way
everywhere: ``user.has_perm("discipline.record_outcome", referral)`` in views
and services, ``{% has_perm "discipline.record_outcome" user referral as can %}``
or ``perms.discipline.record_outcome`` in templates.

A permission asked without an object answers "may this kind of user ever do
this?"; asked with an object, it also asks whether the object is in the
user's scope for that action (``Model.objects.for_user(user, action)``, the
same scope the views start from). Views still fetch through ``for_user`` and
``get_object_or_404``, so a record outside the user's scope is a 404 (its
existence is not disclosed); the permission decides what may be done with a
record the user can see.
"""

import rules

from people.models import Role
from people.scoping import CHANGE, VIEW


@rules.predicate
def is_teacher(user):
    return user.role == Role.TEACHER and not user.is_superuser


@rules.predicate
def is_support(user):
    return user.role == Role.SUPPORT and not user.is_superuser


@rules.predicate
def is_administrator(user):
    return user.role == Role.ADMINISTRATOR and not user.is_superuser


@rules.predicate
def is_district_staff(user):
    # A superuser is the district's data steward: district staff, plus the admin.
    return user.role == Role.DISTRICT or user.is_superuser


def _in_scope(action):
    @rules.predicate(name=f"in_scope_to_{action}")
    def in_scope(user, obj):
        if obj is None:
            return True
        manager = getattr(type(obj), "objects", None)
        if manager is None or not hasattr(manager, "for_user"):
            return False
        return manager.for_user(user, action).filter(pk=obj.pk).exists()

    return in_scope


may_view = _in_scope(VIEW)
may_change = _in_scope(CHANGE)


@rules.predicate
def may_void(user, obj):
    """Administrators void any record; support staff only what the model allows
    them to void (an intervention recorded in error)."""
    if obj is None:
        return True
    return bool(getattr(obj, "support_may_void", False))


school_staff = is_teacher | is_support | is_administrator
reads_students = is_administrator | is_support | is_district_staff

PERMISSIONS = {
    # people
    "people.view_student": reads_students & may_view,
    "people.search_students": reads_students,
    # discipline
    # Any school staff refers a student of their school (the referral form is
    # everyone's; the scope matrix holds support staff to it too).
    "discipline.refer_student": school_staff & may_view,
    # A teacher's suspension from class (E.C. 48910) of a student they referred.
    "discipline.suspend_from_class": is_teacher & may_view,
    "discipline.view_referral": (school_staff | is_district_staff) & may_view,
    "discipline.process_referral": is_administrator & may_change,
    "discipline.record_outcome": is_administrator & may_change,
    "discipline.void_record": (is_administrator | (is_support & may_void)) & may_change,
    # Outcomes in detail (dates, days, notes), a student's whole history: all
    # but teachers, who see only what became of their referrals (SPEC 2).
    "discipline.view_outcomes": (is_support | is_administrator | is_district_staff) & may_view,
    "discipline.view_record_log": is_district_staff,
    # Enroll at a school: district staff anywhere, an administrator at theirs.
    "discipline.enroll_student": (is_district_staff | is_administrator) & may_view,
    # Lists and filters over every school of the district.
    "people.view_all_schools": is_district_staff,
    # interventions
    "interventions.record_intervention": school_staff & may_view,
    "interventions.record_tier_3": is_support | is_administrator,
    # reporting
    "reporting.view_reports": is_district_staff | is_administrator,
    "reporting.publish": is_district_staff,
    "reporting.edit_district_data": is_district_staff,
    # catalogs (reason codes, checklists, the Matrix, the calendar, the ADA rate)
    "catalogs.edit": is_district_staff,
    # imports from the student information system (schools, students, records)
    "imports.import_records": is_district_staff,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
