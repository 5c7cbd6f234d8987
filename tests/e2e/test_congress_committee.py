"""The proposal committee end to end on a 375 px phone: the advisor names the committee
(an office's handler and a delegate by student number), opens the proposals waiting,
accepts one with its lead office and a reply deadline in working days, and merges another
into it; the page fits the phone at every step."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.congress.proposal_models import Proposal, ProposalState
from tongxin.congress.tests.proposal_factories_committee import confirmed_session, submitted
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login
from .test_axe_crawl import axe_source, check

__all__ = ["axe_source"]  # the fixture, imported to be found here

pytestmark = pytest.mark.browser


def _fits(page: Page, axe: bool = False) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width} px wide on a 375 px phone"
    if axe:  # axe-core, loaded by the context's init script (the CSP allows no inline one)
        assert check(page) == []


def test_the_committee_names_itself_accepts_and_merges_on_a_phone(
    new_page: Callable[..., Page], province: TinyProvince, axe_source: str
) -> None:
    session = confirmed_session(province)
    advisor = new_page(**PHONE)
    advisor.context.add_init_script(script=axe_source)
    submit_login(advisor, school_code="TA01", login="T3001", password=PASSWORD)
    expect(advisor.get_by_role("heading", level=1)).to_contain_text("您好")

    advisor.goto(f"/congress/proposals/committee/{session.pk}/")
    _fits(advisor)
    advisor.get_by_test_id("name-committee").click()
    advisor.get_by_label("冯老师").check()
    advisor.get_by_label("代表委员（本次会议代表的学号，每行一个）").fill("2024002")
    _fits(advisor, axe=True)
    advisor.get_by_role("button", name="保存").click()
    expect(advisor.get_by_test_id("members")).to_contain_text("李同学")

    proposal = submitted(province, session, province.student_a, province.officer_a)
    other = submitted(province, session, province.people["delegate_0"], title="自习室延时")
    advisor.goto("/congress/proposals/committee/")
    expect(advisor.get_by_test_id("waiting")).to_contain_text("延长图书馆开放时间")
    _fits(advisor)
    advisor.get_by_test_id("waiting").get_by_text("延长图书馆开放时间").click()
    accept = advisor.get_by_test_id("step-accept")
    accept.get_by_label("牵头部门").select_option(label="后勤处")
    accept.get_by_label("指定工作日内答复").check()
    accept.get_by_label("工作日数").fill("10")
    _fits(advisor, axe=True)
    accept.get_by_role("button", name="立案并交办").click()
    expect(advisor.get_by_test_id("state")).to_contain_text("办理中")
    expect(advisor.get_by_test_id("offices")).to_contain_text("后勤处（牵头）")
    _fits(advisor)

    advisor.goto(f"/congress/proposals/{other.pk}/")
    merge = advisor.get_by_test_id("step-merge")
    merge.get_by_label("并入本次会议的提案").select_option(value=str(proposal.pk))
    merge.get_by_role("button", name="并案").click()
    expect(advisor.get_by_test_id("signers")).to_contain_text("并案提案人")
    assert Proposal.objects.get(pk=other.pk).state == ProposalState.MERGED
