from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from discipline import trends
from discipline.selectors import dashboard_get
from people.models import Role


@login_required
def home(request):
    """Each role lands on what that person does first (SPEC section 2)."""
    user = request.user
    template = {
        Role.TEACHER: "people/home_teacher.html",
        Role.SUPPORT: "people/home_support.html",
        Role.ADMINISTRATOR: "people/home_administrator.html",
    }.get(user.role, "people/home_district.html")
    if user.is_superuser:
        template = "people/home_district.html"
    today = timezone.localdate()
    context = {"schools": user.schools.all()}
    context.update(dashboard_get(user=user, today=today))
    if template == "people/home_administrator.html":
        year = context.get("school_year")
        context.update(
            per_day=trends.referrals_per_day_by_month(user, year),
            big_five=trends.big_five(user, year),
            open_by_age=trends.open_referrals_by_age(user, today),
        )
    elif template == "people/home_support.html":
        context.update(
            interventions_by_age=trends.open_interventions_by_age(user, today),
            due_for_follow_up=trends.interventions_due_for_follow_up(user, today)[:50],
            follow_up_every=trends.FOLLOW_UP_EVERY_DAYS,
        )
    return render(request, template, context)
