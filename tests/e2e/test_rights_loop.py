"""The whole rights loop through the real pages, each person in their own browser:
a student submits from a phone, an officer accepts and refers, an office handler answers,
the officer feeds back, the student rates, and the issue appears on the echo wall."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.testing.province import PASSWORD

from .conftest import PHONE
from .helpers import submit_login

pytestmark = pytest.mark.browser
TITLE = "三号楼热水每晚中断"


def _login(new_page: Callable[..., Page], code: str, number: str, **options: object) -> Page:
    page = new_page(**options)
    submit_login(page, school_code=code, login=number, password=PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    return page


def _open_issue(page: Page, issue_url: str) -> None:
    page.goto(issue_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def test_an_issue_goes_round_the_whole_loop(
    new_page: Callable[..., Page], province: object
) -> None:
    student = _login(new_page, "TA01", "2024001", **PHONE)
    student.get_by_test_id("submit-issue").click()
    form = student.get_by_test_id("submit-form")
    form.get_by_label("类别").select_option(label="宿舍与水电")
    form.get_by_label("标题").fill(TITLE)
    form.get_by_label("问题描述").fill("晚上十点以后热水就没了，已经持续一周。")
    form.get_by_label("同意在回音壁公开").check()
    form.get_by_role("button", name="提交").click()
    expect(student.get_by_test_id("status")).to_have_text("已提交")
    assert student.evaluate("document.documentElement.scrollWidth") <= 375
    issue_url = re.sub(r"^https?://[^/]+", "", student.url)

    officer = _login(new_page, "TA01", "2022001")
    officer.get_by_role("button", name="权益服务").click()
    officer.get_by_role("link", name="诉求受理").click()
    officer.get_by_role("link", name=TITLE).click()
    officer.get_by_test_id("action-accept").get_by_role("button", name="受理").click()
    expect(officer.get_by_test_id("status")).to_have_text("已受理")
    refer = officer.get_by_test_id("action-refer")
    refer.get_by_label("牵头部门").select_option(label="后勤处")
    refer.get_by_role("button", name="转办").click()
    expect(officer.get_by_test_id("status")).to_have_text("已转办")

    handler = _login(new_page, "TA01", "T2001")
    handler.get_by_role("button", name="权益服务").click()
    handler.get_by_role("link", name="部门收件箱").click()
    handler.get_by_role("link", name=TITLE).click()
    answer = handler.get_by_test_id("action-office-answer")
    answer.get_by_label("答复内容").fill("锅炉定时器设置有误，已改为 24 小时供水。")
    answer.get_by_role("button", name="提交答复").click()
    expect(handler.get_by_test_id("status")).to_have_text("已答复")

    _open_issue(officer, issue_url)
    feedback = officer.get_by_test_id("action-feed-back")
    feedback.get_by_label("用同学听得懂的话说明结果").fill("从今晚起热水全天供应。")
    feedback.get_by_role("button", name="反馈给同学").click()
    expect(officer.get_by_test_id("status")).to_have_text("已反馈")

    _open_issue(student, issue_url)
    rate = student.get_by_test_id("action-rate")
    rate.get_by_label("满意", exact=True).check()
    rate.get_by_role("button", name="提交评价").click()
    expect(student.get_by_test_id("status")).to_have_text("已办结")
    expect(student.get_by_test_id("timeline")).to_contain_text("同学评价")

    _open_issue(officer, issue_url)
    officer.get_by_test_id("action-publish").get_by_role("button").click()
    student.goto("/rights/wall/")
    item = student.get_by_test_id("wall-item").filter(has_text=TITLE)
    expect(item).to_contain_text("24 小时供水")
    expect(item).not_to_contain_text("张同学")
