"""An election from the hall to the appointment (issue 15), each person in their own
browser: the advisor conducts the round from its console and shows the hall's code; three
delegates on 375 px phones check in with it (one from the QR code's link, two typing it) and
vote; voting opens only once more than two thirds are present; the advisor closes the round
and the counted result appears; the advisor publishes it, opens the elected candidate's
public notice and, once the notice has run out, appoints them (staff's officer_appoint)."""

import datetime
from collections.abc import Callable

import pytest
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import Page, expect

from tongxin.accounts.models import Membership, Role
from tongxin.congress.election_models import Round, RoundState, VoterRegister
from tongxin.congress.tests.election_setup_world import SetupWorld
from tongxin.selection.models import Candidacy, State
from tongxin.selection.tasks import end_due_notices
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


def _hall_code(hall: Page) -> str:
    """The code on the hall's screen now (it changes every 30 s: read it when needed)."""
    hall.reload()
    code = hall.get_by_test_id("hall-code").inner_text().strip()
    assert len(code) == 6 and code.isdigit()
    return code


def _step(console: Page, name: str) -> None:
    console.get_by_test_id(f"step-{name}").get_by_role("button").click()


def test_three_delegates_check_in_and_vote_and_the_elected_is_appointed(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    with transaction.atomic():
        world = SetupWorld(province, delegates=4, candidates=2)
        election = world.started(seats=1)
        round_ = election.rounds.get(number=1)
    voters = world.delegates[1:]  # the chief scrutineer (delegates[0]) stays away: 3 of 4
    for user in voters:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    winner, other = (c.candidate for c in world.candidacies)

    console = f"/congress/elections/rounds/{round_.pk}/"
    advisor = _login(new_page, "T3001")
    advisor.goto(console)
    _step(advisor, "start-checkin")
    expect(advisor.get_by_test_id("state")).to_have_text("签到中")
    hall = _login(new_page, "T3001")
    hall.goto(f"/congress/elections/rounds/{round_.pk}/hall/")

    phones = []
    for i, user in enumerate(voters):
        phone = _login(new_page, user.number, **PHONE)
        code = _hall_code(hall)
        if i == 0:  # the QR code's link carries the code
            phone.goto(f"/congress/elections/rounds/{round_.pk}/checkin/?code={code}")
        else:
            phone.goto("/congress/elections/mine/")
            phone.get_by_test_id(f"checkin-{round_.pk}").click()
            phone.get_by_label("签到码").fill(code)
        phone.get_by_role("button", name="签到").click()
        expect(phone.get_by_test_id(f"present-{round_.pk}")).to_contain_text("已签到")
        _fits(phone)
        phones.append(phone)
        if i == 1:  # two of four present: not more than two thirds, voting stays shut
            advisor.goto(console)
            _step(advisor, "open")
            expect(advisor.get_by_test_id("error-summary")).to_contain_text("三分之二")
            assert Round.objects.get(pk=round_.pk).state == RoundState.CHECKIN

    advisor.goto(console)
    expect(advisor.get_by_test_id("quorum")).to_contain_text("已超过")
    _step(advisor, "open")
    expect(advisor.get_by_test_id("state")).to_have_text("投票中")

    for i, phone in enumerate(phones):
        phone.goto(f"/congress/elections/rounds/{round_.pk}/ballot/")
        ballot = phone.get_by_test_id("ballot-form")
        ballot.get_by_role("group", name=winner.number, exact=False).get_by_label(
            "赞成", exact=True
        ).check()
        if i == 0:
            ballot.get_by_role("group", name=other.number, exact=False).get_by_label(
                "不赞成"
            ).check()
        phone.get_by_role("button", name="投出选票").click()
        expect(phone.get_by_test_id("voted")).to_be_visible()
        _fits(phone)
    assert VoterRegister.objects.filter(round=round_).count() == 3

    advisor.goto(console)
    _step(advisor, "close")
    expect(advisor.get_by_test_id("state")).to_have_text("已计票")
    result = advisor.get_by_test_id("result")
    expect(result).to_contain_text(winner.real_name)
    expect(result).to_contain_text("当选")

    # The voters see the counted result on their phones; nobody sees who voted what.
    phones[2].reload()
    expect(phones[2].get_by_test_id("result-counts")).to_contain_text(
        "实到代表 3 人 · 收回选票 3 张"
    )
    _fits(phones[2])

    advisor.goto(f"/congress/elections/{election.pk}/")
    advisor.get_by_test_id("step-publish").get_by_role("button").click()
    expect(advisor.get_by_test_id("state")).to_contain_text("结果已公布")

    elected = Candidacy.objects.get(candidate=winner)
    assert elected.state == State.ELECTED
    assert Candidacy.objects.get(candidate=other).state == State.NOT_ELECTED
    advisor.goto(f"/selection/candidacies/{elected.pk}/")
    advisor.get_by_test_id("step-publish").get_by_role("button", name="开始公示").click()
    expect(advisor.get_by_test_id("notice")).to_contain_text("工作日")
    # The notice runs out: its end moves into the past and the worker's job closes it.
    Candidacy.objects.filter(pk=elected.pk).update(
        notice_ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    end_due_notices.call()
    advisor.reload()
    advisor.get_by_test_id("step-appoint").get_by_role("button", name="确认任命").click()
    expect(advisor.get_by_test_id("timeline")).to_contain_text("任命")
    assert Membership.objects.filter(user=winner, node=province.union_a, role=Role.OFFICER).exists()
