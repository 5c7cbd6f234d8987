"""Selection test helpers: a controlled clock and candidacies walked through the real services."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tongxin.accounts.models import Position, User
from tongxin.selection import services
from tongxin.selection.models import Candidacy, State
from tongxin.staff.models import Department
from tongxin.staff.services.structure import department_create
from tongxin.staff.tests.factories import eligible_student
from tongxin.testing.province import TinyProvince

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


# A Friday before the 2025 National Day holiday (10-01 … 10-08; 09-28 and 10-11 are make-up
# working days).
FRIDAY = at(2025, 9, 26)


def department(p: TinyProvince, name: str = "权益部") -> Department:
    existing = Department.objects.filter(union=p.union_a, name=name, is_active=True).first()
    return existing or department_create(actor=p.advisor_a, union=p.union_a, name=name)


def fresh(candidacy: Candidacy) -> Candidacy:
    return Candidacy.objects.get(pk=candidacy.pk)


def recommend(
    p: TinyProvince,
    *,
    candidate: User | None = None,
    number: str = "2023100",
    position: str = Position.VICE_PRESIDENT,
    dept: Department | None = None,
    now: datetime.datetime | None = None,
    **kwargs: Any,
) -> Candidacy:
    return services.candidacy_recommend(
        actor=kwargs.pop("actor", p.secretary_a1),
        candidate=candidate or eligible_student(p, number, name="候选人"),
        union=kwargs.pop("union", p.union_a),
        position=position,
        department=dept,
        recommendation="政治立场坚定，成绩优良，热心服务同学。",
        now=now,
    )


def _steps(p: TinyProvince, presidium: bool) -> list[tuple[str, Any]]:
    sec, adv = p.secretary_a1, p.advisor_a

    def text_step(fn: Any, actor: User, key: str) -> Any:
        return lambda c, now: fn(
            actor=actor, candidacy=c, expected_version=c.version, now=now, **{key: "同意。"}
        )

    steps = []
    if presidium:
        steps.append((State.COLLEGE_CONSENTED, text_step(services.candidacy_consent, sec, "note")))
    steps.append((State.REVIEWED, text_step(services.candidacy_review, adv, "opinion")))
    if presidium:
        steps.append((State.DECIDED, text_step(services.candidacy_decide, adv, "note")))
    steps.append(
        (
            State.NOTICE,
            lambda c, now: services.candidacy_publish(
                actor=adv, candidacy=c, expected_version=c.version, now=now
            ),
        )
    )
    return steps


def walk(
    p: TinyProvince,
    to: str,
    *,
    presidium: bool = True,
    start: datetime.datetime = FRIDAY,
    **kwargs: Any,
) -> Candidacy:
    """Recommend a candidate and take every step (one minute apart, the notice published at
    `start`) until the candidacy is in state `to`."""
    if not presidium and "dept" not in kwargs:
        kwargs["dept"] = department(p)
        kwargs.setdefault("position", Position.MEMBER)
    clock = start - datetime.timedelta(minutes=10)
    candidacy = recommend(p, now=clock, **kwargs)
    for state, step in _steps(p, presidium):
        if candidacy.state == to:
            break
        clock = start if state == State.NOTICE else clock + datetime.timedelta(minutes=1)
        candidacy = step(candidacy, clock)
    assert candidacy.state == to, candidacy.state
    return candidacy
