"""Two raters at once on one union's congress: one rating wins, the other is told it is
stale — for a first rating (the unique row) and for a re-rating (the version)."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from tongxin.accounts.models import User
from tongxin.core.errors import StaleObject
from tongxin.orgs.models import Node
from tongxin.testing.province import TinyProvince

from ..models import Grade, Rating
from ..services.rating import rate_congress


def _race(runs: dict[str, Callable[[], object]]) -> dict[str, str]:
    barrier = threading.Barrier(len(runs))
    outcomes: dict[str, str] = {}

    def act(name: str, run: Callable[[], object]) -> None:
        barrier.wait()
        try:
            run()
            outcomes[name] = "won"
        except StaleObject:
            outcomes[name] = "stale"
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=item) for item in runs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


def _rater(p: TinyProvince, grade: str, version: int) -> Callable[[], object]:
    def run() -> object:
        return rate_congress(
            actor=User.objects.get(pk=p.city_staff_1.pk),
            union=Node.objects.get(pk=p.union_a.pk),
            year=2025,
            grade=grade,
            notes="并发评定。",
            version=version,
        )

    return run


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("first", [True, False])
def test_two_ratings_at_once_lose_no_update(province: TinyProvince, first: bool) -> None:
    version = 0
    if not first:
        version = _rater(province, Grade.QUALIFIED, 0)().version  # type: ignore[attr-defined]
    outcomes = _race(
        {
            "excellent": _rater(province, Grade.EXCELLENT, version),
            "attention": _rater(province, Grade.ATTENTION, version),
        }
    )
    assert sorted(outcomes.values()) == ["stale", "won"]
    rating = Rating.objects.get()
    winner = next(name for name, outcome in outcomes.items() if outcome == "won")
    assert rating.grade == winner and rating.version == version + 1
