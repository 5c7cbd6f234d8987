"""core/memo.py: an answer is asked once per key while it lives, then again."""

import time_machine

from tongxin.core import memo


def test_an_answer_is_remembered_for_its_seconds_then_asked_again() -> None:
    asked: list[int] = []

    def compute() -> int:
        asked.append(1)
        return len(asked)

    with time_machine.travel("2026-03-02 09:00 +0800", tick=False) as clock:
        assert memo.remember(("k", 1), 60, compute) == 1
        clock.shift(59)
        assert memo.remember(("k", 1), 60, compute) == 1
        assert memo.remember(("k", 2), 60, compute) == 2  # another key asks for itself
        clock.shift(2)
        assert memo.remember(("k", 1), 60, compute) == 3


def test_zero_seconds_asks_every_time() -> None:
    calls = iter(range(10))
    assert memo.remember("x", 0, lambda: next(calls)) == 0
    assert memo.remember("x", 0, lambda: next(calls)) == 1


def test_forget_by_prefix_keeps_the_rest() -> None:
    memo.remember(("a", 1), 60, lambda: "a")
    memo.remember(("b", 1), 60, lambda: "b")
    memo.forget("a")
    assert memo.remember(("a", 1), 60, lambda: "fresh") == "fresh"
    assert memo.remember(("b", 1), 60, lambda: "fresh") == "b"
