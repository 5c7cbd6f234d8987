"""The comment panel, the moderation buttons and the moderation queue."""

from django.template import RequestContext, Template
from django.test import RequestFactory

from tongxin.comments.models import Comment, Status

from .factories import approved, comment_on, issue_of


def _panel(issue) -> str:
    return f"/comments/on/rights.issue/{issue.pk}/"


def test_a_reader_submits_and_sees_their_comment_waiting(province, client_for):
    issue = issue_of(province)
    response = client_for("student_a").post(
        _panel(issue), {"text": "宿舍也一样"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "宿舍也一样" in html and "待审核" in html
    assert "宿舍也一样" not in client_for("advisor_a").get(_panel(issue)).content.decode()


def test_a_long_comment_is_refused_with_the_text_kept(province, client_for):
    response = client_for("student_a").post(
        _panel(issue_of(province)), {"text": "长" * 501}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "评论内容不能超过 500 个字" in html
    assert "长" * 501 in html and not Comment.objects.exists()


def test_a_plain_post_that_is_refused_is_a_400(province, client_for):
    response = client_for("student_a").post(_panel(issue_of(province)), {"text": ""})
    assert response.status_code == 400 and "请填写评论内容" in response.content.decode()


def test_the_panel_is_404_for_non_readers_and_unregistered_subjects(province, client_for):
    issue = issue_of(province)
    assert client_for("student_b").get(_panel(issue)).status_code == 404
    assert client_for("student_b").post(_panel(issue), {"text": "x"}).status_code == 404
    node = f"/comments/on/orgs.node/{province.school_a.pk}/"
    assert client_for("advisor_a").get(node).status_code == 404
    assert not Comment.objects.exists()


def test_the_moderator_approves_with_the_tables_button(province, client_for):
    comment = comment_on(province, issue_of(province))
    panel = client_for("officer_a").get(f"/comments/on/rights.issue/{comment.object_id}/")
    text = panel.content.decode()
    assert 'data-testid="comment-approve"' in text and 'data-testid="comment-hide"' in text
    url = f"/comments/{comment.pk}/approve/"
    response = client_for("officer_a").post(url, {"version": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'data-status="approved"' in response.content.decode()
    assert Comment.objects.get().status == Status.APPROVED


def test_moderation_by_others_is_403_for_readers_and_404_beyond(province, client_for):
    issue = issue_of(province)
    pending, shown = comment_on(province, issue), approved(province, issue)
    # A reader of the approved comment may not hide it; a pending one they do not see.
    assert client_for("advisor_a").post(f"/comments/{shown.pk}/hide/").status_code == 403
    assert client_for("advisor_a").post(f"/comments/{pending.pk}/hide/").status_code == 404
    assert client_for("student_b").post(f"/comments/{shown.pk}/hide/").status_code == 404
    assert client_for("officer_a").post(f"/comments/{pending.pk}/delete/").status_code == 404
    assert Comment.objects.get(pk=pending.pk).status == Status.SUBMITTED
    assert Comment.objects.get(pk=shown.pk).status == Status.APPROVED


def test_a_stale_button_says_so(province, client_for):
    comment = approved(province, issue_of(province))
    response = client_for("officer_a").post(
        f"/comments/{comment.pk}/hide/", {"version": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "已被他人修改" in response.content.decode()


def test_the_queue_lists_what_waits_for_this_moderator(province, client_for):
    comment_on(province, issue_of(province), text="等待审核的评论")
    queue = client_for("officer_a").get("/comments/queue/").content.decode()
    assert "等待审核的评论" in queue and "查看所评论的内容" in queue
    assert "comment-queue-empty" in client_for("advisor_a").get("/comments/queue/").content.decode()


def test_the_template_tag_shows_the_form_to_those_who_may_comment(province):
    issue = issue_of(province, anonymous=True)
    template = Template("{% load comment_tags %}{% comment_panel subject %}")

    def render(persona: str) -> str:
        request = RequestFactory().get("/")
        request.user = province.people[persona]
        return template.render(RequestContext(request, {"subject": issue}))

    assert 'name="text"' not in render("student_a")  # the anonymous reporter
    assert 'name="text"' in render("advisor_a")


def test_hostile_ids_and_steps_answer_404(province, client_for):
    client = client_for("officer_a")
    for bogus in [0, 2**63, 10**20]:
        assert client.post(f"/comments/{bogus}/approve/").status_code == 404
        assert client.get(f"/comments/on/rights.issue/{bogus}/").status_code == 404
    assert client.get("/comments/queue/", {"page": str(2**63)}).status_code == 404
