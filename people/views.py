from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from discipline.selectors import dashboard_get
from people.models import Role


@login_required
def home(request):
    """Each role lands on what that person does first (SPEC section 2)."""
    user = request.user
    if user.is_district_staff:
        from reporting.reports.views import district_home

        return district_home(request)
    template = {
        Role.TEACHER: "people/home_teacher.html",
        Role.SUPPORT: "people/home_support.html",
        Role.ADMINISTRATOR: "people/home_administrator.html",
    }.get(user.role, "people/home_district.html")
    if user.is_superuser:
        template = "people/home_district.html"
    context = {"schools": user.schools.all()}
    context.update(dashboard_get(user=user, today=timezone.localdate()))
    return render(request, template, context)
