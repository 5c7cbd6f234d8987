"""Readers see approved comments, an author also their own, the moderator all of them; the
selectors return exactly what the rules allow, for every persona."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.comments import services
from tongxin.comments.models import Comment
from tongxin.comments.selectors import awaiting_moderation, comment_list_for
from tongxin.core.authz import can
from tongxin.testing.matrix import EVERYONE

from .factories import approved, comment_on, issue_of

READERS = {"student_a", "officer_a", "advisor_a"}


@pytest.fixture
def thread(province):
    """On one issue: an approved comment and a pending one of student A's, a pending one of
    the advisor's, a hidden one of student A's; and a pending one in school B."""
    issue = issue_of(province)
    approved(province, issue)
    comment_on(province, issue, text="还在等")
    comment_on(province, issue, persona="advisor_a", text="已督促")
    hidden = comment_on(province, issue, text="不当言论")
    services.comment_hide(actor=province.officer_a, comment=hidden, expected_version=1)
    other = issue_of(province, student="student_b", title="乙校的事")
    comment_on(province, other, persona="student_b")
    return issue


@pytest.mark.parametrize("persona", EVERYONE)
def test_what_each_persona_sees_is_what_the_rule_allows(province, thread, persona):
    user = province.people[persona]
    every = list(Comment.objects.filter(object_id=thread.pk))
    allowed = {c.pk for c in every if can(user, "comments.view_comment", c)}
    if persona in READERS:
        assert {c.pk for c in comment_list_for(actor=user, subject=thread)} == allowed
    expected = {
        "student_a": {"approved", "submitted", "hidden"},  # their own, and the approved one
        "officer_a": {"approved", "submitted", "hidden"},
        "advisor_a": {"approved", "submitted"},  # the approved one and their own
    }.get(persona, set())
    assert {c.status for c in every if c.pk in allowed} == expected
    if persona == "advisor_a":
        assert len(allowed) == 2


@pytest.mark.parametrize("persona", [*EVERYONE, "student_b", "officer_b", "advisor_b"])
def test_the_moderation_queue_is_what_the_rule_allows(province, thread, persona):
    user = province.people[persona]
    pending = awaiting_moderation(actor=user)
    found = set() if pending is None else {c.pk for c in pending}
    every = Comment.objects.filter(status="submitted")
    assert found == {c.pk for c in every if can(user, "comments.moderate_comment", c)}
    assert bool(found) is (persona in {"officer_a", "officer_b"})


def test_someone_who_moderates_nothing_costs_no_query(province):
    awaiting_moderation(actor=province.student_a)  # loads their grants, as any page has
    with CaptureQueriesContext(connection) as queries:
        assert awaiting_moderation(actor=province.student_a) is None
    assert len(queries) == 0


def test_an_unregistered_object_takes_no_comments(province):
    assert not can(province.advisor_a, "comments.add_comment", province.school_a)
