"""The action forms on the issue page (issue 9, items 11, 13, 20 and 24): a refused form
comes back with what was typed, its field named in Chinese and marked for screen readers;
withdrawal asks first; no decline reason is chosen for the officer; a reopened issue puts
the new round first; the student reads the deadline with what it means."""

import re

import pytest

from tongxin.rights import services
from tongxin.rights.models import Status

from .factories import fresh, submit, walk

pytestmark = pytest.mark.django_db

LONG = "字" * 2350


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_too_long_answer_is_kept_and_its_field_named_in_chinese(province, client_for):
    issue = walk(province, Status.REFERRED)
    page = _page(
        client_for("handler_a").post(
            f"/rights/issues/{issue.pk}/office-answer/", {"version": issue.version, "text": LONG}
        )
    )
    assert "答复内容：最多 2000 字（现有 2350 字）" in page
    assert "确保该变量" not in page and "text：" not in page
    box = re.search(r'<textarea name="text"[^>]*>([^<]*)</textarea>', page)
    assert box is not None and LONG in box.group(1)
    assert 'aria-invalid="true"' in box.group(0)
    assert 'aria-describedby="office-answer-text-error office-answer-text-count"' in box.group(0)
    assert 'id="office-answer-text-error"' in page
    assert 'maxlength="2000"' in box.group(0)
    assert "已输入 <span data-count>2350</span> / 2000 字" in page
    assert fresh(issue).status == Status.REFERRED and not fresh(issue).answer_draft


def test_a_blank_answer_by_the_union_gets_an_error_summary_linking_to_the_box(province, client_for):
    issue = submit(province)
    officer = province.officer_a
    issue = services.issue_accept(
        actor=officer, issue=issue, expected_version=issue.version, reply="收到"
    )
    issue = services.issue_start(actor=officer, issue=issue, expected_version=issue.version)
    page = _page(
        client_for("officer_a").post(
            f"/rights/issues/{issue.pk}/answer/", {"version": issue.version, "text": "  "}
        )
    )
    summary = re.search(r'<div class="alert alert-danger tx-error-summary".*?</div>', page, re.S)
    assert summary is not None
    assert 'role="alert"' in summary.group(0) and 'tabindex="-1"' in summary.group(0)
    assert '<a class="alert-link" href="#answer-text">答复内容：请填写此项。</a>' in page
    assert 'id="answer-text"' in page
    assert fresh(issue).status == Status.IN_PROGRESS


def test_a_refusal_by_the_service_keeps_the_typed_text(province, client_for):
    issue = walk(province, Status.ACCEPTED)
    office = province.logistics_office_a.pk
    page = _page(
        client_for("officer_a").post(
            f"/rights/issues/{issue.pk}/refer/",
            {
                "version": issue.version,
                "lead_office": office,
                "co_offices": [office],
                "note": "请后勤处核实价格",
            },
        )
    )
    assert "协办部门（可多选）：牵头部门不能同时是协办部门。" in page
    assert ">\n请后勤处核实价格</textarea>" in page
    assert f'<option value="{office}" selected>' in page
    assert fresh(issue).status == Status.ACCEPTED


def test_a_stale_form_shows_the_page_as_it_is_now_with_the_reason(province, client_for):
    issue = submit(province)
    client = client_for("officer_a")
    client.post(f"/rights/issues/{issue.pk}/accept/", {"version": issue.version, "reply": "先"})
    page = _page(
        client.post(
            f"/rights/issues/{issue.pk}/decline/",
            {"version": issue.version, "reason": "unclear", "explanation": "我写的说明"},
        )
    )
    assert "已被他人修改" in page
    assert "我写的说明" not in page  # the decline form is gone: the issue is accepted now
    assert 'data-testid="error-summary"' not in page  # no summary linking to a missing box
    assert fresh(issue).status == Status.ACCEPTED


def test_decline_offers_no_reason_until_the_officer_chooses_one(province, client_for):
    issue = submit(province)
    client = client_for("officer_a")
    page = _page(client.get(f"/rights/issues/{issue.pk}/"))
    select = re.search(r'<select name="reason".*?</select>', page, re.S)
    assert select is not None
    assert '<option value="" selected>请选择理由</option>' in select.group(0)
    assert select.group(0).count("selected") == 1
    page = _page(
        client.post(
            f"/rights/issues/{issue.pk}/decline/",
            {"version": issue.version, "explanation": "说明写好了"},
        )
    )
    assert "不予受理理由：请选择此项。" in page and "说明写好了" in page
    assert fresh(issue).status == Status.SUBMITTED


def test_each_form_on_the_officers_page_has_a_heading(province, client_for):
    issue = submit(province)
    page = _page(client_for("officer_a").get(f"/rights/issues/{issue.pk}/"))
    forms = re.findall(
        r'<form method="post" action="/rights/issues/\d+/[^"]+".*?</form>', page, re.S
    )
    assert len(forms) >= 4
    for form in forms:
        heading = re.search(r'<h3 class="h6 fw-bold" id="(h-[\w-]+)">[^<]+</h3>', form)
        assert heading is not None, form[:120]
        assert f'aria-labelledby="{heading.group(1)}"' in form


def test_withdrawal_asks_for_confirmation_before_it_happens(province, client_for):
    issue = submit(province)
    client = client_for("student_a")
    page = _page(client.post(f"/rights/issues/{issue.pk}/withdraw/", {"version": issue.version}))
    assert "确定撤回这条诉求吗" in page and 'name="confirm" value="1"' in page
    assert fresh(issue).status == Status.SUBMITTED
    response = client.post(
        f"/rights/issues/{issue.pk}/withdraw/", {"version": issue.version, "confirm": "1"}
    )
    assert response.status_code == 302
    assert fresh(issue).status == Status.WITHDRAWN


def test_a_reopened_issue_shows_the_new_round_first_and_the_old_answer_under_history(
    province, client_for
):
    issue = walk(province, Status.FED_BACK)
    services.issue_rate(
        actor=province.student_a,
        issue=issue,
        expected_version=issue.version,
        rating="dissatisfied",
        reason="价格还是 15 元",
    )
    page = _page(client_for("officer_a").get(f"/rights/issues/{issue.pk}/"))
    assert 'data-testid="answer"' not in page and 'data-testid="feedback"' not in page
    actions, history = page.index('data-testid="actions"'), page.index('data-testid="history"')
    assert actions < history
    old = page[history:]
    assert "<details" in old and "经核实，已恢复原价。" in old and "食堂已恢复 12 元套餐。" in old


def test_the_student_reads_24_hours_not_a_bare_date_and_the_officer_keeps_the_deadline(
    province, client_for
):
    issue = submit(province)
    student = _page(client_for("student_a").get(f"/rights/issues/{issue.pk}/"))
    assert "学生会须在提交后 24 小时内首次回复" in student
    assert 'data-testid="due"' not in student
    officer = _page(client_for("officer_a").get(f"/rights/issues/{issue.pk}/"))
    assert 'data-testid="due"' in officer


def test_the_student_reads_what_a_working_day_deadline_means(province, client_for):
    issue = walk(province, Status.REFERRED)
    student = _page(client_for("student_a").get(f"/rights/issues/{issue.pk}/"))
    explained = re.search(r'data-testid="due-explained">([^<]+)<', student)
    assert explained is not None
    assert explained.group(1).startswith("预计答复期限：") and "按工作日计算" in explained.group(1)


def test_the_api_refers_with_the_form_of_the_page(province, client_for):
    issue = walk(province, Status.ACCEPTED)
    response = client_for("officer_a").post(
        f"/api/v1/rights/issues/{issue.pk}/refer",
        {"version": issue.version, "lead_office": province.logistics_office_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert fresh(issue).status == Status.REFERRED
