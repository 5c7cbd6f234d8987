"""The printed logins' issues (scripts.py), taken through the rights services themselves.

    IssueSpec (planned like every other issue: moments, people, words)
        ──► for each timeline line, oldest first, with the clock moved to its moment:
            submitted ──► issue_submit + issue_announce (the worker's half, at once)
            accepted / started / referred / answered / fed_back / rated / reopened /
            withdrawn / declined / merged / published / supported ──► the matching service
            reminded / escalated ──► clock_escalate (the worker's job) on the running clock

They are played before the bulk year is written as stored rows (writer.py), so the
services never see later issues (a student's submissions "today"). These few issues are
the ones the printed logins open first, so they carry exactly what production writes:
the clocks, the timeline, the audit events and the notifications of the services, dated
when the story says. The plan still decides who acts, when and with which words, so the
story reads the same as before and the same seed builds the same province (the anonymous
pseudonym is the plan's, not a fresh random one).
"""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.rights import services as rights
from tongxin.rights.models import Issue, IssueCategory, IssueClock, Rating, Status
from tongxin.rights.services import submission

from .issues import SYSTEM, EventSpec, IssueSpec

Pks = dict[int, int]  # plan index ──► issue id


@contextmanager
def moved_clock(moment: datetime.datetime) -> Iterator[None]:
    """Every `timezone.now()` the services (and the audit, the notifications, auto_now
    fields) read is `moment`. The demo build runs alone in its process, so patching the
    one function they all call is safe; nothing else would let a past step be taken. In
    UTC, as the real one answers (the audit chain hashes the moment as written)."""
    utc = moment.astimezone(datetime.UTC)
    with mock.patch.object(timezone, "now", lambda: utc):
        yield


def _not_later(issue_id: int) -> None:
    """Stands in for issue_submit's hand-over to the worker: the replay makes the
    announcement at once (at the submission's moment) instead of leaving a task that would
    announce it again, at the real time, after the build."""
    return None


class Replay:
    def __init__(self, ids: Any, pks: Pks) -> None:
        self.ids, self.pks = ids, pks
        self.users: dict[str, User] = {}

    def user(self, username: str) -> User:
        if username not in self.users:
            self.users[username] = User.objects.get(pk=self.ids.user(username))
        return self.users[username]

    def actor(self, spec: IssueSpec, event: EventSpec) -> User:
        """The person behind a line: an anonymous reporter's lines name no one."""
        return self.user(event.actor or spec.reporter)

    def play(self, spec: IssueSpec) -> Issue:
        issue: Issue | None = None
        for event in sorted(spec.events, key=lambda e: e.at):
            step = STEPS.get(event.kind)
            if step is None:
                raise ValueError(f"no service replays a scripted “{event.kind}” line")
            with moved_clock(event.at):
                step(self, spec, issue, event)
                issue = Issue.objects.get(pk=self.pks[spec.index])
        assert issue is not None
        return issue


Step = Callable[[Replay, IssueSpec, Any, EventSpec], object]


def _submitted(r: Replay, spec: IssueSpec, _issue: Any, event: EventSpec) -> None:
    category = IssueCategory(pk=r.ids.categories[spec.category])
    with (
        mock.patch.object(submission, "new_pseudonym", lambda: spec.pseudonym),
        mock.patch.object(submission, "announce_submitted_later", _not_later),
    ):
        issue = rights.issue_submit(
            actor=r.actor(spec, event),
            category=category,
            title=spec.title,
            description=spec.description,
            place=spec.place,
            anonymous=spec.anonymous,
            publication_consent=spec.consent,
        )
    r.pks[spec.index] = issue.pk
    rights.issue_announce(Issue.objects.select_related("school").get(pk=issue.pk))


def _versioned(service: Callable[..., object], **fixed: object) -> Step:
    """A handling step with the actor of the line and the issue's current version."""

    def step(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
        return service(
            actor=r.actor(spec, event), issue=issue, expected_version=issue.version, **fixed
        )

    return step


def _accepted(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
    return _versioned(rights.issue_accept, reply=event.text)(r, spec, issue, event)


def _referred(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
    nodes = r.ids.nodes
    assert spec.lead_office is not None, "a referral names its office"
    return rights.issue_refer(
        actor=r.actor(spec, event),
        issue=issue,
        expected_version=issue.version,
        lead_office=nodes[spec.lead_office],
        co_offices=[nodes[key] for key in spec.co_offices],
        note=event.text,
    )


def _office_input(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
    given = next(i for i in spec.inputs if i.author == event.actor and i.at == event.at)
    return rights.issue_add_office_input(
        actor=r.actor(spec, event), issue=issue, office=r.ids.nodes[given.office], text=event.text
    )


def _answered(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
    referred = issue.status == Status.REFERRED
    service = rights.issue_office_answer if referred else rights.issue_answer
    return _versioned(service, answer=event.text)(r, spec, issue, event)


def _fed_back(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
    return _versioned(rights.issue_feed_back, feedback=event.text)(r, spec, issue, event)


def _rated(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
    reason = spec.rating_reason if spec.rating == Rating.DISSATISFIED else ""
    return _versioned(rights.issue_rate, rating=spec.rating, reason=reason)(r, spec, issue, event)


def _reopened(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
    step = _versioned(rights.issue_rate, rating=Rating.DISSATISFIED, reason=event.text)
    return step(r, spec, issue, event)


def _declined(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
    step = _versioned(
        rights.issue_decline, reason=spec.decline_reason, explanation=spec.first_reply
    )
    return step(r, spec, issue, event)


def _merged(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
    assert spec.merged_into is not None, "a merge names its target"
    into = Issue.objects.get(pk=r.pks[spec.merged_into])  # an earlier scripted issue
    return _versioned(rights.issue_merge, into=into)(r, spec, issue, event)


def _supported(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
    return rights.issue_support(actor=r.actor(spec, event), issue=issue)


def _worker_escalates(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
    """The clocks job's pass at the line's moment: one rung up on the running clock."""
    run = IssueClock.objects.get(issue=issue, stopped_at__isnull=True)
    return rights.clock_escalate(actor=r.user(SYSTEM), clock=run, now=event.at)


def _auto_closed(r: Replay, spec: IssueSpec, issue: Issue, event: EventSpec) -> object:
    return rights.issue_auto_close(actor=r.user(SYSTEM), issue=issue, now=event.at)


STEPS: dict[str, Step] = {
    "submitted": _submitted,
    "accepted": _accepted,
    "started": _versioned(rights.issue_start),
    "referred": _referred,
    "office_input_added": _office_input,
    "answered": _answered,
    "fed_back": _fed_back,
    "rated": _rated,
    "reopened": _reopened,
    "withdrawn": _versioned(rights.issue_withdraw),
    "declined": _declined,
    "merged": _merged,
    "published": _versioned(rights.issue_publish),
    "supported": _supported,
    "reminded": _worker_escalates,
    "escalated": _worker_escalates,
    "auto_closed": _auto_closed,
}


def replay_issues(specs: list[IssueSpec], ids: Any, pks: Pks) -> int:
    """Play `specs` through the services in the order they were submitted (a merge finds
    its target, an earlier scripted issue, written); returns how many. `pks` gains their
    ids."""
    replay = Replay(ids, pks)
    for spec in sorted(specs, key=lambda s: s.submitted_at):
        replay.play(spec)
    return len(specs)
