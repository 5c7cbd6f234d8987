"""Forms of the delegates' pages (the API validates the same fields with its schemas)."""

from django import forms


class AddDelegateForm(forms.Form):
    number = forms.CharField(label="学号", max_length=32)
    votes = forms.IntegerField(label="得票", min_value=0, max_value=1_000_000, required=False)


class ElectionForm(forms.Form):
    election_held = forms.BooleanField(label="经差额选举产生", required=False)
    candidates = forms.IntegerField(
        label="候选人数", min_value=0, max_value=1_000_000, required=False
    )


class ObjectionForm(forms.Form):
    text = forms.CharField(label="异议内容", max_length=1000, widget=forms.Textarea)


class AnswerForm(forms.Form):
    objection = forms.IntegerField(min_value=1)
    upheld = forms.BooleanField(label="异议成立", required=False)
    answer = forms.CharField(label="书面答复", max_length=2000, widget=forms.Textarea)


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")


def form_errors(form: forms.Form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{' '.join(str(e) for e in errors)}")
    return "；".join(parts)
