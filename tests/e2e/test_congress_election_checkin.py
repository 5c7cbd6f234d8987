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
from .test_axe_crawl import axe_source, check

__all__ = ["axe_source"]  # the fixture, imported to be found here
pytestmark = pytest.mark.browser


def _login(new_page: Callable[..., Page], number: str, axe: str, **kwargs: object) -> Page:
    page = new_page(**kwargs)
    page.context.add_init_script(script=axe)
    submit_login(page, school_code="TA01", login=number, password=PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def _fits(page: Page) -> None:
    """375 px wide at most, and no serious or critical axe violation."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width} px wide on a 375 px phone"
    assert check(page) == [], page.url


def _with_password(user: object) -> bool:
    user.set_password(PASSWORD)  # type: ignore[attr-defined]
    user.save(update_fields=["password"])  # type: ignore[attr-defined]
    return True


def test_a_delegate_types_the_halls_code_and_is_checked_in(
    new_page: Callable[..., Page], province: TinyProvince, axe_source: str
) -> None:
    with transaction.atomic():
        world = ElectionWorld(province)
        round_start_checkin(actor=world.advisor, round_=world.round)
    delegate = world.voters[0]
    delegate.set_password(PASSWORD)
    delegate.save(update_fields=["password"])

    hall = _login(new_page, "T3001", axe_source)
    hall.goto(f"/congress/elections/rounds/{world.round.pk}/hall/")
    expect(hall.get_by_test_id("hall-present")).to_have_text("0")
    expect(hall.get_by_test_id("hall-qr").locator("svg")).to_be_visible()
    code = hall.get_by_test_id("hall-code").inner_text().strip()
    assert len(code) == 6 and code.isdigit()

    phone = _login(new_page, delegate.number, axe_source, **PHONE)
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
    assert check(hall) == []

    # A teller's list on a phone: find a delegate, tick them present.
    teller = (
        _login(new_page, world.teller.number, axe_source, **PHONE)
        if _with_password(world.teller)
        else None
    )
    assert teller is not None
    teller.goto(f"/congress/elections/rounds/{world.round.pk}/attendance/")
    other = world.voters[1]
    teller.get_by_label("姓名或学号").fill(other.number)
    teller.get_by_role("button", name="查找").click()
    teller.get_by_test_id(f"tick-{other.pk}").click()
    expect(teller.get_by_test_id(f"untick-{other.pk}")).to_be_visible()
    _fits(teller)
    assert Attendance.objects.filter(round=world.round).count() == 2
