"""The forms of a union's page: an explanation, evidence, the advisor's decision. Each
carries the result's version (optimistic locking); labels name the fields in messages."""

from django import forms

from .services.evidence import TEXT_LIMIT

CLAIMS = [("", "请选择"), ("yes", "是（已达标）"), ("no", "否（未达标）")]


class VersionForm(forms.Form):
    version = forms.IntegerField(label="版本", min_value=1, max_value=2**31 - 1)


class ExplainForm(VersionForm):
    text = forms.CharField(label="说明", required=False, max_length=TEXT_LIMIT)


class EvidenceForm(VersionForm):
    claim_passed = forms.ChoiceField(label="是否达标", choices=CLAIMS, required=False)
    claim_value = forms.CharField(label="填报数值或档次", required=False, max_length=20)
    text = forms.CharField(label="材料说明", max_length=TEXT_LIMIT)
    file = forms.FileField(label="依据材料文件", required=False)

    def claim(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("claim_passed") or "")


class DecideForm(VersionForm):
    note = forms.CharField(label="意见", required=False, max_length=TEXT_LIMIT)
