"""The authorization matrix's rows and grants of the congress's rating (tests/matrix.py)."""

from typing import Any

from django.utils import timezone

from tongxin.orgs.models import Node
from tongxin.testing.matrix import ADVISORS, Grant, Row, others
from tongxin.testing.province import TinyProvince

from ..models import Grade
from ..rating_facts import rating_union_list_for

TABLE = ["advisor_a", "city_staff_1", "province_staff", "province_admin"]
NO_TABLE = others(*TABLE)  # students, officers, secretaries, handlers, the county: 403
PROVINCE = ["province_staff", "province_admin"]


def _year() -> int:
    return timezone.localdate().year


def populate(province: TinyProvince) -> None:
    """Union A's congress of last year rated 优 by city 1 (province.issues["rating_a"])."""
    from ..services.rating import rate_congress

    province.issues["rating_a"] = rate_congress(
        actor=province.city_staff_1,
        union=province.union_a,
        year=_year() - 1,
        grade=Grade.EXCELLENT,
        notes="按期召开，程序规范。",
        version=0,
    )


def _rate_url(union: str, api: bool = False) -> Any:
    def url(p: TinyProvince) -> str:
        pk = p.nodes[union].pk
        if api:
            return f"/api/v1/congress/ratings/{pk}?year={_year()}"
        return f"/congress/ratings/{pk}/{_year()}/"

    return url


ROWS: list[Row] = [
    Row("congress rating table", lambda p: "/congress/ratings/", TABLE, NO_TABLE),
    Row("congress rating export", lambda p: "/congress/ratings/export.xlsx", TABLE, NO_TABLE),
    Row(
        "congress rating of union A",
        _rate_url("union_a"),
        ["city_staff_1", *PROVINCE],
        NO_TABLE,
    ),
    Row("congress rating of union B", _rate_url("union_b"), PROVINCE, NO_TABLE),
    Row(
        "congress rating of county union C",
        _rate_url("union_c"),
        ["city_staff_1", *PROVINCE],
        NO_TABLE,
    ),
    Row(
        "congress rating of college union A1",
        _rate_url("college_union_a1"),
        ["advisor_a"],
        NO_TABLE,
    ),
    Row("API congress rating table", lambda p: "/api/v1/congress/ratings", TABLE, NO_TABLE),
    Row(
        "API congress rating of union A",
        _rate_url("union_a", api=True),
        ["city_staff_1", *PROVINCE],
        NO_TABLE,
    ),
    Row(
        "API congress rating of college union A2",
        _rate_url("college_union_a2", api=True),
        ["advisor_a"],
        NO_TABLE,
    ),
]

CITY_RATERS = ["city_staff_1", "city_staff_2"]
GRANTS: list[Grant] = [
    Grant(
        "congress rating table",
        "congress.view_rating_table",
        None,
        [*ADVISORS, *CITY_RATERS, *PROVINCE],
    ),
    Grant(
        "congress rating of union A (read)",
        "congress.view_rating",
        lambda p: p.union_a,
        ["city_staff_1", *PROVINCE],
        listed=rating_union_list_for,
        among=lambda p: Node.objects.all(),
    ),
    Grant(
        "congress rating of college union A1 (read)",
        "congress.view_rating",
        lambda p: p.college_union_a1,
        ["advisor_a"],
    ),
    Grant("rate union A's congress", "congress.rate_union", lambda p: p.union_a, ["city_staff_1"]),
    Grant(
        "rate graduate union A's congress",
        "congress.rate_union",
        lambda p: p.grad_union_a,
        ["city_staff_1"],
    ),
    Grant(
        "rate county school C's union's congress",
        "congress.rate_union",
        lambda p: p.union_c,
        ["city_staff_1"],
    ),
    Grant("rate union B's congress", "congress.rate_union", lambda p: p.union_b, ["city_staff_2"]),
    Grant(
        "rate college union A1's congress",
        "congress.rate_union",
        lambda p: p.college_union_a1,
        ["advisor_a"],
    ),
]
