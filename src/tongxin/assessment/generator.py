"""Semester assessment (述职评议) for the demo.

    every school union ──► the latest finished term's round, published: the officers who
                           served then, their reports, ratings from league teachers,
                           student representatives and fellow officers, scores and levels
                           computed by the assessment app's own scoring
    the first school ──► this term's round, open (through the service, at the build's
                         moment): reports and ratings still to come, the printed student
                         among the raters, its scoring clock running (reminders work)

Published rounds are written in bulk, dated inside their term; the scores are the
scoring module's, from the ratings written. Officers rate well on the whole (most are
合格 or 优秀, a few 基本合格). Draws come from a stream of their own.
"""

import datetime
import random
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from unittest import mock

from django.utils import timezone

from tongxin.accounts.models import Membership, Role, User
from tongxin.assessment import selectors as assessment
from tongxin.assessment.machine import ROUND
from tongxin.assessment.models import (
    Dimension,
    RatedOfficer,
    Rater,
    RaterGroup,
    Rating,
    Round,
)
from tongxin.assessment.scoring import RatingRow, score_officer
from tongxin.assessment.services.rounds import RaterChoice, round_open
from tongxin.assessment.terms import current_term
from tongxin.orgs.models import Node, NodeKind
from tongxin.staff.generator import AcademicTerm, at_hour, latest_finished_term
from tongxin.workflow.generation.province import BATCH, ProvincePlan, Written
from tongxin.workflow.generation.rows import insert_rows, moment

TEACHERS = 2
DELEGATES = 4
PEERS = 4
REPORT = (
    "本学期我在{place}工作，牵头完成了新生服务周、期中学情调研和两次权益诉求集中答复，"
    "按时参加例会与培训，认真完成组织交办的任务。不足之处是与同学的日常联系还不够紧密，"
    "下学期将更多深入班级听取意见。"
)

# A past round took the whole of the table's path; it is written in the state it ends in.
PAST_ROUND = ("open", "close", "publish")
PAST_ROUND_STATUS = ROUND.entering(PAST_ROUND[-1])[0]


def term_end(term: AcademicTerm) -> datetime.date:
    return (
        datetime.date(term.year + 1, 1, 12)
        if term.half == 1
        else datetime.date(term.year + 1, 6, 28)
    )


class PublishedRounds:
    def __init__(self, plan: ProvincePlan, written: Written, today: datetime.date) -> None:
        self.plan, self.written = plan, written
        self.rng = random.Random(f"{plan.seed}/assessment")
        self.term = latest_finished_term(today)
        self.ended = term_end(self.term)
        self.policy = assessment.policy_for(self.term.year)

    def write(self) -> dict[str, int]:
        unions = list(
            Node.objects.filter(
                kind=NodeKind.SCHOOL_UNION, path__startswith=self.written.province.path
            )
            .select_related("school")
            .order_by("path")
        )
        served = self._served_by_union(unions)
        teachers = self._teachers([u.school_pk for u in unions])
        students = self._students([u.school_pk for u in unions], served)
        rounds, rated, raters = [], [], []
        for union in unions:
            officers = served.get(union.pk, [])
            if not officers:
                continue
            round_ = Round(
                school_id=union.school_pk,
                union=union,
                term=self.term.label,
                deadline=self.ended - datetime.timedelta(days=5),
                status=PAST_ROUND_STATUS,
                policy=self.policy.to_json(),
                opened_by_id=teachers[union.school_pk][0],
                closed_at=at_hour(self.ended - datetime.timedelta(days=3)),
                published_at=at_hour(self.ended - datetime.timedelta(days=1)),
                version=len(PAST_ROUND),  # one version per step of the table's path
            )
            rounds.append(round_)
            for membership in officers:
                place = self._place(membership)
                rated.append(
                    RatedOfficer(
                        round=round_,
                        school_id=union.school_pk,
                        membership=membership,
                        officer_id=membership.user_id,
                        report=REPORT.format(place=place),
                        report_at=at_hour(self.ended - datetime.timedelta(days=9)),
                    )
                )
            peers = [m.user_id for m in officers][:PEERS]
            chosen = (
                [(RaterGroup.TEACHER, u) for u in teachers[union.school_pk][:TEACHERS]]
                + [(RaterGroup.DELEGATE, u) for u in students.get(union.school_pk, [])[:DELEGATES]]
                + [(RaterGroup.PEER, u) for u in peers]
            )
            raters += [
                Rater(round=round_, school_id=union.school_pk, user_id=user, group=group)
                for group, user in chosen
            ]
        Round.objects.bulk_create(rounds, batch_size=BATCH)
        for officer in rated:
            officer.round_id = officer.round.pk
        for rater in raters:
            rater.round_id = rater.round.pk
        RatedOfficer.objects.bulk_create(rated, batch_size=BATCH)
        Rater.objects.bulk_create(raters, batch_size=BATCH)
        ratings = self._ratings(rated, raters)
        Round.objects.filter(pk__in=[r.pk for r in rounds]).update(
            opened_at=at_hour(self.ended - datetime.timedelta(days=20))
        )
        return {"assessment_rounds": len(rounds), "assessment_ratings": ratings}

    def _place(self, membership: Membership) -> str:
        appointment = getattr(membership, "appointment", None)
        department = appointment.department if appointment is not None else None
        return department.name if department is not None else "主席团"

    def _served_by_union(self, unions: list[Node]) -> dict[int, list[Membership]]:
        found = (
            Membership.objects.filter(node__in=unions, role=Role.OFFICER, start__lte=self.ended)
            .exclude(end__lt=self.ended)
            .select_related("appointment__department")
            .order_by("pk")
        )
        by_union: dict[int, list[Membership]] = defaultdict(list)
        for membership in found:
            by_union[membership.node_id].append(membership)
        return by_union

    def _teachers(self, schools: list[int]) -> dict[int, list[int]]:
        """The advisor first, then college secretaries."""
        rows = (
            Membership.objects.active()
            .filter(school_id__in=schools, role__in=[Role.ADVISOR, Role.COLLEGE_SECRETARY])
            .order_by("role", "pk")
            .values_list("school_id", "user_id", "role")
        )
        by_school: dict[int, list[int]] = defaultdict(list)
        for school, user, _role in sorted(rows, key=lambda r: (r[0], r[2] != Role.ADVISOR)):
            by_school[school].append(user)
        return by_school

    def _students(
        self, schools: list[int], served: dict[int, list[Membership]]
    ) -> dict[int, list[int]]:
        """Student representatives: plain students who did not serve, a few per school."""
        serving = {m.user_id for officers in served.values() for m in officers}
        rows = (
            Membership.objects.filter(school_id__in=schools, role=Role.STUDENT)
            .exclude(user__memberships__role=Role.OFFICER)
            .order_by("school_id", "-pk")
            .values_list("school_id", "user_id")
        )
        by_school: dict[int, list[int]] = defaultdict(list)
        for school, user in rows:
            if user not in serving and len(by_school[school]) < DELEGATES:
                by_school[school].append(user)
        return by_school

    def _ratings(self, rated: list[RatedOfficer], raters: list[Rater]) -> int:
        """Every rater rates every other officer of the round; scores follow."""
        raters_of: dict[int, list[Rater]] = defaultdict(list)
        for rater in raters:
            raters_of[rater.round_id].append(rater)
        rows: list[list[object]] = []
        rated_at = moment(at_hour(self.ended - datetime.timedelta(days=6)))
        for officer in rated:
            quality = min(97, max(64, self.rng.gauss(85, 7)))
            scored: list[RatingRow] = []
            for rater in raters_of[officer.round_id]:
                if rater.user_id == officer.officer_id:
                    continue
                scores = {
                    d: int(min(100, max(0, round(quality + self.rng.uniform(-6, 6)))))
                    for d in Dimension.values
                }
                ids = [officer.round_id, officer.school_id, rater.pk, officer.pk]
                rows.append([*ids, rated_at, *(scores[d] for d in Dimension.values)])
                scored.append(RatingRow(group=rater.group, scores=scores))
            result = score_officer(scored, self.policy)
            officer.score, officer.level, officer.detail = (
                result.score,
                result.level,
                result.detail(),
            )
        fields = ("round_id", "school_id", "rater_id", "rated_id", "created_at", *Dimension.values)
        insert_rows(Rating, fields, rows)
        RatedOfficer.objects.bulk_update(rated, ["score", "level", "detail"], batch_size=BATCH)
        return len(rows)


@contextmanager
def _clock_at(moment: datetime.datetime) -> Iterator[None]:
    """The services read `moment` as now (in UTC, as the real clock answers); the build
    runs alone in its process. Same device as the rights generator's replay.moved_clock."""
    utc = moment.astimezone(datetime.UTC)
    with mock.patch.object(timezone, "now", lambda: utc):
        yield


def open_round(
    school: Node | None,
    today: datetime.date,
    student: User | None,
    opened_at: datetime.datetime | None = None,
) -> int:
    """This term's round at `school`, opened by its advisor through the service (at
    `opened_at`, the build's moment, when given): the round, its raters and its scoring
    clock ("assessment.rating", clocks.py) are the service's, so the raters behind are
    reminded the working day before the deadline, as in production."""
    if school is None:
        return 0
    union = Node.objects.get(school=school, kind=NodeKind.SCHOOL_UNION)
    advisor = Membership.objects.active().filter(school=school, role=Role.ADVISOR).first()
    officers = list(
        Membership.objects.active()
        .filter(node=union, role=Role.OFFICER)
        .select_related("user")
        .order_by("pk")
    )
    if advisor is None or not officers:
        return 0
    delegates = [student] if student is not None else []
    with _clock_at(opened_at) if opened_at is not None else nullcontext():
        round_open(
            actor=advisor.user,
            union=union,
            term=current_term(today),
            deadline=today + datetime.timedelta(days=14),
            raters=RaterChoice(
                teachers=[advisor.user],
                delegates=delegates,
                peers=[m.user for m in officers[:PEERS]],
            ),
        )
    return 1


def write_assessments(
    plan: ProvincePlan,
    written: Written,
    today: datetime.date,
    first: Node | None,
    student: User | None,
    opened_at: datetime.datetime | None = None,
) -> dict[str, int]:
    counts = PublishedRounds(plan, written, today).write()
    counts["assessment_rounds"] += open_round(first, today, student, opened_at)
    return counts
