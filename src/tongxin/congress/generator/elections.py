"""The elections (选举) in a generated province (the demo's 演示省, the bench's).

    YS001's school union session (the delegates' one) ──► its presidium election, published:
        candidates decided "for election" on the selection path — the union's current
        presidium (president, vice presidents: staff's memberships) and one student more;
        round 1 electronic: the delegates checked in (the printed student among them, and
        among those who voted), counted by the rules (election_common.decide_round) ──►
        the presidium elected ──► published; their candidacies go on: elected ──► notice
        ──► appointed (the memberships they hold); the other one: not elected
    the next school with a school-union session ──► a paper-mode round: delegates (a
        confirmed list), ballots issued, two tellers' equal entries (count_entry_save)
        ──► counted, the election done (待公布)

Deterministic: people are taken in number order, figures follow from the delegates' count.
Rows are written through the ORM as set-up (the round's steps are the conductors'); the
count itself goes through the services that decide it, so the tallies, outcomes and audit
events are exactly what the real path writes.
"""

import datetime
from typing import Any

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Position, Role, User
from tongxin.orgs.models import Node, NodeKind
from tongxin.selection.models import Candidacy, CandidacyEvent
from tongxin.staff.eligibility import eligibility_of
from tongxin.workdays.calendar import local_zone

from ..election_models import (
    Attendance,
    AttendanceMethod,
    Election,
    ElectionCandidate,
    ElectionMode,
    ElectionState,
    Round,
    RoundKind,
    RoundState,
    Scrutineer,
    VoterRegister,
)
from ..models import Delegate, DelegateList, DelegateListState, Session, SessionState
from ..services.election_common import decide_round, new_round, record_election
from ..services.election_paper import PaperCount, count_entry_save

HELD = (SessionState.HELD, SessionState.REPORTED, SessionState.CLOSED)
# The selection path's states and timeline steps of the election branch (selection's
# State.FOR_ELECTION / ELECTED / NOT_ELECTED and Step.STOOD / ELECTED / NOT_ELECTED).
FOR_ELECTION, ELECTED, NOT_ELECTED = "for_election", "elected", "not_elected"
PATH_BEFORE = ("recommended", "consented", "reviewed", "decided", "stood")
PATH_ELECTED = ("elected", "published", "notice_ended", "appointed")
TEXTS = {
    "recommended": "该生政治立场坚定，学习成绩优良，热心服务同学，推荐为主席团成员候选人。",
    "consented": "经学院党组织研究，同意推荐。",
    "reviewed": "经学生工作部门与校团委联合审查，该生政治面貌、学业成绩、品行和能力均符合要求。",
    "decided": "经校党委研究，同意该同志作为校学生会主席团成员候选人，提交学生代表大会选举。",
    "stood": "提交学生代表大会差额选举。",
    "elected": "学生代表大会选举当选。",
    "not_elected": "学生代表大会选举未当选。",
    "published": "当选结果公示。",
    "notice_ended": "公示期满，无异议。",
    "appointed": "任命。",
}
DAY = datetime.timedelta(days=1)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=local_zone())


def _union(school: Node) -> Node | None:
    return Node.objects.filter(school_id=school.pk, kind=NodeKind.SCHOOL_UNION).first()


def _session_with_delegates(union: Node) -> Session | None:
    return (
        Session.objects.filter(
            union=union, state__in=HELD, delegates__state=DelegateListState.CONFIRMED
        )
        .order_by("-number", "-pk")
        .first()
    )


def _delegates(session: Session) -> list[User]:
    rows = Delegate.objects.filter(
        delegate_list__session_id=session.pk, delegate_list__state=DelegateListState.CONFIRMED
    )
    return [d.user for d in rows.select_related("user").order_by("user__number")]


def _person(school: Node, role: str, node: Node | None = None) -> User | None:
    rows = Membership.objects.active().filter(school=school, role=role)
    if node is not None:
        rows = rows.filter(node=node)
    found = rows.select_related("user").order_by("pk").first()
    return found.user if found else None


def _plain_students(school: Node, spared: set[int], count: int, eligible: bool) -> list[User]:
    """Students of the school who hold no office, in number order, not in `spared`."""
    officers = Membership.objects.filter(school=school, role=Role.OFFICER).values("user_id")
    rows = (
        User.objects.filter(school=school, college__isnull=False, enrolment_year__isnull=False)
        .exclude(pk__in=officers)
        .exclude(pk__in=spared)
        .order_by("number")
    )
    found = []
    for user in rows.iterator(chunk_size=200):
        if not eligible or eligibility_of(user).meets:
            found.append(user)
            if len(found) == count:
                break
    return found


# ---------------------------------------------------------------- figures


def figures(present: int, seats: int, elected: int, losers: int) -> list[tuple[int, int, int]]:
    """(赞成, 不赞成, 弃权) per candidate — the `elected` first, over the line (more than
    half of those present), the `losers` below — for `present` ballots cast, one of them
    blank (all 弃权) when more than five voted; no valid ballot carries more 赞成 than seats."""
    blank = 1 if present > 5 else 0
    valid = present - blank
    room = valid * seats
    yes = [max(present // 2 + 1, valid - 1 - i) for i in range(elected)]
    room -= sum(yes)
    for i in range(losers):
        n = max(min(present // 3 - i, room, present // 2), 0)
        yes.append(n)
        room -= n
    out = []
    for n in yes:
        rest = present - n
        abstain = blank + (rest - blank) // 3
        out.append((n, rest - abstain, abstain))
    return out


# ---------------------------------------------------------------- the selection path


def _candidacy(
    user: User,
    union: Node,
    position: str,
    state: str,
    steps: tuple[str, ...],
    ends: datetime.datetime,
    actors: dict[str, User],
    membership: Membership | None = None,
) -> Candidacy:
    """A candidacy walked to `state`, its timeline's steps a working week apart, ending at
    `ends` (set-up through the ORM: the steps' own services are selection's)."""
    first = ends - DAY * 3 * (len(steps) - 1)
    assert union.school_id is not None and user.college_id is not None
    candidacy = Candidacy.objects.create(
        school_id=union.school_id,
        college_id=user.college_id,
        union=union,
        candidate=user,
        position=position,
        state=state,
        recommended_by=actors["recommended"],
        recommendation=TEXTS["recommended"],
        membership=membership,
        created_at=first,
        closed_at=ends if state in (NOT_ELECTED, "appointed") else None,
    )
    if "published" in steps and "notice_ended" in steps:
        Candidacy.objects.filter(pk=candidacy.pk).update(
            notice_workdays=5,
            notice_started_at=first + DAY * 3 * steps.index("published"),
            notice_ends_at=first + DAY * 3 * steps.index("notice_ended"),
        )
    CandidacyEvent.objects.bulk_create(
        CandidacyEvent(
            candidacy=candidacy,
            school_id=candidacy.school_id,
            kind=step,
            actor=actors.get(step, actors["advisor"]),
            actor_label=(actors.get(step, actors["advisor"]).real_name or "")[:60],
            text=TEXTS[step],
            created_at=first + DAY * 3 * n,
        )
        for n, step in enumerate(steps)
    )
    return candidacy


def _actors(school: Node, user: User) -> dict[str, User] | None:
    advisor = _person(school, Role.ADVISOR)
    if advisor is None:
        return None
    college = Node.objects.filter(pk=user.college_id or 0).first()
    secretary = _person(school, Role.COLLEGE_SECRETARY, college) if college else None
    return {
        "advisor": advisor,
        "recommended": secretary or advisor,
        "consented": secretary or advisor,
    }


# ---------------------------------------------------------------- an election


def _election(
    session: Session, advisor: User, seats: int, mode: str, held: datetime.date
) -> Election:
    election = Election.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        seats=seats,
        mode=mode,
        state=ElectionState.RUNNING,
        created_by=advisor,
        created_at=_at(held - DAY * 7, 10),
    )
    record_election(advisor, election, kind="created", data={"mode": mode, "election_seats": seats})
    return election


def _stand(election: Election, people: list[tuple[User, Candidacy | None]]) -> list[Any]:
    return [
        ElectionCandidate.objects.create(
            election=election, school_id=election.school_id, user=u, candidacy=c, order=i
        )
        for i, (u, c) in enumerate(people)
    ]


def _scrutineers(election: Election, users: list[User]) -> None:
    Scrutineer.objects.bulk_create(
        Scrutineer(election=election, school_id=election.school_id, user=u, is_chief=i == 0)
        for i, u in enumerate(users)
    )


def _attend(round_: Round, present: list[User], held: datetime.date, teller: User) -> None:
    Attendance.objects.bulk_create(
        Attendance(
            round=round_,
            school_id=round_.school_id,
            user=u,
            method=AttendanceMethod.CODE if i % 5 else AttendanceMethod.TELLER,
            ticked_by=None if i % 5 else teller,
            checked_in_at=_at(held, 9, i % 20),
        )
        for i, u in enumerate(present)
    )


def _snapshot(round_: Round, due: int, present: int, held: datetime.date, **more: Any) -> None:
    Round.objects.filter(pk=round_.pk).update(
        due_count=due,
        present_count=present,
        ballots_issued=present,
        checkin_at=_at(held, 9),
        opened_at=_at(held, 9, 25),
        closed_at=_at(held, 9, 55),
        **more,
    )
    round_.refresh_from_db()


def _present(delegates: list[User], keep: set[int]) -> list[User]:
    """About one delegate in twenty away (never one of `keep`), while more than 2/3 stay."""
    due = len(delegates)
    away: set[int] = set()
    for user in reversed(delegates):
        if len(away) >= max(1, due // 20) or (due - len(away) - 1) * 3 <= due * 2:
            break
        if user.pk not in keep:
            away.add(user.pk)
    return [u for u in delegates if u.pk not in away]


def _tally(round_: Round, candidates: list[ElectionCandidate], present: int, elected: int) -> int:
    """Write the tallies; returns the blank ballots."""
    rows = figures(present, round_.seats, elected, len(candidates) - elected)
    for candidate, (yes, no, abstain) in zip(candidates, rows, strict=True):
        round_.tallies.filter(candidate=candidate).update(yes=yes, no=no, abstain=abstain)
    return 1 if present > 5 else 0


def _publish(election: Election, advisor: User, at: datetime.datetime) -> None:
    election.refresh_from_db()
    if election.state != ElectionState.DONE:
        return
    Election.objects.filter(pk=election.pk).update(
        state=ElectionState.PUBLISHED, published_at=at, version=election.version + 1
    )
    election.refresh_from_db()
    record_election(advisor, election, kind="published")
    elected = election.candidates.filter(outcome="elected").select_related("user")
    text = "、".join(c.user.real_name for c in elected)
    results = f"{election.title}选举（应选 {election.seats} 名）：{text}当选。"
    Session.objects.filter(pk=election.session_id).update(election_results=results)


def _printed(school: Node, logins: list[Any], role: str) -> User | None:
    number = next(
        (x.login for x in logins if x.role == role and x.school_code == school.code), None
    )
    return User.objects.filter(school=school, number=number).first() if number else None


PRESIDIUM_ORDER: dict[str, int] = {Position.PRESIDENT: 0, Position.EXECUTIVE_PRESIDENT: 1}


def _presidium(union: Node) -> list[Membership]:
    """The union's current presidium (president first), memberships no candidacy holds yet."""
    linked = Candidacy.objects.filter(membership__isnull=False).values("membership_id")
    rows = (
        Membership.objects.active()
        .filter(node=union, role=Role.OFFICER, position__in=PRESIDIUM_POSITIONS)
        .exclude(pk__in=linked)
        .select_related("user")
    )
    return sorted(rows, key=lambda m: (PRESIDIUM_ORDER.get(m.position, 2), m.user.number))


def _walk_candidacies(
    school: Node,
    union: Node,
    advisor: User,
    presidium: list[Membership],
    losers: list[User],
    held: datetime.date,
) -> list[tuple[User, Candidacy | None]]:
    """The presidium's candidacies elected at the session (10:30 on its day) and appointed
    to the memberships they hold; the others' not elected."""
    walked: list[tuple[User, Candidacy | None]] = []
    elected: tuple[str, ...] = (*PATH_BEFORE, *PATH_ELECTED)
    # Steps three days apart: "elected" (the sixth) falls on the day of the session.
    appointed = _at(held + DAY * 3 * (len(elected) - 1 - elected.index("elected")), 10, 30)
    for m in presidium:
        actors = _actors(school, m.user) or {"advisor": advisor, "recommended": advisor}
        walked.append(
            (
                m.user,
                _candidacy(m.user, union, m.position, "appointed", elected, appointed, actors, m),
            )
        )
    for user in losers:
        actors = _actors(school, user) or {"advisor": advisor, "recommended": advisor}
        steps = (*PATH_BEFORE, NOT_ELECTED)
        candidacy = _candidacy(
            user, union, Position.VICE_PRESIDENT, NOT_ELECTED, steps, _at(held, 10, 30), actors
        )
        walked.append((user, candidacy))
    return walked


def _vote_electronic(
    election: Election,
    standing: list[ElectionCandidate],
    delegates: list[User],
    keep: set[int],
    held: datetime.date,
) -> Round:
    """Round 1: the delegates present checked in and voted; counted by decide_round."""
    round_ = new_round(election, kind=RoundKind.FIRST, seats=election.seats, candidates=standing)
    present = _present(delegates, keep)
    teller = election.scrutineers.filter(is_chief=False).select_related("user").first()
    _attend(round_, present, held, teller.user if teller else election.created_by)
    VoterRegister.objects.bulk_create(
        VoterRegister(round=round_, school_id=round_.school_id, user=u)
        for u in sorted(present, key=lambda u: u.pk * 7919 % 104729)  # no voting order
    )
    blank = _tally(round_, standing, len(present), election.seats)
    _snapshot(
        round_,
        len(delegates),
        len(present),
        held,
        state=RoundState.CLOSED,
        ballots_cast=len(present),
        blank_ballots=blank,
    )
    decide_round(round_, now=_at(held, 10, 5))
    return round_


def first_school_election(school: Node, today: datetime.date, logins: list[Any]) -> int:
    """YS001's presidium election, published, its winners the union's current presidium."""
    union = _union(school)
    session = _session_with_delegates(union) if union else None
    advisor = _person(school, Role.ADVISOR)
    if union is None or session is None or advisor is None:
        return 0
    presidium = _presidium(union)
    delegates = _delegates(session)
    student = _printed(school, logins, Role.STUDENT)
    printed = User.objects.filter(school=school, number__in=[x.login for x in logins])
    winners = [m.user for m in presidium]
    spared = {u.pk for u in [*winners, *delegates, *printed]}
    losers = _plain_students(school, spared, 1, eligible=True)
    people = {u.pk for u in [*winners, *losers]}
    tellers = [u for u in delegates if u.pk not in people and u != student][:2]
    if not presidium or not losers or len(tellers) < 2:
        return 0
    held = session.held_start or today - DAY * 3
    walked = _walk_candidacies(school, union, advisor, presidium, losers, held)
    election = _election(session, advisor, len(presidium), ElectionMode.ELECTRONIC, held)
    standing = _stand(election, walked)
    _scrutineers(election, tellers)
    record_election(advisor, election, kind="started")
    keep = {u.pk for u in tellers} | ({student.pk} if student else set())
    _vote_electronic(election, standing, delegates, keep, held)
    _publish(election, advisor, _at(held, 16))
    return 1


def _paper_session(province: Node, first: Node) -> Session | None:
    """The latest held session of the next school's union (by code) after the first."""
    return (
        Session.objects.filter(
            school__path__startswith=province.path,
            union__kind=NodeKind.SCHOOL_UNION,
            state__in=HELD,
        )
        .exclude(school=first)
        .select_related("school", "union")
        .order_by("school__code", "-number")
        .first()
    )


def _paper_delegates(
    session: Session, count: int, held: datetime.date, spared: set[int]
) -> list[User]:
    if not DelegateList.objects.filter(session=session).exists():
        dl = DelegateList.objects.create(
            session=session,
            school_id=session.school_id,
            union=session.union,
            state=DelegateListState.CONFIRMED,
            confirmed_at=_at(held - DAY * 10, 10),
            term_start=held,
            term_end=held + DAY * 364,
        )
        Delegate.objects.bulk_create(
            Delegate(delegate_list=dl, school_id=session.school_id, user=u, unit_id=u.college_id)
            for u in _plain_students(session.school, spared, count, eligible=False)
            if u.college_id is not None
        )
    return _delegates(session)


def paper_election(province: Node, first: Node, delegates_wanted: int = 15) -> int:
    """A paper-mode round in another school, counted from two tellers' equal entries."""
    session = _paper_session(province, first)
    advisor = _person(session.school, Role.ADVISOR) if session else None
    if session is None or advisor is None:
        return 0
    held = session.held_start or session.created_at.date()
    existing = {u.pk for u in _delegates(session)}
    standing_users = _plain_students(session.school, existing, 3, eligible=True)
    spared = {u.pk for u in standing_users}
    delegates = _paper_delegates(session, delegates_wanted, held, spared)
    if len(delegates) < 6 or len(standing_users) < 3:
        return 0
    people: list[tuple[User, Candidacy | None]] = []
    for user in standing_users:
        actors = _actors(session.school, user) or {"advisor": advisor, "recommended": advisor}
        c = _candidacy(
            user,
            session.union,
            Position.VICE_PRESIDENT,
            FOR_ELECTION,
            PATH_BEFORE,
            _at(held - DAY * 2, 10),
            actors,
        )
        people.append((user, c))
    election = _election(session, advisor, 2, ElectionMode.PAPER, held)
    standing = _stand(election, people)
    chief, teller = delegates[:2]
    _scrutineers(election, [chief, teller])
    record_election(advisor, election, kind="started")
    round_ = new_round(election, kind=RoundKind.FIRST, seats=2, candidates=standing)
    present = _present(delegates, {chief.pk, teller.pk})
    _attend(round_, present, held, teller)
    _snapshot(round_, len(delegates), len(present), held, state=RoundState.CLOSED)
    rows = figures(len(present), 2, 2, 1)
    blank = 1 if len(present) > 5 else 0
    entry = PaperCount(
        ballots_returned=len(present),
        blank=blank,
        # Paper tellers count blank ballots apart, not as 弃权 on every candidate.
        counts={c.pk: (y, n, a - blank) for c, (y, n, a) in zip(standing, rows, strict=True)},
    )
    for who in (chief, teller):
        count_entry_save(actor=who, round_=round_, entry=entry)
    round_.teller_entries.update(entered_at=_at(held, 10, 30))
    Round.objects.filter(pk=round_.pk).update(counted_at=_at(held, 10, 40))
    return 1


def write_elections(written: Any, day: Any, logins: list[Any]) -> dict[str, int]:
    """YS001's published presidium election and a paper round in the next school."""
    province: Node = written.province
    first = (
        Node.objects.filter(kind=NodeKind.SCHOOL, path__startswith=province.path)
        .order_by("code")
        .first()
    )
    if first is None:
        return {"elections": 0}
    made = first_school_election(first, day.today, logins)
    made += paper_election(province, first)
    return {"elections": made}


__all__ = ["figures", "write_elections"]
