"""An officer appointed through the whole selection path, each person in their own browser:
the college league secretary recommends, the advisor reviews and opens the public notice,
a schoolmate reads the notice, the notice runs out, and the advisor appoints."""

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tongxin.accounts.models import Membership, Role
from tongxin.selection.models import Candidacy
from tongxin.selection.tasks import end_due_notices
from tongxin.staff.services.structure import department_create
from tongxin.staff.tests.factories import give_record
from tongxin.testing.province import PASSWORD, TinyProvince

from .helpers import submit_login

pytestmark = pytest.mark.browser


def _login(new_page: Callable[..., Page], number: str) -> Page:
    page = new_page()
    submit_login(page, school_code="TA01", login=number, password=PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")
    return page


def test_an_officer_is_appointed_through_the_whole_path(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    give_record(province, province.student_a, rank=8, cohort=100)
    department_create(actor=province.advisor_a, union=province.union_a, name="权益部")

    secretary = _login(new_page, "T1001")
    secretary.goto("/selection/college/?number=2024001")
    secretary.get_by_label("学生会").select_option(label="甲大学学生会")
    secretary.get_by_label("拟任职务").select_option(label="干事")
    secretary.get_by_label("工作部门（主席团不选）").select_option(label="权益部")
    secretary.get_by_label("推荐意见（政治表现、学习、品行、能力）").fill(
        "思想端正，成绩优良，热心服务同学。"
    )
    secretary.get_by_role("button", name="推荐").click()
    expect(secretary.get_by_test_id("timeline")).to_contain_text("院团组织推荐")
    candidacy = Candidacy.objects.get(candidate=province.student_a)

    advisor = _login(new_page, "T3001")
    advisor.goto(f"/selection/candidacies/{candidacy.pk}/")
    advisor.get_by_test_id("step-review").get_by_role("textbox").fill("联合审查通过。")
    advisor.get_by_test_id("step-review").get_by_role("button", name="审查通过").click()
    advisor.get_by_test_id("step-publish").get_by_role("button", name="开始公示").click()
    expect(advisor.get_by_test_id("notice")).to_contain_text("5 个工作日")

    schoolmate = _login(new_page, "2024002")
    schoolmate.goto("/selection/notice/")
    notice = schoolmate.get_by_test_id(f"notice-{candidacy.pk}")
    expect(notice).to_contain_text("张同学")
    expect(notice).not_to_contain_text("8/100")

    # The notice runs out: move its end into the past and let the worker's job close it.
    Candidacy.objects.filter(pk=candidacy.pk).update(
        notice_ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    end_due_notices.call()

    advisor.reload()
    advisor.get_by_test_id("step-appoint").get_by_role("button", name="确认任命").click()
    expect(advisor.get_by_test_id("timeline")).to_contain_text("任命")
    membership = Membership.objects.get(
        user=province.student_a, node=province.union_a, role=Role.OFFICER
    )
    assert membership.position == "member" and membership.appointment.department.name == "权益部"
