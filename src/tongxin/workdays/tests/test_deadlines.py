"""Saving a calendar year counts again every open deadline that runs through it.

2027 is not in chinesecalendar: until the federation admin enters it, deadlines count
Monday to Friday, so New Year's Day and the Spring Festival count as working days. The
holidays below are the test's own (the State Council's list does not matter here):

    New Year   2027-01-01 (Fri) off
    Spring     2027-02-05 (Fri) … 02-11 (Thu) off, 2027-02-14 (Sun) a make-up working day
"""

import datetime

import pytest
from django.test import TestCase

from tongxin.audit.models import AuditEvent
from tongxin.notifications.models import Notification
from tongxin.rights import services as rights
from tongxin.rights.models import Clock, Issue, IssueClock, IssueEvent
from tongxin.rights.tests.factories import fresh, submit
from tongxin.selection.models import Candidacy, CandidacyEvent, State
from tongxin.selection.tests.factories import walk as walk_candidacy
from tongxin.testing.clock import SHANGHAI, moment
from tongxin.workdays.models import CalendarDay, CalendarYear
from tongxin.workdays.services import calendar_year_save

D = datetime.date
NEW_YEAR = [(D(2027, 1, 1), "元旦")]
SPRING = [(D(2027, 2, d), "春节") for d in range(5, 12)]
SPRING_WORKDAY = [(D(2027, 2, 14), "春节调休")]


def end_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _year_2027_unknown(db):
    """Should chinesecalendar learn 2027 one day, these tests still start without it."""
    CalendarDay.objects.filter(date__year=2027).delete()
    CalendarYear.objects.filter(year=2027).delete()


def save_2027(p, holidays=NEW_YEAR + SPRING, workdays=SPRING_WORKDAY):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return calendar_year_save(
            actor=p.province_admin, year=2027, holidays=holidays, workdays=workdays
        )


def accepted_issue(p) -> Issue:
    issue = submit(p)
    return rights.issue_accept(
        actor=p.officer_a, issue=issue, expected_version=issue.version, reply="已收到。"
    )


def running(issue: Issue) -> IssueClock:
    return IssueClock.objects.get(issue=issue, stopped_at__isnull=True)


@pytest.mark.time_machine(moment("2026-12-30"))
def test_a_decide_clock_across_new_year_moves_when_the_year_is_saved(province):
    issue = accepted_issue(province)
    # Wed 12-30: 3 working days counted Mon–Fri are 12-31, 01-01, 01-04.
    assert running(issue).due_at == end_of(D(2027, 1, 4))
    version = fresh(issue).version

    save_2027(province)

    clock, issue = running(issue), fresh(issue)
    assert clock.clock == Clock.DECIDE
    assert clock.due_at == issue.due_at == end_of(D(2027, 1, 5))  # 01-01 is a holiday now
    assert issue.version == version  # no transition: an officer's open form stays valid
    line = IssueEvent.objects.get(issue=issue, kind="rescheduled")
    assert "2027-01-04" in line.text and "2027-01-05" in line.text
    event = AuditEvent.objects.get(action="rights.issue.rescheduled")
    assert event.data["to"] == end_of(D(2027, 1, 5)).isoformat()
    assert Notification.objects.filter(
        recipient=province.officer_a, title__contains="期限调整"
    ).exists()
    recounted = AuditEvent.objects.get(action="workdays.year.recounted")
    assert recounted.data["deadlines_moved"] == 1


@pytest.mark.time_machine(moment("2027-02-03"))
def test_an_answer_clock_across_the_spring_festival_moves(province):
    issue = accepted_issue(province)
    issue = rights.issue_start(
        actor=province.officer_a, issue=issue, expected_version=issue.version
    )
    # Wed 02-03 + 5 working days Mon–Fri: 02-04 05 08 09 10.
    assert running(issue).due_at == end_of(D(2027, 2, 10))

    save_2027(province)

    # On the calendar: 02-04 (1), 05–11 off, 02-12 (2), 02-14 make-up Sunday (3), 15 (4), 16 (5).
    assert running(issue).due_at == fresh(issue).due_at == end_of(D(2027, 2, 16))


@pytest.mark.time_machine(moment("2026-12-30"))
def test_stopped_clocks_and_the_hourly_first_reply_clock_stay(province):
    waiting = submit(province)  # first-reply clock: 24 hours, not working days
    first_reply = running(waiting).due_at
    decided = accepted_issue(province)
    stopped = IssueClock.objects.get(issue=decided, clock=Clock.FIRST_REPLY)

    save_2027(province)

    assert running(waiting).due_at == first_reply
    assert IssueClock.objects.get(pk=stopped.pk).due_at == stopped.due_at
    assert not IssueEvent.objects.filter(issue=waiting, kind="rescheduled").exists()


@pytest.mark.time_machine(moment("2026-12-30"))
def test_saving_the_year_again_with_the_same_days_moves_nothing(province):
    issue = accepted_issue(province)
    save_2027(province)
    save_2027(province)
    assert IssueEvent.objects.filter(issue=issue, kind="rescheduled").count() == 1
    last = AuditEvent.objects.filter(action="workdays.year.recounted").latest("id")
    assert last.data["deadlines_moved"] == 0


@pytest.mark.time_machine(moment("2026-12-30"))
def test_a_deadline_in_another_year_is_not_touched(province):
    issue = accepted_issue(province)
    due = running(issue).due_at
    with TestCase.captureOnCommitCallbacks(execute=True):
        calendar_year_save(
            actor=province.province_admin, year=2031, holidays=[(D(2031, 1, 1), "")], workdays=[]
        )
    assert running(issue).due_at == due


@pytest.mark.time_machine(moment("2026-12-30"))
def test_a_public_notice_across_new_year_ends_later(province):
    candidacy = walk_candidacy(province, State.NOTICE, start=moment("2026-12-30", 9))
    # 5 working days Mon–Fri after Wed 12-30: 12-31, 01-01, 01-04, 01-05, 01-06.
    assert candidacy.notice_ends_at == end_of(D(2027, 1, 6))

    save_2027(province)

    candidacy = Candidacy.objects.get(pk=candidacy.pk)
    assert candidacy.notice_ends_at == end_of(D(2027, 1, 7))
    assert CandidacyEvent.objects.filter(candidacy=candidacy, kind="rescheduled").exists()
    assert AuditEvent.objects.filter(action="selection.candidacy.rescheduled").count() == 1


@pytest.mark.time_machine(moment("2026-12-30"))
def test_the_admins_save_moves_nothing_itself_the_worker_does_after_the_commit(province):
    issue = accepted_issue(province)
    calendar_year_save(  # no commit in this test transaction: the recount is not queued yet
        actor=province.province_admin, year=2027, holidays=NEW_YEAR, workdays=[]
    )
    assert running(issue).due_at == end_of(D(2027, 1, 4))
    assert not AuditEvent.objects.filter(action="workdays.year.recounted").exists()


@pytest.mark.time_machine(moment("2026-12-30"))
def test_a_recount_keeps_the_length_the_clock_started_with(province):
    from tongxin.rights.models import RightsSettings

    issue = accepted_issue(province)  # decide clock: 3 working days
    RightsSettings.objects.update_or_create(
        school=province.school_a, defaults={"decide_workdays": 1}
    )
    save_2027(province)
    assert running(issue).due_at == end_of(D(2027, 1, 5))  # still 3, on the real calendar


@pytest.mark.time_machine(moment("2026-12-30"))
def test_a_deadline_moved_past_now_is_no_longer_escalated(province, time_machine):
    issue = accepted_issue(province)
    clock = running(issue)
    IssueClock.objects.filter(pk=clock.pk).update(escalation_level=1)
    Issue.objects.filter(pk=issue.pk).update(escalation_level=1)
    time_machine.move_to(moment("2027-01-05", 9))  # overdue on Mon–Fri, not on the calendar
    save_2027(province)
    assert running(issue).escalation_level == 0
    assert fresh(issue).escalation_level == 0
