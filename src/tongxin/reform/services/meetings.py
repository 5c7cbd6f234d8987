"""Call-ins (请上来) and meeting records (part H), each write authorized, validated and
audited in one transaction.

    assessment (call_in off) ── call_in_mark: the city over the school or the province;
        only a failing assessment (its rating does not pass, or a ★ item fails) ──► call_in on
    assessment (call_in on) ── call_in_clear: the same, with a reason ──► call_in off
    (none) ── meeting_record: the city or the province ──► a Meeting (约谈 / 水源计划交流 / 走访),
        hosted by the actor's federation node; a call-in (约谈) only of a marked school

The marks are the federation's follow-up of the year's outcome: they do not move the
assessment along its chain (review_machine.py) and stay possible once it is confirmed.
"""

import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.orgs.models import Node
from tongxin.workflow.steps import lock, require_text, save_step, tell

from ..meeting_selectors import advisors_of, failures_of, host_for
from ..models import Meeting, MeetingKind, SchoolAssessment

TEXT_LIMIT = 2000
NOT_FAILING = (
    "该校本学年的改革自评未发现不达标情形（评定等级通过且★指标均达标），不能列为约谈对象。"
)


@transaction.atomic
def call_in_mark(
    *, actor: Any, assessment: SchoolAssessment, expected_version: int, note: str = ""
) -> SchoolAssessment:
    """Mark the school for a call-in interview (列为约谈对象) and tell its advisor."""
    authorize(actor, "reform.mark_call_in", assessment)
    fresh = lock(assessment, expected_version, related=["school"])
    if fresh.call_in:
        raise DomainError("该校已列为约谈对象。", field="call_in")
    failures = failures_of(fresh)
    if not failures:
        raise DomainError(NOT_FAILING, field="call_in")
    note = (note or "").strip()
    if len(note) > TEXT_LIMIT:
        raise DomainError(f"说明不能超过 {TEXT_LIMIT} 个字。", field="note")
    fresh.call_in = True
    save_step(fresh, "call_in")
    audit.record(
        actor=actor,
        action="reform.assessment.called_in",
        target=fresh,
        data={
            "year": fresh.academic_year,
            "failures": len(failures),
            "rating_fails": any(f.kind == "rating" for f in failures),
            "note": note,
        },
    )
    tell(
        advisors_of(fresh.school),
        verb="reform.assessment.called_in",
        title=f"{fresh.school.name}{fresh.academic_year}学年改革自评被列为约谈对象",
        body=note or "学联将约请校团委负责同志和学生会主要负责人面谈（请上来），请做好准备。",
        url=reverse("reform:meeting-school", args=[fresh.school_id]),
        school=fresh.school,
        skip=actor,
    )
    return fresh


@transaction.atomic
def call_in_clear(
    *, actor: Any, assessment: SchoolAssessment, expected_version: int, reason: str
) -> SchoolAssessment:
    """Take the school off the call-in list (a reason required)."""
    authorize(actor, "reform.mark_call_in", assessment)
    fresh = lock(assessment, expected_version, related=["school"])
    reason = require_text(reason, "reason", "撤销理由", TEXT_LIMIT)
    if not fresh.call_in:
        raise DomainError("该校未列为约谈对象。", field="call_in")
    fresh.call_in = False
    save_step(fresh, "call_in")
    audit.record(
        actor=actor,
        action="reform.assessment.call_in_cleared",
        target=fresh,
        data={"year": fresh.academic_year, "reason": reason},
    )
    return fresh


def _held_on(value: Any) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError("请填写日期。", field="held_on")
    today = timezone.localdate()
    if value > today:
        raise DomainError("日期不能晚于今天：请在会后记录。", field="held_on")
    if value.year < 2000:
        raise DomainError("日期有误，请检查年份。", field="held_on")
    return value


def _kind(kind: str) -> str:
    if kind not in MeetingKind.values:
        raise DomainError("请选择类型：约谈、交流或走访。", field="kind")
    return kind


def _marked(school: Node) -> SchoolAssessment | None:
    return (
        SchoolAssessment.objects.filter(school=school, call_in=True)
        .order_by("-academic_year")
        .first()
    )


@transaction.atomic
def meeting_record(
    *,
    actor: Any,
    school: Node,
    kind: str,
    held_on: Any,
    attendees: str,
    issues: str,
    follow_ups: str = "",
) -> Meeting:
    """Record a meeting with the school: date, attendees, issues discussed, follow-ups."""
    authorize(actor, "reform.record_meeting", school)
    host = host_for(actor, school)
    if host is None:  # the rule and the host cannot disagree; refuse rather than guess
        raise NotAllowed("reform.record_meeting")
    kind = _kind(kind)
    meeting = Meeting(
        school=school,
        kind=kind,
        held_on=_held_on(held_on),
        attendees=require_text(attendees, "attendees", "参加人员", TEXT_LIMIT),
        issues=require_text(issues, "issues", "谈及问题", TEXT_LIMIT),
        follow_ups=_optional(follow_ups, "follow_ups", "后续事项"),
        recorded_by=actor,
        host=host,
    )
    if kind == MeetingKind.CALL_IN:
        meeting.assessment = _marked(school)
        if meeting.assessment is None:
            raise DomainError("该校未列为约谈对象：请先标记，再记录约谈。", field="kind")
    meeting.save()
    audit.record(
        actor=actor,
        action="reform.meeting.recorded",
        target=meeting,
        school=school,
        data={"kind": kind, "held_on": meeting.held_on.isoformat(), "host": host.pk},
    )
    return meeting


def _optional(value: str | None, field: str, label: str) -> str:
    value = (value or "").strip()
    if len(value) > TEXT_LIMIT:
        raise DomainError(f"{label}不能超过 {TEXT_LIMIT} 个字。", field=field)
    return value
