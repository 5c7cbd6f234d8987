"""The shared public notice (公示): its working-day arithmetic across the 2025 National Day
holiday, the period's steps on any Noticed object, and the objection table walked through
its functions (on selection's objections, the first app built on it)."""

import datetime

import pytest
from django.db import transaction

from tongxin.audit import registry
from tongxin.core.errors import DomainError
from tongxin.rights.models import Issue
from tongxin.selection import services
from tongxin.selection.machine import OBJECTIONS
from tongxin.selection.models import Candidacy, CandidacyEvent, Objection, State, Step
from tongxin.selection.tests.factories import FRIDAY, at, walk
from tongxin.workdays.models import CalendarDay
from tongxin.workflow.notice.days import days_owed, days_served, notice_end
from tongxin.workflow.notice.deadlines import NoticeDeadlines
from tongxin.workflow.notice.models import ObjectionStatus
from tongxin.workflow.notice.objections import Objections, objection_machine
from tongxin.workflow.notice.period import (
    OPENED,
    SEGMENT,
    notice_close,
    notice_open,
    notice_pause,
    notice_recount,
    notice_resume,
    notice_run_out,
    run_out_notices,
)

pytestmark = pytest.mark.django_db


def _day(moment: datetime.datetime | None) -> datetime.date:
    assert moment is not None
    return moment.astimezone(FRIDAY.tzinfo).date()


# --- the arithmetic ---------------------------------------------------------------------


def test_the_calendar_knows_the_2025_national_day_holiday():
    days = dict(
        CalendarDay.objects.filter(
            date__range=(datetime.date(2025, 9, 27), datetime.date(2025, 10, 11))
        ).values_list("date", "is_workday")
    )
    assert days[datetime.date(2025, 9, 28)] is True  # make-up Sunday
    assert all(days[datetime.date(2025, 10, d)] is False for d in range(1, 9))
    assert days[datetime.date(2025, 10, 11)] is True  # make-up Saturday


def test_five_working_days_from_friday_26_september_end_on_friday_10_october():
    # 09-28 (make-up Sunday), 09-29, 09-30, then the holiday, 10-09, 10-10.
    assert notice_end(FRIDAY, 5) == at(2025, 10, 10, 23, 59) + datetime.timedelta(seconds=59)


def test_the_day_of_the_pause_is_still_owed():
    # Served: 09-28 and 09-29 (full days before the pause on 09-30); owed: 3 of 5.
    assert days_served(FRIDAY, at(2025, 9, 30, 9)) == 2
    assert days_owed(5, FRIDAY, at(2025, 9, 30, 9)) == 3
    # An objection on the first day leaves everything owed; on the last day, one day.
    assert days_owed(5, FRIDAY, at(2025, 9, 26, 15)) == 5
    assert days_owed(5, FRIDAY, at(2025, 10, 10, 20)) == 1


# --- the period on a Noticed object (unsaved: the functions never save) ----------------


def test_open_pause_resume_and_close_walk_the_fields():
    c = Candidacy(state=State.NOTICE)
    assert notice_open(c, 5, FRIDAY) == OPENED
    assert (c.notice_workdays, c.notice_started_at, c.notice_days_left) == (5, FRIDAY, 5)
    assert _day(c.notice_ends_at) == datetime.date(2025, 10, 10)

    assert notice_pause(c, at(2025, 9, 30, 9)) == SEGMENT
    assert c.notice_paused_at == at(2025, 9, 30, 9)
    assert (c.notice_days_left, c.notice_ends_at) == (3, None)

    # Owed 3, counted after the resumption day 10-09: 10-10, 10-11 (make-up Saturday), 10-13.
    assert notice_resume(c, at(2025, 10, 9, 15)) == SEGMENT
    assert c.notice_paused_at is None and c.notice_resumed_at == at(2025, 10, 9, 15)
    assert _day(c.notice_ends_at) == datetime.date(2025, 10, 13)
    assert notice_recount(c) == c.notice_ends_at
    assert c.notice_started_at == FRIDAY  # the first start stays on record

    c.notice_paused_at = at(2025, 10, 10)
    assert notice_close(c) == ("notice_paused_at",) and c.notice_paused_at is None


def test_run_out_needs_the_apps_running_state_and_a_passed_end():
    c = Candidacy(state=State.NOTICE)
    notice_open(c, 5, FRIDAY)
    end = c.notice_ends_at
    assert not notice_run_out(c, end)
    assert notice_run_out(c, end + datetime.timedelta(seconds=1))
    for state in (State.PAUSED, State.NOTICE_ENDED, State.APPOINTED, State.REJECTED):
        c.state = state
        assert not notice_run_out(c, end + datetime.timedelta(days=30)), state


def test_a_notice_is_opened_for_a_working_day_at_least_and_paused_only_when_running():
    with pytest.raises(ValueError):
        notice_open(Candidacy(), 0, FRIDAY)
    with pytest.raises(ValueError):
        notice_pause(Candidacy(), FRIDAY)
    with pytest.raises(ValueError):
        notice_recount(Candidacy())


def test_a_paused_notice_refuses_a_second_pause_and_keeps_the_days_owed():
    c = Candidacy(state=State.NOTICE)
    notice_open(c, 5, FRIDAY)
    notice_pause(c, at(2025, 9, 30, 9))  # 09-28 and 09-29 served: 3 owed
    before = {f: getattr(c, f) for f in OPENED}
    # Counted again from the segment's start, 10-10 would owe max(1, 3 - 3) = 1.
    with pytest.raises(DomainError) as err:
        notice_pause(c, at(2025, 10, 10, 9))
    assert err.value.message == "公示已暂停，不能重复暂停。"
    assert {f: getattr(c, f) for f in OPENED} == before
    assert c.notice_days_left == 3


def test_a_second_objection_while_paused_does_not_pause_again(province):
    candidacy = walk(province, State.NOTICE)
    services.objection_lodge(
        actor=province.student_a2, candidacy=candidacy, text="一", now=at(2025, 9, 30, 9)
    )
    candidacy.refresh_from_db()
    assert (candidacy.state, candidacy.notice_days_left) == (State.PAUSED, 3)
    paused_at = candidacy.notice_paused_at

    services.objection_lodge(
        actor=province.officer_a, candidacy=candidacy, text="二", now=at(2025, 10, 10, 9)
    )

    candidacy.refresh_from_db()
    assert (candidacy.state, candidacy.notice_days_left) == (State.PAUSED, 3)
    assert candidacy.notice_paused_at == paused_at and candidacy.notice_ends_at is None
    steps = CandidacyEvent.objects.filter(candidacy=candidacy, kind=Step.PAUSED)
    assert steps.count() == 1
    assert Objection.objects.filter(candidacy=candidacy).count() == 2


def test_the_worker_and_the_recount_see_running_notices_only(province):
    running = walk(province, State.NOTICE)
    paused = walk(province, State.NOTICE, number="2023101")
    services.objection_lodge(
        actor=province.student_a2, candidacy=paused, text="异议", now=at(2025, 9, 29)
    )
    after = at(2025, 10, 11)
    assert list(run_out_notices(Candidacy, after)) == [running]
    assert list(run_out_notices(Candidacy, at(2025, 10, 10))) == []
    source = NoticeDeadlines("test.notice", Candidacy, move_end=lambda item, *, actor: True)
    window = (at(2025, 1, 1, 0), at(2026, 1, 1, 0))
    assert list(source.open_within(*window)) == [running]
    assert source.current(running) == source.recount(running) == running.notice_ends_at


# --- the objection table ----------------------------------------------------------------


def test_the_objection_table_leads_from_open_to_one_answer():
    table = OBJECTIONS.machine
    assert table.action("lodge").src == () and table.entering("lodge") == ("open", None)
    assert [a.name for a in table.offered(ObjectionStatus.OPEN)] == ["dismiss", "uphold", "moot"]
    assert table.states_without_exit() == {"dismissed", "upheld", "moot"}
    assert [a.dst for a in OBJECTIONS.outcomes()] == [("dismissed",), ("upheld",)]
    assert table.action("moot").perm is None  # only the system closes an objection as moot


def test_every_objection_step_the_app_audits_is_registered():
    audited = [OBJECTIONS.audit_action(s) for s in ("lodge", "dismiss", "uphold")]
    assert audited == [
        "selection.objection.lodged",
        "selection.objection.dismissed",
        "selection.objection.upheld",
    ]
    assert [a for a in audited if not registry.is_registered(a)] == []


def test_an_objection_model_must_offer_the_shared_statuses():
    table = objection_machine("test.objection", may_object="x.object", may_resolve="x.resolve")
    with pytest.raises(ValueError, match="status"):
        Objections(Issue, table)  # a status field with other values


def _answer(objection: Objection, outcome: str) -> None:
    OBJECTIONS.answer(
        noticed=objection.candidacy,
        objection=objection,
        outcome=outcome,
        answer="答复",
        by=objection.author,
        now=at(2025, 9, 30),
    )


@pytest.mark.parametrize("step", ["dismiss", "uphold"])
def test_each_answer_refuses_every_status_the_table_does_not_allow(step, province):
    candidacy = walk(province, State.NOTICE)
    objection = OBJECTIONS.lodge(
        noticed=candidacy, author=province.student_a2, text="异议", now=at(2025, 9, 29)
    )
    action = OBJECTIONS.machine.action(step)
    refused = 0
    for status in ObjectionStatus.values:
        Objection.objects.filter(pk=objection.pk).update(status=status, answer="")
        if status in action.src:
            continue
        with pytest.raises(DomainError) as err, transaction.atomic():
            _answer(objection, action.dst[0])
        assert err.value.field == "objection" and "已经处理过" in err.value.message
        assert Objection.objects.get(pk=objection.pk).answer == ""
        refused += 1
    assert refused == len(ObjectionStatus.values) - 1
    Objection.objects.filter(pk=objection.pk).update(status=ObjectionStatus.OPEN)
    _answer(objection, action.dst[0])
    assert Objection.objects.get(pk=objection.pk).status == action.dst[0]


def test_an_answer_to_another_objects_objection_is_refused(province):
    mine = walk(province, State.NOTICE)
    other = walk(province, State.NOTICE, number="2023101")
    objection = OBJECTIONS.lodge(
        noticed=other, author=province.student_a2, text="异议", now=at(2025, 9, 29)
    )
    with pytest.raises(DomainError) as err:
        OBJECTIONS.answer(
            noticed=mine,
            objection=objection,
            outcome="dismissed",
            answer="答复",
            by=province.advisor_a,
            now=at(2025, 9, 30),
        )
    assert err.value.field == "objection"
    assert Objection.objects.get().status == ObjectionStatus.OPEN


def test_an_answer_needs_a_known_outcome_and_a_written_text(province):
    candidacy = walk(province, State.NOTICE)
    objection = OBJECTIONS.lodge(
        noticed=candidacy, author=province.student_a2, text="异议", now=at(2025, 9, 29)
    )
    for outcome, answer, field in [("moot", "答复", "outcome"), ("dismissed", " ", "answer")]:
        with pytest.raises(DomainError) as err, transaction.atomic():
            OBJECTIONS.answer(
                noticed=candidacy,
                objection=objection,
                outcome=outcome,
                answer=answer,
                by=province.advisor_a,
                now=at(2025, 9, 30),
            )
        assert err.value.field == field
    assert Objection.objects.get().status == ObjectionStatus.OPEN


def test_lodging_is_refused_once_the_notice_ran_out_and_twice_by_one_author(province):
    candidacy = walk(province, State.NOTICE)
    with pytest.raises(DomainError) as err:
        OBJECTIONS.lodge(
            noticed=candidacy, author=province.student_a2, text="晚了", now=at(2025, 10, 11)
        )
    assert err.value.field == "state" and "公示期已结束" in err.value.message
    OBJECTIONS.lodge(noticed=candidacy, author=province.student_a2, text="一", now=FRIDAY)
    with pytest.raises(DomainError) as err:
        OBJECTIONS.lodge(noticed=candidacy, author=province.student_a2, text="二", now=FRIDAY)
    assert err.value.message == "您对该候选人的异议正在处理中，请等待答复。"
    assert Objection.objects.get().school_id == candidacy.school_id


def test_closing_the_object_makes_only_the_open_objections_moot(province):
    candidacy = walk(province, State.NOTICE)
    first = OBJECTIONS.lodge(
        noticed=candidacy, author=province.student_a2, text="一", now=at(2025, 9, 29)
    )
    OBJECTIONS.lodge(noticed=candidacy, author=province.officer_a, text="二", now=at(2025, 9, 29))
    _answer(first, "dismissed")
    moot = OBJECTIONS.close_open(
        noticed=candidacy, answer="已办结", by=province.advisor_a, now=at(2025, 9, 30)
    )
    assert [o.author for o in moot] == [province.officer_a]
    assert sorted(Objection.objects.values_list("status", flat=True)) == ["dismissed", "moot"]
    assert not OBJECTIONS.open_of(candidacy).exists()
