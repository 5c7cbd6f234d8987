"""Rectification (整改): one item per failed ★ indicator of a confirmed school assessment.

    (failed ★ result, at the rating's confirmation) ── rectification_open_items ──► open
    open ── rectification_note (the advisor or the union's officer: text, a file) ──► open
    open ── rectification_accept (the city or province accepts the evidence) ──► closed
    open ── rectification_close_passing (the computing pass: the indicator passes on
            today's facts) ──► closed

An item never closes by hand otherwise: the computing pass (services/results.py) checks the
locked schools' open items of computed indicators on today's facts (the school's verdicts
themselves stay as confirmed), and a reviewer closes the others on the evidence.
"""

import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tongxin.attachments.services import attachment_store
from tongxin.audit import services as audit
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.notifications.services import notify
from tongxin.orgs.models import Node
from tongxin.staff.calendar import academic_year_of

from ..checks import CHECKS
from ..facts import gather
from ..models import (
    Catalogue,
    ClosedHow,
    IndicatorKind,
    Mark,
    RectificationItem,
    RectificationNote,
    RectificationState,
    Result,
    SchoolAssessment,
)
from ..rating_machine import RECTIFICATION

TEXT_LIMIT = 2000


def failed_core_results(assessment: SchoolAssessment) -> list[Result]:
    """The school's failed ★ results of the assessment's year (both tables)."""
    return list(
        Result.objects.filter(
            school_id=assessment.school_id,
            catalogue__academic_year=assessment.academic_year,
            indicator__mark=Mark.CORE,
            passed=False,
        )
        .select_related("indicator", "union")
        .order_by("union__path", "indicator__number")
    )


def rectification_open_items(
    *, assessment: SchoolAssessment, owner: Any, due_on: datetime.date
) -> list[RectificationItem]:
    """Inside the rating's confirmation (which authorized and audits): an open item per
    failed ★ result, owned by the school's advisor; an existing item is left as it is."""
    results = failed_core_results(assessment)
    RectificationItem.objects.bulk_create(
        [
            RectificationItem(
                assessment=assessment,
                result=r,
                school_id=assessment.school_id,
                union_id=r.union_id,
                owner=owner,
                due_on=due_on,
            )
            for r in results
        ],
        ignore_conflicts=True,
    )
    return list(RectificationItem.objects.filter(assessment=assessment).order_by("pk"))


def _text(text: str, label: str, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise DomainError(f"{label}：请填写内容。", field="text")
    if len(text) > TEXT_LIMIT:
        raise DomainError(f"{label}不能超过 {TEXT_LIMIT} 字。", field="text")
    return text


def _url(item: RectificationItem) -> str:
    return reverse("reform:rectification-item", args=[item.pk])


@transaction.atomic
def rectification_note(
    *,
    actor: Any,
    item: RectificationItem,
    expected_version: int,
    text: str,
    upload: UploadedFile | None = None,
) -> RectificationNote:
    """A progress note (and optionally a file on the item) by the advisor or the union's
    officer while the item is open."""
    item = RECTIFICATION.begin(
        actor=actor, obj=item, name="note", expected_version=expected_version
    )
    text = _text(text, "整改进展", required=True)
    note = RectificationNote.objects.create(
        item=item, school_id=item.school_id, author=actor, text=text
    )
    if upload is not None:
        attachment_store(subject=item, upload=upload, uploaded_by=actor)
    item.version += 1
    item.save(update_fields=["version"])
    audit.record(
        actor=actor,
        action="reform.rectification.noted",
        target=item,
        data={"length": len(text), "files": 1 if upload is not None else 0},
    )
    return note


@transaction.atomic
def rectification_accept(
    *, actor: Any, item: RectificationItem, expected_version: int, note: str = ""
) -> RectificationItem:
    """The city or province accepts the item's evidence: closed (审核人认可整改材料)."""
    item = RECTIFICATION.begin(
        actor=actor, obj=item, name="accept", expected_version=expected_version
    )
    note = _text(note, "认可意见", required=False)
    if not RectificationNote.objects.filter(item=item).exists():
        raise DomainError("该整改事项尚无整改进展和材料，不能认可。")
    if note:
        RectificationNote.objects.create(
            item=item, school_id=item.school_id, author=actor, text=f"认可意见：{note}"
        )
    _close(item, actor, ClosedHow.ACCEPTED)
    audit.record(
        actor=actor, action="reform.rectification.accepted", target=item, data={"note": note}
    )
    _tell_closed(item, "审核人认可了整改材料")
    return item


def _close(item: RectificationItem, actor: Any, how: str) -> None:
    item.state = RectificationState.CLOSED
    item.closed_how = how
    item.closed_at = timezone.now()
    item.closed_by = actor
    item.version += 1
    item.save(update_fields=["state", "closed_how", "closed_at", "closed_by", "version"])


def _tell_closed(item: RectificationItem, how: str) -> None:
    notify(
        recipients=[item.owner],
        verb="reform.rectification.closed",
        title=f"整改事项已完成：{how}",
        url=_url(item),
        school=item.school,
    )


def rectification_close_passing(
    *, actor: Any, catalogue: Catalogue, unions: list[Node], on: datetime.date | None = None
) -> int:
    """Inside the computing pass (which authorized the scope): the open items of computed
    indicators of `catalogue` for `unions` (those of locked schools) whose check passes on
    `on` (default today: rectification is about the present, whatever the catalogue's year)
    close as 重新计算已达标, each audited. Two queries and the facts' when any is open."""
    items = list(
        RectificationItem.objects.filter(
            state=RectificationState.OPEN,
            result__catalogue=catalogue,
            union_id__in=[u.pk for u in unions],
            result__indicator__kind=IndicatorKind.COMPUTED,
        )
        .select_related("result__indicator", "owner", "school")
        .order_by("pk")
    )
    if not items:
        return 0
    on = on or timezone.localdate()
    wanted = {i.union_id for i in items}
    facts = gather([u for u in unions if u.pk in wanted], on=on, year=academic_year_of(on))
    closed = 0
    for item in items:
        verdict = CHECKS[item.result.indicator.computes](facts[item.union_id])
        if verdict.passed is not True:
            continue
        _close(item, actor, ClosedHow.RECOMPUTED)
        audit.record(
            actor=actor,
            action="reform.rectification.closed",
            target=item,
            data={
                "indicator": item.result.indicator.number,
                "union": item.union_id,
                "remark": verdict.remark,
                "on": on.isoformat(),
            },
        )
        _tell_closed(item, f"重新计算已达标（{verdict.remark}）")
        closed += 1
    return closed


@transaction.atomic
def rectification_recheck(*, actor: Any, on: datetime.date | None = None) -> int:
    """The worker's nightly look at every open item of a computed indicator, whatever its
    year (the nightly pass computes only this year's catalogues): the system actor only."""
    if not getattr(actor, "is_system", False):
        raise NotAllowed("reform.compute")
    open_items = RectificationItem.objects.filter(
        state=RectificationState.OPEN, result__indicator__kind=IndicatorKind.COMPUTED
    )
    closed = 0
    catalogue_ids = set(open_items.values_list("result__catalogue_id", flat=True))
    for catalogue in Catalogue.objects.filter(pk__in=catalogue_ids).order_by("pk"):
        union_ids = open_items.filter(result__catalogue=catalogue).values("union_id")
        unions = list(Node.objects.filter(pk__in=union_ids).select_related("school"))
        closed += rectification_close_passing(
            actor=actor, catalogue=catalogue, unions=unions, on=on
        )
    return closed
