"""Delegates end to end, each person in their own browser: the union's president prepares
the list and enters the delegates, a schoolmate objects on a phone, the advisor answers,
the notice runs out and the worker confirms it, and a delegate sees the badge at 375 px."""

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tongxin.congress.models import DelegateList
from tongxin.congress.tasks import confirm_noticed_delegate_lists
from tongxin.congress.tests.delegate_world import add_students, approved_session
from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login

pytestmark = pytest.mark.browser


def _login(new_page: Callable[..., Page], number: str, **options: object) -> Page:
    page = new_page(**options)
    submit_login(page, school_code="TA01", login=number, password=PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    return page


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width} px wide on a 375 px phone"


def test_a_delegate_list_from_preparation_to_the_badge(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    add_students(province, 1, 10, 3001000)
    add_students(province, 2, 5, 3002000)
    approved_session(province, seats=4)

    president = _login(new_page, "2022001")
    president.goto("/congress/delegates/")
    president.get_by_role("button", name="准备代表名单").click()
    expect(president.get_by_test_id("quotas")).to_contain_text("计算机学院")
    for number in ["2022001", "3001000", "3001001", "3002000"]:
        president.get_by_label("学号", exact=True).fill(number)
        president.get_by_test_id("add-form").get_by_role("button", name="录入").click()
    expect(president.get_by_test_id("composition")).to_contain_text("非工作人员占 75.0%")
    president.get_by_role("button", name="提交并公示").click()
    expect(president.get_by_test_id("delegate-state")).to_contain_text("公示中")
    dl = DelegateList.objects.get()

    schoolmate = _login(new_page, "2024002", **PHONE)
    schoolmate.goto(f"/congress/delegates/{dl.pk}/")
    expect(schoolmate.get_by_test_id("delegates")).to_contain_text("赵主席")
    _fits(schoolmate)
    schoolmate.get_by_test_id("object-form").locator("summary").click()
    schoolmate.get_by_label("异议内容（请写明事实和依据）").fill("有代表本学期休学。")
    schoolmate.get_by_role("button", name="提交异议").click()
    expect(schoolmate.get_by_test_id("delegate-state")).to_contain_text("公示暂停")

    advisor = _login(new_page, "T3001")
    advisor.goto(f"/congress/delegates/{dl.pk}/")
    advisor.get_by_label("书面答复").fill("经核实，名单中代表均在校。")
    advisor.get_by_role("button", name="答复").click()
    expect(advisor.get_by_test_id("delegate-state")).to_contain_text("公示中")

    # The notice runs out: move its end into the past and let the worker's job confirm it.
    DelegateList.objects.filter(pk=dl.pk).update(
        notice_ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert confirm_noticed_delegate_lists.call() == 1

    delegate = _login(new_page, "2022001", **PHONE)
    expect(delegate.get_by_test_id("delegate-badge")).to_contain_text("甲大学学生会")
    _fits(delegate)
    delegate.get_by_role("link", name="代表职责").click()
    expect(delegate.get_by_test_id("duties")).to_contain_text("出席学生代表大会")
    _fits(delegate)
