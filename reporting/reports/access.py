"""Who may read and edit what the district reports show, asked in one place
through the named permissions (``people/permissions.py``)."""

from people.models import School


def can_view_reports(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm("reporting.view_reports")


def can_edit_district_data(user) -> bool:
    return (
        user.is_authenticated and user.is_active and user.has_perm("reporting.edit_district_data")
    )


def report_schools(user):
    """The schools whose records a user's reports read: all for district staff,
    their own for a school administrator."""
    return School.objects.for_user(user)


def sees_whole_district(user) -> bool:
    return user.is_district_staff
