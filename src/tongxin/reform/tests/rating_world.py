"""Set-up shared by part G's tests (rating, letter, rectification): school A's assessment of
this year computed with union A's congress overdue (★ item 11 fails), walked to a state
through the ORM (review_world.move), and the two shipped rating scales."""

import datetime

from django.utils import timezone

from tongxin.testing.province import TinyProvince

from ..models import Check, RatingScale, Result, SchoolAssessment
from .review_world import assessment_of, computed_year, move
from .world import congress_held

LEVELS = "三级评定（优、合格、重点关注）"
PASS_FAIL = "达标制"


def scale(name: str = LEVELS) -> RatingScale:
    return RatingScale.objects.get(name=name)


def overdue_congress(p: TinyProvince, union: str = "union_a") -> None:
    """The union's last congress held six years ago: ★ item 11 (按期召开) fails."""
    congress_held(p.nodes[union], timezone.localdate() - datetime.timedelta(days=6 * 365))


def recent_congress(p: TinyProvince, union: str = "union_a") -> None:
    congress_held(p.nodes[union], timezone.localdate() - datetime.timedelta(days=20))


def assessed(p: TinyProvince, state: str, school: str = "a") -> SchoolAssessment:
    """This year's tables computed (union A's congress overdue) and school `school`'s
    assessment moved to `state`."""
    overdue_congress(p)
    computed_year(p)
    return move(assessment_of(p, school), state)


def congress_result(p: TinyProvince, union: str = "union_a") -> Result:
    return Result.objects.get(
        union=p.nodes[union],
        indicator__computes=Check.CONGRESS_ON_SCHEDULE,
        indicator__catalogue__level="school",
    )


def rated(p: TinyProvince, grade: str = "qualified", note: str = "") -> SchoolAssessment:
    """School A's assessment confirmed, its rating proposed by city 1 and confirmed by the
    province (union A's ★ item 11 an open rectification item)."""
    from ..services.rating import rating_confirm, rating_propose

    a = assessed(p, "confirmed")
    rating = rating_propose(
        actor=p.city_staff_1,
        assessment=a,
        scale=scale(),
        grade=grade,
        note=note,
        expected_version=0,
    )
    rating_confirm(
        actor=p.province_admin, assessment=a, grade="", note="", expected_version=rating.version
    )
    return a
