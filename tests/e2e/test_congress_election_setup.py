"""An election set up and published from a 375 px phone (issue 15, part A): the advisor
submits a decided candidate to the congress's election, creates the session's election,
ticks the candidates (each with the staff rules' verdict) and the scrutineers, starts it;
round 1's console fits the screen; once counted, the advisor publishes and the session
page shows the elected."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.congress.election_models import Election
from tongxin.congress.tests.election_setup_world import SetupWorld
from tongxin.selection.models import Candidacy, State
from tongxin.selection.tests.factories import walk
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login

pytestmark = pytest.mark.browser


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width} px wide on a 375 px phone"


def test_the_advisor_sets_up_starts_and_publishes_an_election_on_a_phone(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    world = SetupWorld(province, candidates=2)
    decided = walk(province, State.DECIDED, number="2023190")
    advisor = new_page(**PHONE)
    submit_login(advisor, school_code="TA01", login="T3001", password=PASSWORD)
    advisor.wait_for_url(lambda url: "/accounts/login/" not in url)

    advisor.goto(f"/selection/candidacies/{decided.pk}/")
    advisor.get_by_test_id("step-stand").get_by_role("button").click()
    expect(advisor.get_by_test_id("timeline")).to_contain_text("提交代表大会选举")
    assert Candidacy.objects.get(pk=decided.pk).state == State.FOR_ELECTION

    advisor.goto(f"/congress/sessions/{world.session.pk}/")
    advisor.get_by_test_id("election-new").click()
    advisor.get_by_label("应选名额").fill("2")
    advisor.get_by_role("button", name="创建选举").click()
    expect(advisor.get_by_test_id("state")).to_contain_text("筹备中")
    _fits(advisor)
    for c in [*world.candidacies, Candidacy.objects.get(pk=decided.pk)]:
        advisor.locator(f"#cand-{c.pk}").check()
    chief, teller = world.delegates[:2]
    advisor.locator(f"#scr-{chief.pk}").check()
    advisor.locator(f"#scr-{teller.pk}").check()
    advisor.locator(f"#chief-{chief.pk}").check()
    advisor.get_by_test_id("step-set-up").get_by_role("button", name="保存").click()
    expect(advisor.get_by_test_id("candidates")).to_contain_text(decided.candidate.real_name)
    expect(advisor.get_by_test_id("scrutineers")).to_contain_text("总监票人")
    advisor.get_by_test_id("step-start").get_by_role("button").click()
    expect(advisor.get_by_test_id("state")).to_contain_text("进行中")
    advisor.get_by_test_id("rounds").get_by_role("link").first.click()
    expect(advisor.get_by_test_id("quorum")).to_be_visible()
    expect(advisor.get_by_test_id("step-cancel")).to_be_visible()
    _fits(advisor)

    election = Election.objects.get(session=world.session)
    world.count_round(election, [5, 4, 1])
    advisor.goto(f"/congress/elections/{election.pk}/")
    expect(advisor.get_by_test_id("result-1")).to_contain_text("✓ 当选")
    _fits(advisor)
    advisor.get_by_test_id("step-publish").get_by_role("button").click()
    expect(advisor.get_by_test_id("state")).to_contain_text("结果已公布")
    advisor.goto(f"/congress/sessions/{world.session.pk}/")
    expect(advisor.get_by_test_id("election-published")).to_contain_text(
        world.candidacies[0].candidate.real_name
    )
    _fits(advisor)
