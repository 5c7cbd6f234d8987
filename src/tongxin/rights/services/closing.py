"""Closing the loop, publishing and unsealing.

The rating and its one further round are the referral piece's (workflow.referral.steps.rate).

fed back ── rate 满意 / 基本满意 ──► closed
fed back ── first 不满意 ──► accepted (decide clock restarts)
fed back ── second 不满意 ──► closed, flagged to the advisor
fed back ── 7 days without a rating (worker) ──► closed as 未评价
answered | fed back | closed ── publish (consent + officer review) ──► on the echo wall
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.workflow.referral import steps as referral
from tongxin.workflow.steps import lock, require_text, save_step

from ..machine import ISSUE
from ..models import Clock, Issue, Rating, SealedIdentity, Status
from ..settings import settings_for
from . import clocks
from .common import (
    advisors,
    record_issue_step,
    tell_about_issue,
    tell_reporter,
    union_officers,
)


def _close(issue: Issue, rating: str) -> None:
    issue.status, issue.rating, issue.closed_at = Status.CLOSED, rating, timezone.now()


@transaction.atomic
def issue_rate(
    *, actor: User, issue: Issue, expected_version: int, rating: str, reason: str = ""
) -> Issue:
    issue = ISSUE.begin(actor=actor, obj=issue, name="rate", expected_version=expected_version)
    rated = referral.rate(issue, rating=rating, reason=reason)
    if rated is referral.Rated.CLOSED:
        _close(issue, rating)
        save_step(issue, "status", *rated.fields, "closed_at")
        record_issue_step(
            actor, issue, kind="rated", text=str(Rating(rating).label), data={"rating": rating}
        )
        return issue
    if rated is referral.Rated.AGAIN:  # the union handles it once more
        issue.status = Status.ACCEPTED
        clocks.start(issue, Clock.DECIDE, settings_for(issue.school_id))
        save_step(issue, "status", *rated.fields, "due_at", "escalation_level")
        record_issue_step(actor, issue, kind="reopened", text=issue.rating_reason)
        tell_about_issue(
            union_officers(issue),
            issue,
            _("同学不满意，诉求重新办理：%(t)s") % {"t": issue.title},
            issue.rating_reason,
        )
        return issue
    _close(issue, rating)
    issue.flagged_to_advisor = True
    save_step(issue, "status", *rated.fields, "closed_at", "flagged_to_advisor")
    record_issue_step(
        actor,
        issue,
        kind="rated",
        text=_("不满意：%(r)s") % {"r": issue.rating_reason},
        data={"rating": rating},
    )
    tell_about_issue(
        advisors(issue),
        issue,
        _("同学两次不满意，请关注：%(t)s") % {"t": issue.title},
        issue.rating_reason,
    )
    return issue


@transaction.atomic
def issue_auto_close(
    *, actor: User, issue: Issue, now: datetime.datetime | None = None
) -> Issue | None:
    """The worker closes an issue left unrated; None when it is not (or no longer) due."""
    issue = lock(issue, None)
    now = now or timezone.now()
    days = settings_for(issue.school_id).auto_close_days
    if issue.status not in ISSUE.action("auto-close").src or issue.fed_back_at is None:
        return None
    if now < issue.fed_back_at + datetime.timedelta(days=days):
        return None
    _close(issue, Rating.UNRATED)
    save_step(issue, "status", "rating", "closed_at")
    record_issue_step(actor, issue, kind="auto_closed", data={"days": days})
    return issue


@transaction.atomic
def issue_publish(*, actor: User, issue: Issue, expected_version: int) -> Issue:
    """回音壁: with the writer's consent and after this review, everyone in the school sees
    the question and the answer, without the writer's name or contact."""
    issue = ISSUE.begin(actor=actor, obj=issue, name="publish", expected_version=expected_version)
    if not issue.publication_consent:
        raise DomainError(_("提交人未同意公开，不能发布。"))
    if issue.published_at is not None:
        raise DomainError(_("该诉求已经发布。"))
    issue.published_at = timezone.now()
    save_step(issue, "published_at")
    record_issue_step(actor, issue, kind="published")
    tell_reporter(issue, _("您的诉求及答复已发布到回音壁：%(t)s") % {"t": issue.title})
    return issue


@transaction.atomic
def issue_unseal(*, actor: User, issue: Issue, reason: str) -> User:
    """An advisor reveals an anonymous reporter, with a written reason the reporter sees."""
    authorize(actor, "rights.unseal_issue", issue)
    if not issue.is_anonymous:
        raise DomainError(_("这不是匿名诉求。"))
    reason = require_text(reason, "reason", _("解封理由"))
    sealed = SealedIdentity.objects.select_for_update().select_related("user").get(issue=issue)
    if sealed.unsealed_by_id is None:
        sealed.unsealed_by, sealed.unsealed_at, sealed.unseal_reason = actor, timezone.now(), reason
        sealed.save(update_fields=["unsealed_by", "unsealed_at", "unseal_reason"])
    record_issue_step(
        actor,
        issue,
        kind="unsealed",
        text=_("校团委老师查看了提交人身份，理由：%(r)s") % {"r": reason},
        data={"reason": reason},  # the reason, never the identity revealed
    )
    tell_reporter(issue, _("校团委老师查看了您匿名诉求的提交人身份"), reason)
    return sealed.user
