"""Part G's pages and API end to end: the city proposes on the rating page, the province
confirms and issues the letter, the PDF downloads; a refused post shows why and changes
nothing; a rectification item takes the officer's note and the city's acceptance; the
rates page and the API show the figures."""

import json

import pytest

from tongxin.core.tests.printables.reading import pdf_text

from ..models import Rating, RectificationItem
from .rating_world import assessed, rated, scale

pytestmark = pytest.mark.django_db


def test_the_rating_from_proposal_to_letter_through_the_pages(province, client_for):
    a = assessed(province, "confirmed")
    page = f"/reform/assessments/{a.pk}/rating/"
    city = client_for("city_staff_1")
    assert "提出评定建议" in city.get(page).content.decode()
    refused = city.post(
        f"{page}propose/", {"scale": scale().pk, "grade": "attention", "note": "", "version": 0}
    )
    assert refused.status_code == 200
    assert "评为“重点关注”时须写明存在的问题" in refused.content.decode()
    assert not Rating.objects.exists()
    done = city.post(
        f"{page}propose/", {"scale": scale().pk, "grade": "excellent", "note": "", "version": 0}
    )
    assert done.status_code == 302
    province_client = client_for("province_admin")
    html = province_client.get(page).content.decode()
    assert 'data-testid="confirm-form"' in html and "优" in html
    confirmed = province_client.post(
        f"{page}confirm/", {"grade": "qualified", "note": "代表大会逾期未开。", "version": 1}
    )
    assert confirmed.status_code == 302
    assert Rating.objects.get().grade == "qualified"
    assert RectificationItem.objects.count() == 1
    issued = province_client.post(f"/reform/assessments/{a.pk}/letter/", {"title": "", "extra": ""})
    assert issued.status_code == 302
    pdf = client_for("advisor_a").get(f"/reform/assessments/{a.pk}/letter.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content).replace("\n", "")
    assert "甲大学党委：" in text and "评定为“合格”" in text


def test_the_rating_page_offers_no_buttons_to_the_advisor(province, client_for):
    a = rated(province)
    html = client_for("advisor_a").get(f"/reform/assessments/{a.pk}/rating/").content.decode()
    assert 'data-testid="confirmed"' in html
    for form in ("propose-form", "confirm-form", "letter-form"):
        assert form not in html


def test_an_item_takes_a_note_and_the_citys_acceptance(province, client_for):
    rated(province)
    item = RectificationItem.objects.get()
    page = f"/reform/rectification/items/{item.pk}/"
    officer = client_for("officer_a")
    assert 'data-testid="note-form"' in officer.get(page).content.decode()
    assert (
        officer.post(f"{page}note/", {"text": "已召开代表大会。", "version": 1}).status_code == 302
    )
    city = client_for("city_staff_1")
    html = city.get(page).content.decode()
    assert "已召开代表大会。" in html and 'data-testid="accept-form"' in html
    stale = city.post(f"{page}accept/", {"version": 1})
    assert "已被他人修改" in stale.content.decode()
    assert city.post(f"{page}accept/", {"version": 2}).status_code == 302
    item.refresh_from_db()
    assert (item.state, item.closed_how) == ("closed", "accepted")
    rates = client_for("province_admin").get("/reform/rectification/").content.decode()
    assert "已完成 1 / 1 项，整改率 100.0%" in rates


def test_the_api_reads_and_writes_the_rating(province, client_for):
    a = assessed(province, "city_reviewed")
    city = client_for("city_staff_1")
    url = f"/api/v1/reform/ratings/{a.pk}"
    body = {"scale": scale().pk, "grade": "nope", "note": "", "version": 0}
    bad = city.post(f"{url}/propose", json.dumps(body), content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "grade"
    body["grade"] = "qualified"
    ok = city.post(f"{url}/propose", json.dumps(body), content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["rating"]["proposed_label"] == "合格"
    assert ok.json()["may_confirm"] is False
    listed = city.get("/api/v1/reform/ratings").json()
    assert [(r["school"], r["grade_label"]) for r in listed] == [("甲大学", "合格")]
    confirm = client_for("province_admin").post(
        f"{url}/confirm", json.dumps({"version": 1}), content_type="application/json"
    )
    assert confirm.status_code == 400  # the assessment is not confirmed yet
    assert "省学联确认学校的自评后" in confirm.json()["detail"]


def test_the_ratings_list_shows_the_grade_within_the_readers_reach(province, client_for):
    rated(province)
    html = client_for("province_admin").get("/reform/ratings/").content.decode()
    assert "甲大学" in html and "已确认：合格" in html
    assert "甲大学" not in client_for("city_staff_2").get("/reform/ratings/").content.decode()
    unrated = client_for("province_admin").get("/reform/ratings/?state=unrated").content.decode()
    assert "甲大学" not in unrated
