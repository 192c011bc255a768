"""Find a student, and the queue that opens on open referrals (issue 16)."""

import pytest
from django.urls import reverse

from discipline import services

pytestmark = pytest.mark.django_db


def test_an_administrator_finds_a_student_of_their_school_by_name(
    client, admin, make_student, other_school
):
    mine = make_student(first_name="Rosa", last_name="Parkes")
    elsewhere = make_student(first_name="Rosa", last_name="Parkinson", at=other_school)
    client.force_login(admin)
    html = client.get(reverse("discipline:student-find"), {"q": "rosa park"}).content.decode()
    assert reverse("discipline:student-history", args=[mine.pk]) in html
    assert reverse("discipline:student-history", args=[elsewhere.pk]) not in html


def test_students_are_found_by_id_and_grade(client, support, make_student):
    seventh = make_student(grade=7)
    eighth = make_student(grade=8)
    client.force_login(support)
    html = client.get(
        reverse("discipline:student-find"), {"q": seventh.student_id}
    ).content.decode()
    assert seventh.name in html and eighth.name not in html
    html = client.get(reverse("discipline:student-find"), {"grade": "8"}).content.decode()
    assert eighth.name in html and seventh.name not in html


def test_district_staff_filter_by_school(client, district, make_student, other_school):
    here = make_student()
    there = make_student(at=other_school)
    client.force_login(district)
    html = client.get(
        reverse("discipline:student-find"), {"school": str(other_school.pk)}
    ).content.decode()
    assert there.name in html and here.name not in html


def test_teachers_have_no_student_search(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("discipline:student-find")).status_code == 404


def test_a_bad_grade_is_a_message_not_an_error(client, admin):
    client.force_login(admin)
    response = client.get(reverse("discipline:student-find"), {"grade": "99"})
    assert response.status_code == 200
    assert "Some filters are not valid" in response.content.decode()


def test_the_nav_links_to_find_a_student_for_administrators(client, admin):
    client.force_login(admin)
    assert 'id="nav-find-student"' in client.get(reverse("home")).content.decode()


def test_the_queue_opens_on_open_referrals_and_shows_closed_behind_the_filter(
    client, admin, make_student, make_referral
):
    open_one = make_referral(make_student(first_name="Olivia"), "3.1a")
    closed = make_referral(make_student(first_name="Carla"), "3.1a")
    services.referral_close(actor=admin, referral=closed)
    client.force_login(admin)
    url = reverse("discipline:referral-list")
    html = client.get(url).content.decode()
    assert open_one.student.name in html and closed.student.name not in html
    html = client.get(url, {"status": "closed"}).content.decode()
    assert closed.student.name in html and open_one.student.name not in html
    html = client.get(url, {"status": ""}).content.decode()
    assert closed.student.name in html and open_one.student.name in html


def test_the_queue_filters_by_student_name_or_id(client, admin, make_student, make_referral):
    a = make_referral(make_student(first_name="Amir"), "3.1a")
    b = make_referral(make_student(first_name="Bea"), "3.1a")
    client.force_login(admin)
    url = reverse("discipline:referral-list")
    html = client.get(url, {"q": "amir"}).content.decode()
    assert a.student.name in html and b.student.name not in html
    html = client.get(url, {"q": b.student.student_id}).content.decode()
    assert b.student.name in html and a.student.name not in html


def test_the_queue_sorts_by_age_and_pages_keep_the_filters(
    client, admin, make_student, make_referral
):
    import datetime

    old = make_referral(make_student(first_name="Oldest"), "3.1a", day=datetime.date(2026, 9, 8))
    new = make_referral(make_student(first_name="Newest"), "3.1a")
    client.force_login(admin)
    url = reverse("discipline:referral-list")
    html = client.get(url, {"sort": "incident"}).content.decode()
    assert html.index(old.student.name) < html.index(new.student.name)
    html = client.get(url).content.decode()  # newest incident first by default
    assert html.index(new.student.name) < html.index(old.student.name)
    for i in range(51):
        make_referral(make_student(first_name=f"Many{i}"), "3.1a")
    html = client.get(
        reverse("discipline:referral-list"), {"sort": "referred", "q": "many"}
    ).content.decode()
    assert (
        "sort=referred&amp;q=many&amp;page=2" in html
        or "q=many&amp;sort=referred&amp;page=2" in html
    )
