"""Test set-up shared by the delegates' tests: an approved session of school A's union
and a few more students of school A (through the ORM, as set-up)."""

from django.utils import timezone

from tongxin.accounts.models import Membership, Role, StudentLevel, User
from tongxin.congress.generator.delegates import session_for
from tongxin.congress.models import Session, SessionState
from tongxin.orgs.models import Node
from tongxin.testing.province import TinyProvince


def add_students(province: TinyProvince, college_index: int, count: int, first: int) -> list[User]:
    """`count` students of school A's college `college_index`, numbers from `first`."""
    college: Node = province.nodes[f"college_a{college_index}"]
    klass: Node = province.nodes[f"class_a{college_index}"]
    users = []
    for offset in range(count):
        number = str(first + offset)
        user = User.objects.create_user(
            User.school_username("TA01", number),
            None,
            real_name=f"代表候选{number}",
            school=province.school_a,
            number=number,
            college=college,
            klass=klass,
            enrolment_year=2023 + offset % 3,
            level=StudentLevel.UNDERGRADUATE,
            gender="female" if offset % 2 else "male",
        )
        Membership.objects.create(
            user=user, node=klass, school=province.school_a, role=Role.STUDENT
        )
        users.append(user)
    return users


def approved_session(province: TinyProvince, *, seats: int = 4, union: str = "union_a") -> Session:
    session = session_for(
        province.nodes[union],
        SessionState.APPROVED,
        creator=province.advisor_a,
        on=timezone.localdate(),
        seats=seats,
    )
    assert session is not None
    return session
