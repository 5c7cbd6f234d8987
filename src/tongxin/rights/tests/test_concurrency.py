"""Two handlers acting on the same issue at once: one wins, the other is told it changed."""

import threading

import pytest
from django.db import connection

from tongxin.core.errors import StaleObject
from tongxin.rights import services
from tongxin.rights.models import Issue, IssueEvent, Status

from .factories import submit


@pytest.mark.django_db(transaction=True)
def test_concurrent_transitions_lose_no_update(province):
    issue = submit(province)
    version = issue.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def act(name, run):
        barrier.wait()
        try:
            run(Issue.objects.get(pk=issue.pk))
            outcomes[name] = "won"
        except StaleObject:
            outcomes[name] = "stale"
        finally:
            connection.close()

    def accept(i):
        return services.issue_accept(
            actor=province.officer_a,
            issue=i,
            expected_version=version,
            reply="受理",
        )

    def decline(i):
        return services.issue_decline(
            actor=province.officer_a,
            issue=i,
            expected_version=version,
            reason="unclear",
            explanation="不清楚",
        )

    threads = [
        threading.Thread(target=act, args=("accept", accept)),
        threading.Thread(target=act, args=("decline", decline)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes.values()) == ["stale", "won"]
    final = Issue.objects.get(pk=issue.pk)
    winner = next(name for name, result in outcomes.items() if result == "won")
    assert final.status == (Status.ACCEPTED if winner == "accept" else Status.NOT_HANDLED)
    assert final.version == version + 1
    assert IssueEvent.objects.filter(issue=final).exclude(kind="submitted").count() == 1
