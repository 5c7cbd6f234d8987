"""Check-in and quorum: the rotating code expires, wrong codes and strangers are refused,
checking in twice is one row, tellers tick, voting opens only with more than two thirds
present and keeps the snapshot, and only those checked in may vote."""

import datetime

import pytest
from django.utils import timezone

from tongxin.audit.models import AuditEvent
from tongxin.congress.election_checkin import checkin_code, code_accepted, qr_svg
from tongxin.congress.election_models import Attendance, AttendanceMethod, RoundState
from tongxin.congress.election_steps import step_for
from tongxin.congress.services import election_checkin as services
from tongxin.congress.services.election_common import new_round
from tongxin.core.errors import DomainError, NotAllowed

from .election_world import ElectionWorld

AGO = datetime.timedelta


def _checkin(w: ElectionWorld):
    return services.round_start_checkin(actor=w.advisor, round_=w.round)


def test_the_code_is_six_digits_and_changes_every_thirty_seconds(province, time_machine):
    w = ElectionWorld(province)
    start = datetime.datetime(2026, 12, 1, 10, 0, 0, tzinfo=datetime.UTC)
    codes = {checkin_code(w.round, start + AGO(seconds=30 * i)) for i in range(20)}
    assert len(codes) > 15
    code = checkin_code(w.round, start)
    assert len(code) == 6 and code.isdigit()
    assert checkin_code(w.round, start + AGO(seconds=29)) == code


def test_a_code_from_29_seconds_ago_is_accepted_one_from_61_is_not(province, time_machine):
    w = ElectionWorld(province)
    _checkin(w)
    now = timezone.now()
    old = checkin_code(w.round, now - AGO(seconds=61))
    recent = checkin_code(w.round, now - AGO(seconds=29))
    assert code_accepted(w.round, recent, now)
    assert not code_accepted(w.round, old, now)
    voter = w.voters[0]
    with pytest.raises(DomainError) as refused:
        services.round_check_in(actor=voter, round_=w.round, code=old, now=now)
    assert refused.value.field == "code" and "过期" in refused.value.message
    assert services.round_check_in(actor=voter, round_=w.round, code=recent, now=now)
    assert Attendance.objects.get(round=w.round, user=voter).method == AttendanceMethod.CODE


def test_the_code_of_another_round_is_refused(province):
    w = ElectionWorld(province)
    _checkin(w)
    other = new_round(w.election, kind="runoff", seats=1, candidates=w.candidates[:2])
    now = timezone.now()
    wrong = checkin_code(other, now)
    if wrong == checkin_code(w.round, now):  # one in a million
        return
    with pytest.raises(DomainError):
        services.round_check_in(actor=w.voters[0], round_=w.round, code=wrong, now=now)


@pytest.mark.parametrize("code", ["", "12345", "abcdef", "1234567", None, " 12 34 5 "])
def test_malformed_codes_are_refused_naming_the_field(province, code):
    w = ElectionWorld(province)
    _checkin(w)
    with pytest.raises(DomainError) as refused:
        services.round_check_in(actor=w.voters[0], round_=w.round, code=code)
    assert refused.value.field == "code"
    assert not Attendance.objects.filter(round=w.round).exists()


def test_a_non_delegate_cannot_check_in(province):
    w = ElectionWorld(province)
    _checkin(w)
    code = checkin_code(w.round, timezone.now())
    for stranger in (w.outsider, province.people["advisor_a"], province.people["student_b"]):
        with pytest.raises(NotAllowed):
            services.round_check_in(actor=stranger, round_=w.round, code=code)
    assert not Attendance.objects.filter(round=w.round).exists()


def test_checking_in_before_the_check_in_or_after_opening_is_refused(province):
    w = ElectionWorld(province)
    code = checkin_code(w.round, timezone.now())
    with pytest.raises(DomainError):
        services.round_check_in(actor=w.voters[0], round_=w.round, code=code)
    w.open_voting(w.delegates[:7])
    with pytest.raises(DomainError):
        services.round_check_in(actor=w.voters[-1], round_=w.fresh_round(), code=code)


def test_checking_in_twice_leaves_one_row_and_says_so(province):
    w = ElectionWorld(province)
    _checkin(w)
    voter = w.voters[0]
    code = checkin_code(w.round, timezone.now())
    assert services.round_check_in(actor=voter, round_=w.round, code=code) is True
    assert services.round_check_in(actor=voter, round_=w.round, code=code) is False
    assert Attendance.objects.filter(round=w.round, user=voter).count() == 1
    events = AuditEvent.objects.filter(action="congress.round.checked_in")
    assert events.count() == 1
    assert events.get().data["attendee"] == voter.pk


def test_checking_in_does_not_move_the_rounds_version(province):
    w = ElectionWorld(province)
    version = _checkin(w).version
    code = checkin_code(w.round, timezone.now())
    services.round_check_in(actor=w.voters[0], round_=w.round, code=code)
    services.round_tick(actor=w.chief, round_=w.round, user=w.voters[1])
    assert w.fresh_round().version == version


def test_a_teller_ticks_a_delegate_present(province):
    w = ElectionWorld(province)
    _checkin(w)
    assert services.round_tick(actor=w.teller, round_=w.round, user=w.voters[0]) is True
    row = Attendance.objects.get(round=w.round, user=w.voters[0])
    assert (row.method, row.ticked_by) == (AttendanceMethod.TELLER, w.teller)
    assert services.round_tick(actor=w.advisor, round_=w.round, user=w.voters[0]) is False
    assert Attendance.objects.filter(round=w.round).count() == 1
    with pytest.raises(DomainError) as refused:
        services.round_tick(actor=w.teller, round_=w.round, user=w.outsider)
    assert refused.value.field == "user"
    with pytest.raises(DomainError):
        services.round_tick(actor=w.teller, round_=w.round, user=None)
    with pytest.raises(NotAllowed):  # a delegate who is no scrutineer
        services.round_tick(actor=w.voters[1], round_=w.round, user=w.voters[2])


def test_only_conductors_start_the_check_in(province):
    w = ElectionWorld(province)
    for someone in (w.teller, w.voters[0], w.outsider):
        with pytest.raises(NotAllowed):
            services.round_start_checkin(actor=someone, round_=w.round)
    round_ = services.round_start_checkin(actor=w.chief, round_=w.round)
    assert round_.state == RoundState.CHECKIN and round_.checkin_at is not None
    assert AuditEvent.objects.filter(action="congress.round.checkin_started").exists()


def test_exactly_two_thirds_present_does_not_open_the_voting(province):
    w = ElectionWorld(province)  # 9 delegates: 6 is exactly two thirds
    _checkin(w)
    for u in w.delegates[:6]:
        services.round_tick(actor=w.advisor, round_=w.round, user=u)
    with pytest.raises(DomainError) as refused:
        services.round_open(actor=w.advisor, round_=w.round)
    assert refused.value.message.startswith("实到 6 人，未超过应到 9 人的三分之二")
    assert w.fresh_round().state == RoundState.CHECKIN


def test_more_than_two_thirds_opens_the_voting_with_the_snapshot(province):
    w = ElectionWorld(province)
    _checkin(w)
    for u in w.delegates[:7]:
        services.round_tick(actor=w.advisor, round_=w.round, user=u)
    opened = step_for("open")(
        actor=w.chief, round_=w.round, expected_version=w.fresh_round().version
    )
    assert opened.state == RoundState.VOTING
    assert (opened.due_count, opened.present_count, opened.ballots_issued) == (9, 7, 7)
    assert opened.opened_at is not None
    event = AuditEvent.objects.get(action="congress.round.opened")
    assert (event.data["due_count"], event.data["present_count"]) == (9, 7)


def test_a_paper_round_leaves_the_issued_ballots_to_be_entered(province):
    w = ElectionWorld(province, mode="paper")
    _checkin(w)
    for u in w.delegates:
        services.round_tick(actor=w.advisor, round_=w.round, user=u)
    opened = services.round_open(actor=w.advisor, round_=w.round)
    assert (opened.present_count, opened.ballots_issued) == (9, None)


def test_a_stale_page_cannot_open(province):
    w = ElectionWorld(province)
    version = _checkin(w).version
    for u in w.delegates:
        services.round_tick(actor=w.advisor, round_=w.round, user=u)
    services.round_open(actor=w.advisor, round_=w.round, expected_version=version)
    with pytest.raises(DomainError):
        services.round_open(actor=w.advisor, round_=w.round, expected_version=version)


def test_only_checked_in_delegates_may_vote(province):
    w = ElectionWorld(province)
    _checkin(w)
    voter, absent = w.voters[0], w.voters[-1]
    services.round_check_in(actor=voter, round_=w.round, code=checkin_code(w.round, timezone.now()))
    for u in w.delegates[:7]:
        services.round_tick(actor=w.advisor, round_=w.round, user=u)
    round_ = services.round_open(actor=w.advisor, round_=w.round)
    assert not absent.has_perm("congress.vote", round_)
    assert voter.has_perm("congress.vote", round_)
    assert not w.outsider.has_perm("congress.vote", round_)


def test_the_steps_are_registered():
    assert step_for("start-checkin") is services.round_start_checkin
    assert step_for("open") is services.round_open


def test_the_qr_code_is_inline_svg_without_style():
    svg = qr_svg("https://example.org/congress/elections/rounds/1/checkin/?code=123456")
    assert svg.startswith("<svg") and "style=" not in svg


def test_a_teller_strikes_off_a_delegate_while_the_check_in_lasts(province):
    w = ElectionWorld(province)
    _checkin(w)
    voter = w.voters[0]
    services.round_check_in(actor=voter, round_=w.round, code=checkin_code(w.round, timezone.now()))
    assert services.round_untick(actor=w.teller, round_=w.round, user=voter) is True
    assert not Attendance.objects.filter(round=w.round, user=voter).exists()
    assert services.round_untick(actor=w.teller, round_=w.round, user=voter) is False
    event = AuditEvent.objects.get(action="congress.round.unticked")
    assert event.data["attendee"] == voter.pk
    with pytest.raises(NotAllowed):
        services.round_untick(actor=w.voters[1], round_=w.round, user=voter)
    with pytest.raises(DomainError):
        services.round_untick(actor=w.teller, round_=w.round, user=None)
    for u in w.delegates:
        services.round_tick(actor=w.advisor, round_=w.round, user=u)
    services.round_open(actor=w.advisor, round_=w.round)
    with pytest.raises(DomainError):  # the snapshot is taken: nobody leaves the count
        services.round_untick(actor=w.teller, round_=w.round, user=voter)


def test_ten_wrong_codes_make_the_delegate_wait(province):
    w = ElectionWorld(province)
    _checkin(w)
    voter, other = w.voters[0], w.voters[1]
    now = timezone.now()
    right = checkin_code(w.round, now)
    wrongs = [f"{n:06d}" for n in range(20) if not code_accepted(w.round, f"{n:06d}", now)]
    for code in wrongs[: services.GUESS_LIMIT]:
        with pytest.raises(DomainError) as refused:
            services.round_check_in(actor=voter, round_=w.round, code=code, now=now)
        assert refused.value.message == services.WRONG_CODE
    with pytest.raises(DomainError) as refused:
        services.round_check_in(actor=voter, round_=w.round, code=right, now=now)
    assert refused.value.message == services.TOO_MANY and refused.value.field == "code"
    assert services.round_check_in(actor=other, round_=w.round, code=right, now=now)
    assert services.round_tick(actor=w.teller, round_=w.round, user=voter)
