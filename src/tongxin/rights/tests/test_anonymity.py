"""An anonymous reporter is revealed to nobody but themselves (and an unsealing advisor)."""

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.notifications.models import Notification
from tongxin.rights import services
from tongxin.rights.models import Status
from tongxin.testing.province import PERSONAS

from .factories import fresh, submit

pytestmark = pytest.mark.django_db
NAME, NUMBER = "张同学", "2024001"


@pytest.fixture
def anonymous_issue(province):
    """An anonymous issue walked through the whole loop, escalated so the city may see it."""
    issue = submit(province, anonymous=True, title="宿管态度恶劣")
    steps = [
        lambda i: services.issue_accept(
            actor=province.officer_a, issue=i, expected_version=i.version, reply="收到"
        ),
        lambda i: services.issue_refer(
            actor=province.officer_a,
            issue=i,
            expected_version=i.version,
            lead_office=province.logistics_office_a,
            co_offices=[],
        ),
        lambda i: services.issue_office_answer(
            actor=province.handler_a, issue=i, expected_version=i.version, answer="已约谈宿管"
        ),
        lambda i: services.issue_feed_back(
            actor=province.officer_a, issue=i, expected_version=i.version, feedback="已处理"
        ),
    ]
    for step in steps:
        step(fresh(issue))
    type(issue).objects.filter(pk=issue.pk).update(escalated_to_city=True)
    return fresh(issue)


def _pages_for(issue):
    return [
        "/",
        f"/rights/issues/{issue.pk}/",
        "/rights/queue/",
        "/rights/inbox/",
        "/rights/wall/",
        "/audit/",
        "/notifications/",
        f"/api/v1/rights/issues/{issue.pk}",
        "/api/v1/rights/queue",
        "/api/v1/notifications",
    ]


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "student_a"])
def test_no_page_or_api_response_reveals_the_reporter(
    province, client_for, anonymous_issue, persona
):
    client = client_for(persona)
    for url in _pages_for(anonymous_issue):
        response = client.get(url)
        body = response.content.decode()
        assert NAME not in body and NUMBER not in body, f"{persona} saw the reporter on {url}"


def test_the_reporter_sees_their_own_issue_as_theirs(province, client_for, anonymous_issue):
    page = client_for("student_a").get(f"/rights/issues/{anonymous_issue.pk}/").content.decode()
    assert anonymous_issue.title in page and 'data-testid="writer">我<' in page
    assert (
        "rate"
        in client_for("student_a")
        .get(f"/api/v1/rights/issues/{anonymous_issue.pk}")
        .json()["actions"]
    )


def test_audit_events_carry_a_pseudonym_and_no_ip(province, anonymous_issue):
    submitted = AuditEvent.objects.get(
        action="rights.issue.submitted", target_id=str(anonymous_issue.pk)
    )
    assert submitted.actor_id is None and submitted.ip is None
    assert submitted.actor_label == anonymous_issue.pseudonym
    for event in AuditEvent.objects.filter(target_id=str(anonymous_issue.pk)):
        assert (
            NAME not in str(event.data)
            and NUMBER not in str(event.data)
            and event.actor_label != NAME
        )


def test_notifications_to_others_do_not_name_the_reporter(province, anonymous_issue):
    for note in Notification.objects.exclude(recipient=province.student_a):
        assert NAME not in note.title + note.body and NUMBER not in note.title + note.body


def test_only_an_advisor_unseals_with_a_reason_the_reporter_sees(
    province, client_for, anonymous_issue
):
    page = client_for("officer_a").get(f"/rights/issues/{anonymous_issue.pk}/").content.decode()
    assert 'data-testid="action-unseal"' not in page
    advisor = client_for("advisor_a")
    advisor.post(
        f"/rights/issues/{anonymous_issue.pk}/unseal/", {"reason": "涉及人身安全，需要联系本人"}
    )
    assert NAME in advisor.get(f"/rights/issues/{anonymous_issue.pk}/").content.decode()
    # Still sealed for everyone else, the other advisor's colleagues included.
    assert (
        NAME
        not in client_for("officer_a").get(f"/rights/issues/{anonymous_issue.pk}/").content.decode()
    )
    told = Notification.objects.filter(recipient=province.student_a, title__contains="提交人身份")
    assert told.count() == 1 and "人身安全" in told.get().body
    assert AuditEvent.objects.filter(action="rights.issue.unsealed").count() == 1


def test_unsealing_needs_a_reason(province, anonymous_issue):
    from tongxin.core.errors import DomainError

    with pytest.raises(DomainError):
        services.issue_unseal(actor=province.advisor_a, issue=anonymous_issue, reason=" ")


def test_the_anonymous_reporter_still_rates(province, anonymous_issue):
    rated = services.issue_rate(
        actor=province.student_a,
        issue=anonymous_issue,
        expected_version=anonymous_issue.version,
        rating="satisfied",
    )
    assert rated.status == Status.CLOSED
