"""Writes of enrollments. EXPELLED (BUL-5808.3) is held by Enrollment.save()."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from discipline import rules
from people.models import Enrollment


def enrollment_create(*, actor, student, school, grade: int, start, end=None) -> Enrollment:
    """Enroll a student; an earlier open enrollment ends the day before."""
    if not (actor.is_district_staff or (actor.is_administrator and school.pk in actor.school_ids)):
        raise PermissionDenied("only district staff or the school's administrator enroll")
    with transaction.atomic():
        rules.lock_student(student.pk)
        enrollment = Enrollment(student=student, school=school, grade=grade, start=start, end=end)
        rules.enforce(rules.check_enrollment(enrollment))
        enrollment.full_clean()
        for open_enrollment in Enrollment.objects.filter(
            student=student, end__isnull=True, start__lt=start
        ):
            open_enrollment.end = start - datetime.timedelta(days=1)
            open_enrollment.save()
        enrollment.save()
    return enrollment
