"""A walk of the comment's transition table: each moderation service refuses every state
the table does not allow and ends where the table says; the buttons are the table's."""

import pytest

from tongxin.comments import services
from tongxin.comments.machine import COMMENT
from tongxin.comments.models import Comment, Status
from tongxin.core.errors import DomainError

from .factories import comment_on, issue_of

SERVICES = {"approve": services.comment_approve, "hide": services.comment_hide}


def _in_state(province, state: str) -> Comment:
    comment = comment_on(province, issue_of(province))
    Comment.objects.filter(pk=comment.pk).update(status=state)
    return Comment.objects.get(pk=comment.pk)


def test_every_moderation_step_has_a_service():
    assert {a.name for a in COMMENT.actions if a.on_page} == set(SERVICES)


def test_hidden_is_final():
    assert COMMENT.states_without_exit() == {Status.HIDDEN}


@pytest.mark.parametrize("name", sorted(SERVICES))
@pytest.mark.parametrize("state", Status.values)
def test_each_step_is_taken_exactly_from_the_states_of_the_table(province, name, state):
    comment = _in_state(province, state)
    action = COMMENT.action(name)
    step = SERVICES[name]
    if state in action.src:
        done = step(actor=province.officer_a, comment=comment, expected_version=comment.version)
        assert done.status in action.dst and done.version == comment.version + 1
    else:
        with pytest.raises(DomainError, match="当前状态为"):
            step(actor=province.officer_a, comment=comment, expected_version=comment.version)
        assert Comment.objects.get(pk=comment.pk).status == state


@pytest.mark.parametrize("state", Status.values)
def test_the_buttons_are_the_tables(province, state):
    comment = _in_state(province, state)
    expected = [a.name for a in COMMENT.offered(state) if a.on_page]
    assert COMMENT.allowed(province.officer_a, comment) == expected
    for persona in ["student_a", "advisor_a", "student_b"]:
        assert COMMENT.allowed(province.people[persona], comment) == []


@pytest.mark.parametrize("state", Status.values)
def test_the_panel_shows_exactly_the_allowed_buttons(province, client_for, state):
    comment = _in_state(province, state)
    html = client_for("officer_a").get(f"/comments/on/rights.issue/{comment.object_id}/")
    shown = {a.name for a in COMMENT.actions if f'data-testid="comment-{a.name}"' in html.text}
    assert shown == set(COMMENT.allowed(province.officer_a, comment))
