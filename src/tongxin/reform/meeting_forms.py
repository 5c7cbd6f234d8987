"""The forms of the call-in and meeting pages; labels name the fields in messages."""

from django import forms

from .models import MeetingKind
from .services.meetings import TEXT_LIMIT


class VersionForm(forms.Form):
    version = forms.IntegerField(label="版本", min_value=1, max_value=2**31 - 1)


class MarkForm(VersionForm):
    note = forms.CharField(label="说明", required=False, max_length=TEXT_LIMIT)


class ClearForm(VersionForm):
    reason = forms.CharField(label="撤销理由", max_length=TEXT_LIMIT)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=MeetingKind.choices)
    held_on = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    attendees = forms.CharField(
        label="参加人员", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )
    issues = forms.CharField(
        label="谈及问题", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_ups = forms.CharField(
        label="后续事项",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
