"""The proposals (提案) in a generated province (the demo's 演示省, the bench's).

    YS001's school union session (the delegates' one) ──► a proposal in every state, written
        row by row with its timeline, co-signers, ratings, co-office inputs and reply clocks:
        drafts with invitations (one led by the printed student, one inviting them),
        submitted, accepted (handed back), referred (one overdue), progressing, replied (led
        by the printed student: theirs to rate), further, done (twice), not accepted (one
        forwarded to the logistics office), merged (its proposers co-proposers of the target),
        withdrawn; the committee (the advisor chairs, the logistics office's head sits on it)
        and the collection window (open, so the draft can be submitted)
    every other school-level union's last held session ──► bulk rows in realistic numbers
    the first school's city ──► 463 collected and 259 handled in the year of YS001's session,
        across its schools (the federation's figures on the statistics page)

The states follow the transition table (proposal_machine.PROPOSAL): a number once submitted,
the decision's fields once decided, the offices and reply deadline once accepted, the reply
with its class once handled (handled_at), the lead's rating once rated; a reply deadline only
while an office owes the reply. Bulk rows are written with bulk_create (a few thousand
proposals in the default demo, with their events and co-signers).
"""

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max

from tongxin.accounts.models import Membership, Role, User
from tongxin.orgs.models import Node, NodeKind, OfficeKind
from tongxin.workflow.referral.models import Rating

from ..models import (
    Committee,
    CommitteeMember,
    Delegate,
    DelegateListState,
    Session,
    SessionState,
)
from ..proposal_deadlines import MONTH_END_CLOCK, WORKDAYS_CLOCK, month_end_after
from ..proposal_models import (
    DeadlineKind,
    NotAcceptedGround,
    Proposal,
    ProposalCategory,
    ProposalClock,
    ProposalEvent,
    ProposalInput,
    ProposalRating,
    ProposalSigner,
    ProposalState,
    ProposalWindow,
    ResultClass,
    SignerRole,
    SignerStatus,
)

BATCH = 1000
P = ProposalState
C = ProposalCategory
CITY_COLLECTED = 463  # 收集 463 条
CITY_HANDLED = 259  # 已办理 259 条
HELD_STATES = [SessionState.HELD, SessionState.REPORTED, SessionState.CLOSED]
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Topic:
    category: str
    title: str
    background: str
    suggestion: str
    office: str  # the OfficeKind that answers it
    answer: str


TOPICS = [
    Topic(
        C.LIFE,
        "关于延长图书馆考试周开放时间的建议",
        "考试周图书馆座位紧张，22:00 闭馆后同学无处自习。",
        "考试周将图书馆开放时间延长至 23:30，并开放一楼研讨间。",
        OfficeKind.LIBRARY,
        "自本学期考试周起，图书馆一楼和二楼开放至 23:30。",
    ),
    Topic(
        C.LIFE,
        "关于改善食堂夜宵供应的建议",
        "晚自习后食堂只有一个窗口营业，排队时间长。",
        "二食堂增开两个夜宵窗口，营业至 22:30，并公示菜品价格。",
        OfficeKind.LOGISTICS,
        "二食堂已增开夜宵窗口两个，营业至 22:30，价格在窗口公示。",
    ),
    Topic(
        C.LIFE,
        "关于宿舍热水供应时间的建议",
        "部分宿舍楼热水 23:00 停止，晚归同学无法洗浴。",
        "宿舍热水供应延长至 24:00，冬季全天供应。",
        OfficeKind.LOGISTICS,
        "经测算，冬季热水已调整为全天供应，其他季节供应至 24:00。",
    ),
    Topic(
        C.EDUCATION,
        "关于增加公共选修课容量的建议",
        "热门公选课开放选课后几分钟即满。",
        "热门公选课扩班或增开线上班，并公布选课规则。",
        OfficeKind.ACADEMIC,
        "下学期热门公选课扩容 30%，并增开线上班 6 个。",
    ),
    Topic(
        C.EDUCATION,
        "关于公开课程评教结果的建议",
        "同学填写评教后不知道结果如何使用。",
        "每学期公开课程评教汇总结果和改进情况。",
        OfficeKind.ACADEMIC,
        "评教汇总结果将在教务系统公开，任课教师反馈改进措施。",
    ),
    Topic(
        C.GROWTH,
        "关于增加创新创业实践学分认定途径的建议",
        "参加学科竞赛获奖难以认定学分。",
        "制定学科竞赛、创新项目认定创新学分的细则。",
        OfficeKind.ACADEMIC,
        "创新学分认定办法已修订，学科竞赛获奖可认定 1 至 4 学分。",
    ),
    Topic(
        C.GROWTH,
        "关于开放学生活动场地预约的建议",
        "社团活动场地需要线下逐级签字审批。",
        "在校园网上开放活动场地在线预约。",
        OfficeKind.STUDENT_AFFAIRS,
        "学生活动场地在线预约已于本月上线。",
    ),
    Topic(
        C.RIGHTS,
        "关于完善奖助学金评定公示的建议",
        "部分学院奖学金评定结果公示时间短。",
        "奖助学金评定结果公示不少于 5 个工作日，并公布申诉渠道。",
        OfficeKind.STUDENT_AFFAIRS,
        "已要求各学院公示不少于 5 个工作日，并在公示中注明申诉电话。",
    ),
    Topic(
        C.RIGHTS,
        "关于校园快递点夜间取件的建议",
        "快递点 18:00 关门，上课同学取件困难。",
        "快递点营业至 21:00，或增设智能快递柜。",
        OfficeKind.LOGISTICS,
        "已在东区增设智能快递柜 20 组，快递点营业至 20:30。",
    ),
    Topic(
        C.LIFE,
        "关于校园夜间照明的建议",
        "操场至宿舍区道路夜间照明不足。",
        "增设路灯，损坏路灯一周内修复。",
        OfficeKind.SECURITY,
        "已增设路灯 36 盏，并建立路灯报修限时修复制度。",
    ),
    Topic(
        C.OTHER,
        "关于校园网宿舍区网速的建议",
        "晚间宿舍区网速明显下降。",
        "宿舍区出口带宽扩容，公布报修电话。",
        OfficeKind.IT,
        "宿舍区出口带宽已由 10G 扩容至 20G。",
    ),
    Topic(
        C.LIFE,
        "关于校医院周末门诊的建议",
        "校医院周末只开急诊。",
        "周末上午开设普通门诊。",
        OfficeKind.CLINIC,
        "自下月起周六上午开设普通门诊。",
    ),
]
PLACES = ["", "（东校区）", "（西校区）", "（南校区）", "（研究生公寓）"]
GROUNDS = [
    NotAcceptedGround.PERSONAL,
    NotAcceptedGround.OUTSIDE_POWERS,
    NotAcceptedGround.IN_HAND,
    NotAcceptedGround.FORMAT,
]
GROUND_NOTES = {
    NotAcceptedGround.PERSONAL: "所提事项属个别同学诉求，建议通过权益服务渠道反映。",
    NotAcceptedGround.OUTSIDE_POWERS: "所提事项属市政公交线路调整，超出学校职权范围。",
    NotAcceptedGround.IN_HAND: "学校已启动相关工作，将在工作完成后公开进展。",
    NotAcceptedGround.FORMAT: "提案缺少具体建议，请修改后在下次征集期提出。",
}


# ---------------------------------------------------------------- what the run reads


@dataclass
class SchoolFacts:
    offices: dict[str, int] = field(default_factory=dict)  # office kind → node id
    office_names: dict[int, str] = field(default_factory=dict)
    advisor: int | None = None
    students: list[int] = field(default_factory=list)


def _last_held_sessions(province: Node) -> list[Session]:
    """Each school-level union's last held session (held, reported or closed)."""
    rows = (
        Session.objects.filter(
            school__path__startswith=province.path,
            union__kind__in=[NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION],
            state__in=HELD_STATES,
            held_start__isnull=False,
        )
        .select_related("school")
        .order_by("union_id", "-number")
    )
    seen: set[int] = set()
    found = []
    for session in rows:
        if session.union_id not in seen:
            seen.add(session.union_id)
            found.append(session)
    return found


def _facts(province: Node, school_ids: set[int]) -> dict[int, SchoolFacts]:
    facts = {pk: SchoolFacts() for pk in school_ids}
    offices = Node.objects.filter(kind=NodeKind.OFFICE, school_id__in=school_ids).order_by("path")
    for pk, school_id, kind, name in offices.values_list("pk", "school_id", "office_kind", "name"):
        f = facts[school_id]
        f.offices.setdefault(kind or OfficeKind.OTHER, pk)
        f.office_names[pk] = name
    advisors = (
        Membership.objects.active()
        .filter(role=Role.ADVISOR, node_id__in=school_ids)
        .order_by("user__number")
    )
    for node_id, user_id in advisors.values_list("node_id", "user_id"):
        if facts[node_id].advisor is None:
            facts[node_id].advisor = user_id
    for school_id in school_ids:
        facts[school_id].students = list(
            Membership.objects.active()
            .filter(school_id=school_id, role=Role.STUDENT)
            .order_by("user__number")
            .values_list("user_id", flat=True)[:60]
        )
    return facts


def _at(day: datetime.datetime, hours: int = 10) -> datetime.datetime:
    return day.replace(hour=hours, minute=0, second=0, microsecond=0)


# ---------------------------------------------------------------- bulk proposals


@dataclass
class Plan:
    """One session's proposals to write: how many collected, how many handled."""

    session: Session
    collected: int
    handled: int


def split(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights` (largest remainders; sums to `total`)."""
    if not weights or total <= 0:
        return [0] * len(weights)
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(shares)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def states_for(collected: int, handled: int, rng: random.Random) -> list[str]:
    """The states of a session's bulk proposals: `handled` of them replied or beyond."""
    handled = min(handled, collected)
    states: list[str] = rng.choices(
        [P.DONE, P.REPLIED, P.PROGRESSING, P.FURTHER], weights=[55, 20, 15, 10], k=handled
    )
    rest = collected - handled
    refused = min(rest, round(collected * 0.08))
    merged = min(rest - refused, round(collected * 0.04)) if collected - refused > 1 else 0
    submitted = min(rest - refused - merged, 1 if handled < collected // 2 else 0)
    owed = rest - refused - merged - submitted
    handed_back = 1 if owed >= 6 else 0
    states += [P.NOT_ACCEPTED] * refused + [P.MERGED] * merged + [P.SUBMITTED] * submitted
    states += [P.ACCEPTED] * handed_back + [P.REFERRED] * (owed - handed_back)
    if merged and not any(s in (P.REFERRED, P.DONE, P.REPLIED) for s in states):
        states = [P.NOT_ACCEPTED if s == P.MERGED else s for s in states]
    rng.shuffle(states)
    return states


Event = tuple[str, int | None, str, str, datetime.datetime]


@dataclass
class Bulk:
    proposals: list[Proposal] = field(default_factory=list)
    # per proposal (same index): events (kind, actor id, label, text, at), co-signers
    events: list[list[Event]] = field(default_factory=list)
    cosigners: list[list[int]] = field(default_factory=list)
    ratings: list[list[tuple[int, int, str]]] = field(default_factory=list)  # user, round, rating
    merge_into: list[int | None] = field(default_factory=list)  # index of the target


@dataclass
class Row:
    """One bulk proposal while it is being filled in, with what hangs on it."""

    p: Proposal
    topic: Topic
    lead_label: str
    events: list[Event] = field(default_factory=list)
    ratings: list[tuple[int, int, str]] = field(default_factory=list)


def _rated(row: Row, state: str, now: datetime.datetime, rng: random.Random) -> None:
    """The lead's rating of a further or done proposal (handled_at set)."""
    p, lead = row.p, row.p.lead_id
    assert p.handled_at is not None
    rated_at = p.handled_at + (now - p.handled_at) * 0.3
    if state == P.FURTHER:
        p.rating, p.dissatisfied_count = Rating.DISSATISFIED, 1
        p.reply_due_at = month_end_after(rated_at, 1)
        row.ratings.append((lead, 0, Rating.DISSATISFIED))
        row.events.append(("rated", lead, row.lead_label, "不满意，请再次办理。", rated_at))
        return
    rating = rng.choices(
        [Rating.SATISFIED, Rating.BASICALLY, Rating.DISSATISFIED], weights=[60, 30, 10]
    )[0]
    p.rating, p.done_at = rating, rated_at
    if rating == Rating.DISSATISFIED:  # the second 不满意, after the further reply: final
        p.dissatisfied_count = 2
        row.ratings.append((lead, 0, Rating.DISSATISFIED))
    row.ratings.append((lead, 1 if rating == Rating.DISSATISFIED else 0, rating))
    row.events.append(("rated", lead, row.lead_label, "", rated_at))


def _referred(
    row: Row,
    state: str,
    facts: SchoolFacts,
    index: int,
    now: datetime.datetime,
    rng: random.Random,
) -> None:
    """An accepted proposal: its offices and deadline, then its reply and rating."""
    p = row.p
    assert p.decided_at is not None
    decided_at = p.decided_at
    office = facts.offices.get(row.topic.office) or next(iter(facts.offices.values()), None)
    p.lead_office_id = office
    p.deadline_kind = DeadlineKind.SIMPLE if index % 3 else DeadlineKind.COMPLEX
    p.referred_at = decided_at
    office_label = facts.office_names.get(office or 0, "承办部门")
    if state == P.ACCEPTED:
        row.events.append(("handed_back", None, office_label, "不属本部门职责。", decided_at + DAY))
        p.referred_at = None
        return
    if state == P.REFERRED:
        # Referred (again) lately: most offices are within their deadline, a few are late.
        p.referred_at = max(decided_at, now - DAY * rng.randint(3, 45))
        p.reply_due_at = month_end_after(p.referred_at, 1 if index % 4 else 0)
        return
    span = max((now - decided_at).total_seconds(), 3600)
    handled_at = decided_at + datetime.timedelta(seconds=span * rng.uniform(0.2, 0.6))
    p.handled_at = p.answered_at = handled_at
    p.answer = row.topic.answer
    p.result_class = (
        ResultClass.B if state == P.PROGRESSING else rng.choices("ACD", weights=[70, 20, 10])[0]
    )
    row.events.append(("replied", None, office_label, row.topic.answer, handled_at))
    if state in (P.FURTHER, P.DONE):
        _rated(row, state, now, rng)


def _bulk_session(
    plan: Plan,
    facts: SchoolFacts,
    names: dict[int, str],
    now: datetime.datetime,
    rng: random.Random,
    out: Bulk,
    first_number: int,
) -> None:
    session = plan.session
    assert session.held_start is not None
    held = datetime.datetime.combine(session.held_start, datetime.time(9), tzinfo=now.tzinfo)
    age = max((now - held).days, 2)
    students = facts.students
    if len(students) < 3:
        return
    advisor = facts.advisor
    advisor_label = names.get(advisor or 0, "校团委")
    start = len(out.proposals)
    targets: list[int] = []
    for index, state in enumerate(states_for(plan.collected, plan.handled, rng)):
        topic = TOPICS[(index + session.pk) % len(TOPICS)]
        lead = students[(index * 7 + session.pk) % len(students)]
        others = [s for s in students if s != lead]
        submitted_at = _at(held - DAY * rng.randint(5, 25))
        p = Proposal(
            session=session,
            school_id=session.school_id,
            union_id=session.union_id,
            number=first_number + index,
            state=state,
            lead_id=lead,
            title=f"{topic.title}{PLACES[(index // len(TOPICS)) % len(PLACES)]}",
            category=topic.category,
            background=topic.background,
            suggestion=topic.suggestion,
            submitted_at=submitted_at,
            created_at=submitted_at - DAY,
        )
        row = Row(p, topic, names.get(lead, "代表"))
        row.events.append(("submitted", lead, row.lead_label, "", submitted_at))
        decided_at = _at(held + DAY * min(rng.randint(1, 10), max(age // 4, 1)), 15)
        if state != P.SUBMITTED:
            p.decided_at, p.decided_by_id = decided_at, advisor
        if state == P.NOT_ACCEPTED:
            p.ground = GROUNDS[index % len(GROUNDS)]
            p.decision_note = GROUND_NOTES[p.ground]
            row.events.append(("refused", advisor, advisor_label, p.decision_note, decided_at))
        elif state == P.MERGED:
            row.events.append(
                ("merged", advisor, advisor_label, "内容相近，并案办理。", decided_at)
            )
        elif state != P.SUBMITTED:
            row.events.append(("accepted", advisor, advisor_label, "立案并交办。", decided_at))
            _referred(row, state, facts, index, now, rng)
        if state in (P.REFERRED, P.DONE, P.REPLIED):
            targets.append(len(out.proposals))
        out.proposals.append(p)
        out.events.append(row.events)
        out.ratings.append(row.ratings)
        out.cosigners.append(
            [others[(index * 3) % len(others)], others[(index * 3 + 1) % len(others)]]
        )
        out.merge_into.append(None)
    for i in range(start, len(out.proposals)):
        if out.proposals[i].state == P.MERGED:
            out.merge_into[i] = targets[i % len(targets)] if targets else None


def _write_bulk(out: Bulk) -> None:
    """The proposals, then what hangs on them (events, co-signers, ratings, the merges)."""
    merged = [i for i, target in enumerate(out.merge_into) if target is not None]
    Proposal.objects.bulk_create(out.proposals, batch_size=BATCH)
    for i in merged:
        target = out.proposals[out.merge_into[i] or 0]
        out.proposals[i].merged_into_id = target.pk
    Proposal.objects.bulk_update([out.proposals[i] for i in merged], ["merged_into"])
    events, signers, ratings = [], [], []
    for i, p in enumerate(out.proposals):
        for kind, actor, label, text, at in out.events[i]:
            events.append(
                ProposalEvent(
                    proposal=p,
                    school_id=p.school_id,
                    kind=kind,
                    actor_id=actor,
                    actor_label=label[:60],
                    text=text,
                    created_at=at,
                )
            )
        for user in out.cosigners[i]:
            signers.append(
                ProposalSigner(
                    proposal=p,
                    school_id=p.school_id,
                    user_id=user,
                    status=SignerStatus.CONFIRMED,
                    invited_at=(p.submitted_at or p.created_at) - DAY,
                    responded_at=(p.submitted_at or p.created_at) - DAY / 2,
                )
            )
        for user, round_, rating in out.ratings[i]:
            ratings.append(
                ProposalRating(
                    proposal=p,
                    school_id=p.school_id,
                    user_id=user,
                    is_lead=True,
                    round=round_,
                    rating=rating,
                    created_at=p.done_at or p.updated_at or p.created_at,
                )
            )
    for i in merged:  # the merged proposal's lead becomes a co-proposer of the target
        source, target = out.proposals[i], out.proposals[out.merge_into[i] or 0]
        if (
            source.lead_id != target.lead_id
            and source.lead_id not in out.cosigners[out.merge_into[i] or 0]
        ):
            signers.append(
                ProposalSigner(
                    proposal=target,
                    school_id=target.school_id,
                    user_id=source.lead_id,
                    role=SignerRole.CO_PROPOSER,
                    status=SignerStatus.CONFIRMED,
                    from_proposal=source,
                    invited_at=source.decided_at or source.created_at,
                    responded_at=source.decided_at or source.created_at,
                )
            )
    ProposalEvent.objects.bulk_create(events, batch_size=BATCH)
    _unique_signers_create(signers)
    ProposalRating.objects.bulk_create(ratings, batch_size=BATCH)


def _unique_signers_create(signers: list[ProposalSigner]) -> None:
    seen: set[tuple[int, int]] = set()
    kept = []
    for s in signers:
        key = (s.proposal.pk, s.user_id)
        if key not in seen:
            seen.add(key)
            kept.append(s)
    ProposalSigner.objects.bulk_create(kept, batch_size=BATCH)


def _committees_and_windows(
    plans: list[Plan], facts: dict[int, SchoolFacts], now: datetime.datetime
) -> None:
    ids = [plan.session.pk for plan in plans]
    has_committee = set(
        Committee.objects.filter(session_id__in=ids).values_list("session_id", flat=True)
    )
    has_window = set(
        ProposalWindow.objects.filter(session_id__in=ids).values_list("session_id", flat=True)
    )
    committees, windows = [], []
    for plan in plans:
        s = plan.session
        chair = facts[s.school_id].advisor
        if chair is None:
            continue
        if s.pk not in has_committee:
            committees.append(Committee(session=s, school_id=s.school_id, chair_id=chair))
        if s.pk not in has_window:
            assert s.held_start is not None
            windows.append(
                ProposalWindow(
                    session=s,
                    school_id=s.school_id,
                    union_id=s.union_id,
                    opens_on=s.held_start - datetime.timedelta(days=30),
                    closes_on=s.held_start - datetime.timedelta(days=3),
                    set_by_id=chair,
                )
            )
    Committee.objects.bulk_create(committees, batch_size=BATCH)
    ProposalWindow.objects.bulk_create(windows, batch_size=BATCH)


# ---------------------------------------------------------------- YS001, row by row


def _delegates(session: Session) -> list[int]:
    return list(
        Delegate.objects.filter(
            delegate_list__session=session, delegate_list__state=DelegateListState.CONFIRMED
        )
        .order_by("user__number")
        .values_list("user_id", flat=True)
    )


def _login_user(logins: list[Any], role: str) -> int | None:
    return next((login.user_id for login in logins if login.role == role), None)


@dataclass
class Walk:
    """YS001's session written proposal by proposal: `d` the delegates (the printed student
    first), the advisor (the committee's chair), the demo office handler and three offices."""

    session: Session
    now: datetime.datetime
    d: list[int]
    advisor: int
    handler: int | None
    logistics: int
    academic: int
    affairs: int
    office_names: dict[int, str]
    names: dict[int, str]
    number: int = 0
    written: list[Proposal] = field(default_factory=list)

    def back(self, days: int, hour: int = 10) -> datetime.datetime:
        return _at(self.now - DAY * days, hour)

    def label(self, user_id: int | None) -> str:
        return self.names.get(user_id or 0, "系统")[:60]

    def event(
        self,
        p: Proposal,
        kind: str,
        actor: int | None,
        at: datetime.datetime,
        text: str = "",
        office: int | None = None,
    ) -> None:
        label = self.office_names.get(office, "") if office else self.label(actor)
        ProposalEvent.objects.create(
            proposal=p,
            school_id=p.school_id,
            kind=kind,
            actor_id=actor,
            actor_label=label[:60],
            text=text,
            created_at=at,
        )

    def write(
        self,
        state: str,
        lead: int,
        topic: Topic,
        *,
        signers: list[tuple[int, str]],
        submitted: int | None,
        title: str = "",
        **fields: Any,
    ) -> Proposal:
        """The proposal written `submitted` days ago (None: a draft), its invitations and
        co-signatures, its submission."""
        if submitted is not None:
            self.number += 1
        days = submitted if submitted is not None else 3
        p = Proposal.objects.create(
            session=self.session,
            school_id=self.session.school_id,
            union_id=self.session.union_id,
            number=self.number if submitted is not None else None,
            state=state,
            lead_id=lead,
            title=title or topic.title,
            category=topic.category,
            background=topic.background,
            analysis="同学反映集中，问卷调查中超过六成同学支持。",
            suggestion=topic.suggestion,
            submitted_at=self.back(days) if submitted is not None else None,
            created_at=self.back(days + 3),
            **fields,
        )
        self.event(p, "written", lead, self.back(days + 3))
        for user, status in signers:
            confirmed = status == SignerStatus.CONFIRMED
            ProposalSigner.objects.create(
                proposal=p,
                school_id=p.school_id,
                user_id=user,
                status=status,
                invited_at=self.back(days + 2),
                responded_at=self.back(days + 1) if confirmed else None,
            )
            self.event(p, "invited", lead, self.back(days + 2), self.label(user))
            if confirmed:
                self.event(p, "cosigned", user, self.back(days + 1))
        if submitted is not None:
            self.event(p, "submitted", lead, self.back(submitted))
        self.written.append(p)
        return p

    def accepted(self, p: Proposal, office: int, days: int, co: list[int] | None = None) -> None:
        text = f"立案，交{self.office_names.get(office, '')}办理。"
        self.event(p, "accepted", self.advisor, self.back(days, 15), text)
        if co:
            p.co_offices.set(co)

    def clock(
        self,
        p: Proposal,
        started: datetime.datetime,
        due: datetime.datetime,
        stopped: datetime.datetime | None,
        *,
        level: int = 0,
        workdays: int | None = None,
    ) -> None:
        ProposalClock.objects.create(
            proposal=p,
            school_id=p.school_id,
            kind=WORKDAYS_CLOCK if workdays else MONTH_END_CLOCK,
            started_at=started,
            due_at=due,
            stopped_at=stopped,
            escalation_level=level,
            workdays=workdays,
        )

    def rating(
        self, p: Proposal, user: int, rating: str, at: datetime.datetime, **fields: Any
    ) -> None:
        ProposalRating.objects.create(
            proposal=p, school_id=p.school_id, user_id=user, rating=rating, created_at=at, **fields
        )

    def decided(self, days: int, **fields: Any) -> dict[str, Any]:
        return {"decided_at": self.back(days, 15), "decided_by_id": self.advisor, **fields}

    def referred(self, days: int, office: int, **fields: Any) -> dict[str, Any]:
        at = self.back(days, 15)
        fields.setdefault("deadline_kind", DeadlineKind.SIMPLE)
        return self.decided(days, lead_office_id=office, referred_at=at, **fields)


def _walk_for(
    session: Session, logins: list[Any], facts: SchoolFacts, now: datetime.datetime
) -> Walk | None:
    """The walk's people and offices, its committee and open collection window; None when
    the school lacks them."""
    delegates = _delegates(session)
    student = _login_user(logins, Role.STUDENT)
    if student in delegates:
        delegates.remove(student)
        delegates.insert(0, student)
    # A small generated province has fewer delegates than the walk's parts: the school's
    # other students stand in (the demo's 20,000 students never need them).
    delegates += [u for u in facts.students if u not in delegates][: max(13 - len(delegates), 0)]
    offices = [facts.offices.get(k) for k in (OfficeKind.LOGISTICS, OfficeKind.ACADEMIC)]
    offices.append(facts.offices.get(OfficeKind.STUDENT_AFFAIRS))
    logistics, academic, affairs = offices
    if len(delegates) < 13 or facts.advisor is None or not (logistics and academic and affairs):
        return None
    handler = _login_user(logins, Role.OFFICE_HANDLER)
    people = [*delegates, facts.advisor, handler or 0]
    w = Walk(
        session=session,
        now=now,
        d=delegates,
        advisor=facts.advisor,
        handler=handler,
        logistics=logistics,
        academic=academic,
        affairs=affairs,
        office_names=facts.office_names,
        names=dict(User.objects.filter(pk__in=people).values_list("pk", "real_name")),
        number=Proposal.objects.filter(session=session).aggregate(n=Max("number"))["n"] or 0,
    )
    today = now.date()
    ProposalWindow.objects.get_or_create(
        session=session,
        defaults={
            "school_id": session.school_id,
            "union_id": session.union_id,
            "opens_on": today - datetime.timedelta(days=70),
            "closes_on": today + datetime.timedelta(days=14),
            "set_by_id": w.advisor,
        },
    )
    committee, _new = Committee.objects.get_or_create(
        session=session, defaults={"school_id": session.school_id, "chair_id": w.advisor}
    )
    members = [(handler, logistics)] if handler else []
    for user, office in [*members, (delegates[10], None), (delegates[11], None)]:
        CommitteeMember.objects.get_or_create(
            committee=committee,
            user_id=user,
            defaults={"school_id": session.school_id, "office_id": office},
        )
    return w


OK = SignerStatus.CONFIRMED
INVITED = SignerStatus.INVITED
BY_OFFICE = {topic.office: topic for topic in TOPICS}


def _walk_undecided(w: Walk) -> None:
    d = w.d
    # A draft led by the printed student: one co-signer confirmed, two invited.
    w.write(
        P.DRAFT,
        d[0],
        BY_OFFICE[OfficeKind.LIBRARY],
        submitted=None,
        signers=[(d[1], OK), (d[2], INVITED), (d[3], INVITED)],
    )
    # A draft inviting the printed student.
    w.write(
        P.DRAFT,
        d[4],
        BY_OFFICE[OfficeKind.IT],
        submitted=None,
        signers=[(d[0], INVITED), (d[5], OK)],
    )
    # Submitted, waiting for the committee.
    w.write(
        P.SUBMITTED,
        d[2],
        BY_OFFICE[OfficeKind.CLINIC],
        submitted=4,
        signers=[(d[0], OK), (d[6], OK)],
    )
    # Withdrawn by its lead after submitting.
    p = w.write(P.WITHDRAWN, d[8], TOPICS[4], submitted=10, signers=[(d[4], OK), (d[6], OK)])
    w.event(p, "withdrawn", d[8], w.back(9), "与已立案提案重复，撤回。")


def _walk_owed(w: Walk) -> Proposal:
    """Accepted and handed back; referred (to the demo handler's office); overdue."""
    d = w.d
    p = w.write(
        P.ACCEPTED,
        d[3],
        BY_OFFICE[OfficeKind.STUDENT_AFFAIRS],
        submitted=30,
        signers=[(d[1], OK), (d[7], OK)],
        **w.decided(25, deadline_kind=DeadlineKind.SIMPLE),
    )
    w.accepted(p, w.academic, 25)
    w.event(p, "handed_back", None, w.back(23), "本事项由学生工作处负责，请改交。", w.academic)
    at = w.back(6, 15)
    due = month_end_after(at, 1)
    target = w.write(
        P.REFERRED,
        d[5],
        TOPICS[2],
        submitted=12,
        signers=[(d[6], OK), (d[8], OK)],
        **w.referred(6, w.logistics, deadline_kind=DeadlineKind.COMPLEX, reply_due_at=due),
    )
    w.accepted(target, w.logistics, 6, co=[w.affairs])
    w.clock(target, at, due, None)
    ProposalInput.objects.create(
        proposal=target,
        school_id=target.school_id,
        office_id=w.affairs,
        author_id=w.advisor,
        text="学生工作处配合调研宿舍区需求。",
    )
    # Overdue: the office was reminded, then the advisor.
    at, due = w.back(40, 15), w.back(8, 23)
    p = w.write(
        P.REFERRED,
        d[7],
        BY_OFFICE[OfficeKind.SECURITY],
        submitted=45,
        signers=[(d[1], OK), (d[9], OK)],
        **w.referred(
            40,
            w.logistics,
            deadline_kind=DeadlineKind.WORKDAYS,
            deadline_workdays=20,
            reply_due_at=due,
            escalation_level=3,
        ),
    )
    w.accepted(p, w.logistics, 40)
    w.clock(p, at, due, None, level=3, workdays=20)
    return target


def _walk_replied(w: Walk) -> None:
    """Progressing (B); replied (A, the printed student's to rate); further."""
    d = w.d
    at, replied = w.back(50, 15), w.back(30)
    p = w.write(
        P.PROGRESSING,
        d[8],
        BY_OFFICE[OfficeKind.ACADEMIC],
        submitted=55,
        signers=[(d[2], OK), (d[9], OK)],
        **w.referred(
            50,
            w.academic,
            result_class="B",
            answered_at=replied,
            handled_at=replied,
            answer="正在协调各学院扩班，下学期选课前完成。",
        ),
    )
    w.accepted(p, w.academic, 50, co=[w.logistics])
    w.clock(p, at, month_end_after(at, 0), replied)
    w.event(p, "replied", None, replied, p.answer, w.academic)
    w.event(p, "progressed", None, w.back(10), "已确定扩班课程 12 门。", w.academic)
    ProposalInput.objects.create(
        proposal=p,
        school_id=p.school_id,
        office_id=w.logistics,
        author_id=w.handler or w.advisor,
        text="后勤处可协调增加晚间教室。",
    )
    at, replied = w.back(35, 15), w.back(5)
    p = w.write(
        P.REPLIED,
        d[0],
        TOPICS[1],
        submitted=38,
        signers=[(d[3], OK), (d[10], OK)],
        **w.referred(
            35,
            w.logistics,
            result_class="A",
            answer=TOPICS[1].answer,
            answered_at=replied,
            handled_at=replied,
        ),
    )
    w.accepted(p, w.logistics, 35)
    w.clock(p, at, month_end_after(at, 0), replied)
    w.event(p, "replied", w.handler, replied, p.answer, w.logistics)
    # Further: the lead's first 不满意 owes a further reply with a new deadline.
    at, replied, rated = w.back(60, 15), w.back(30), w.back(20)
    due = month_end_after(rated, 1)
    p = w.write(
        P.FURTHER,
        d[9],
        TOPICS[3],
        submitted=62,
        signers=[(d[4], OK), (d[11], OK)],
        **w.referred(
            60,
            w.academic,
            result_class="C",
            answer="受师资所限，暂不能扩班。",
            answered_at=replied,
            handled_at=replied,
            rating=Rating.DISSATISFIED,
            rating_reason="可增开线上班。",
            dissatisfied_count=1,
            reply_due_at=due,
        ),
    )
    w.accepted(p, w.academic, 60)
    w.clock(p, at, month_end_after(at, 0), replied)
    w.clock(p, rated, due, None)
    w.event(p, "replied", None, replied, p.answer, w.academic)
    w.rating(p, d[9], Rating.DISSATISFIED, rated, is_lead=True, reason="可增开线上班。")
    w.event(p, "rated", d[9], rated, "不满意：可增开线上班。")


def _walk_done(w: Walk) -> None:
    """Done (A, satisfied, co-rated by the printed student); done after a further reply."""
    d = w.d
    at, replied, rated = w.back(65, 15), w.back(40), w.back(33)
    p = w.write(
        P.DONE,
        d[1],
        TOPICS[8],
        submitted=68,
        signers=[(d[0], OK), (d[12], OK)],
        **w.referred(
            65,
            w.logistics,
            result_class="A",
            answer=TOPICS[8].answer,
            answered_at=replied,
            handled_at=replied,
            rating=Rating.SATISFIED,
            done_at=rated,
        ),
    )
    w.accepted(p, w.logistics, 65, co=[w.affairs])
    w.clock(p, at, month_end_after(at, 0), replied)
    w.event(p, "replied", w.handler, replied, p.answer, w.logistics)
    w.rating(p, d[1], Rating.SATISFIED, rated, is_lead=True)
    w.event(p, "rated", d[1], rated, "满意。")
    w.rating(p, d[0], Rating.BASICALLY, rated + DAY)
    w.event(p, "co_rated", d[0], rated + DAY, "基本满意。")
    replied, again, final = w.back(60), w.back(45), w.back(38)
    p = w.write(
        P.DONE,
        d[6],
        BY_OFFICE[OfficeKind.CLINIC],
        submitted=85,
        signers=[(d[2], OK), (d[5], OK)],
        title="关于校医院夜间值班医生配备的建议",
        **w.referred(
            80,
            w.affairs,
            result_class="D",
            answer="已转校医院研究，留作参考。",
            answered_at=again,
            handled_at=replied,
            rating=Rating.DISSATISFIED,
            dissatisfied_count=2,
            done_at=final,
        ),
    )
    w.accepted(p, w.affairs, 80)
    w.event(p, "replied", None, replied, "正在与校医院协商。", w.affairs)
    w.event(p, "rated", d[6], w.back(55), "不满意：没有具体措施。")
    w.event(p, "replied", None, again, p.answer, w.affairs)
    w.event(p, "rated", d[6], final, "不满意。")
    for round_, day in ((0, w.back(55)), (1, final)):
        w.rating(p, d[6], Rating.DISSATISFIED, day, is_lead=True, round=round_)


def _walk_refused(w: Walk, target: Proposal) -> None:
    """Not accepted (a personal matter; one forwarded to the logistics office); merged."""
    d = w.d
    ground = NotAcceptedGround.PERSONAL
    p = w.write(
        P.NOT_ACCEPTED,
        d[10],
        BY_OFFICE[OfficeKind.STUDENT_AFFAIRS],
        submitted=20,
        signers=[(d[3], OK), (d[4], OK)],
        title="关于为本人调换宿舍的建议",
        **w.decided(15, ground=ground, decision_note=GROUND_NOTES[ground]),
    )
    w.event(p, "refused", w.advisor, w.back(15, 15), p.decision_note)
    ground = NotAcceptedGround.IN_HAND
    p = w.write(
        P.NOT_ACCEPTED,
        d[11],
        BY_OFFICE[OfficeKind.LOGISTICS],
        submitted=22,
        signers=[(d[1], OK), (d[7], OK)],
        title="关于宿舍楼加装空调的建议",
        **w.decided(
            15, ground=ground, decision_note=GROUND_NOTES[ground], forwarded_to_id=w.logistics
        ),
    )
    w.event(p, "refused", w.advisor, w.back(15, 15), p.decision_note + "已转后勤处参考。")
    # Merged: its lead and co-signer become co-proposers of the target.
    p = w.write(
        P.MERGED,
        d[3],
        TOPICS[2],
        submitted=14,
        signers=[(d[9], OK), (d[2], OK)],
        title="关于冬季宿舍热水全天供应的建议",
        **w.decided(6, merged_into=target),
    )
    w.event(p, "merged", w.advisor, w.back(6, 15), f"并入第 {target.number} 号提案。")
    for user in (d[3], d[9]):
        ProposalSigner.objects.get_or_create(
            proposal=target,
            user_id=user,
            defaults={
                "school_id": target.school_id,
                "role": SignerRole.CO_PROPOSER,
                "status": OK,
                "from_proposal": p,
                "invited_at": w.back(6, 15),
                "responded_at": w.back(6, 15),
            },
        )


def _walk_first_school(
    session: Session, logins: list[Any], facts: SchoolFacts, now: datetime.datetime
) -> tuple[int, int]:
    """Every state in YS001's session; returns (collected, handled) written."""
    w = _walk_for(session, logins, facts, now)
    if w is None:
        return 0, 0
    _walk_undecided(w)
    target = _walk_owed(w)
    _walk_replied(w)
    _walk_done(w)
    _walk_refused(w, target)
    collected = sum(1 for x in w.written if x.state not in (P.DRAFT, P.WITHDRAWN))
    handled = sum(1 for x in w.written if x.handled_at is not None)
    return collected, handled


# ---------------------------------------------------------------- the province


def write_proposals(written: Any, day: Any, logins: list[Any]) -> dict[str, int]:
    """YS001's session walked state by state, every other last held session in bulk, the
    first school's city at 463 collected / 259 handled in the year of YS001's session."""
    province: Node = written.province
    now = day.now()
    rng = random.Random(20261207)
    sessions = _last_held_sessions(province)
    if not sessions:
        return {"proposals": 0}
    first = (
        Node.objects.filter(kind=NodeKind.SCHOOL, path__startswith=province.path)
        .order_by("code")
        .first()
    )
    assert first is not None
    facts = _facts(province, {s.school_id for s in sessions})
    detailed = next(
        (
            s
            for s in sessions
            if s.school_id == first.pk and s.union.kind == NodeKind.SCHOOL_UNION and _delegates(s)
        ),
        None,
    )
    walked = (0, 0)
    if detailed is not None:
        walked = _walk_first_school(detailed, logins, facts[first.pk], now)
    year = detailed.held_start.year if detailed and detailed.held_start else now.year
    city_path = Node.objects.get(pk=first.city_pk).path if first.city_pk else None
    in_city = [
        s
        for s in sessions
        if s is not detailed
        and city_path
        and s.school.path.startswith(city_path)
        and s.held_start
        and s.held_start.year == year
    ]
    plans = _city_plans(in_city, walked, now, rng)
    others = [s for s in sessions if s is not detailed and s not in in_city]
    for s in others:
        assert s.held_start is not None
        collected = rng.randint(12, 45)
        old = (now.date() - s.held_start).days >= 30
        handled = round(collected * rng.uniform(0.35, 0.7)) if old else 0
        plans.append(Plan(s, collected, handled))
    names = dict(
        User.objects.filter(
            pk__in={u for f in facts.values() for u in [*f.students, f.advisor or 0]}
        ).values_list("pk", "real_name")
    )
    numbers = dict(
        Proposal.objects.filter(session__in=[p.session for p in plans])
        .values("session_id")
        .annotate(n=Max("number"))
        .values_list("session_id", "n")
    )
    out = Bulk()
    for plan in plans:
        first_number = (numbers.get(plan.session.pk) or 0) + 1
        _bulk_session(plan, facts[plan.session.school_id], names, now, rng, out, first_number)
    _write_bulk(out)
    _committees_and_windows(plans, facts, now)
    walked_rows = Proposal.objects.filter(session=detailed).count() if detailed else 0
    return {"proposals": len(out.proposals) + walked_rows}


def _city_plans(
    sessions: list[Session], walked: tuple[int, int], now: datetime.datetime, rng: random.Random
) -> list[Plan]:
    """The city's bulk: 463 collected and 259 handled with YS001's walked ones counted;
    handled only in sessions held a month ago or more."""
    if not sessions:
        return []
    collected = max(CITY_COLLECTED - walked[0], 0)
    handled = max(CITY_HANDLED - walked[1], 0)
    counts = split(collected, [rng.uniform(0.6, 1.4) for _ in sessions])
    eligible = [
        c if s.held_start and (now.date() - s.held_start).days >= 30 else 0
        for s, c in zip(sessions, counts, strict=True)
    ]
    if not any(eligible):
        eligible = list(counts)
    shares = split(handled, [float(e) for e in eligible])
    # A session cannot handle more than it collected: move the surplus on.
    surplus = 0
    for i, count in enumerate(counts):
        shares[i] += surplus
        surplus = max(shares[i] - count * 9 // 10, 0)
        shares[i] -= surplus
    for i, count in enumerate(counts):
        if surplus <= 0:
            break
        room = count - shares[i]
        moved = min(room, surplus)
        shares[i] += moved
        surplus -= moved
    return [Plan(s, c, h) for s, c, h in zip(sessions, counts, shares, strict=True)]


__all__ = ["CITY_COLLECTED", "CITY_HANDLED", "write_proposals"]
