"""A delegate writes a proposal on a phone (375 px): the similar proposal of the session
shows under the title while typing, two delegates confirm the invitation, the lead
submits and the proposal gets its number."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.congress.proposal_models import Proposal, ProposalState
from tongxin.congress.tests.proposal_factories_writing import World
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login

pytestmark = pytest.mark.browser


def _login(new_page: Callable[..., Page], number: str) -> Page:
    page = new_page(**PHONE)
    submit_login(page, school_code="TA01", login=number, password=PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    return page


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width} px wide on a 375 px phone"


def test_a_delegate_writes_two_confirm_the_lead_submits(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    world = World(province)
    for user in world.delegates[1:]:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    world.write(lead=world.delegates[3], title="图书馆空调温度太低")
    a, b = world.delegates[1:3]

    lead = _login(new_page, "2024001")
    lead.goto("/congress/proposals/mine/")
    lead.get_by_test_id(f"write-{world.session.pk}").click()
    _fits(lead)
    lead.get_by_label("案由").fill("延长图书馆开放时间")
    expect(lead.get_by_test_id("similar")).to_contain_text("图书馆空调温度太低")
    lead.get_by_label("类别").select_option("life")
    lead.get_by_label("背景").fill("考试周自习座位紧张。")
    lead.get_by_role("button", name="保存草稿").click()
    # Refused without a concrete suggestion; what was typed stays.
    expect(lead.locator(".tx-error-summary")).to_contain_text("没有具体建议的是意见")
    expect(lead.get_by_label("案由")).to_have_value("延长图书馆开放时间")
    lead.get_by_label("具体建议").fill("考试周图书馆开放至 23:30。")
    lead.get_by_role("button", name="保存草稿").click()
    expect(lead.get_by_test_id("state")).to_contain_text("征集附议中")
    _fits(lead)
    lead.get_by_label(a.real_name).check()
    lead.get_by_label(b.real_name).check()
    lead.get_by_test_id("step-invite").get_by_role("button").click()
    expect(lead.get_by_test_id("signers")).to_contain_text("已邀请")
    p = Proposal.objects.get(title="延长图书馆开放时间")

    for user in (a, b):
        signer = _login(new_page, user.number)
        signer.goto("/congress/proposals/mine/")
        signer.get_by_test_id("invitations").get_by_role("link").click()
        _fits(signer)
        signer.get_by_test_id("step-cosign").get_by_role("button").click()
        expect(signer.get_by_test_id("signers")).to_contain_text("已确认")

    lead.goto(f"/congress/proposals/{p.pk}/")
    lead.get_by_test_id("step-submit").get_by_role("button").click()
    expect(lead.get_by_test_id("state")).to_contain_text("待审查")
    expect(lead.get_by_text("第 1 号")).to_be_visible()
    _fits(lead)
    p.refresh_from_db()
    assert (p.state, p.number) == (ProposalState.SUBMITTED, 1)
