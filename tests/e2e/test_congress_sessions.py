"""A college union's congress from application to report, each person in their own
browser: the union's officer (on a phone) applies, the school's advisor approves, the union
confirms (回执), records the session and files its report with a document."""

from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tongxin.congress.models import Session, SessionState
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login

pytestmark = pytest.mark.browser


def _login(new_page: Callable[..., Page], number: str, **options: object) -> Page:
    page = new_page(**options)
    submit_login(page, school_code="TA01", login=number, password=PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    return page


def test_a_college_union_holds_its_congress_and_reports(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    today = timezone.localdate().isoformat()
    officer = _login(new_page, "2022002", **PHONE)  # 钱部长, college union A1
    officer.goto("/congress/")
    expect(officer.get_by_test_id("due")).to_contain_text("应于")
    officer.get_by_test_id("plan").click()
    apply = officer.get_by_test_id("step-apply")
    apply.get_by_label("拟召开开始日期").fill(today)
    apply.get_by_label("拟召开结束日期").fill(today)
    apply.get_by_label("地点").fill("学术报告厅")
    apply.get_by_label("代表名额").fill("30")
    apply.get_by_label("议程").fill("一、工作报告；二、财务报告；三、选举主席团")
    apply.get_by_role("button", name="提交申请").click()
    expect(officer.get_by_test_id("state")).to_have_text("已申请，待审批")
    session = Session.objects.get(union=province.college_union_a1)

    advisor = _login(new_page, "T3001")
    advisor.goto("/congress/supervise/")
    advisor.get_by_test_id("applications").get_by_role("link").first.click()
    approve = advisor.get_by_test_id("step-approve")
    approve.get_by_label("批复意见（可选）").fill("同意按期召开。")
    approve.get_by_role("button", name="批复同意").click()
    expect(advisor.get_by_test_id("state")).to_have_text("已批复")

    officer.reload()
    officer.get_by_test_id("step-confirm").get_by_role("button", name="回执").click()
    hold = officer.get_by_test_id("step-hold")
    hold.get_by_label("实到人数").fill("28")
    hold.get_by_role("button", name="记录召开").click()
    expect(officer.get_by_test_id("held")).to_contain_text("实到 28 人")

    officer.get_by_label("添加附件").set_input_files(
        files=[
            {
                "name": "工作报告.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
            }
        ]
    )
    officer.get_by_role("button", name="上传").click()
    expect(officer.get_by_text("工作报告.pdf")).to_be_visible()
    report = officer.get_by_test_id("step-report")
    report.get_by_label("工作报告摘要").fill("一年来服务同学 30 项。")
    report.get_by_label("财务报告摘要").fill("经费收支公开。")
    report.get_by_label("决议").fill("通过工作报告和财务报告。")
    report.get_by_label("选举结果").fill("选出新一届主席团 3 人。")
    report.get_by_role("button", name="提交报告").click()
    expect(officer.get_by_test_id("report")).to_contain_text("选出新一届主席团")
    expect(officer.get_by_test_id("timeline")).to_contain_text("报告")

    session.refresh_from_db()
    assert session.state == SessionState.REPORTED
    assert session.line.last_held_on == timezone.localdate()
