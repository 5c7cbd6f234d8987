"""Every step of a congress line and its sessions (届次与会议), one service each.

    (new) ── session_plan ──► planned ── session_apply ──► applied
    applied ── session_approve ──► approved | session_return ──► returned ── session_apply ──► …
    approved ── session_confirm (回执) ──► confirmed ── session_hold ──► held (line's dates)
    held ── session_report ──► reported ── session_close ──► closed
    planned … confirmed ── session_cancel ──► cancelled
    line_for (idempotent) · line_enter_past (advisor, with the report as evidence)
    rule_save (province) · lines_remind (worker, once per due date)

Each step checks the permission (rules.py, the table's `perm`), locks the session and
checks its version, checks the state against the table (machine.SESSION), validates,
writes its timeline line and audit event and tells the other side, in one transaction.
"""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.audit import services as audit
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node, NodeKind
from tongxin.workdays.calendar import local_zone
from tongxin.workflow.steps import lock, page_of, require_text, save_step, tell

from .. import selectors
from ..machine import SESSION
from ..models import (
    CongressForm,
    CongressLine,
    CongressRule,
    Session,
    SessionState,
    UnionLevel,
)
from ..schedule import refresh_due, rule_for
from .common import (
    SESSION_RELATED,
    describe,
    now_or,
    record_session_step,
    require_perm,
    tell_supervisor,
    tell_union,
)

LEVEL_OF: dict[str, str] = {
    NodeKind.SCHOOL_UNION: UnionLevel.SCHOOL,
    NodeKind.GRADUATE_UNION: UnionLevel.GRADUATE,
    NodeKind.COLLEGE_UNION: UnionLevel.COLLEGE,
}
MAX_SEATS = 5000
MAX_DAYS = 7  # a congress lasts a few days, never weeks

ONLY_UNION = "只有该学生会的工作人员可以%(step)s。"
ONLY_SUPERVISOR = (
    "只有该学生会的上级（学院学生会由校团委、校级学生会和研究生会由市学联）可以%(step)s。"
)


# ---------------------------------------------------------------- the line


def supervisor_of(union: Node) -> Node:
    """College union → its school (the League committee, i.e. the advisor); school and
    graduate union → the city federation above the school (also through a county)."""
    if union.kind == NodeKind.COLLEGE_UNION:
        return Node.objects.get(pk=union.school_pk)
    city = union.city_pk
    if city is None:
        raise DomainError(_("该学生会不在任何市学联之下，无法确定上级。"), field="union")
    return Node.objects.get(pk=city)


def line_values(union: Node, supervisor: Node, rule: CongressRule) -> CongressLine:
    """An unsaved line for `union` (also what the generators bulk-create)."""
    set_up_on = union.created_at.astimezone(local_zone()).date()
    line = CongressLine(
        union=union,
        school_id=union.school_pk,
        level=LEVEL_OF[union.kind],
        supervisor=supervisor,
        set_up_on=set_up_on,
        due_on=set_up_on,
    )
    refresh_due(line, rule)
    return line


def line_for(union: Node) -> CongressLine:
    """The union's congress line, created the first time it is needed (idempotent; two
    callers at once get the same line)."""
    if union.kind not in LEVEL_OF:
        raise DomainError(_("只有校学生会、研究生会和院学生会有代表大会。"), field="union")
    found = selectors.line_of_union(union.pk)
    if found is not None:
        return found
    line = line_values(union, supervisor_of(union), rule_for(LEVEL_OF[union.kind]))
    try:
        with transaction.atomic():
            line.save()
    except IntegrityError:
        return CongressLine.objects.get(union=union)
    return line


@transaction.atomic
def line_enter_past(
    *, actor: User, line: CongressLine, expected_version: int, held_on: datetime.date | None
) -> CongressLine:
    """The advisor enters the date of the last congress held before Tongxin; the report
    must be attached to the line as evidence first. The due date follows."""
    require_perm(
        actor,
        "congress.enter_past_session",
        line,
        _("只有本校团委老师可以录入接入平台前的召开情况。"),
    )
    line = lock(line, expected_version, related=("union", "school"))
    if held_on is None:
        raise DomainError(_("请填写接入前最近一次召开日期。"), field="held_on")
    if held_on > line.set_up_on:
        raise DomainError(
            _("接入前最近一次召开日期不能晚于接入平台日期（%(d)s）。") % {"d": line.set_up_on},
            field="held_on",
        )
    if not selectors.has_attachments(line):
        raise DomainError(_("请先上传该次代表大会的报告作为佐证。"), field="file")
    before = line.due_on
    line.held_before_tongxin_on = held_on
    save_step(line, "held_before_tongxin_on", *refresh_due(line))
    audit.record(
        actor=actor,
        action="congress.line.past_entered",
        target=line,
        school=line.school,
        data={"held_on": held_on.isoformat(), "due_from": str(before), "due_to": str(line.due_on)},
    )
    return line


# ---------------------------------------------------------------- the session


def _load(actor: User, session: Session, name: str, version: int | None, message: str) -> Session:
    """Permission (with the table's perm and a Chinese message), lock, version, state."""
    action = SESSION.action(name)
    assert action.perm is not None
    require_perm(actor, action.perm, session, _(message) % {"step": action.label})
    fresh = lock(session, version, related=SESSION_RELATED)
    SESSION.require(fresh, name)
    return fresh


@transaction.atomic
def session_plan(
    *, actor: User, line: CongressLine, now: datetime.datetime | None = None
) -> Session:
    """Open the next session of the line (筹备). One open session per line."""
    require_perm(actor, "congress.plan_session", line, _(ONLY_UNION) % {"step": _("筹备会议")})
    now = now_or(now)
    line = lock(line, None, related=("union", "school"))
    if selectors.open_session_of(line) is not None:
        raise DomainError(_("该学生会已有一次未结束的会议，请先办完或取消。"), field="state")
    number = (line.sessions.aggregate(n=Max("number"))["n"] or 0) + 1
    session = Session.objects.create(
        line=line,
        school_id=line.school_id,
        union_id=line.union_id,
        supervisor_id=line.supervisor_id,
        number=number,
        form=line.form,
        state=SessionState.PLANNED,
        created_by=actor,
        created_at=now,
    )
    session.union = line.union
    record_session_step(actor, session, kind="planned", now=now)
    return session


def _assembly_allowed(session: Session) -> tuple[bool, int, CongressRule]:
    rule = rule_for(session.line.level)
    if session.line.level != UnionLevel.COLLEGE:
        return False, 0, rule
    students = selectors.college_student_count(session.union.parent_id or 0)
    return students < rule.assembly_max_students, students, rule


@transaction.atomic
def session_apply(
    *,
    actor: User,
    session: Session,
    expected_version: int,
    planned_start: datetime.date | None,
    planned_end: datetime.date | None,
    place: str,
    agenda: str,
    delegate_seats: int | None,
    form: str = CongressForm.CONGRESS,
    now: datetime.datetime | None = None,
) -> Session:
    """申请: dates, place, agenda, delegates' seats (an assembly has none) to the supervisor."""
    now = now_or(now)
    session = _load(actor, session, "apply", expected_version, ONLY_UNION)
    if form not in CongressForm.values:
        raise DomainError(_("请选择会议形式。"), field="form")
    if form == CongressForm.ASSEMBLY:
        allowed, students, rule = _assembly_allowed(session)
        if not allowed:
            raise DomainError(
                _("只有学生数少于 %(max)d 人的学院可以召开全体学生大会（本院现有 %(n)d 人）。")
                % {"max": rule.assembly_max_students, "n": students},
                field="form",
            )
        delegate_seats = None
    elif not delegate_seats or delegate_seats < 1 or delegate_seats > MAX_SEATS:
        raise DomainError(
            _("请填写代表名额（1 至 %(n)d）。") % {"n": MAX_SEATS}, field="delegate_seats"
        )
    today = now.astimezone(local_zone()).date()
    if planned_start is None:
        raise DomainError(_("请填写拟召开开始日期。"), field="planned_start")
    if planned_start < today:
        raise DomainError(_("拟召开开始日期不能早于今天。"), field="planned_start")
    planned_end = planned_end or planned_start
    if planned_end < planned_start or (planned_end - planned_start).days >= MAX_DAYS:
        raise DomainError(
            _("拟召开结束日期应在开始日期当天或之后 %(n)d 天内。") % {"n": MAX_DAYS - 1},
            field="planned_end",
        )
    session.place = require_text(place, "place", _("地点"), 100)
    session.agenda = require_text(agenda, "agenda", _("议程"))
    session.form, session.delegate_seats = form, delegate_seats
    session.planned_start, session.planned_end = planned_start, planned_end
    session.state, session.applied_at = SessionState.APPLIED, now
    save_step(
        session,
        "form",
        "delegate_seats",
        "planned_start",
        "planned_end",
        "place",
        "agenda",
        "state",
        "applied_at",
    )
    record_session_step(
        actor,
        session,
        kind="applied",
        now=now,
        text=f"{planned_start}—{planned_end} · {session.place}",
        data={"planned_start": str(planned_start), "delegate_seats": delegate_seats},
    )
    tell_supervisor(session, _("%(d)s申请待审批") % {"d": describe(session)})
    return session


def _decide(actor: User, session: Session, name: str, note: str, now: datetime.datetime) -> Session:
    """The decision on a loaded (locked, checked) application."""
    approved = name == "approve"
    session.state = SessionState.APPROVED if approved else SessionState.RETURNED
    session.decided_at, session.decided_by, session.decision_note = now, actor, note
    save_step(session, "state", "decided_at", "decided_by", "decision_note")
    kind = "approved" if approved else "returned"
    record_session_step(actor, session, kind=kind, now=now, text=note)
    title = _("%(d)s申请已批复同意") if approved else _("%(d)s申请被退回，请修改后重新申请")
    tell_union(session, title % {"d": describe(session)}, skip=actor)
    return session


@transaction.atomic
def session_approve(
    *,
    actor: User,
    session: Session,
    expected_version: int,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Session:
    """批复同意, by the supervising body, with an optional note."""
    session = _load(actor, session, "approve", expected_version, ONLY_SUPERVISOR)
    note = (note or "").strip()
    if len(note) > 2000:
        raise DomainError(_("批复意见不能超过 2000 个字。"), field="note")
    return _decide(actor, session, "approve", note, now_or(now))


@transaction.atomic
def session_return(
    *,
    actor: User,
    session: Session,
    expected_version: int,
    reason: str,
    now: datetime.datetime | None = None,
) -> Session:
    """退回, with the reason the union reads before it applies again."""
    session = _load(actor, session, "return", expected_version, ONLY_SUPERVISOR)
    reason = require_text(reason, "note", _("退回理由"))
    return _decide(actor, session, "return", reason, now_or(now))


@transaction.atomic
def session_confirm(
    *, actor: User, session: Session, expected_version: int, now: datetime.datetime | None = None
) -> Session:
    """回执: the union acknowledges the approval and will hold the congress as approved."""
    now = now_or(now)
    session = _load(actor, session, "confirm", expected_version, ONLY_UNION)
    session.state, session.confirmed_at = SessionState.CONFIRMED, now
    save_step(session, "state", "confirmed_at")
    record_session_step(actor, session, kind="confirmed", now=now)
    tell_supervisor(session, _("%(d)s已回执") % {"d": describe(session)})
    return session


@transaction.atomic
def session_hold(
    *,
    actor: User,
    session: Session,
    expected_version: int,
    held_start: datetime.date | None,
    held_end: datetime.date | None,
    attendance: int | None,
    now: datetime.datetime | None = None,
) -> Session:
    """召开: the dates and attendance. The line's last held date and due date follow, in the
    same transaction. An assembly below its quorum is refused (it was no assembly)."""
    now = now_or(now)
    session = _load(actor, session, "hold", expected_version, ONLY_UNION)
    today = now.astimezone(local_zone()).date()
    if held_start is None:
        raise DomainError(_("请填写召开开始日期。"), field="held_start")
    if held_start > today:
        raise DomainError(_("召开开始日期不能晚于今天：会议召开后再记录。"), field="held_start")
    held_end = held_end or held_start
    if held_end < held_start or held_end > today or (held_end - held_start).days >= MAX_DAYS:
        raise DomainError(
            _("召开结束日期应在开始日期当天或之后 %(n)d 天内，且不晚于今天。")
            % {"n": MAX_DAYS - 1},
            field="held_end",
        )
    if attendance is None or attendance < 1:
        raise DomainError(_("请填写实到人数。"), field="attendance")
    data: dict[str, Any] = {"attendance": attendance}
    if session.form == CongressForm.ASSEMBLY:
        _allowed, students, rule = _assembly_allowed(session)
        if attendance > students:
            raise DomainError(
                _("实到人数不能超过本院学生数（%(n)d 人）。") % {"n": students},
                field="attendance",
            )
        if attendance * 1000 <= students * rule.assembly_quorum_permille:
            raise DomainError(
                _(
                    "全体学生大会实到人数须超过本院学生数（%(n)d 人）的 %(p)s%%，"
                    "本次 %(a)d 人未达法定人数。"
                )
                % {
                    "n": students,
                    "p": f"{rule.assembly_quorum_permille / 10:g}",
                    "a": attendance,
                },
                field="attendance",
            )
        data["students"] = students
    elif session.delegate_seats and attendance > session.delegate_seats:
        raise DomainError(
            _("实到人数不能超过代表名额（%(n)d 人）。") % {"n": session.delegate_seats},
            field="attendance",
        )
    session.held_start, session.held_end, session.attendance = held_start, held_end, attendance
    session.state = SessionState.HELD
    save_step(session, "state", "held_start", "held_end", "attendance")
    line = lock(session.line, None)
    if line.last_held_on is None or held_end > line.last_held_on:
        line.last_held_on = held_end
    save_step(line, "last_held_on", *refresh_due(line))
    session.line = line
    record_session_step(
        actor,
        session,
        kind="held",
        now=now,
        text=_("%(s)s—%(e)s，实到 %(a)d 人") % {"s": held_start, "e": held_end, "a": attendance},
        data={**data, "due_on": str(line.due_on)},
    )
    tell_supervisor(session, _("%(d)s已召开") % {"d": describe(session)})
    return session


REPORT_FIELDS = {
    "work_report": "工作报告摘要",
    "finance_report": "财务报告摘要",
    "resolutions": "决议",
    "election_results": "选举结果",
}


@transaction.atomic
def session_report(
    *,
    actor: User,
    session: Session,
    expected_version: int,
    work_report: str,
    finance_report: str,
    resolutions: str,
    election_results: str,
    now: datetime.datetime | None = None,
) -> Session:
    """报告: the texts of the work and finance reports, the resolutions and the election
    results; their documents are attached to the session (tongxin.attachments)."""
    now = now_or(now)
    session = _load(actor, session, "report", expected_version, ONLY_UNION)
    texts = {
        "work_report": work_report,
        "finance_report": finance_report,
        "resolutions": resolutions,
        "election_results": election_results,
    }
    for field, value in texts.items():
        setattr(session, field, require_text(value, field, _(REPORT_FIELDS[field]), 5000))
    session.state, session.reported_at = SessionState.REPORTED, now
    save_step(session, "state", "reported_at", *texts)
    record_session_step(actor, session, kind="reported", now=now)
    tell_supervisor(session, _("%(d)s已提交报告") % {"d": describe(session)})
    return session


@transaction.atomic
def session_close(
    *,
    actor: User,
    session: Session,
    expected_version: int,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Session:
    """结束: the supervisor has read the report."""
    now = now_or(now)
    session = _load(actor, session, "close", expected_version, ONLY_SUPERVISOR)
    session.state, session.closed_at = SessionState.CLOSED, now
    save_step(session, "state", "closed_at")
    record_session_step(actor, session, kind="closed", now=now, text=(note or "").strip()[:2000])
    tell_union(session, _("%(d)s已办结") % {"d": describe(session)}, skip=actor)
    return session


@transaction.atomic
def session_cancel(
    *,
    actor: User,
    session: Session,
    expected_version: int,
    reason: str,
    now: datetime.datetime | None = None,
) -> Session:
    """取消, with a reason, before the congress is held; the line may plan the next one."""
    now = now_or(now)
    session = _load(
        actor, session, "cancel", expected_version, "只有该学生会或其上级可以%(step)s。"
    )
    text = require_text(reason, "note", _("取消理由"))
    was = session.state
    session.state, session.closed_at = SessionState.CANCELLED, now
    save_step(session, "state", "closed_at")
    record_session_step(actor, session, kind="cancelled", now=now, text=text)
    title = _("%(d)s已取消") % {"d": describe(session)}
    tell_union(session, title, skip=actor)
    if was != SessionState.PLANNED:
        tell_supervisor(session, title, skip=actor)
    return session


# ---------------------------------------------------------------- rules and reminders

RULE_FIELDS = (
    "interval_months",
    "reminder_days",
    "assembly_max_students",
    "assembly_quorum_permille",
    "proposal_max_lead",
    "proposal_min_cosigners",
    "election_candidate_percent",
    "election_max_rounds",
)
RULE_LIMITS = {
    "interval_months": (1, 36),
    "reminder_days": (1, 180),
    "assembly_max_students": (0, 100000),
    "assembly_quorum_permille": (1, 999),
    "proposal_max_lead": (1, 10),
    "proposal_min_cosigners": (0, 20),
    # DOMAIN.md §4: at least 20 % more candidates than seats — the province may ask more.
    "election_candidate_percent": (120, 300),
    "election_max_rounds": (1, 10),
}


@transaction.atomic
def rule_save(*, actor: User, level: str, values: dict[str, int]) -> CongressRule:
    """The province edits one level's schedule, assembly, proposal and election numbers
    (RULE_FIELDS). Every line of the
    level keeps its due date until its next step recomputes it; the worker's reminders
    read the new window at once."""
    require_perm(actor, "congress.manage_rules", None, _("只有省学联管理员可以修改代表大会规则。"))
    if level not in UnionLevel.values:
        raise DomainError(_("未知的学生会层级。"), field="level")
    rule = CongressRule.objects.select_for_update().filter(level=level).first()
    rule = rule or CongressRule(level=level)
    changed = {}
    for field in RULE_FIELDS:
        if field not in values:
            continue
        value, (low, high) = values[field], RULE_LIMITS[field]
        if value is None or not low <= value <= high:
            label = getattr(CongressRule._meta.get_field(field), "verbose_name", field)
            raise DomainError(
                _("%(f)s应在 %(a)d 至 %(b)d 之间。") % {"f": label, "a": low, "b": high},
                field=field,
            )
        if getattr(rule, field) != value:
            changed[field] = value
            setattr(rule, field, value)
    rule.save()
    audit.record(
        actor=actor, action="congress.rule.updated", target=rule, data={"level": level, **changed}
    )
    return rule


def lines_remind(*, actor: User, on: datetime.date, limit: int = 500) -> int:
    """Remind each union due within its level's window, and its advisor, once per due date
    (line.reminded_for). Each line in its own transaction, so one failure stops no other."""
    windows = {level: rule.reminder_days for level, rule in selectors.rules_by_level().items()}
    reminded = 0
    for pk in selectors.lines_to_remind(on, windows).values_list("pk", flat=True)[:limit]:
        if _remind_one(actor, pk, on):
            reminded += 1
    return reminded


@transaction.atomic
def _remind_one(actor: User, pk: int, on: datetime.date) -> bool:
    line = lock(CongressLine(pk=pk), None, related=("union", "school"))
    if line.reminded_for == line.due_on:
        return False  # another worker got here first
    line.reminded_for = line.due_on
    save_step(line, "reminded_for")
    title = _("%(u)s应于 %(d)s 前召开代表大会") % {"u": line.union.name, "d": line.due_on}
    tell(
        [*selectors.officers_of(line.union_id), *selectors.advisors_of(line.school_id)],
        verb="congress.line.due",
        title=title,
        url=page_of("congress:line-detail", line),
        school=line.school,
    )
    audit.record(
        actor=actor,
        action="congress.line.reminded",
        target=line,
        school=line.school,
        data={"due_on": str(line.due_on)},
    )
    return True
