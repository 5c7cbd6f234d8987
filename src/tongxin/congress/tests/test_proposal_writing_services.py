"""Writing and co-signing proposals: every step and every refusal (the window, the number
of lead proposals, the co-signers needed, who may write, whom one may invite, stale
versions), the numbering, the similar titles, and the students' suggestions."""

import datetime

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.congress.models import CongressRule, UnionLevel
from tongxin.congress.proposal_models import (
    Proposal,
    ProposalEvent,
    ProposalGram,
    ProposalSigner,
    ProposalState,
    ProposalWindow,
    SignerStatus,
    Suggestion,
    SuggestionState,
)
from tongxin.congress.proposal_write_selectors import (
    my_invitations,
    similar_proposals,
    suggestions_for_delegate,
    writable_windows,
)
from tongxin.congress.services import proposal_writing as services
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.notifications.models import Notification
from tongxin.testing.clock import moment

from .proposal_factories_writing import World

DAY = "2026-03-02"
pytestmark = pytest.mark.time_machine(moment(DAY))


@pytest.fixture
def world(province):
    return World(province)


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


# ---------------------------------------------------------------- the window


def test_officer_sets_and_changes_the_window(province):
    w = World(province, window=False)
    window = services.proposal_window_set(
        actor=province.officer_a,
        session=w.session,
        opens_on=datetime.date(2026, 3, 1),
        closes_on=datetime.date(2026, 3, 20),
    )
    assert window.is_open_on(datetime.date(2026, 3, 2))
    window = services.proposal_window_set(
        actor=province.advisor_a,
        session=w.session,
        opens_on=datetime.date(2026, 3, 5),
        closes_on=datetime.date(2026, 3, 20),
        expected_version=window.version,
    )
    assert (window.opens_on, window.version) == (datetime.date(2026, 3, 5), 2)
    assert ProposalWindow.objects.count() == 1
    assert AuditEvent.objects.filter(action="congress.proposal.window_set").count() == 2
    with pytest.raises(StaleObject):
        services.proposal_window_set(
            actor=province.officer_a,
            session=w.session,
            opens_on=datetime.date(2026, 3, 1),
            closes_on=datetime.date(2026, 3, 9),
            expected_version=1,
        )


def test_window_refusals(province):
    w = World(province, window=False)
    with pytest.raises(NotAllowed):
        services.proposal_window_set(
            actor=w.lead,
            session=w.session,
            opens_on=datetime.date(2026, 3, 1),
            closes_on=datetime.date(2026, 3, 2),
        )
    with pytest.raises(DomainError) as exc:
        services.proposal_window_set(
            actor=province.officer_a,
            session=w.session,
            opens_on=datetime.date(2026, 3, 9),
            closes_on=datetime.date(2026, 3, 2),
        )
    assert exc.value.field == "closes_on"
    assert not ProposalWindow.objects.exists()


def test_writing_without_a_window_is_refused(province):
    w = World(province, window=False)
    with pytest.raises(DomainError) as exc:
        w.write()
    assert "尚未设定提案征集期" in exc.value.message
    assert not Proposal.objects.exists()


def test_writing_and_submitting_outside_the_window_name_the_dates(world):
    ready = world.ready()
    ProposalWindow.objects.filter(pk=world.window.pk).update(
        opens_on=datetime.date(2026, 2, 1), closes_on=datetime.date(2026, 2, 28)
    )
    with pytest.raises(DomainError) as exc:
        world.write()
    assert "2026-02-01 至 2026-02-28" in exc.value.message
    with pytest.raises(DomainError) as exc:
        world.submit(ready)
    assert "2026-02-01 至 2026-02-28" in exc.value.message
    assert fresh(ready).state == ProposalState.DRAFT


# ---------------------------------------------------------------- writing


def test_a_delegate_writes_a_draft_indexed_and_audited(world):
    p = world.write()
    assert (p.state, p.lead, p.number, p.version) == (ProposalState.DRAFT, world.lead, None, 1)
    assert p.school_id == world.session.school_id and p.union_id == world.session.union_id
    assert ProposalGram.objects.filter(proposal=p).filter(gram="图书").exists()
    assert ProposalEvent.objects.filter(proposal=p, kind="written").count() == 1
    assert AuditEvent.objects.filter(action="congress.proposal.written").count() == 1


def test_a_concrete_suggestion_is_required(world):
    with pytest.raises(DomainError) as exc:
        world.write(suggestion="  ")
    assert exc.value.field == "suggestion"
    assert "没有具体建议的是意见，不是提案" in exc.value.message
    with pytest.raises(DomainError) as exc:
        world.write(category="sports")
    assert exc.value.field == "category"
    with pytest.raises(DomainError) as exc:
        world.write(title="")
    assert exc.value.field == "title"
    assert not Proposal.objects.exists()


def test_a_non_delegate_may_not_write(world, province):
    for person in (province.people["student_a2"], province.officer_a, province.advisor_a):
        with pytest.raises(NotAllowed):
            world.write(person)
    assert not Proposal.objects.exists()


def test_at_most_n_lead_proposals_withdrawn_and_cosigned_do_not_count(world):
    first = world.write()
    world.write(title="增加食堂夜宵窗口")
    with pytest.raises(DomainError) as exc:
        world.write(title="宿舍热水全天供应")
    assert "最多领衔提出 2 件" in exc.value.message
    # Co-signing another's proposal does not count against one's own.
    other = world.ready(lead=world.delegates[1], signers=2)
    assert ProposalSigner.objects.filter(proposal=other, user=world.delegates[2]).exists()
    first = fresh(first)
    services.proposal_withdraw(actor=world.lead, proposal=first, expected_version=first.version)
    third = world.write(title="宿舍热水全天供应")
    assert third.state == ProposalState.DRAFT


def test_the_rule_sets_the_limit(world):
    CongressRule.objects.create(level=UnionLevel.SCHOOL, proposal_max_lead=1)
    world.write()
    with pytest.raises(DomainError):
        world.write(title="增加食堂夜宵窗口")


def test_edit_reindexes_and_checks_the_version(world):
    p = world.write()
    p = services.proposal_edit(
        actor=world.lead,
        proposal=p,
        expected_version=p.version,
        title="增加食堂夜宵窗口",
        category="life",
        suggestion="每晚 21:00-23:00 开放夜宵窗口。",
    )
    assert p.version == 2
    grams = set(ProposalGram.objects.filter(proposal=p).values_list("gram", flat=True))
    assert "食堂" in grams and "图书" not in grams
    with pytest.raises(StaleObject):
        services.proposal_edit(
            actor=world.lead,
            proposal=p,
            expected_version=1,
            title="x",
            category="life",
            suggestion="y",
        )
    with pytest.raises(NotAllowed):
        services.proposal_edit(
            actor=world.delegates[1],
            proposal=p,
            expected_version=2,
            title="x",
            category="life",
            suggestion="y",
        )
    assert fresh(p).title == "增加食堂夜宵窗口"


# ---------------------------------------------------------------- co-signing


def test_invite_cosign_decline_and_submit(world):
    p = world.write()
    a, b, c = world.delegates[1:4]
    world.invite(p, [a, b, c])
    assert {s.user for s in my_invitations(a)} == {ProposalSigner.objects.get(user=a).user}
    assert Notification.objects.filter(recipient=a).exists()
    world.cosign(p, a)
    with pytest.raises(DomainError) as exc:
        world.submit(p)
    assert exc.value.field == "signers"
    assert "至少 2 位" in exc.value.message and "已确认 1 位" in exc.value.message
    p = fresh(p)
    services.proposal_decline(actor=b, proposal=p, expected_version=p.version, note="不熟悉")
    with pytest.raises(DomainError):
        world.submit(p)
    world.cosign(p, c)
    # Co-signing does not move the version: the lead's page stays current.
    assert fresh(p).version == 1
    p = world.submit(p)
    assert (p.state, p.number, p.version) == (ProposalState.SUBMITTED, 1, 2)
    statuses = dict(ProposalSigner.objects.filter(proposal=p).values_list("user_id", "status"))
    assert statuses == {
        a.pk: SignerStatus.CONFIRMED,
        b.pk: SignerStatus.DECLINED,
        c.pk: SignerStatus.CONFIRMED,
    }
    kinds = list(ProposalEvent.objects.filter(proposal=p).values_list("kind", flat=True))
    assert kinds == ["written", "invited", "cosigned", "declined", "cosigned", "submitted"]
    # Submitted: no more edits, co-signing or invitations.
    with pytest.raises(DomainError):
        services.proposal_edit(
            actor=world.lead,
            proposal=p,
            expected_version=p.version,
            title="x",
            category="life",
            suggestion="y",
        )


def test_invite_refusals(world, province):
    p = world.write()
    cases = [
        ([world.lead], "自己"),
        ([province.people["student_a2"]], "不是代表"),
        ([province.officer_a], "不是代表"),
        ([], "请选择"),
    ]
    for users, words in cases:
        with pytest.raises(DomainError) as exc:
            world.invite(p, users)
        assert words in exc.value.message and exc.value.field == "invitees"
    world.invite(p, [world.delegates[1]])
    with pytest.raises(DomainError) as exc:
        world.invite(p, [world.delegates[1], world.delegates[2]])
    assert "已邀请过" in exc.value.message
    assert ProposalSigner.objects.filter(proposal=p).count() == 1
    with pytest.raises(NotAllowed):
        services.proposal_invite(
            actor=world.delegates[1],
            proposal=p,
            expected_version=p.version,
            invitees=[world.delegates[2].pk],
        )


def test_only_the_invited_cosign_once_and_against_the_text_they_read(world):
    p = world.write()
    a, b = world.delegates[1:3]
    with pytest.raises(NotAllowed):
        world.cosign(p, a)  # not invited
    world.invite(p, [a, b])
    p = fresh(p)
    services.proposal_edit(
        actor=world.lead,
        proposal=p,
        expected_version=p.version,
        title="新案由标题",
        category="life",
        suggestion="新的建议。",
    )
    with pytest.raises(StaleObject):
        services.proposal_cosign(actor=a, proposal=p, expected_version=1)
    world.cosign(p, a)
    with pytest.raises(NotAllowed):
        world.cosign(p, a)  # answered already


def test_numbers_follow_in_the_session_and_withdraw(world):
    first = world.submit(world.ready())
    second = world.submit(world.ready(lead=world.delegates[1]))
    assert (first.number, second.number) == (1, 2)
    services.proposal_withdraw(
        actor=world.lead, proposal=first, expected_version=first.version, reason="与 2 号重复"
    )
    assert fresh(first).state == ProposalState.WITHDRAWN
    third = world.submit(world.ready(lead=world.delegates[2]))
    assert third.number == 3  # a withdrawn proposal keeps its number
    with pytest.raises(NotAllowed):
        services.proposal_withdraw(
            actor=world.delegates[1], proposal=first, expected_version=fresh(first).version
        )
    with pytest.raises(DomainError):
        services.proposal_withdraw(
            actor=world.lead, proposal=first, expected_version=fresh(first).version
        )


def test_the_rule_sets_the_cosigners_needed(world):
    CongressRule.objects.create(level=UnionLevel.SCHOOL, proposal_min_cosigners=3)
    p = world.ready(signers=2)
    with pytest.raises(DomainError) as exc:
        world.submit(p)
    assert "至少 3 位" in exc.value.message


# ---------------------------------------------------------------- similar titles


def test_similar_titles_of_the_same_session(world):
    p = world.write()
    world.write(lead=world.delegates[1], title="食堂菜价上涨")
    found = similar_proposals(session_id=world.session.pk, title="图书馆开放时间太短")
    assert found == [p]
    assert similar_proposals(session_id=world.session.pk, title="") == []
    assert similar_proposals(session_id=world.session.pk + 999, title="图书馆开放时间") == []
    services.proposal_withdraw(actor=world.lead, proposal=p, expected_version=p.version)
    assert similar_proposals(session_id=world.session.pk, title="图书馆开放时间太短") == []


# ---------------------------------------------------------------- suggestions


def test_a_student_suggests_a_delegate_adopts_it(world, province):
    student = world.outsider
    delegate = world.delegates[1]  # college A1, like student_a2
    s = services.suggestion_send(actor=student, title="自习室插座太少", text="希望增加插座。")
    assert s.college_id == student.college_id and s.state == SuggestionState.OPEN
    assert list(suggestions_for_delegate(delegate, datetime.date(2026, 3, 2))) == [s]
    assert Notification.objects.filter(recipient=delegate).exists()
    p = world.write(lead=delegate, title="增加自习室插座", basis_suggestion=s)
    s = fresh(s)
    assert (s.state, s.handled_by, p.basis_suggestion) == (SuggestionState.ADOPTED, delegate, s)
    assert AuditEvent.objects.filter(action="congress.suggestion.adopted").count() == 1
    # Adopted once only.
    with pytest.raises(DomainError) as exc:
        world.write(lead=world.delegates[2], title="再次采纳", basis_suggestion=s)
    assert exc.value.field == "basis_suggestion"


def test_a_delegate_answers_a_suggestion(world, province):
    student = world.outsider
    s = services.suggestion_send(actor=student, title="自习室插座太少", text="希望增加插座。")
    delegate = world.delegates[1]
    with pytest.raises(DomainError):
        services.suggestion_answer(actor=delegate, suggestion=s, expected_version=1, note=" ")
    s = services.suggestion_answer(
        actor=delegate, suggestion=s, expected_version=1, note="已转学生会生活部。"
    )
    assert (s.state, s.note) == (SuggestionState.CLOSED, "已转学生会生活部。")
    assert Notification.objects.filter(recipient=student).exists()
    with pytest.raises(StaleObject):
        services.suggestion_answer(actor=delegate, suggestion=s, expected_version=1, note="再答")
    with pytest.raises(NotAllowed):
        services.suggestion_answer(actor=student, suggestion=s, expected_version=2, note="x")


def test_who_may_send_and_whom_it_reaches(world, province):
    with pytest.raises(NotAllowed):
        services.suggestion_send(actor=world.lead, title="t", text="x")  # a delegate now
    with pytest.raises(NotAllowed):
        services.suggestion_send(actor=province.advisor_a, title="t", text="x")
    with pytest.raises(DomainError) as exc:
        services.suggestion_send(actor=province.people["student_a2"], title="t", text="")
    assert exc.value.field == "text"
    assert not Suggestion.objects.exists()
    s = services.suggestion_send(actor=province.people["student_a2"], title="t", text="x")
    # A delegate of another college does not read it.
    other = [u for u in world.delegates if u.college_id != s.college_id]
    for user in other:
        assert not suggestions_for_delegate(user, datetime.date(2026, 3, 2)).exists()
    with pytest.raises(NotAllowed):
        services.suggestion_answer(
            actor=province.people["student_b"], suggestion=s, expected_version=1, note="x"
        )


def test_writable_windows_are_the_delegates_open_ones(world, province):
    today = datetime.date(2026, 3, 2)
    assert [w.session_id for w in writable_windows(world.lead, today)] == [world.session.pk]
    assert not writable_windows(province.people["student_a2"], today).exists()
    assert not writable_windows(world.lead, today + datetime.timedelta(days=60)).exists()


# ---------------------------------------------------------------- basis and attachments


def test_a_rights_issue_the_delegate_reads_is_a_basis(world, province):
    from tongxin.rights.tests.factories import rights_world, submit

    rights_world(province)
    own = submit(province, student="student_a")
    p = world.write(basis_issue=own)
    assert p.basis_issue == own
    elsewhere = submit(province, student="student_b", title="乙学院宿舍停水")
    with pytest.raises(DomainError) as exc:
        world.write(title="宿舍停水", basis_issue=elsewhere)
    assert exc.value.field == "basis_issue"


def test_the_lead_attaches_files_while_a_draft(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tongxin.attachments.services import attachment_upload

    def upload(user, proposal):
        return attachment_upload(
            actor=user,
            subject=proposal,
            upload=SimpleUploadedFile("调研.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        )

    p = world.ready()
    assert upload(world.lead, p).pk
    with pytest.raises(NotAllowed):
        upload(world.delegates[1], p)
    p = world.submit(p)
    with pytest.raises(NotAllowed):
        upload(world.lead, p)


def test_no_window_for_a_closed_session(province):
    from tongxin.congress.models import SessionState

    w = World(province, window=False)
    w.session.state = SessionState.CLOSED
    w.session.save(update_fields=["state"])
    with pytest.raises(DomainError) as exc:
        services.proposal_window_set(
            actor=province.officer_a,
            session=w.session,
            opens_on=datetime.date(2026, 3, 1),
            closes_on=datetime.date(2026, 3, 9),
        )
    assert exc.value.field == "session"
    assert not ProposalWindow.objects.exists()
