"""The serving view, the panel and delete: 404 for missing and not-readable alike, no
sniffing, pictures stored and served without EXIF."""

import io

from django.template import RequestContext, Template
from django.test import RequestFactory
from PIL import Image

from tongxin.attachments.models import Attachment

from .factories import attached, fake, issue_of, jpeg_with_gps, pdf


def _panel_url(issue) -> str:
    return f"/attachments/on/rights.issue/{issue.pk}/"


def test_a_reader_downloads_a_document_as_a_named_attachment(province, client_for):
    attachment = attached(province, issue_of(province))
    response = client_for("advisor_a").get(f"/attachments/files/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "%E8%AF%B4%E6%98%8E.pdf" in response["Content-Disposition"]  # 说明.pdf
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_non_reader_gets_the_same_404_as_for_a_missing_file(province, client_for):
    attachment = attached(province, issue_of(province))
    for persona in ["student_b", "handler_a", "city_staff_1"]:
        assert client_for(persona).get(f"/attachments/files/{attachment.pk}/").status_code == 404
    missing = client_for("advisor_a").get(f"/attachments/files/{attachment.pk + 99}/")
    assert missing.status_code == 404


def test_an_uploaded_picture_is_served_inline_without_exif_or_gps(province, client_for):
    issue = issue_of(province)
    response = client_for("student_a").post(
        _panel_url(issue), {"file": jpeg_with_gps()}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "现场.jpg" in response.content.decode()
    attachment = Attachment.objects.get()
    served = client_for("officer_a").get(f"/attachments/files/{attachment.pk}/")
    assert served["Content-Type"] == "image/jpeg"
    assert served["Content-Disposition"].startswith("inline;")
    data = b"".join(served.streaming_content)
    assert b"Exif" not in data and b"TestCam" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert len(image.getexif()) == 0 and not image.getexif().get_ifd(0x8825)


def test_a_refused_upload_names_the_file_and_stores_nothing(province, client_for):
    issue = issue_of(province)
    response = client_for("student_a").post(
        _panel_url(issue), {"file": fake("病毒.exe", b"MZ\x90")}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200  # htmx swaps only 2xx answers
    assert "文件“病毒.exe”的类型不受支持" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_post_without_a_file_says_so(province, client_for):
    response = client_for("student_a").post(_panel_url(issue_of(province)), {})
    assert response.status_code == 400 and "请选择要上传的文件" in response.content.decode()


def test_a_plain_form_post_goes_back_to_its_page(province, client_for):
    issue = issue_of(province)
    back = f"/rights/issues/{issue.pk}/"
    response = client_for("student_a").post(_panel_url(issue), {"file": pdf(), "next": back})
    assert response.status_code == 302 and response["Location"] == back
    evil = client_for("student_a").post(
        _panel_url(issue), {"file": pdf(), "next": "https://evil.example/"}
    )
    assert evil.status_code == 200  # not sent off-site: the panel instead


def test_the_panel_answers_404_for_unregistered_or_unread_subjects(province, client_for):
    issue = issue_of(province)
    assert client_for("student_b").get(_panel_url(issue)).status_code == 404
    assert client_for("student_b").post(_panel_url(issue), {"file": pdf()}).status_code == 404
    node = f"/attachments/on/orgs.node/{province.school_a.pk}/"
    assert client_for("advisor_a").get(node).status_code == 404
    assert client_for("advisor_a").get("/attachments/on/nonsense/1/").status_code == 404
    assert not Attachment.objects.exists()


def test_delete_through_the_panel(province, client_for):
    attachment = attached(province, issue_of(province))
    url = f"/attachments/files/{attachment.pk}/delete/"
    assert client_for("advisor_a").post(url, HTTP_HX_REQUEST="true").status_code == 403
    assert client_for("student_b").post(url).status_code == 404
    response = client_for("student_a").post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "暂无附件" in response.content.decode()
    assert not Attachment.objects.exists()


def test_the_template_tag_shows_the_form_only_to_those_who_may_add(province):
    issue = issue_of(province)
    attached(province, issue)
    template = Template("{% load attachment_tags %}{% attachment_panel subject %}")

    def render(persona: str) -> str:
        request = RequestFactory().get(f"/rights/issues/{issue.pk}/")
        request.user = province.people[persona]
        return template.render(RequestContext(request, {"subject": issue}))

    mine = render("student_a")
    assert "说明.pdf" in mine and 'name="file"' in mine and "删除" in mine
    advisor = render("advisor_a")
    assert 'name="file"' in advisor and "删除" not in advisor


def test_hostile_ids_and_keys_answer_404(province, client_for):
    client = client_for("advisor_a")
    for bogus in [0, 2**63, 10**20]:
        assert client.get(f"/attachments/files/{bogus}/").status_code == 404
        assert client.post(f"/attachments/files/{bogus}/delete/").status_code == 404
        assert client.get(f"/attachments/on/rights.issue/{bogus}/").status_code == 404
    assert client.get("/attachments/on/..%2F/1/").status_code == 404
