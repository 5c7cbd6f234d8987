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
from .selectors import office_of_school, person_of_school

Run = Callable[[User, Issue, dict[str, Any]], Any]


@dataclass(frozen=True)
class Action:
    form: type[forms.Form]
    run: Run
    done: Any  # success message
    title: str = ""  # the form's heading on the issue page
    button: str = ""
    style: str = "btn-primary"


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
    assignee = person_of_school(issue.school_id, d["assignee"])
    return services.issue_assign(
        actor=user, issue=issue, expected_version=d["version"], assignee=assignee
    )


def _office_input(user: User, issue: Issue, d: dict[str, Any]) -> Any:
    office = office_of_school(issue.school_id, d["office"])
    return services.issue_add_office_input(actor=user, issue=issue, office=office, text=d["text"])


ACTIONS: dict[str, Action] = {
    "accept": Action(
        f.AcceptForm,
        lambda u, i, d: services.issue_accept(
            actor=u, issue=i, expected_version=d["version"], reply=d["reply"]
        ),
        _("已受理。"),
        "受理并首次回复",
        "受理",
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
        "不予受理",
        "不予受理",
        "btn-outline-danger",
    ),
    "merge": Action(
        f.MergeForm, _merge, _("已合并。"), "合并到已有诉求", "合并", "btn-outline-secondary"
    ),
    "start": Action(
        f.VersionForm,
        lambda u, i, d: services.issue_start(actor=u, issue=i, expected_version=d["version"]),
        _("已开始自行处理。"),
        "学生会自行处理",
        "开始自行处理",
        "btn-outline-primary",
    ),
    "refer": Action(f.ReferForm, _refer, _("已转办。"), "转办职能部门", "转办"),
    "return": Action(
        f.ReturnForm,
        lambda u, i, d: services.issue_return(
            actor=u, issue=i, expected_version=d["version"], reason=d["text"]
        ),
        _("已退回学生会。"),
        "退回学生会",
        "退回",
        "btn-outline-danger",
    ),
    "answer": Action(
        f.AnswerForm,
        lambda u, i, d: services.issue_answer(
            actor=u, issue=i, expected_version=d["version"], answer=d["text"]
        ),
        _("已答复。"),
        "答复同学",
        "提交答复",
    ),
    "office-answer": Action(
        f.AnswerForm,
        lambda u, i, d: services.issue_office_answer(
            actor=u, issue=i, expected_version=d["version"], answer=d["text"]
        ),
        _("答复已提交。"),
        "部门答复",
        "提交答复",
    ),
    "approve": Action(
        f.VersionForm,
        lambda u, i, d: services.issue_approve_answer(
            actor=u, issue=i, expected_version=d["version"]
        ),
        _("答复已审核发出。"),
        "审核待发答复",
        "审核通过并发出",
        "btn-success",
    ),
    "office-input": Action(
        f.OfficeInputForm,
        _office_input,
        _("协办意见已提交。"),
        "协办意见",
        "提交协办意见",
        "btn-outline-primary",
    ),
    "feed-back": Action(
        f.FeedbackForm,
        lambda u, i, d: services.issue_feed_back(
            actor=u, issue=i, expected_version=d["version"], feedback=d["text"]
        ),
        _("已反馈给同学。"),
        "反馈办理结果",
        "反馈给同学",
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
        "评价办理结果",
        "提交评价",
    ),
    "withdraw": Action(
        f.WithdrawForm,
        lambda u, i, d: services.issue_withdraw(actor=u, issue=i, expected_version=d["version"]),
        _("已撤回。"),
        "撤回诉求",
        "撤回诉求…",
        "btn-outline-secondary",
    ),
    "assign": Action(
        f.AssignForm, _assign, _("已指派。"), "指派承办人", "指派", "btn-outline-primary"
    ),
    "publish": Action(
        f.VersionForm,
        lambda u, i, d: services.issue_publish(actor=u, issue=i, expected_version=d["version"]),
        _("已发布到回音壁。"),
        "发布到回音壁",
        "审核并发布到回音壁",
        "btn-outline-success",
    ),
    "support": Action(
        forms.Form,
        lambda u, i, d: services.issue_support(actor=u, issue=i),
        _("已附议：我也遇到。"),
    ),
}


def _choices(name: str, issue: Issue) -> dict[str, Any]:
    from . import selectors

    if name == "refer":
        offices = selectors.offices_of_school(issue.school_id)
        return {"office_choices": [(o.pk, o.name) for o in offices]}
    if name == "assign":
        return {"officer_choices": selectors.union_officer_choices(issue)}
    return {}


def action_form(name: str, issue: Issue, data: Any = None) -> forms.Form:
    """The form of one action on one issue, bound to `data` when given. Its field ids are
    prefixed with the action, so the page's forms never share an id."""
    spec = ACTIONS[name]
    form = spec.form(data, auto_id=f"{name}-%s", **_choices(name, issue))
    if data is None and name == "accept":
        form.initial["reply"] = "已收到您的反映，我们正在核实。"
    form.initial["version"] = issue.version
    return form


def refuse(form: forms.Form, exc: DomainError) -> None:
    """A service's refusal, put on its field when the form has one, else on the form."""
    field = exc.field if exc.field in form.fields else None
    if field is None and exc.field and "text" in form.fields:
        field = "text"  # the service names the text by its meaning (answer, feedback, reason)
    form.add_error(field, exc.message)
