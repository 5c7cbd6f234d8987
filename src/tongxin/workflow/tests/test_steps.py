"""The shared workflow steps, on a real versioned model (a rights issue)."""

import pytest
from django.db import transaction
from django.test import TestCase

from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, StaleObject
from tongxin.notifications.models import Notification
from tongxin.rights.models import Issue, IssueEvent, Status
from tongxin.rights.tests.factories import fresh, submit
from tongxin.workflow.steps import (
    lock,
    page_of,
    record_step,
    require_state,
    require_text,
    save_step,
    tell,
)


@pytest.fixture
def issue(province) -> Issue:
    return submit(province)


def test_lock_returns_the_fresh_row_when_the_version_matches(issue):
    Issue.objects.filter(pk=issue.pk).update(title="改过的标题")
    with transaction.atomic():
        locked = lock(issue, issue.version)
    assert locked.title == "改过的标题" and locked is not issue


def test_lock_with_a_moved_version_is_refused_naming_the_object(issue):
    Issue.objects.filter(pk=issue.pk).update(version=issue.version + 1)
    with transaction.atomic(), pytest.raises(StaleObject) as refused:
        lock(issue, issue.version)
    assert refused.value.message == "该权益诉求已被他人修改，请刷新后重试。"


def test_lock_without_an_expected_version_skips_the_check(issue):
    Issue.objects.filter(pk=issue.pk).update(version=issue.version + 5)
    with transaction.atomic():
        assert lock(issue, None).version == issue.version + 5


def test_lock_joins_the_related_rows(issue, django_assert_num_queries):
    with transaction.atomic():
        locked = lock(issue, issue.version, related=["union"])
        with django_assert_num_queries(0):
            assert locked.union.pk == issue.union_id


def test_require_state_passes_an_allowed_state(issue):
    require_state(issue, [Status.SUBMITTED, Status.ACCEPTED], action="受理")


def test_require_state_names_the_state_the_states_and_the_step(issue):
    with pytest.raises(DomainError) as refused:
        require_state(issue, [Status.ACCEPTED, Status.REFERRED], action="转办")
    now, accepted, referred = (
        Status(issue.status).label,
        Status.ACCEPTED.label,
        Status.REFERRED.label,
    )
    assert refused.value.message == (
        f"当前状态为“{now}”，只有“{accepted}”、“{referred}”的权益诉求可以转办。"
    )
    assert refused.value.field == "status"


def test_require_text_strips_and_keeps_the_text():
    assert require_text("  有内容 \n", "note", "说明") == "有内容"


@pytest.mark.parametrize("value", ["", "   ", None])
def test_require_text_refuses_empty_naming_the_field(value):
    with pytest.raises(DomainError) as refused:
        require_text(value, "note", "说明")
    assert (refused.value.message, refused.value.field) == ("请填写说明。", "note")


def test_require_text_refuses_too_long_text():
    assert require_text("字" * 10, "note", "说明", max_length=10) == "字" * 10
    with pytest.raises(DomainError) as refused:
        require_text("字" * 11, "note", "说明", max_length=10)
    assert refused.value.message == "说明不能超过 10 个字。"


def test_save_step_bumps_the_version_and_the_update_time(issue):
    before = fresh(issue)
    issue.title = "新标题"
    issue.description = "不保存的改动"
    save_step(issue, "title")
    after = fresh(issue)
    assert after.version == before.version + 1
    assert after.title == "新标题" and after.description == before.description
    assert after.updated_at > before.updated_at


def test_record_step_saves_the_line_and_the_audit_event(issue, province):
    officer = province.officer_a
    line = IssueEvent(
        issue=issue, school_id=issue.school_id, kind="accepted", actor=officer, actor_label="x"
    )
    with transaction.atomic():
        event = record_step(
            actor=officer,
            action="rights.issue.accepted",
            target=issue,
            line=line,
            data={"n": 1},
            role="officer",
            node=issue.union_id,
        )
    assert line.pk is not None
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.target_id, stored.data) == (
        "rights.issue.accepted",
        str(issue.pk),
        {"n": 1},
    )
    assert (stored.acting_role, stored.acting_node_id) == ("officer", issue.union_id)


def test_record_step_with_a_sealed_label_keeps_the_actor_out(issue, province):
    with transaction.atomic():
        event = record_step(
            actor=province.student_a,
            action="rights.issue.accepted",
            target=issue,
            sealed_label="匿名同学#AB12",
        )
    assert (event.actor_id, event.actor_label, event.ip) == (None, "匿名同学#AB12", None)


def test_record_step_refuses_an_unregistered_action(issue, province):
    with transaction.atomic(), pytest.raises(ValueError):
        record_step(actor=province.officer_a, action="rights.issue.teleported", target=issue)


def test_tell_skips_the_actor_and_links_the_page(issue, province):
    url = page_of("rights:issue-detail", issue)
    assert url == f"/rights/issues/{issue.pk}/"
    with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
        tell(
            [province.officer_a, province.advisor_a, None],
            verb="rights.issue.updated",
            title="有新动态",
            url=url,
            school=issue.school,
            skip=province.officer_a,
        )
    sent = Notification.objects.filter(title="有新动态")
    assert [n.recipient_id for n in sent] == [province.advisor_a.pk]
    assert sent.get().url == url
