"""The delegate list's services: prepare with quotas, the 60 % rule, the notice with an
objection (object → pause → dismiss → resume → ends → confirmed), an upheld objection."""

import datetime

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.congress.composition import composition_of
from tongxin.congress.delegate_machine import DELEGATE_LIST
from tongxin.congress.delegate_selectors import delegacies_of
from tongxin.congress.models import DelegateList, DelegateListState, Quota, SessionState
from tongxin.congress.services import delegates as services
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.testing.clock import SHANGHAI, moment

from .delegate_world import add_students, approved_session

S = DelegateListState
MONDAY = "2026-03-02"  # a plain working week: 03-02 … 03-06, 03-09 …


@pytest.fixture
def world(province):
    a1 = add_students(province, 1, 10, 3001000)  # college A1: 13 students with 3 before
    a2 = add_students(province, 2, 5, 3002000)  # college A2: 7 students with 2 before
    session = approved_session(province, seats=4)
    return province, session, a1, a2


def _prepare(province, session):
    return services.delegate_list_prepare(actor=province.officer_a, session=session, candidates=5)


def _fill(province, dl, numbers):
    for number in numbers:
        dl = DelegateList.objects.get(pk=dl.pk)
        services.delegate_add(
            actor=province.officer_a, delegate_list=dl, expected_version=dl.version, number=number
        )
    return DelegateList.objects.get(pk=dl.pk)


@pytest.mark.time_machine(moment(MONDAY))
def test_prepare_writes_quotas_by_largest_remainder(world):
    province, session, _a1, _a2 = world
    dl = _prepare(province, session)
    quotas = {q.unit_id: (q.students, q.seats) for q in Quota.objects.filter(delegate_list=dl)}
    # 4 seats over 13 + 7 students: 2.6 and 1.4 → 2 + 1, the spare seat to A1 (.6).
    assert quotas == {province.college_a1.pk: (13, 3), province.college_a2.pk: (7, 1)}
    assert AuditEvent.objects.filter(action="congress.delegates.prepared").count() == 1


@pytest.mark.time_machine(moment(MONDAY))
def test_prepare_is_refused_to_others_and_before_approval(world):
    province, session, _a1, _a2 = world
    with pytest.raises(NotAllowed):
        services.delegate_list_prepare(actor=province.college_officer_a1, session=session)
    session.state = SessionState.APPLIED
    session.save(update_fields=["state"])
    with pytest.raises(DomainError) as refused:
        _prepare(province, session)
    assert "获批" in refused.value.message


@pytest.mark.time_machine(moment(MONDAY))
def test_too_few_seats_are_refused_when_preparing(world):
    province, session, _a1, _a2 = world
    session.delegate_seats = 1  # two colleges need one seat each
    session.save(update_fields=["delegate_seats"])
    with pytest.raises(DomainError) as refused:
        _prepare(province, session)
    assert refused.value.field == "delegate_seats" and "至少需要 2 名代表" in refused.value.message


@pytest.mark.time_machine(moment(MONDAY))
def test_entering_refuses_strangers_and_doubles(world, province):
    _p, session, _a1, _a2 = world
    dl = _prepare(province, session)
    with pytest.raises(DomainError) as refused:
        _fill(province, dl, ["nobody"])
    assert refused.value.field == "number"
    dl = _fill(province, dl, ["3001000"])
    with pytest.raises(DomainError) as refused:
        _fill(province, dl, ["3001000"])
    assert "已在代表名单中" in refused.value.message
    with pytest.raises(StaleObject):
        services.delegate_add(
            actor=province.officer_a, delegate_list=dl, expected_version=1, number="3001001"
        )


@pytest.mark.time_machine(moment(MONDAY))
def test_sixty_percent_non_officers_blocks_submission(world, province):
    _p, session, _a1, _a2 = world
    dl = _prepare(province, session)
    # A1: the union's president, a college union's minister and one student; A2: a student.
    dl = _fill(province, dl, ["2022001", "2022002", "3001000", "3002000"])
    composition = composition_of(dl)
    assert composition.facts.officers == 2 and composition.non_officer_percent == 50.0
    with pytest.raises(DomainError) as refused:
        services.delegate_list_submit(
            actor=province.officer_a, delegate_list=dl, expected_version=dl.version
        )
    assert "非学生会工作人员代表应不少于 60%" in refused.value.message
    assert DelegateList.objects.get(pk=dl.pk).state == S.DRAFT
    dl = services.delegate_remove(
        actor=province.officer_a,
        delegate_list=dl,
        expected_version=dl.version,
        user_id=province.college_officer_a1.pk,
    )
    dl = _fill(province, dl, ["3001001"])  # 1 officer of 4: 75 %
    dl = services.delegate_list_submit(
        actor=province.officer_a, delegate_list=dl, expected_version=dl.version
    )
    assert dl.state == S.NOTICE
    officers = set(dl.members.filter(is_officer=True).values_list("user_id", flat=True))
    assert officers == {province.officer_a.pk}  # snapshotted at submission


@pytest.mark.time_machine(moment(MONDAY))
def test_unfilled_units_block_and_few_candidates_warn(world, province):
    _p, session, _a1, _a2 = world
    dl = _prepare(province, session)
    dl = _fill(province, dl, ["3001000", "3001001", "3001002"])
    composition = composition_of(dl)
    assert any("已录入 3 名" in p for p in composition.blocking)
    assert "文学院名额 1 名，已录入 0 名。" in composition.blocking
    # 4 seats × 120 % = 5 candidates needed; 5 given: no warning; 4: a warning.
    assert composition.warnings == []
    dl = services.delegate_list_set_election(
        actor=province.officer_a,
        delegate_list=dl,
        expected_version=dl.version,
        election_held=True,
        candidates=4,
    )
    assert composition_of(dl).warnings == [
        "差额选举的候选人应不少于名额的 120%（5 人），现为 4 人。"
    ]
    # The school's mix beside: 5 male, 5 female among the 10 added; the 10 others unknown.
    genders = {row.label: (row.delegates, row.students) for row in composition.mix["gender"]}
    assert genders == {"男": (2, 8), "女": (1, 7), "未填写": (0, 5)}


@pytest.mark.time_machine(moment(MONDAY))
def test_the_notice_with_an_objection_then_confirmed(world, province, time_machine):
    _p, session, _a1, _a2 = world
    dl = _fill(province, _prepare(province, session), ["2022001", "3001000", "3001001", "3002000"])
    dl = services.delegate_list_submit(
        actor=province.officer_a, delegate_list=dl, expected_version=dl.version
    )
    assert dl.notice_ends_at.astimezone(SHANGHAI).date() == datetime.date(2026, 3, 9)
    time_machine.move_to(moment("2026-03-04"))
    objection = services.delegate_objection_lodge(
        actor=province.student_a2, delegate_list=dl, text="3002000 同学本学期不在校。"
    )
    dl = DelegateList.objects.get(pk=dl.pk)
    assert dl.state == S.PAUSED and dl.notice_days_left == 4 and dl.notice_ends_at is None
    with pytest.raises(NotAllowed):  # the union does not answer objections; the advisor does
        services.delegate_objection_resolve(
            actor=province.officer_a,
            objection=objection,
            expected_version=dl.version,
            upheld=False,
            answer="经核实在校。",
        )
    time_machine.move_to(moment("2026-03-05"))
    services.delegate_objection_resolve(
        actor=province.advisor_a,
        objection=objection,
        expected_version=dl.version,
        upheld=False,
        answer="经核实，该同学本学期在校。",
    )
    dl = DelegateList.objects.get(pk=dl.pk)
    assert dl.state == S.NOTICE and dl.notice_ends_at.astimezone(SHANGHAI).date() == datetime.date(
        2026, 3, 11
    )
    time_machine.move_to(moment("2026-03-11", 16))
    with pytest.raises(DomainError):  # not over yet
        services.delegate_list_confirm(
            actor=province.officer_a, delegate_list=dl, expected_version=dl.version
        )
    assert DELEGATE_LIST.allowed(province.officer_a, dl) == []
    time_machine.move_to(moment("2026-03-12", 9))
    assert "confirm" in DELEGATE_LIST.allowed(province.officer_a, dl)
    from tongxin.accounts.services import system_actor

    assert services.delegate_list_confirm(
        actor=system_actor(), delegate_list=dl, expected_version=None
    )
    dl = DelegateList.objects.get(pk=dl.pk)
    assert dl.state == S.CONFIRMED
    assert (dl.term_start, dl.term_end) == (datetime.date(2026, 3, 12), datetime.date(2027, 3, 11))
    seats = delegacies_of(province.student_a, datetime.date(2026, 6, 1))
    assert [d.delegate_list_id for d in seats] == []
    mine = delegacies_of(province.officer_a, datetime.date(2026, 6, 1))
    assert [d.delegate_list_id for d in mine] == [dl.pk]
    assert not delegacies_of(province.officer_a, datetime.date(2027, 3, 12)).exists()


@pytest.mark.time_machine(moment(MONDAY))
def test_an_upheld_objection_returns_the_list_to_draft(world, province):
    _p, session, _a1, _a2 = world
    dl = _fill(province, _prepare(province, session), ["2022001", "3001000", "3001001", "3002000"])
    dl = services.delegate_list_submit(
        actor=province.officer_a, delegate_list=dl, expected_version=dl.version
    )
    first = services.delegate_objection_lodge(
        actor=province.student_a2, delegate_list=dl, text="名单有误。"
    )
    second = services.delegate_objection_lodge(
        actor=province.student_a, delegate_list=dl, text="另一处有误。"
    )
    dl = DelegateList.objects.get(pk=dl.pk)
    services.delegate_objection_resolve(
        actor=province.advisor_a,
        objection=first,
        expected_version=dl.version,
        upheld=True,
        answer="属实，请更正。",
    )
    dl = DelegateList.objects.get(pk=dl.pk)
    second.refresh_from_db()
    assert dl.state == S.DRAFT and second.status == "moot"
    with pytest.raises(NotAllowed):  # no objection outside a notice
        services.delegate_objection_lodge(actor=province.student_a, delegate_list=dl, text="再议")
