"""One's own notifications and which to receive: every signed-in user."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications import services
from notifications.forms import PreferencesForm
from notifications.models import Notification
from people.ids import is_id


@login_required
def notification_list(request):
    notifications = Notification.objects.for_user(request.user)
    page = Paginator(notifications, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "unread": notifications.filter(read_at__isnull=True).count()},
    )


@login_required
@require_POST
def notification_mark_read(request):
    pks = [int(pk) for pk in request.POST.getlist("notification") if is_id(pk)]
    services.notifications_mark_read(user=request.user, pks=pks or None)
    messages.success(request, _("Marked as read."))
    return redirect("notifications:notification-list")


@login_required
def preference_edit(request):
    preferences = services.preferences_get(request.user)
    form = PreferencesForm(request.POST or None, preferences=preferences)
    if request.method == "POST" and form.is_valid():
        services.preferences_update(user=request.user, choices=form.choices())
        messages.success(request, _("Your notification choices are saved."))
        return redirect("notifications:preference-edit")
    return render(request, "notifications/preference_form.html", {"form": form})
