"""The transition-table kit: a table refuses to be written wrong, and answers its readers."""

import pytest
from django.db import models, transaction

from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.rights.models import Issue, Status
from tongxin.rights.tests.factories import fresh, submit
from tongxin.workflow.machine import Action, Machine


class Light(models.TextChoices):
    RED = "red", "红"
    GREEN = "green", "绿"
    OFF = "off", "关"


def _table(*actions: Action) -> Machine:
    return Machine(name="light", states=Light, actions=actions, running_clock={"green": "go"})


def test_a_table_naming_an_action_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        _table(Action("go", "通行", ("red",), ("green",)), Action("go", "通行", ("off",), ()))


def test_a_table_naming_an_unknown_state_is_refused():
    with pytest.raises(ValueError, match="blue"):
        _table(Action("go", "通行", ("red",), ("blue",)))


def test_offered_follows_the_table_order_and_the_state():
    table = _table(
        Action("go", "通行", ("red",), ("green",)),
        Action("stop", "停", ("green",), ("red",)),
        Action("switch-off", "关闭", ("red", "green"), ("off",)),
    )
    assert [a.name for a in table.offered("red")] == ["go", "switch-off"]
    assert [a.name for a in table.offered("off")] == []
    assert table.states_without_exit() == {"off"}


def test_entering_gives_the_target_state_and_its_clock():
    table = _table(
        Action("go", "通行", ("red",), ("green", "off")),
        Action("stop", "停", ("green",), ("red",)),
    )
    assert table.entering("go") == ("green", "go")
    assert table.entering("go", outcome=1) == ("off", None)
    assert table.entering("stop") == ("red", None)
    with pytest.raises(KeyError):
        table.action("fly")


# --- on a real model: permission, lock, state -----------------------------------------

ISSUES = Machine(
    name="test.issue",
    states=Status,
    actions=[
        Action("accept", "受理", (Status.SUBMITTED,), (Status.ACCEPTED,), "rights.handle_issue"),
        Action(
            "nudge",
            "提醒",
            (Status.SUBMITTED,),
            (),
            "rights.handle_issue",
            guard=lambda issue: issue.is_urgent,
        ),
        Action(
            "withdraw", "撤回", (Status.SUBMITTED,), (Status.WITHDRAWN,), "rights.withdraw_issue"
        ),
        Action("tidy", "整理", (Status.ACCEPTED,), ()),  # the system's own step
    ],
)


@pytest.fixture
def issue(province) -> Issue:
    return submit(province)


def test_allowed_asks_state_guard_and_permission(issue, province):
    assert ISSUES.allowed(province.officer_a, issue) == ["accept"]
    assert ISSUES.allowed(province.student_a, issue) == ["withdraw"]
    assert ISSUES.allowed(province.student_b, issue) == []
    issue.is_urgent = True
    assert ISSUES.allowed(province.officer_a, issue) == ["accept", "nudge"]


def test_system_steps_are_never_offered_as_buttons(issue, province):
    Issue.objects.filter(pk=issue.pk).update(status=Status.ACCEPTED)
    assert ISSUES.allowed(province.officer_a, fresh(issue)) == []


def test_begin_checks_permission_then_version_then_state(issue, province):
    with transaction.atomic(), pytest.raises(NotAllowed):
        ISSUES.begin(actor=province.student_a, obj=issue, name="accept", expected_version=0)
    with transaction.atomic(), pytest.raises(StaleObject):
        ISSUES.begin(
            actor=province.officer_a, obj=issue, name="accept", expected_version=issue.version - 1
        )
    Issue.objects.filter(pk=issue.pk).update(status=Status.CLOSED)
    with transaction.atomic(), pytest.raises(DomainError) as refused:
        ISSUES.begin(
            actor=province.officer_a, obj=issue, name="accept", expected_version=issue.version
        )
    assert refused.value.field == "status" and "受理" in refused.value.message


def test_begin_returns_the_locked_fresh_object(issue, province):
    Issue.objects.filter(pk=issue.pk).update(title="新的标题")
    with transaction.atomic():
        got = ISSUES.begin(
            actor=province.officer_a, obj=issue, name="accept", expected_version=issue.version
        )
    assert got.title == "新的标题"


def test_a_system_step_needs_no_permission(issue, province):
    Issue.objects.filter(pk=issue.pk).update(status=Status.ACCEPTED)
    with transaction.atomic():
        got = ISSUES.begin(actor=None, obj=issue, name="tidy", expected_version=None)
    assert got.status == Status.ACCEPTED
