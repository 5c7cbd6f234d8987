"""The moderator's pending comments in the one to-do list."""

from tongxin.comments import services

from .factories import comment_on, issue_of


def test_the_moderator_finds_pending_comments_in_the_todo_list(province, client_for):
    comment = comment_on(province, issue_of(province), text="请问什么时候处理")
    html = client_for("officer_a").get("/todo/").content.decode()
    assert "评论待审核" in html and "请问什么时候处理" in html and 'href="/comments/queue/"' in html
    services.comment_approve(actor=province.officer_a, comment=comment, expected_version=1)
    assert "评论待审核" not in client_for("officer_a").get("/todo/").content.decode()


def test_readers_who_do_not_moderate_find_nothing(province, client_for):
    comment_on(province, issue_of(province))
    for persona in ["student_a", "advisor_a"]:
        assert "评论待审核" not in client_for(persona).get("/todo/").content.decode()
