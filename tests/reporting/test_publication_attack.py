"""The attacker test: no hidden count of a publication can be worked out.

For each publication, the reader's whole linear system (``tests.reporting.attacker``:
every published number of every version and month, every sum that holds) goes to
``reporting.attack.recoverable``, which computes by linear programming the smallest
and largest value each hidden cell could have; a cell whose range is one value has
been recovered. The reader is also granted that no count exceeds a million (a bound
that holds in any district and lets every range close), and every zero of the
months never published.

Run through the real pipeline (services -> publication -> stored cells) on a
demo-like district and on small adversarial cases.
"""

import datetime

import pytest
from django.core.management import call_command

from people.models import School
from reporting import selectors, services
from reporting.metrics import cell_key
from reporting.models import Publication, PublicationStatus
from reporting.suppression import UnsafeTable
from tests.reporting import attacker
from tests.reporting.district import TinyDistrict

D = datetime.date
AUG, SEP, OCT = D(2026, 8, 1), D(2026, 9, 1), D(2026, 10, 1)
CAP = 10**6


def recovered(publications, floor=None):
    return attacker.recoverable(publications, [attacker.truth(publications)], CAP, floor=floor)


def publish(month, **kw):
    return services.publication_publish(month=month, **kw)


def hidden(publication, *parts):
    return publication.cells.get(cell_key(*parts), 0) is None


@pytest.fixture
def t(db):
    return TinyDistrict()


def test_demo_like_district(db):
    """The demo's own generator, small: 10 schools, 200 students, two school years."""
    call_command("seed_demo", schools=10, students=200, quiet=True)
    publications = [publish(m) for m in (AUG, SEP, OCT)]
    assert any(v is None for v in publications[-1].cells.values())
    assert any(v for v in publications[-1].cells.values())
    assert recovered(publications) == []


def test_modular_suppression_refuses_what_it_cannot_prove(db, settings):
    """The modular engine on the same district: each month is either published with
    no count of 1 or more that a reader (granting a hidden count only >= 0) can work
    out, or refused loudly with nothing published. Measured on SQLite: on 2026-12-02
    August was refused; on 2026-12-03 all three months publish, nothing recovered
    (docs/publication.md, "Suppression engines")."""
    settings.REPORTING_SUPPRESSION = "modular"
    call_command("seed_demo", schools=10, students=200, quiet=True)
    publications = []
    for month in (AUG, SEP, OCT):
        try:
            publish(month)
        except UnsafeTable:
            pass
        publication = Publication.objects.get(month=month)
        if publication.status == PublicationStatus.PUBLISHED:
            publications.append(publication)
            costs = publication.data["counts"]["suppression"]
            assert {c["engine"] for c in costs.values()} == {"modular"}
        else:
            assert "suppression could not make the tables safe" in publication.error
            assert not publication.cells
    if publications:
        assert recovered(publications, floor=0.0) == []


def test_a_breakdown_with_a_single_nonzero_cell(t):
    """At Alder 14 Hispanic students and 1 Black student are suspended: the 1 is hidden,
    and since the total (15) is shown, so is the 14; at Birch all 12 are Hispanic, and
    the breakdown's single non-zero cell is the shown total."""
    alder, birch = t.school("Alder", "east", "3001"), t.school("Birch", "east", "3002")
    for s in [*t.students(alder, 14), t.student(alder, race_ethnicity="black")]:
        t.suspension(s, D(2026, 10, 6))
    for s in t.students(birch, 12):
        t.suspension(s, D(2026, 10, 6))
    october = publish(OCT)
    m = "m:2026-10"
    assert october.cells[cell_key("school:3001", m, "oss", "st")] == 15
    assert hidden(october, "school:3001", m, "oss", "st", "race", "black")
    assert hidden(october, "school:3001", m, "oss", "st", "race", "hispanic")
    assert october.cells[cell_key("school:3002", m, "oss", "st", "race", "hispanic")] == 12
    assert recovered([october]) == []


def test_a_school_that_is_its_regions_only_reporter(t):
    """West's only suspensions are Cedar's 5: West's numbers are Cedar's, so they are
    hidden too, and then something of East's, or the District's, is."""
    alder = t.school("Alder", "east", "3101")
    cedar = t.school("Cedar", "west", "3102")
    t.school("Dogwood", "west", "3103")
    for s in t.students(alder, 20):
        t.suspension(s, D(2026, 10, 6))
    for s in t.students(cedar, 5):
        t.suspension(s, D(2026, 10, 6))
    october = publish(OCT)
    m = "m:2026-10"
    assert hidden(october, "school:3102", m, "oss", "ev")
    assert hidden(october, "region:west", m, "oss", "ev")
    assert hidden(october, "region:east", m, "oss", "ev") or hidden(
        october, "district", m, "oss", "ev"
    )
    assert recovered([october]) == []


def test_a_month_equal_to_its_trailing_windows(t):
    """Everything happens in August, the first month with data: August's month, 3
    months and 12 months are the same numbers; then September adds nothing, and its
    3 months equal August's month."""
    alder = t.school("Alder", "east", "3201")
    for s in [*t.students(alder, 11), *t.students(alder, 2, race_ethnicity="black")]:
        t.suspension(s, D(2026, 8, 24))
    august = publish(AUG)
    for w in ("m", "3m", "12m"):
        assert hidden(august, "school:3201", f"{w}:2026-08", "oss", "st", "race", "black")
        assert hidden(august, "school:3201", f"{w}:2026-08", "oss", "st", "race", "hispanic")
    september = publish(SEP)
    assert hidden(september, "school:3201", "3m:2026-09", "oss", "st", "race", "black")
    assert recovered([august]) == []
    assert recovered([august, september]) == []


def test_a_correction_is_a_new_version_that_cannot_be_differenced(t):
    """Version 2 adds a late suspension of a Black student: it keeps every cell version
    1 hid, and a reader holding both versions learns nothing hidden."""
    alder = t.school("Alder", "east", "3301")
    t.school("Birch", "east", "3302")
    black = t.students(alder, 3, race_ethnicity="black")
    for s in [*t.students(alder, 15), *black[:2]]:
        t.suspension(s, D(2026, 10, 6))
    first = publish(OCT)
    truth_before = attacker.truth([first])
    t.suspension(black[2], D(2026, 10, 7))
    second = publish(OCT, note="A suspension entered late.")
    truth_after = attacker.truth([second])
    assert second.version == 2
    assert {k for k, v in first.cells.items() if v is None} <= {
        k for k, v in second.cells.items() if v is None
    }
    assert (
        attacker.recoverable_across_versions(first, second, [], truth_before, truth_after, CAP)
        == []
    )
    # Both versions stay readable, each as published.
    assert Publication.objects.get(pk=first.pk).cells == first.cells


def test_days_lost_of_a_subgroup_of_one_student(t):
    """One student with an IEP lost 5 days among 12 students suspended: the 5 days are
    hidden with the 1 student, ADA lost with them, and the other rows do not give
    them back."""
    alder = t.school("Alder", "east", "3401")
    for s in t.students(alder, 12):
        t.suspension(s, D(2026, 10, 6))
    t.suspension(t.student(alder, disability="iep"), D(2026, 10, 7), days=5)
    october = publish(OCT)
    m = "m:2026-10"
    assert october.cells[cell_key("school:3401", m, "oss", "dy")] == 17
    assert hidden(october, "school:3401", m, "oss", "st", "dis", "iep")
    assert hidden(october, "school:3401", m, "oss", "dy", "dis", "iep")
    assert hidden(october, "school:3401", m, "oss", "dy", "dis", "none")
    unit = selectors.unit_get(october, "school-3401")
    rows = {r.key: r for r in selectors.View(october, unit, "m").breakdowns("oss")[2].rows}
    assert rows["iep"].values["ada"] is None and rows["iep"].values["dy"] is None
    assert recovered([october]) == []


def test_small_district_over_three_months(t):
    """Three schools, events of every kind from August to October, each month
    published in turn: no month, alone or with the others, gives a hidden count away."""
    schools = [t.school(n, r, c) for n, r, c in (("A", "east", "3501"), ("B", "east", "3502"))]
    schools.append(t.school("C", "west", "3503"))
    students = {s.pk: t.students(s, 14) for s in schools}
    for i, school in enumerate(schools):
        group = students[school.pk]
        for j, s in enumerate(group[: 12 - 3 * i]):
            t.suspension(s, D(2026, 8 + j % 3, 24 if j % 3 == 0 else 14), days=1 + j % 2)
        t.transfer(group[-1], D(2026, 9, 8), kind="opportunity", days_lost=2)
        t.contact(group[-2], D(2026, 10, 8), kind="arrest", days_lost=1)
    publications = [publish(m) for m in (AUG, SEP, OCT)]
    assert recovered(publications) == []
    assert School.objects.count() == 3
