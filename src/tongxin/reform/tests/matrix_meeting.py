"""Part H's rows and grants: the call-in list, a school's call-ins and meetings, the posts
(mark, clear, record; empty posts show the page again) and the API's reads. School A and
school C (in county 1) each have a meeting of city 1."""

import datetime

from tongxin.testing.matrix import ADVISORS, FEDERATION_ALL, OVER_SCHOOL_A, Grant, Row, others
from tongxin.testing.province import TinyProvince

from ..meeting_selectors import meeting_list_for
from ..models import Meeting, MeetingKind

FEDERATION = ["city_staff_1", "county_specialist", "province_staff", "province_admin"]
SCHOOL_A_READERS = ["advisor_a", *OVER_SCHOOL_A]
SCHOOL_C_READERS = ["city_staff_1", "county_specialist", "province_staff", "province_admin"]
NOT_OPENERS = others("advisor_a", *FEDERATION)  # students, officers, secretaries, handlers


def populate(province: TinyProvince) -> None:
    for key in ("school_a", "school_c"):
        province.issues[f"reform_meeting_{key}"] = Meeting.objects.create(
            school=province.nodes[key],
            kind=MeetingKind.VISIT,
            held_on=datetime.date(2025, 11, 20),
            attendees="市学联工作人员、校团委老师、学生会主席团",
            issues="学生会工作人员规模和部门设置。",
            recorded_by=province.city_staff_1,
            host=province.city_1,
        )


def _school(key: str, tail: str = "") -> object:
    return lambda p: f"/reform/call-ins/schools/{p.nodes[key].pk}/{tail}"


def _assessment(tail: str) -> object:
    return lambda p: f"/reform/call-ins/{p.issues['reform_assessment'].pk}/{tail}/"


ROWS = [
    Row(
        "reform: call-ins and meetings",
        lambda p: "/reform/call-ins/",
        FEDERATION,
        [*NOT_OPENERS, "advisor_a"],
    ),
    Row(
        "reform: school A's call-ins and meetings",
        _school("school_a"),
        SCHOOL_A_READERS,
        NOT_OPENERS,
    ),
    Row(
        "reform: school C's call-ins and meetings",
        _school("school_c"),
        SCHOOL_C_READERS,
        NOT_OPENERS,
    ),
    Row(
        "reform: record a meeting with school A (empty: the page again)",
        _school("school_a", "meetings/"),
        OVER_SCHOOL_A,
        [*NOT_OPENERS, "advisor_a"],
        method="post",
    ),
    Row(
        "reform: mark school A for a call-in (empty: the page again)",
        _assessment("mark"),
        OVER_SCHOOL_A,
        [*NOT_OPENERS, "advisor_a"],
        method="post",
    ),
    Row(
        "reform: clear school A's call-in (empty: the page again)",
        _assessment("clear"),
        OVER_SCHOOL_A,
        [*NOT_OPENERS, "advisor_a"],
        method="post",
    ),
    Row(
        "reform API: call-ins of a year",
        lambda p: "/api/v1/reform/call-ins?year=2025",
        FEDERATION,
        [*NOT_OPENERS, "advisor_a"],
    ),
    Row(
        "reform API: school A's meetings",
        lambda p: f"/api/v1/reform/meetings?school={p.school_a.pk}",
        SCHOOL_A_READERS,
        NOT_OPENERS,
    ),
]

GRANTS = [
    Grant("open the call-in list", "reform.open_call_ins", None, FEDERATION_ALL),
    Grant(
        "open a school's call-ins and meetings",
        "reform.open_school_meetings",
        None,
        [*ADVISORS, *FEDERATION_ALL],
    ),
    Grant(
        "mark school A for a call-in",
        "reform.mark_call_in",
        lambda p: p.issues["reform_assessment"],
        OVER_SCHOOL_A,
    ),
    Grant(
        "mark school B for a call-in",
        "reform.mark_call_in",
        lambda p: p.issues["reform_assessment_b"],
        ["city_staff_2", "province_staff", "province_admin"],
    ),
    Grant(
        "record a meeting with school A",
        "reform.record_meeting",
        lambda p: p.school_a,
        OVER_SCHOOL_A,
    ),
    Grant(
        "record a meeting with school C (county 1: the city, not the county)",
        "reform.record_meeting",
        lambda p: p.nodes["school_c"],
        OVER_SCHOOL_A,
    ),
    Grant(
        "read school A's meetings, listed",
        "reform.view_meetings",
        lambda p: p.issues["reform_meeting_school_a"],
        SCHOOL_A_READERS,
        listed=meeting_list_for,
        among=lambda p: list(Meeting.objects.all()),
    ),
    Grant(
        "read school C's meetings",
        "reform.view_meetings",
        lambda p: p.issues["reform_meeting_school_c"],
        SCHOOL_C_READERS,
    ),
]
