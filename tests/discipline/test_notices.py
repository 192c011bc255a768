"""Notices a family can use (issue 16, item 7)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

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


def pdf_text(response):
    assert response.status_code == 200, response.get("Location")
    assert response["Content-Type"] == "application/pdf"
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture
def three_notices(admin, spanish_family, make_referral, suspend, give_alternatives):
    """A suspension, an involuntary transfer and a recommendation for expulsion
    of a Spanish-speaking family, signed by an assistant principal."""
    admin.position = "Assistant principal"
    admin.save()
    give_alternatives(spanish_family)
    suspension = suspend(make_referral(spanish_family, "3.1a"), notice_language="es")
    transfer = services.transfer_record(
        actor=admin,
        referral=make_referral(spanish_family, "3.1a"),
        kind="involuntary",
        effective_date=INCIDENT_DAY,
    )
    recommendation = services.expulsion_recommendation_record(
        actor=admin, referral=make_referral(spanish_family, "1.1"), recommended_on=INCIDENT_DAY
    )
    return {
        "suspension": reverse("discipline:suspension-notice-pdf", args=[suspension.pk]),
        "transfer": reverse("discipline:outcome-notice-pdf", args=["transfer", transfer.pk]),
        "expulsion-recommendation": reverse(
            "discipline:outcome-notice-pdf",
            args=["expulsion-recommendation", recommendation.pk],
        ),
    }


APPEAL = {
    "suspension": ("Your right to appeal this suspension", "Su derecho a apelar esta suspensión"),
    "transfer": ("Your rights", "Sus derechos"),
    "expulsion-recommendation": (
        "County Board of Education within 30 days",
        "Junta de Educación del Condado",
    ),
}


@pytest.mark.parametrize("kind", sorted(APPEAL))
def test_each_notice_downloads_as_a_pdf_in_the_familys_language_with_its_appeal_rights(
    client, admin, three_notices, kind
):
    client.force_login(admin)
    response = client.get(three_notices[kind])
    text = " ".join(pdf_text(response).split())
    english, spanish = APPEAL[kind]
    assert spanish in text and english not in text
    assert "Teléfono: (213) 555-0100" in text and "1234 W. Olympic Blvd" in text
    assert "Subdirector(a)" in text
    assert response["Content-Disposition"].endswith(
        f'{kind}-notice-{response.wsgi_request.resolver_match.kwargs["pk"]}-es.pdf"'
    )


@pytest.mark.parametrize("kind", sorted(APPEAL))
def test_each_notice_pdf_sets_english_beside_the_familys_language(
    client, admin, three_notices, kind
):
    client.force_login(admin)
    response = client.get(three_notices[kind], {"side_by_side": "1"})
    text = " ".join(pdf_text(response).split())
    english, spanish = APPEAL[kind]
    assert english in text and spanish in text
    assert "Phone: (213) 555-0100" in text and "Teléfono: (213) 555-0100" in text
    assert "Assistant principal" in text and "Subdirector(a)" in text
    assert "-en-es.pdf" in response["Content-Disposition"]
    # Block by block: each English heading sits right before its Spanish one.
    assert text.index(english) < text.index(spanish)


def test_a_long_side_by_side_notice_is_not_cut_at_the_page_end(
    client, admin, spanish_family, make_referral
):
    """A notice longer than a page flows on to the next one (a single table row
    taller than a page would be clipped by the PDF writer)."""
    from discipline.models import ReasonCode

    reasons = [r.code for r in ReasonCode.objects.filter(category=3).exclude(code="WD")[:25]]
    referral = make_referral(spanish_family, *reasons)
    transfer = services.transfer_record(
        actor=admin, referral=referral, kind="involuntary", effective_date=INCIDENT_DAY
    )
    client.force_login(admin)
    url = reverse("discipline:outcome-notice-pdf", args=["transfer", transfer.pk])
    response = client.get(url, {"side_by_side": "1"})
    text = " ".join(pdf_text(response).split())
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 2
    assert "Ayuda. Puede pedir ayuda en su idioma" in text
    assert "Help. You may ask for help in your language" in text


def test_the_notice_pages_link_their_pdf_and_the_side_by_side_print(
    client, admin, spanish_family, make_referral, suspend, give_alternatives
):
    give_alternatives(spanish_family)
    suspension = suspend(make_referral(spanish_family, "3.1a"), notice_language="es")
    transfer = services.transfer_record(
        actor=admin,
        referral=make_referral(spanish_family, "3.1a"),
        kind="involuntary",
        effective_date=INCIDENT_DAY,
    )
    client.force_login(admin)
    page = reverse("discipline:suspension-notice", args=[suspension.pk])
    html = client.get(page).content.decode()
    assert f'href="{page}?side_by_side=1"' in html
    html = client.get(page, {"side_by_side": "1"}).content.decode()
    pdf = reverse("discipline:suspension-notice-pdf", args=[suspension.pk])
    assert f'href="{pdf}?side_by_side=1"' in html
    page = reverse("discipline:outcome-notice", args=["transfer", transfer.pk])
    pdf = reverse("discipline:outcome-notice-pdf", args=["transfer", transfer.pk])
    assert f'href="{pdf}"' in client.get(page).content.decode()


def test_other_notice_pdfs_are_for_administrators_in_scope_and_logged(
    client, teacher, other_admin, admin, make_student, make_referral
):
    from discipline.models import StudentRecordView

    student = make_student()
    recommendation = services.expulsion_recommendation_record(
        actor=admin, referral=make_referral(student, "1.1"), recommended_on=INCIDENT_DAY
    )
    url = reverse(
        "discipline:outcome-notice-pdf", args=["expulsion-recommendation", recommendation.pk]
    )
    for user in (teacher, other_admin):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(admin)
    assert client.get(url).status_code == 200
    assert StudentRecordView.objects.filter(student=student, viewer=admin, page=url).exists()
