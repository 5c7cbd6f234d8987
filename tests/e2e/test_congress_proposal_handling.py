"""Proposals' handling at 375 px (issue 14): the logistics office's handler finds a referred
proposal on the offices' page, replies with a class; the lead proposer rates 不满意 without
a reason (refused, what was chosen kept), then with one; the office replies again, the lead
rates and the proposal is done."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.congress.proposal_models import ProposalState
from tongxin.congress.tests.proposal_factories_handling import fresh, referred_proposal
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login

pytestmark = pytest.mark.browser


def _login(new_page: Callable[..., Page], code: str, login: str) -> Page:
    page = new_page(**PHONE)
    submit_login(page, school_code=code, login=login, password=PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["viewport"]["width"], f"{page.url} scrolls sideways ({width} px)"


def _reply(page: Page, label: str, text: str) -> None:
    form = page.get_by_test_id("step-reply")
    form.get_by_label(label, exact=True).check()
    form.get_by_label("答复内容").fill(text)
    form.get_by_role("button", name="发出答复").click()


def test_an_office_replies_and_the_lead_rates_on_a_phone(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    proposal = referred_proposal(province, title="考试周延长图书馆开放时间至晚上十一点")
    office = _login(new_page, "TA01", "T2001")
    office.goto("/congress/proposals/office/")
    title = office.get_by_test_id("row-title").filter(has_text="考试周延长图书馆")
    assert title.bounding_box()["width"] >= 120
    _no_sideways_scroll(office)
    title.click()
    _no_sideways_scroll(office)
    _reply(office, "A 已解决", "考试周图书馆开放至 23:00。")
    expect(office.get_by_test_id("state")).to_have_text("已答复，待评价")

    lead = _login(new_page, "TA01", "2024001")
    lead.goto(f"/congress/proposals/{proposal.pk}/")
    rate = lead.get_by_test_id("step-rate")
    rate.get_by_label("不满意", exact=True).check()
    rate.get_by_role("button", name="提交评价").click()
    expect(lead.get_by_test_id("error-summary")).to_contain_text("不满意的理由")
    rate = lead.get_by_test_id("step-rate")
    expect(rate.get_by_label("不满意", exact=True)).to_be_checked()
    rate.get_by_label("理由").fill("平时也需要延长。")
    rate.get_by_role("button", name="提交评价").click()
    expect(lead.get_by_test_id("state")).to_have_text("再次办理中")
    _no_sideways_scroll(lead)

    office.goto(f"/congress/proposals/{proposal.pk}/")
    expect(office.get_by_test_id("step-reply")).to_contain_text("平时也需要延长。")
    _reply(office, "A 已解决", "平时开放至 22:30。")
    lead.reload()
    rate = lead.get_by_test_id("step-rate")
    rate.get_by_label("基本满意", exact=True).check()
    rate.get_by_role("button", name="提交评价").click()
    expect(lead.get_by_test_id("state")).to_have_text("已办结")
    assert fresh(proposal).state == ProposalState.DONE
