"""The yearly rating (评定) of a union's congress.

    (no rating) ──rate──► 优 / 合格 / 重点关注 ──rate again (version)──► another grade

One rating per union and year. The city federation rates the school-level unions of its
schools; the school's league advisor rates its college unions (rules.py, rating section).
A re-rating names the version it read, so two raters never overwrite each other unseen.
重点关注 ("needs attention") needs notes, and tells the union's presidium and the school's
advisors.
"""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Role
from tongxin.accounts.reach import Grant
from tongxin.accounts.roles import grant_over
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError, StaleObject
from tongxin.notifications.services import notify
from tongxin.orgs.models import Node

from ..models import Grade, Rating
from ..rules import RATING_FEDERATION_ROLES

FIRST_YEAR = 2000  # no congress before this is rated in Tongxin
NOTES_MAX = 2000


def _validate(year: int, grade: str, notes: str, today: datetime.date) -> str:
    if not grade:
        raise DomainError("请选择等次。", field="grade")
    if grade not in Grade.values:
        raise DomainError("等次只能是优、合格或重点关注。", field="grade")
    if not FIRST_YEAR <= year <= today.year:
        raise DomainError(f"年度须在 {FIRST_YEAR} 年至 {today.year} 年之间。", field="year")
    notes = notes.strip()
    if grade == Grade.ATTENTION and not notes:
        raise DomainError("评为重点关注时须填写评语，说明需要关注的问题。", field="notes")
    if len(notes) > NOTES_MAX:
        raise DomainError(f"评语不能超过 {NOTES_MAX} 字。", field="notes")
    return notes


def _rater_grant(actor: Any, union: Node) -> Grant:
    """The membership the actor rates under: at their city, or at their school."""
    grant = grant_over(actor, *RATING_FEDERATION_ROLES, Role.ADVISOR, node=union)
    if grant is None:  # authorize() passed, so a grant reaches the union
        raise DomainError("找不到您评定所依据的任职。")
    return grant


def _locked(union: Node, year: int) -> Rating | None:
    return Rating.objects.select_for_update().filter(union=union, year=year).first()


def _stale() -> StaleObject:
    return StaleObject("该学生会本年度的评定已被他人修改，请刷新后重试。", field="version")


@transaction.atomic
def rate_congress(
    *, actor: Any, union: Node, year: int, grade: str, notes: str, version: int
) -> Rating:
    """Rate `union`'s congress of `year`. `version` is the rating's version the actor read
    (0: there was none yet)."""
    authorize(actor, "congress.rate_union", union)
    notes = _validate(year, grade, notes, timezone.localdate())
    rating = _locked(union, year)
    if (rating.version if rating is not None else 0) != version:
        raise _stale()
    previous = rating.grade if rating is not None else ""
    grant = _rater_grant(actor, union)
    rater_id = grant.node_id
    if rating is None:
        rating = _create(actor, union, year, grade, notes, rater_id)
        action = "congress.rating.rated"
    else:
        rating.grade, rating.notes, rating.rated_by, rating.rater_id = grade, notes, actor, rater_id
        rating.rated_at = timezone.now()
        rating.version += 1
        rating.save(update_fields=["grade", "notes", "rated_by", "rater", "rated_at", "version"])
        action = "congress.rating.rerated"
    audit.record(
        actor=actor,
        action=action,
        target=rating,
        role=grant.role,
        node=rater_id,
        data={"union": union.pk, "year": year, "grade": grade, "previous": previous},
    )
    if grade == Grade.ATTENTION:
        _tell_attention(actor, union, rating)
    return rating


def _create(actor: Any, union: Node, year: int, grade: str, notes: str, rater_id: int) -> Rating:
    try:
        with transaction.atomic():  # another rater created it meanwhile: stale, not a 500
            return Rating.objects.create(
                union=union,
                school_id=union.school_pk,
                year=year,
                grade=grade,
                notes=notes,
                rated_by=actor,
                rater_id=rater_id,
            )
    except IntegrityError as exc:
        raise _stale() from exc


def attention_recipients(union: Node) -> list[Any]:
    """The union's presidium and its school's league advisors (one query)."""
    members = Membership.objects.active().filter(
        Q(node_id=union.pk, role=Role.OFFICER, position__in=PRESIDIUM_POSITIONS)
        | Q(node_id=union.school_id, role=Role.ADVISOR)
    )
    return [m.user for m in members.select_related("user").order_by("pk")]


def _tell_attention(actor: Any, union: Node, rating: Rating) -> None:
    recipients = [u for u in attention_recipients(union) if u.pk != actor.pk]
    notify(
        recipients=recipients,
        verb="congress.rating.rated",
        title=f"{union.name}{rating.year}年度代表大会被评定为重点关注",
        body=rating.notes,
        school=union.school,
    )
