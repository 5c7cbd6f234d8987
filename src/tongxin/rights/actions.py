"""The POST actions on one issue: each names its form and the one service it calls."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.accounts.models import User
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node

from . import forms as f
from . import services
from .models import Issue
from .selectors import office_of_school

Run = Callable[[User, Issue, dict[str, Any]], Any]


@dataclass(frozen=True)
class Action:
    form: type[forms.Form]
    run: Run
    done: Any  # success message


def _office(school_id: int, pk: int) -> Node:
    found = office_of_school(school_id, pk)
    if found is None:
        raise DomainError("请选择本校的职能部门。", field="lead_office")
    return found


def _refer(user: User, issue: Issue, d: dict[str, Any]) -> Issue:
    co = [_office(issue.school_id, pk) for pk in d.get("co_offices") or []]
    return services.issue_refer(
        actor=user,
        issue=issue,
        expected_version=d["version"],
        lead_office=_office(issue.school_id, d["lead_office"]),
        co_offices=co,
        note=d.get("note", ""),
    )


def _merge(user: User, issue: Issue, d: dict[str, Any]) -> Issue:
    from .selectors import issue_list_for

    target = issue_list_for(actor=user).filter(pk=d["into"]).first()
    if target is None:
        raise DomainError("找不到要并入的诉求。", field="into")
    return services.issue_merge(actor=user, issue=issue, expected_version=d["version"], into=target)


def _assign(user: User, issue: Issue, d: dict[str, Any]) -> Issue:
    assignee = User.objects.filter(pk=d["assignee"]).first() or User(pk=0)
    return services.issue_assign(
        actor=user, issue=issue, expected_version=d["version"], assignee=assignee
    )


def _office_input(user: User, issue: Issue, d: dict[str, Any]) -> Any:
    office = Node.objects.filter(pk=d["office"], kind="office").first() or Node(pk=0)
    return services.issue_add_office_input(actor=user, issue=issue, office=office, text=d["text"])


ACTIONS: dict[str, Action] = {
    "accept": Action(
        f.AcceptForm,
        lambda u, i, d: services.issue_accept(
            actor=u, issue=i, expected_version=d["version"], reply=d["reply"]
        ),
        _("已受理。"),
    ),
    "decline": Action(
        f.DeclineForm,
        lambda u, i, d: services.issue_decline(
            actor=u,
            issue=i,
            expected_version=d["version"],
            reason=d["reason"],
            explanation=d["explanation"],
        ),
        _("已标记为不予受理。"),
    ),
    "merge": Action(f.MergeForm, _merge, _("已合并。")),
    "start": Action(
        f.VersionForm,
        lambda u, i, d: services.issue_start(actor=u, issue=i, expected_version=d["version"]),
        _("已开始自行处理。"),
    ),
    "refer": Action(f.ReferForm, _refer, _("已转办。")),
    "return": Action(
        f.TextForm,
        lambda u, i, d: services.issue_return(
            actor=u, issue=i, expected_version=d["version"], reason=d["text"]
        ),
        _("已退回学生会。"),
    ),
    "answer": Action(
        f.TextForm,
        lambda u, i, d: services.issue_answer(
            actor=u, issue=i, expected_version=d["version"], answer=d["text"]
        ),
        _("已答复。"),
    ),
    "office-answer": Action(
        f.TextForm,
        lambda u, i, d: services.issue_office_answer(
            actor=u, issue=i, expected_version=d["version"], answer=d["text"]
        ),
        _("答复已提交。"),
    ),
    "approve": Action(
        f.VersionForm,
        lambda u, i, d: services.issue_approve_answer(
            actor=u, issue=i, expected_version=d["version"]
        ),
        _("答复已审核发出。"),
    ),
    "office-input": Action(f.OfficeInputForm, _office_input, _("协办意见已提交。")),
    "feed-back": Action(
        f.TextForm,
        lambda u, i, d: services.issue_feed_back(
            actor=u, issue=i, expected_version=d["version"], feedback=d["text"]
        ),
        _("已反馈给同学。"),
    ),
    "rate": Action(
        f.RateForm,
        lambda u, i, d: services.issue_rate(
            actor=u,
            issue=i,
            expected_version=d["version"],
            rating=d["rating"],
            reason=d.get("reason", ""),
        ),
        _("感谢您的评价。"),
    ),
    "withdraw": Action(
        f.VersionForm,
        lambda u, i, d: services.issue_withdraw(actor=u, issue=i, expected_version=d["version"]),
        _("已撤回。"),
    ),
    "assign": Action(f.AssignForm, _assign, _("已指派。")),
    "publish": Action(
        f.VersionForm,
        lambda u, i, d: services.issue_publish(actor=u, issue=i, expected_version=d["version"]),
        _("已发布到回音壁。"),
    ),
    "support": Action(
        forms.Form,
        lambda u, i, d: services.issue_support(actor=u, issue=i),
        _("已附议：我也遇到。"),
    ),
}
