"""The offices' replies, a B item's progress and final result, co-office opinions, the
hand-back, the lead proposer's rating with its one further reply, and co-ratings."""

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.congress.proposal_deadlines import MONTH_END_CLOCK, WORKDAYS_CLOCK
from tongxin.congress.proposal_models import (
    DeadlineKind,
    ProposalClock,
    ProposalInput,
    ProposalRating,
    ProposalState,
)
from tongxin.congress.services import proposal_handling as handling
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.notifications.models import Notification
from tongxin.testing.clock import moment
from tongxin.workdays.calendar import end_of_day

from .proposal_factories_handling import fresh, referred_proposal

pytestmark = pytest.mark.django_db
S = ProposalState


def _reply(province, p, cls="A", text="已延长至 23:00。", actor=None, now=None):
    return handling.proposal_reply(
        actor=actor or province.handler_a,
        proposal=p,
        expected_version=p.version,
        result_class=cls,
        text=text,
        now=now,
    )


def _rate(province, p, rating="satisfied", reason="", actor=None, now=None):
    return handling.proposal_rate(
        actor=actor or province.student_a,
        proposal=p,
        expected_version=p.version,
        rating=rating,
        reason=reason,
        now=now,
    )


def _running(p):
    return ProposalClock.objects.filter(proposal=p, stopped_at__isnull=True)


def _told(user, contains):
    return Notification.objects.filter(recipient=user, title__contains=contains).exists()


def test_a_reply_with_class_a_stops_the_clock_marks_handled_and_tells_the_proposers(province):
    p = referred_proposal(province)
    assert _running(p).count() == 1 and p.reply_due_at is not None
    p = _reply(province, p)
    p = fresh(p)
    assert p.state == S.REPLIED and p.result_class == "A" and p.answer == "已延长至 23:00。"
    assert p.handled and p.answered_at == p.handled_at
    assert p.reply_due_at is None and not _running(p).exists()
    assert _told(province.student_a, "已答复，请评价")
    assert p.events.filter(kind="replied", actor=province.handler_a).exists()
    assert AuditEvent.objects.filter(action="congress.proposal.replied").count() == 1


@pytest.mark.parametrize("cls,state", [("B", S.PROGRESSING), ("C", S.REPLIED), ("D", S.REPLIED)])
def test_each_class_leads_to_its_state(province, cls, state):
    p = _reply(province, referred_proposal(province), cls=cls)
    assert fresh(p).state == state and fresh(p).handled


def test_the_office_head_replies_too(province):
    p = _reply(province, referred_proposal(province), actor=province.office_head_a)
    assert fresh(p).state == S.REPLIED


def test_reply_refusals_change_nothing(province):
    p = referred_proposal(province)
    with pytest.raises(NotAllowed):  # the co-office does not reply
        _reply(province, p, actor=province.people["academic_handler_a"])
    with pytest.raises(NotAllowed):  # an office the proposal was not referred to
        _reply(province, p, actor=province.advisor_a)
    with pytest.raises(DomainError) as err:
        _reply(province, p, cls="E")
    assert err.value.field == "result_class"
    with pytest.raises(DomainError) as err:
        _reply(province, p, text="  ")
    assert err.value.field == "text"
    with pytest.raises(StaleObject):
        handling.proposal_reply(
            actor=province.handler_a,
            proposal=p,
            expected_version=p.version - 1 if p.version > 1 else p.version + 1,
            result_class="A",
            text="好",
        )
    p2 = fresh(p)
    assert p2.state == S.REFERRED and p2.version == p.version and not p2.handled
    assert not p2.events.exists() and _running(p2).count() == 1


def test_a_b_item_progresses_finishes_and_is_done_when_the_lead_rates(province):
    p = _reply(province, referred_proposal(province), cls="B", text="已列入明年预算。")
    handled_at = fresh(p).handled_at
    p = handling.proposal_progress(
        actor=province.handler_a, proposal=p, expected_version=p.version, text="已完成招标。"
    )
    assert fresh(p).state == S.PROGRESSING
    assert _told(province.student_a, "有新的办理进展")
    assert _told(province.issues["handling_world"]["cosigners"][0], "有新的办理进展")
    with pytest.raises(DomainError) as err:  # the final class is A, C or D
        handling.proposal_finish(
            actor=province.handler_a,
            proposal=p,
            expected_version=p.version,
            result_class="B",
            text="还在做",
        )
    assert err.value.field == "result_class"
    with pytest.raises(DomainError):  # not rated while in progress
        _rate(province, p)
    p = handling.proposal_finish(
        actor=province.handler_a,
        proposal=fresh(p),
        expected_version=fresh(p).version,
        result_class="A",
        text="已全部完成。",
    )
    p = fresh(p)
    assert p.state == S.REPLIED and p.result_class == "A" and p.answer == "已全部完成。"
    assert p.handled_at == handled_at  # never moved by a later reply
    p = _rate(province, p, rating="basically")
    p = fresh(p)
    assert p.state == S.DONE and p.done_at is not None and p.rating == "basically"
    kinds = list(p.events.values_list("kind", flat=True))
    assert kinds == ["replied", "progressed", "finished", "rated"]


def test_progress_needs_text_and_the_lead_office(province):
    p = _reply(province, referred_proposal(province), cls="B")
    with pytest.raises(DomainError) as err:
        handling.proposal_progress(
            actor=province.handler_a, proposal=p, expected_version=p.version, text=""
        )
    assert err.value.field == "text"
    with pytest.raises(NotAllowed):
        handling.proposal_progress(
            actor=province.student_a, proposal=p, expected_version=p.version, text="x"
        )


def test_a_co_office_adds_its_opinion_for_the_lead_office(province):
    p = referred_proposal(province)
    academic = province.people["academic_handler_a"]
    entry = handling.proposal_add_input(
        actor=academic,
        proposal=p,
        office=province.academic_office_a,
        text="教务处可调整考试周安排。",
    )
    assert ProposalInput.objects.filter(pk=entry.pk, proposal=p).exists()
    assert fresh(p).version == p.version  # nothing the other steps check changed
    assert _told(province.handler_a, "收到协办部门意见")
    with pytest.raises(NotAllowed):  # the lead office is not a co-office
        handling.proposal_add_input(
            actor=province.handler_a, proposal=p, office=province.logistics_office_a, text="x"
        )
    with pytest.raises(DomainError) as err:  # only in the name of an office one handles
        handling.proposal_add_input(
            actor=academic, proposal=p, office=province.logistics_office_a, text="x"
        )
    assert err.value.field == "office"
    with pytest.raises(DomainError) as err:
        handling.proposal_add_input(
            actor=academic, proposal=p, office=province.academic_office_a, text=" "
        )
    assert err.value.field == "text"
    p = _rate(province, _reply(province, fresh(p)))
    with pytest.raises(DomainError):  # done: no more opinions
        handling.proposal_add_input(
            actor=academic, proposal=p, office=province.academic_office_a, text="晚了"
        )


def test_the_lead_office_hands_the_proposal_back_to_the_committee(province):
    p = referred_proposal(province)
    with pytest.raises(DomainError) as err:
        handling.proposal_hand_back(
            actor=province.handler_a, proposal=p, expected_version=p.version, reason=""
        )
    assert err.value.field == "reason"
    p = handling.proposal_hand_back(
        actor=province.handler_a, proposal=p, expected_version=p.version, reason="属教务处职责。"
    )
    p = fresh(p)
    assert p.state == S.ACCEPTED and p.lead_office_id is None and not p.co_offices.exists()
    assert p.reply_due_at is None and not _running(p).exists()
    assert _told(province.advisor_a, "请重新交办")
    assert p.events.get(kind="handed_back").text == "属教务处职责。"


def test_not_the_lead_may_not_rate_and_nobody_rates_twice(province):
    p = _reply(province, referred_proposal(province))
    cosigner = province.issues["handling_world"]["cosigners"][0]
    with pytest.raises(NotAllowed):
        _rate(province, p, actor=cosigner)
    with pytest.raises(NotAllowed):
        _rate(province, p, actor=province.handler_a)
    with pytest.raises(DomainError) as err:
        _rate(province, p, rating="dissatisfied", reason=" ")
    assert err.value.field == "reason"
    with pytest.raises(DomainError) as err:
        _rate(province, p, rating="unrated")
    assert err.value.field == "rating"
    assert not ProposalRating.objects.exists()
    p = _rate(province, fresh(p))
    with pytest.raises(DomainError):
        _rate(province, fresh(p), rating="dissatisfied", reason="再评")
    assert ProposalRating.objects.filter(proposal=p).count() == 1


@pytest.mark.time_machine(moment("2026-03-10"))
def test_the_first_dissatisfied_owes_one_further_reply_then_the_rating_is_final(
    province, time_machine
):
    p = referred_proposal(province, kind=DeadlineKind.SIMPLE, now=moment("2026-03-10"))
    assert p.reply_due_at == end_of_day(moment("2026-03-31").date())
    p = _reply(province, p, now=moment("2026-03-20"))
    time_machine.move_to(moment("2026-04-02"))
    p = _rate(province, fresh(p), rating="dissatisfied", reason="只在考试周延长不够。")
    p = fresh(p)
    assert p.state == S.FURTHER and p.dissatisfied_count == 1 and p.rating == ""
    # A new deadline of the same kind, counted from the rating: April's last working day.
    assert p.reply_due_at == end_of_day(moment("2026-04-30").date())
    run = _running(p).get()
    assert run.kind == MONTH_END_CLOCK.partition(".")[2]
    assert _told(province.handler_a, "请再次办理")
    first_handled = p.handled_at
    p = _reply(province, p, cls="A", text="平时也开放至 22:30。")
    p = fresh(p)
    assert p.state == S.REPLIED and p.handled_at == first_handled and not _running(p).exists()
    p = _rate(province, p, rating="dissatisfied", reason="仍不满意。")
    p = fresh(p)
    assert p.state == S.DONE and p.rating == "dissatisfied" and p.done_at is not None
    rounds = list(
        ProposalRating.objects.filter(proposal=p).values_list("round", "rating", "is_lead")
    )
    assert rounds == [(0, "dissatisfied", True), (1, "dissatisfied", True)]


@pytest.mark.time_machine(moment("2026-03-10"))
def test_a_working_day_deadline_restarts_with_its_days(province):
    p = referred_proposal(province, kind=DeadlineKind.WORKDAYS, workdays=5)
    p = _reply(province, p)
    p = _rate(province, fresh(p), rating="dissatisfied", reason="没有回应具体建议。")
    run = _running(p).get()
    assert run.kind == WORKDAYS_CLOCK.partition(".")[2] and run.workdays == 5
    p = _rate(province, _reply(province, fresh(p)), rating="satisfied")
    assert fresh(p).state == S.DONE and fresh(p).rating == "satisfied"


def test_co_signers_rate_beside_the_lead_once_per_reply(province):
    p = _reply(province, referred_proposal(province))
    cosigner, other = province.issues["handling_world"]["cosigners"]
    bystander = province.issues["handling_world"]["bystander"]
    handling.proposal_corate(actor=cosigner, proposal=p, rating="satisfied")
    with pytest.raises(DomainError) as err:
        handling.proposal_corate(actor=cosigner, proposal=p, rating="basically")
    assert err.value.field == "rating"
    with pytest.raises(DomainError) as err:
        handling.proposal_corate(actor=other, proposal=p, rating="dissatisfied", reason="")
    assert err.value.field == "reason"
    with pytest.raises(NotAllowed):  # a delegate who did not sign
        handling.proposal_corate(actor=bystander, proposal=p, rating="satisfied")
    with pytest.raises(NotAllowed):  # the lead rates with `rate`
        handling.proposal_corate(actor=province.student_a, proposal=p, rating="satisfied")
    assert fresh(p).state == S.REPLIED  # a co-rating decides nothing
    p = _rate(province, fresh(p), rating="dissatisfied", reason="不够")
    with pytest.raises(DomainError):  # while the office works on the further reply
        handling.proposal_corate(actor=other, proposal=p, rating="satisfied")
    p = _reply(province, fresh(p))
    handling.proposal_corate(actor=cosigner, proposal=p, rating="basically")  # round 1
    p = _rate(province, fresh(p))
    handling.proposal_corate(actor=other, proposal=fresh(p), rating="satisfied")  # after done
    rows = ProposalRating.objects.filter(proposal=p, is_lead=False)
    assert sorted(rows.values_list("user_id", "round", "rating")) == sorted(
        [
            (cosigner.pk, 0, "satisfied"),
            (cosigner.pk, 1, "basically"),
            (other.pk, 1, "satisfied"),
        ]
    )
    assert fresh(p).events.filter(kind="co_rated").count() == 3


def test_a_further_reply_may_be_b_and_its_final_result_is_rated_finally(province):
    p = _reply(province, referred_proposal(province))
    p = _rate(province, fresh(p), rating="dissatisfied", reason="没有落实。")
    p = _reply(province, fresh(p), cls="B", text="正在施工。")
    assert fresh(p).state == S.PROGRESSING and not _running(p).exists()
    p = handling.proposal_finish(
        actor=province.handler_a,
        proposal=fresh(p),
        expected_version=fresh(p).version,
        result_class="C",
        text="经费不足，暂缓。",
    )
    p = _rate(province, fresh(p), rating="dissatisfied", reason="仍未解决。")
    p = fresh(p)
    assert p.state == S.DONE and p.result_class == "C" and p.rating == "dissatisfied"
    assert list(p.ratings.values_list("round", flat=True)) == [0, 1]
