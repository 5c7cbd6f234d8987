"""The congress sessions as JSON: lines, sessions, every step, the supervisor's lists and
the rules. Thin: a selector to read, a service to write (the same steps as the pages)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja import Status as Reply
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.forms import form_errors
from tongxin.core.http import NOT_FOUND, PageNumber
from tongxin.core.pagination import paginate

from . import selectors, services
from .models import CongressLine, CongressRule, Session, UnionLevel
from .presenters import available_steps, due_of, timeline_lines
from .session_forms import STEPS
from .session_schemas import (
    LineDetailOut,
    LineOut,
    LinePage,
    PastIn,
    RuleIn,
    RuleOut,
    SessionDetailOut,
    SessionOut,
    SessionPage,
    StepIn,
)

router = Router(tags=["congress"])


def _line_out(line: CongressLine) -> dict[str, Any]:
    return {
        "id": line.pk,
        "union_id": line.union_id,
        "union": line.union.name,
        "school_id": line.school_id,
        "level": line.level,
        "level_label": line.get_level_display(),
        "supervisor_id": line.supervisor_id,
        "supervisor": line.supervisor.name,
        "form": line.form,
        "set_up_on": line.set_up_on,
        "held_before_tongxin_on": line.held_before_tongxin_on,
        "last_held_on": line.last_held_on,
        "due_on": line.due_on,
        "overdue": due_of(line).overdue,
        "version": line.version,
    }


def _session_out(s: Session) -> dict[str, Any]:
    return {
        "id": s.pk,
        "line_id": s.line_id,
        "union_id": s.union_id,
        "union": s.union.name,
        "number": s.number,
        "form": s.form,
        "state": s.state,
        "state_label": s.get_state_display(),
        "version": s.version,
        "planned_start": s.planned_start,
        "planned_end": s.planned_end,
        "place": s.place,
        "delegate_seats": s.delegate_seats,
        "applied_at": s.applied_at,
        "held_start": s.held_start,
        "held_end": s.held_end,
        "attendance": s.attendance,
    }


def _line(request: HttpRequest, pk: int) -> CongressLine:
    try:
        return selectors.line_get_for(actor=request.user, pk=pk)
    except CongressLine.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _session(request: HttpRequest, pk: int) -> Session:
    try:
        return selectors.session_get_for(actor=request.user, pk=pk)
    except Session.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    s = _session(request, pk)
    return {
        **_session_out(s),
        "agenda": s.agenda,
        "decision_note": s.decision_note,
        "work_report": s.work_report,
        "finance_report": s.finance_report,
        "resolutions": s.resolutions,
        "election_results": s.election_results,
        "steps": available_steps(s, request.user),
        "timeline": [vars(line) for line in timeline_lines(s)],
    }


@router.get("/lines", response=LinePage)
def line_list(request: HttpRequest, page: PageNumber = 1) -> Any:
    """The congress lines the caller sees (their union's; an advisor's school; a city's
    school-level unions), soonest due first."""
    found = paginate(selectors.lines_for(actor=request.user).order_by("due_on", "id"), page)
    return {
        "items": [_line_out(line) for line in found.items],
        "page": found.number,
        "has_next": found.has_next,
    }


@router.get("/watched", response=LinePage)
def watched_list(request: HttpRequest, page: PageNumber = 1) -> Any:
    """The supervisor's unions by due date (overdue first): the advisor's school, the city's
    school-level unions."""
    if not can(request.user, "congress.open_supervisor_page"):
        raise HttpError(403, "只有校团委老师和市学联工作人员可以查看。")
    found = paginate(selectors.watched_lines_for(actor=request.user), page)
    return {
        "items": [_line_out(line) for line in found.items],
        "page": found.number,
        "has_next": found.has_next,
    }


@router.get("/applications", response=SessionPage)
def application_list(request: HttpRequest, page: PageNumber = 1) -> Any:
    """Applications waiting for the caller's decision, oldest first."""
    if not can(request.user, "congress.open_supervisor_page"):
        raise HttpError(403, "只有校团委老师和市学联工作人员可以审批。")
    found = paginate(selectors.applications_for(actor=request.user), page)
    return {
        "items": [_session_out(s) for s in found.items],
        "page": found.number,
        "has_next": found.has_next,
    }


@router.get("/lines/{line_id}", response=LineDetailOut)
def line_detail(request: HttpRequest, line_id: int) -> Any:
    line = _line(request, line_id)
    sessions = list(selectors.sessions_of(line).select_related("union")[:20])
    return {
        **_line_out(line),
        "sessions": [_session_out(s) for s in sessions],
        "may_plan": selectors.open_session_of(line) is None
        and can(request.user, "congress.plan_session", line),
        "may_enter_past": can(request.user, "congress.enter_past_session", line),
    }


@router.post("/lines/{line_id}/sessions", response={201: SessionOut})
def session_plan(request: HttpRequest, line_id: int) -> Any:
    """筹备: open the line's next session."""
    line = _line(request, line_id)
    user: Any = request.user
    session = services.session_plan(actor=user, line=line)
    return Reply(201, _session_out(selectors.session_get_for(actor=user, pk=session.pk)))


@router.post("/lines/{line_id}/past", response=LineOut)
def line_past(request: HttpRequest, line_id: int, body: PastIn) -> Any:
    """The advisor enters the last congress held before Tongxin (its report attached to the
    line first, POST /api/v1/attachments/…)."""
    line = _line(request, line_id)
    user: Any = request.user
    services.line_enter_past(
        actor=user, line=line, expected_version=body.version, held_on=body.held_on
    )
    return _line_out(selectors.line_get_for(actor=user, pk=line.pk))


@router.get("/sessions/{session_id}", response=SessionDetailOut)
def session_detail(request: HttpRequest, session_id: int) -> Any:
    return _detail(request, session_id)


@router.post("/sessions/{session_id}/{action}", response=SessionDetailOut)
def session_step(request: HttpRequest, session_id: int, action: str, body: StepIn) -> Any:
    """One step: apply, approve, return, confirm, hold, report, close, cancel. `version` is
    the session's current version (optimistic locking)."""
    s = _session(request, session_id)
    spec = STEPS.get(action)
    if spec is None:
        raise HttpError(404, "未知的操作。")
    form = spec.form({k: v for k, v in body.dict().items() if v is not None})
    if not form.is_valid():
        raise HttpError(400, form_errors(form))
    user: Any = request.user
    spec.run(user, s, form.cleaned_data)
    return _detail(request, session_id)


def _rule_out(rule: CongressRule) -> dict[str, Any]:
    return {
        "level": rule.level,
        "level_label": str(UnionLevel(rule.level).label),
        "interval_months": rule.interval_months,
        "reminder_days": rule.reminder_days,
        "assembly_max_students": rule.assembly_max_students,
        "assembly_quorum_permille": rule.assembly_quorum_permille,
    }


@router.get("/rules", response=list[RuleOut])
def rule_list(request: HttpRequest) -> Any:
    """代表大会规则 per union level (the province's admin)."""
    if not can(request.user, "congress.manage_rules"):
        raise HttpError(403, "只有省学联管理员可以查看和修改代表大会规则。")
    return [_rule_out(rule) for rule in selectors.rules_list()]


@router.put("/rules/{level}", response=RuleOut)
def rule_put(request: HttpRequest, level: str, body: RuleIn) -> Any:
    if not can(request.user, "congress.manage_rules"):
        raise HttpError(403, "只有省学联管理员可以查看和修改代表大会规则。")
    user: Any = request.user
    return _rule_out(services.rule_save(actor=user, level=level, values=body.dict()))
