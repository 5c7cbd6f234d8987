"""Forms of the congress sessions. They parse input; the services validate the rules and
name the field."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.accounts.models import User
from tongxin.core.forms import TextBoxField, TxForm

from . import services
from .models import CongressForm, Session

DATE = {"invalid": "请按 年-月-日 填写日期。"}
NUMBER = {"invalid": "请填写整数。"}


class VersionForm(TxForm):
    version = forms.IntegerField(
        label="版本", min_value=1, error_messages={"required": "缺少版本号，请刷新页面后重试。"}
    )


class ApplyForm(VersionForm):
    form = forms.ChoiceField(label="会议形式", choices=CongressForm.choices, required=False)
    planned_start = forms.DateField(label="拟召开开始日期", required=False, error_messages=DATE)
    planned_end = forms.DateField(label="拟召开结束日期", required=False, error_messages=DATE)
    place = forms.CharField(label="地点", required=False, max_length=100)
    agenda = TextBoxField(label="议程", required=False, max_length=2000)
    delegate_seats = forms.IntegerField(label="代表名额", required=False, error_messages=NUMBER)


class NoteForm(VersionForm):
    note = TextBoxField(label="意见或理由", required=False, max_length=2000)


class HoldForm(VersionForm):
    held_start = forms.DateField(label="召开开始日期", required=False, error_messages=DATE)
    held_end = forms.DateField(label="召开结束日期", required=False, error_messages=DATE)
    attendance = forms.IntegerField(label="实到人数", required=False, error_messages=NUMBER)


class ReportForm(VersionForm):
    work_report = TextBoxField(label="工作报告摘要", required=False, max_length=5000)
    finance_report = TextBoxField(label="财务报告摘要", required=False, max_length=5000)
    resolutions = TextBoxField(label="决议", required=False, max_length=5000)
    election_results = TextBoxField(label="选举结果", required=False, max_length=5000)


class PastForm(VersionForm):
    held_on = forms.DateField(label="接入前最近一次召开日期", required=False, error_messages=DATE)


class RuleForm(TxForm):
    interval_months = forms.IntegerField(label="召开周期（月）", error_messages=NUMBER)
    reminder_days = forms.IntegerField(label="提前提醒（天）", error_messages=NUMBER)
    assembly_max_students = forms.IntegerField(
        label="可召开全体学生大会的学院人数上限（不含）", error_messages=NUMBER
    )
    assembly_quorum_permille = forms.IntegerField(
        label="全体学生大会法定人数（‰，超过）", error_messages=NUMBER
    )
    proposal_max_lead = forms.IntegerField(
        label="每名代表领衔提案不超过（件）", error_messages=NUMBER
    )
    proposal_min_cosigners = forms.IntegerField(label="提案附议人不少于", error_messages=NUMBER)
    election_candidate_percent = forms.IntegerField(
        label="主席团差额选举候选人不少于应选名额的（%）", error_messages=NUMBER
    )
    election_max_rounds = forms.IntegerField(
        label="一项选举最多投票轮次（含决选、另行选举）", error_messages=NUMBER
    )


Run = Callable[[User, Session, dict[str, Any]], Session]


@dataclass(frozen=True)
class Step:
    """A session step as the pages and the API take it: its form and its one service."""

    form: type[forms.Form]
    run: Run
    done: Any  # the success message


def _apply(u: User, s: Session, d: dict[str, Any]) -> Session:
    return services.session_apply(
        actor=u,
        session=s,
        expected_version=d["version"],
        form=d.get("form") or CongressForm.CONGRESS,
        planned_start=d.get("planned_start"),
        planned_end=d.get("planned_end"),
        place=d.get("place") or "",
        agenda=d.get("agenda") or "",
        delegate_seats=d.get("delegate_seats"),
    )


def _hold(u: User, s: Session, d: dict[str, Any]) -> Session:
    return services.session_hold(
        actor=u,
        session=s,
        expected_version=d["version"],
        held_start=d.get("held_start"),
        held_end=d.get("held_end"),
        attendance=d.get("attendance"),
    )


def _report(u: User, s: Session, d: dict[str, Any]) -> Session:
    return services.session_report(
        actor=u,
        session=s,
        expected_version=d["version"],
        work_report=d.get("work_report") or "",
        finance_report=d.get("finance_report") or "",
        resolutions=d.get("resolutions") or "",
        election_results=d.get("election_results") or "",
    )


STEPS: dict[str, Step] = {
    "apply": Step(ApplyForm, _apply, _("申请已提交，等待上级审批。")),
    "approve": Step(
        NoteForm,
        lambda u, s, d: services.session_approve(
            actor=u, session=s, expected_version=d["version"], note=d.get("note") or ""
        ),
        _("已批复同意。"),
    ),
    "return": Step(
        NoteForm,
        lambda u, s, d: services.session_return(
            actor=u, session=s, expected_version=d["version"], reason=d.get("note") or ""
        ),
        _("已退回申请。"),
    ),
    "confirm": Step(
        VersionForm,
        lambda u, s, d: services.session_confirm(actor=u, session=s, expected_version=d["version"]),
        _("已回执。"),
    ),
    "hold": Step(HoldForm, _hold, _("已记录召开情况。")),
    "report": Step(ReportForm, _report, _("报告已提交。")),
    "close": Step(
        NoteForm,
        lambda u, s, d: services.session_close(
            actor=u, session=s, expected_version=d["version"], note=d.get("note") or ""
        ),
        _("会议已办结。"),
    ),
    "cancel": Step(
        NoteForm,
        lambda u, s, d: services.session_cancel(
            actor=u, session=s, expected_version=d["version"], reason=d.get("note") or ""
        ),
        _("会议已取消。"),
    ),
}
