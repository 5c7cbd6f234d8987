"""述职评议 test helpers: a school union with three officers and a round with raters in
every group. Officers are added straight through the ORM (test set-up, not a domain change)."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import timezone

from tongxin.accounts.models import Membership, Position, Role, User
from tongxin.assessment import services
from tongxin.assessment.models import RatedOfficer, Rating, Round
from tongxin.testing.province import TinyProvince

TERM = "2025-2026-2"
DIMENSIONS = ("politics", "morals", "study", "work", "discipline")


def add_officer(
    p: TinyProvince, key: str, number: str, name: str, *, position: str = Position.MEMBER
) -> User:
    school, union = p.school_a, p.union_a
    user = User.objects.create_user(
        User.school_username(school.code, number),
        None,
        real_name=name,
        school=school,
        number=number,
        college=p.college_a1,
        klass=p.class_a1,
    )
    Membership.objects.create(
        user=user, node=union, school=school, role=Role.OFFICER, position=position
    )
    p.people[key] = user
    return user


def add_student(p: TinyProvince, key: str, number: str, name: str) -> User:
    school = p.school_a
    user = User.objects.create_user(
        User.school_username(school.code, number),
        None,
        real_name=name,
        school=school,
        number=number,
        college=p.college_a1,
        klass=p.class_a1,
    )
    Membership.objects.create(user=user, node=p.class_a1, school=school, role=Role.STUDENT)
    p.people[key] = user
    return user


def union_with_officers(p: TinyProvince) -> TinyProvince:
    """union_a: 赵主席 (officer_a) plus 王部长 and 刘干事."""
    add_officer(p, "minister_a", "2022101", "王部长", position=Position.MINISTER)
    add_officer(p, "member_a", "2022102", "刘干事")
    return p


def open_round(
    p: TinyProvince,
    *,
    teachers: Sequence[str] = ("advisor_a", "secretary_a1"),
    delegates: Sequence[str] = ("student_a", "student_a2"),
    peers: Sequence[str] | None = None,
    term: str = TERM,
    deadline: datetime.date | None = None,
) -> Round:
    officers = ["officer_a", "minister_a", "member_a"]
    return services.round_open(
        actor=p.advisor_a,
        union=p.union_a,
        term=term,
        deadline=deadline or timezone.localdate() + datetime.timedelta(days=7),
        raters=services.RaterChoice(
            teachers=[p.people[k] for k in teachers],
            delegates=[p.people[k] for k in delegates],
            peers=[p.people[k] for k in (officers if peers is None else peers)],
        ),
    )


def rated(round_: Round, user: User) -> RatedOfficer:
    return RatedOfficer.objects.select_related("officer", "round").get(round=round_, officer=user)


def scores(*values: int) -> dict[str, int]:
    if len(values) == 1:
        values = values * 5
    return dict(zip(DIMENSIONS, values, strict=True))


def rate(
    p: TinyProvince, rater: str, round_: Round, officer: str, values: Mapping[str, Any]
) -> Rating:
    return services.rating_submit(
        actor=p.people[rater], rated=rated(round_, p.people[officer]), scores=values
    )


def close(p: TinyProvince, round_: Round) -> Round:
    return services.round_close(actor=p.advisor_a, round_=round_, expected_version=None)


def rate_all(p, round_, officer, teacher, delegate, peer=None):
    """Teachers advisor_a and secretary_a1, delegates student_a and student_a2, then peers."""
    for key, value in zip(["advisor_a", "secretary_a1"], teacher, strict=True):
        rate(p, key, round_, officer, scores(*value))
    for key, value in zip(["student_a", "student_a2"], delegate, strict=True):
        rate(p, key, round_, officer, scores(*value))
    for key, value in peer or []:
        rate(p, key, round_, officer, scores(*value))
