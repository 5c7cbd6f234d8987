"""Every row of the rights loop's transition table, and refusals of everything else."""

import pytest
from django.utils import timezone

from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.notifications.models import Notification
from tongxin.rights import services
from tongxin.rights.models import Clock, IssueClock, IssueSupport, Rating, RightsSettings, Status

from .factories import category, fresh, submit, walk

pytestmark = pytest.mark.django_db


def v(issue):
    return {"issue": fresh(issue), "expected_version": fresh(issue).version}


def test_submission_goes_to_the_school_union_with_a_24_hour_first_reply_clock(province):
    issue = submit(province)
    assert (issue.status, issue.union_id, issue.school_id) == (
        Status.SUBMITTED,
        province.union_a.pk,
        province.school_a.pk,
    )
    clock = IssueClock.objects.get(issue=issue)
    assert (
        clock.clock == Clock.FIRST_REPLY
        and (clock.due_at - clock.started_at).total_seconds() == 24 * 3600
    )
    assert Notification.objects.filter(recipient=province.officer_a).exists()


def test_graduate_students_go_to_the_graduate_union(province):
    student = province.student_a
    student.level = "graduate"
    student.save()
    assert submit(province).union_id == province.grad_union_a.pk


def test_advisor_mapped_category_goes_to_the_students_college_union(province):
    from tongxin.rights.models import CategoryRoute

    CategoryRoute.objects.create(school=province.school_a, category=category("宿舍与水电"))
    assert submit(province, category_name="宿舍与水电").union_id == province.college_union_a1.pk
    assert submit(province).union_id == province.union_a.pk


def test_officer_accepts_with_a_first_reply(province):
    issue = walk(province, Status.ACCEPTED)
    assert issue.first_reply == "已收到，正在核实。"
    assert IssueClock.objects.get(issue=issue, clock=Clock.FIRST_REPLY).met
    assert IssueClock.objects.get(issue=issue, clock=Clock.DECIDE, stopped_at__isnull=True)


@pytest.mark.parametrize("reason", ["duplicate", "unclear", "out_of_powers", "commercial"])
def test_officer_declines_with_one_of_the_four_reasons(province, reason):
    issue = services.issue_decline(
        actor=province.officer_a, reason=reason, explanation="理由说明", **v(submit(province))
    )
    assert (
        issue.status == Status.NOT_HANDLED
        and issue.decline_reason == reason
        and issue.due_at is None
    )


def test_decline_with_an_unknown_reason_is_refused(province):
    with pytest.raises(DomainError) as err:
        services.issue_decline(
            actor=province.officer_a, reason="boring", explanation="x", **v(submit(province))
        )
    assert err.value.field == "reason"


@pytest.mark.parametrize("start", [Status.SUBMITTED, Status.ACCEPTED])
def test_merge_moves_the_supporters_to_the_target(province, start):
    target = submit(province, title="食堂涨价")
    issue = walk(province, start, title="二食堂也涨价了")
    services.issue_support(actor=province.student_a2, issue=issue)
    services.issue_support(
        actor=province.student_a2, issue=target
    )  # already supports both: counted once
    merged = services.issue_merge(actor=province.officer_a, into=target, **v(issue))
    assert merged.status == Status.MERGED and merged.merged_into_id == target.pk
    assert fresh(target).supporters_count == 1
    assert IssueSupport.objects.filter(issue=target).count() == 1
    assert fresh(issue).supporters_count == 0 and merged.supporters_count == 0
    assert not IssueSupport.objects.filter(issue=issue).exists()


@pytest.mark.parametrize("start", [Status.SUBMITTED, Status.ACCEPTED, Status.REFERRED])
def test_student_withdraws_an_open_issue(province, start):
    issue = services.issue_withdraw(actor=province.student_a, **v(walk(province, start)))
    assert issue.status == Status.WITHDRAWN and issue.due_at is None


def test_student_withdraws_while_in_progress(province):
    issue = walk(province, Status.ACCEPTED)
    services.issue_start(actor=province.officer_a, **v(issue))
    assert services.issue_withdraw(actor=province.student_a, **v(issue)).status == Status.WITHDRAWN


def test_union_solves_it_itself_and_answers(province):
    issue = walk(province, Status.ACCEPTED)
    issue = services.issue_start(actor=province.officer_a, **v(issue))
    assert issue.status == Status.IN_PROGRESS
    issue = services.issue_answer(
        actor=province.officer_a, answer="已协调食堂恢复原价。", **v(issue)
    )
    assert issue.status == Status.ANSWERED
    assert IssueClock.objects.get(issue=issue, stopped_at__isnull=True).clock == Clock.FEEDBACK


def test_referral_needs_offices_of_the_same_school(province):
    issue = walk(province, Status.ACCEPTED)
    with pytest.raises(DomainError):
        services.issue_refer(
            actor=province.officer_a,
            lead_office=province.logistics_office_b,
            co_offices=[],
            **v(issue),
        )
    with pytest.raises(DomainError):
        services.issue_refer(
            actor=province.officer_a, lead_office=province.college_a1, co_offices=[], **v(issue)
        )


def test_lead_office_returns_what_is_not_its_own(province):
    issue = walk(province, Status.REFERRED)
    issue = services.issue_return(actor=province.handler_a, reason="属于教务处职责", **v(issue))
    assert issue.status == Status.ACCEPTED and issue.lead_office_id is None
    assert IssueClock.objects.get(issue=issue, stopped_at__isnull=True).clock == Clock.DECIDE


def test_co_office_adds_input_before_the_lead_answers(province):
    issue = walk(province, Status.ACCEPTED)
    services.issue_refer(
        actor=province.officer_a,
        lead_office=province.logistics_office_a,
        co_offices=[province.academic_office_a],
        **v(issue),
    )
    from tongxin.accounts.models import Membership, Role

    clerk = province.student_a2  # any school-A person works as a handler once appointed
    Membership.objects.create(
        user=clerk,
        node=province.academic_office_a,
        school=province.school_a,
        role=Role.OFFICE_HANDLER,
    )
    services.issue_add_office_input(
        actor=clerk, issue=fresh(issue), office=province.academic_office_a, text="教务处无异议"
    )
    assert fresh(issue).office_inputs.get().text == "教务处无异议"
    with pytest.raises(NotAllowed):
        services.issue_add_office_input(
            actor=province.handler_a,
            issue=fresh(issue),
            office=province.logistics_office_a,
            text="lead office is not a co-office",
        )


def test_head_approval_when_the_school_requires_it(province):
    RightsSettings.objects.create(school=province.school_a, head_approval_required=True)
    issue = walk(province, Status.REFERRED)
    issue = services.issue_office_answer(actor=province.handler_a, answer="草稿答复", **v(issue))
    assert issue.status == Status.REFERRED and issue.answer_draft == "草稿答复"
    with pytest.raises(NotAllowed):
        services.issue_approve_answer(actor=province.handler_a, **v(issue))
    issue = services.issue_approve_answer(actor=province.office_head_a, **v(issue))
    assert issue.status == Status.ANSWERED and issue.answer == "草稿答复"


def test_the_head_answers_directly_even_with_approval_required(province):
    RightsSettings.objects.create(school=province.school_a, head_approval_required=True)
    issue = services.issue_office_answer(
        actor=province.office_head_a, answer="直接答复", **v(walk(province, Status.REFERRED))
    )
    assert issue.status == Status.ANSWERED


def test_fed_back_then_satisfied_closes(province):
    issue = walk(province, Status.CLOSED)
    assert issue.rating == Rating.SATISFIED and issue.closed_at is not None


def test_basically_satisfied_closes(province):
    issue = services.issue_rate(
        actor=province.student_a, rating="basically", **v(walk(province, Status.FED_BACK))
    )
    assert issue.status == Status.CLOSED and issue.rating == Rating.BASICALLY


def test_first_dissatisfaction_reopens_and_restarts_the_decide_clock(province):
    issue = services.issue_rate(
        actor=province.student_a,
        rating="dissatisfied",
        reason="价格还是 15 元",
        **v(walk(province, Status.FED_BACK)),
    )
    assert issue.status == Status.ACCEPTED and issue.dissatisfied_count == 1
    assert IssueClock.objects.get(issue=issue, stopped_at__isnull=True).clock == Clock.DECIDE


def test_second_dissatisfaction_closes_and_flags_the_advisor(province):
    issue = walk(province, Status.FED_BACK)
    services.issue_rate(actor=province.student_a, rating="dissatisfied", reason="没变", **v(issue))
    for step in ("refer", "answer", "feed_back"):
        if step == "refer":
            services.issue_refer(
                actor=province.officer_a,
                lead_office=province.logistics_office_a,
                co_offices=[],
                **v(issue),
            )
        elif step == "answer":
            services.issue_office_answer(actor=province.handler_a, answer="再次核实", **v(issue))
        else:
            services.issue_feed_back(actor=province.officer_a, feedback="再次反馈", **v(issue))
    issue = services.issue_rate(
        actor=province.student_a, rating="dissatisfied", reason="仍然没变", **v(issue)
    )
    assert (
        issue.status == Status.CLOSED
        and issue.flagged_to_advisor
        and issue.rating == Rating.DISSATISFIED
    )
    assert Notification.objects.filter(
        recipient=province.advisor_a, title__contains="两次不满意"
    ).exists()


def test_dissatisfaction_needs_a_reason(province):
    with pytest.raises(DomainError) as err:
        services.issue_rate(
            actor=province.student_a,
            rating="dissatisfied",
            reason="",
            **v(walk(province, Status.FED_BACK)),
        )
    assert err.value.field == "reason"


def test_worker_closes_an_unrated_issue_after_seven_days(province):
    issue = walk(province, Status.FED_BACK)
    system = __import__("tongxin.accounts.services", fromlist=["system_actor"]).system_actor()
    assert services.issue_auto_close(actor=system, issue=issue, now=timezone.now()) is None
    later = issue.fed_back_at + timezone.timedelta(days=7, seconds=1)
    closed = services.issue_auto_close(actor=system, issue=issue, now=later)
    assert closed.status == Status.CLOSED and closed.rating == Rating.UNRATED


# --- refusals -------------------------------------------------------------------------

ILLEGAL = [
    (Status.SUBMITTED, "issue_start", {}),
    (Status.SUBMITTED, "issue_feed_back", {"feedback": "x"}),
    (Status.ACCEPTED, "issue_accept", {"reply": "x"}),
    (Status.ACCEPTED, "issue_answer", {"answer": "x"}),
    (Status.REFERRED, "issue_start", {}),
    (Status.ANSWERED, "issue_withdraw", {}),
    (Status.FED_BACK, "issue_withdraw", {}),
    (Status.CLOSED, "issue_accept", {"reply": "x"}),
    (Status.CLOSED, "issue_rate", {"rating": "satisfied"}),
]


@pytest.mark.parametrize(("state", "service", "extra"), ILLEGAL)
def test_transitions_outside_the_table_are_refused(province, state, service, extra):
    issue = walk(province, state)
    actor = (
        province.student_a if service in {"issue_withdraw", "issue_rate"} else province.officer_a
    )
    with pytest.raises(DomainError) as err:
        getattr(services, service)(actor=actor, **v(issue), **extra)
    assert "当前状态" in err.value.message
    assert fresh(issue).status == state


@pytest.mark.parametrize(
    "persona", ["student_a2", "college_officer_a1", "officer_b", "advisor_a", "handler_a"]
)
def test_only_the_queue_holders_officers_accept(province, persona):
    with pytest.raises(NotAllowed):
        services.issue_accept(actor=province.people[persona], reply="x", **v(submit(province)))


def test_only_the_reporter_withdraws_or_rates(province):
    with pytest.raises(NotAllowed):
        services.issue_withdraw(actor=province.student_a2, **v(submit(province)))
    with pytest.raises(NotAllowed):
        services.issue_rate(
            actor=province.officer_a, rating="satisfied", **v(walk(province, Status.FED_BACK))
        )


def test_a_stale_version_is_refused_and_nothing_changes(province):
    issue = submit(province)
    stale_version = issue.version
    services.issue_accept(
        actor=province.officer_a, issue=issue, expected_version=stale_version, reply="先到"
    )
    with pytest.raises(StaleObject):
        services.issue_decline(
            actor=province.officer_a,
            issue=issue,
            expected_version=stale_version,
            reason="unclear",
            explanation="后到",
        )
    assert fresh(issue).status == Status.ACCEPTED


def test_every_transition_is_audited(province):
    walk(province, Status.CLOSED)
    actions = list(
        AuditEvent.objects.filter(target_type="rights.issue")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "rights.issue.submitted",
        "rights.issue.accepted",
        "rights.issue.referred",
        "rights.issue.answered",
        "rights.issue.fed_back",
        "rights.issue.rated",
    ]


def test_empty_and_oversized_text_is_refused(province):
    with pytest.raises(DomainError) as err:
        submit(province, title="   ")
    assert err.value.field == "title"
    with pytest.raises(DomainError) as err:
        submit(province, description="字" * 2001)
    assert err.value.field == "description"


def test_submissions_are_rate_limited_per_student(province):
    RightsSettings.objects.create(school=province.school_a, daily_submission_limit=2)
    submit(province)
    submit(province, anonymous=True)  # anonymous ones count too
    with pytest.raises(DomainError) as err:
        submit(province)
    assert "上限" in err.value.message
    submit(province, student="student_a2")  # another student is not affected


def test_support_is_once_per_student_and_not_for_ones_own(province):
    issue = submit(province)
    services.issue_support(actor=province.student_a2, issue=issue)
    with pytest.raises(DomainError):
        services.issue_support(actor=province.student_a2, issue=fresh(issue))
    with pytest.raises(DomainError):
        services.issue_support(actor=province.student_a, issue=fresh(issue))
    assert fresh(issue).supporters_count == 1


def test_publication_needs_consent(province):
    issue = walk(province, Status.ANSWERED, publication_consent=False)
    with pytest.raises(DomainError):
        services.issue_publish(actor=province.officer_a, **v(issue))
    published = services.issue_publish(
        actor=province.officer_a, **v(walk(province, Status.ANSWERED))
    )
    assert published.published_at is not None


def test_a_withdrawal_before_the_deadline_cancels_the_clock(province):
    issue = services.issue_withdraw(actor=province.student_a, **v(submit(province)))
    clock = IssueClock.objects.get(issue=issue)
    assert clock.cancelled and clock.stopped_at is not None


def test_a_withdrawal_after_the_deadline_keeps_the_miss(province):
    issue = submit(province)
    IssueClock.objects.filter(issue=issue).update(
        due_at=timezone.now() - timezone.timedelta(hours=1)
    )
    services.issue_withdraw(actor=province.student_a, **v(issue))
    clock = IssueClock.objects.get(issue=issue)
    assert not clock.cancelled and clock.met is False
