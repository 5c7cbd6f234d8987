"""The fold against the hand-computed week, and its idempotence.

Working for WEEK (school A, 2025-03-03 … 03-09), per issue — received / first reply /
clocks that fell due in the week (met ✓, missed ✗):
  I1  Mon 09:00, accepted 11:00 (2 h), referred, answered Wed 12:00 (48 h from the
      referral), rated 满意 Thu. first_reply due Tue ✓, decide due Thu ✓, feedback due Thu ✓
      (answer due Mon 03-10: next week).
  I2  Mon 10:00, accepted Wed 10:00 (48 h), started Wed 11:00, answered Fri 11:00 (48 h).
      first_reply due Tue 10:00 ✗ (decide, answer, feedback fall due next week).
  I3  Tue 09:00, declined 13:00 (4 h). first_reply due Wed ✓.
  I4  Mon 08:00, anonymous, never handled, escalated to the city Fri. first_reply due Tue ✗.
  I5  Thu 09:00, never handled. first_reply due Fri ✗.
  I6  Wed 09:00, withdrawn 10:00. first_reply cancelled: withdrawn before it fell due (not counted).
  I7  Thu 10:00, merged into I5 at 11:00. first_reply due Fri ✓.
  I8  Mon 14:00, accepted 15:00 (1 h), started 16:00, answered Tue 16:00 (24 h), rated
      基本满意 Wed. first_reply ✓, decide due Thu ✓, feedback due Wed ✓.
  I9  Mon 09:30, accepted 10:30 (1 h), started 10:40, answered 12:40 (2 h), first 不满意 Tue
      09:00 (reopened), started 10:00, answered 14:00 (4 h), second 不满意 Wed: closed.
      first_reply ✓, decide ×2 ✓, feedback ×2 ✓.
  I10 from the week before: answer clock due Mon 03-03 ✓; auto-closed 未评价 Tue 03-04.
First reply: 1, 1, 2, 4, 48 h → buckets [1,2)×2 [2,3) [4,6) [48,60) → median 2 + (2.5−2)/1 = 2.5 h.
Answer: 2, 4, 24, 48, 48 h → median in [24,30): 24 + 6 × (2.5−2)/1 = 27 h.
On time: met 6+4+1+4 = 15 of due 9+4+1+4 = 18. Satisfaction: (1+1) ÷ 4 (I9's two 不满意
both count: the one that reopened it is a rating too).
"""

import datetime

import pytest
from django.db import connection, transaction
from django.db.models import Sum

from tongxin.stats.fold import FOLD_LAG, fold_rights_activity, rollups_reset
from tongxin.stats.models import COUNTER_FIELDS, DailyRollup, DurationBucket, FoldWatermark
from tongxin.stats.periods import week_period
from tongxin.stats.selectors import category_rows, day_series, figures_for

from .conftest import WEEK, Week
from .factories import at

pytestmark = pytest.mark.django_db
WEEK_OF = week_period(datetime.date(2025, 3, 3))


def counts(school_id: int) -> dict[str, int]:
    return figures_for([school_id], WEEK_OF).counts


def snapshot() -> tuple[list[tuple], list[tuple]]:
    rollups = list(DailyRollup.objects.order_by("school", "day", "category").values_list())
    buckets = list(
        DurationBucket.objects.order_by("school", "day", "metric", "bucket").values_list()
    )
    return [r[1:] for r in rollups], [b[1:] for b in buckets]


def test_the_week_matches_the_hand_computed_figures(week: Week) -> None:
    fold_rights_activity(now=at(3, 10, 9))
    assert counts(week.p.school_a.pk) == WEEK
    figures = figures_for([week.p.school_a.pk], WEEK_OF)
    assert figures.first_reply.hours == pytest.approx(2.5)
    assert figures.answer.hours == pytest.approx(27.0)
    assert (figures.on_time.numerator, figures.on_time.denominator) == (14, 17)
    assert figures.on_time.text == "82.4%"
    assert (figures.satisfaction.numerator, figures.satisfaction.denominator) == (2, 4)
    assert figures.satisfaction.text == "50.0%"


def test_categories_and_days_of_the_week(week: Week) -> None:
    fold_rights_activity(now=at(3, 10, 9))
    ids = [week.p.school_a.pk]
    assert [(c.name, c.figures.counts["received"]) for c in category_rows(ids, WEEK_OF)] == [
        ("食堂餐饮", 5),
        ("宿舍与水电", 3),
        ("其他", 1),
    ]
    assert [p.received for p in day_series(ids, WEEK_OF)] == [5, 1, 1, 2, 0, 0, 0]


def test_schools_are_kept_apart(week: Week) -> None:
    fold_rights_activity(now=at(3, 10, 9))
    b = counts(week.p.school_b.pk)
    assert (b["received"], b["accepted"], b["first_reply_due"], b["first_reply_met"]) == (
        1,
        1,
        1,
        1,
    )
    assert not DailyRollup.objects.exclude(school__kind="school").exists()


def test_folding_twice_counts_nothing_twice(week: Week) -> None:
    first = fold_rights_activity(now=at(3, 10, 9))
    before = snapshot()
    again = fold_rights_activity(now=at(3, 10, 9))
    assert first.events > 0 and first.clocks > 0
    assert (again.events, again.clocks) == (0, 0)
    assert snapshot() == before


def test_small_batches_and_many_runs_give_the_same_rollups(week: Week) -> None:
    fold_rights_activity(now=at(3, 10, 9))
    once = snapshot()
    rollups_reset()
    assert not DailyRollup.objects.exists()
    for hour in range(1, 10):  # the worker every so often, in batches of 3
        fold_rights_activity(now=at(3, 10, hour), batch=3, max_batches=2)
    fold_rights_activity(now=at(3, 10, 9), batch=3, max_batches=100)
    assert snapshot() == once


def test_a_running_fold_follows_the_week_as_it_happens(province, clock) -> None:
    """Folding while the week goes on (every few hours) ends where one late fold ends."""
    from .factories import Story

    story = Story(province, clock).submit(at(3, 3, 9))
    fold_rights_activity(now=at(3, 3, 10))
    assert counts(province.school_a.pk)["received"] == 1
    assert counts(province.school_a.pk)["first_reply_due"] == 0  # not due yet
    story.accept(at(3, 4, 11))  # 26 h: the first-reply deadline was missed
    fold_rights_activity(now=at(3, 4, 12))
    c = counts(province.school_a.pk)
    assert (c["accepted"], c["first_reply_due"], c["first_reply_met"]) == (1, 1, 0)


def test_events_younger_than_the_lag_wait_for_the_next_run(province, clock) -> None:
    from .factories import Story

    Story(province, clock).submit(at(3, 3, 9))
    result = fold_rights_activity(now=at(3, 3, 9) + FOLD_LAG / 2)
    assert result.events == 0 and not DailyRollup.objects.exists()
    assert fold_rights_activity(now=at(3, 3, 9) + FOLD_LAG * 2).events == 1
    assert FoldWatermark.objects.get().last_event_id > 0


def test_a_clock_counts_on_the_local_day_of_its_due_instant(province, clock) -> None:
    """Submitted Monday 23:30 Shanghai (15:30 UTC): due Tuesday 23:30, i.e. 15:30 UTC."""
    from .factories import Story

    Story(province, clock).submit(at(3, 3, 23, 30))
    fold_rights_activity(now=at(3, 5, 9))
    row = DailyRollup.objects.get(first_reply_due=1)
    assert row.day == datetime.date(2025, 3, 4) and row.first_reply_met == 0
    received = DailyRollup.objects.get(received=1)
    assert received.day == datetime.date(2025, 3, 3)


def test_totals_equal_the_sum_of_rows(week: Week) -> None:
    fold_rights_activity(now=at(3, 10, 9))
    totals = DailyRollup.objects.aggregate(**{f: Sum(f) for f in COUNTER_FIELDS})
    assert totals["received"] == 11  # 9 in the week, I10 in February, B1 in school B


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="JIT is a PostgreSQL feature; SQLite has none"
)
@pytest.mark.django_db
def test_the_fold_runs_without_jit_on_postgresql() -> None:
    """PostgreSQL's JIT compiling a bulk UPDATE's CASE cannot be cancelled: a fold that
    hangs there blocks every DROP DATABASE on the server."""
    from tongxin.stats.fold import _locked_watermark

    with transaction.atomic():
        _locked_watermark()
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
