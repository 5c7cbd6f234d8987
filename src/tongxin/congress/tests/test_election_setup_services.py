"""Elections' setup and results: create, set up (candidates for election, each eligible;
scrutineers from the delegates who are not candidates), start (competitive, a chief),
cancel, a round's cancellation, publishing (the session's results, the candidacies
elected / not elected, a write-in winner's candidacy) and the congress's fact."""

import pytest
from django.utils import timezone

from tongxin.accounts.models import PoliticalStatus
from tongxin.audit.models import AuditEvent
from tongxin.congress.election_models import (
    ElectionCandidate,
    ElectionState,
    Outcome,
    Round,
    RoundKind,
    RoundState,
    RoundWriteIn,
)
from tongxin.congress.models import Delegate, Session, SessionState
from tongxin.congress.selectors import presidium_elected_by_congress
from tongxin.congress.services import election_setup as svc
from tongxin.congress.services.election_common import decide_round
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.notifications.models import Notification
from tongxin.selection import services as selection
from tongxin.selection.models import Candidacy, State
from tongxin.testing.clock import moment

from .delegate_world import add_students
from .election_setup_world import SetupWorld

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2025-11-03"))]


def test_the_advisor_sets_up_and_starts_a_competitive_election(province):
    world = SetupWorld(province)
    election = world.set_up(world.create(seats=2))
    assert [c.candidacy_id for c in election.candidates.order_by("order")] == [
        c.pk for c in world.candidacies
    ]
    chief = election.scrutineers.get(is_chief=True)
    assert chief.user == world.delegates[0]
    started = svc.election_start(
        actor=world.advisor, election=election, expected_version=election.version
    )
    assert started.state == ElectionState.RUNNING
    first = started.rounds.get()
    assert (first.number, first.kind, first.state, first.seats) == (
        1,
        RoundKind.FIRST,
        RoundState.DRAFT,
        2,
    )
    assert first.tallies.count() == 3
    actions = set(
        AuditEvent.objects.filter(action__startswith="congress.election.").values_list(
            "action", flat=True
        )
    )
    assert {"congress.election.created", "congress.election.set_up"} <= actions
    assert "congress.election.started" in actions


def test_start_says_how_many_more_candidates_a_competitive_election_needs(province):
    world = SetupWorld(province, candidates=3)
    election = world.set_up(world.create(seats=3))
    with pytest.raises(DomainError) as refused:
        svc.election_start(
            actor=world.advisor, election=election, expected_version=election.version
        )
    assert "至少 4 名" in refused.value.message and "还差 1 名" in refused.value.message
    assert refused.value.field == "candidates"
    election.refresh_from_db()
    assert election.state == ElectionState.DRAFT and not election.rounds.exists()


def test_start_needs_a_chief_scrutineer(province):
    world = SetupWorld(province)
    election = world.create(seats=2)
    election = svc.election_set_up(
        actor=world.advisor,
        election=election,
        expected_version=election.version,
        setup=svc.Setup(2, "electronic", True, [c.pk for c in world.candidacies], [], None),
    )
    with pytest.raises(DomainError) as refused:
        svc.election_start(
            actor=world.advisor, election=election, expected_version=election.version
        )
    assert refused.value.field == "chief"


def test_an_ineligible_candidate_is_blocked_with_the_reason(province):
    world = SetupWorld(province)
    bad = world.candidacies[1].candidate
    bad.political_status = PoliticalStatus.MASSES
    bad.save(update_fields=["political_status"])
    assert svc.candidacy_verdict(world.candidacies[1])
    election = world.create()
    with pytest.raises(DomainError) as refused:
        world.set_up(election)
    assert bad.real_name in refused.value.message and "不符合任职资格" in refused.value.message
    assert refused.value.field == "candidates"
    assert not election.candidates.exists()


def test_only_candidacies_for_election_of_the_union_stand(province):
    world = SetupWorld(province)
    decided = Candidacy.objects.filter(pk=world.candidacies[0].pk)
    decided.update(state=State.DECIDED)
    with pytest.raises(DomainError) as refused:
        world.set_up(world.create())
    assert refused.value.field == "candidates"


def test_scrutineers_are_delegates_who_are_not_candidates(province):
    world = SetupWorld(province)
    election = world.create()
    outsider = add_students(province, 1, 1, 3309000)[0]
    with pytest.raises(DomainError) as refused:
        world.set_up(election, scrutineers=[outsider])
    assert refused.value.field == "scrutineers"
    # A delegate standing as a candidate may not count the votes.
    standing = world.candidacies[0].candidate
    dl = world.session.delegates
    Delegate.objects.create(
        delegate_list=dl, school_id=dl.school_id, user=standing, unit_id=standing.college_id
    )
    with pytest.raises(DomainError) as refused:
        world.set_up(election, scrutineers=[standing])
    assert "候选人不能担任监票人" in refused.value.message
    with pytest.raises(DomainError) as refused:
        world.set_up(election, scrutineers=world.delegates[2:4], chief=world.delegates[5])
    assert refused.value.field == "chief"


def test_create_needs_the_advisor_and_a_session_under_way(province):
    world = SetupWorld(province)
    with pytest.raises(NotAllowed):
        svc.election_create(
            actor=province.officer_a,
            session=world.session,
            seats=2,
            mode="electronic",
            write_ins_allowed=True,
        )
    Session.objects.filter(pk=world.session.pk).update(state=SessionState.PLANNED)
    with pytest.raises(DomainError) as refused:
        world.create()
    assert refused.value.field == "state"
    Session.objects.filter(pk=world.session.pk).update(state=SessionState.HELD)
    world.create()
    with pytest.raises(DomainError) as refused:
        world.create()
    assert "已有未结束的选举" in refused.value.message


@pytest.mark.parametrize(("seats", "mode"), [(0, "electronic"), (16, "electronic"), (2, "x")])
def test_bad_terms_name_their_field(province, seats, mode):
    world = SetupWorld(province, candidates=0)
    with pytest.raises(DomainError) as refused:
        world.create(seats=seats, mode=mode)
    assert refused.value.field in ("seats", "mode")


def test_cancel_needs_a_reason_and_cancels_the_rounds_not_voting(province):
    world = SetupWorld(province)
    election = world.started()
    with pytest.raises(DomainError) as refused:
        svc.election_cancel(
            actor=world.advisor, election=election, expected_version=election.version, reason=" "
        )
    assert refused.value.field == "reason"
    cancelled = svc.election_cancel(
        actor=world.advisor, election=election, expected_version=election.version, reason="改期"
    )
    assert cancelled.state == ElectionState.CANCELLED
    assert cancelled.rounds.get().state == RoundState.CANCELLED


def test_cancelling_a_round_in_check_in_sets_a_new_one_up(province):
    world = SetupWorld(province)
    election = world.started()
    first = election.rounds.get()
    Round.objects.filter(pk=first.pk).update(state=RoundState.CHECKIN)
    first.refresh_from_db()
    svc.round_cancel(actor=world.advisor, round_=first, expected_version=first.version)
    rounds = list(election.rounds.order_by("number"))
    assert [r.state for r in rounds] == [RoundState.CANCELLED, RoundState.DRAFT]
    assert rounds[1].kind == RoundKind.FIRST and rounds[1].tallies.count() == 3
    with pytest.raises(NotAllowed):
        svc.round_cancel(actor=world.delegates[3], round_=rounds[1], expected_version=1)


def test_publishing_writes_the_results_tells_and_moves_the_candidacies_on(province):
    world = SetupWorld(province)
    election = world.counted([5, 4, 2])
    assert election.state == ElectionState.DONE
    published = svc.election_publish(
        actor=world.advisor, election=election, expected_version=election.version
    )
    assert published.state == ElectionState.PUBLISHED and published.published_at is not None
    states = [Candidacy.objects.get(pk=c.pk).state for c in world.candidacies]
    assert states == [State.ELECTED, State.ELECTED, State.NOT_ELECTED]
    results = Session.objects.get(pk=world.session.pk).election_results
    names = [c.candidate.real_name for c in world.candidacies]
    assert "赞成 5" in results and f"当选：{names[0]}、{names[1]}" in results
    told = set(
        Notification.objects.filter(verb="congress.election.published").values_list(
            "recipient_id", flat=True
        )
    )
    assert {u.pk for u in world.delegates} <= told
    assert {c.candidate_id for c in world.candidacies} <= told
    # From elected the selection path goes on: publicly noticed, then appointed.
    elected = Candidacy.objects.get(pk=world.candidacies[0].pk)
    noticed = selection.candidacy_publish(
        actor=world.advisor, candidacy=elected, expected_version=elected.version
    )
    assert noticed.state == State.NOTICE


def test_publish_is_only_for_a_finished_election(province):
    world = SetupWorld(province)
    election = world.started()
    with pytest.raises(DomainError):
        svc.election_publish(
            actor=world.advisor, election=election, expected_version=election.version
        )


def test_a_write_in_winner_gets_an_elected_candidacy(province):
    world = SetupWorld(province)
    election = world.started()
    round_ = election.rounds.get()
    winner = add_students(province, 1, 1, 3308000)[0]
    Round.objects.filter(pk=round_.pk).update(
        state=RoundState.VOTING, due_count=6, present_count=6, ballots_cast=6
    )
    for tally, yes in zip(round_.tallies.order_by("candidate__order"), [5, 1, 1], strict=True):
        tally.yes = yes
        tally.save()
    RoundWriteIn.objects.create(round=round_, school_id=round_.school_id, user=winner, yes=4)
    decide_round(Round.objects.get(pk=round_.pk))
    election.refresh_from_db()
    svc.election_publish(actor=world.advisor, election=election, expected_version=election.version)
    made = Candidacy.objects.get(candidate=winner)
    assert made.state == State.ELECTED
    assert made.recommendation == "代表大会另选他人当选" and made.recommended_by == world.advisor
    assert ElectionCandidate.objects.get(election=election, user=winner).candidacy == made
    assert ElectionCandidate.objects.get(election=election, user=winner).outcome == Outcome.ELECTED


def test_the_congress_fact_reads_the_latest_session_s_published_election(province):
    world = SetupWorld(province)
    union = province.union_a
    today = timezone.localdate()
    assert presidium_elected_by_congress([union, province.union_b], today) == {
        union.pk: False,
        province.union_b.pk: None,
    }
    election = world.counted([5, 4, 2])
    assert presidium_elected_by_congress([union], today) == {union.pk: False}
    svc.election_publish(actor=world.advisor, election=election, expected_version=election.version)
    assert presidium_elected_by_congress([union], today) == {union.pk: True}
    yesterday = today - timezone.timedelta(days=1)
    assert presidium_elected_by_congress([union], yesterday)[union.pk] is not True


def test_the_elected_are_noticed_then_appointed_through_officer_appoint(province):
    from datetime import timedelta

    from tongxin.accounts.models import Membership, Role

    world = SetupWorld(province)
    election = world.counted([5, 4, 2])
    svc.election_publish(actor=world.advisor, election=election, expected_version=election.version)
    elected = Candidacy.objects.get(pk=world.candidacies[0].pk)
    now = timezone.now()
    noticed = selection.candidacy_publish(
        actor=world.advisor, candidacy=elected, expected_version=elected.version, now=now
    )
    appointed = selection.candidacy_appoint(
        actor=world.advisor,
        candidacy=noticed,
        expected_version=noticed.version,
        now=now + timedelta(days=14),
    )
    assert appointed.state == State.APPOINTED
    assert Membership.objects.filter(
        user=elected.candidate, node=province.union_a, role=Role.OFFICER
    ).exists()
    # Not elected: final, never noticed.
    loser = Candidacy.objects.get(pk=world.candidacies[2].pk)
    with pytest.raises(DomainError):
        selection.candidacy_publish(
            actor=world.advisor, candidacy=loser, expected_version=loser.version
        )
