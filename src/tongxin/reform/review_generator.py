"""The self-assessment after computing (issue 17) in a generated province — bulk rows, as
the other generators write them, each state reached by the steps review_machine.py
allows, with the timeline (ReviewStep) of every step:

    last year, every school:
        sheets ── college-check (the college's league secretary) ── school-check (advisor)
        ──► disclosure (公示, closed) ──► submit ──► city-approve ──► province-confirm
        (one school's first submission returned by its city with a reason, then again)
        ──► rating (三级评定: per city the better two thirds 优, the rest 合格, the worst
            school 重点关注 when it fails anything) ──► feedback letter ──► a rectification
            item per failing ★ result (some closed: accepted, or passing on re-computation)
        ──► in some cities the 重点关注 school marked for a call-in (请上来) with its
            interview, an exchange visit (水源计划), the city's visits of YS001 and of the
            first school in the printed county specialist's county
    this year, each city's schools in turn: preparing (some sheets checked, one returned),
        submitted, city_reviewed (every other one with the city's proposed rating),
        confirmed (rating confirmed, rectification open); YS001 preparing with every sheet
        checked and its disclosure open, with an approved and a pending comment.

Runs right after write_reform (the computing pass opened every assessment and sheet).

    counts = write_review(written, day, logins)
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType

from tongxin.accounts.models import Membership, Role
from tongxin.accounts.services import system_actor
from tongxin.comments.models import Comment
from tongxin.comments.models import Status as CommentStatus
from tongxin.orgs.models import Node, NodeKind
from tongxin.staff.calendar import academic_year_of
from tongxin.workdays.calendar import local_zone, nth_workday_after

from .models import (
    AssessmentState,
    ClosedHow,
    Disclosure,
    DisclosureState,
    FeedbackLetter,
    Mark,
    Meeting,
    MeetingKind,
    Rating,
    RatingScale,
    RatingState,
    RectificationItem,
    RectificationNote,
    RectificationState,
    Result,
    ReviewCalendar,
    ReviewStep,
    SchoolAssessment,
    SheetState,
    UnionSheet,
)
from .review_machine import ASSESSMENT, SHEET

BATCH = 1000
SCALE = "三级评定（优、合格、重点关注）"
ISSUER = "演示省学生联合会"
DISCLOSURE_DAYS = 5
RECTIFY_DAYS = 30
MARK_CITY_EVERY = 3  # the 重点关注 school of every third city (and YS001's) is called in
THIS_STAGES = ("preparing", "submitted", "city_reviewed", "confirmed")
NOTES = {
    "excellent": "自评材料完整，各项指标达标，工作人员规模和机构设置规范。",
    "qualified": "总体符合改革要求，个别指标需对照整改。",
    "attention": "核心指标未达标，请校团委督促学生会限期整改，省学联将约谈。",
}
RETURN_REASON = "第 3 项备注的工作人员人数与名单不一致，请核实后重新提交。"
CITY_RETURN_REASON = "研究生会自评表缺少代表大会召开日期的佐证，请补充后重新报送。"
COMMENT_APPROVED = "学生会这一年精简了部门，办事确实更快了，希望继续保持。"
COMMENT_PENDING = "建议把主席团成员的联系方式也一并公示，方便同学反映问题。"


@dataclass
class People:
    advisors: dict[int, int] = field(default_factory=dict)  # school → user
    secretaries: dict[int, int] = field(default_factory=dict)  # college → user
    city_staff: dict[int, int] = field(default_factory=dict)  # city → user
    province: int = 0  # the printed federation admin
    province_node: int = 0
    system: int = 0
    # The first school guided by the printed county specialist's county (its city visits).
    county_school: Node | None = None


@dataclass
class Rows:
    """Everything the build writes, gathered and written at the end in bulk."""

    steps: list[tuple[ReviewStep, datetime.datetime]] = field(default_factory=list)
    sheets: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    disclosures: list[Disclosure] = field(default_factory=list)
    first_disclosure: tuple[SchoolAssessment, Node] | None = None
    counts: Counter[str] = field(default_factory=Counter)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=local_zone())


def write_review(written: Any, day: Any, logins: list[Any]) -> dict[str, int]:
    """Write issue 17's rows for the whole province; counts by kind for the audit."""
    province: Node = written.province
    this = academic_year_of(day.today)
    people = _people(province, logins)
    people.province_node = province.pk
    if not people.province:
        return {}
    schools = list(
        Node.objects.filter(kind=NodeKind.SCHOOL, path__startswith=province.path).order_by("code")
    )
    _calendars(this)
    rows = Rows()
    sheets = _sheets_by_school(this)
    assessments = {
        (a.school_id, a.academic_year): a
        for a in SchoolAssessment.objects.filter(
            school__in=schools, academic_year__in=[this - 1, this]
        ).select_related("school")
    }
    last = [assessments[(s.pk, this - 1)] for s in schools if (s.pk, this - 1) in assessments]
    _last_year(last, sheets, people, rows, this - 1)
    _this_year(schools, assessments, sheets, people, rows, this, day)
    _flush(rows, logins, people)
    return {f"reform_{k}": v for k, v in sorted(rows.counts.items())}


# --- people and calendars -----------------------------------------------------------------


def _people(province: Node, logins: list[Any]) -> People:
    people = People(system=system_actor().pk)
    rows = (
        Membership.objects.active()
        .filter(node__path__startswith=province.path)
        .filter(role__in=[Role.ADVISOR, Role.COLLEGE_SECRETARY, Role.FEDERATION_STAFF])
        .order_by("user__number", "user__username", "pk")
        .values_list("role", "node_id", "node__kind", "user_id")
    )
    for role, node_id, kind, user_id in rows:
        if role == Role.ADVISOR:
            people.advisors.setdefault(node_id, user_id)
        elif role == Role.COLLEGE_SECRETARY:
            people.secretaries.setdefault(node_id, user_id)
        elif kind == NodeKind.CITY:
            people.city_staff.setdefault(node_id, user_id)
    admin = next((login for login in logins if login.role == Role.FEDERATION_ADMIN), None)
    people.province = admin.user_id if admin else 0
    people.county_school = _county_school(logins)
    return people


def _county_school(logins: list[Any]) -> Node | None:
    county = next((x for x in logins if x.role == Role.COUNTY_SPECIALIST), None)
    if county is None:
        return None
    node = (
        Membership.objects.active()
        .filter(user_id=county.user_id, role=Role.COUNTY_SPECIALIST)
        .values_list("node__path", flat=True)
        .first()
    )
    schools = Node.objects.filter(kind=NodeKind.SCHOOL, path__startswith=node or "-")
    return schools.order_by("code").first()


def calendar_dates(year: int) -> dict[str, datetime.date]:
    """A year's deadlines: the review at the end of the academic year."""
    end = year + 1
    return {
        "fill_due": datetime.date(end, 6, 10),
        "school_due": datetime.date(end, 6, 20),
        "city_due": datetime.date(end, 6, 30),
        "province_due": datetime.date(end, 7, 15),
    }


def _calendars(this: int) -> None:
    for year in (this - 1, this):
        ReviewCalendar.objects.get_or_create(academic_year=year, defaults=calendar_dates(year))


def _sheets_by_school(this: int) -> dict[tuple[int, int], list[UnionSheet]]:
    found: dict[tuple[int, int], list[UnionSheet]] = defaultdict(list)
    rows = (
        UnionSheet.objects.filter(catalogue__academic_year__in=[this - 1, this])
        .select_related("union", "catalogue")
        .order_by("union__path")
    )
    for sheet in rows:
        found[(sheet.school_id, sheet.catalogue.academic_year)].append(sheet)
    return found


# --- the chain's steps ----------------------------------------------------------------------


def _step(
    rows: Rows,
    assessment: SchoolAssessment,
    name: str,
    actor: int,
    at: datetime.datetime,
    sheet: UnionSheet | None = None,
    reason: str = "",
) -> None:
    machine = SHEET if sheet is not None else ASSESSMENT
    action = machine.action(name)
    line = ReviewStep(
        assessment=assessment,
        sheet=sheet,
        school_id=assessment.school_id,
        action=name,
        label=action.label,
        reason=reason,
        actor_id=actor,
    )
    rows.steps.append((line, at))
    rows.counts["review_steps"] += 1


def _check_sheet(
    rows: Rows, a: SchoolAssessment, sheet: UnionSheet, people: People, at: datetime.datetime
) -> None:
    """A sheet to school_checked: through the college's secretary for a college union."""
    advisor = people.advisors.get(a.school_id, people.system)
    if sheet.union.kind == NodeKind.COLLEGE_UNION:
        secretary = people.secretaries.get(sheet.union.parent_id or 0, advisor)
        _step(rows, a, "college-check", secretary, at, sheet)
        at += datetime.timedelta(hours=2)
    _step(rows, a, "school-check", advisor, at + datetime.timedelta(hours=1), sheet)
    rows.sheets[SheetState.SCHOOL_CHECKED].append(sheet.pk)


def _walk_assessment(
    rows: Rows, a: SchoolAssessment, people: People, upto: str, times: list[datetime.datetime]
) -> None:
    """submit → city-approve → province-confirm, as far as `upto`, at `times`."""
    advisor = people.advisors.get(a.school_id, people.system)
    city = people.city_staff.get(a.school.city_pk or 0, people.province)
    walk = [("submit", advisor), ("city-approve", city), ("province-confirm", people.province)]
    stamps = {"submit": "submitted_at", "city-approve": "city_reviewed_at"}
    stamps["province-confirm"] = "confirmed_at"
    for (name, actor), at in zip(walk, times, strict=False):
        state, _clock = ASSESSMENT.entering(name)
        _step(rows, a, name, actor, at)
        a.state = state
        setattr(a, stamps[name], at)
        a.version += 1
        if state == upto:
            return


# --- last year -------------------------------------------------------------------------------


def _last_year(
    assessments: list[SchoolAssessment],
    sheets: dict[tuple[int, int], list[UnionSheet]],
    people: People,
    rows: Rows,
    year: int,
) -> None:
    dates = calendar_dates(year)
    for index, a in enumerate(assessments):
        for sheet in sheets.get((a.school_id, year), []):
            _check_sheet(rows, a, sheet, people, _at(dates["fill_due"], 9))
        _disclosure(rows, a, people, dates["fill_due"] + datetime.timedelta(days=1), closed=True)
        submit = _at(dates["school_due"], 16)
        if index == 1:  # a first submission returned by the city, then sent again
            _walk_assessment(rows, a, people, AssessmentState.SUBMITTED, [submit])
            city = people.city_staff.get(a.school.city_pk or 0, people.province)
            _step(
                rows,
                a,
                "city-return",
                city,
                submit + datetime.timedelta(days=2),
                None,
                CITY_RETURN_REASON,
            )
            a.state, _ = ASSESSMENT.entering("city-return")
            submit += datetime.timedelta(days=4)
        times = [submit, _at(dates["city_due"], 15), _at(dates["province_due"], 11)]
        _walk_assessment(rows, a, people, AssessmentState.CONFIRMED, times)
        rows.counts["assessments_confirmed"] += 1
    SchoolAssessment.objects.bulk_update(
        assessments,
        ["state", "version", "submitted_at", "city_reviewed_at", "confirmed_at"],
        batch_size=BATCH,
    )
    outcome = _rate_last_year(assessments, people, rows, year)
    _letters(assessments, outcome, people, rows, year)
    _rectification(assessments, people, rows, closing=True)
    _call_ins(assessments, outcome, people, rows, year)


@dataclass
class Outcome:
    """Last year's verdicts per school: its failing results and its passing count."""

    failed: dict[int, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    passed: Counter[int] = field(default_factory=Counter)
    grades: dict[int, str] = field(default_factory=dict)


def _outcome(year: int, school_ids: list[int]) -> Outcome:
    outcome = Outcome()
    rows = (
        Result.objects.filter(catalogue__academic_year=year, school_id__in=school_ids)
        .exclude(passed=None)
        .order_by("union__path", "indicator__number")
        .values(
            "pk", "school_id", "union_id", "union__name", "passed", "remark",
            "indicator__number", "indicator__short", "indicator__mark",
        )
    )  # fmt: skip
    for row in rows.iterator(chunk_size=BATCH):
        if row["passed"]:
            outcome.passed[row["school_id"]] += 1
        else:
            failed: dict[str, Any] = dict(row)
            failed["core"] = row["indicator__mark"] == Mark.CORE
            outcome.failed[row["school_id"]].append(failed)
    return outcome


def _core(outcome: Outcome, school_id: int) -> list[dict[str, Any]]:
    return [r for r in outcome.failed.get(school_id, []) if r["core"]]


def grade_city(school_ids: list[int], outcome: Outcome) -> dict[int, str]:
    """One city's grades: its worst school (failing ★ items first, then most failures)
    重点关注 when it fails anything, the better two thirds of the others 优, the rest 合格."""
    ranked = sorted(
        school_ids, key=lambda s: (len(_core(outcome, s)), len(outcome.failed.get(s, [])), s)
    )
    grades: dict[int, str] = {}
    if ranked and outcome.failed.get(ranked[-1]):
        grades[ranked.pop()] = "attention"
    excellent = -(-2 * len(ranked) // 3)
    for index, school_id in enumerate(ranked):
        grades[school_id] = "excellent" if index < excellent else "qualified"
    return grades


def _by_city(assessments: list[SchoolAssessment]) -> dict[int, list[SchoolAssessment]]:
    found: dict[int, list[SchoolAssessment]] = defaultdict(list)
    for a in assessments:
        found[a.school.city_pk or 0].append(a)
    return found


def _rating(
    a: SchoolAssessment, scale: RatingScale, code: str, people: People, confirmed: bool
) -> Rating:
    city = people.city_staff.get(a.school.city_pk or 0, people.province)
    proposed_at = (a.city_reviewed_at or a.submitted_at or a.created_at) + (
        datetime.timedelta(hours=3)
    )
    rating = Rating(
        assessment=a,
        school_id=a.school_id,
        scale=scale,
        state=RatingState.PROPOSED,
        proposed_grade=code,
        proposed_note=NOTES[code],
        proposed_by_id=city,
        proposed_at=proposed_at,
    )
    if confirmed:
        rating.state, rating.grade, rating.note = RatingState.CONFIRMED, code, "同意市学联意见。"
        rating.confirmed_by_id, rating.confirmed_at = people.province, a.confirmed_at
        rating.version = 2
    return rating


def _rate_last_year(
    assessments: list[SchoolAssessment], people: People, rows: Rows, year: int
) -> Outcome:
    outcome = _outcome(year, [a.school_id for a in assessments])
    scale = RatingScale.objects.get(name=SCALE)
    ratings = []
    for city_rows in _by_city(assessments).values():
        grades = grade_city([a.school_id for a in city_rows], outcome)
        outcome.grades |= grades
        ratings += [_rating(a, scale, grades[a.school_id], people, True) for a in city_rows]
    Rating.objects.bulk_create(ratings, batch_size=BATCH)
    rows.counts["ratings"] += len(ratings)
    return outcome


GRADE_LABELS = {"excellent": "优", "qualified": "合格", "attention": "重点关注"}


def letter_body(a: SchoolAssessment, outcome: Outcome, due: datetime.date) -> str:
    """The letter's text: the grade, the passing count, each failing indicator with its
    facts (remark), and the actions required."""
    failed = outcome.failed.get(a.school_id, [])
    label = GRADE_LABELS.get(outcome.grades.get(a.school_id, ""), "")
    lines = [
        f"根据学生会改革自评工作安排，我会对你校{a.academic_year}—{a.academic_year + 1}学年"
        f"学生会改革自评情况进行了审核确认，评定等级为“{label}”。现将有关情况反馈如下：",
        f"一、达标情况。你校各学生会共 {outcome.passed.get(a.school_id, 0)} 项指标达标。",
    ]
    if failed:
        lines.append(f"二、未达标指标（共 {len(failed)} 项）。")
        for n, r in enumerate(failed, start=1):
            star = "★" if r["core"] else ""
            remark = f"：{r['remark']}" if r["remark"] else ""
            lines.append(
                f"（{n}）{r['union__name']}第 {r['indicator__number']} 项{star}"
                f"“{r['indicator__short']}”未达标{remark}。"
            )
        lines.append(
            f"三、整改要求。请你校党委督促校团委、学生会对照上述问题逐项整改，★指标于 "
            f"{due:%Y年%m月%d日}前整改到位，并通过同心平台报送整改进展。"
        )
    else:
        lines.append("二、各项指标均已达标，请继续保持，并在下一学年自评中如实公示。")
    return "\n".join(lines)


def _letters(
    assessments: list[SchoolAssessment], outcome: Outcome, people: People, rows: Rows, year: int
) -> None:
    letters = []
    for n, a in enumerate(assessments, start=1):
        issued = (a.confirmed_at or _at(datetime.date(year + 1, 7, 15))).date()
        issued += datetime.timedelta(days=5)
        letters.append(
            FeedbackLetter(
                assessment=a,
                school_id=a.school_id,
                issuer=ISSUER,
                number=f"演示省学联函〔{year + 1}〕{n}号",
                title=f"关于{a.school.name}{year}—{year + 1}学年学生会改革自评情况的反馈函",
                addressee=f"{a.school.name}党委",
                body=letter_body(a, outcome, issued + datetime.timedelta(days=RECTIFY_DAYS)),
                issued_on=issued,
                issued_by_id=people.province,
            )
        )
    FeedbackLetter.objects.bulk_create(letters, batch_size=BATCH)
    rows.counts["letters"] += len(letters)


def _rectification(
    assessments: list[SchoolAssessment], people: People, rows: Rows, *, closing: bool
) -> None:
    """An item per failing ★ result; with `closing`, every third accepted by the city and
    every fifth passing on re-computation, with the advisor's notes."""
    by_school = {a.school_id: a for a in assessments}
    core = Result.objects.filter(
        school_id__in=list(by_school),
        catalogue__academic_year__in={a.academic_year for a in assessments},
        indicator__mark=Mark.CORE,
        passed=False,
    ).order_by("school_id", "union__path", "indicator__number")
    items = []
    for n, (pk, school_id, union_id) in enumerate(core.values_list("pk", "school_id", "union_id")):
        a = by_school[school_id]
        start = (a.confirmed_at or a.created_at).date()
        item = RectificationItem(
            assessment=a,
            result_id=pk,
            school_id=school_id,
            union_id=union_id,
            owner_id=people.advisors.get(school_id, people.province),
            due_on=start + datetime.timedelta(days=RECTIFY_DAYS),
        )
        if closing and n % 3 == 0:
            city = people.city_staff.get(a.school.city_pk or 0, people.province)
            _close(item, ClosedHow.ACCEPTED, city, start + datetime.timedelta(days=20))
        elif closing and n % 5 == 0:
            _close(item, ClosedHow.RECOMPUTED, people.system, start + datetime.timedelta(days=25))
        items.append(item)
    RectificationItem.objects.bulk_create(items, batch_size=BATCH)
    _notes(items, rows)
    rows.counts["rectification_items"] += len(items)


def _close(item: RectificationItem, how: str, by: int, on: datetime.date) -> None:
    item.state, item.closed_how = RectificationState.CLOSED, how
    item.closed_by_id, item.closed_at, item.version = by, _at(on, 17), 2


def _notes(items: list[RectificationItem], rows: Rows) -> None:
    notes = [
        RectificationNote(
            item=item,
            school_id=item.school_id,
            author_id=item.owner_id,
            text="已召开学生会主席团会议部署整改，相关材料已上传。"
            if item.state == RectificationState.CLOSED
            else "正在按反馈函要求整改，预计本月内完成。",
        )
        for n, item in enumerate(items)
        if item.state == RectificationState.CLOSED or n % 4 == 1
    ]
    RectificationNote.objects.bulk_create(notes, batch_size=BATCH)
    rows.counts["rectification_notes"] += len(notes)


# --- call-ins and meetings ---------------------------------------------------------------------

CALL_IN_ATTENDEES = "市学联负责同志；{school}校团委书记、学生会主席团成员"
CALL_IN_ISSUES = "逐项通报{school}改革自评未达标的★指标：{items}；听取学校整改打算。"
CALL_IN_FOLLOW_UPS = "校团委一个月内报送整改方案；市学联下学期走访复查。"
EXCHANGE_ISSUES = (
    "水源计划交流：{host}学生会介绍精简机构、代表大会按期召开的做法，{school}学生会对照交流。"
)
VISIT_ISSUES = "走访座谈：学生会工作人员遴选、主席团选举和改革自评公示情况，听取同学意见。"


def _meeting(
    a: SchoolAssessment | None,
    school: Node,
    kind: str,
    on: datetime.date,
    host: int,
    by: int,
    issues: str,
    attendees: str = "",
) -> Meeting:
    return Meeting(
        school=school,
        assessment=a,
        kind=kind,
        held_on=on,
        attendees=attendees or CALL_IN_ATTENDEES.format(school=school.name),
        issues=issues,
        follow_ups=CALL_IN_FOLLOW_UPS if kind == MeetingKind.CALL_IN else "",
        recorded_by_id=by,
        host_id=host,
    )


def _marked(
    assessments: list[SchoolAssessment], outcome: Outcome, first: SchoolAssessment
) -> list[SchoolAssessment]:
    """The 重点关注 schools of every MARK_CITY_EVERY-th city and of the first school's."""
    cities = sorted(_by_city(assessments))
    return [
        a
        for a in assessments
        if outcome.grades.get(a.school_id) == "attention"
        and (
            cities.index(a.school.city_pk or 0) % MARK_CITY_EVERY == 0
            or a.school.city_pk == first.school.city_pk
        )
    ]


def _call_ins(
    assessments: list[SchoolAssessment], outcome: Outcome, people: People, rows: Rows, year: int
) -> None:
    """The marked schools' interviews with their city (the first one's with the province
    too, and its exchange visit from the first school, 水源计划), and the city's visit of
    the first school."""
    if not assessments:
        return
    first, day = assessments[0], datetime.date(year + 1, 7, 25)
    marked = _marked(assessments, outcome, first)
    meetings: list[Meeting] = []
    for n, a in enumerate(marked):
        a.call_in = True
        city = a.school.city_pk or people.province_node
        core = _core(outcome, a.school_id)[:3]
        items = "、".join(f"第 {r['indicator__number']} 项{r['indicator__short']}" for r in core)
        issues = CALL_IN_ISSUES.format(school=a.school.name, items=items)
        by = people.city_staff.get(city, people.province)
        meetings.append(_meeting(a, a.school, MeetingKind.CALL_IN, day, city, by, issues))
        if n == 0:
            later = day + datetime.timedelta(days=3)
            meetings.append(
                _meeting(
                    a, a.school, MeetingKind.CALL_IN, later, people.province_node,
                    people.province, issues,
                )
            )  # fmt: skip
            meetings.append(_exchange(first.school, a.school, day, people))
    meetings.append(_visit(first.school, day, people))
    if people.county_school is not None and people.county_school != first.school:
        meetings.append(_visit(people.county_school, day + datetime.timedelta(days=2), people))
    SchoolAssessment.objects.bulk_update(marked, ["call_in"], batch_size=BATCH)
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    rows.counts["call_ins"] += len(marked)
    rows.counts["meetings"] += len(meetings)


def _exchange(host: Node, school: Node, day: datetime.date, people: People) -> Meeting:
    attendees = f"省学联；{host.name}学生会主席团；{school.name}校团委老师、学生会主席团"
    issues = EXCHANGE_ISSUES.format(host=host.name, school=school.name)
    on = day + datetime.timedelta(days=20)
    return _meeting(
        None, school, MeetingKind.EXCHANGE, on, people.province_node, people.province,
        issues, attendees,
    )  # fmt: skip


def _visit(school: Node, day: datetime.date, people: People) -> Meeting:
    city = school.city_pk or people.province_node
    attendees = f"市学联工作人员；{school.name}校团委老师、学生会主席团、同学代表"
    by = people.city_staff.get(city, people.province)
    on = day + datetime.timedelta(days=10)
    return _meeting(None, school, MeetingKind.VISIT, on, city, by, VISIT_ISSUES, attendees)


# --- disclosures ---------------------------------------------------------------------------


def _disclosure(
    rows: Rows, a: SchoolAssessment, people: People, opens_on: datetime.date, *, closed: bool
) -> Disclosure:
    disclosure = Disclosure(
        assessment=a,
        school_id=a.school_id,
        state=DisclosureState.CLOSED if closed else DisclosureState.OPEN,
        workdays=DISCLOSURE_DAYS,
        opens_on=opens_on,
        closes_on=nth_workday_after(opens_on, DISCLOSURE_DAYS),
        opened_by_id=people.advisors.get(a.school_id, people.province),
    )
    rows.disclosures.append(disclosure)
    return disclosure


def _comments(disclosure: Disclosure, school: Node, logins: list[Any], people: People) -> int:
    """An approved comment of a student of the school and a pending one of the printed
    student (the advisor moderates)."""
    printed = next((x for x in logins if x.role == Role.STUDENT), None)
    other = (
        Membership.objects.active()
        .filter(school=school, role=Role.STUDENT)
        .exclude(user_id=printed.user_id if printed else 0)
        .order_by("user__number")
        .values_list("user_id", flat=True)
        .first()
    )
    subject = ContentType.objects.get_for_model(Disclosure)
    advisor = people.advisors.get(school.pk)
    comments = []
    if other is not None:
        moderated = _at(disclosure.opens_on, 15)
        comments.append(
            Comment(
                school=school, content_type=subject, object_id=disclosure.pk, author_id=other,
                text=COMMENT_APPROVED, status=CommentStatus.APPROVED, moderated_by_id=advisor,
                moderated_at=moderated, version=2,
            )
        )  # fmt: skip
    if printed is not None:
        comments.append(
            Comment(
                school=school, content_type=subject, object_id=disclosure.pk,
                author_id=printed.user_id, text=COMMENT_PENDING,
            )
        )  # fmt: skip
    Comment.objects.bulk_create(comments)
    return len(comments)


# --- this year -----------------------------------------------------------------------------


def _this_year(
    schools: list[Node],
    assessments: dict[tuple[int, int], SchoolAssessment],
    sheets: dict[tuple[int, int], list[UnionSheet]],
    people: People,
    rows: Rows,
    this: int,
    day: Any,
) -> list[SchoolAssessment]:
    """Each city's schools in turn through THIS_STAGES (the first school preparing, every
    sheet checked, its disclosure open)."""
    start = max(datetime.date(this, 9, 1), day.today - datetime.timedelta(days=40))
    now = day.now()
    span = max(now - _at(start, 9), datetime.timedelta(hours=8))
    times = [_at(start, 9) + span * f for f in (0.1, 0.35, 0.55, 0.75, 0.9)]
    walked: list[SchoolAssessment] = []
    seen: Counter[int] = Counter()
    for school in schools:
        a = assessments.get((school.pk, this))
        if a is None:
            continue
        city = school.city_pk or 0
        stage = THIS_STAGES[seen[city] % len(THIS_STAGES)]
        seen[city] += 1
        a.school = school
        own = sheets.get((school.pk, this), [])
        if not walked:  # the first school: ready to submit, on public disclosure
            for sheet in own:
                _check_sheet(rows, a, sheet, people, times[0])
            _disclosure(
                rows, a, people, max(start, day.today - datetime.timedelta(days=2)), closed=False
            )
            rows.first_disclosure = (a, school)
        elif stage == AssessmentState.PREPARING:
            _some_checked(rows, a, own, people, times[:2])
        else:
            for sheet in own:
                _check_sheet(rows, a, sheet, people, times[0])
            opens = times[0].date() + datetime.timedelta(days=1)
            disclosure = _disclosure(rows, a, people, opens, closed=True)
            disclosure.state = (
                DisclosureState.CLOSED if disclosure.closes_on < day.today else DisclosureState.OPEN
            )
            _walk_assessment(rows, a, people, stage, times[2:])
        rows.counts[f"assessments_{a.state}"] += 1
        walked.append(a)
    SchoolAssessment.objects.bulk_update(
        walked,
        ["state", "version", "submitted_at", "city_reviewed_at", "confirmed_at"],
        batch_size=BATCH,
    )
    _rate_this_year(walked, people, rows)
    return walked


def _some_checked(
    rows: Rows,
    a: SchoolAssessment,
    own: list[UnionSheet],
    people: People,
    times: list[datetime.datetime],
) -> None:
    """The school union's sheet checked, every other college union's checked by its
    secretary, one sheet (the graduate union's, or the last college union's) returned by
    the advisor with a reason."""
    advisor = people.advisors.get(a.school_id, people.system)
    graduate = [s for s in own if s.union.kind == NodeKind.GRADUATE_UNION]
    returned = (graduate or own[-1:])[0] if own else None
    for n, sheet in enumerate(own):
        if sheet is returned and sheet.union.kind != NodeKind.SCHOOL_UNION:
            if sheet.union.kind == NodeKind.COLLEGE_UNION:
                secretary = people.secretaries.get(sheet.union.parent_id or 0, advisor)
                _step(rows, a, "college-check", secretary, times[0], sheet)
            _step(rows, a, "school-check", advisor, times[0] + datetime.timedelta(hours=3), sheet)
            _step(rows, a, "return", advisor, times[1], sheet, RETURN_REASON)
        elif sheet.union.kind == NodeKind.SCHOOL_UNION:
            _check_sheet(rows, a, sheet, people, times[0])
        elif n % 2 == 0:
            secretary = people.secretaries.get(sheet.union.parent_id or 0, advisor)
            _step(rows, a, "college-check", secretary, times[0], sheet)
            rows.sheets[SheetState.COLLEGE_CHECKED].append(sheet.pk)


def _rate_this_year(walked: list[SchoolAssessment], people: People, rows: Rows) -> None:
    """The confirmed ones rated (confirmed; rectification open), every other city-reviewed
    one with the city's proposal waiting for the province."""
    if not walked:
        return
    year = walked[0].academic_year
    scale = RatingScale.objects.get(name=SCALE)
    outcome = _outcome(year, [a.school_id for a in walked])
    ratings, confirmed = [], []
    reviewed = [a for a in walked if a.state == AssessmentState.CITY_REVIEWED]
    for city_rows in _by_city(walked).values():
        grades = grade_city([a.school_id for a in city_rows], outcome)
        for a in city_rows:
            if a.state == AssessmentState.CONFIRMED:
                ratings.append(_rating(a, scale, grades[a.school_id], people, True))
                confirmed.append(a)
            elif a in reviewed[::2]:
                ratings.append(_rating(a, scale, grades[a.school_id], people, False))
    Rating.objects.bulk_create(ratings, batch_size=BATCH)
    rows.counts["ratings"] += len(ratings)
    _rectification(confirmed, people, rows, closing=False)


# --- writing ---------------------------------------------------------------------------------


def _flush(rows: Rows, logins: list[Any], people: People) -> None:
    """The timeline (its moments set after the insert: created_at is automatic), the
    sheets' states, the disclosures and the first school's comments."""
    steps = [line for line, _at_ in rows.steps]
    ReviewStep.objects.bulk_create(steps, batch_size=BATCH)
    for line, at in rows.steps:
        line.created_at = at
    ReviewStep.objects.bulk_update(steps, ["created_at"], batch_size=BATCH)
    for state, ids in rows.sheets.items():
        for chunk in range(0, len(ids), BATCH):
            UnionSheet.objects.filter(pk__in=ids[chunk : chunk + BATCH]).update(
                state=state, version=2
            )
    Disclosure.objects.bulk_create(rows.disclosures, batch_size=BATCH)
    rows.counts["disclosures"] += len(rows.disclosures)
    if rows.first_disclosure is not None:
        a, school = rows.first_disclosure
        disclosure = next(d for d in rows.disclosures if d.assessment_id == a.pk)
        rows.counts["disclosure_comments"] += _comments(disclosure, school, logins, people)
