"""Row-level scope: one mechanism every view and queryset goes through.

In the spirit of NetBox's ``RestrictedQuerySet.restrict(user, action)``: each
scoped model says, in ``scope_queryset``, which of its rows a user may see or
change; views start from ``Model.objects.for_user(request.user, action)`` and use
``get_object_or_404`` on it, so a record outside the user's scope is a 404 and
its existence is not disclosed (SPEC section 2).
"""

from django.db import models

VIEW = "view"
CHANGE = "change"
ADD = "add"
ACTIONS = (VIEW, ADD, CHANGE)


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user, action=VIEW):
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.model.scope_queryset(self, user, action)


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass


def school_scoped(
    queryset, user, action, *, school_path="school", read_only_roles=(), distinct=False
):
    """Rows whose school is one the user serves.

    District staff read every school and change none (SPEC section 2: they
    read, report and publish; schools keep their own records).
    """
    if user.is_district_staff:
        return queryset if action == VIEW else queryset.none()
    if user.role in read_only_roles and action != VIEW:
        return queryset.none()
    queryset = queryset.filter(**{f"{school_path}__in": user.school_ids})
    # Only a path through a to-many relation (a student's enrollments) can
    # repeat a row; DISTINCT elsewhere would forbid SELECT ... FOR UPDATE.
    return queryset.distinct() if distinct else queryset
