"""The catalogue's JSON API: reads for every reader, copy and publish for the admin only
(judged here per persona: the matrix's rows cannot say 400), refusals in Chinese."""

import pytest

from tongxin.testing.clock import moment
from tongxin.testing.province import PERSONAS

from ..catalogue_data import YES_NO
from ..models import Catalogue, CatalogueState, Level
from .world import catalogue

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-10-15"))]
API = "/api/v1/reform"


def post(client, url: str, **body):
    return client.post(url, body, content_type="application/json")


def test_the_catalogues_and_one_with_its_indicators(province, client_for):
    client = client_for("secretary_a1")
    listed = client.get(f"{API}/catalogues").json()
    years = [(c["academic_year"], c["level"], c["state"]) for c in listed["items"]]
    assert years[:2] == [(2026, "school", "published"), (2026, "college", "draft")]
    assert listed["items"][0]["indicator_count"] == 11 and listed["has_next"] is False
    cat = catalogue(Level.SCHOOL, 2026)
    detail = client.get(f"{API}/catalogues/{cat.pk}").json()
    assert (detail["pass_label"], detail["fail_label"]) == ("是", "否")
    first, eleventh = detail["indicators"][0], detail["indicators"][10]
    assert (first["number"], first["mark_label"], first["kind"]) == (1, "★", "yes_no")
    assert (eleventh["computes"], eleventh["remark_template"]) == (
        "congress_on_schedule",
        "召开时间：{date}",
    )
    assert client.get(f"{API}/catalogues/{2**40}").status_code == 404
    assert client_for("student_a").get(f"{API}/catalogues/{cat.pk}").status_code == 403


def test_scoring_models(province, client_for):
    found = client_for("city_staff_1").get(f"{API}/scoring").json()
    yes_no = next(s for s in found if s["name"] == YES_NO)
    assert yes_no["in_published_use"] is True and yes_no["grade_percents"]["B"] == 60
    assert client_for("handler_a").get(f"{API}/scoring").status_code == 403


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "province_admin"])
def test_only_the_admin_copies_and_publishes(province, client_for, persona):
    client = client_for(persona)
    draft = catalogue(Level.COLLEGE, 2026)
    assert post(client, f"{API}/catalogues/{draft.pk}/copy", year=2027).status_code == 403
    publish = post(client, f"{API}/catalogues/{draft.pk}/publish", version=draft.version)
    assert publish.status_code == 403
    assert not Catalogue.objects.filter(academic_year=2027).exists()
    assert Catalogue.objects.get(pk=draft.pk).state == CatalogueState.DRAFT


def test_the_admin_copies_then_publishes_the_copy(province, client_for):
    admin = client_for("province_admin")
    draft = catalogue(Level.COLLEGE, 2026)
    made = post(admin, f"{API}/catalogues/{draft.pk}/copy", year=2027)
    assert made.status_code == 201
    copy = made.json()
    assert (copy["academic_year"], copy["state"], copy["based_on_id"]) == (2027, "draft", draft.pk)
    assert len(copy["indicators"]) == 11
    again = post(admin, f"{API}/catalogues/{draft.pk}/copy", year=2027)
    assert again.status_code == 400 and again.json()["field"] == "year"
    assert "已存在" in again.json()["detail"]
    missing = post(admin, f"{API}/catalogues/{draft.pk}/copy")
    assert missing.status_code == 400 and "请填写" in missing.json()["detail"]
    url = f"{API}/catalogues/{copy['id']}/publish"
    stale = post(admin, url, version=copy["version"] + 1)
    assert stale.status_code == 400 and "已被他人修改" in stale.json()["detail"]
    done = post(admin, url, version=copy["version"])
    assert done.status_code == 200 and done.json()["state"] == "published"
    frozen = post(admin, url, version=done.json()["version"])
    assert frozen.status_code == 400 and frozen.json()["detail"] == "该指标体系已经发布。"
