"""The audit event names the membership the actor acted under (issue 9, item 5): a union
president answers as president of her union, not as a student of her class; the unseal
event carries its reason (and never the identity it revealed)."""

import pytest
from django.db import transaction

from tongxin.accounts.models import Membership, Role
from tongxin.audit import services as audit
from tongxin.audit.models import AuditEvent
from tongxin.rights import services
from tongxin.rights.models import Status
from tongxin.rights.tests.factories import fresh, submit, walk


@pytest.fixture
def president_is_a_student_first(province):
    """As in every real school (and the demo): the president is a student of her class,
    a membership older than her union post."""
    officer = province.officer_a
    post = Membership.objects.get(user=officer, role=Role.OFFICER)
    Membership.objects.create(
        user=officer,
        node=province.class_a1,
        school=province.school_a,
        role=Role.STUDENT,
        start=post.start,
    )
    post.pk = None
    post.save()  # the union post is now the newer membership
    Membership.objects.filter(user=officer, role=Role.OFFICER).exclude(pk=post.pk).delete()
    province.people["officer_a"] = type(officer).objects.get(pk=officer.pk)
    return province


def _acting(action: str) -> tuple[str, int | None]:
    event = AuditEvent.objects.filter(action=action).latest("id")
    return event.acting_role, event.acting_node_id


def test_the_presidents_transitions_name_her_union_post(president_is_a_student_first):
    p = president_is_a_student_first
    president = p.people["officer_a"]
    issue = walk(p, Status.ACCEPTED)
    services.issue_refer(
        actor=president,
        issue=issue,
        expected_version=issue.version,
        lead_office=p.logistics_office_a,
        co_offices=[],
    )
    issue = fresh(issue)
    services.issue_office_answer(
        actor=p.handler_a, issue=issue, expected_version=issue.version, answer="已恢复原价。"
    )
    issue = fresh(issue)
    services.issue_feed_back(
        actor=president, issue=issue, expected_version=issue.version, feedback="已恢复。"
    )
    union = ("officer", p.union_a.pk)
    for action in ["rights.issue.accepted", "rights.issue.referred", "rights.issue.fed_back"]:
        assert _acting(action) == union, action
    assert _acting("rights.issue.submitted") == ("student", p.class_a1.pk)


def test_the_president_rating_her_own_issue_acts_as_a_student(president_is_a_student_first):
    p = president_is_a_student_first
    issue = submit(p, student="officer_a")
    assert _acting("rights.issue.submitted") == ("student", p.class_a1.pk)
    services.issue_accept(
        actor=p.people["officer_a"], issue=issue, expected_version=issue.version, reply="收到。"
    )
    assert _acting("rights.issue.accepted") == ("officer", p.union_a.pk)


def test_the_office_handler_answers_as_the_referred_office(province):
    walk(province, Status.ANSWERED)
    assert _acting("rights.issue.answered") == ("office_handler", province.logistics_office_a.pk)


def test_the_unseal_event_carries_the_reason_and_never_the_identity(province):
    issue = submit(province, anonymous=True, title="宿管态度恶劣")
    services.issue_unseal(actor=province.advisor_a, issue=issue, reason="涉及人身安全")
    event = AuditEvent.objects.get(action="rights.issue.unsealed")
    assert event.data == {"reason": "涉及人身安全"}
    assert (event.acting_role, event.acting_node_id) == ("advisor", province.school_a.pk)
    assert event.target_type == "rights.issue" and event.target_id == str(issue.pk)
    assert province.student_a.real_name not in f"{event.data} {event.actor_label}"
    assert audit.verify_chains()[1] == []


def test_without_a_word_from_the_service_a_post_comes_before_the_student(
    president_is_a_student_first,
):
    p = president_is_a_student_first
    with transaction.atomic():
        event = audit.record(
            actor=p.people["officer_a"], action="orgs.node.renamed", target=p.union_a
        )
    assert (event.acting_role, event.acting_node_id) == ("officer", p.union_a.pk)
