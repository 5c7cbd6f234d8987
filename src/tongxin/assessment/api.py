"""述职评议 as JSON: the rater's list, submitting a rating, the officer's own results.

The officer's results carry scores per dimension and group averages, never a rater.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.http import PageNumber
from tongxin.core.pagination import paginate

from . import selectors, services
from .models import RatedOfficer, RoundStatus
from .presenters import result_view
from .schemas import (
    AssessmentLineOut,
    AssessmentMineOut,
    AssessmentMinePage,
    AssessmentRatingIn,
    AssessmentRatingOut,
    AssessmentTodoOut,
    AssessmentTodoPage,
)

router = Router(tags=["assessment"])
NOT_FOUND = "不存在或不在您的查看范围内。"


class PageQuery(Schema):
    page: PageNumber = 1


def _require(request: HttpRequest, perm: str, message: str) -> None:
    if not can(request.user, perm):
        raise HttpError(403, message)


def _todo(r: Any) -> AssessmentTodoOut:
    return AssessmentTodoOut(
        rated_id=r.pk,
        officer_name=r.officer.real_name,
        position=r.membership.get_position_display(),
        union=r.round.union.name,
        round_id=r.round_id,
        term=r.round.term,
        deadline=r.round.deadline,
        report=r.report,
        rated_by_me=r.rated_by_me,
    )


@router.get("/to-rate", response=AssessmentTodoPage)
def to_rate(request: HttpRequest, q: Query[PageQuery]) -> Any:
    """Officers the caller was chosen to rate in open rounds (with their work reports)."""
    _require(request, "assessment.open_rating", "您不是任何一轮述职评议的评议人。")
    page = paginate(selectors.to_rate_for(actor=request.user), max(q.page, 1))
    return {"items": [_todo(r) for r in page.items], "page": page.number, "has_next": page.has_next}


@router.post("/ratings", response={201: AssessmentRatingOut})
def rating_submit(request: HttpRequest, body: AssessmentRatingIn) -> Any:
    """One rating, final: a second one for the same officer in the same round is refused."""
    _require(request, "assessment.open_rating", "您不是任何一轮述职评议的评议人。")
    try:
        rated = selectors.rated_get_for_rater(actor=request.user, pk=body.rated)
    except RatedOfficer.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc
    user: Any = request.user
    scores = body.dict(exclude={"rated"})
    rating = services.rating_submit(actor=user, rated=rated, scores=scores)
    return Reply(201, {"rated_id": rated.pk, "round_id": rating.round_id, **rating.scores()})


def _mine(r: RatedOfficer) -> AssessmentMineOut:
    round_ = r.round
    out = AssessmentMineOut(
        rated_id=r.pk,
        round_id=round_.pk,
        union=round_.union.name,
        term=round_.term,
        status=round_.status,
        status_label=round_.get_status_display(),
        deadline=round_.deadline,
        report=r.report,
        published=round_.status == RoundStatus.PUBLISHED,
    )
    if out.published:
        view = result_view(r)
        out.score, out.level, out.level_label = view.score, view.level, view.level_label
        out.dimensions = [
            AssessmentLineOut(key=d.key, label=d.label, weight=d.weight, score=d.score)
            for d in view.dimensions
        ]
        out.groups = [
            AssessmentLineOut(
                key=g.key, label=g.label, weight=g.weight, score=g.score, count=g.count
            )
            for g in view.groups
        ]
    return out


@router.get("/mine", response=AssessmentMinePage)
def mine(request: HttpRequest, q: Query[PageQuery]) -> Any:
    """The caller's own rounds; results only once published, never a rater's identity."""
    _require(request, "assessment.view_own_results", "只有学生会工作人员可以查看本人述职评议。")
    page = paginate(selectors.my_rounds(actor=request.user), max(q.page, 1))
    return {"items": [_mine(r) for r in page.items], "page": page.number, "has_next": page.has_next}
