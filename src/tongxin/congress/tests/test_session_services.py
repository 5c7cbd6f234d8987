"""Every session step through its service: what it writes, who may take it, and the
refusals (wrong supervisor, stale version, report before held, bad input)."""

import datetime

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.congress import services
from tongxin.congress.models import CongressForm, CongressLine, CongressRule, SessionEvent
from tongxin.congress.models import SessionState as S
from tongxin.congress.tests.session_factories import (
    apply_values,
    attach_report,
    fresh,
    hold_values,
    line,
    report_values,
    step,
    walk,
)
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.notifications.models import Notification
from tongxin.testing.clock import moment

# A day in a year the working-day calendar knows (the due dates a year on, too).
pytestmark = pytest.mark.time_machine(moment("2025-03-03"))


def test_line_for_is_idempotent_and_names_the_supervising_body(province):
    college = services.line_for(province.college_union_a1)
    assert services.line_for(province.college_union_a1).pk == college.pk
    assert college.supervisor_id == province.school_a.pk
    assert college.level == "college"
    school = services.line_for(province.union_a)
    assert school.supervisor_id == province.city_1.pk
    assert services.line_for(province.grad_union_a).supervisor_id == province.city_1.pk
    assert CongressLine.objects.count() == 3


def test_a_school_under_a_county_is_supervised_by_its_city(province):
    from tongxin.orgs.models import Node

    union_c = Node.objects.get(school=province.school_c, kind="school_union")
    assert services.line_for(union_c).supervisor_id == province.city_1.pk


def test_the_main_path_writes_a_timeline_audit_events_and_notifications(province):
    session = walk(province, S.CLOSED)
    kinds = list(SessionEvent.objects.filter(session=session).values_list("kind", flat=True))
    assert kinds == ["planned", "applied", "approved", "confirmed", "held", "reported", "closed"]
    actions = set(
        AuditEvent.objects.filter(action__startswith="congress.session.").values_list(
            "action", flat=True
        )
    )
    assert {f"congress.session.{k}" for k in kinds} <= actions
    assert Notification.objects.filter(recipient=province.advisor_a).exists()
    assert Notification.objects.filter(recipient=province.college_officer_a1).exists()
    assert session.version == 7


def test_holding_moves_the_lines_last_held_and_due_dates_in_the_same_step(province):
    session = walk(province, S.CONFIRMED)
    before = fresh(session.line).due_on
    step(province, session, "hold")
    after = fresh(session.line)
    assert after.last_held_on == session.held_start or after.last_held_on is not None
    assert after.due_on > before or after.due_on == before  # today + 12 months ≥ set-up + 12
    assert after.due_on >= after.last_held_on + datetime.timedelta(days=360)


def test_a_returned_application_is_applied_again(province):
    session = walk(province, S.RETURNED)
    assert session.decision_note == "议程不全"
    again = step(province, session, "apply")
    assert again.state == S.APPLIED


def test_the_wrong_supervisor_is_refused(province):
    session = walk(province, S.APPLIED)  # college union A1: the advisor of school A decides
    for persona in ["advisor_b", "city_staff_1", "secretary_a1", "college_officer_a1"]:
        with pytest.raises(NotAllowed) as refused:
            services.session_approve(
                actor=province.people[persona], session=session, expected_version=session.version
            )
        assert "校团委" in str(refused.value)
    school_level = walk(province, S.APPLIED, union="union_a")  # the city decides
    for persona in ["city_staff_2", "advisor_a", "county_specialist", "province_staff"]:
        with pytest.raises(NotAllowed):
            services.session_return(
                actor=province.people[persona],
                session=school_level,
                expected_version=school_level.version,
                reason="不行",
            )
    assert fresh(school_level).state == S.APPLIED


def test_a_sibling_college_officer_cannot_apply(province):
    session = services.session_plan(actor=province.college_officer_a1, line=line(province))
    with pytest.raises(NotAllowed):
        services.session_apply(
            actor=province.college_officer_a2,
            session=session,
            expected_version=session.version,
            **apply_values(),
        )


def test_a_stale_version_is_refused_and_changes_nothing(province):
    session = walk(province, S.APPLIED)
    with pytest.raises(StaleObject):
        services.session_approve(
            actor=province.advisor_a, session=session, expected_version=session.version - 1
        )
    assert fresh(session).state == S.APPLIED


def test_the_report_before_the_congress_is_held_is_refused(province):
    session = walk(province, S.CONFIRMED)
    with pytest.raises(DomainError) as refused:
        services.session_report(
            actor=province.college_officer_a1,
            session=session,
            expected_version=session.version,
            **report_values(),
        )
    assert refused.value.field == "state"
    assert "已召开" in refused.value.message


def test_one_open_session_per_line(province):
    walk(province, S.APPLIED)
    with pytest.raises(DomainError):
        services.session_plan(actor=province.college_officer_a1, line=line(province))


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"place": " "}, "place"),
        ({"agenda": ""}, "agenda"),
        ({"delegate_seats": 0}, "delegate_seats"),
        ({"planned_start": None}, "planned_start"),
        ({"planned_start": datetime.date(2000, 1, 1)}, "planned_start"),
        ({"planned_end": datetime.date(2000, 1, 1)}, "planned_end"),
    ],
)
def test_a_bad_application_names_its_field(province, over, field):
    session = services.session_plan(actor=province.college_officer_a1, line=line(province))
    with pytest.raises(DomainError) as refused:
        services.session_apply(
            actor=province.college_officer_a1,
            session=session,
            expected_version=session.version,
            **apply_values(**over),
        )
    assert refused.value.field == field


def test_returning_needs_a_reason(province):
    session = walk(province, S.APPLIED)
    with pytest.raises(DomainError) as refused:
        services.session_return(
            actor=province.advisor_a, session=session, expected_version=session.version, reason=""
        )
    assert refused.value.field == "note"


def test_holding_in_the_future_or_above_the_seats_is_refused(province):
    session = walk(province, S.CONFIRMED)
    future = hold_values(held_start=datetime.date(2025, 4, 2))
    for values, field in [(future, "held_start"), (hold_values(attendance=31), "attendance")]:
        with pytest.raises(DomainError) as refused:
            services.session_hold(
                actor=province.college_officer_a1,
                session=session,
                expected_version=session.version,
                **values,
            )
        assert refused.value.field == field


def _assembly(province):
    session = services.session_plan(actor=province.college_officer_a1, line=line(province))
    return services.session_apply(
        actor=province.college_officer_a1,
        session=session,
        expected_version=session.version,
        **apply_values(delegate_seats=None),
        form=CongressForm.ASSEMBLY,
    )


def _more_students(province, count: int) -> None:
    from tongxin.accounts.models import Membership, Role, User

    for i in range(count):
        user = User.objects.create_user(
            f"TA01-20249{i}",
            "x",
            real_name=f"新同学{i}",
            school=province.school_a,
            number=f"20249{i}",
            college=province.college_a1,
            klass=province.class_a1,
        )
        Membership.objects.create(
            user=user, node=province.class_a1, school=province.school_a, role=Role.STUDENT
        )


def test_an_assembly_needs_a_small_college_and_more_than_half_attending(province):
    from tongxin.congress import selectors

    _more_students(province, 3)  # with 张同学: four students in college A1
    assert selectors.college_student_count(province.college_a1.pk) == 4
    session = _assembly(province)
    assert session.form == CongressForm.ASSEMBLY and session.delegate_seats is None
    session = step(province, step(province, session, "approve"), "confirm")
    for attendance, problem in [(2, "未达法定人数"), (5, "不能超过本院学生数")]:
        with pytest.raises(DomainError) as refused:
            services.session_hold(
                actor=province.college_officer_a1,
                session=session,
                expected_version=session.version,
                **hold_values(attendance=attendance),
            )
        assert refused.value.field == "attendance" and problem in refused.value.message
    held = services.session_hold(
        actor=province.college_officer_a1,
        session=session,
        expected_version=session.version,
        **hold_values(attendance=3),
    )
    assert held.state == S.HELD


def test_a_large_college_may_not_hold_an_assembly(province):
    CongressRule.objects.create(level="college", assembly_max_students=1)
    with pytest.raises(DomainError) as refused:
        _assembly(province)
    assert refused.value.field == "form"


def test_a_school_union_may_not_hold_an_assembly(province):
    session = services.session_plan(actor=province.officer_a, line=line(province, "union_a"))
    with pytest.raises(DomainError) as refused:
        services.session_apply(
            actor=province.officer_a,
            session=session,
            expected_version=session.version,
            **apply_values(),
            form=CongressForm.ASSEMBLY,
        )
    assert refused.value.field == "form"


def test_cancel_before_held_frees_the_line(province):
    session = walk(province, S.CANCELLED)
    assert session.state == S.CANCELLED
    assert services.session_plan(actor=province.college_officer_a1, line=line(province)).number == 2


def test_the_advisor_enters_the_last_congress_before_tongxin_with_its_report(province):
    college = line(province)
    assert college.set_up_on == datetime.date(2025, 3, 3)
    with pytest.raises(DomainError) as refused:
        services.line_enter_past(
            actor=province.advisor_a,
            line=college,
            expected_version=college.version,
            held_on=datetime.date(2024, 11, 20),
        )
    assert refused.value.field == "file"
    attach_report(province.advisor_a, college)
    with pytest.raises(NotAllowed):
        services.line_enter_past(
            actor=province.college_officer_a1,
            line=college,
            expected_version=college.version,
            held_on=datetime.date(2024, 11, 20),
        )
    entered = services.line_enter_past(
        actor=province.advisor_a,
        line=college,
        expected_version=college.version,
        held_on=datetime.date(2024, 11, 20),
    )
    assert entered.due_on == datetime.date(2025, 11, 20)


def test_the_rules_are_the_province_admins(province):
    with pytest.raises(NotAllowed):
        services.rule_save(actor=province.advisor_a, level="college", values={"reminder_days": 9})
    with pytest.raises(DomainError) as refused:
        services.rule_save(
            actor=province.province_admin, level="college", values={"interval_months": 0}
        )
    assert refused.value.field == "interval_months"
    rule = services.rule_save(
        actor=province.province_admin, level="college", values={"reminder_days": 9}
    )
    assert rule.reminder_days == 9


def test_the_province_sets_the_proposal_and_election_numbers(province):
    with pytest.raises(DomainError) as refused:
        services.rule_save(
            actor=province.province_admin,
            level="school",
            values={"election_candidate_percent": 110},
        )
    assert refused.value.field == "election_candidate_percent"  # below DOMAIN's 20 % more
    rule = services.rule_save(
        actor=province.province_admin,
        level="school",
        values={
            "election_max_rounds": 2,
            "election_candidate_percent": 150,
            "proposal_max_lead": 1,
        },
    )
    assert (rule.election_max_rounds, rule.election_candidate_percent) == (2, 150)
    assert rule.proposal_max_lead == 1
