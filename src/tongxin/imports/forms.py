from typing import Any

from django import forms

from tongxin.orgs.models import Node

from .uploads import MAX_UPLOAD_MB


class UploadForm(forms.Form):
    school = forms.TypedChoiceField(label="学校", coerce=int)
    file = forms.FileField(
        label="Excel 文件（.xlsx）",
        help_text=f"按模板填写，不超过 {MAX_UPLOAD_MB} MB。",
        error_messages={"required": "请选择要上传的 .xlsx 文件。"},
    )

    def __init__(self, *args: Any, schools: list[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schools = {s.pk: s for s in schools}
        field = self.fields["school"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(s.pk, s.name) for s in schools]
        if len(schools) == 1:
            field.initial = schools[0].pk
            field.widget = forms.HiddenInput()

    def clean_school(self) -> Node:
        return self.schools[self.cleaned_data["school"]]
