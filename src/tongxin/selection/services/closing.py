"""Closing a candidacy as rejected: by the advisor at any step, or by an upheld objection.

open state ──► rejected (reason) ──► every open objection becomes moot, its author told
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.workflow.notice.period import notice_close
from tongxin.workflow.steps import save_step

from ..machine import OBJECTIONS
from ..models import Candidacy, State, Step
from .common import (
    describe,
    record_candidacy_step,
    tell_about_candidacy,
    tell_candidate,
    tell_secretaries,
)


def _close_objections(candidacy: Candidacy, actor: User, now: datetime.datetime) -> None:
    open_ones = OBJECTIONS.close_open(
        noticed=candidacy,
        answer=_("该候选人已不予任用，异议无需另行处理。"),
        by=actor,
        now=now,
    )
    tell_about_candidacy(
        [o.author for o in open_ones],
        candidacy,
        _("您提出的异议已办结"),
        url=reverse("selection:notice"),
    )


def reject(candidacy: Candidacy, actor: User, reason: str, now: datetime.datetime) -> None:
    """Close the (locked) candidacy as rejected; shared with an upheld objection."""
    candidacy.state, candidacy.closing_reason, candidacy.closed_at = State.REJECTED, reason, now
    save_step(candidacy, "state", "closing_reason", "closed_at", *notice_close(candidacy))
    _close_objections(candidacy, actor, now)
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.REJECTED,
        action="selection.candidacy.rejected",
        now=now,
        text=reason,
    )
    tell_candidate(candidacy, _("您未获任用（%(d)s）") % {"d": describe(candidacy)}, reason)
    tell_secretaries(candidacy, _("%(n)s未获任用") % {"n": candidacy.candidate.real_name})
