"""Attacks on accounts (issue 9, items 1–4): each request fails and changes nothing.

Time passing is simulated by moving the stored moments back (the throttle compares them
with the real clock), so no test depends on the day it runs.
"""

import datetime
import re
from unittest import mock

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.db.models import F
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tongxin.accounts import throttle
from tongxin.accounts.models import LoginThrottle, PasswordReset, User
from tongxin.audit.models import AuditEvent
from tongxin.notifications.models import Notification
from tongxin.testing.province import PASSWORD

NEW = "Qz8!long-pass"


def _login(login: str, password: str = PASSWORD, school_code: str = "", ip: str = "10.0.0.9"):
    client = Client(REMOTE_ADDR=ip)
    response = client.post(
        "/accounts/login/", {"school_code": school_code, "login": login, "password": password}
    )
    return response, client


def _earlier(seconds: int, **filters: str) -> None:
    """Pretend `seconds` passed since the stored failures (and blocks) happened."""
    delta = datetime.timedelta(seconds=seconds)
    rows = LoginThrottle.objects.filter(**filters)
    rows.update(
        last_failure_at=F("last_failure_at") - delta, window_start=F("window_start") - delta
    )
    rows.filter(blocked_until__isnull=False).update(blocked_until=F("blocked_until") - delta)


def _just_failed() -> None:
    """Pretend the last failure of every login name happened this very moment, so a test
    that reads the wait does not depend on how fast the machine runs."""
    LoginThrottle.objects.filter(key__startswith="name:").update(last_failure_at=timezone.now())


def _wait_in(response) -> int:
    found = re.search(r"(\d+) (秒|分钟)", response.content.decode())
    assert found, response.content.decode()
    return int(found.group(1)) * (60 if found.group(2) == "分钟" else 1)


# --- 1. activation links reveal no name without a valid token --------------------------


def _uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


@pytest.mark.parametrize("persona", ["student_a", "province_admin"])
def test_activation_page_with_a_wrong_token_is_404_and_names_nobody(province, persona):
    person = province.people[persona]
    client = Client()
    response = client.get(f"/accounts/activate/{_uid(person)}/anything/")
    assert response.status_code == 404
    assert person.real_name not in response.content.decode()
    response = client.post(
        f"/accounts/activate/{_uid(person)}/anything/",
        {"new_password": NEW, "new_password_again": NEW},
    )
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_activation_page_of_an_active_account_is_404_even_with_a_real_token(province):
    """A token made for an account that has a password never opens the page."""
    person = province.student_a
    token = default_token_generator.make_token(person)
    assert Client().get(f"/accounts/activate/{_uid(person)}/{token}/").status_code == 404


def test_activation_check_costs_the_same_for_a_missing_account(province):
    """Constant time: a missing account still costs one token check."""
    with mock.patch.object(
        default_token_generator, "check_token", wraps=default_token_generator.check_token
    ) as checked:
        assert Client().get("/accounts/activate/OTk5OTk5/x-y/").status_code == 404
        assert (
            Client().get(f"/accounts/activate/{_uid(province.student_a)}/x-y/").status_code == 404
        )
    assert checked.call_count == 2


def test_a_valid_activation_link_shows_the_name(province, client_for):
    student = province.student_a
    student.set_unusable_password()
    student.save()
    response = client_for("advisor_a").post(
        f"/accounts/people/{student.pk}/activation/", follow=True
    )
    message = next(iter(response.context["messages"])).message
    link = message[message.index("/accounts/activate/") :]
    page = Client().get(link)
    assert page.status_code == 200 and "激活账号：张同学" in page.content.decode()


# --- 2. no silent take-over of an active account ---------------------------------------


def test_activation_link_for_an_active_account_is_refused(province, client_for):
    student = province.student_a
    response = client_for("advisor_a").post(
        f"/accounts/people/{student.pk}/activation/", follow=True
    )
    message = next(iter(response.context["messages"])).message
    assert "/accounts/activate/" not in message and "已激活" in message
    assert not AuditEvent.objects.filter(action="accounts.user.activation_issued").exists()
    student.refresh_from_db()
    assert student.check_password(PASSWORD)


def test_a_reset_needs_a_reason_and_changes_nothing_without_one(province, client_for):
    student_client = client_for("student_a")
    response = client_for("advisor_a").post(
        f"/accounts/people/{province.student_a.pk}/reset/", {"reason": "  "}
    )
    assert response.status_code == 200 and "重置理由" in response.content.decode()
    assert not PasswordReset.objects.exists() and not Notification.objects.exists()
    assert student_client.get("/").status_code == 200  # still logged in


def _reset(client: Client, person: User, reason: str = "本人到办公室说明忘记密码") -> str:
    response = client.post(f"/accounts/people/{person.pk}/reset/", {"reason": reason}, follow=True)
    message = next(iter(response.context["messages"])).message
    return message[message.index("/accounts/reset/") :]


def test_a_reset_is_audited_told_ends_sessions_and_works_once(
    province, client_for, django_capture_on_commit_callbacks
):
    student = province.student_a
    User.objects.filter(pk=student.pk).update(email="zhang@example.edu")
    student_client = client_for("student_a")
    with django_capture_on_commit_callbacks(execute=True):
        link = _reset(client_for("advisor_a"), student)
    # Audited with the reason, by the advisor acting as advisor.
    event = AuditEvent.objects.get(action="accounts.user.password_reset_issued")
    assert event.actor == province.advisor_a and event.data["reason"] == "本人到办公室说明忘记密码"
    assert event.acting_role == "advisor"
    # Told at once, in the app and by e-mail.
    note = Notification.objects.get(recipient=student)
    assert "褚老师" in note.title and note.url == "/accounts/security/"
    assert [m.to for m in mail.outbox] == [["zhang@example.edu"]]
    # Every session of the student ended.
    assert student_client.get("/").status_code == 302
    # 24 hours, and used once.
    reset = PasswordReset.objects.get()
    assert reset.expires_at - reset.created_at == datetime.timedelta(hours=24)
    anonymous = Client()
    assert anonymous.get(link).status_code == 200
    response = anonymous.post(link, {"new_password": NEW, "new_password_again": NEW})
    assert response.status_code == 302
    assert _login("2024001", NEW, school_code="TA01")[0].status_code == 302
    assert anonymous.get(link).status_code == 404
    again = anonymous.post(link, {"new_password": "Other!pass-77", "new_password_again": "x"})
    assert again.status_code == 404
    student.refresh_from_db()
    assert student.check_password(NEW)


def _api_status(raw: str) -> int:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def test_a_reset_revokes_the_persons_api_tokens(province, client_for):
    """Someone who knew the old password and made a token loses API access with the reset."""
    raw = client_for("officer_a").post("/accounts/tokens/", {"name": "脚本"}).context["new_token"]
    assert _api_status(raw) == 200
    _reset(client_for("advisor_a"), province.officer_a)
    assert _api_status(raw) == 401
    assert province.officer_a.api_tokens.get().revoked_at is not None
    event = AuditEvent.objects.get(action="accounts.user.password_reset_issued")
    assert event.data["tokens_revoked"] == 1


def test_changing_ones_password_revokes_ones_api_tokens(province, client_for):
    client = client_for("officer_a")
    raw = client.post("/accounts/tokens/", {"name": "脚本"}).context["new_token"]
    other = client_for("officer_b").post("/accounts/tokens/", {"name": "b"}).context["new_token"]
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password": NEW, "new_password_again": NEW},
    )
    assert response.status_code == 302
    assert _api_status(raw) == 401 and _api_status(other) == 200
    event = AuditEvent.objects.get(action="accounts.user.password_changed")
    assert event.data["tokens_revoked"] == 1


def test_the_students_own_login_cancels_a_reset_link(province, client_for):
    link = _reset(client_for("advisor_a"), province.student_a)
    # The student did not ask for it; the old password still works and kills the link.
    assert _login("2024001", school_code="TA01")[0].status_code == 302
    assert Client().get(link).status_code == 404
    response = Client().post(link, {"new_password": NEW, "new_password_again": NEW})
    assert response.status_code == 404
    assert User.objects.get(pk=province.student_a.pk).check_password(PASSWORD)


@pytest.mark.parametrize(
    "cancel", ["newer_reset", "newer_reset_same_moment", "own_login", "expired"]
)
def test_a_link_cancelled_between_the_look_and_the_lock_sets_nothing(province, client_for, cancel):
    """The race: the link was live when first read, then cancelled before the locked
    re-read. The stale first read is replayed; the locked re-read must refuse."""
    from tongxin.accounts import services
    from tongxin.core.errors import DomainError

    advisor = client_for("advisor_a")
    link = _reset(advisor, province.student_a)
    raw = link.removeprefix("/accounts/reset/").strip("/")
    stale = services.password_reset_for(raw)
    assert stale is not None
    if cancel.startswith("newer_reset"):
        _reset(advisor, province.student_a, "第二次")
        if cancel == "newer_reset_same_moment":  # its expiry of the old link did not land
            PasswordReset.objects.filter(pk=stale.pk).update(expires_at=stale.expires_at)
    elif cancel == "own_login":
        User.objects.filter(pk=province.student_a.pk).update(last_login=timezone.now())
    else:
        PasswordReset.objects.filter(pk=stale.pk).update(expires_at=timezone.now())
    with (
        mock.patch.object(services, "password_reset_for", return_value=stale),
        pytest.raises(DomainError),
    ):
        services.password_reset_complete(raw=raw, new_password=NEW)
    assert User.objects.get(pk=province.student_a.pk).check_password(PASSWORD)
    assert not PasswordReset.objects.filter(used_at__isnull=False).exists()


def test_a_reset_link_expires_after_a_day(province, client_for):
    link = _reset(client_for("advisor_a"), province.student_a)
    PasswordReset.objects.update(
        created_at=F("created_at") - datetime.timedelta(hours=24, seconds=1),
        expires_at=F("expires_at") - datetime.timedelta(hours=24, seconds=1),
    )
    assert Client().get(link).status_code == 404


def test_a_new_reset_ends_the_previous_link(province, client_for):
    advisor = client_for("advisor_a")
    first = _reset(advisor, province.student_a)
    second = _reset(advisor, province.student_a, "第二次")
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200


def test_the_security_page_lists_every_reset_with_who_and_why(province, client_for):
    _reset(client_for("advisor_a"), province.student_a, "本人请求")
    province.student_a.refresh_from_db()  # the reset ended her sessions: log in anew
    page = client_for("student_a").get("/accounts/security/").content.decode()
    assert "褚老师" in page and "本人请求" in page
    assert "从未被他人重置" in client_for("officer_a").get("/accounts/security/").content.decode()


@pytest.mark.parametrize(
    ("persona", "status"), [("secretary_a1", 403), ("student_a", 403), ("advisor_b", 404)]
)
def test_only_the_advisor_resets_and_never_their_own(province, client_for, persona, status):
    response = client_for(persona).post(
        f"/accounts/people/{province.student_a.pk}/reset/", {"reason": "想看看"}
    )
    assert response.status_code == status
    own = client_for("advisor_a").post(
        f"/accounts/people/{province.advisor_a.pk}/reset/", {"reason": "自己"}
    )
    assert own.status_code == 403
    assert not PasswordReset.objects.exists()


# --- 3. delays instead of locks; 4. counters with explicit expiry ---------------------


def test_delays_grow_from_one_second_up_to_the_maximum():
    assert [throttle.delay_after(n) for n in range(4, 13)] == [0, 1, 2, 4, 8, 16, 32, 60, 60]
    assert throttle.delay_after(10_000) == 60


def test_after_five_failures_the_right_password_waits_then_works(province):
    for _ in range(5):
        response, _client = _login("2024001", "nope", school_code="TA01")
        assert "密码不正确" in response.content.decode()
    _just_failed()
    response, _client = _login("2024001", school_code="TA01")
    assert response.status_code == 200 and _wait_in(response) == 1
    assert "请等待 1 秒后再试" in response.content.decode()
    _earlier(1)
    response, _client = _login("2024001", school_code="TA01")
    assert response.status_code == 302
    assert not LoginThrottle.objects.filter(key__startswith="name:").exists()


def test_refused_attempts_do_not_lengthen_the_delay(province):
    for _ in range(6):
        _login("2024001", "nope", school_code="TA01")
        _earlier(60)
    for _ in range(5):
        _just_failed()  # the sixth failure just happened: 2 s
        response, _client = _login("2024001", school_code="TA01")
        assert _wait_in(response) == 2
    assert LoginThrottle.objects.get(key="name:TA01:2024001|10.0.0.9").failures == 6


def test_a_lower_case_school_code_is_the_same_login_and_is_audited(province):
    for _ in range(5):
        _login("2024001", "nope", school_code="ta01")
    event = AuditEvent.objects.get(action="accounts.user.login_throttled")
    assert event.target_id == str(province.student_a.pk)
    _just_failed()
    response, _client = _login("2024001", school_code=" TA01 ")
    assert _wait_in(response) == 1  # the same counter, whatever the case
    _earlier(1)
    assert _login("2024001", school_code="ta01")[0].status_code == 302


def test_a_delayed_name_does_not_touch_other_people(province):
    for _ in range(8):
        _login("2024001", "nope", school_code="TA01")
    assert _login("2024002", school_code="TA01")[0].status_code == 302


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=10)
def test_an_address_with_many_failures_is_blocked_for_everyone_there_only(province):
    for n in range(10):
        _login(f"nobody{n}", "nope", ip="203.0.113.5")
    response, _client = _login("2024002", school_code="TA01", ip="203.0.113.5")
    assert response.status_code == 200 and "网络地址" in response.content.decode()
    assert 890 <= _wait_in(response) <= 900
    assert _login("2024002", school_code="TA01", ip="198.51.100.7")[0].status_code == 302


def test_nobody_locks_the_federation_admin_out_from_outside(province):
    attacker = "203.0.113.66"
    waits = []
    for _ in range(55):  # hammering: 5 checked guesses, then refusals, then the block
        response, _client = _login("admin", "guess", ip=attacker)
        if "请等待" in response.content.decode():
            waits.append(_wait_in(response))
    assert "网络地址" in _login("admin", ip=attacker)[0].content.decode()  # the attacker's alone
    assert max(waits) <= 60
    # The admin, from her own address: at most the name's delay, and here none has passed
    # the maximum; once it passed she is in while the attacker stays blocked.
    response, _client = _login("admin", ip="198.51.100.20")
    assert response.status_code == 302 or _wait_in(response) <= 60
    _earlier(60, key__startswith="name:")
    response, client = _login("admin", ip="198.51.100.20")
    assert response.status_code == 302
    assert client.get("/").context["user"] == province.province_admin
    assert "网络地址" in _login("admin", ip=attacker)[0].content.decode()


def test_an_address_re_arming_the_delay_does_not_delay_the_owner_elsewhere(province):
    """One address sends a wrong password for `admin` just after each ready time, keeping
    its own wait at the maximum: the admin, from her address, is not delayed at all."""
    attacker, own = "203.0.113.66", "198.51.100.20"
    for _ in range(15):  # ~15 tries in 15 minutes, under the per-address limit
        response, _client = _login("admin", "guess", ip=attacker)
        assert "密码不正确" in response.content.decode()
        _earlier(60)
    _login("admin", "guess", ip=attacker)
    _just_failed()
    response, _client = _login("admin", ip=attacker)  # even the right password waits there
    assert _wait_in(response) == 60
    response, client = _login("admin", ip=own)
    assert response.status_code == 302
    assert client.get("/").context["user"] == province.province_admin


@override_settings(LOGIN_NAME_FAILURE_LIMIT=10)
def test_guessing_from_many_addresses_slows_the_name_for_everyone(province):
    for n in range(5):  # 2 failures each: no address reaches its own delay
        for _ in range(2):
            _login("admin", "guess", ip=f"203.0.113.{n + 1}")
    response, _client = _login("admin", ip="198.51.100.20")
    assert response.status_code == 200 and 59 <= _wait_in(response) <= 60
    _earlier(60, key__startswith="all:")
    assert _login("admin", ip="198.51.100.20")[0].status_code == 302


def test_parallel_attempts_at_the_ready_time_get_one_password_check(province):
    """A second request arriving while the first one's password hash runs sees the first
    attempt already counted (reserved before the hash) and waits."""
    from tongxin.accounts import views

    for _ in range(5):
        _login("2024001", "nope", school_code="TA01")
    _earlier(1)  # the first delay (1 s) has passed: one attempt may go ahead
    real, nested, started = views.authenticate, [], []

    def slow_hash(*args, **kwargs):
        if not started:  # the first check runs: the second request arrives meanwhile
            started.append(True)
            nested.append(_login("2024001", "other-guess", school_code="TA01")[0])
        return real(*args, **kwargs)

    with mock.patch.object(views, "authenticate", side_effect=slow_hash) as checked:
        first, _client = _login("2024001", "guess", school_code="TA01")
    assert "密码不正确" in first.content.decode()
    assert "请等待" in nested[0].content.decode()
    assert checked.call_count == 1  # one password check, not two
    assert LoginThrottle.objects.get(key="name:TA01:2024001|10.0.0.9").failures == 6


def test_counters_keep_their_configured_lifetime(province):
    """The cache's 300 s default lifetime does not apply: a block lasts its 900 s."""
    with override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=3):
        for _ in range(3):
            _login("nobody", "nope", ip="203.0.113.8")
    row = LoginThrottle.objects.get(key="addr:203.0.113.8")
    assert (row.blocked_until - row.last_failure_at).total_seconds() == 900
    name = LoginThrottle.objects.get(key="name:nobody|203.0.113.8")
    assert (name.expires_at - name.last_failure_at).total_seconds() == 86400
    _earlier(301)
    assert throttle.check(login_name="x", address="203.0.113.8").kind == throttle.ADDRESS
    _earlier(600)
    assert throttle.check(login_name="x", address="203.0.113.8").seconds == 0


def test_junk_logins_cannot_wipe_a_victims_counter(province):
    """The database cache culled a third of its entries beyond 300: not a table."""
    for _ in range(5):
        _login("2024001", "nope", school_code="TA01")
    # 400 live junk counters with names sorting after the victim's (the cache culled the
    # lowest keys first), then more junk through the real code path.
    now, day = timezone.now(), datetime.timedelta(days=1)
    LoginThrottle.objects.bulk_create(
        LoginThrottle(
            key=f"name:zz{n}",
            failures=1,
            window_start=now,
            last_failure_at=now,
            expires_at=now + day,
        )
        for n in range(400)
    )
    for n in range(5):
        _login(f"zzz{n}", "nope", ip="10.1.0.1")
    victim = LoginThrottle.objects.get(key="name:TA01:2024001|10.0.0.9")
    assert victim.failures == 5 and throttle.delay_after(victim.failures) == 1
    assert LoginThrottle.objects.filter(key__startswith="name:").count() == 1 + 400 + 5


# --- 7. API tokens expire; the token page is not in every student's menu ---------------


@override_settings(API_TOKEN_LIFETIME_DAYS=30)
def test_api_tokens_expire_after_their_lifetime(province, client_for):
    from tongxin.accounts.models import ApiToken

    raw = client_for("officer_a").post("/accounts/tokens/", {"name": "脚本"}).context["new_token"]
    token = ApiToken.objects.get()
    lifetime = token.expires_at - token.created_at
    assert abs(lifetime - datetime.timedelta(days=30)) < datetime.timedelta(minutes=1)
    api = Client()
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    page = client_for("officer_a").get("/accounts/tokens/").content.decode()
    assert "（已过期）" in page and "有效期至" in page


def test_the_token_page_shows_the_last_use(province, client_for):
    client = client_for("officer_a")
    raw = client.post("/accounts/tokens/", {"name": "脚本"}).context["new_token"]
    Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    used = province.officer_a.api_tokens.get().last_used_at
    assert used is not None
    local = timezone.localtime(used).strftime("%Y-%m-%d %H:%M")
    assert local in client.get("/accounts/tokens/").content.decode()
    assert local in client.get("/accounts/security/").content.decode()


def test_the_students_menu_has_account_security_not_api_tokens(province, client_for):
    page = client_for("student_a").get("/").content.decode()
    assert 'href="/accounts/security/"' in page and 'href="/accounts/tokens/"' not in page
    security = client_for("student_a").get("/accounts/security/").content.decode()
    assert 'href="/accounts/tokens/"' in security  # still reachable, under the account page


@override_settings(TRUST_X_FORWARDED_FOR=True, LOGIN_ADDRESS_FAILURE_LIMIT=10)
def test_a_forged_forwarded_address_blocks_only_the_forger(province):
    """Behind the proxy the attacker sends X-Forwarded-For naming the admin's address; the
    proxy appends the attacker's real one, and that is the one counted."""
    admin_ip, attacker_ip = "198.51.100.20", "203.0.113.66"
    forged = f"{admin_ip}, {attacker_ip}"
    for n in range(10):
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forged).post(
            "/accounts/login/", {"login": f"nobody{n}", "password": "guess"}
        )
    assert LoginThrottle.objects.filter(key=f"addr:{attacker_ip}").get().blocked_until
    assert not LoginThrottle.objects.filter(key=f"addr:{admin_ip}").exists()
    response = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=admin_ip).post(
        "/accounts/login/", {"login": "admin", "password": PASSWORD}
    )
    assert response.status_code == 302
