"""The benchmark's stories take the rights generator's paths through the transition table:
no state, verb or clock of their own."""

import random
from collections import Counter

from tongxin.bench.story import clocks_of, due_of, story_of
from tongxin.rights.generator.paths import STEP_ACTIONS, take
from tongxin.rights.machine import ISSUE
from tongxin.rights.models import OPEN_STATUSES, Clock, Rating, Status

LONG_AGO = 10**9


def _stories(n: int, now: int = LONG_AGO) -> list:
    rng = random.Random(3)
    return [story_of(rng, 0, now) for _ in range(n)]


def test_each_step_leaves_the_state_the_table_says():
    verbs = {a.done for a in ISSUE.actions} | {"submitted", "reopened"}
    for story in _stories(2_000):
        assert story.states[0] == Status.SUBMITTED
        pairs = zip(story.steps[1:], story.states[:-1], story.states[1:], strict=True)
        for (kind, _when), before, after in pairs:
            assert kind in verbs
            assert after in _targets(before, kind)


def _targets(state: str, kind: str) -> set[str]:
    """The states the table leads to from `state` by a step written `kind`."""
    targets = set()
    for step in STEP_ACTIONS:
        try:
            taken = take(step, state)
        except ValueError:
            continue
        if taken.kind == kind:
            targets.add(taken.state)
    return targets


def test_finished_stories_are_closed_with_a_rating_or_a_reason():
    stories = _stories(3_000)
    statuses = Counter(story.status for story in stories)
    assert not set(statuses) & set(OPEN_STATUSES)
    assert statuses[Status.CLOSED] > 0.8 * len(stories)
    for story in stories:
        if story.status == Status.CLOSED:
            assert story.rating in Rating.values
        if story.status == Status.NOT_HANDLED:
            assert story.decline_reason


def test_a_withdrawal_cancels_the_clock_it_stops_before_it_falls_due():
    withdrawn = [s for s in _stories(3_000) if s.status == Status.WITHDRAWN]
    assert withdrawn
    cancelled = 0
    for story in withdrawn:
        *earlier, (clock, started, stopped, was_cancelled) = clocks_of(story)
        assert stopped == story.last
        assert was_cancelled == (due_of(clock, started) > stopped)
        assert not any(c for *_run, c in earlier)
        cancelled += was_cancelled
    assert 0 < cancelled < len(withdrawn)


def test_a_story_cut_at_now_stays_open_with_its_clock_running():
    rng = random.Random(5)
    story = story_of(rng, 0, 1)  # nothing can happen in the first second
    assert story.steps == [("submitted", 0)]
    assert story.status in OPEN_STATUSES
    assert clocks_of(story) == [(Clock.FIRST_REPLY, 0, None, False)]
