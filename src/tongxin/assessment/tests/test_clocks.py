"""A round's scoring deadline runs as a shared clock (assessment/clocks.py): the raters
still behind are reminded one working day before the deadline day, the round's owner once
the day has passed, and closing the round stops it."""

import datetime

import pytest

from tongxin.assessment.clocks import CLOCKS
from tongxin.assessment.machine import ROUND
from tongxin.assessment.models import RoundClock
from tongxin.audit.models import AuditEvent
from tongxin.notifications.models import Notification
from tongxin.testing.clock import SHANGHAI, moment
from tongxin.workflow.clocks.tasks import escalate_clocks

from .factories import close, open_round, rate, scores, union_with_officers

pytestmark = pytest.mark.django_db
FRIDAY = datetime.date(2025, 3, 7)


@pytest.fixture
def p(province):
    return union_with_officers(province)


def _told(user, prefix: str) -> bool:
    return Notification.objects.filter(recipient=user, title__startswith=prefix).exists()


@pytest.mark.time_machine(moment("2025-03-03"))
def test_opening_starts_the_clock_until_the_end_of_the_deadline_day(p):
    round_ = open_round(p, deadline=FRIDAY)
    clock = RoundClock.objects.get(round=round_)
    assert clock.kind == "rating" and clock.stopped_at is None
    assert clock.due_at == datetime.datetime(2025, 3, 7, 23, 59, 59, tzinfo=SHANGHAI)
    assert clock.school_id == round_.school_id
    # The transition table names the clock its open state runs, a registered kind.
    assert ROUND.entering("open") == ("open", clock.kind)
    assert CLOCKS[0].kind(clock.kind).name == "assessment.rating"


@pytest.mark.time_machine(moment("2025-03-03"))
def test_raters_behind_are_reminded_then_the_owner_is_told(p, time_machine):
    round_ = open_round(p, deadline=FRIDAY)
    for officer in ("officer_a", "minister_a", "member_a"):
        rate(p, "student_a", round_, officer, scores(80))  # student_a has finished

    time_machine.move_to(moment("2025-03-05"))  # two working days ahead: nothing yet
    assert escalate_clocks.call() == 0
    time_machine.move_to(moment("2025-03-06"))
    assert escalate_clocks.call() == 1
    assert _told(p.student_a2, "【提醒】") and _told(p.officer_a, "【提醒】")
    reminder = Notification.objects.get(recipient=p.student_a2, title__startswith="【提醒】")
    assert "述职评议" in reminder.title and reminder.body == "评分时限将至，请尽快完成评分"
    assert reminder.url == "/assessment/rate/" and reminder.school_id == round_.school_id
    assert not _told(p.student_a, "【提醒】")  # nothing left to rate
    assert escalate_clocks.call() == 0  # one reminder
    assert not _told(p.advisor_a, "【督办】")

    time_machine.move_to(moment("2025-03-08"))  # Saturday: the deadline day has passed
    assert escalate_clocks.call() == 1
    assert _told(p.advisor_a, "【督办】")  # who opened the round
    events = AuditEvent.objects.filter(action="assessment.rating.escalated")
    assert [e.data["level"] for e in events.order_by("id")] == [1, 2]
    assert {e.target_id for e in events} == {str(round_.pk)}


@pytest.mark.time_machine(moment("2025-03-03"))
def test_closing_the_round_stops_its_clock(p, time_machine):
    round_ = open_round(p, deadline=FRIDAY)
    close(p, round_)
    assert RoundClock.objects.get(round=round_).stopped_at is not None
    time_machine.move_to(moment("2025-03-10"))
    assert escalate_clocks.call() == 0
