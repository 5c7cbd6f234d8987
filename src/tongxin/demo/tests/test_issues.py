"""The demo's year of rights issues in the database, at a tiny scale: every state, and
timelines, clocks and fields that agree the way the rights services would leave them."""

import datetime
from collections import Counter, defaultdict
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Count, F
from django.test import Client
from django.utils import timezone

from tongxin.accounts.models import Role, User
from tongxin.audit.models import AuditEvent
from tongxin.demo.build import build_demo
from tongxin.notifications.models import Notification
from tongxin.rights.generator.issues import VERSIONED_KINDS
from tongxin.rights.models import (
    Clock,
    Issue,
    IssueClock,
    IssueEvent,
    IssueGram,
    IssueSupport,
    Rating,
    SealedIdentity,
    Status,
)
from tongxin.rights.selectors import QueueFilter, inbox_for, issue_list_for, my_issues, queue_for
from tongxin.rights.services.clocks import due_for
from tongxin.rights.settings import settings_for
from tongxin.rights.similarity import grams
from tongxin.stats.fold import fold_rights_activity, rollups_reset
from tongxin.stats.models import DailyRollup, DurationBucket
from tongxin.workdays.calendar import local_zone

TINY: dict[str, Any] = {"cities": 2, "schools": 3, "students": 60, "issues": 150}
REPORTER_KINDS = {"submitted", "withdrawn", "rated", "reopened"}
CLOSING = {
    Status.CLOSED: {"rated", "auto_closed"},
    Status.NOT_HANDLED: {"declined"},
    Status.MERGED: {"merged"},
    Status.WITHDRAWN: {"withdrawn"},
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> dict[str, Any]:
    result = build_demo(**TINY)
    return {login.role: User.objects.get(pk=login.user_id) for login in result.logins}


def _midnight() -> datetime.datetime:
    return datetime.datetime.combine(timezone.localdate(), datetime.time(0), tzinfo=local_zone())


def _timelines() -> dict[int, list[IssueEvent]]:
    events: dict[int, list[IssueEvent]] = defaultdict(list)
    for event in IssueEvent.objects.order_by("id"):
        events[event.issue_id].append(event)
    return events


def _clocks() -> dict[int, list[IssueClock]]:
    clocks: dict[int, list[IssueClock]] = defaultdict(list)
    for clock in IssueClock.objects.order_by("started_at", "id"):
        clocks[clock.issue_id].append(clock)
    return clocks


def test_every_state_occurs_and_most_old_issues_are_closed(demo):
    statuses = Counter(Issue.objects.values_list("status", flat=True))
    assert set(statuses) == set(Status.values)
    assert statuses[Status.CLOSED] > sum(statuses.values()) / 2
    ratings = Counter(Issue.objects.filter(status=Status.CLOSED).values_list("rating", flat=True))
    assert ratings[Rating.SATISFIED] + ratings[Rating.BASICALLY] > ratings[Rating.UNRATED]
    assert Issue.objects.filter(flagged_to_advisor=True, rating=Rating.DISSATISFIED).exists()
    assert Issue.objects.count() >= TINY["issues"]


def test_stored_moments_are_the_generated_ones(demo):
    """bulk_create stamps "now"; every stored moment lies in the year before today."""
    until = _midnight()
    for model in (Issue, IssueEvent, IssueSupport):
        latest = model.objects.order_by("-created_at").values_list("created_at", flat=True)[0]
        assert latest < until, model
    assert Issue.objects.order_by("-updated_at")[0].updated_at < until
    submitted = IssueEvent.objects.filter(kind="submitted")
    assert submitted.count() == Issue.objects.count()
    assert not submitted.exclude(created_at=F("issue__created_at")).exists()
    # In the bulk year ids follow time; the printed logins' stories, taken through the
    # services before it (the only issues with audit events), come first, each in its order.
    scripted = set(_scripted().values_list("pk", flat=True))
    assert scripted
    events = IssueEvent.objects.order_by("id")
    bulk = list(events.exclude(issue__in=scripted).values_list("created_at", flat=True))
    assert bulk == sorted(bulk)
    last_scripted = events.filter(issue__in=scripted).values_list("id", flat=True).last()
    assert not events.filter(id__lt=last_scripted).exclude(issue__in=scripted).exists()
    for pk in scripted:
        moments = list(events.filter(issue=pk).values_list("created_at", flat=True))
        assert moments == sorted(moments)


def _scripted() -> Any:
    """The printed logins' issues: the ones the rights services wrote (with audit events)."""
    audited = AuditEvent.objects.filter(action="rights.issue.submitted").values("target_id")
    return Issue.objects.filter(pk__in=[int(row["target_id"]) for row in audited])


def _check_fields(issue: Issue, events: list[IssueEvent]) -> None:
    kinds = [event.kind for event in events]
    assert kinds[0] == "submitted"
    assert issue.version == 1 + sum(kind in VERSIONED_KINDS for kind in kinds)
    assert issue.updated_at == max(
        [e.created_at for e in events if e.kind in VERSIONED_KINDS], default=issue.created_at
    )
    last = {event.kind: event.created_at for event in events}
    if issue.status in CLOSING:
        closing = [e for e in events if e.kind in CLOSING[Status(issue.status)]]
        assert closing and closing[-1].created_at == issue.closed_at, issue.status
    else:
        assert issue.closed_at is None
    assert issue.answered_at == last.get("answered")
    assert issue.fed_back_at == last.get("fed_back")
    assert (issue.published_at is not None) == ("published" in kinds)
    if issue.published_at:
        assert issue.publication_consent and issue.answered_at
        assert issue.status in {Status.ANSWERED, Status.FED_BACK, Status.CLOSED}
    if issue.status == Status.CLOSED:
        assert (issue.rating == Rating.UNRATED) == ("auto_closed" in kinds)
    assert (issue.rating == Rating.DISSATISFIED) == issue.flagged_to_advisor
    assert issue.dissatisfied_count == kinds.count("reopened") + issue.flagged_to_advisor


def test_fields_agree_with_the_timeline(demo):
    timelines = _timelines()
    for issue in Issue.objects.all():
        _check_fields(issue, timelines[issue.pk])


def _check_clocks(issue: Issue, clocks: list[IssueClock]) -> None:
    cfg = settings_for(issue.school_id)
    assert clocks[0].clock == Clock.FIRST_REPLY and clocks[0].started_at == issue.created_at
    for clock in clocks:
        assert clock.due_at == due_for(clock.clock, clock.started_at, issue, cfg)
    running = [clock for clock in clocks if clock.stopped_at is None]
    assert len(running) <= 1
    assert [c for c in clocks if c.stopped_at is not None] == clocks[: len(clocks) - len(running)]
    assert issue.due_at == (running[0].due_at if running else None)
    assert issue.escalation_level == (running[0].escalation_level if running else 0)
    assert issue.escalated_to_city == any(clock.escalation_level == 4 for clock in clocks)
    if issue.is_open and issue.status != Status.FED_BACK:
        assert running, issue.status
    if not issue.is_open or issue.status == Status.FED_BACK:
        assert not running, issue.status


def test_clocks_run_as_the_services_run_them(demo):
    clocks = _clocks()
    for issue in Issue.objects.all():
        _check_clocks(issue, clocks[issue.pk])
    stopped = IssueClock.objects.filter(stopped_at__isnull=False, cancelled=False)
    met = stopped.filter(stopped_at__lte=F("due_at")).count()
    assert 0.6 < met / stopped.count() < 0.99  # mostly met, some missed
    escalations = IssueEvent.objects.filter(kind__in=["reminded", "escalated"])
    assert escalations.exists() and not escalations.filter(internal=False).exists()


def test_anonymous_reporters_stay_sealed(demo):
    anonymous = Issue.objects.filter(is_anonymous=True)
    assert anonymous.exists() and not anonymous.filter(submitter__isnull=False).exists()
    sealed = dict(SealedIdentity.objects.values_list("issue_id", "user_id"))
    names = dict(User.objects.values_list("pk", "real_name"))
    for issue in anonymous:
        reporter = sealed[issue.pk]
        assert issue.pseudonym.startswith("匿名同学#")
        events = IssueEvent.objects.filter(issue=issue)
        assert not events.filter(actor_id=reporter).exists()
        for event in events.filter(kind__in=REPORTER_KINDS):
            assert event.actor_id is None and event.actor_label == issue.pseudonym
            assert event.actor_label != names[reporter]
    assert set(sealed) == set(anonymous.values_list("pk", flat=True))


def test_publication_support_and_the_similar_issues_index(demo):
    assert Issue.objects.filter(published_at__isnull=False).exists()
    assert not Issue.objects.filter(published_at__isnull=False, publication_consent=False).exists()
    counted = Issue.objects.annotate(n=Count("supports")).exclude(supporters_count=F("n"))
    assert not counted.exists()
    assert IssueSupport.objects.exists()
    assert not IssueSupport.objects.exclude(school_id=F("issue__school_id")).exists()
    assert IssueEvent.objects.filter(kind="supported").count() == IssueSupport.objects.count()
    for issue in Issue.objects.all():
        indexed = set(IssueGram.objects.filter(issue=issue).values_list("gram", flat=True))
        assert indexed == (grams(issue.title) if issue.publication_consent else set())


def test_issues_go_to_the_queue_the_services_route_to(demo):
    for issue in Issue.objects.select_related("submitter", "union", "lead_office", "merged_into"):
        assert issue.union.school_id == issue.school_id
        if issue.lead_office:
            assert issue.lead_office.school_id == issue.school_id
        if issue.merged_into:
            assert issue.merged_into.union_id == issue.union_id
            line = IssueEvent.objects.get(issue=issue, kind="merged")
            assert line.text == f"已并入诉求 #{issue.merged_into_id}"  # the services' words
        if issue.submitter:
            graduate = issue.submitter.level == "graduate"
            assert (issue.union.kind == "graduate_union") == graduate
    co = Issue.co_offices.through.objects.exclude(node__school_id=F("issue__school_id"))
    assert not co.exists()


def _snapshot() -> list[tuple[Any, ...]]:
    return list(
        Issue.objects.order_by("pk").values_list(
            "title", "status", "created_at", "submitter__username", "version", "closed_at"
        )
    ) + list(IssueEvent.objects.order_by("pk").values_list("kind", "actor_label", "created_at"))


def _build_and_forget(seed: int) -> list[tuple[Any, ...]]:
    with transaction.atomic():
        build_demo(seed=seed, **TINY)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


def test_same_seed_same_year_of_issues():
    first = _build_and_forget(5)
    assert first == _build_and_forget(5)
    assert first != _build_and_forget(6)


def test_the_personas_find_work_on_their_pages(demo):
    student, officer = demo[Role.STUDENT], demo[Role.OFFICER]
    handler, advisor = demo[Role.OFFICE_HANDLER], demo[Role.ADVISOR]
    mine = my_issues(actor=student)
    assert len({issue.status for issue in mine}) >= 5
    queue = queue_for(actor=officer, f=QueueFilter())
    assert queue_for(actor=officer, f=QueueFilter(overdue=True)).exists()
    wall = Issue.objects.filter(school=student.school, published_at__isnull=False)
    pages = {  # (who, page): (an item it must show, the mark of a listed item)
        (student, "/rights/mine/"): (mine.first(), "/rights/issues/"),
        (student, "/rights/wall/"): (wall.order_by("-published_at", "-id").first(), "wall-item"),
        (officer, "/rights/queue/"): (queue.first(), "/rights/issues/"),
        (officer, "/rights/queue/?overdue=1"): (None, "/rights/issues/"),
        (handler, "/rights/inbox/"): (inbox_for(actor=handler).first(), "/rights/issues/"),
    }
    for (user, url), (issue, mark) in pages.items():
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        assert mark in response.text, url
        if issue is not None:
            assert issue.title in response.text, url
    recent = timezone.now() - datetime.timedelta(days=30)
    flagged = Issue.objects.filter(
        school=advisor.school, flagged_to_advisor=True, closed_at__gte=recent
    ).last()
    client = Client()
    client.force_login(advisor)
    assert flagged is not None and flagged.title in client.get("/").text
    assert client.get("/stats/", follow=True).status_code == 200


def test_the_city_federation_sees_what_was_escalated_to_it(demo):
    city = demo[Role.FEDERATION_STAFF]
    escalated = issue_list_for(actor=city)
    assert escalated.exists() and not escalated.filter(escalated_to_city=False).exists()


def _rollups() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    def rows(model: Any) -> list[tuple[Any, ...]]:
        fields = [f.attname for f in model._meta.concrete_fields if f.name != "id"]
        return sorted(model.objects.values_list(*fields))

    return rows(DailyRollup), rows(DurationBucket)


def test_the_statistics_hold_the_year_as_the_worker_would_fold_it(demo):
    folded_by_the_demo = _rollups()
    assert folded_by_the_demo[0] and folded_by_the_demo[1]
    rollups_reset()
    while sum(vars(fold_rights_activity()).values()):
        pass
    assert _rollups() == folded_by_the_demo


def test_no_issues_when_asked_for_none():
    result = build_demo(**(TINY | {"issues": 0}))
    assert result.created and not Issue.objects.exists() and not DailyRollup.objects.exists()


def test_the_printed_logins_stories_went_through_the_services(demo):
    """Every line of a scripted issue has the audit event its service recorded with it, at
    the story's moment (not the build's); its clocks are the services' and the people it
    concerns were told, at that moment too."""
    student, officer = demo[Role.STUDENT], demo[Role.OFFICER]
    scripted = _scripted()
    mine = scripted.filter(pk__in=[issue.pk for issue in my_issues(actor=student)])
    assert mine.count() == 6  # scripts.py: the student's own six stories (among others)
    until = _midnight()
    for issue in scripted:
        audited = AuditEvent.objects.filter(target_type="rights.issue", target_id=str(issue.pk))
        lines = IssueEvent.objects.filter(issue=issue).order_by("id")
        assert sorted(audited.values_list("action", "created_at")) == sorted(
            (f"rights.issue.{kind}", at) for kind, at in lines.values_list("kind", "created_at")
        )
        assert all(at < until for at in audited.values_list("created_at", flat=True))
        run = IssueClock.objects.filter(issue=issue).order_by("started_at").first()
        assert run is not None and run.started_at == issue.created_at
    accepted = mine.filter(first_reply__gt="").order_by("created_at").first()
    assert accepted is not None
    told = Notification.objects.get(recipient=student, title=f"您的诉求已受理：{accepted.title}")
    line = IssueEvent.objects.get(issue=accepted, kind="accepted")
    assert told.created_at == line.created_at
    submitted = scripted.filter(union__in=officer.memberships.values("node"))
    assert (
        Notification.objects.filter(
            recipient=officer, title__startswith="新的权益诉求", created_at__lt=until
        ).count()
        >= submitted.count()
        > 0
    )
    overdue = scripted.filter(escalation_level__gt=0)
    assert overdue.exists()
    for issue in overdue:
        assert (
            AuditEvent.objects.filter(
                target_id=str(issue.pk),
                action__in=["rights.issue.reminded", "rights.issue.escalated"],
            ).count()
            == IssueEvent.objects.filter(issue=issue, kind__in=["reminded", "escalated"]).count()
        )


def test_a_dense_year_still_takes_the_stories_through_the_services():
    """Thirteen issues a student: the stories go through the services before the bulk year
    is written, so the daily submission limit counts no future issues; a bulk issue that
    joins a scripted one names its id as the services would."""
    build_demo(**(TINY | {"issues": 800}))
    scripted = _scripted()
    assert scripted.count() == 16  # scripts.py
    # Whether a bulk issue happens to join a scripted one depends on the build's day (the
    # calendar shapes the year), so every bulk merge is checked: its line names the id the
    # target really got, scripted targets (written first) included.
    joined = Issue.objects.filter(merged_into__isnull=False).exclude(pk__in=scripted)
    assert joined.exists()
    for issue in joined:
        line = IssueEvent.objects.get(issue=issue, kind="merged")
        assert line.text == f"已并入诉求 #{issue.merged_into_id}"
