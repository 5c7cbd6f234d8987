"""The self-assessment's public disclosure (公示) in Chromium: the advisor opens it from the
list of disclosures; anyone opens the public page without login (no names on it); a
student of the school logs in from it on a 375 px phone and leaves a comment, which stays
out of sight until the advisor approves it; then everyone sees it, without its author."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tongxin.comments.models import Comment, Status
from tongxin.reform.models import Disclosure
from tongxin.reform.tests.review_world import assessment_of, check_every_sheet, computed_year
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login
from .test_axe_crawl import check, load_axe

pytestmark = pytest.mark.browser
COMMENT = "学生会部门设置与公示一致，建议公开各部门职责。"


def _login(new_page: Callable[..., Page], number: str, **options: object) -> Page:
    page = new_page(**options)
    submit_login(page, school_code="TA01", login=number, password=PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    return page


def test_a_disclosure_opened_read_without_login_commented_and_moderated(
    new_page: Callable[..., Page], province: TinyProvince, request: pytest.FixtureRequest
) -> None:
    computed_year(province)
    check_every_sheet(assessment_of(province, "a"))
    disclose_comment_and_moderate(new_page, axe=load_axe(request.config))


def disclose_comment_and_moderate(new_page: Callable[..., Page], axe: str | None = None) -> None:
    """School A's advisor opens the disclosure (every sheet checked); a visitor reads it
    without login; a student comments; the advisor approves; the visitor sees it."""
    advisor = _login(new_page, "T3001")  # 褚老师, school A's advisor
    advisor.goto("/reform/disclosures/")
    advisor.get_by_test_id("to-open").get_by_role("link", name="公示").first.click()
    advisor.get_by_role("button", name="开始公示").click()
    expect(advisor.get_by_test_id("disclosure-title")).to_contain_text("改革自评情况公示")
    disclosure = Disclosure.objects.get()
    public_url = advisor.url

    visitor = new_page(**PHONE)  # nobody logged in
    visitor.goto(public_url)
    expect(visitor.get_by_test_id("disclosure-title")).to_contain_text("甲大学")
    expect(visitor.get_by_test_id("disclosure-union").first).to_contain_text("实有")
    expect(visitor.get_by_text("赵主席")).to_have_count(0)
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 375
    if axe is not None:
        visitor.context.add_init_script(script=axe)
        visitor.reload()
        assert check(visitor) == []

    student = new_page(**PHONE)
    student.goto(public_url)
    student.get_by_test_id("disclosure-login").click()
    login = student.get_by_test_id("login-form")  # the login page keeps ?next=
    login.get_by_label("学校代码", exact=True).fill("TA01")
    login.get_by_label("学号/工号或用户名", exact=True).fill("2024001")  # 张同学
    login.get_by_label("密码", exact=True).fill(PASSWORD)
    login.get_by_role("button", name="登录").click()
    expect(student).to_have_url(public_url)
    form = student.get_by_test_id("disclosure-comment-form")
    form.get_by_label("发表意见").fill(COMMENT)
    form.get_by_role("button", name="提交").click()
    expect(student.get_by_test_id("my-comments")).to_contain_text("待审核")
    assert Comment.objects.get().status == Status.SUBMITTED

    visitor.reload()
    expect(visitor.get_by_text(COMMENT)).to_have_count(0)

    advisor.goto(public_url)
    advisor.get_by_test_id("disclosure-moderate").click()
    expect(advisor).to_have_url(f"/reform/disclosures/{disclosure.pk}/")
    advisor.get_by_test_id("comment-approve").click()
    expect(advisor.get_by_test_id("comment")).not_to_contain_text("待审核")

    visitor.reload()
    expect(visitor.get_by_test_id("public-comment")).to_contain_text(COMMENT)
    expect(visitor.get_by_text("张同学")).to_have_count(0)
    assert Comment.objects.get().status == Status.APPROVED
