"""The authorization matrix's rows and grants of the heat map and a school's facts (part C)."""

from tongxin.orgs.models import Node, NodeKind
from tongxin.testing.matrix import ADVISORS, FEDERATION_ALL, Grant, Row, others
from tongxin.testing.province import TinyProvince

from ..heatmap_selectors import school_list_for

FEDERATION = ["city_staff_1", "county_specialist", "province_staff", "province_admin"]
PROVINCE = ["province_staff", "province_admin"]
NOT_FEDERATION = others(*FEDERATION)  # school roles: 403
SCHOOL_PAGE = ["advisor_a", *FEDERATION]
NOT_SCHOOL_PAGE = others(*SCHOOL_PAGE)


def populate(province: TinyProvince) -> None:
    """Nothing of its own: the heat map reads matrix_base's computed results."""


def _heatmap(suffix: str = "", api: bool = False):
    def url(p: TinyProvince) -> str:
        base = "/api/v1/reform/heatmap" if api else "/reform/"
        return base + suffix.format(city_1=p.city_1.pk, city_2=p.city_2.pk)

    return url


def _school(key: str, tail: str = "/", api: bool = False):
    def url(p: TinyProvince) -> str:
        pk = p.nodes[key].pk
        return f"/api/v1/reform/schools/{pk}{tail}" if api else f"/reform/schools/{pk}{tail}"

    return url


ROWS: list[Row] = [
    Row("reform heat map", _heatmap(), FEDERATION, NOT_FEDERATION),
    Row(
        "reform heat map of city 1",
        _heatmap("?city={city_1}"),
        ["city_staff_1", *PROVINCE],
        NOT_FEDERATION,
    ),
    Row("reform heat map of city 2", _heatmap("?city={city_2}"), PROVINCE, NOT_FEDERATION),
    Row("reform heat map export", lambda p: "/reform/heatmap.xlsx", FEDERATION, NOT_FEDERATION),
    Row(
        "reform heat map export of city 2",
        _heatmap("heatmap.xlsx?city={city_2}"),
        PROVINCE,
        NOT_FEDERATION,
    ),
    Row("API reform heat map", _heatmap(api=True), FEDERATION, NOT_FEDERATION),
    Row(
        "API reform heat map of city 2",
        _heatmap("?city={city_2}", api=True),
        PROVINCE,
        NOT_FEDERATION,
    ),
    Row(
        "reform school A",
        _school("school_a"),
        ["advisor_a", "city_staff_1", *PROVINCE],
        NOT_SCHOOL_PAGE,
    ),
    Row(
        "reform school C (county)",
        _school("school_c"),
        ["city_staff_1", "county_specialist", *PROVINCE],
        NOT_SCHOOL_PAGE,
    ),
    Row(
        "API reform school A",
        _school("school_a", "", api=True),
        ["advisor_a", "city_staff_1", *PROVINCE],
        NOT_SCHOOL_PAGE,
    ),
    Row(
        "API reform recompute school A",
        _school("school_a", "/compute", api=True),
        ["advisor_a", "city_staff_1", *PROVINCE],
        NOT_SCHOOL_PAGE,
        method="post",
    ),
    # A year without a catalogue: the page again with the message (200), nothing computed.
    Row(
        "reform recompute school A, a year without catalogues",
        _school("school_a", "/compute/?year=1999"),
        ["advisor_a", "city_staff_1", *PROVINCE],
        NOT_SCHOOL_PAGE,
        method="post",
    ),
]


def _schools(p: TinyProvince) -> list[Node]:
    return list(Node.objects.filter(kind=NodeKind.SCHOOL))


GRANTS = [
    Grant(
        "open a school's self-assessment",
        "reform.open_school_results",
        None,
        [*ADVISORS, *FEDERATION_ALL],
    ),
    Grant(
        "school A's results, listed",
        "reform.view_school_results",
        lambda p: p.school_a,
        ["advisor_a", "city_staff_1", *PROVINCE],
        listed=school_list_for,
        among=_schools,
    ),
]
