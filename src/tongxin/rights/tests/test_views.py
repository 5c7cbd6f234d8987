import io

import pytest
from PIL import Image

from tongxin.rights.models import Issue, IssuePhoto, Status

from .factories import category, fresh, submit, tiny_jpeg, walk

pytestmark = pytest.mark.django_db


def _form(**extra):
    data = {
        "category": category().pk,
        "title": "澡堂热水时有时无",
        "description": "晚上九点后热水经常中断。",
        "place": "三号澡堂",
        "publication_consent": "on",
    }
    data.update(extra)
    return data


def test_student_submits_from_the_form_and_lands_on_the_issue(province, client_for):
    response = client_for("student_a").post("/rights/submit/", _form(photos=[tiny_jpeg()]))
    issue = Issue.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/rights/issues/{issue.pk}/"
    assert issue.submitter == province.student_a and issue.photos.count() == 1


def test_stored_photos_carry_no_exif(province, client_for):
    client_for("student_a").post("/rights/submit/", _form(photos=[tiny_jpeg(exif_gps=True)]))
    photo = IssuePhoto.objects.get()
    with photo.image.open("rb") as stored, Image.open(io.BytesIO(stored.read())) as image:
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
        assert "exif" not in image.info


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"title": ""}, "请填写标题"),
        ({"description": "字" * 2001}, "不能超过 2000 个字"),
        ({"category": "99999"}, "未知的类别"),
        ({"photos": [tiny_jpeg() for _ in range(7)]}, "最多上传 6 张"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_saves_nothing(province, client_for, extra, message):
    response = client_for("student_a").post("/rights/submit/", _form(**extra))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Issue.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_by_its_content(province, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client_for("student_a").post("/rights/submit/", _form(photos=[fake]))
    assert "不是有效的图片" in response.content.decode()
    assert not Issue.objects.exists()
    assert not IssuePhoto.objects.exists()


def test_an_oversized_photo_is_refused(province, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("big.jpg", b"0" * (5 * 1024 * 1024 + 1), content_type="image/jpeg")
    response = client_for("student_a").post("/rights/submit/", _form(photos=[big]))
    assert "超过 5 MB" in response.content.decode()
    assert not Issue.objects.exists()


def test_officer_moves_the_issue_through_the_page(province, client_for):
    issue = submit(province)
    client = client_for("officer_a")
    page = client.get(f"/rights/issues/{issue.pk}/").content.decode()
    assert 'data-testid="action-accept"' in page and 'data-testid="action-refer"' not in page
    client.post(f"/rights/issues/{issue.pk}/accept/", {"version": issue.version, "reply": "已收到"})
    issue = fresh(issue)
    assert issue.status == Status.ACCEPTED
    client.post(
        f"/rights/issues/{issue.pk}/refer/",
        {"version": issue.version, "lead_office": province.logistics_office_a.pk},
    )
    assert fresh(issue).status == Status.REFERRED


def test_a_stale_form_tells_the_officer_the_issue_changed(province, client_for):
    issue = submit(province)
    client = client_for("officer_a")
    client.post(f"/rights/issues/{issue.pk}/accept/", {"version": issue.version, "reply": "先到"})
    response = client.post(
        f"/rights/issues/{issue.pk}/decline/",
        {"version": issue.version, "reason": "unclear", "explanation": "后到"},
        follow=True,
    )
    assert "已被他人修改" in response.content.decode()
    assert fresh(issue).status == Status.ACCEPTED


def test_the_reporter_sees_the_timeline_without_internal_notes(province, client_for):
    issue = walk(province, Status.REFERRED)
    from tongxin.rights import services

    services.issue_return(
        actor=province.handler_a,
        issue=fresh(issue),
        expected_version=fresh(issue).version,
        reason="内部说明：不归后勤管",
    )
    student_page = client_for("student_a").get(f"/rights/issues/{issue.pk}/").content.decode()
    officer_page = client_for("officer_a").get(f"/rights/issues/{issue.pk}/").content.decode()
    assert "不归后勤管" not in student_page and "不归后勤管" in officer_page
    assert "已受理" in student_page


def test_queue_filters_by_category_and_overdue(province, client_for):
    canteen = submit(province)
    dorm = submit(province, category_name="宿舍与水电", title="宿舍断电")
    Issue.objects.filter(pk=dorm.pk).update(due_at="2020-01-01T00:00:00Z")
    client = client_for("officer_a")
    page = client.get(f"/rights/queue/?category={category().pk}").content.decode()
    assert canteen.title in page and dorm.title not in page
    page = client.get("/rights/queue/?overdue=on").content.decode()
    assert dorm.title in page and canteen.title not in page


def test_bulk_accept_reports_each_refusal(province, client_for):
    first, second = submit(province), submit(province, title="第二条")
    walk_other = walk(province, Status.ACCEPTED, title="已受理的")
    response = client_for("officer_a").post(
        "/rights/queue/bulk/",
        {"operation": "accept", "issues": [first.pk, second.pk, walk_other.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "已处理 2 条" in page and "已受理的" in page
    assert fresh(first).status == fresh(second).status == Status.ACCEPTED


def test_bulk_assign_to_a_union_member(province, client_for):
    issue = submit(province)
    client_for("officer_a").post(
        "/rights/queue/bulk/",
        {"operation": "assign", "issues": [issue.pk], "assignee": province.officer_a.pk},
    )
    assert fresh(issue).assignee == province.officer_a


@pytest.mark.parametrize("assignee", ["abc", "", "student_b"])
def test_bulk_assign_to_nobody_or_a_stranger_is_refused(province, client_for, assignee):
    issue = submit(province)
    chosen = province.people[assignee].pk if assignee in province.people else assignee
    response = client_for("officer_a").post(
        "/rights/queue/bulk/",
        {"operation": "assign", "issues": [issue.pk], "assignee": chosen},
        follow=True,
    )
    assert response.status_code == 200
    assert "请选择承办人" in response.content.decode()
    assert fresh(issue).assignee is None


def test_similar_issues_offer_title_and_state_never_the_writer(province, client_for):
    submit(province, title="二食堂晚餐涨价")
    submit(province, title="二食堂涨价没通知", publication_consent=False)  # never offered
    page = client_for("student_a2").get("/rights/similar/?title=食堂晚餐又涨价").content.decode()
    assert "二食堂晚餐涨价" in page and "没通知" not in page
    assert "张同学" not in page and "2024001" not in page


def test_me_too_adds_support_from_the_similar_list(province, client_for):
    issue = submit(province)
    response = client_for("student_a2").post(
        f"/rights/issues/{issue.pk}/support/", HTTP_HX_REQUEST="true"
    )
    assert "已附议" in response.content.decode()
    assert fresh(issue).supporters_count == 1


def test_echo_wall_shows_published_answers_without_the_writer(province, client_for):
    from tongxin.rights import services

    issue = walk(province, Status.FED_BACK)
    services.issue_publish(actor=province.officer_a, issue=issue, expected_version=issue.version)
    page = client_for("student_a2").get("/rights/wall/").content.decode()
    assert issue.title in page and "已恢复原价" in page
    assert "张同学" not in page and "2024001" not in page
    assert issue.title not in client_for("student_b").get("/rights/wall/").content.decode()


def test_advisor_maps_a_category_to_college_unions(province, client_for):
    from tongxin.rights.models import CategoryRoute

    response = client_for("advisor_a").post(
        "/rights/settings/",
        {
            "first_reply_hours": 24,
            "decide_workdays": 3,
            "answer_workdays": 5,
            "urgent_answer_workdays": 2,
            "feedback_workdays": 1,
            "auto_close_days": 7,
            "daily_submission_limit": 10,
            "routes": [category("宿舍与水电").pk],
        },
    )
    assert response.status_code == 302
    assert list(CategoryRoute.objects.values_list("category__name", flat=True)) == ["宿舍与水电"]


def test_a_queue_filter_beyond_64_bits_is_named_and_dropped_not_a_500(province, client_for):
    """Issue 9 item 6: `?category=9223372036854775808` reached the database and failed."""
    response = client_for("officer_a").get(
        "/rights/queue/", {"category": str(2**63), "college": "1", "page": "0"}
    )
    assert response.status_code == 200
    assert "类别：编号超出范围。" in response.content.decode()
    assert response.context["filter"].category is None
    assert response.context["filter"].college == 1
