"""Selection's items of the to-do list (待办; core/todo.py gathers them)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import TodoBatch, TodoItem
from tongxin.core.todo import batch_of

from . import selectors
from .models import Candidacy, State

STEPS = {
    State.RECOMMENDED: _("候选人待联合审查"),
    State.COLLEGE_CONSENTED: _("候选人待联合审查"),
    State.REVIEWED: _("候选人待校党委决定"),
    State.DECIDED: _("候选人待提交代表大会选举"),
    State.ELECTED: _("当选待公示"),
    State.NOTICE_ENDED: _("公示期满待任命"),
}


def _item(candidacy: Candidacy, kind: Any) -> TodoItem:
    return TodoItem(
        title=f"{candidacy.candidate.real_name} · {candidacy.get_position_display()}",
        url=reverse("selection:candidacy-detail", args=[candidacy.pk]),
        kind=kind,
        since=candidacy.created_at,
    )


def college_consent(user: Any, limit: int) -> TodoBatch:
    return batch_of(
        selectors.awaiting_consent(actor=user),
        limit,
        lambda candidacy: _item(candidacy, _("候选人待院党组织同意")),
    )


def school_steps(user: Any, limit: int) -> TodoBatch:
    return batch_of(
        selectors.awaiting_school(actor=user),
        limit,
        lambda candidacy: _item(candidacy, STEPS[candidacy.state]),
    )


PROVIDERS = [college_consent, school_steps]
