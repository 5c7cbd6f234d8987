"""The shared clocks (tongxin.workflow.clocks), on the rights desk's IssueClock and the
assessment's RoundClock: start, stop, pause, resume, the ladder, the recount, lock order.

2025's calendar is known (Spring Festival 01-28 … 02-04 off, Sunday 01-26 and Saturday
02-08 make-up working days); 2027 is not, until a test enters it.
"""

import datetime
import threading

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from tongxin.audit import registry as audit_registry
from tongxin.core.errors import StaleObject
from tongxin.core.periodic import jobs
from tongxin.rights import services as rights
from tongxin.rights.models import Issue, IssueClock, IssueEvent
from tongxin.rights.tests.factories import fresh, submit
from tongxin.testing.clock import SHANGHAI, moment
from tongxin.workdays.models import CalendarDay, CalendarYear
from tongxin.workdays.services import calendar_year_save
from tongxin.workflow.clocks.kinds import Ladder, Rung, Workdays, horizon, registered
from tongxin.workflow.clocks.services import (
    clock_escalate,
    clock_pause,
    clock_resume,
    clock_start,
    clock_stop,
    days_owed,
    overdue_runs,
)
from tongxin.workflow.clocks.tasks import escalate_clocks

pytestmark = pytest.mark.django_db
D = datetime.date


def end_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=SHANGHAI)


def accepted(p) -> Issue:
    issue = submit(p)
    return rights.issue_accept(
        actor=p.officer_a, issue=issue, expected_version=issue.version, reply="收到"
    )


def running(issue: Issue) -> IssueClock:
    return IssueClock.objects.get(issue=issue, stopped_at__isnull=True)


def nobody(owner):
    return []


# --- the ladder -------------------------------------------------------------------------
def test_a_ladder_reminds_before_the_due_day_and_escalates_after_it(db):
    ladder = Ladder([Rung(1, -2, nobody, "将至"), Rung(2, 0, nobody, "已到期")])
    due = end_of(D(2025, 3, 7))  # Friday
    assert ladder.level_at(due, moment("2025-03-04")) == 0  # three working days ahead
    assert ladder.level_at(due, moment("2025-03-05")) == 1  # two
    assert ladder.level_at(due, moment("2025-03-07", 23)) == 1  # the due day itself
    assert ladder.level_at(due, moment("2025-03-08")) == 2  # Saturday: past due
    assert ladder.lead == 2
    # The worker's query reaches the run from the day its reminder is due, not before.
    assert horizon(2, moment("2025-03-04")) < due <= horizon(2, moment("2025-03-05"))


@pytest.mark.parametrize(
    "rungs",
    [
        [Rung(2, 0, nobody, "")],  # levels start at 1
        [Rung(1, 1, nobody, ""), Rung(2, 0, nobody, "")],  # a later rung never comes earlier
    ],
)
def test_a_ladder_out_of_order_is_refused(rungs):
    with pytest.raises(ValueError):
        Ladder(rungs)


# --- start, stop ------------------------------------------------------------------------
@pytest.mark.time_machine(moment("2025-01-20"))
def test_starting_a_clock_stops_the_running_one_and_the_owner_follows(province):
    issue = accepted(province)  # decide: 3 working days from Monday 01-20
    decide = running(issue)
    assert (decide.clock, decide.workdays, decide.due_at) == ("decide", 3, end_of(D(2025, 1, 23)))

    answer = clock_start(issue, "rights.answer", now=moment("2025-01-20", 11))

    assert running(issue).pk == answer.pk and answer.workdays == 5
    assert answer.due_at == end_of(D(2025, 1, 26))  # 21 22 23 24, then Sunday's make-up day
    assert issue.due_at == answer.due_at and issue.escalation_level == 0  # for the step's save
    assert IssueClock.objects.get(pk=decide.pk).stopped_at == moment("2025-01-20", 11)


@pytest.mark.time_machine(moment("2025-01-20"))
def test_a_duration_in_the_wrong_unit_is_refused(province):
    issue = accepted(province)
    with pytest.raises(ValueError):
        clock_start(issue, "rights.first_reply", duration=Workdays(2))


@pytest.mark.time_machine(moment("2025-03-03"))
def test_a_cancelling_stop_marks_only_a_clock_not_yet_due(province):
    early, late = accepted(province), accepted(province)
    IssueClock.objects.filter(issue=late).update(due_at=moment("2025-03-01"))
    clock_stop(early, model=IssueClock, cancelled=True)
    clock_stop(late, model=IssueClock, cancelled=True)
    stopped = {c.issue_id: c for c in IssueClock.objects.filter(clock="decide")}
    assert stopped[early.pk].cancelled and stopped[early.pk].stopped_at is not None
    assert stopped[early.pk].met is None  # never due: neither met nor missed
    assert not stopped[late.pk].cancelled and stopped[late.pk].met is False


# --- pause, resume ----------------------------------------------------------------------
@pytest.mark.time_machine(moment("2025-01-20"))
def test_a_paused_clock_owes_its_working_days_across_the_spring_festival(province):
    issue = accepted(province)
    clock_start(issue, "rights.answer", now=moment("2025-01-20"))  # 5 working days

    paused = clock_pause(issue, model=IssueClock, now=moment("2025-01-22"))

    assert paused is not None and paused.workdays_left == 4  # Tuesday 01-21 was served
    assert issue.due_at is None  # a paused clock falls due for nobody
    far = moment("2025-03-01")
    assert paused.pk not in overdue_runs(IssueClock, far)
    assert clock_escalate(actor=province.officer_a, run=paused, now=far) == 0

    resumed = clock_resume(issue, model=IssueClock, now=moment("2025-02-03"))

    # Still the holiday: 02-05 02-06 02-07 and Saturday 02-08's make-up day.
    assert resumed is not None and resumed.due_at == end_of(D(2025, 2, 8))
    assert (resumed.paused_at, resumed.resumed_at) == (None, moment("2025-02-03"))
    assert issue.due_at == resumed.due_at
    # Paused again on 02-05: the only day between, 02-04, was a holiday: nothing served.
    assert days_owed(resumed, moment("2025-02-05")) == 4


@pytest.mark.time_machine(moment("2025-03-03"))
def test_a_pause_on_the_day_it_started_owes_every_day_and_an_hourly_clock_never_pauses(
    province,
):
    issue = accepted(province)
    assert clock_pause(issue, model=IssueClock).workdays_left == 3
    assert clock_pause(issue, model=IssueClock) is None  # nothing runs any more
    waiting = submit(province)  # the first reply counts hours
    with pytest.raises(ValueError):
        clock_pause(waiting, model=IssueClock)


def _paused(p) -> tuple[Issue, IssueClock]:
    """An issue whose 5-day answer clock (from Monday 03-03, due Monday 03-10) was paused
    on Wednesday 03-05 owing 4 working days (Tuesday 03-04 was served)."""
    issue = accepted(p)
    clock_start(issue, "rights.answer", now=moment("2025-03-03"))
    run = clock_pause(issue, model=IssueClock, now=moment("2025-03-05"))
    assert run is not None and run.workdays_left == 4 and run.due_at == end_of(D(2025, 3, 10))
    return issue, run


@pytest.mark.time_machine(moment("2025-03-03"))
def test_a_cancelling_stop_of_a_paused_clock_cancels_it_past_its_old_deadline(province):
    issue, run = _paused(province)
    later = moment("2025-03-20")  # the deadline before the pause has long passed

    assert clock_stop(issue, model=IssueClock, now=later, cancelled=True) == 1

    run.refresh_from_db()
    assert (run.stopped_at, run.cancelled, run.met) == (later, True, None)
    assert run.pk not in overdue_runs(IssueClock, moment("2025-04-01"))
    assert clock_escalate(actor=province.officer_a, run=run, now=moment("2025-04-01")) == 0
    assert issue.due_at is None


@pytest.mark.time_machine(moment("2025-03-03"))
def test_a_plain_stop_of_a_paused_clock_counts_as_met(province):
    issue, run = _paused(province)
    later = moment("2025-03-20")  # Thursday

    assert clock_stop(issue, model=IssueClock, now=later) == 1

    run.refresh_from_db()
    assert not run.cancelled and run.stopped_at == later and run.met is True
    # The deadline its 4 owed days give from the stop: 03-21, 03-24, 03-25, 03-26.
    assert run.due_at == end_of(D(2025, 3, 26))
    assert run.pk not in overdue_runs(IssueClock, moment("2025-04-01"))


# --- escalation -------------------------------------------------------------------------
@pytest.fixture
def overdue(province):
    issue = accepted(province)
    IssueClock.objects.filter(issue=issue).update(due_at=moment("2025-03-03", 12))  # Monday
    return issue


def test_escalation_climbs_one_rung_per_call_however_late(province, overdue):
    run, now = running(overdue), moment("2025-03-20")
    levels = [clock_escalate(actor=province.officer_a, run=run, now=now) for _ in range(5)]
    assert levels == [1, 2, 3, 4, 0]
    issue = fresh(overdue)
    assert issue.escalation_level == 4 and issue.escalated_to_city
    assert IssueEvent.objects.filter(issue=issue, kind="escalated").count() == 3


def _selects(queries: list[dict[str, str]], table: str) -> list[int]:
    return [i for i, q in enumerate(queries) if f'FROM "{table}" ' in q["sql"]]


def test_escalation_locks_the_owner_before_the_run_as_transitions_do(province, overdue):
    run = running(overdue)
    with CaptureQueriesContext(connection) as seen:
        assert clock_escalate(actor=province.officer_a, run=run, now=moment("2025-03-04")) == 1
    queries = seen.captured_queries
    clocks, issues = _selects(queries, "rights_issueclock"), _selects(queries, "rights_issue")
    # An unlocked read decides; then the issue, then the run.
    assert clocks[0] < issues[0] < clocks[1]
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" not in queries[clocks[0]]["sql"]
        assert "FOR UPDATE" in queries[issues[0]]["sql"]
        assert "FOR UPDATE" in queries[clocks[1]]["sql"]


def test_a_run_already_on_its_rung_locks_nothing(province, overdue):
    run, now = running(overdue), moment("2025-03-03", 13)
    assert clock_escalate(actor=province.officer_a, run=run, now=now) == 1
    with CaptureQueriesContext(connection) as seen:
        assert clock_escalate(actor=province.officer_a, run=run, now=now) == 0
    assert len([q for q in seen.captured_queries if "SELECT" in q["sql"]]) == 1


# --- the recount ------------------------------------------------------------------------
@pytest.fixture
def year_2027_unknown(db):
    CalendarDay.objects.filter(date__year=2027).delete()
    CalendarYear.objects.filter(year=2027).delete()


@pytest.mark.time_machine(moment("2026-12-28"))
def test_a_resumed_clock_is_recounted_from_its_resumption(province, year_2027_unknown):
    issue = accepted(province)  # decide, 3 working days: due 12-31
    paused_issue = accepted(province)
    clock_pause(issue, model=IssueClock, now=moment("2026-12-29"))  # owes all 3
    resumed = clock_resume(issue, model=IssueClock, now=moment("2026-12-30"))
    issue.save(update_fields=["due_at", "escalation_level"])
    # Counted Monday to Friday: 12-31, 01-01, 01-04.
    assert resumed is not None and resumed.due_at == end_of(D(2027, 1, 4))
    clock_pause(paused_issue, model=IssueClock, now=moment("2026-12-29"))
    held = running(paused_issue).due_at

    with TestCase.captureOnCommitCallbacks(execute=True):
        calendar_year_save(
            actor=province.province_admin,
            year=2027,
            holidays=[(D(2027, 1, 1), "元旦")],
            workdays=[],
        )

    # From the resumption with what it owed: 12-31, 01-04, 01-05 (not 12-31 from its start).
    assert running(issue).due_at == fresh(issue).due_at == end_of(D(2027, 1, 5))
    assert IssueEvent.objects.filter(issue=issue, kind="rescheduled").exists()
    assert running(paused_issue).due_at == held  # a paused clock is counted when it resumes


# --- registration and the worker --------------------------------------------------------
def test_every_kind_writes_through_its_apps_hook_or_a_registered_audit_action():
    kinds = [kind for entry in registered() for kind in entry.kinds]
    assert {"rights.answer", "rights.first_reply", "assessment.rating"} <= {k.name for k in kinds}
    for kind in kinds:
        if kind.on_escalate is None:
            assert audit_registry.is_registered(f"{kind.name}.escalated"), kind.name
        if kind.on_recount is None and kind.unit == "workdays":
            assert audit_registry.is_registered(f"{kind.name}.rescheduled"), kind.name


@pytest.mark.time_machine(moment("2025-02-24"))
def test_one_worker_job_walks_every_registered_clock_model(province, overdue, time_machine):
    from tongxin.assessment.tests.factories import open_round, union_with_officers

    round_ = open_round(union_with_officers(province), deadline=D(2025, 2, 28))
    time_machine.move_to(moment("2025-03-04"))
    assert escalate_clocks.call() == 2  # one rung each: the issue's clock, the round's
    assert running(overdue).escalation_level == 1
    assert round_.clocks.get().escalation_level == 1
    names = [job.name for job in jobs()]
    assert "clocks-escalate" in names and "rights-escalate" not in names


@pytest.mark.django_db(transaction=True)
def test_an_escalation_and_a_transition_at_once_never_deadlock(province):
    """Both lock the issue first, then its clock: one waits for the other, neither fails
    (on PostgreSQL the old clock-then-issue order could deadlock here)."""
    issue = submit(province)
    IssueClock.objects.filter(issue=issue).update(due_at=moment("2025-03-03", 12))
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def act(name, run):
        barrier.wait()
        try:
            outcomes[name] = run()
        except StaleObject:
            outcomes[name] = "stale"
        except Exception as exc:  # a deadlock would land here
            outcomes[name] = exc
        finally:
            connection.close()

    def accept():
        fresh_issue = Issue.objects.get(pk=issue.pk)
        return rights.issue_accept(
            actor=province.officer_a,
            issue=fresh_issue,
            expected_version=issue.version,
            reply="收到",
        ).status

    def escalate():
        return clock_escalate(actor=province.officer_a, run=IssueClock(pk=running(issue).pk))

    threads = [
        threading.Thread(target=act, args=("accept", accept)),
        threading.Thread(target=act, args=("escalate", escalate)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads)
    # Either the transition came first (the stopped clock is not raised) or the escalation
    # did (it moved the issue's version on, so the officer's page is stale).
    assert (outcomes["accept"], outcomes["escalate"]) in [("accepted", 0), ("stale", 1)]
