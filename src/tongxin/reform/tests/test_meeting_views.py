"""The call-in pages and API: marking from a school's page, a refused meeting shown again
with the field's message, what each reader sees, the API's gates."""

import pytest

from tongxin.reform.models import Meeting, SchoolAssessment
from tongxin.testing.clock import moment

from .review_world import assessment_of, computed_year
from .test_meeting_services import fail_item_1

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-11-20"))]


def test_the_city_marks_a_failing_school_from_its_page(province, client_for):
    computed_year(province)
    fail_item_1(province)
    a = assessment_of(province, "a")
    url = f"/reform/call-ins/schools/{province.school_a.pk}/?year=2026"
    page = client_for("city_staff_1").get(url).content.decode()
    assert 'data-testid="mark-form"' in page and "★第 1 项" in page
    done = client_for("city_staff_1").post(
        f"/reform/call-ins/{a.pk}/mark/", {"version": a.version, "note": ""}
    )
    assert done.status_code == 302 and done["Location"].endswith(f"?year={a.academic_year}")
    assert SchoolAssessment.objects.get(pk=a.pk).call_in
    advisor = client_for("advisor_a").get(url).content.decode()
    assert 'data-testid="marked"' in advisor
    assert (
        "mark-form" not in advisor and "clear-form" not in advisor and "meeting-form" not in advisor
    )
    listed = client_for("city_staff_1").get("/reform/call-ins/?year=2026").content.decode()
    assert province.school_a.name in listed.split('data-testid="marked"')[1].split("</section>")[0]
    other = client_for("city_staff_2").get("/reform/call-ins/?year=2026").content.decode()
    assert province.school_a.name not in other


def test_marking_a_passing_school_shows_the_reason_and_changes_nothing(province, client_for):
    computed_year(province)
    a = assessment_of(province, "a")
    page = client_for("province_admin").post(
        f"/reform/call-ins/{a.pk}/mark/", {"version": a.version}
    )
    assert page.status_code == 200
    assert "未发现不达标情形" in page.content.decode()
    assert not SchoolAssessment.objects.get(pk=a.pk).call_in


def test_a_meeting_in_the_future_is_refused_with_the_field_named(province, client_for):
    url = f"/reform/call-ins/schools/{province.school_a.pk}/meetings/"
    data = {"kind": "visit", "held_on": "2026-12-01", "attendees": "市学联", "issues": "座谈"}
    page = client_for("city_staff_1").post(url, data)
    assert page.status_code == 200 and "日期不能晚于今天" in page.content.decode()
    assert not Meeting.objects.exists()
    bad = client_for("city_staff_1").post(url, data | {"held_on": "不是日期"})
    assert bad.status_code == 200 and "日期：" in bad.content.decode()
    done = client_for("city_staff_1").post(url, data | {"held_on": "2026-11-19"})
    assert done.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.host, meeting.recorded_by) == (province.city_1, province.city_staff_1)
    page = client_for("advisor_a").get(f"/reform/call-ins/schools/{province.school_a.pk}/")
    assert "座谈" in page.content.decode()


def test_the_api_records_and_lists_meetings_in_reach(province, client_for):
    body = {
        "school": province.school_a.pk,
        "kind": "exchange",
        "held_on": "2026-11-18",
        "attendees": "省学联；甲大学学生会",
        "issues": "水源计划交流",
    }
    made = client_for("province_admin").post(
        "/api/v1/reform/meetings", body, content_type="application/json"
    )
    assert made.status_code == 201 and made.json()["host"] == province.province.name
    refused = client_for("advisor_a").post(
        "/api/v1/reform/meetings", body, content_type="application/json"
    )
    assert refused.status_code == 403
    hidden = client_for("city_staff_2").post(
        "/api/v1/reform/meetings", body, content_type="application/json"
    )
    assert hidden.status_code == 404
    assert Meeting.objects.count() == 1
    listed = client_for("advisor_a").get(f"/api/v1/reform/meetings?school={province.school_a.pk}")
    assert [m["issues"] for m in listed.json()["items"]] == ["水源计划交流"]
    future = client_for("province_admin").post(
        "/api/v1/reform/meetings", body | {"held_on": "2027-01-01"}, content_type="application/json"
    )
    assert future.status_code == 400 and future.json()["field"] == "held_on"


def test_the_api_marks_and_clears(province, client_for):
    computed_year(province)
    a = assessment_of(province, "a")
    url = f"/api/v1/reform/call-ins/{a.pk}"
    refused = client_for("city_staff_1").post(
        url, {"version": a.version, "call_in": True}, content_type="application/json"
    )
    assert refused.status_code == 400 and "未发现不达标情形" in refused.json()["detail"]
    fail_item_1(province)
    marked = client_for("city_staff_1").post(
        url, {"version": a.version, "call_in": True}, content_type="application/json"
    )
    assert marked.status_code == 200 and marked.json()["call_in"] is True
    assert marked.json()["failures"]
    listed = client_for("city_staff_1").get("/api/v1/reform/call-ins?year=2026").json()
    assert [m["id"] for m in listed["marked"]] == [a.pk]
    cleared = client_for("city_staff_1").post(
        url,
        {"version": a.version + 1, "call_in": False, "note": "已整改到位"},
        content_type="application/json",
    )
    assert cleared.status_code == 200 and cleared.json()["call_in"] is False
    assert (
        client_for("city_staff_2")
        .post(url, {"version": a.version + 2, "call_in": True}, content_type="application/json")
        .status_code
        == 404
    )
