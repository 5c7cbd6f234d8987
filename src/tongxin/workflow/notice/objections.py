"""Objections (异议) to a notice, as a transition table each app builds for its own table.

    (none) ── lodge (who may object: the app's permission) ──► open
    open ── dismiss (who may resolve) ──► dismissed      (the notice resumes once none is open)
    open ── uphold  (who may resolve) ──► upheld         (the app closes the noticed object)
    open ── moot    (the system, when the object closed) ──► moot

The app's services check their permission on the noticed object, lock it, then call
`lodge`, `answer` or `close_open` here; each validates the input and writes the objection
row, so the app only adds its state, timeline line, audit event (`audit_action(step)`:
"<app>.objection.<done>") and notifications in the same transaction.
"""

import datetime
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from tongxin.core.errors import DomainError
from tongxin.workflow.machine import Action, Machine
from tongxin.workflow.steps import require_text

from .models import ObjectionBase, ObjectionStatus
from .period import notice_run_out

OS = ObjectionStatus  # short, for the table below
X = TypeVar("X", bound=ObjectionBase)
MAX_TEXT = 1000


def objection_machine(name: str, *, may_object: str, may_resolve: str) -> Machine:
    """The objection table of one app (`name`: "selection.objection", its audit prefix)."""
    # fmt: off
    return Machine(
        name=name,
        states=ObjectionStatus,
        actions=[
            Action("lodge", "提出异议", (), (OS.OPEN,), may_object, done="lodged", on_page=False),
            Action("dismiss", "答复异议不成立", (OS.OPEN,), (OS.DISMISSED,), may_resolve,
                   done="dismissed"),
            Action("uphold", "认定异议成立", (OS.OPEN,), (OS.UPHELD,), may_resolve, done="upheld"),
            Action("moot", "异议无需处理", (OS.OPEN,), (OS.MOOT,), None, done="moot"),
        ],
    )
    # fmt: on


@dataclass(frozen=True)
class Objections(Generic[X]):
    """One app's objections: its model and its transition table."""

    model: type[X]
    machine: Machine

    def __post_init__(self) -> None:
        field = self.model._meta.get_field("status")
        values = {str(value) for value, _label in getattr(field, "choices", None) or []}
        if values != set(ObjectionStatus.values):
            raise ValueError(f"{self.model.__name__}.status must offer {ObjectionStatus.values}")

    @property
    def noticed_field(self) -> str:
        return self.model.noticed_field

    def audit_action(self, step: str) -> str:
        """The audit action of a step: "selection.objection.lodged"."""
        return f"{self.machine.name}.{self.machine.action(step).done}"

    def outcomes(self) -> list[Action]:
        """The resolutions the page offers for an open objection, in table order."""
        return [a for a in self.machine.offered(OS.OPEN) if a.on_page and a.perm is not None]

    def answerable(self, objection: ObjectionBase) -> bool:
        """Still open to an answer (the page shows its answer form)."""
        return any(objection.status in a.src for a in self.outcomes())

    def step_to(self, outcome: str) -> Action:
        """The resolution that leads to `outcome` ("dismissed", "upheld")."""
        for action in self.outcomes():
            if outcome in action.dst:
                return action
        raise DomainError(_("请选择处理结果。"), field="outcome")

    def of(self, noticed: models.Model) -> "models.QuerySet[Any]":
        return self.model._default_manager.filter(**{self.noticed_field: noticed})

    def open_of(self, noticed: models.Model) -> "models.QuerySet[Any]":
        return self.of(noticed).filter(status=OS.OPEN)

    def lodge(self, *, noticed: Any, author: Any, text: str, now: datetime.datetime) -> X:
        """A new open objection to `noticed` (already authorised and locked by the app):
        refused once the notice has run out, when empty or too long, and while the author's
        previous objection to it is still open."""
        if notice_run_out(noticed, now):
            raise DomainError(_("公示期已结束，不能再提出异议。"), field="state")
        body = require_text(text, "text", _("异议内容"), max_length=MAX_TEXT)
        if self.open_of(noticed).filter(author=author).exists():
            raise DomainError(
                _("您对该%(name)s的异议正在处理中，请等待答复。")
                % {"name": noticed._meta.verbose_name},
                field="text",
            )
        where: dict[str, Any] = {self.noticed_field: noticed, "school_id": noticed.school_id}
        return self.model._default_manager.create(**where, author=author, text=body, created_at=now)

    def answer(
        self,
        *,
        noticed: models.Model,
        objection: X,
        outcome: str,
        answer: str,
        by: Any,
        now: datetime.datetime,
    ) -> tuple[X, Action]:
        """The written answer to one open objection of `noticed` (locked by the app): the
        objection row is locked, checked against the table and closed as `outcome`."""
        step = self.step_to(outcome)
        fresh = self.model._default_manager.select_for_update().get(pk=objection.pk)
        mine = getattr(fresh, f"{self.noticed_field}_id") == noticed.pk
        if not mine or fresh.status not in step.src:
            raise DomainError(_("该异议已经处理过了。"), field="objection")
        written = require_text(answer, "answer", _("书面答复"))
        self._close(fresh, step, written, by, now)
        return fresh, step

    def close_open(
        self, *, noticed: models.Model, answer: str, by: Any, now: datetime.datetime
    ) -> list[X]:
        """Every open objection becomes moot: the noticed object was closed otherwise."""
        step = self.machine.action("moot")
        open_ones = list(self.open_of(noticed).select_related("author"))
        for objection in open_ones:
            self._close(objection, step, answer, by, now)
        return open_ones

    @staticmethod
    def _close(
        objection: ObjectionBase, step: Action, answer: str, by: Any, now: datetime.datetime
    ) -> None:
        objection.status, objection.answer = step.dst[0], answer
        objection.answered_by, objection.answered_at = by, now
        objection.save(update_fields=["status", "answer", "answered_by", "answered_at"])
