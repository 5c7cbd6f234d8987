"""The delegate list's transition table is what the services obey: every person's step,
from every state, succeeds exactly where the table allows it; the worker confirms."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from tongxin.congress.delegate_machine import DELEGATE_LIST
from tongxin.congress.models import DelegateList, DelegateListState
from tongxin.congress.services import delegates as services
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.testing.clock import moment

from .delegate_world import add_students, approved_session

S = DelegateListState


def _calls(p: Any) -> dict[str, Callable[[DelegateList], Any]]:
    def v(d: DelegateList) -> dict[str, Any]:
        return {"delegate_list": d, "expected_version": d.version}

    return {
        "recount": lambda d: services.delegate_list_recount(actor=p.officer_a, **v(d)),
        "edit": lambda d: services.delegate_list_set_election(
            actor=p.officer_a, election_held=True, candidates=5, **v(d)
        ),
        "submit": lambda d: services.delegate_list_submit(actor=p.officer_a, **v(d)),
        "object": lambda d: services.delegate_objection_lodge(
            actor=p.student_a2, delegate_list=d, text="异议"
        ),
        "confirm": lambda d: services.delegate_list_confirm(actor=p.advisor_a, **v(d)),
    }


def _force(dl: DelegateList, state: str, *, ended: bool) -> DelegateList:
    now = timezone.now()
    fields: dict[str, Any] = {"state": state}
    if state in (S.NOTICE, S.PAUSED):
        fields |= {
            "notice_workdays": 5,
            "notice_started_at": now - datetime.timedelta(days=10),
            "notice_resumed_at": now - datetime.timedelta(days=10),
            "notice_days_left": 5,
            "notice_ends_at": None
            if state == S.PAUSED
            else now + datetime.timedelta(hours=-1 if ended else 48),
        }
    DelegateList.objects.filter(pk=dl.pk).update(**fields)
    return DelegateList.objects.get(pk=dl.pk)


@pytest.mark.time_machine(moment("2026-03-02"))
def test_every_step_from_every_state_follows_the_table(province):
    add_students(province, 1, 10, 3001000)
    add_students(province, 2, 5, 3002000)
    dl = services.delegate_list_prepare(
        actor=province.officer_a, session=approved_session(province), candidates=5
    )
    for number in ["3001000", "3001001", "3001002", "3002000"]:
        dl = DelegateList.objects.get(pk=dl.pk)
        services.delegate_add(
            actor=province.officer_a, delegate_list=dl, expected_version=dl.version, number=number
        )
    calls = _calls(province)
    assert set(calls) == {
        a.name for a in DELEGATE_LIST.actions if a.perm and a.name != "resolve"
    } - {"prepare"}
    for step, call in calls.items():
        allowed = DELEGATE_LIST.action(step).src
        for state in S.values:
            sid = transaction.savepoint()
            dl = _force(dl, state, ended=step == "confirm")
            try:
                if state in allowed:
                    call(dl)  # must not refuse
                else:
                    with pytest.raises((DomainError, NotAllowed)):
                        call(dl)
            finally:
                transaction.savepoint_rollback(sid)
    assert DELEGATE_LIST.states_without_exit() == {S.CONFIRMED}


@pytest.mark.time_machine(moment("2026-03-02"))
def test_the_worker_confirms_lists_whose_notice_ended(province):
    from tongxin.congress.tasks import confirm_noticed_delegate_lists

    add_students(province, 1, 10, 3001000)
    dl = services.delegate_list_prepare(
        actor=province.officer_a, session=approved_session(province)
    )
    _force(dl, S.NOTICE, ended=False)
    assert confirm_noticed_delegate_lists.call() == 0
    _force(dl, S.NOTICE, ended=True)
    assert confirm_noticed_delegate_lists.call() == 1
    dl = DelegateList.objects.get(pk=dl.pk)
    assert dl.state == S.CONFIRMED and dl.term_end == datetime.date(2027, 3, 1)


@pytest.mark.time_machine(moment("2026-03-02"))
def test_a_running_notice_is_recounted_when_the_calendar_changes(province):
    add_students(province, 1, 10, 3001000)
    dl = services.delegate_list_prepare(
        actor=province.officer_a, session=approved_session(province)
    )
    dl = _force(dl, S.NOTICE, ended=False)
    with pytest.raises(NotAllowed):
        services.delegate_notice_reschedule(actor=province.advisor_a, delegate_list=dl)
    # Its stored end drifted from what the calendar says: the recount moves it back.
    assert services.delegate_notice_reschedule(actor=province.province_admin, delegate_list=dl)
    moved = DelegateList.objects.get(pk=dl.pk)
    assert moved.notice_ends_at != dl.notice_ends_at and moved.version == dl.version
    assert not services.delegate_notice_reschedule(
        actor=province.province_admin, delegate_list=moved
    )
