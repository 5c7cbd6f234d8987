"""The student's side: submit, withdraw, add support (我也遇到).

── submit ──► submitted (first-reply clock)
submitted | accepted | in progress | referred ── withdraw ──► withdrawn
"""

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.core.authz import authorize
from tongxin.core.background import enqueue_on_commit
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node
from tongxin.workflow.steps import require_text, save_step

from .. import photos, similarity
from ..machine import ISSUE
from ..models import (
    Clock,
    Issue,
    IssueCategory,
    IssueGram,
    IssuePhoto,
    IssueSupport,
    SealedIdentity,
    Status,
)
from . import clocks
from .common import (
    new_pseudonym,
    record_issue_step,
    tell_about_issue,
    union_officers,
)
from .intake import intake_for


def route_union(student: User, category: IssueCategory) -> Node:
    """The queue an issue goes to: the school union by default, the graduate union for
    graduate students, or the student's college union where the advisor mapped the category."""
    return Node.objects.get(pk=intake_for(student, category.pk).union_id)


def _check_rate(today: int, limit: int) -> None:
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
    """── submit ──► submitted, with the first-reply clock running.

    `category` is read again (with the queue, the settings and today's count, in one
    statement), so the submit form hands over `IssueCategory(pk=…)` without loading it.
    The similar-issues index and the officers' notifications follow in the worker, after
    commit.
    """
    authorize(actor, "rights.submit_issue")
    title = require_text(title, "title", _("标题"), 60)
    description = require_text(description, "description", _("问题描述"), 2000)
    if len(place) > 100:
        raise DomainError(_("地点不能超过 100 个字。"), field="place")
    intake = intake_for(actor, category.pk)
    category = intake.category
    if not category.is_active:
        raise DomainError(_("该类别已停用，请重新选择。"), field="category")
    photo_files = photo_files or []
    photos.check_photos(photo_files)
    _check_rate(intake.submitted_today, intake.settings.daily_submission_limit)
    now = timezone.now()
    issue = Issue(
        school_id=intake.settings.school_id,
        union_id=intake.union_id,
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
    # The clock's deadline goes into the insert: a new issue has no clock to stop.
    issue.due_at = clocks.due_for(Clock.FIRST_REPLY, now, issue, intake.settings)
    issue.save(force_insert=True)
    if anonymous:
        SealedIdentity.objects.create(issue=issue, user=actor, school_id=issue.school_id)
    for index, upload in enumerate(photo_files, start=1):
        content, width, height = photos.reencode(upload, index)
        IssuePhoto.objects.create(
            issue=issue, school_id=issue.school_id, image=content, width=width, height=height
        )
    clocks.record_started(issue, Clock.FIRST_REPLY, now)
    # Before the audit event: the school's chain head stays locked from there to the commit.
    announce_submitted_later(issue.pk)
    record_issue_step(
        actor,
        issue,
        kind="submitted",
        data={"category": category.pk, "union": intake.union_id, "photos": len(photo_files)},
    )
    return issue


def announce_submitted_later(issue_id: int) -> None:
    """The worker's half (issue_announce), once the submission commits: with the database
    queue its task row is written in the submission's own transaction (one commit)."""
    from ..tasks import announce_submitted

    enqueue_on_commit(announce_submitted, issue_id=issue_id)


def issue_announce(issue: Issue) -> None:
    """After a submission commits (in the worker): index the title for "similar issues"
    and tell the union's officers. Kept out of the student's request, which then writes
    only the issue, its clock, its timeline entry and its audit event; the submission's
    audit event covers these. Running it twice indexes once and notifies twice at worst."""
    if not IssueGram.objects.filter(issue=issue).exists():
        similarity.index_issue(issue)
    tell_about_issue(union_officers(issue), issue, _("新的权益诉求：%(t)s") % {"t": issue.title})


@transaction.atomic
def issue_withdraw(*, actor: User, issue: Issue, expected_version: int) -> Issue:
    issue = ISSUE.begin(actor=actor, obj=issue, name="withdraw", expected_version=expected_version)
    clocks.stop_running(issue, timezone.now(), cancelled=True)
    issue.status = Status.WITHDRAWN
    issue.closed_at = timezone.now()
    save_step(issue, "status", "closed_at", "due_at", "escalation_level")
    record_issue_step(actor, issue, kind="withdrawn")
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
    record_issue_step(actor, issue, kind="supported", internal=True)
    return issue
