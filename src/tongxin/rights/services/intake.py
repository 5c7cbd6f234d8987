"""What a submission needs to know before it writes, read in one statement.

Submission is the desk's busiest write (a new-term week brings thousands an hour). Before it
writes, it needs the category (still active? urgent?), the queue it goes to (the college
union where the school routes the category there, else the graduate or the school union),
the school's settings (first-reply clock, daily limit) and how many issues the student has
already submitted today. Each is a primary-key or short index lookup; asked one by one they
cost five round trips, so they are asked as scalar subqueries of a single query on the
category, which answers no row for an unknown category.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    JSONField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, JSONObject
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import StudentLevel, User
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node, NodeKind

from ..models import CategoryRoute, Issue, IssueCategory, RightsSettings, SealedIdentity

# RightsSettings columns read with the category (all of them: the object handed to the
# clocks must never hold a default where the school saved a value).
_SETTINGS = [
    f.attname
    for f in RightsSettings._meta.concrete_fields
    if f.attname != RightsSettings._meta.pk.attname
]


@dataclass(frozen=True)
class Intake:
    category: IssueCategory
    union_id: int
    settings: RightsSettings
    submitted_today: int


def day_start(now: datetime.datetime | None = None) -> datetime.datetime:
    return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)


def _count(qs: QuerySet[Any]) -> Coalesce:
    """COUNT(*) of `qs` as a scalar subquery."""
    counted = qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _union(**filters: Any) -> Subquery:
    return Subquery(Node.objects.filter(**filters).order_by("path").values("pk")[:1])


def _annotations(student: User, school_id: int, since: datetime.datetime) -> dict[str, Any]:
    settings = RightsSettings.objects.filter(school_id=school_id)
    routed = CategoryRoute.objects.filter(school_id=school_id, category_id=OuterRef("pk"))
    college_union = (
        Case(
            When(
                Exists(routed),
                then=_union(parent_id=student.college_id, kind=NodeKind.COLLEGE_UNION),
            ),
            default=None,
            output_field=IntegerField(),
        )
        if student.college_id
        else Value(None, output_field=IntegerField())
    )
    return {
        "college_union_id": college_union,
        "graduate_union_id": _union(school_id=school_id, kind=NodeKind.GRADUATE_UNION),
        "school_union_id": _union(school_id=school_id, kind=NodeKind.SCHOOL_UNION),
        # Two counts, not one OR across a join: each one walks its own index.
        "own_today": _count(Issue.objects.filter(submitter=student, created_at__gte=since)),
        "sealed_today": _count(
            SealedIdentity.objects.filter(user=student, issue__created_at__gte=since)
        ),
        # The settings row as one JSON object: one subquery instead of one per column.
        "saved_settings": Subquery(
            settings.values(cfg=JSONObject(**{name: name for name in _SETTINGS}))[:1],
            output_field=JSONField(),
        ),
    }


_CATEGORY = [f.attname for f in IssueCategory._meta.concrete_fields]


def _route(student: User, row: dict[str, Any]) -> int:
    """The queue: the college union where the category is routed to it, the graduate union
    for graduate students, else the school union."""
    candidates = [row["college_union_id"]]
    if student.level == StudentLevel.GRADUATE:
        candidates.append(row["graduate_union_id"])
    candidates.append(row["school_union_id"])
    for union_id in candidates:
        if union_id is not None:
            return int(union_id)
    raise DomainError(_("本校尚未设立学生会，暂时无法受理诉求。"))


def intake_for(student: User, category_id: int) -> Intake:
    """Everything `issue_submit` reads, in one query; refuses an unknown category and a
    student without a school or without a union to answer them."""
    school_id = student.school_id
    if school_id is None:
        raise DomainError(_("您的账号没有所属学校，无法提交诉求。"))
    row = (
        IssueCategory.objects.filter(pk=category_id)
        .values(*_CATEGORY, **_annotations(student, school_id, day_start()))
        .first()
    )
    if row is None:
        raise DomainError(_("未知的类别，请重新选择。"), field="category")
    saved = row["saved_settings"] or {}  # none saved: the defaults
    return Intake(
        category=IssueCategory.from_db(None, _CATEGORY, [row[name] for name in _CATEGORY]),
        union_id=_route(student, row),
        settings=RightsSettings(school_id=school_id, **saved),
        submitted_today=int(row["own_today"]) + int(row["sealed_today"]),
    )
