"""Assessment's items of the to-do list (待办; core/todo.py gathers them)."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import TodoBatch, TodoItem
from tongxin.core.todo import batch_of

from . import selectors
from .models import RatedOfficer


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))


def _item(rated: RatedOfficer) -> TodoItem:
    return TodoItem(
        title=f"{rated.round.union.name} · {rated.officer.real_name}",
        url=reverse("assessment:rating-submit", args=[rated.pk]),
        kind=_("待评议"),
        deadline=_end_of(rated.round.deadline),
    )


def ratings(user: Any, limit: int) -> TodoBatch:
    return batch_of(selectors.awaiting_rating(actor=user), limit, _item)


PROVIDERS = [ratings]
