"""What each referral step writes on an item the app's service has already authorised and
locked. Every function validates first (a DomainError naming the field changes nothing),
then changes the item and returns the fields to hand to `save_step`.

    refer ──► referred ── office_reply ──► SENT (answer) | DRAFTED (answer_draft)
    referred ── approve_reply ──► answer          referred ── hand_back(reason) ──► no office
    referred ── add_input (a co-office's opinion)
    replied ── rate ──► CLOSED | AGAIN (one further reply owed) | EXHAUSTED (closed, flag it)

The app's service around each call: permission (its rules compose `referral.rules`), the
row lock with the version check and the state (its transition table), the clock, the
timeline line with its audit event, and who is told.
"""

import datetime
import enum
from dataclasses import dataclass
from typing import Any, TypeVar

from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import Role
from tongxin.accounts.roles import has_role_at, is_office_head
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node, NodeKind

from ..steps import require_text
from .models import OfficeInputBase, Rating, Referable

I = TypeVar("I", bound=OfficeInputBase)  # noqa: E741 — the app's input model

REFERRED_FIELDS = ("lead_office", "answer_draft", "referred_at")
HANDED_BACK_FIELDS = REFERRED_FIELDS
SENT_FIELDS = ("answer", "answer_draft", "answered_at")


class Replied(enum.Enum):
    """What an office's reply became, with the fields it changed."""

    SENT = SENT_FIELDS
    DRAFTED = ("answer_draft",)  # waits for the office head's approval

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.value)


class Rated(enum.Enum):
    """What the requester's rating leads to, with the fields it changed."""

    CLOSED = ("rating",)  # 满意 or 基本满意
    AGAIN = ("rating_reason", "dissatisfied_count")  # 不满意: one further reply is owed
    EXHAUSTED = ("rating", "rating_reason", "dissatisfied_count")  # 不满意 once more

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.value)


@dataclass(frozen=True)
class HandedBack:
    reason: str
    office_id: int | None  # the lead office that handed it back
    fields: tuple[str, ...] = HANDED_BACK_FIELDS


def check_offices(item: Referable, lead: Node, co: list[Node]) -> None:
    """Refuse offices of another school, nodes that are not offices, and a lead office that
    is also a co-office."""
    for office in [lead, *co]:
        if office.kind != NodeKind.OFFICE or office.school_id != item.school_id:
            raise DomainError(_("只能转办给本校的职能部门。"), field="lead_office")
    if lead in co:
        raise DomainError(_("牵头部门不能同时是协办部门。"), field="co_offices")


def refer(
    item: Referable,
    *,
    lead_office: Node,
    co_offices: list[Node],
    now: datetime.datetime | None = None,
) -> tuple[str, ...]:
    """Hand the item to `lead_office`, with `co_offices` to help; a draft of an earlier
    referral is dropped."""
    check_offices(item, lead_office, co_offices)
    item.lead_office = lead_office
    item.answer_draft = ""
    item.referred_at = now or timezone.now()
    item.co_offices.set(co_offices)
    return REFERRED_FIELDS


def hand_back(item: Referable, *, reason: str) -> HandedBack:
    """退回: the lead office says the item is not its own; no office holds it any more."""
    reason = require_text(reason, "reason", _("退回理由"))
    office_id = item.lead_office_id
    item.lead_office, item.answer_draft, item.referred_at = None, "", None
    item.co_offices.clear()
    return HandedBack(reason=reason, office_id=office_id)


def send_reply(item: Referable, text: str, *, now: datetime.datetime | None = None) -> None:
    """The reply goes out (SENT_FIELDS change); any draft is spent."""
    item.answer, item.answer_draft = text, ""
    item.answered_at = now or timezone.now()


def office_reply(item: Referable, *, actor: Any, text: str, approval_required: bool) -> Replied:
    """The lead office replies. Where the app's setting requires it, a handler's reply
    waits as a draft for the office head; the head's own reply goes out directly."""
    text = require_text(text, "answer", _("答复"))
    if approval_required and not is_office_head(actor, item.lead_office_id):
        item.answer_draft = text
        return Replied.DRAFTED
    send_reply(item, text)
    return Replied.SENT


def approve_reply(item: Referable) -> Replied:
    """The office head lets the waiting draft go out."""
    if not item.answer_draft:
        raise DomainError(_("没有待审核的答复。"))
    send_reply(item, item.answer_draft)
    return Replied.SENT


def add_input(
    model: type[I],
    *,
    item: Referable,
    office: Node | None,
    author: Any,
    text: str,
    extra: dict[str, Any] | None = None,
) -> I:
    """A co-office's opinion for the lead office, written in the name of an office the
    author handles and that is a co-office of the item (`extra`: the app's own columns of
    the input, its school)."""
    if office is None or not has_role_at(author, Role.OFFICE_HANDLER, node_id=office.pk):
        raise DomainError(_("只能以本人所在部门的名义提供意见。"), field="office")
    if not item.co_offices.filter(pk=office.pk).exists():
        raise DomainError(_("只能以协办部门的名义提供意见。"), field="office")
    text = require_text(text, "text", _("协办意见"))
    values = {model.ITEM_FIELD: item, "office": office, "author": author, "text": text}
    values.update(extra or {})
    return model._default_manager.create(**values)


RATINGS = (Rating.SATISFIED, Rating.BASICALLY, Rating.DISSATISFIED)


def rate(item: Referable, *, rating: str, reason: str = "", further_replies: int = 1) -> Rated:
    """The requester rates the reply. 不满意 needs a reason; the first `further_replies`
    times it owes the requester another reply (the rating stays open), after that it
    closes the item as 不满意 and the app flags it to someone above."""
    if rating not in RATINGS:
        raise DomainError(_("请选择满意、基本满意或不满意。"), field="rating")
    if rating != Rating.DISSATISFIED:
        item.rating = rating
        return Rated.CLOSED
    item.rating_reason = require_text(reason, "reason", _("不满意的理由"))
    item.dissatisfied_count += 1
    if item.dissatisfied_count <= further_replies:
        return Rated.AGAIN
    item.rating = rating
    return Rated.EXHAUSTED
