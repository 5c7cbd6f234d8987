"""A proposal's whole loop on phones (375 px), each person in their own browser (issue 14):
a delegate writes and submits it with two co-signers who confirm, the committee's chair
accepts it and refers it to the logistics office with a deadline in working days, the
office replies with a result class, the lead proposer rates it and it is done."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.congress.proposal_models import Proposal, ProposalState
from tongxin.congress.services.proposal_committee import committee_name
from tongxin.congress.tests.proposal_factories_writing import World
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


def test_a_proposal_from_the_delegate_to_the_rating(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    world = World(province)
    for user in world.delegates[1:]:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    a, b = world.delegates[1:3]

    lead = _login(new_page, "2024001")
    lead.goto("/congress/proposals/mine/")
    lead.get_by_test_id(f"write-{world.session.pk}").click()
    lead.get_by_label("案由").fill("食堂增设夜宵窗口")
    lead.get_by_label("类别").select_option("life")
    lead.get_by_label("具体建议").fill("一食堂 21:00-23:00 开放一个夜宵窗口。")
    lead.get_by_role("button", name="保存草稿").click()
    expect(lead.get_by_test_id("state")).to_contain_text("征集附议中")
    lead.get_by_label(a.real_name).check()
    lead.get_by_label(b.real_name).check()
    lead.get_by_test_id("step-invite").get_by_role("button").click()
    proposal = Proposal.objects.get(title="食堂增设夜宵窗口")
    for user in (a, b):
        signer = _login(new_page, user.number)
        signer.goto(f"/congress/proposals/{proposal.pk}/")
        signer.get_by_test_id("step-cosign").get_by_role("button").click()
        expect(signer.get_by_test_id("signers")).to_contain_text("已确认")
    lead.goto(f"/congress/proposals/{proposal.pk}/")
    lead.get_by_test_id("step-submit").get_by_role("button").click()
    expect(lead.get_by_test_id("state")).to_contain_text("待审查")
    _fits(lead)

    committee_name(actor=province.advisor_a, session=world.session, members=[province.handler_a])
    chair = _login(new_page, "T3001")
    chair.goto(f"/congress/proposals/{proposal.pk}/")
    accept = chair.get_by_test_id("step-accept")
    accept.get_by_label("牵头部门").select_option(label="后勤处")
    accept.get_by_label("指定工作日内答复").check()
    accept.get_by_label("工作日数").fill("10")
    accept.get_by_role("button", name="立案并交办").click()
    expect(chair.get_by_test_id("state")).to_contain_text("办理中")
    _fits(chair)

    office = _login(new_page, "T2001")
    office.goto("/congress/proposals/office/")
    office.get_by_test_id("row-title").filter(has_text="食堂增设夜宵窗口").click()
    reply = office.get_by_test_id("step-reply")
    reply.get_by_label("A 已解决", exact=True).check()
    reply.get_by_label("答复内容").fill("下周起一食堂开放夜宵窗口。")
    reply.get_by_role("button", name="发出答复").click()
    expect(office.get_by_test_id("state")).to_have_text("已答复，待评价")
    _fits(office)

    lead.reload()
    expect(lead.get_by_test_id("answer")).to_contain_text("下周起一食堂开放夜宵窗口")
    rate = lead.get_by_test_id("step-rate")
    rate.get_by_label("满意", exact=True).check()
    rate.get_by_role("button", name="提交评价").click()
    expect(lead.get_by_test_id("state")).to_have_text("已办结")
    _fits(lead)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DONE and proposal.handled_at is not None
