"""The advisor's to-do item of the self-assessment: 依据材料待确认 (core/todo.py gathers it)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import TodoBatch, TodoItem
from tongxin.core.todo import batch_of

from .models import Evidence
from .union_selectors import evidence_to_confirm_for


def _item(evidence: Evidence) -> TodoItem:
    result = evidence.result
    url = reverse("reform:union", args=[result.union_id])
    return TodoItem(
        title=f"{result.union.name} · 第 {result.indicator.number} 项 {result.indicator.short}",
        url=f"{url}?year={result.catalogue.academic_year}#item-{result.indicator.number}",
        kind=_("依据材料待确认"),
        since=evidence.submitted_at,
    )


def evidence_waiting(user: Any, limit: int) -> TodoBatch:
    """Evidence of the advisor's school waiting for confirmation, oldest first."""
    return batch_of(evidence_to_confirm_for(actor=user), limit, _item)
