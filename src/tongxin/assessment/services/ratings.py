"""What happens while a round is open (until the end of its deadline day).

    rated officer ──report_submit──► work report (may be revised until the deadline)
    chosen rater ──rating_submit──► one rating per officer, five dimensions 0–100, final

A rating cannot be changed or given twice: a second submission is refused with a message
(the database's unique constraint backs the check against two requests at once). Nobody
rates themselves.
"""

from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError

from ..models import Dimension, RatedOfficer, Rater, Rating, Round, RoundStatus

MAX_REPORT = 5000


def _open_round(round_id: int) -> Round:
    """The round, locked so that a rating never lands beside a close that is computing."""
    round_ = Round.objects.select_for_update().get(pk=round_id)
    if round_.status != RoundStatus.OPEN:
        raise DomainError(_("本轮述职评议已经结束，不能再提交。"))
    if timezone.localdate() > round_.deadline:
        raise DomainError(_("本轮述职评议已于 %(d)s 截止。") % {"d": round_.deadline.isoformat()})
    return round_


@transaction.atomic
def report_submit(*, actor: User, rated: RatedOfficer, text: str) -> RatedOfficer:
    """The rated officer writes (or revises) their work report (述职报告)."""
    authorize(actor, "assessment.submit_report", rated)
    _open_round(rated.round_id)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("请填写述职报告。"), field="report")
    if len(text) > MAX_REPORT:
        raise DomainError(
            _("述职报告不能超过 %(n)d 个字，现为 %(m)d 个字。") % {"n": MAX_REPORT, "m": len(text)},
            field="report",
        )
    first = not rated.report
    rated.report, rated.report_at = text, timezone.now()
    rated.save(update_fields=["report", "report_at"])
    audit.record(
        actor=actor,
        action="assessment.report.submitted",
        target=rated,
        data={"length": len(text), "revised": not first},
    )
    return rated


def clean_scores(scores: Mapping[str, object]) -> dict[str, int]:
    """Every dimension present, a whole number from 0 to 100; the message names the field."""
    clean: dict[str, int] = {}
    for dimension in Dimension:
        value = scores.get(dimension.value)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise DomainError(
                _("“%(d)s”应为 0 到 100 之间的整数。") % {"d": dimension.label},
                field=dimension.value,
            )
        clean[dimension.value] = value
    return clean


def _duplicate(rated: RatedOfficer) -> DomainError:
    return DomainError(
        _("您已为%(n)s评过分。每位评议人对每位工作人员每轮只能评一次，提交后不能修改。")
        % {"n": rated.officer.real_name}
    )


@transaction.atomic
def rating_submit(*, actor: User, rated: RatedOfficer, scores: Mapping[str, object]) -> Rating:
    """A chosen rater rates one officer of the round on the five dimensions."""
    if rated.officer_id == actor.pk:
        raise DomainError(_("不能给自己评分。"))
    authorize(actor, "assessment.rate_officer", rated)
    round_ = _open_round(rated.round_id)
    clean = clean_scores(scores)
    rater = Rater.objects.get(round=round_, user=actor)
    if Rating.objects.filter(round=round_, rater=rater, rated=rated).exists():
        raise _duplicate(rated)
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                round=round_, school_id=round_.school_id, rater=rater, rated=rated, **clean
            )
    except IntegrityError as exc:  # the same rater, twice at once
        raise _duplicate(rated) from exc
    # The event names the rating, never the scores or the rated officer beside the rater.
    audit.record(
        actor=actor, action="assessment.rating.submitted", target=rating, data={"round": round_.pk}
    )
    return rating
