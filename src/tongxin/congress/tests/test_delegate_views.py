"""The delegates' pages and API, end to end on the tiny province: prepare, enter, import
(all-or-nothing), submit, object, answer, confirm, print, and the delegate's badge."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from tongxin.congress.models import Delegate, DelegateList, DelegateListState
from tongxin.core.tests.printables.reading import pdf_text
from tongxin.testing.clock import moment

from .delegate_world import add_students, approved_session

S = DelegateListState
MONDAY = "2026-03-02"


def _xlsx(rows: list[list[object]], headers: tuple[str, ...] = ("学号", "姓名", "得票")) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def prepared(province, client_for):
    add_students(province, 1, 10, 3001000)
    add_students(province, 2, 5, 3002000)
    session = approved_session(province, seats=4)
    officer = client_for("officer_a")
    page = officer.get("/congress/delegates/").content.decode()
    assert 'data-testid="sessions-to-prepare"' in page
    response = officer.post(f"/congress/delegates/prepare/{session.pk}/")
    dl = DelegateList.objects.get(session=session)
    assert response.status_code == 302 and response["Location"] == f"/congress/delegates/{dl.pk}/"
    return dl


def _post(client, dl, step, **data):
    dl = DelegateList.objects.get(pk=dl.pk)
    return client.post(f"/congress/delegates/{dl.pk}/{step}/", {"version": dl.version, **data})


@pytest.mark.time_machine(moment(MONDAY))
def test_the_list_from_page_entry_to_the_badge(prepared, province, client_for, time_machine):
    dl, officer = prepared, client_for("officer_a")
    for number in ["2022001", "3001000", "3002000"]:
        _post(officer, dl, "add", number=number)
    upload = SimpleUploadedFile("代表.xlsx", _xlsx([["3001001", "代表候选3001001", 88]]))
    response = officer.post(
        f"/congress/delegates/{dl.pk}/import/",
        {"version": DelegateList.objects.get(pk=dl.pk).version, "file": upload},
    )
    assert Delegate.objects.filter(delegate_list=dl).count() == 4
    page = officer.get(f"/congress/delegates/{dl.pk}/").content.decode()
    assert 'data-testid="quotas"' in page and "非工作人员占 75.0%" in page
    _post(officer, dl, "submit")
    assert DelegateList.objects.get(pk=dl.pk).state == S.NOTICE
    # Any student of the school sees it and may object; the sibling school does not see it.
    page = client_for("student_a2").get(f"/congress/delegates/{dl.pk}/").content.decode()
    assert 'data-testid="object-form"' in page and 'data-testid="quotas"' not in page
    assert client_for("student_b").get(f"/congress/delegates/{dl.pk}/").status_code == 404
    _post(client_for("student_a2"), dl, "object", text="有代表本学期休学。")
    assert DelegateList.objects.get(pk=dl.pk).state == S.PAUSED
    todo = client_for("advisor_a").get("/todo/").content.decode()
    assert "代表名单异议待答复" in todo
    objection = dl.objections.get()
    _post(client_for("advisor_a"), dl, "answer", objection=objection.pk, answer="经核实无误。")
    assert DelegateList.objects.get(pk=dl.pk).state == S.NOTICE
    time_machine.move_to(moment("2026-03-12"))
    version = DelegateList.objects.get(pk=dl.pk).version
    response = client_for("advisor_a").post(
        f"/api/v1/congress/delegates/lists/{dl.pk}/confirm",
        json.dumps({"version": version}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["state"] == S.CONFIRMED
    # The printable notice carries the names in Chinese.
    content = client_for("student_a").get(f"/congress/delegates/{dl.pk}/pdf/").content
    text = pdf_text(content)
    assert "代表名单公示" in text and "代表候选3001001" in text and "赵主席" in text
    # The delegate's home shows the badge, and their duties page the term.
    home = client_for("officer_a").get("/").content.decode()
    assert 'data-testid="delegate-badge"' in home and "任期至 2027-03-11" in home
    assert 'data-testid="delegate-badge"' not in client_for("student_a2").get("/").content.decode()
    mine = client_for("officer_a").get("/api/v1/congress/delegates/mine").json()
    assert [m["list_id"] for m in mine] == [dl.pk] and mine[0]["duties"]


@pytest.mark.time_machine(moment(MONDAY))
def test_an_import_with_bad_rows_writes_nothing_and_names_every_row(prepared, client_for):
    dl, officer = prepared, client_for("officer_a")
    _post(officer, dl, "add", number="3001000")
    rows = [
        ["3001001", "代表候选3001001", 10],  # good
        ["9999999", "无此人", 1],  # unknown number
        ["3001002", "别人", 2],  # wrong name
        ["3001000", "代表候选3001000", 3],  # already on the list
        ["3001003", "代表候选3001003", "很多"],  # votes not a number
        ["3001001", "代表候选3001001", 4],  # twice in the file
        ["2024001", "刘同学", 0],  # school A has no such number (刘 is in school C)
    ]
    version = DelegateList.objects.get(pk=dl.pk).version
    response = officer.post(
        f"/api/v1/congress/delegates/lists/{dl.pk}/import?version={version}",
        {"file": SimpleUploadedFile("代表.xlsx", _xlsx(rows))},
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    for expected in [
        "第 3 行“学号”：本校没有学号为“9999999”的学生。",
        "第 4 行“姓名”：学号 3001002 的姓名是“代表候选3001002”，不是“别人”。",
        "第 5 行“学号”：代表候选3001000已在代表名单中。",
        "第 6 行“得票”：得票“很多”应为非负整数。",
        "第 7 行“学号”：与第 2 行重复。",
    ]:
        assert expected in detail
    assert Delegate.objects.filter(delegate_list=dl).count() == 1
    missing = officer.post(
        f"/api/v1/congress/delegates/lists/{dl.pk}/import?version={version}",
        {"file": SimpleUploadedFile("代表.xlsx", _xlsx([["1"]], headers=("学号",)))},
    )
    assert "缺少表头“姓名”" in missing.json()["detail"]


@pytest.mark.time_machine(moment(MONDAY))
def test_the_api_detail_hides_the_checks_from_students_and_stays_bounded(
    prepared, province, client_for
):
    dl, officer = prepared, client_for("officer_a")
    url = f"/api/v1/congress/delegates/lists/{dl.pk}"
    _post(officer, dl, "add", number="3001000")
    with CaptureQueriesContext(connection) as few:
        assert officer.get(url).json()["composition"]["entered"] == 1
    for number in ["3001001", "3001002", "3002000"]:
        _post(officer, dl, "add", number=number)
    with CaptureQueriesContext(connection) as more:
        body = officer.get(url).json()
    assert body["composition"]["entered"] == 4 and body["steps"] == ["recount", "submit"]
    assert len(more.captured_queries) == len(few.captured_queries)
    _post(officer, dl, "submit")
    seen = client_for("student_a").get(url).json()
    assert seen["composition"] is None and seen["quotas"] == [] and seen["can_object"]
    assert {m["votes"] for m in seen["members"]} == {None}


@pytest.mark.time_machine(moment(MONDAY))
def test_refusals_answer_in_chinese_and_change_nothing(prepared, client_for):
    dl, officer = prepared, client_for("officer_a")
    response = officer.post(
        f"/api/v1/congress/delegates/lists/{dl.pk}/submit",
        json.dumps({"version": DelegateList.objects.get(pk=dl.pk).version}),
        content_type="application/json",
    )
    assert (
        response.status_code == 400
        and "代表名额共 4 名，已录入 0 名。" in response.json()["detail"]
    )
    stale = officer.post(
        f"/api/v1/congress/delegates/lists/{dl.pk}/members",
        json.dumps({"version": 99, "number": "3001000"}),
        content_type="application/json",
    )
    assert stale.status_code in (400, 409) and "已被他人修改" in stale.json()["detail"]
    other = client_for("college_officer_a1").post(
        f"/api/v1/congress/delegates/lists/{dl.pk}/members",
        json.dumps({"version": dl.version, "number": "3001000"}),
        content_type="application/json",
    )
    assert other.status_code == 404  # a college union's officer does not see the draft
    assert DelegateList.objects.get(pk=dl.pk).state == S.DRAFT


@pytest.mark.time_machine(moment(MONDAY))
def test_the_lists_and_the_home_badge_cost_the_same_queries_for_more_lists(province, client_for):
    from tongxin.congress.tests.matrix_delegates import _list

    advisor, delegate = client_for("advisor_a"), client_for("student_a")
    _list(province, "union_a", "advisor_a", S.NOTICE)
    for warm_up in ("/api/v1/congress/delegates/lists", "/congress/delegates/", "/"):
        advisor.get(warm_up)
        delegate.get(warm_up)
    with CaptureQueriesContext(connection) as few:
        assert len(advisor.get("/api/v1/congress/delegates/lists").json()["items"]) == 1
        advisor.get("/congress/delegates/")
        delegate.get("/")
    for union in ("college_union_a1", "college_union_a2", "grad_union_a"):
        _list(province, union, "advisor_a", S.DRAFT)
    with CaptureQueriesContext(connection) as more:
        assert len(advisor.get("/api/v1/congress/delegates/lists").json()["items"]) == 4
        advisor.get("/congress/delegates/")
        delegate.get("/")
    assert len(more.captured_queries) == len(few.captured_queries)
