"""Who may read and edit what the district reports show, asked in one place.

The named permissions (``reporting.view_reports``, ``reporting.edit_district_data``,
``catalogs.edit``) are answered by ``user.has_perm`` once the permission layer
(``people/permissions.py``) is installed; until then by the role, here only.
"""

from people.models import Role, School


def _perm(user, name):
    from django.conf import settings

    if "rules.permissions.ObjectPermissionBackend" in settings.AUTHENTICATION_BACKENDS:
        return user.has_perm(name)
    return None


def can_view_reports(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    answer = _perm(user, "reporting.view_reports")
    if answer is not None:
        return answer
    return user.is_district_staff or user.role == Role.ADMINISTRATOR


def can_edit_district_data(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    answer = _perm(user, "reporting.edit_district_data")
    if answer is not None:
        return answer
    return user.is_district_staff


def report_schools(user):
    """The schools whose records a user's reports read: all for district staff,
    their own for a school administrator."""
    return School.objects.for_user(user)


def sees_whole_district(user) -> bool:
    return user.is_district_staff
