"""Secret ballots on phones (375 px), each delegate in their own browser (issue 15): three
delegates are checked in (ElectionWorld), two of them vote on the ballot page — one tries
more 赞成 than seats first and is told why with the choices kept — the conductor closes the
round (the close step: sealed and counted) and the counted result shows; a voter sees that
they voted, never what."""

from collections.abc import Callable

import pytest
from django.db import transaction
from playwright.sync_api import Page, expect

from tongxin.congress.election_models import RoundState
from tongxin.congress.election_steps import step_for
from tongxin.congress.tests.election_world import ElectionWorld
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login

pytestmark = pytest.mark.browser


def _login(new_page: Callable[..., Page], number: str) -> Page:
    page = new_page(**PHONE)
    submit_login(page, school_code="TA01", login=number, password=PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width} px wide on a 375 px phone"


def test_two_delegates_vote_and_the_counted_result_shows(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    with transaction.atomic():
        w = ElectionWorld(province, seats=1)
        present = w.voters[:3]
        w.open_voting(present=present)
    for user in present:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    first, second = w.candidate_users[:2]
    url = f"/congress/elections/rounds/{w.round.pk}/ballot/"

    one = _login(new_page, present[0].number)
    one.goto(url)
    ballot = one.get_by_test_id("ballot-form")
    expect(ballot.get_by_role("group", name=first.real_name, exact=False)).to_be_visible()
    ballot.get_by_role("group", name=first.real_name, exact=False).get_by_label(
        "赞成", exact=True
    ).check()
    ballot.get_by_role("group", name=second.real_name, exact=False).get_by_label(
        "赞成", exact=True
    ).check()
    one.get_by_role("button", name="投出选票").click()
    expect(one.get_by_test_id("form-errors")).to_contain_text("多于本轮应选名额 1 名")
    group = one.get_by_role("group", name=second.real_name, exact=False)
    expect(group.get_by_label("赞成", exact=True)).to_be_checked()  # the choices are kept
    group.get_by_label("不赞成").check()
    _fits(one)
    one.get_by_role("button", name="投出选票").click()
    expect(one.get_by_test_id("voted")).to_be_visible()
    expect(one.get_by_test_id("ballot-form")).to_have_count(0)

    two = _login(new_page, present[1].number)
    two.goto(url)
    two.get_by_role("group", name=first.real_name, exact=False).get_by_label(
        "赞成", exact=True
    ).check()
    two.get_by_role("button", name="投出选票").click()
    expect(two.get_by_test_id("voted")).to_be_visible()
    _fits(two)

    # The conductor closes the round (the round console's button is part A's page).
    closed = step_for("close")(actor=w.chief, round_=w.fresh_round(), expected_version=None)
    assert closed.state == RoundState.COUNTED

    two.reload()
    result = two.get_by_test_id("result")
    expect(result).to_be_visible()
    row = result.get_by_test_id("result-row").filter(has_text=first.real_name)
    expect(row).to_contain_text("当选")
    expect(two.get_by_test_id("result-counts")).to_contain_text("实到代表 3 人 · 收回选票 2 张")
    _fits(two)
