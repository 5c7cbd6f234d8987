"""Forms of 述职评议. They parse input; the services check the rules."""

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone

from tongxin.accounts.models import Membership, Position, User
from tongxin.core.forms import TextBoxField, TxForm
from tongxin.orgs.models import Node

from . import selectors
from .models import AssessmentPolicy, Dimension
from .services.policy import FIELDS as POLICY_FIELDS
from .terms import current_term, term_choices

REPORT_MAX = 5000  # characters of a 述职报告 (a few pages)
NUMBER_SPLIT = re.compile(r"[\s,，、;；]+")


def _officer_label(m: Membership) -> str:
    position = str(Position(m.position).label) if m.position else ""
    return f"{m.user.real_name}（{m.user.number} · {position}）"


class RoundOpenForm(TxForm):
    term = forms.ChoiceField(label="学期")
    deadline = forms.DateField(
        label="评分截止日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写截止日期。", "invalid": "请填写正确的日期。"},
    )
    officers = forms.MultipleChoiceField(
        label="被评议的工作人员", error_messages={"required": "请至少选择一位被评议的工作人员。"}
    )
    teachers = forms.MultipleChoiceField(label="团学老师", required=False)
    delegates = forms.CharField(
        label="学生代表（学代会常任代表或班级代表）的学号",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一个学号，或用逗号、空格分隔。",
    )
    peers = forms.MultipleChoiceField(label="互评的学生会工作人员", required=False)

    def __init__(self, *args: Any, union: Node, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        school = union.school
        assert school is not None
        self.union = union
        self.memberships = {str(m.pk): m for m in selectors.officers_of(union)}
        self.teacher_users = {str(u.pk): u for u in selectors.teachers_of(school)}
        today = timezone.localdate()
        self._choices("term", term_choices(today))
        self._choices("officers", [(k, _officer_label(m)) for k, m in self.memberships.items()])
        self._choices(
            "peers", [(str(m.user_id), _officer_label(m)) for m in self.memberships.values()]
        )
        self._choices(
            "teachers", [(k, f"{u.real_name}（{u.number}）") for k, u in self.teacher_users.items()]
        )
        if not self.is_bound:
            self.initial.update(
                term=current_term(today),
                officers=list(self.memberships),
                peers=[str(m.user_id) for m in self.memberships.values()],
                teachers=list(self.teacher_users),
                deadline=today + datetime.timedelta(days=14),
            )

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean_delegates(self) -> list[User]:
        numbers = [n for n in NUMBER_SPLIT.split(self.cleaned_data.get("delegates") or "") if n]
        school = self.union.school
        assert school is not None
        found = selectors.students_by_number(school, numbers)
        unknown = [n for n in dict.fromkeys(numbers) if n not in found]
        if unknown:
            raise forms.ValidationError(
                "以下学号不是本校在读学生：%(n)s。", params={"n": "、".join(unknown[:20])}
            )
        return [found[n] for n in dict.fromkeys(numbers)]

    def chosen_officers(self) -> list[Membership]:
        return [self.memberships[k] for k in self.cleaned_data["officers"]]

    def chosen_teachers(self) -> list[User]:
        return [self.teacher_users[k] for k in self.cleaned_data["teachers"]]

    def chosen_peers(self) -> list[User]:
        by_user = {str(m.user_id): m.user for m in self.memberships.values()}
        return [by_user[k] for k in self.cleaned_data["peers"]]


def _score_field(label: str) -> forms.IntegerField:
    message = f"“{label}”应为 0 到 100 之间的整数。"
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100,
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


class RatingForm(forms.Form):
    politics = _score_field(str(Dimension.POLITICS.label))
    morals = _score_field(str(Dimension.MORALS.label))
    study = _score_field(str(Dimension.STUDY.label))
    work = _score_field(str(Dimension.WORK.label))
    discipline = _score_field(str(Dimension.DISCIPLINE.label))


class ReportForm(TxForm):
    report = TextBoxField(
        label="述职报告",
        rows=10,
        max_length=REPORT_MAX,
        help_text="截止日前可以修改；评议人会在评分时阅读。",
        error_messages={"required": "请填写述职报告。"},
    )


class DecisionForm(TxForm):
    reason = TextBoxField(label="理由", rows=2, required=False, max_length=2000)
    version = forms.IntegerField(label="版本", required=False)


class VersionForm(TxForm):
    version = forms.IntegerField(label="版本", required=False)


class PolicyForm(forms.Form):
    """The academic year and every weight and threshold of AssessmentPolicy, as numbers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ["academic_year", *POLICY_FIELDS]:
            label = str(getattr(AssessmentPolicy._meta.get_field(name), "verbose_name", name))
            self.fields[name] = forms.IntegerField(
                label=label,
                error_messages={"required": f"请填写{label}。", "invalid": f"{label}应为整数。"},
            )

    @staticmethod
    def initial_for(row: AssessmentPolicy, academic_year: int) -> dict[str, int]:
        return {"academic_year": academic_year, **{f: getattr(row, f) for f in POLICY_FIELDS}}
