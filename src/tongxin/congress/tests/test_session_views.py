"""The congress pages: the union's page, the session page with its steps, the supervisor's
page, the past-session entry and the rules page."""

import datetime

import pytest

from tongxin.congress.models import CongressRule, Session, SessionState
from tongxin.congress.tests.session_factories import attach_report, fresh, line, walk
from tongxin.testing.clock import moment

pytestmark = pytest.mark.time_machine(moment("2025-03-03"))


def _post(client, session: Session, action: str, **data):
    return client.post(
        f"/congress/sessions/{session.pk}/{action}/", {"version": session.version, **data}
    )


def test_the_union_page_creates_the_line_and_offers_to_plan(province, client_for):
    client = client_for("college_officer_a1")
    page = client.get("/congress/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "应于 2026-03-03 前召开" in text and 'data-testid="plan"' in text
    created = client.post(f"/congress/lines/{line(province).pk}/plan/")
    session = Session.objects.get(line=line(province))
    assert created.url == f"/congress/sessions/{session.pk}/"


def test_the_whole_path_through_the_pages(province, client_for):
    officer, advisor = client_for("college_officer_a1"), client_for("advisor_a")
    session = walk(province, SessionState.PLANNED)
    response = _post(
        officer,
        session,
        "apply",
        planned_start="2025-03-10",
        planned_end="2025-03-10",
        place="报告厅",
        agenda="工作报告",
        delegate_seats="30",
        form="congress",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = fresh(session)
    assert session.state == SessionState.APPLIED
    supervise = advisor.get("/congress/supervise/").content.decode()
    assert f"/congress/sessions/{session.pk}/" in supervise
    _post(advisor, session, "approve", note="同意")
    session = fresh(session)
    _post(officer, session, "confirm")
    session = fresh(session)
    assert session.state == SessionState.CONFIRMED


def test_a_refused_step_shows_the_reason_and_changes_nothing(province, client_for):
    session = walk(province, SessionState.PLANNED)
    response = _post(
        client_for("college_officer_a1"), session, "apply", place="", agenda="x", delegate_seats=3
    )
    assert response.status_code == 200
    assert "请填写拟召开开始日期" in response.content.decode()
    assert fresh(session).state == SessionState.PLANNED


def test_a_stale_page_is_refused(province, client_for):
    session = walk(province, SessionState.APPLIED)
    response = client_for("advisor_a").post(
        f"/congress/sessions/{session.pk}/approve/", {"version": session.version - 1}
    )
    assert "已被他人修改" in response.content.decode()
    assert fresh(session).state == SessionState.APPLIED


def test_a_step_by_the_wrong_supervisor_is_refused(province, client_for):
    session = walk(province, SessionState.APPLIED, union="union_a")
    assert _post(client_for("city_staff_2"), session, "approve").status_code == 404
    assert _post(client_for("advisor_a"), session, "approve").status_code == 403
    assert fresh(session).state == SessionState.APPLIED


def test_the_advisor_enters_a_past_congress_on_the_line_page(province, client_for):
    college = line(province)
    client = client_for("advisor_a")
    page = client.get(f"/congress/lines/{college.pk}/").content.decode()
    assert 'data-testid="past"' in page
    client.post(f"/congress/lines/{college.pk}/past/", {"version": 1, "held_on": "2024-11-20"})
    assert fresh(college).held_before_tongxin_on is None  # no report attached yet
    attach_report(province.advisor_a, college)
    client.post(f"/congress/lines/{college.pk}/past/", {"version": 1, "held_on": "2024-11-20"})
    assert fresh(college).due_on == datetime.date(2025, 11, 20)


def test_overdue_unions_are_flagged_on_the_supervisors_page(province, client_for):
    college = line(province)
    type(college).objects.filter(pk=college.pk).update(due_on=datetime.date(2025, 1, 6))
    page = client_for("advisor_a").get("/congress/supervise/").content.decode()
    assert "已逾期" in page and f"watched-{province.college_union_a1.pk}" in page


def test_the_rules_page_saves_one_level(province, client_for):
    client = client_for("province_admin")
    assert client.get("/congress/rules/").status_code == 200
    data = {
        "level": "college",
        "college-interval_months": "12",
        "college-reminder_days": "20",
        "college-assembly_max_students": "300",
        "college-assembly_quorum_permille": "500",
        "college-proposal_max_lead": "2",
        "college-proposal_min_cosigners": "2",
        "college-election_candidate_percent": "130",
        "college-election_max_rounds": "2",
    }
    assert client.post("/congress/rules/", data).status_code == 302
    rule = CongressRule.objects.get(level="college")
    assert (rule.assembly_max_students, rule.election_candidate_percent) == (300, 130)
    assert rule.election_max_rounds == 2
    bad = client.post("/congress/rules/", {**data, "college-interval_months": "0"})
    assert "召开周期" in bad.content.decode()


def test_the_officers_home_and_todo_name_the_congress(province, client_for):
    line(province)
    walk(province, SessionState.APPROVED)
    home = client_for("college_officer_a1").get("/").content.decode()
    assert "本学生会应于 2026-03-03 前召开代表大会" in home
    todo = client_for("college_officer_a1").get("/todo/").content.decode()
    assert "代表大会已批复，待回执" in todo
    walk(province, SessionState.APPLIED, union="union_a")
    assert "代表大会召开申请待审批" in client_for("city_staff_1").get("/todo/").content.decode()


def test_the_advisors_and_the_citys_home_count_overdue_unions(province, client_for):
    for key in ["college_union_a1", "union_a"]:
        overdue = line(province, key)
        type(overdue).objects.filter(pk=overdue.pk).update(due_on=datetime.date(2025, 1, 6))
    assert "2 个学生会未按期召开代表大会" in client_for("advisor_a").get("/").content.decode()
    assert "1 个学生会未按期召开代表大会" in client_for("city_staff_1").get("/").content.decode()
    assert "未按期召开" not in client_for("city_staff_2").get("/").content.decode()


def test_an_assembly_shows_its_quorum(province, client_for):
    from tongxin.congress import selectors, services
    from tongxin.congress.tests.session_factories import apply_values, step

    session = walk(province, SessionState.PLANNED)
    session = services.session_apply(
        actor=province.college_officer_a1,
        session=session,
        expected_version=session.version,
        **apply_values(delegate_seats=None),
        form="assembly",
    )
    students = selectors.college_student_count(province.college_a1.pk)
    page = client_for("advisor_a").get(f"/congress/sessions/{session.pk}/").content.decode()
    assert f"本院学生 {students} 人，实到须超过 {students // 2} 人" in page
    session = step(province, step(province, session, "approve"), "confirm")
    session = services.session_hold(
        actor=province.college_officer_a1,
        session=session,
        expected_version=session.version,
        held_start=session.planned_start,
        held_end=session.planned_start,
        attendance=students,
    )
    page = client_for("advisor_a").get(f"/congress/sessions/{session.pk}/").content.decode()
    assert "（已达到）" in page
