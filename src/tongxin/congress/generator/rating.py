"""The federation's ratings (评定) in the demo province: 东江市 — the city of the first school
(YS001, whose staff member is the demo's city login) — has rated the congresses of last year
of all its school-level unions, and YS001's advisor those of the school's college unions.

Most are 优, every fourth 合格, and one union (not YS001's, whose congress the demo shows
as held) is 重点关注 with a note. Bulk rows, like the other generated tables: the demo's
own audit event (demo.province.generated) carries their count. Nothing here reads the
sessions, which another part generates: a rating stands on its own row.
"""

import datetime
from typing import Any

from tongxin.accounts.models import Role
from tongxin.orgs.models import Node, NodeKind
from tongxin.workdays.calendar import local_zone
from tongxin.workflow.generation.province import BATCH, Written

from ..models import Grade, Rating

ATTENTION_NOTE = "上年度代表大会未按期召开，代表中非学生会工作人员比例不足，请限期整改。"
NOTES: dict[str, str] = {
    Grade.EXCELLENT: "按期召开，程序规范，报告齐全。",
    Grade.QUALIFIED: "按期召开，会议报告提交偏晚。",
}


def _grades(unions: list[Node], attention_at: int | None) -> list[tuple[Node, str]]:
    graded: list[tuple[Node, str]] = []
    for index, union in enumerate(unions):
        if index == attention_at:
            graded.append((union, Grade.ATTENTION))
        else:
            graded.append((union, Grade.QUALIFIED if index % 4 == 3 else Grade.EXCELLENT))
    return graded


def _rows(
    graded: list[tuple[Node, str]], year: int, rater: Node, by: int, at: datetime.datetime
) -> list[Rating]:
    return [
        Rating(
            union=union,
            school_id=union.school_pk,
            year=year,
            grade=grade,
            notes=ATTENTION_NOTE if grade == Grade.ATTENTION else NOTES[grade],
            rated_by_id=by,
            rater=rater,
            rated_at=at,
        )
        for union, grade in graded
    ]


def _login(logins: list[Any], role: str) -> Any:
    return next((login for login in logins if login.role == role), None)


def write_ratings(written: Written, day: Any, logins: list[Any]) -> dict[str, int]:
    """Last year's ratings of 东江市's school-level unions and YS001's college unions."""
    city_login, advisor_login = _login(logins, Role.FEDERATION_STAFF), _login(logins, Role.ADVISOR)
    if city_login is None or advisor_login is None:
        return {"congress_ratings": 0}
    school = Node.objects.get(pk=advisor_login.school_id or 0)
    city = Node.objects.get(pk=school.city_pk or 0)
    year = day.today.year - 1
    at = datetime.datetime(year, 12, 18, 15, tzinfo=local_zone())
    school_level = list(
        Node.objects.filter(
            path__startswith=city.path,
            kind__in=[NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION],
        ).order_by("path")
    )
    colleges = list(
        Node.objects.filter(school=school, kind=NodeKind.COLLEGE_UNION).order_by("path")
    )
    # Flag a union of another school: YS001's congress is the demo's well-run one.
    others = [i for i, union in enumerate(school_level) if union.school_id != school.pk]
    attention_at = others[len(others) // 2] if others else None
    rows = _rows(_grades(school_level, attention_at), year, city, city_login.user_id, at)
    rows += _rows(_grades(colleges, None), year, school, advisor_login.user_id, at)
    Rating.objects.bulk_create(rows, batch_size=BATCH)
    return {"congress_ratings": len(rows)}
