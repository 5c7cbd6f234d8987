"""The session engine (tongxin.accounts.sessions): Django's database sessions read together
with the user and their grants in one prepared statement, and what a logged-in trivial POST
costs in statements (issue 12)."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tongxin.accounts.models import Membership, Session

CEILING = "/bench/ceiling/post/"
TOKEN = "floorcsrfsecret0123456789abcdefg"  # an unmasked 32-character CSRF secret

pytestmark = pytest.mark.urls("tongxin.bench.root_urls")  # the ceiling views


def _logged_in(province, persona: str = "student_a") -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(province.people[persona])
    client.cookies["csrftoken"] = TOKEN
    return client


def _post(client: Client, path: str = CEILING):
    return client.post(path, {"csrfmiddlewaretoken": TOKEN, "n": "1"})


def test_the_logged_in_trivial_post_reads_session_and_user_and_writes_nothing(
    province, django_assert_num_queries
):
    """One statement: the session with the user and their grants. No session write, no
    new cookie: the floor every logged-in page stands on (docs/performance.md)."""
    client = _logged_in(province)
    with django_assert_num_queries(1):
        response = _post(client)
    assert response.status_code == 200 and response.content == b"ok 2"
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


def test_the_anonymous_trivial_post_touches_no_table(province, django_assert_num_queries):
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = TOKEN
    with django_assert_num_queries(0):
        response = _post(client, "/bench/ceiling/post/anyone/")
    assert response.content == b"ok anonymous 2"


def test_csrf_is_still_checked(province):
    client = _logged_in(province)
    assert client.post(CEILING, {"csrfmiddlewaretoken": "x" * 32}).status_code == 403


def test_an_expired_session_is_not_read(province):
    client = _logged_in(province)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = _post(client)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_logged_out_session_cannot_be_replayed(province):
    client = _logged_in(province)
    stolen = client.cookies["sessionid"].value
    assert client.post("/accounts/logout/", {"csrfmiddlewaretoken": TOKEN}).status_code == 302
    thief = Client(enforce_csrf_checks=True)
    thief.cookies["sessionid"] = stolen
    thief.cookies["csrftoken"] = TOKEN
    assert _post(thief).status_code == 302  # the deleted row is not read again


def test_a_tampered_session_is_anonymous(province):
    client = _logged_in(province)
    Session.objects.update(session_data="bm90IHNpZ25lZA:bad:signature")
    assert _post(client).status_code == 302


def test_a_password_change_elsewhere_ends_the_session(province):
    client = _logged_in(province)
    student = province.student_a
    student.set_password("a-new-long-password-1")
    student.save(update_fields=["password"])
    assert _post(client).status_code == 302  # Django's session hash check still runs


def test_a_role_ended_shows_on_the_next_request(province):
    client = _logged_in(province, "officer_a")
    assert _post(client, "/bench/ceiling/post/anyone/").content == b"ok user 2"
    Membership.objects.filter(user=province.officer_a).update(
        end=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client.get("/")
    assert response.wsgi_request.user._tongxin_grants == []


def test_the_grants_come_with_the_session(province, django_assert_num_queries):
    """The officer's grants are read in the session's statement: asking them costs nothing."""
    client = _logged_in(province, "officer_a")
    with django_assert_num_queries(1):
        response = _post(client, "/bench/ceiling/post/anyone/")
        grants = response.wsgi_request.user._tongxin_grants
    assert [g.node_id for g in grants] == list(
        Membership.objects.filter(user=province.officer_a)
        .order_by("pk")
        .values_list("node_id", flat=True)
    )


def test_the_session_row_names_its_user(province):
    client = _logged_in(province, "officer_a")
    row = Session.objects.get(session_key=client.cookies["sessionid"].value)
    assert row.user_id == province.officer_a.pk


def test_a_session_row_pointing_at_another_user_logs_in_whom_the_signed_data_names(province):
    """The column only joins; who is logged in is what the signed data says."""
    client = _logged_in(province, "student_a")
    Session.objects.update(user=province.advisor_a)
    response = _post(client, "/bench/ceiling/post/anyone/")
    assert response.wsgi_request.user.pk == province.student_a.pk


def test_a_session_row_without_its_user_column_reads_the_user_by_id(province):
    client = _logged_in(province, "student_a")
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(user=None)  # a row saved before the column
    response = _post(client, "/bench/ceiling/post/anyone/")
    assert response.wsgi_request.user.pk == province.student_a.pk  # read by id instead
