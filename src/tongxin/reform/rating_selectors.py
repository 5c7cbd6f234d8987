"""Reads of the rating and the feedback letter (part G): the gate for a school's assessment
(missing and out of reach alike raise DoesNotExist), the federations' list of assessments
to rate, and one assessment's rating, letter and rectification items."""

from typing import Any

from django.db.models import QuerySet

from tongxin.accounts.reach import node_scope
from tongxin.accounts.roles import FEDERATION_ROLES
from tongxin.core.authz import can
from tongxin.core.pagination import MAX_ID

from .models import (
    AssessmentState,
    FeedbackLetter,
    Rating,
    RatingScale,
    RectificationItem,
    SchoolAssessment,
)

RATEABLE = (AssessmentState.CITY_REVIEWED, AssessmentState.CONFIRMED)


def assessment_get_for(*, actor: Any, pk: int) -> SchoolAssessment:
    if not 0 < pk <= MAX_ID:
        raise SchoolAssessment.DoesNotExist
    assessment = SchoolAssessment.objects.filter(pk=pk).select_related("school__parent").first()
    if assessment is None or not can(actor, "reform.view_assessment", assessment):
        raise SchoolAssessment.DoesNotExist
    return assessment


def ratings_for(*, actor: Any, year: int, state: str = "") -> QuerySet[SchoolAssessment]:
    """The assessments of `year` below the actor's federation node that have reached the
    city's review (the ones to rate), with their rating; `state`: "" all, "unrated",
    "proposed" or "confirmed"."""
    rows = SchoolAssessment.objects.filter(
        node_scope(actor, field="school__", roles=FEDERATION_ROLES),
        academic_year=year,
        state__in=RATEABLE,
    )
    if state == "unrated":
        rows = rows.filter(rating__isnull=True)
    elif state in {"proposed", "confirmed"}:
        rows = rows.filter(rating__state=state)
    return rows.select_related("school", "rating__scale").order_by("school__code", "pk")


def rating_of(assessment: SchoolAssessment) -> Rating | None:
    return (
        Rating.objects.filter(assessment=assessment)
        .select_related("scale", "proposed_by", "confirmed_by")
        .first()
    )


def letter_get(assessment: SchoolAssessment) -> FeedbackLetter | None:
    return FeedbackLetter.objects.filter(assessment=assessment).first()


def scales() -> list[RatingScale]:
    return list(RatingScale.objects.order_by("pk"))


def scale_get(pk: int | None) -> RatingScale | None:
    if pk is None or not 0 < pk <= MAX_ID:
        return None
    return RatingScale.objects.filter(pk=pk).first()


def items_of(assessment: SchoolAssessment) -> list[RectificationItem]:
    return list(
        RectificationItem.objects.filter(assessment=assessment)
        .select_related("result__indicator", "union", "owner")
        .order_by("union__path", "result__indicator__number")
    )
