"""Forms of the rights desk. They parse input; services validate the rules."""

from typing import Any

from django import forms

from tongxin.core.forms import IdField

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


class SubmitForm(forms.Form):
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
    description = forms.CharField(
        label="问题描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={
            "required": "请填写问题描述。",
            "max_length": "问题描述不能超过 2000 个字。",
        },
    )
    place = forms.CharField(
        label="地点",
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


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AcceptForm(VersionForm):
    reply = forms.CharField(
        label="首次回复", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class DeclineForm(VersionForm):
    reason = forms.ChoiceField(label="理由", choices=DeclineReason.choices)
    explanation = forms.CharField(
        label="说明", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class MergeForm(VersionForm):
    into = forms.IntegerField(label="并入诉求编号", min_value=1)


class ReferForm(VersionForm):
    lead_office = forms.IntegerField(label="牵头部门")
    co_offices = forms.TypedMultipleChoiceField(
        label="协办部门", coerce=int, required=False, choices=[]
    )
    note = forms.CharField(
        label="转办说明", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def __init__(
        self, *args: Any, office_choices: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["co_offices"].choices = office_choices or []  # type: ignore[attr-defined]


class TextForm(VersionForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class RateForm(VersionForm):
    rating = forms.ChoiceField(
        label="评价",
        choices=[
            (Rating.SATISFIED, Rating.SATISFIED.label),
            (Rating.BASICALLY, Rating.BASICALLY.label),
            (Rating.DISSATISFIED, Rating.DISSATISFIED.label),
        ],
    )
    reason = forms.CharField(
        label="不满意的理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class AssignForm(VersionForm):
    assignee = forms.IntegerField(label="承办人")


class UnsealForm(forms.Form):
    reason = forms.CharField(
        label="解封理由（将告知提交人）", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class OfficeInputForm(forms.Form):
    office = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label="协办意见", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class SettingsForm(forms.ModelForm):
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
