"""Notices a family can use (issue 16, item 7)."""

import pytest
from django.urls import reverse

from discipline import services
from tests.conftest import INCIDENT_DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_family(make_student, school):
    school.address = "1234 W. Olympic Blvd, Los Angeles, CA 90006"
    school.phone = "(213) 555-0100"
    school.save()
    return make_student(first_name="Lucía", last_name="Pérez", home_language="es")


def test_the_notice_prints_english_and_spanish_side_by_side_with_address_and_title(
    client, admin, spanish_family, make_referral, suspend, give_alternatives
):
    admin.position = "Assistant principal"
    admin.save()
    give_alternatives(spanish_family)
    suspension = suspend(make_referral(spanish_family, "3.1a"), notice_language="es")
    client.force_login(admin)
    url = reverse("discipline:suspension-notice", args=[suspension.pk])
    html = client.get(url, {"side_by_side": "1"}).content.decode()
    both = html[html.index('id="side-by-side"') :]
    assert '<div lang="en">' in both and '<div lang="es">' in both
    assert "Notice of suspension" in both and "Aviso de suspensión" in both
    assert "Your right to appeal" in both and "Su derecho a apelar" in both
    assert "Teléfono: (213) 555-0100" in both and "Phone: (213) 555-0100" in both
    assert "1234 W. Olympic Blvd" in both
    assert "Subdirector(a)" in both and "Assistant principal" in both
    assert "onclick" not in html and "<style>" not in html


def test_the_family_language_notice_alone_is_in_spanish(
    client, admin, spanish_family, make_referral, suspend, give_alternatives
):
    give_alternatives(spanish_family)
    suspension = suspend(make_referral(spanish_family, "3.1a"), notice_language="es")
    client.force_login(admin)
    html = client.get(reverse("discipline:suspension-notice", args=[suspension.pk])).content
    html = html.decode()
    assert '<html lang="es">' in html and "Notice of suspension" not in html


def test_an_involuntary_transfer_has_a_notice_with_the_appeal_rights(
    client, admin, spanish_family, make_referral
):
    referral = make_referral(spanish_family, "3.1a")
    transfer = services.transfer_record(
        actor=admin, referral=referral, kind="involuntary", effective_date=INCIDENT_DAY
    )
    client.force_login(admin)
    detail = client.get(reverse("discipline:referral-detail", args=[referral.pk])).content
    url = reverse("discipline:outcome-notice", args=["transfer", transfer.pk])
    assert url in detail.decode()
    html = client.get(url).content.decode()
    assert "Aviso de traslado involuntario" in html and "48432.5" in html
    assert "Apelación" in html
    html = client.get(url, {"side_by_side": "1"}).content.decode()
    assert "Notice of involuntary transfer" in html and "Aviso de traslado" in html


def test_a_recommendation_for_expulsion_has_a_notice_with_the_hearing_rights(
    client, admin, make_student, make_referral
):
    referral = make_referral(make_student(), "1.1")
    recommendation = services.expulsion_recommendation_record(
        actor=admin, referral=referral, recommended_on=INCIDENT_DAY
    )
    client.force_login(admin)
    url = reverse("discipline:outcome-notice", args=["expulsion-recommendation", recommendation.pk])
    html = client.get(url).content.decode()
    assert "Notice of recommendation for expulsion" in html
    assert "County Board of Education within 30 days" in html


def test_other_notices_are_for_administrators_in_scope(
    client, teacher, other_admin, make_student, make_referral, admin
):
    referral = make_referral(make_student(), "1.1")
    recommendation = services.expulsion_recommendation_record(
        actor=admin, referral=referral, recommended_on=INCIDENT_DAY
    )
    url = reverse("discipline:outcome-notice", args=["expulsion-recommendation", recommendation.pk])
    for user in (teacher, other_admin):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(admin)
    assert client.get(reverse("discipline:outcome-notice", args=["nothing", 1])).status_code == 404
