"""The catalogs in Spanish (issue 16, item 10): every entry carries its
Spanish text, and a Spanish render of the referral and intervention forms
shows no English catalog text."""

import html as html_lib
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from discipline.models import (
    AdministrativeActionType,
    CorrectionMeasure,
    Location,
    Motivation,
    ReasonCode,
)
from interventions.models import InterventionType

pytestmark = pytest.mark.django_db

CATALOGS = (Location, Motivation, CorrectionMeasure, AdministrativeActionType, InterventionType)


def spanish(client, user, url):
    client.force_login(user)
    client.cookies["django_language"] = "es"
    response = client.get(url)
    assert response.status_code == 200
    return html_lib.unescape(response.content.decode())


def english_left(page, entries):
    return [text for text in entries if text and text in page]


def test_every_catalog_entry_has_its_spanish_text():
    for model in CATALOGS:
        assert not model.objects.filter(label_es="").exists(), model.__name__
    assert not ReasonCode.objects.filter(definition_es="").exists()


def test_a_catalog_entry_reads_in_the_active_language():
    location = Location.objects.get(slug="classroom")
    with translation.override("es"):
        assert str(location) == "Salón de clases"
    with translation.override("en"):
        assert str(location) == "Classroom"


def test_the_spanish_referral_form_shows_no_english_catalog_text(client, teacher, student):
    page = spanish(client, teacher, reverse("discipline:referral-create"))
    labels = [
        item.label
        for model in (Location, Motivation, CorrectionMeasure)
        for item in model.objects.filter(active=True)
        if item.label != item.label_es
    ]
    assert english_left(page, [f">{label}<" for label in labels]) == []
    definitions = [r.definition[:60] for r in ReasonCode.objects.filter(active=True)]
    assert english_left(page, definitions) == []
    assert "Salón de clases" in page


def test_the_spanish_intervention_form_shows_no_english_catalog_text(client, support, student):
    page = spanish(client, support, reverse("interventions:intervention-create"))
    labels = [
        t.label for t in InterventionType.objects.filter(active=True) if t.label != t.label_es
    ]
    assert english_left(page, [f">{label}<" for label in labels]) == []
    assert "Seguimiento diario o semanal" in page


def test_district_staff_edit_the_spanish_beside_the_english(client, district):
    client.force_login(district)
    response = client.get(reverse("admin:discipline_location_changelist"))
    assert response.status_code == 200
    assert 'name="form-0-label_es"' in response.content.decode()


def test_record_names_and_change_history_read_in_spanish(
    admin, student, make_referral, suspend, give_alternatives
):
    from discipline import selectors, services

    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    suspension = suspend(referral, days=2)
    services.referral_close(actor=admin, referral=referral, admin_notes="Hecho.")
    with translation.override("es"):
        assert "día(s) escolar(es) desde el" in str(suspension)
        assert selectors.record_history(suspension)[0].record == f"Suspensión {suspension.pk}"
        changes = selectors.record_history(referral)
        assert changes[0].record == f"Remisión {referral.pk}"
        fields = [name for change in changes for name, _old, _new in change.changes]
        assert "Estado" in fields
    with translation.override("en"):
        assert str(suspension).startswith("Out-of-school suspension, 2 school day(s) from")


def test_each_spanish_box_in_the_admin_list_is_named_for_its_entry(client, district):
    client.force_login(district)
    html = client.get(reverse("admin:interventions_interventiontype_changelist")).content
    assert 'aria-label="Spanish text of “' in html.decode()


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes outside scripts and styles,
    and the attributes read aloud or shown (title, aria-label, placeholder, alt)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(client, user, url, language):
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200, url
    parser = VisibleText()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def english_catalog_texts():
    """Every catalog row's English text that differs from its Spanish one."""
    texts = []
    for model in CATALOGS:
        texts += [(model.__name__, row.label) for row in model.objects.all()]
        texts = [(m, t) for m, t in texts if t]
    with translation.override("es"):
        for reason in ReasonCode.objects.all():
            if reason.display_title != reason.title:
                texts.append(("ReasonCode title", reason.title))
            if reason.definition_es and reason.definition_es != reason.definition:
                texts.append(("ReasonCode definition", " ".join(reason.definition.split())))
    spanish = {
        row.label for model in CATALOGS for row in model.objects.all() if row.label == row.label_es
    }
    return [(m, t) for m, t in texts if t not in spanish]


def found(page, texts):
    return [
        (model, text)
        for model, text in texts
        if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", page)
    ]


def test_no_english_catalog_text_on_the_spanish_forms_and_pages(
    client, admin, teacher, support, student, make_referral
):
    """Literally: for every catalog row, its English text is nowhere on the
    Spanish page (unless it is its Spanish text too); the same check finds the
    English text on the English page, so it can see it."""
    referral = make_referral(student, "3.1a")
    create_intervention = reverse("interventions:intervention-create")
    pages = [
        (teacher, reverse("discipline:referral-create")),
        (admin, reverse("discipline:referral-create")),
        (admin, reverse("discipline:referral-detail", args=[referral.pk])),
        (admin, reverse("discipline:outcome-create", args=[referral.pk, "administrative-action"])),
        (admin, reverse("discipline:incident-process", args=[referral.pk])),
        (admin, reverse("discipline:referral-print", args=[referral.pk])),
        (support, create_intervention),
        (support, f"{create_intervention}?referral={referral.pk}"),
    ]
    texts = english_catalog_texts()
    assert len(texts) > 150
    for user, url in pages:
        assert found(visible_text(client, user, url, "es"), texts) == [], url
    english_form = visible_text(client, teacher, reverse("discipline:referral-create"), "en")
    seen = {model for model, _text in found(english_form, texts)}
    assert {
        "Location",
        "Motivation",
        "CorrectionMeasure",
        "ReasonCode title",
        "ReasonCode definition",
    } <= seen
    action_form = reverse("discipline:outcome-create", args=[referral.pk, "administrative-action"])
    english_form = visible_text(client, admin, action_form, "en")
    assert "AdministrativeActionType" in {model for model, _text in found(english_form, texts)}
    english_form = visible_text(client, support, create_intervention, "en")
    assert "InterventionType" in {model for model, _text in found(english_form, texts)}


def test_a_new_catalog_entry_is_refused_without_its_spanish_text(client, district):
    client.force_login(district)
    url = reverse("admin:discipline_location_add")
    response = client.post(url, {"slug": "bus", "label": "School bus", "position": "9"})
    assert response.status_code == 200
    assert not Location.objects.filter(slug="bus").exists()
    assert 'name="label_es"' in response.content.decode()
    client.post(
        url,
        {"slug": "bus", "label": "School bus", "label_es": "Autobús escolar", "position": "9"},
    )
    assert Location.objects.get(slug="bus").label_es == "Autobús escolar"


def test_the_spanish_box_of_the_admin_list_cannot_be_emptied(client, district):
    client.force_login(district)
    location = Location.objects.get(slug="classroom")
    rows = list(Location.objects.order_by("position", "label"))
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)),
        "_save": "Save",
    }
    for i, row in enumerate(rows):
        data[f"form-{i}-id"] = str(row.pk)
        data[f"form-{i}-label_es"] = "" if row == location else row.label_es
    client.post(reverse("admin:discipline_location_changelist"), data)
    location.refresh_from_db()
    assert location.label_es == "Salón de clases"


def test_a_reason_code_is_refused_without_its_spanish_definition(client, district):
    client.force_login(district)
    reason = ReasonCode.objects.get(code="3.1a")
    html = client.get(reverse("admin:discipline_reasoncode_change", args=[reason.pk]))
    html = html.content.decode()
    at = html.index('name="definition_es"')
    tag = html[html.rindex("<textarea", 0, at) : html.index(">", at)]
    assert " required" in tag


def test_rule_sources_named_in_english_are_marked_on_the_spanish_page(client, teacher):
    client.force_login(teacher)
    client.cookies["django_language"] = "es"
    html = client.get(reverse("discipline:rule-list")).content.decode()
    assert '<td lang="en">E.C. 48900(k)' in html or html.count('<td lang="en">') > 10
    client.cookies["django_language"] = "en"
    assert '<td lang="en">' not in client.get(reverse("discipline:rule-list")).content.decode()


def test_the_admin_names_its_apps_and_models_in_spanish(client, district):
    from django.contrib import admin as django_admin

    page = visible_text(client, district, reverse("admin:index"), "es")
    assert "Registros de disciplina: administración del distrito" in page
    assert "Códigos de motivo" in page and "Remisiones" in page and "Disciplina" in page
    with translation.override("en"):
        english = {
            str(model._meta.verbose_name_plural).capitalize()
            for model in django_admin.site._registry
            if model._meta.app_label
            in {"people", "discipline", "interventions", "district", "notifications"}
        }
    assert len(english) > 25
    left = [name for name in english if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", page)]
    assert left == []
