"""The reply clock's ladder, climbed by the worker's shared clocks-escalate job: the lead
office two working days before the deadline and when it falls due, the school's advisor
three working days overdue; each rung audited and on the proposal's timeline."""

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.congress.proposal_models import DeadlineKind, ProposalState
from tongxin.congress.services import proposal_handling as handling
from tongxin.notifications.models import Notification
from tongxin.testing.clock import moment
from tongxin.workdays.calendar import end_of_day
from tongxin.workflow.clocks.tasks import escalate_clocks

from .proposal_factories_handling import fresh, referred_proposal

pytestmark = pytest.mark.django_db


def _notes(user, prefix):
    return Notification.objects.filter(recipient=user, title__startswith=prefix).count()


def _run() -> int:
    return escalate_clocks.call()


@pytest.mark.time_machine(moment("2026-03-10"))
def test_an_overdue_proposal_reminds_the_office_then_the_advisor(province, time_machine):
    p = referred_proposal(province, kind=DeadlineKind.SIMPLE)
    assert p.reply_due_at == end_of_day(moment("2026-03-31").date())  # a Tuesday
    assert _run() == 0
    time_machine.move_to(moment("2026-03-27"))  # Friday: two working days before
    assert _run() == 1
    assert _notes(province.handler_a, "【提醒】") == 1
    assert _notes(province.office_head_a, "【提醒】") == 1
    assert _notes(province.advisor_a, "【") == 0
    assert _run() == 0  # one rung per rung
    time_machine.move_to(moment("2026-04-01"))  # past the deadline
    assert _run() == 1
    assert _notes(province.handler_a, "【督办】") == 1
    time_machine.move_to(moment("2026-04-02"))  # two working days overdue: nobody new
    assert _run() == 0
    time_machine.move_to(moment("2026-04-03"))  # three working days overdue
    assert _run() == 1
    assert _notes(province.advisor_a, "【督办】") == 1
    assert _notes(province.people["academic_handler_a"], "【") == 0  # the co-office is not
    p = fresh(p)
    assert p.escalation_level == 3 and p.state == ProposalState.REFERRED
    lines = list(p.events.filter(kind="reminded").values_list("text", flat=True))
    assert len(lines) == 3 and "已报校团委督办" in lines[-1]
    audited = AuditEvent.objects.filter(action="congress.proposal_reply.escalated")
    assert audited.count() == 3
    # The reply goes out late: the clock stops, nothing more is sent.
    handling.proposal_reply(
        actor=province.handler_a,
        proposal=p,
        expected_version=p.version,
        result_class="A",
        text="已解决。",
    )
    time_machine.move_to(moment("2026-04-20"))
    assert _run() == 0


@pytest.mark.time_machine(moment("2026-03-10"))
def test_the_further_reply_has_its_own_ladder(province, time_machine):
    p = referred_proposal(province, kind=DeadlineKind.WORKDAYS, workdays=3)
    p = handling.proposal_reply(
        actor=province.handler_a,
        proposal=p,
        expected_version=p.version,
        result_class="A",
        text="已解决。",
    )
    time_machine.move_to(moment("2026-03-16"))
    p = handling.proposal_rate(
        actor=province.student_a,
        proposal=fresh(p),
        expected_version=fresh(p).version,
        rating="dissatisfied",
        reason="没有解决。",
    )
    assert fresh(p).reply_due_at == end_of_day(moment("2026-03-19").date())
    time_machine.move_to(moment("2026-03-20"))
    assert _run() == 1  # the reminder two days before and the due rung: one per run
    assert _run() == 1
    assert _notes(province.handler_a, "【督办】") == 1
    assert fresh(p).events.filter(kind="reminded").count() == 2
