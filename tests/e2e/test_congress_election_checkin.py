"""Checking in to an election's round on a phone (issue 15): the advisor opens the check-in
and shows the hall's screen; a delegate on a 375 px phone finds the round on 我的选举,
types the code from the screen and is checked in — the screen's count follows (htmx)."""

from collections.abc import Callable

import pytest
from django.db import transaction
from playwright.sync_api import Page, expect

from tongxin.congress.election_models import Attendance, AttendanceMethod
from tongxin.congress.services.election_checkin import round_start_checkin
from tongxin.congress.tests.election_world import ElectionWorld
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login

pytestmark = pytest.mark.browser


def _login(new_page: Callable[..., Page], number: str, **kwargs: object) -> Page:
    page = new_page(**kwargs)
    submit_login(page, school_code="TA01", login=number, password=PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width} px wide on a 375 px phone"


def test_a_delegate_types_the_halls_code_and_is_checked_in(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    with transaction.atomic():
        world = ElectionWorld(province)
        round_start_checkin(actor=world.advisor, round_=world.round)
    delegate = world.voters[0]
    delegate.set_password(PASSWORD)
    delegate.save(update_fields=["password"])

    hall = _login(new_page, "T3001")
    hall.goto(f"/congress/elections/rounds/{world.round.pk}/hall/")
    expect(hall.get_by_test_id("hall-present")).to_have_text("0")
    expect(hall.get_by_test_id("hall-qr").locator("svg")).to_be_visible()
    code = hall.get_by_test_id("hall-code").inner_text().strip()
    assert len(code) == 6 and code.isdigit()

    phone = _login(new_page, delegate.number, **PHONE)
    phone.goto("/congress/elections/mine/")
    phone.get_by_test_id(f"checkin-{world.round.pk}").click()
    _fits(phone)
    phone.get_by_label("签到码").fill(code)
    phone.get_by_role("button", name="签到").click()
    expect(phone.get_by_test_id(f"present-{world.round.pk}")).to_contain_text("已签到")
    _fits(phone)
    row = Attendance.objects.get(round=world.round, user=delegate)
    assert row.method == AttendanceMethod.CODE

    # The hall's screen refreshes itself every 5 s.
    expect(hall.get_by_test_id("hall-present")).to_have_text("1", timeout=12_000)
