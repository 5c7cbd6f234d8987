"""The proposal committee: naming it, and each of its decisions with their refusals —
立案并交办 (offices, the reply deadline and its clock), 不予立案 (a ground, forwarded to an
office), 并案 (the proposers carried, never doubled), 交办 again after a hand-back."""

import datetime

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.congress.proposal_models import (
    CommitteeMember,
    DeadlineKind,
    NotAcceptedGround,
    Proposal,
    ProposalClock,
    ProposalState,
    SignerRole,
    SignerStatus,
)
from tongxin.congress.services import proposal_committee as services
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.notifications.models import Notification
from tongxin.testing.clock import SHANGHAI, moment

from .proposal_factories_committee import confirmed_session, fresh, name_committee, submitted

P = ProposalState
TUESDAY = "2025-09-16"  # a plain working week of 2025


@pytest.fixture
def world(province):
    session = confirmed_session(province)
    committee = name_committee(province, session)
    proposal = submitted(province, session, province.student_a, province.officer_a)
    return province, session, committee, proposal


def _accept(province, proposal, **over):
    values = {
        "actor": province.advisor_a,
        "proposal": proposal,
        "expected_version": proposal.version,
        "lead_office": province.logistics_office_a,
        "co_offices": [province.academic_office_a],
        "deadline_kind": DeadlineKind.SIMPLE,
        "present": [province.handler_a],
    }
    return services.proposal_accept(**(values | over))


def _day(value: datetime.datetime) -> datetime.date:
    return value.astimezone(SHANGHAI).date()


# ---------------------------------------------------------------- naming the committee


@pytest.mark.time_machine(moment(TUESDAY))
def test_the_advisor_names_the_committee_and_changes_it_later(province):
    session = confirmed_session(province)
    committee = name_committee(province, session)
    assert committee.chair == province.advisor_a and committee.version == 1
    rows = {m.user_id: m.office_id for m in CommitteeMember.objects.filter(active=True)}
    assert rows == {
        province.handler_a.pk: province.logistics_office_a.pk,
        province.student_a2.pk: None,
    }
    assert Notification.objects.filter(recipient=province.handler_a).count() == 1
    changed = services.committee_name(
        actor=province.advisor_a,
        session=session,
        members=[province.handler_a, province.people["delegate_0"]],
        expected_version=committee.version,
    )
    assert changed.version == 2
    active = set(CommitteeMember.objects.filter(active=True).values_list("user_id", flat=True))
    assert active == {province.handler_a.pk, province.people["delegate_0"].pk}
    # The former member's row stays (decisions name who was present), inactive.
    assert CommitteeMember.objects.get(user=province.student_a2).active is False
    events = AuditEvent.objects.filter(action="congress.proposal.committee_named")
    removed = [e.data["members_removed"] for e in events.order_by("id")]
    assert removed == [[], [province.student_a2.pk]]


@pytest.mark.time_machine(moment(TUESDAY))
def test_naming_the_committee_refusals_name_the_field(province):
    session = confirmed_session(province)
    cases = [
        (province.officer_a, {"members": [province.handler_a]}, NotAllowed, None),
        (province.advisor_a, {"members": []}, DomainError, "members"),
        (province.advisor_a, {"members": [province.student_b]}, DomainError, "members"),
        (province.advisor_a, {"members": [province.advisor_a]}, DomainError, "members"),
        (
            province.advisor_a,
            {"members": [province.handler_a], "chair": province.handler_a},
            DomainError,
            "chair",
        ),
    ]
    for actor, values, error, field in cases:
        with pytest.raises(error) as caught:
            services.committee_name(actor=actor, session=session, **values)
        if field:
            assert caught.value.field == field, values
    assert not CommitteeMember.objects.exists()
    committee = name_committee(province, session)
    with pytest.raises(StaleObject):
        services.committee_name(
            actor=province.advisor_a,
            session=session,
            members=[province.handler_a],
            expected_version=7,
        )
    assert fresh(committee).version == 1


# ---------------------------------------------------------------- 立案并交办


@pytest.mark.time_machine(moment(TUESDAY))
def test_accept_refers_with_the_month_end_and_tells_offices_and_proposers(world):
    province, _session, _committee, proposal = world
    accepted = _accept(province, proposal, note="请尽快研究。")
    p = Proposal.objects.get(pk=accepted.pk)
    assert p.state == P.REFERRED and p.lead_office == province.logistics_office_a
    assert list(p.co_offices.all()) == [province.academic_office_a]
    assert p.decided_by == province.advisor_a and p.deadline_kind == DeadlineKind.SIMPLE
    assert [m.user_id for m in p.present.all()] == [province.handler_a.pk]
    # September 2025 ends on a working Tuesday: due at its end.
    assert _day(p.reply_due_at) == datetime.date(2025, 9, 30)
    clock = ProposalClock.objects.get(proposal=p)
    assert clock.due_at == p.reply_due_at and clock.stopped_at is None
    assert AuditEvent.objects.filter(action="congress.proposal.accepted").count() == 1
    assert p.events.get().kind == "accepted"
    offices = Notification.objects.filter(title__startswith="交办提案")
    assert set(offices.values_list("recipient", flat=True)) == {
        province.handler_a.pk,
        province.office_head_a.pk,
    }  # the academic office (co-office) has no handler in the tiny province
    proposers = Notification.objects.filter(title__contains="已立案并交办")
    assert set(proposers.values_list("recipient", flat=True)) == {
        province.student_a.pk,
        province.officer_a.pk,
    }


def _at(referred, kind, due):
    """A case run with the clock (and the province) at its referral day."""
    return pytest.param(
        referred,
        kind,
        due,
        marks=pytest.mark.time_machine(moment(referred)),
        id=f"{referred}-{kind}",
    )


@pytest.mark.parametrize(
    ("referred", "kind", "due"),
    [
        # May 2025 ends on a Saturday of the Dragon Boat holiday: its last working day is
        # Friday 05-30; referred on that Saturday, the month's end has passed → June's.
        _at("2025-05-20", DeadlineKind.SIMPLE, "2025-05-30"),
        _at("2025-05-31", DeadlineKind.SIMPLE, "2025-06-30"),
        _at("2025-05-31", DeadlineKind.COMPLEX, "2025-07-31"),
        # January 2025 ends in the Spring Festival holiday (01-28 … 02-04): 01-27.
        _at("2025-01-10", DeadlineKind.SIMPLE, "2025-01-27"),
        _at("2025-01-10", DeadlineKind.COMPLEX, "2025-02-28"),
        _at("2025-01-29", DeadlineKind.SIMPLE, "2025-02-28"),
        # August 2025 ends on a Sunday: Friday 08-29; complex → September's 09-30.
        _at("2025-08-12", DeadlineKind.SIMPLE, "2025-08-29"),
        _at("2025-08-12", DeadlineKind.COMPLEX, "2025-09-30"),
    ],
)
def test_month_end_deadlines(province, referred, kind, due):
    session = confirmed_session(province)
    name_committee(province, session)
    proposal = submitted(province, session, province.student_a, province.officer_a)
    p = _accept(province, proposal, deadline_kind=kind)
    assert _day(p.reply_due_at).isoformat() == due
    assert p.reply_due_at.astimezone(SHANGHAI).time() >= datetime.time(23, 59)


@pytest.mark.time_machine(moment("2025-09-30"))
def test_working_days_deadline_across_national_day(world):
    province, _session, _committee, proposal = world
    p = _accept(province, proposal, deadline_kind=DeadlineKind.WORKDAYS, deadline_workdays=5)
    # After 09-30: 10-01 … 10-08 are the holiday; 10-09, 10-10, 10-11 (a make-up Saturday),
    # 10-13, 10-14.
    assert _day(p.reply_due_at) == datetime.date(2025, 10, 14)
    assert p.deadline_workdays == 5
    clock = ProposalClock.objects.get(proposal=p)
    assert clock.workdays == 5


@pytest.mark.time_machine(moment(TUESDAY))
def test_accept_refusals_name_the_field_and_change_nothing(world):
    province, _session, _committee, proposal = world
    other_school = province.logistics_office_b
    cases = [
        ({"lead_office": None}, "lead_office"),
        ({"lead_office": other_school}, "lead_office"),
        ({"lead_office": province.college_a1}, "lead_office"),
        ({"co_offices": [other_school]}, "co_offices"),
        ({"co_offices": [province.logistics_office_a]}, "co_offices"),
        ({"deadline_kind": ""}, "deadline_kind"),
        ({"deadline_kind": DeadlineKind.WORKDAYS}, "deadline_workdays"),
        ({"deadline_kind": DeadlineKind.WORKDAYS, "deadline_workdays": 0}, "deadline_workdays"),
        ({"deadline_kind": DeadlineKind.WORKDAYS, "deadline_workdays": 61}, "deadline_workdays"),
        ({"present": []}, "present"),
        ({"present": [province.student_a]}, "present"),
    ]
    for over, field in cases:
        with pytest.raises(DomainError) as caught:
            _accept(province, proposal, **over)
        assert caught.value.field == field, over
        assert caught.value.message
    with pytest.raises(StaleObject):
        _accept(province, proposal, expected_version=proposal.version + 1)
    for someone in (province.handler_a, province.student_a2, province.officer_a):
        with pytest.raises(NotAllowed):  # members and others do not record decisions
            _accept(province, proposal, actor=someone)
    p = fresh(proposal)
    assert p.state == P.SUBMITTED and p.version == proposal.version and p.lead_office is None
    assert not ProposalClock.objects.exists()


@pytest.mark.time_machine(moment(TUESDAY))
def test_a_draft_and_a_decided_proposal_cannot_be_decided(world):
    province, session, _committee, proposal = world
    draft = submitted(province, session, province.student_a2, state=P.DRAFT)
    with pytest.raises(DomainError) as caught:
        _accept(province, draft)
    assert caught.value.field == "state"
    accepted = _accept(province, proposal)
    with pytest.raises(DomainError):
        services.proposal_refuse(
            actor=province.advisor_a,
            proposal=accepted,
            expected_version=accepted.version,
            ground=NotAcceptedGround.FORMAT,
            present=[province.handler_a],
        )


# ---------------------------------------------------------------- 不予立案


@pytest.mark.time_machine(moment(TUESDAY))
def test_refuse_with_a_ground_forwarded_to_an_office(world):
    province, _session, _committee, proposal = world
    p = services.proposal_refuse(
        actor=province.advisor_a,
        proposal=proposal,
        expected_version=proposal.version,
        ground=NotAcceptedGround.IN_HAND,
        note="图书馆已在试行延时开放。",
        forwarded_to=province.logistics_office_a,
        present=[province.handler_a, province.student_a2],
    )
    p = fresh(p)
    assert p.state == P.NOT_ACCEPTED and p.ground == NotAcceptedGround.IN_HAND
    assert p.forwarded_to == province.logistics_office_a and p.decision_note
    assert p.present.count() == 2
    assert AuditEvent.objects.filter(action="congress.proposal.refused").count() == 1
    forwarded = AuditEvent.objects.get(action="congress.proposal.forwarded")
    assert forwarded.data["forwarded_to"] == province.logistics_office_a.pk
    # The office's handlers are told of the opinion, the proposers of the refusal.
    notes = Notification.objects.filter(created_at__gte=p.decided_at)
    forwarded_to = set(notes.filter(title__contains="参考").values_list("recipient", flat=True))
    assert forwarded_to == {province.handler_a.pk, province.office_head_a.pk}
    refused_to = set(notes.filter(title__contains="不予立案").values_list("recipient", flat=True))
    assert {province.student_a.pk, province.officer_a.pk} <= refused_to
    text = p.events.get().text
    assert "相关工作已在推进" in text and "出席委员：冯老师、李同学" in text


@pytest.mark.time_machine(moment(TUESDAY))
def test_refuse_refusals(world):
    province, _session, _committee, proposal = world
    base = {
        "actor": province.advisor_a,
        "proposal": proposal,
        "expected_version": proposal.version,
        "ground": NotAcceptedGround.PERSONAL,
        "present": [province.handler_a],
    }
    cases = [
        ({"ground": ""}, "ground"),
        ({"ground": "rude"}, "ground"),
        ({"forwarded_to": province.logistics_office_b}, "forwarded_to"),
        ({"forwarded_to": province.school_a}, "forwarded_to"),
        ({"present": []}, "present"),
        ({"note": "很长" * 1001}, "note"),
    ]
    for over, field in cases:
        with pytest.raises(DomainError) as caught:
            services.proposal_refuse(**(base | over))
        assert caught.value.field == field, over
    assert fresh(proposal).state == P.SUBMITTED


# ---------------------------------------------------------------- 并案


def _merge(province, proposal, target, **over):
    values = {
        "actor": province.advisor_a,
        "proposal": proposal,
        "expected_version": proposal.version,
        "target": target,
        "present": [province.handler_a],
    }
    return services.proposal_merge(**(values | over))


@pytest.mark.time_machine(moment(TUESDAY))
def test_merge_carries_the_proposers_without_doubling(province):
    session = confirmed_session(province)
    name_committee(province, session)
    d0, d1, d2 = (province.people[f"delegate_{i}"] for i in range(3))
    # The target: led by student_a, co-signed by officer_a; d2 declined to co-sign it.
    target = submitted(province, session, province.student_a, province.officer_a, declined=(d2,))
    # The merged one: led by d0; officer_a (already on the target), student_a (the
    # target's lead), d1 and d2 co-signed it; d1's invitation… confirmed too.
    source = submitted(
        province,
        session,
        d0,
        province.officer_a,
        province.student_a,
        d1,
        d2,
        title="图书馆考试周延时",
    )
    result = _merge(province, source, target, note="同一事项。")
    assert result.pk == target.pk
    s = fresh(source)
    assert s.state == P.MERGED and s.merged_into_id == target.pk
    signers = {x.user_id: x for x in target.signers.all()}
    assert set(signers) == {province.officer_a.pk, d0.pk, d1.pk, d2.pk}
    assert signers[province.officer_a.pk].role == SignerRole.COSIGNER  # not doubled
    for person in (d0, d1, d2):
        row = signers[person.pk]
        assert (row.role, row.status, row.from_proposal_id) == (
            SignerRole.CO_PROPOSER,
            SignerStatus.CONFIRMED,
            source.pk,
        )
    assert not target.signers.filter(user=province.student_a).exists()  # the lead stays lead
    assert fresh(target).version == target.version + 1
    told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert {d0.pk, d1.pk, d2.pk, province.officer_a.pk, province.student_a.pk} <= told
    assert target.events.get().kind == "merged"
    event = AuditEvent.objects.get(action="congress.proposal.merged")
    assert sorted(event.data["co_proposers"]) == sorted([d0.pk, d1.pk, d2.pk])


@pytest.mark.time_machine(moment(TUESDAY))
def test_merge_into_an_accepted_proposal(world):
    province, session, _committee, proposal = world
    target = _accept(province, proposal)
    source = submitted(province, session, province.people["delegate_0"], title="延长自习室开放")
    _merge(province, source, target)
    assert fresh(source).state == P.MERGED
    assert target.signers.filter(user=province.people["delegate_0"]).exists()
    assert fresh(target).state == P.REFERRED


@pytest.mark.time_machine(moment(TUESDAY))
def test_merge_refusals(world):
    province, session, _committee, proposal = world
    source = submitted(province, session, province.people["delegate_0"], title="自习室")
    merged = submitted(province, session, province.people["delegate_1"], title="并过的")
    _merge(province, merged, proposal)
    refused = submitted(province, session, province.people["delegate_2"], title="不予立案的")
    services.proposal_refuse(
        actor=province.advisor_a,
        proposal=refused,
        expected_version=refused.version,
        ground=NotAcceptedGround.FORMAT,
        present=[province.handler_a],
    )
    withdrawn = submitted(province, session, province.student_a2, title="撤回", state=P.WITHDRAWN)
    draft = submitted(province, session, province.student_a2, title="草稿", state=P.DRAFT)
    for target in (None, source, fresh(merged), fresh(refused), withdrawn, draft):
        with pytest.raises(DomainError) as caught:
            _merge(province, fresh(source), target)
        assert caught.value.field == "merge_into", target
    # The proposal others were merged into is not merged itself (no chains).
    with pytest.raises(DomainError) as caught:
        _merge(province, fresh(proposal), fresh(source))
    assert caught.value.field == "merge_into"
    with pytest.raises(DomainError) as caught:
        _merge(province, fresh(source), fresh(proposal), present=[])
    assert caught.value.field == "present"
    assert fresh(source).state == P.SUBMITTED


# ---------------------------------------------------------------- 交办 after a hand-back


@pytest.mark.time_machine(moment(TUESDAY))
def test_refer_again_after_a_hand_back_restarts_the_clock(world, time_machine):
    province, _session, _committee, proposal = world
    accepted = _accept(province, proposal)
    # The office hands it back (the handling part's step; here through the ORM).
    Proposal.objects.filter(pk=accepted.pk).update(
        state=P.ACCEPTED, lead_office=None, referred_at=None
    )
    ProposalClock.objects.update(stopped_at=moment(TUESDAY, 11))
    time_machine.move_to(moment("2025-09-29"))
    p = fresh(accepted)
    with pytest.raises(NotAllowed):
        services.proposal_refer(
            actor=province.handler_a,
            proposal=p,
            expected_version=p.version,
            lead_office=province.academic_office_a,
            co_offices=[],
            deadline_kind=DeadlineKind.COMPLEX,
        )
    p = services.proposal_refer(
        actor=province.advisor_a,
        proposal=p,
        expected_version=p.version,
        lead_office=province.academic_office_a,
        co_offices=[],
        deadline_kind=DeadlineKind.COMPLEX,
    )
    p = fresh(p)
    assert p.state == P.REFERRED and p.lead_office == province.academic_office_a
    assert list(p.co_offices.all()) == []
    assert _day(p.reply_due_at) == datetime.date(2025, 10, 31)
    assert ProposalClock.objects.filter(proposal=p, stopped_at__isnull=True).count() == 1
    assert p.events.filter(kind="referred").exists()
