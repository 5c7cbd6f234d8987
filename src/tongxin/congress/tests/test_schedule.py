"""When a union is due its congress: 12 months (per level) after its last held one, or after
its start in Tongxin; a due date on a rest day moves to the next working day (the seeded
calendar). The worker reminds once per due date."""

import datetime

import pytest

from tongxin.accounts.services import system_actor
from tongxin.congress import services
from tongxin.congress.models import CongressLine, CongressRule, SessionState
from tongxin.congress.schedule import due_date, is_overdue, refresh_due
from tongxin.congress.selectors import on_schedule
from tongxin.congress.tests.session_factories import line, walk
from tongxin.notifications.models import Notification
from tongxin.testing.clock import moment

D = datetime.date


def test_a_due_date_on_national_day_moves_to_the_next_working_day(db):
    assert due_date(D(2024, 10, 1), 12) == D(2025, 10, 9)  # 1–8 Oct 2025 are holidays


def test_a_make_up_working_sunday_is_a_due_date_like_any_working_day(db):
    assert due_date(D(2024, 9, 28), 12) == D(2025, 9, 28)  # a make-up working day


def test_a_weekend_due_date_moves_to_monday_and_a_short_month_keeps_its_last_day(db):
    assert due_date(D(2024, 3, 1), 12) == D(2025, 3, 3)  # Sat 1 Mar 2025 → Mon 3 Mar
    assert due_date(D(2024, 1, 31), 1) == D(2024, 2, 29)


def test_without_a_past_session_the_union_is_due_a_year_after_its_start(db):
    line = CongressLine(level="college", set_up_on=D(2024, 10, 1), due_on=D(2000, 1, 1))
    assert refresh_due(line) == ["due_on"]
    assert line.due_on == D(2025, 10, 9)
    assert not is_overdue(line, D(2025, 10, 9))
    assert is_overdue(line, D(2025, 10, 10))


def test_the_interval_is_the_levels_setting(db):
    CongressRule.objects.create(level="school", interval_months=24)
    line = CongressLine(level="school", set_up_on=D(2024, 3, 4), due_on=D(2000, 1, 1))
    refresh_due(line)
    assert line.due_on == D(2026, 3, 4)


def test_the_last_session_held_counts_before_the_start_and_an_older_past_one(db):
    line = CongressLine(
        level="college",
        set_up_on=D(2024, 3, 4),
        held_before_tongxin_on=D(2023, 12, 1),
        last_held_on=D(2024, 9, 30),
        due_on=D(2000, 1, 1),
    )
    refresh_due(line)
    assert line.due_on == D(2025, 9, 30)


@pytest.mark.time_machine(moment("2025-03-03"))
def test_on_schedule_with_and_without_a_past_session(province):
    session = walk(province, SessionState.HELD)  # college union A1, held today
    services.line_for(province.college_union_a2)  # set up today, never held
    facts = on_schedule(
        [province.college_union_a1, province.college_union_a2, province.union_b], D(2025, 3, 3)
    )
    held = facts[province.college_union_a1.pk]
    assert held.last_held_on == session.held_end == D(2025, 3, 3)
    assert held.due_on == D(2026, 3, 3) and held.on_schedule
    never = facts[province.college_union_a2.pk]
    assert never.last_held_on is None and never.due_on == D(2026, 3, 3) and never.on_schedule
    assert not facts[province.union_b.pk].on_schedule  # no line: nothing is known
    later = on_schedule([province.college_union_a2.pk], D(2026, 3, 4))
    assert not later[province.college_union_a2.pk].on_schedule


@pytest.mark.time_machine(moment("2024-10-08"))
def test_a_session_held_before_national_day_is_due_after_the_holiday(province):
    walk(province, SessionState.HELD)  # held 2024-10-08 → 2025-10-08 is a holiday
    assert line(province).due_on == D(2025, 10, 9)


@pytest.mark.time_machine(moment("2025-03-03"))
def test_the_worker_reminds_the_union_and_its_advisor_once_per_due_date(province):
    college = line(province)  # due 2026-03-03; reminder 30 days before
    actor = system_actor()
    assert services.lines_remind(actor=actor, on=D(2026, 1, 31)) == 0
    assert services.lines_remind(actor=actor, on=D(2026, 2, 1)) == 1
    assert services.lines_remind(actor=actor, on=D(2026, 2, 2)) == 0  # once per due date
    told = set(
        Notification.objects.filter(verb="congress.line.due").values_list("recipient", flat=True)
    )
    assert told == {province.college_officer_a1.pk, province.advisor_a.pk}
    # A new due date (a congress held) is reminded again when its window opens.
    CongressLine.objects.filter(pk=college.pk).update(due_on=D(2027, 3, 3))
    assert services.lines_remind(actor=actor, on=D(2027, 2, 10)) == 1


@pytest.mark.time_machine(moment("2025-03-03"))
def test_the_reminder_task_runs_the_service(province):
    from tongxin.congress.tasks import remind_due_congresses
    from tongxin.core.periodic import jobs

    CongressRule.objects.create(level="college", reminder_days=400)
    line(province)
    assert "congress-remind-due" in {j.name for j in jobs()}
    assert remind_due_congresses.call() == 1
    assert remind_due_congresses.call() == 0
