"""The year of issues at full scale, planned without writing: volume, seasons, categories,
shares, states and deadlines look like a real province's (the calendar table is read)."""

import datetime
import random
from collections import Counter

import pytest

from tongxin.demo.generate import DEFAULT_SEED, plan_province
from tongxin.demo.plan import DemoScale
from tongxin.rights.generator import plan_issues
from tongxin.rights.generator.fates import Step, draw_steps
from tongxin.rights.generator.issues import IssuePlan
from tongxin.rights.generator.paths import clock_runs, take, walk
from tongxin.rights.models import Clock, Rating, Status
from tongxin.workdays.calendar import local_zone

TODAY = datetime.date(2026, 11, 27)
_planned: list[IssuePlan] = []


@pytest.fixture
def year(db: None) -> IssuePlan:
    """Planned once for the module (a few seconds); only the calendar table is read."""
    if not _planned:
        plan = plan_province(seed=DEFAULT_SEED, scale=DemoScale(), today=TODAY)
        until = datetime.datetime.combine(TODAY, datetime.time(0), tzinfo=local_zone())
        _planned.append(plan_issues(plan, count=25_000, until=until))
    return _planned[0]


def _month(moment: datetime.datetime) -> int:
    return moment.astimezone(local_zone()).month


def test_a_year_of_issues_busy_at_term_start_and_exams(year):
    assert len(year.issues) == 25_000
    first = min(issue.submitted_at for issue in year.issues)
    assert year.until - datetime.timedelta(days=366) < first
    months = Counter(_month(issue.submitted_at) for issue in year.issues)
    assert months[9] > months[4] > months[7] > months[8]
    assert months[10] > months[2] and months[12] > months[2]


def test_categories_and_shares_are_as_students_complain(year):
    categories = Counter(issue.category for issue in year.issues)
    top = {name for name, _n in categories.most_common(4)}
    assert top == {"食堂餐饮", "宿舍与水电", "网络与信息", "教学教务"}
    assert categories["安全"] < categories["物价与消费"]
    assert categories["心理与健康"] < categories["失物招领"]
    n = len(year.issues)
    assert 0.12 < sum(issue.anonymous for issue in year.issues) / n < 0.18
    assert 0.55 < sum(issue.consent for issue in year.issues) / n < 0.65
    assert len({issue.title for issue in year.issues}) > 2_500


def test_old_issues_are_closed_and_recent_ones_open(year):
    statuses = Counter(issue.status for issue in year.issues)
    assert set(statuses) == set(Status.values)
    assert statuses[Status.CLOSED] > 0.8 * len(year.issues)
    month_ago = year.until - datetime.timedelta(days=30)
    old = [issue for issue in year.issues if issue.submitted_at < month_ago]
    assert sum(issue.status == Status.CLOSED for issue in old) > 0.85 * len(old)
    ratings = Counter(issue.rating for issue in year.issues if issue.status == Status.CLOSED)
    assert ratings[Rating.SATISFIED] > ratings[Rating.BASICALLY] > ratings[Rating.UNRATED]
    assert ratings[Rating.UNRATED] > ratings[Rating.DISSATISFIED] > 0
    escalated = sum(issue.escalated_to_city for issue in year.issues)
    assert 0 < escalated < 0.03 * len(year.issues)


def test_deadlines_are_mostly_met(year):
    for clock in Clock.values:
        runs = [
            run
            for issue in year.issues
            for run in issue.clocks
            if run.clock == clock and run.stopped_at and not run.cancelled
        ]
        met = sum(run.stopped_at <= run.due_at for run in runs if run.stopped_at) / len(runs)
        assert 0.78 < met < 0.97, clock


# --- paths: the generator's steps are the transition table's ---------------------------


def test_every_drawn_path_is_one_the_table_allows():
    """Thousands of paths (both referable and not) walk through ISSUE without a refusal,
    and every step kind is taken somewhere."""
    rng = random.Random(7)
    kinds = Counter()
    for n in range(5_000):
        steps = draw_steps(rng, referable=n % 2 == 0, refer_share=0.4)
        taken = walk(steps)
        kinds.update(t.action for t in taken)
        assert taken[-1].closes, steps
    assert set(kinds) == {
        *("accept", "decline", "merge", "withdraw", "start", "refer", "return", "answer"),
        *("office-answer", "feed-back", "rate", "auto-close"),
    }


def test_a_step_the_table_refuses_is_not_taken():
    with pytest.raises(ValueError, match="feed_back"):
        walk([Step("accept"), Step("feed_back")])


def test_the_answer_is_the_offices_when_referred_and_a_reopening_goes_back_to_accepted():
    taken = walk([Step("accept"), Step("refer"), Step("answer"), Step("feed_back")])
    assert [t.action for t in taken] == ["accept", "refer", "office-answer", "feed-back"]
    reopened = take("reopen", Status.FED_BACK)
    assert (reopened.kind, reopened.state, reopened.clock) == (
        "reopened",
        Status.ACCEPTED,
        Clock.DECIDE,
    )


def test_clock_runs_follow_the_tables_running_clock():
    states = [
        (Status.SUBMITTED, 0),
        (Status.ACCEPTED, 1),
        (Status.IN_PROGRESS, 2),
        (Status.ANSWERED, 3),
        (Status.FED_BACK, 4),
        (Status.CLOSED, 5),
    ]
    assert clock_runs(states) == [
        (Clock.FIRST_REPLY, 0, 1),
        (Clock.DECIDE, 1, 2),
        (Clock.ANSWER, 2, 3),
        (Clock.FEEDBACK, 3, 4),
    ]
    assert clock_runs(states[:3]) == [
        (Clock.FIRST_REPLY, 0, 1),
        (Clock.DECIDE, 1, 2),
        (Clock.ANSWER, 2, None),
    ]
