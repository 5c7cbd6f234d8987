import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tongxin.accounts.models import Membership, Role
from tongxin.assessment import services
from tongxin.assessment.models import (
    ExitProposal,
    Level,
    RatedOfficer,
    Rater,
    Rating,
    Round,
    RoundStatus,
)
from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed, StaleObject

from .factories import TERM, close, open_round, rate, rate_all, rated, scores, union_with_officers

pytestmark = pytest.mark.django_db


@pytest.fixture
def p(province):
    return union_with_officers(province)


@pytest.fixture
def round_(p):
    return open_round(p)


# --- opening --------------------------------------------------------------------------
def test_opening_rates_every_active_officer_by_default_and_records_the_groups(p, round_):
    assert round_.status == RoundStatus.OPEN and round_.school == p.school_a
    assert set(
        RatedOfficer.objects.filter(round=round_).values_list("officer__number", flat=True)
    ) == {
        "2022001",
        "2022101",
        "2022102",
    }
    groups = dict(Rater.objects.filter(round=round_).values_list("user__real_name", "group"))
    assert groups["褚老师"] == "teacher" and groups["张同学"] == "delegate"
    assert groups["王部长"] == "peer"
    event = AuditEvent.objects.get(action="assessment.round.opened")
    assert event.data["raters"] == {"teacher": 2, "delegate": 2, "peer": 3}


def test_opening_copies_the_policy_in_force(p):
    services.policy_save(
        actor=p.province_admin,
        academic_year=2025,
        values={
            "weight_politics": 20,
            "weight_morals": 20,
            "weight_study": 20,
            "weight_work": 20,
            "weight_discipline": 20,
            "weight_teacher": 50,
            "weight_delegate": 30,
            "weight_peer": 20,
            "excellent_min": 85,
            "pass_min": 70,
            "basic_min": 60,
        },
    )
    round_ = open_round(p)
    assert round_.policy["groups"] == {"teacher": 50, "delegate": 30, "peer": 20}
    assert round_.policy["excellent_min"] == 85


def test_only_the_schools_advisor_opens_a_round(p):
    with pytest.raises(NotAllowed):
        services.round_open(
            actor=p.advisor_b,
            union=p.union_a,
            term=TERM,
            deadline=timezone.localdate(),
            raters=services.RaterChoice(teachers=[p.advisor_a]),
        )


def test_one_round_per_union_per_term(p, round_):
    with pytest.raises(DomainError) as err:
        open_round(p)
    assert err.value.field == "term" and "已有评议轮次" in err.value.message


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        ({"teachers": ["advisor_b"]}, "teacher", "不是本校团委老师"),
        ({"teachers": ["student_a"]}, "teacher", "不是本校团委老师"),
        ({"delegates": ["officer_a"]}, "delegate", "不是本校在读学生"),
        ({"delegates": ["student_b"]}, "delegate", "不是本校在读学生"),
        ({"peers": ["college_officer_a1"]}, "peer", "不是本会在任工作人员"),
        ({"teachers": [], "delegates": [], "peers": []}, "teacher", "至少选择一位评议人"),
        ({"term": "2025-2027-1"}, "term", "学期格式"),
    ],
)
def test_raters_must_belong_to_their_group(p, kwargs, field, text):
    with pytest.raises(DomainError) as err:
        open_round(p, **kwargs)
    assert err.value.field == field and text in err.value.message
    assert not Round.objects.exists()


def test_a_student_chosen_twice_is_refused(p):
    from .factories import add_officer

    both = add_officer(p, "both", "2022103", "马干事")
    Membership.objects.create(user=both, node=p.class_a1, school=p.school_a, role=Role.STUDENT)
    with pytest.raises(DomainError) as err:
        open_round(p, delegates=["both"], peers=["both"])
    assert "两个评议组" in err.value.message


def test_a_deadline_in_the_past_is_refused(p):
    with pytest.raises(DomainError) as err:
        open_round(p, deadline=timezone.localdate() - datetime.timedelta(days=1))
    assert err.value.field == "deadline"


# --- reports and ratings --------------------------------------------------------------
def test_the_officer_writes_and_revises_the_report(p, round_):
    mine = rated(round_, p.officer_a)
    services.report_submit(actor=p.officer_a, rated=mine, text="本学期组织了三次活动。")
    services.report_submit(actor=p.officer_a, rated=mine, text="修改后的述职报告。")
    mine.refresh_from_db()
    assert mine.report == "修改后的述职报告。"
    with pytest.raises(NotAllowed):
        services.report_submit(actor=p.minister_a, rated=mine, text="代写")


def test_a_rating_is_stored_once(p, round_):
    rating = rate(p, "student_a", round_, "officer_a", scores(80, 81, 82, 83, 84))
    assert rating.scores() == scores(80, 81, 82, 83, 84)
    assert AuditEvent.objects.filter(action="assessment.rating.submitted").count() == 1


def test_a_second_rating_of_the_same_officer_is_refused_with_a_message(p, round_):
    rate(p, "student_a", round_, "officer_a", scores(80))
    with pytest.raises(DomainError) as err:
        rate(p, "student_a", round_, "officer_a", scores(95))
    assert "只能评一次" in err.value.message and "赵主席" in err.value.message
    assert Rating.objects.get().politics == 80


def test_the_database_refuses_a_second_rating_too(p, round_):
    first = rate(p, "student_a", round_, "officer_a", scores(80))
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(
            round=round_,
            school=p.school_a,
            rater=first.rater,
            rated=first.rated,
            **scores(90),
        )


def test_the_database_refuses_a_score_above_100(p, round_):
    first = rate(p, "student_a", round_, "officer_a", scores(80))
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(
            round=round_,
            school=p.school_a,
            rater=first.rater,
            rated=rated(round_, p.minister_a),
            **scores(80, 80, 101, 80, 80),
        )


def test_a_fellow_officer_never_rates_themselves(p, round_):
    with pytest.raises(DomainError) as err:
        rate(p, "minister_a", round_, "minister_a", scores(100))
    assert "不能给自己评分" in err.value.message
    rate(p, "minister_a", round_, "officer_a", scores(90))  # but rates the others


def test_someone_not_chosen_cannot_rate(p, round_):
    with pytest.raises(NotAllowed):
        rate(p, "secretary_a2", round_, "officer_a", scores(90))


@pytest.mark.parametrize(
    ("values", "field"),
    [
        (scores(80, 80, 101, 80, 80), "study"),
        (scores(-1, 80, 80, 80, 80), "politics"),
        ({"politics": 80, "morals": 80, "study": 80, "work": 80}, "discipline"),
        ({**scores(80), "work": "很好"}, "work"),
    ],
)
def test_scores_are_whole_numbers_from_0_to_100(p, round_, values, field):
    with pytest.raises(DomainError) as err:
        rate(p, "student_a", round_, "officer_a", values)
    assert err.value.field == field and "0 到 100" in err.value.message
    assert not Rating.objects.exists()


def test_a_closed_round_refuses_ratings_and_reports(p, round_):
    close(p, round_)
    with pytest.raises(DomainError) as err:
        rate(p, "student_a", round_, "officer_a", scores(90))
    assert "已经结束" in err.value.message
    with pytest.raises(DomainError):
        services.report_submit(actor=p.officer_a, rated=rated(round_, p.officer_a), text="迟交")


def test_ratings_stop_after_the_deadline_day(p, round_):
    Round.objects.filter(pk=round_.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(DomainError) as err:
        rate(p, "student_a", round_, "officer_a", scores(90))
    assert "截止" in err.value.message


# --- closing: scores, levels, exit proposals ------------------------------------------
def test_closing_scores_each_officer_as_computed_by_hand(p, round_):
    # 王部长: teachers (90,80,70,100,60)→80 and 100 → 90; delegates 70 and 80 → 75;
    # peers 赵主席 (50,60,70,80,90)→70 and 刘干事 90 → 80: 36 + 30 + 16 = 82.00
    rate_all(
        p,
        round_,
        "minister_a",
        teacher=[(90, 80, 70, 100, 60), (100,)],
        delegate=[(70,), (80,)],
        peer=[("officer_a", (50, 60, 70, 80, 90)), ("member_a", (90,))],
    )
    # 刘干事: no fellow officer rated → teachers 90 and delegates 70 count half each = 80.00
    rate_all(p, round_, "member_a", teacher=[(90,), (90,)], delegate=[(70,), (70,)])
    round_ = close(p, round_)
    minister, member, president = (
        rated(round_, p.minister_a),
        rated(round_, p.member_a),
        rated(round_, p.officer_a),
    )
    assert (minister.score, minister.level) == (Decimal("82.00"), Level.PASS)
    assert minister.detail["groups"]["peer"] == {"average": 80.0, "count": 2}
    assert (member.score, member.level) == (Decimal("80.00"), Level.PASS)
    assert set(member.detail["groups"]) == {"teacher", "delegate"}
    assert (president.score, president.level) == (None, "")
    assert round_.status == RoundStatus.CLOSED and round_.version == 2
    assert not ExitProposal.objects.exists()


def test_close_and_publish_check_the_version_and_the_state(p, round_):
    with pytest.raises(StaleObject):
        services.round_close(actor=p.advisor_a, round_=round_, expected_version=7)
    with pytest.raises(DomainError):
        services.round_publish(actor=p.advisor_a, round_=round_, expected_version=1)
    round_ = services.round_close(actor=p.advisor_a, round_=round_, expected_version=1)
    round_ = services.round_publish(actor=p.advisor_a, round_=round_, expected_version=2)
    assert round_.status == RoundStatus.PUBLISHED and round_.published_at is not None
    with pytest.raises(NotAllowed):
        services.round_close(actor=p.officer_a, round_=round_, expected_version=None)


def test_publishing_tells_each_rated_officer(p, round_):
    from tongxin.notifications.models import Notification

    close(p, round_)
    services.round_publish(actor=p.advisor_a, round_=round_, expected_version=None)
    told = set(
        Notification.objects.filter(verb="assessment.round.published").values_list(
            "recipient__real_name", flat=True
        )
    )
    assert told == {"赵主席", "王部长", "刘干事"}
