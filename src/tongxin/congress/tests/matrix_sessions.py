"""The authorization matrix's rows and grants of the congress's sessions (tests/matrix.py)."""

from typing import Any

from tongxin.congress.models import CongressLine, Session, SessionState
from tongxin.congress.selectors import lines_for, sessions_for
from tongxin.testing.matrix import ADVISORS, EVERYONE, OFFICERS, UNION_A, Grant, Row, others
from tongxin.testing.province import TinyProvince


def populate(province: TinyProvince) -> None:
    """The objects these rows name, kept in province.issues: an application of college
    union A1 (the advisor decides), one of school union A (city 1 decides), a planned
    session of the sibling college union A2, and the lines of all three."""
    from tongxin.congress.tests.session_factories import walk

    for key, union in [
        ("congress_a1", "college_union_a1"),
        ("congress_school_a", "union_a"),
    ]:
        session = walk(province, SessionState.APPLIED, union=union)
        province.issues[key] = session
        province.issues[f"{key}_line"] = session.line
    province.issues["congress_a2"] = walk(province, SessionState.PLANNED, union="college_union_a2")


def _session(key: str) -> Any:
    return lambda p: f"/congress/sessions/{p.issues[key].pk}/"


def _api(key: str) -> Any:
    return lambda p: f"/api/v1/congress/sessions/{p.issues[key].pk}"


A1 = ["college_officer_a1", "advisor_a"]
SCHOOL_A = ["officer_a", "advisor_a", "city_staff_1"]
SUPERVISORS = ["advisor_a", "city_staff_1"]

ROWS = [
    Row(
        "congress union page",
        lambda p: "/congress/",
        ["officer_a", "college_officer_a1"],
        others("officer_a", "college_officer_a1"),
    ),
    Row(
        "congress supervision", lambda p: "/congress/supervise/", SUPERVISORS, others(*SUPERVISORS)
    ),
    Row(
        "congress rules", lambda p: "/congress/rules/", ["province_admin"], others("province_admin")
    ),
    Row("a college union's congress session", _session("congress_a1"), A1, []),
    Row("a school union's congress session", _session("congress_school_a"), SCHOOL_A, []),
    Row("a sibling college's congress session", _session("congress_a2"), ["advisor_a"], []),
    Row(
        "a college union's congress line",
        lambda p: f"/congress/lines/{p.issues['congress_a1_line'].pk}/",
        A1,
        [],
    ),
    Row(
        "a school union's congress by union",
        lambda p: f"/congress/unions/{p.union_a.pk}/",
        SCHOOL_A,
        [],
    ),
    Row("API congress session", _api("congress_a1"), A1, []),
    Row("API school union congress session", _api("congress_school_a"), SCHOOL_A, []),
    Row(
        "API congress line",
        lambda p: f"/api/v1/congress/lines/{p.issues['congress_school_a_line'].pk}",
        SCHOOL_A,
        [],
    ),
    Row("API congress lines", lambda p: "/api/v1/congress/lines", EVERYONE, []),
    Row(
        "API congress applications",
        lambda p: "/api/v1/congress/applications",
        SUPERVISORS,
        others(*SUPERVISORS),
    ),
    Row(
        "API congress watched",
        lambda p: "/api/v1/congress/watched",
        SUPERVISORS,
        others(*SUPERVISORS),
    ),
    Row(
        "API congress rules",
        lambda p: "/api/v1/congress/rules",
        ["province_admin"],
        others("province_admin"),
    ),
]


def _on(key: str) -> Any:
    return lambda p: p.issues[key]


def _sessions(p: TinyProvince) -> Any:
    return Session.objects.all()


GRANTS = [
    Grant(
        "a college union's session",
        "congress.view_session",
        _on("congress_a1"),
        A1,
        listed=sessions_for,
        among=_sessions,
    ),
    Grant(
        "a school union's session",
        "congress.view_session",
        _on("congress_school_a"),
        [*UNION_A, "advisor_a", "city_staff_1"],
    ),
    Grant(
        "a college union's line",
        "congress.view_line",
        _on("congress_a1_line"),
        ["college_officer_a1", "advisor_a"],
        listed=lines_for,
        among=lambda p: CongressLine.objects.all(),
    ),
    Grant(
        "plan the next session",
        "congress.plan_session",
        _on("congress_a1_line"),
        ["college_officer_a1"],
    ),
    Grant(
        "apply for a session", "congress.apply_session", _on("congress_a1"), ["college_officer_a1"]
    ),
    Grant(
        "confirm, hold and report",
        "congress.run_session",
        _on("congress_a1"),
        ["college_officer_a1"],
    ),
    Grant(
        "decide a college union's application",
        "congress.decide_session",
        _on("congress_a1"),
        ["advisor_a"],
    ),
    Grant(
        "decide a school union's application (the city)",
        "congress.decide_session",
        _on("congress_school_a"),
        ["city_staff_1"],
    ),
    Grant(
        "close a school union's session",
        "congress.close_session",
        _on("congress_school_a"),
        ["city_staff_1"],
    ),
    Grant(
        "cancel a session",
        "congress.cancel_session",
        _on("congress_a1"),
        ["college_officer_a1", "advisor_a"],
    ),
    Grant(
        "enter a congress held before Tongxin",
        "congress.enter_past_session",
        _on("congress_school_a_line"),
        ["advisor_a"],
    ),
    Grant("the union's congress page", "congress.open_union_page", None, OFFICERS),
    Grant(
        "the supervisors' congress page",
        "congress.open_supervisor_page",
        None,
        [*ADVISORS, "city_staff_1", "city_staff_2"],
    ),
    Grant("the congress rules", "congress.manage_rules", None, ["province_admin"]),
]
