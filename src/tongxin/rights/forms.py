"""Forms of the rights desk. They parse input; services validate the rules."""

from typing import Any

from django import forms

from tongxin.core.forms import IdField, TextBoxField, TxForm, TxModelForm

from .models import DeclineReason, IssueCategory, Rating, RightsSettings


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class CategoryField(forms.ModelChoiceField):
    """Lists the active categories, but on submission only reads the number: issue_submit
    reads the category again with everything else a submission needs, in one statement,
    and refuses an unknown or retired one on this field."""

    def to_python(self, value: Any) -> IssueCategory | None:
        if value in self.empty_values:
            return None
        try:
            return IssueCategory(pk=int(value))
        except (TypeError, ValueError) as exc:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from exc


class SubmitForm(TxForm):
    category = CategoryField(
        label="类别",
        queryset=IssueCategory.objects.filter(is_active=True),
        empty_label="请选择类别",
        error_messages={"required": "请选择类别。", "invalid_choice": "未知的类别，请重新选择。"},
    )
    title = forms.CharField(
        label="标题",
        max_length=60,
        error_messages={"required": "请填写标题。", "max_length": "标题不能超过 60 个字。"},
    )
    description = TextBoxField(
        label="问题描述",
        rows=5,
        max_length=2000,
        error_messages={
            "required": "请填写问题描述。",
            "max_length": "问题描述不能超过 2000 个字（现有 %(show_value)d 字）。",
        },
    )
    place = forms.CharField(
        label="地点（选填）",
        max_length=100,
        required=False,
        error_messages={"max_length": "地点不能超过 100 个字。"},
    )
    photos = MultipleFileField(label="照片（最多 6 张，每张不超过 5 MB）", required=False)
    anonymous = forms.BooleanField(
        label="匿名提交（学生会与职能部门看不到您的姓名和学号）", required=False
    )
    publication_consent = forms.BooleanField(
        label="同意在回音壁公开（不显示姓名和联系方式）", required=False
    )


class VersionForm(TxForm):
    version = forms.IntegerField(widget=forms.HiddenInput, label="版本")


class AcceptForm(VersionForm):
    reply = TextBoxField(label="首次回复", rows=2, max_length=2000)


DECLINE_CHOICES = [("", "请选择理由"), *DeclineReason.choices]


class DeclineForm(VersionForm):
    # No reason is chosen for the officer: the empty first option must be changed.
    reason = forms.ChoiceField(label="不予受理理由", choices=DECLINE_CHOICES)
    explanation = TextBoxField(label="说明（将告知同学）", rows=2, max_length=2000)


class MergeForm(VersionForm):
    into = forms.IntegerField(
        label="并入诉求编号",
        min_value=1,
        error_messages={"invalid": "请填写诉求编号（数字）。", "min_value": "请填写诉求编号。"},
    )


class ReferForm(VersionForm):
    lead_office = forms.TypedChoiceField(label="牵头部门", coerce=int, choices=[])
    co_offices = forms.TypedMultipleChoiceField(
        label="协办部门（可多选）", coerce=int, required=False, choices=[]
    )
    note = TextBoxField(label="转办说明（选填）", rows=2, required=False, max_length=2000)

    def __init__(
        self, *args: Any, office_choices: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        offices = office_choices or []
        self.fields["lead_office"].choices = [("", "请选择牵头部门"), *offices]  # type: ignore[attr-defined]
        self.fields["co_offices"].choices = offices  # type: ignore[attr-defined]


class TextForm(VersionForm):
    text = TextBoxField(label="内容", max_length=2000)


class AnswerForm(TextForm):
    text = TextBoxField(label="答复内容", max_length=2000)


class ReturnForm(TextForm):
    text = TextBoxField(
        label="退回理由", rows=2, max_length=2000, help_text="例如：不属于本部门职责。"
    )


class FeedbackForm(TextForm):
    text = TextBoxField(label="反馈内容（用同学听得懂的话说明结果）", rows=2, max_length=2000)


RATING_CHOICES = [
    (Rating.SATISFIED, Rating.SATISFIED.label),
    (Rating.BASICALLY, Rating.BASICALLY.label),
    (Rating.DISSATISFIED, Rating.DISSATISFIED.label),
]


class RateForm(VersionForm):
    rating = forms.ChoiceField(label="评价", choices=RATING_CHOICES, widget=forms.RadioSelect)
    reason = TextBoxField(
        label="不满意的理由（选“不满意”时必填）", rows=2, required=False, max_length=2000
    )


class AssignForm(VersionForm):
    assignee = forms.TypedChoiceField(label="承办人", coerce=int, choices=[])

    def __init__(
        self, *args: Any, officer_choices: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "请选择承办人"), *(officer_choices or [])]  # type: ignore[attr-defined]


class UnsealForm(TxForm):
    reason = TextBoxField(label="解封理由（将告知提交人）", rows=2, max_length=2000)


class OfficeInputForm(TxForm):
    office = forms.IntegerField(widget=forms.HiddenInput, label="协办部门")
    text = TextBoxField(label="协办意见", rows=2, max_length=2000)


class WithdrawForm(VersionForm):
    """撤回诉求 in two steps: the first POST (without `confirm`) shows a confirmation page."""

    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class SettingsForm(TxModelForm):
    class Meta:
        model = RightsSettings
        fields = [
            "first_reply_hours",
            "decide_workdays",
            "answer_workdays",
            "urgent_answer_workdays",
            "feedback_workdays",
            "auto_close_days",
            "head_approval_required",
            "daily_submission_limit",
        ]


class QueueFilterForm(forms.Form):
    status = forms.CharField(label="状态", required=False)
    category = IdField(label="类别", required=False)
    college = IdField(label="学院", required=False)
    overdue = forms.BooleanField(label="超期", required=False)
    before = IdField(label="更早的诉求", required=False)
