"""The rating (评定) of a school's self-assessment of one academic year.

    (none) ── rating_propose: the city federation (assessment city_reviewed or confirmed)
           ──► proposed
    proposed ── rating_propose again (the version read; another grade or scale) ──► proposed
    proposed ── rating_confirm: the province (assessment confirmed; may change the grade,
             with a note) ──► confirmed
             (every failed ★ result of the school's unions becomes a rectification item,
             owned by the school's advisor, due on the province's date — 30 days by default)

The grades are the chosen RatingScale's (data: 达标制, 三级评定 …). A grade that does not
pass needs a note; so does a province's grade other than the city's proposal.
"""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tongxin.accounts.models import Membership, Role
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError, StaleObject
from tongxin.notifications.services import notify
from tongxin.orgs.models import NodeKind

from ..models import (
    AssessmentState,
    Rating,
    RatingScale,
    RatingState,
    SchoolAssessment,
)
from ..rating_machine import RATING
from .rectification import rectification_open_items

NOTE_LIMIT = 2000
DUE_DAYS = 30  # the rectification deadline unless the province sets one
RATEABLE = (AssessmentState.CITY_REVIEWED, AssessmentState.CONFIRMED)


def _assessment(assessment: SchoolAssessment) -> SchoolAssessment:
    return (
        SchoolAssessment.objects.select_for_update(of=("self",))
        .select_related("school")
        .get(pk=assessment.pk)
    )


def _grade(scale: RatingScale, grade: str) -> dict[str, Any]:
    found = next((g for g in scale.grades if g.get("code") == grade), None)
    if found is None:
        labels = "、".join(g["label"] for g in scale.grades)
        raise DomainError(f"等级：请从“{scale.name}”的 {labels} 中选择。", field="grade")
    return found


def _note(note: str, grade: dict[str, Any], *, required: bool = False, city_note: str = "") -> str:
    """The note, required for a grade that does not pass (the city's own note on the same
    grade stands for the province's) and when `required`."""
    note = (note or "").strip()
    if len(note) > NOTE_LIMIT:
        raise DomainError(f"意见不能超过 {NOTE_LIMIT} 字。", field="note")
    if not note and not city_note and not grade.get("passes"):
        raise DomainError(f"意见：评为“{grade['label']}”时须写明存在的问题。", field="note")
    if not note and required:
        raise DomainError("意见：改变市学联建议的等级时须写明理由。", field="note")
    return note


def _url(assessment: SchoolAssessment) -> str:
    return reverse("reform:rating", args=[assessment.pk])


@transaction.atomic
def rating_propose(
    *,
    actor: Any,
    assessment: SchoolAssessment,
    scale: RatingScale,
    grade: str,
    note: str,
    expected_version: int,
) -> Rating:
    """The city proposes (or, before the province confirms, re-proposes) the school's
    grade. `expected_version` is the rating's version read (0: there was none)."""
    authorize(actor, "reform.propose_rating", assessment)
    assessment = _assessment(assessment)
    if assessment.state not in RATEABLE:
        raise DomainError("市学联审核通过学校的自评后，才能提出评定建议。", field="state")
    chosen = _grade(scale, grade)
    note = _note(note, chosen)
    rating = Rating.objects.select_for_update().filter(assessment=assessment).first()
    if (rating.version if rating is not None else 0) != expected_version:
        raise StaleObject("该校的评定已被他人修改，请刷新后重试。", field="version")
    previous = ""
    if rating is None:
        rating = Rating(assessment=assessment, school_id=assessment.school_id, version=0)
        rating.state = RatingState.PROPOSED
    else:
        RATING.require(rating, "propose")
        previous = rating.proposed_grade
    rating.scale, rating.proposed_grade, rating.proposed_note = scale, grade, note
    rating.proposed_by, rating.proposed_at = actor, timezone.now()
    rating.version += 1
    try:
        with transaction.atomic():  # another proposal created it meanwhile: stale, not a 500
            rating.save()
    except IntegrityError as exc:
        raise StaleObject("该校的评定已被他人修改，请刷新后重试。", field="version") from exc
    audit.record(
        actor=actor,
        action="reform.rating.proposed",
        target=rating,
        data={
            "year": assessment.academic_year,
            "scale": scale.pk,
            "grade": chosen["label"],
            "previous": scale.label_of(previous) if previous else "",
        },
    )
    notify(
        recipients=province_reviewers(),
        verb="reform.rating.proposed",
        title=f"{assessment.school.name}的改革自评评定建议待确认：{chosen['label']}",
        url=_url(assessment),
        school=assessment.school,
    )
    return rating


def province_reviewers() -> list[Any]:
    """The province federation's staff and admins, who confirm ratings (one query)."""
    members = Membership.objects.active().filter(
        node__kind=NodeKind.PROVINCE, role__in=(Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN)
    )
    return [m.user for m in members.select_related("user").order_by("pk")]


def school_advisor(assessment: SchoolAssessment) -> Any:
    """The school's league advisor who owns its rectification (the longest serving)."""
    membership = (
        Membership.objects.active()
        .filter(node_id=assessment.school_id, role=Role.ADVISOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise DomainError("该校没有在任的校团委老师，无法指定整改责任人。")
    return membership.user


def _due(due_on: datetime.date | None, today: datetime.date) -> datetime.date:
    if due_on is None:
        return today + datetime.timedelta(days=DUE_DAYS)
    if due_on <= today:
        raise DomainError("整改期限：须晚于今天。", field="due_on")
    if due_on > today + datetime.timedelta(days=366):
        raise DomainError("整改期限：不能超过一年。", field="due_on")
    return due_on


@transaction.atomic
def rating_confirm(
    *,
    actor: Any,
    assessment: SchoolAssessment,
    grade: str,
    note: str,
    expected_version: int,
    due_on: datetime.date | None = None,
) -> Rating:
    """The province confirms the city's proposal (an empty `grade` keeps it) once it has
    confirmed the assessment; the failed ★ results become rectification items."""
    authorize(actor, "reform.confirm_rating", assessment)
    assessment = _assessment(assessment)
    if assessment.state != AssessmentState.CONFIRMED:
        raise DomainError("省学联确认学校的自评后，才能确认评定。", field="state")
    rating = Rating.objects.select_for_update().filter(assessment=assessment).first()
    if rating is None:
        raise DomainError("市学联尚未提出评定建议。")
    rating = RATING.begin(
        actor=actor, obj=rating, name="confirm", expected_version=expected_version
    )
    grade = (grade or "").strip() or rating.proposed_grade
    chosen = _grade(rating.scale, grade)
    same = grade == rating.proposed_grade
    note = _note(note, chosen, required=not same, city_note=rating.proposed_note if same else "")
    due = _due(due_on, timezone.localdate())
    owner = school_advisor(assessment)
    rating.state, rating.grade, rating.note = RatingState.CONFIRMED, grade, note
    rating.confirmed_by, rating.confirmed_at = actor, timezone.now()
    rating.version += 1
    rating.save()
    items = rectification_open_items(assessment=assessment, owner=owner, due_on=due)
    audit.record(
        actor=actor,
        action="reform.rating.confirmed",
        target=rating,
        data={
            "year": assessment.academic_year,
            "grade": chosen["label"],
            "proposed": rating.scale.label_of(rating.proposed_grade),
            "items": len(items),
            "due_on": due.isoformat(),
        },
    )
    year = f"{assessment.academic_year}—{assessment.academic_year + 1}"
    notify(
        recipients=[owner],
        verb="reform.rating.confirmed",
        title=f"{assessment.school.name}{year}学年改革自评评定为“{chosen['label']}”",
        body=f"整改事项 {len(items)} 项，请于 {due.isoformat()} 前完成。" if items else "",
        url=_url(assessment),
        school=assessment.school,
    )
    return rating
