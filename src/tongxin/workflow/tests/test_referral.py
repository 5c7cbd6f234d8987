"""The office referral piece, on a real referable model (a rights issue)."""

import datetime

import pytest

from tongxin.accounts.models import Membership, Role, User
from tongxin.core.errors import DomainError
from tongxin.rights import services
from tongxin.rights.models import Issue, OfficeInput, Rating, Status
from tongxin.rights.tests.factories import fresh, submit, walk
from tongxin.testing.province import PERSONAS
from tongxin.workflow.referral import steps as referral
from tongxin.workflow.referral.rules import (
    handles_co_office,
    handles_lead_office,
    handles_referral,
    heads_lead_office,
    offices_of,
)
from tongxin.workflow.referral.selectors import (
    handlers_of,
    heads_of,
    referred_to,
    todo_provider,
)

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 3, 10, 9, 30, tzinfo=datetime.UTC)


def _user(user: User) -> User:
    """A fresh copy: grants are cached on the user object."""
    return User.objects.get(pk=user.pk)


def _clerk(p, office) -> User:
    """A school-A person appointed handler of `office`."""
    Membership.objects.create(
        user=p.student_a2, node=office, school=p.school_a, role=Role.OFFICE_HANDLER
    )
    return _user(p.student_a2)


def _referred(p, *, co=(), title="二食堂晚餐涨价") -> Issue:
    issue = walk(p, Status.ACCEPTED, title=title)
    return services.issue_refer(
        actor=p.officer_a,
        issue=issue,
        expected_version=issue.version,
        lead_office=p.logistics_office_a,
        co_offices=list(co),
    )


# --- refer ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "co", "field"),
    [
        ("logistics_office_b", [], "lead_office"),  # an office of another school
        ("college_a1", [], "lead_office"),  # not an office
        ("logistics_office_a", ["academic_office_b"], "lead_office"),  # a co-office elsewhere
        ("logistics_office_a", ["logistics_office_a"], "co_offices"),  # lead and co at once
    ],
)
def test_refer_to_offices_outside_the_school_is_refused_and_changes_nothing(
    province, lead, co, field
):
    issue = walk(province, Status.ACCEPTED)
    with pytest.raises(DomainError) as refused:
        referral.refer(
            issue,
            lead_office=province.nodes[lead],
            co_offices=[province.nodes[o] for o in co],
            now=MOMENT,
        )
    assert refused.value.field == field
    assert issue.lead_office_id is None and issue.referred_at is None
    assert not issue.co_offices.exists()


def test_refer_names_the_offices_the_time_and_drops_an_old_draft(province):
    issue = walk(province, Status.ACCEPTED)
    issue.answer_draft = "上一轮的草稿"
    changed = referral.refer(
        issue,
        lead_office=province.logistics_office_a,
        co_offices=[province.academic_office_a],
        now=MOMENT,
    )
    issue.save(update_fields=changed)
    issue = fresh(issue)
    assert (issue.lead_office_id, issue.referred_at, issue.answer_draft) == (
        province.logistics_office_a.pk,
        MOMENT,
        "",
    )
    assert offices_of(issue) == {province.logistics_office_a.pk, province.academic_office_a.pk}


def test_the_rights_referral_records_when_it_was_referred(province):
    assert _referred(province).referred_at is not None


# --- reply, approval, hand back ------------------------------------------------------


def test_a_handlers_reply_waits_for_the_head_when_approval_is_required(province):
    issue = _referred(province)
    replied = referral.office_reply(
        issue, actor=_user(province.handler_a), text=" 草稿答复 ", approval_required=True
    )
    assert replied is referral.Replied.DRAFTED and replied.fields == ("answer_draft",)
    assert (issue.answer_draft, issue.answer, issue.answered_at) == ("草稿答复", "", None)
    assert referral.approve_reply(issue) is referral.Replied.SENT
    assert (issue.answer, issue.answer_draft) == ("草稿答复", "")
    assert issue.answered_at is not None


def test_the_heads_own_reply_goes_out_directly(province):
    issue = _referred(province)
    replied = referral.office_reply(
        issue, actor=_user(province.office_head_a), text="直接答复", approval_required=True
    )
    assert replied is referral.Replied.SENT and issue.answer == "直接答复"
    assert set(replied.fields) == {"answer", "answer_draft", "answered_at"}


def test_without_approval_a_handlers_reply_goes_out(province):
    issue = _referred(province)
    replied = referral.office_reply(
        issue, actor=_user(province.handler_a), text="已处理", approval_required=False
    )
    assert replied is referral.Replied.SENT and issue.answer == "已处理"


def test_an_empty_reply_and_an_approval_without_a_draft_are_refused(province):
    issue = _referred(province)
    with pytest.raises(DomainError) as empty:
        referral.office_reply(issue, actor=province.handler_a, text="  ", approval_required=False)
    assert empty.value.field == "answer" and issue.answer == ""
    with pytest.raises(DomainError) as nothing:
        referral.approve_reply(issue)
    assert nothing.value.message == "没有待审核的答复。"


def test_the_approval_path_through_the_rights_services_tells_the_head(province):
    from tongxin.notifications.models import Notification
    from tongxin.rights.models import RightsSettings

    RightsSettings.objects.create(school=province.school_a, head_approval_required=True)
    issue = _referred(province)
    services.issue_office_answer(
        actor=province.handler_a, issue=issue, expected_version=issue.version, answer="草稿"
    )
    waiting = Notification.objects.filter(title__startswith="待审核的答复")
    assert [n.recipient_id for n in waiting] == [province.office_head_a.pk]


def test_hand_back_needs_a_reason_and_leaves_no_office(province):
    issue = _referred(province, co=[province.academic_office_a])
    with pytest.raises(DomainError) as refused:
        referral.hand_back(issue, reason=" ")
    assert refused.value.field == "reason" and issue.lead_office_id is not None
    back = referral.hand_back(issue, reason="属于教务处职责")
    issue.save(update_fields=back.fields)
    issue = fresh(issue)
    assert (back.reason, back.office_id) == ("属于教务处职责", province.logistics_office_a.pk)
    assert issue.lead_office_id is None and issue.referred_at is None
    assert offices_of(issue) == set()


# --- co-office input -----------------------------------------------------------------


def test_a_co_office_gives_its_opinion_in_its_own_name(province):
    issue = _referred(province, co=[province.academic_office_a])
    clerk = _clerk(province, province.academic_office_a)
    entry = referral.add_input(
        OfficeInput, item=issue, office=province.academic_office_a, author=clerk, text="无异议"
    )
    assert (entry.issue_id, entry.office_id, entry.author_id, entry.text) == (
        issue.pk,
        province.academic_office_a.pk,
        clerk.pk,
        "无异议",
    )


@pytest.mark.parametrize("office", ["logistics_office_a", "academic_office_a", None])
def test_an_opinion_in_another_offices_name_is_refused(province, office):
    issue = _referred(province, co=[province.academic_office_a])
    # handler_a handles the lead office, which is no co-office, and not the academic office.
    with pytest.raises(DomainError) as refused:
        referral.add_input(
            OfficeInput,
            item=issue,
            office=province.nodes[office] if office else None,
            author=_user(province.handler_a),
            text="意见",
        )
    assert refused.value.field == "office" and not OfficeInput.objects.exists()


def test_an_empty_opinion_is_refused(province):
    issue = _referred(province, co=[province.academic_office_a])
    clerk = _clerk(province, province.academic_office_a)
    with pytest.raises(DomainError) as refused:
        referral.add_input(
            OfficeInput, item=issue, office=province.academic_office_a, author=clerk, text=""
        )
    assert refused.value.field == "text" and not OfficeInput.objects.exists()


# --- the requester's rating and the one further reply -------------------------------


@pytest.mark.parametrize("rating", [Rating.SATISFIED, Rating.BASICALLY])
def test_a_good_rating_closes(province, rating):
    issue = walk(province, Status.FED_BACK)
    rated = referral.rate(issue, rating=rating)
    assert rated is referral.Rated.CLOSED and issue.rating == rating
    assert rated.fields == ("rating",)


def test_dissatisfied_once_owes_one_further_reply_then_closes(province):
    issue = walk(province, Status.FED_BACK)
    first = referral.rate(issue, rating=Rating.DISSATISFIED, reason="没变")
    assert first is referral.Rated.AGAIN
    assert (issue.rating, issue.rating_reason, issue.dissatisfied_count) == ("", "没变", 1)
    second = referral.rate(issue, rating=Rating.DISSATISFIED, reason="仍然没变")
    assert second is referral.Rated.EXHAUSTED
    assert (issue.rating, issue.rating_reason, issue.dissatisfied_count) == (
        Rating.DISSATISFIED,
        "仍然没变",
        2,
    )


def test_without_further_replies_dissatisfied_closes_at_once(province):
    issue = walk(province, Status.FED_BACK)
    rated = referral.rate(issue, rating=Rating.DISSATISFIED, reason="没变", further_replies=0)
    assert rated is referral.Rated.EXHAUSTED


@pytest.mark.parametrize(
    ("rating", "reason", "field"),
    [("unrated", "", "rating"), ("great", "", "rating"), (Rating.DISSATISFIED, " ", "reason")],
)
def test_a_bad_rating_is_refused_naming_the_field(province, rating, reason, field):
    issue = walk(province, Status.FED_BACK)
    with pytest.raises(DomainError) as refused:
        referral.rate(issue, rating=rating, reason=reason)
    assert refused.value.field == field
    assert (issue.rating, issue.dissatisfied_count) == ("", 0)


# --- who works a referred item: predicates and the one SQL scope -------------------


@pytest.fixture
def referred_world(province):
    """Referred to logistics A alone, to logistics A with academic A helping, to logistics
    B (the sibling school), handed back, and one never referred."""
    alone = _referred(province, title="只转后勤")
    helped = _referred(province, co=[province.academic_office_a], title="后勤牵头教务协办")
    back = _referred(province, co=[province.academic_office_a], title="退回了")
    services.issue_return(
        actor=province.handler_a, issue=back, expected_version=back.version, reason="不归我们"
    )
    other = submit(province, student="student_b", title="乙校的诉求")
    other = services.issue_accept(
        actor=province.officer_b, issue=other, expected_version=other.version, reply="收到"
    )
    services.issue_refer(
        actor=province.officer_b,
        issue=other,
        expected_version=other.version,
        lead_office=province.logistics_office_b,
        co_offices=[],
    )
    walk(province, Status.ACCEPTED, title="没有转办")
    return {"alone": alone, "helped": helped}


def test_the_scope_returns_exactly_what_the_predicate_allows(province, referred_world):
    clerk = _clerk(province, province.academic_office_a)
    people = [_user(province.people[name]) for name in [*PERSONAS, "office_head_a"]]
    for user in [*people, clerk]:
        allowed = {i.pk for i in Issue.objects.all() if handles_referral(user, i)}
        assert set(referred_to(Issue, user).values_list("pk", flat=True)) == allowed, user
    handler = _user(province.handler_a)
    assert set(referred_to(Issue, handler)) == {referred_world["alone"], referred_world["helped"]}
    assert set(referred_to(Issue, clerk)) == {referred_world["helped"]}


def test_the_predicates_tell_the_lead_the_head_and_the_co_office_apart(province, referred_world):
    helped = referred_world["helped"]
    handler, head = _user(province.handler_a), _user(province.office_head_a)
    clerk = _clerk(province, province.academic_office_a)
    assert handles_lead_office(handler, helped) and handles_lead_office(head, helped)
    assert heads_lead_office(head, helped) and not heads_lead_office(handler, helped)
    assert handles_co_office(clerk, helped) and not handles_lead_office(clerk, helped)
    assert not handles_co_office(handler, helped)
    assert not handles_referral(_user(province.officer_a), helped)
    assert not handles_referral(handler, None)


def test_the_scope_costs_one_query_whatever_the_offices_hold(
    province, referred_world, django_assert_num_queries
):
    handler = _user(province.handler_a)
    list(referred_to(Issue, handler))  # loads the handler's grants once
    with django_assert_num_queries(1):
        list(referred_to(Issue, handler))


def test_the_people_to_tell(province):
    assert {u.pk for u in handlers_of([province.logistics_office_a.pk, None])} == {
        province.handler_a.pk,
        province.office_head_a.pk,
    }
    assert [u.pk for u in heads_of(province.logistics_office_a.pk)] == [province.office_head_a.pk]
    assert heads_of(None) == [] and heads_of(province.academic_office_a.pk) == []


# --- the one to-do list ------------------------------------------------------------


def test_the_todo_provider_lists_what_waits_for_the_actors_offices(province, referred_world):
    provide = todo_provider(
        Issue, states=[Status.REFERRED], label="转办待答复", url_name="rights:issue-detail"
    )
    clerk = _clerk(province, province.academic_office_a)
    batch = provide(_user(province.handler_a), 20)
    assert {i.title for i in batch.items} == {"只转后勤", "后勤牵头教务协办"}
    assert batch.count == 2 and {i.kind for i in batch.items} == {"转办待答复"}
    helped = referred_world["helped"]
    assert [(i.title, i.url, i.since) for i in provide(clerk, 20).items] == [
        (helped.title, f"/rights/issues/{helped.pk}/", helped.referred_at)
    ]
    assert provide(_user(province.officer_a), 20).count == 0
    assert (
        provide(_user(province.handler_a), 1).count,
        len(provide(province.handler_a, 0).items),
    ) == (
        2,
        0,
    )
