"""The student's side: submit, withdraw, add support (我也遇到).

── submit ──► submitted (first-reply clock)
submitted | accepted | in progress | referred ── withdraw ──► withdrawn
"""

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import StudentLevel, User
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node, NodeKind

from .. import photos, similarity
from ..models import (
    CategoryRoute,
    Clock,
    Issue,
    IssueCategory,
    IssuePhoto,
    IssueSupport,
    SealedIdentity,
    Status,
)
from ..settings import settings_for
from . import clocks
from .common import (
    locked,
    new_pseudonym,
    record,
    require_status,
    require_text,
    save,
    tell,
    union_officers,
)


def route_union(student: User, category: IssueCategory) -> Node:
    """The queue an issue goes to: the school union by default, the graduate union for
    graduate students, or the student's college union where the advisor mapped the category."""
    school = student.school
    if school is None:
        raise DomainError(_("您的账号没有所属学校，无法提交诉求。"))
    if (
        student.college_id
        and CategoryRoute.objects.filter(school=school, category=category).exists()
    ):
        college_union = Node.objects.filter(
            parent_id=student.college_id, kind=NodeKind.COLLEGE_UNION
        ).first()
        if college_union is not None:
            return college_union
    kinds = (
        [NodeKind.GRADUATE_UNION, NodeKind.SCHOOL_UNION]
        if student.level == StudentLevel.GRADUATE
        else [NodeKind.SCHOOL_UNION]
    )
    for kind in kinds:
        union = Node.objects.filter(school=school, kind=kind).first()
        if union is not None:
            return union
    raise DomainError(_("本校尚未设立学生会，暂时无法受理诉求。"))


def submissions_today(student: User, now: datetime.datetime | None = None) -> int:
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return Issue.objects.filter(
        Q(submitter=student) | Q(sealed__user=student), created_at__gte=start
    ).count()


def _check_rate(student: User, limit: int) -> None:
    today = submissions_today(student)
    if today >= limit:
        raise DomainError(_("您今天已提交 %(n)d 条诉求，已达上限，请明天再提交。") % {"n": today})


@transaction.atomic
def issue_submit(
    *,
    actor: User,
    category: IssueCategory,
    title: str,
    description: str,
    place: str = "",
    anonymous: bool = False,
    publication_consent: bool = False,
    photo_files: list[UploadedFile] | None = None,
) -> Issue:
    authorize(actor, "rights.submit_issue")
    title = require_text(title, "title", _("标题"), 60)
    description = require_text(description, "description", _("问题描述"), 2000)
    if len(place) > 100:
        raise DomainError(_("地点不能超过 100 个字。"), field="place")
    if not category.is_active:
        raise DomainError(_("该类别已停用，请重新选择。"), field="category")
    photo_files = photo_files or []
    photos.check_photos(photo_files)
    cfg = settings_for(actor.school_id or 0)
    _check_rate(actor, cfg.daily_submission_limit)
    union = route_union(actor, category)
    school_id = union.school_id or 0  # route_union refuses a student without a school
    issue = Issue.objects.create(
        school_id=school_id,
        union=union,
        college_id=actor.college_id,
        submitter=None if anonymous else actor,
        is_anonymous=anonymous,
        pseudonym=new_pseudonym() if anonymous else "",
        publication_consent=publication_consent,
        category=category,
        is_urgent=category.is_urgent,
        title=title,
        description=description,
        place=place.strip(),
    )
    if anonymous:
        SealedIdentity.objects.create(issue=issue, user=actor, school_id=school_id)
    for index, upload in enumerate(photo_files, start=1):
        content, width, height = photos.reencode(upload, index)
        IssuePhoto.objects.create(
            issue=issue, school_id=issue.school_id, image=content, width=width, height=height
        )
    similarity.index_issue(issue)
    clocks.start(issue, Clock.FIRST_REPLY, cfg, now=timezone.now())
    issue.save(update_fields=["due_at", "escalation_level"])
    record(
        actor,
        issue,
        kind="submitted",
        data={"category": category.pk, "union": union.pk, "photos": len(photo_files)},
    )
    tell(union_officers(issue), issue, _("新的权益诉求：%(t)s") % {"t": title})
    return issue


@transaction.atomic
def issue_withdraw(*, actor: User, issue: Issue, expected_version: int) -> Issue:
    authorize(actor, "rights.withdraw_issue", issue)
    issue = locked(issue, expected_version)
    require_status(
        issue, [Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.REFERRED], _("撤回")
    )
    clocks.stop_running(issue, timezone.now(), cancelled=True)
    issue.status = Status.WITHDRAWN
    issue.closed_at = timezone.now()
    save(issue, "status", "closed_at", "due_at", "escalation_level")
    record(actor, issue, kind="withdrawn")
    return issue


@transaction.atomic
def issue_support(*, actor: User, issue: Issue) -> Issue:
    """我也遇到: a schoolmate adds their voice to an open, public-consenting issue."""
    authorize(actor, "rights.support_issue", issue)
    if actor.school_id != issue.school_id or not issue.publication_consent or not issue.is_open:
        raise DomainError(_("只能附议本校公开且仍在办理中的诉求。"))
    from ..rules import reporter_id

    if reporter_id(issue) == actor.pk:
        raise DomainError(_("不能附议自己提交的诉求。"))
    try:
        with transaction.atomic():
            IssueSupport.objects.create(issue=issue, user=actor, school_id=issue.school_id)
    except IntegrityError as exc:
        raise DomainError(_("您已经附议过这条诉求。")) from exc
    Issue.objects.filter(pk=issue.pk).update(supporters_count=F("supporters_count") + 1)
    issue.refresh_from_db(fields=["supporters_count"])
    record(actor, issue, kind="supported", internal=True)
    return issue
