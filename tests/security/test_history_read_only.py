"""Fault 2 of issue 10: the admin's history pages are read-only for everyone.

django-simple-history's "revert" view saves the posted form whenever the user
may *view* the object; district staff, who only read, un-voided a referral
that way. Every admin with history now refuses a POST to a history page.
"""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from discipline import services
from discipline.models import Referral
from people.admin import ReadOnlyHistoryAdmin
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _form_data(model_admin, request, instance):
    """What the history page's form shows, posted back as it is."""
    form = model_admin.get_form(request, instance)(instance=instance)
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            shown = field.widget.format_value(value)
            if shown is not None:
                data[name] = shown
    return data


@pytest.mark.parametrize("who", ["district", "superuser"])
def test_posting_an_old_version_back_from_the_history_page_does_not_unvoid_a_referral(
    client, rf, student, make_referral, admin, district, who
):
    referral = make_referral(student, "3.1a")
    before_void = referral.history.order_by("history_id").last()
    services.record_void(actor=admin, record=referral, reason="Entered twice.")
    user = district if who == "district" else UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    url = reverse(
        "admin:discipline_referral_simple_history",
        args=[referral.pk, before_void.history_id],
    )
    assert client.get(url).status_code == 200  # the page can be read

    model_admin = admin_site_entry(Referral)
    request = rf.get(url)
    request.user = user
    data = _form_data(model_admin, request, before_void.instance)
    response = client.post(url, data)

    assert response.status_code in (403, 405)
    referral.refresh_from_db()
    assert referral.is_voided


def admin_site_entry(model):
    return admin.site._registry[model]


def test_every_admin_with_history_is_read_only_history():
    with_history = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]
    assert with_history, "no admin keeps history"
    not_read_only = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin)
        and not isinstance(model_admin, ReadOnlyHistoryAdmin)
    ]
    assert not_read_only == []
