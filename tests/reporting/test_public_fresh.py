"""Public pages on a district of their own: a hidden count explained, and the
publish --last step bin/demo runs."""

import datetime
import io

from django.core.management import call_command

from reporting import services
from reporting.models import Publication
from reporting.suppression import MARK
from tests.reporting.district import TinyDistrict

D = datetime.date
SEP, OCT = D(2026, 9, 1), D(2026, 10, 1)


def test_a_hidden_count_says_why_in_words(client, db):
    t = TinyDistrict()
    small = t.school("Small Elementary", "north", code="6101")
    t.school("Other Elementary", "north", code="6102")
    for s in t.students(small, 3):
        t.suspension(s, D(2026, 10, 6), days=1)
    services.publication_publish(month=OCT)
    html = client.get("/public/2026-10/v1/school-6101/?window=m").content.decode()
    assert "Small Elementary: the number of students is not shown" in html
    assert f">{MARK}<" in html


def test_publish_last_publishes_the_complete_months_not_yet_published(db, monkeypatch):
    t = TinyDistrict()
    school = t.school("Alder Middle", "east", code="6201")
    for s in t.students(school, 3):
        t.suspension(s, D(2026, 10, 6), days=1)
    monkeypatch.setattr(
        "reporting.management.commands.publish.timezone.localdate", lambda: D(2026, 11, 15)
    )
    monkeypatch.setattr("reporting.services.timezone.localdate", lambda: D(2026, 11, 15))
    call_command("publish", "--last", "2", stdout=io.StringIO())
    assert sorted(p.month for p in Publication.objects.published()) == [SEP, OCT]
    call_command("publish", "--last", "3", stdout=io.StringIO())
    assert sorted(p.month for p in Publication.objects.published()) == [D(2026, 8, 1), SEP, OCT]
