"""The forms of the handling steps (proposal_steps.STEPS, the handling section): each
parses what the page sends; the services validate and refuse with the field named."""

from django import forms

from tongxin.core.forms import IdField, TextBoxField
from tongxin.workflow.referral.models import Rating

from .proposal_models import ResultClass
from .proposal_step_kit import VersionForm

TEXT_MAX = 2000
RATING_CHOICES = [(r.value, r.label) for r in (Rating.SATISFIED, Rating.BASICALLY)]
RATING_CHOICES.append((Rating.DISSATISFIED.value, Rating.DISSATISFIED.label))
FINAL_CHOICES = [(c.value, c.label) for c in (ResultClass.A, ResultClass.C, ResultClass.D)]


class ReplyForm(VersionForm):
    result_class = forms.ChoiceField(label="办理结果", choices=ResultClass.choices)
    text = TextBoxField(label="答复内容", max_length=TEXT_MAX, rows=5)


class ProgressForm(VersionForm):
    text = TextBoxField(label="进展情况", max_length=TEXT_MAX, rows=4)


class FinishForm(VersionForm):
    result_class = forms.ChoiceField(label="最终结果", choices=FINAL_CHOICES)
    text = TextBoxField(label="最终结果说明", max_length=TEXT_MAX, rows=5)


class InputForm(forms.Form):
    """A co-office's opinion (no version: it changes nothing the other steps check)."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    office = IdField(label="协办部门")
    text = TextBoxField(label="协办意见", max_length=TEXT_MAX, rows=4)


class HandBackForm(VersionForm):
    reason = TextBoxField(label="退回理由", max_length=TEXT_MAX, rows=3)


class RateForm(VersionForm):
    rating = forms.ChoiceField(label="评价", choices=RATING_CHOICES)
    reason = TextBoxField(label="理由", max_length=TEXT_MAX, rows=3, required=False)


class CoRateForm(forms.Form):
    """A co-signer's rating (no version: it does not change the proposal)."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    rating = forms.ChoiceField(label="评价", choices=RATING_CHOICES)
    reason = TextBoxField(label="理由", max_length=TEXT_MAX, rows=3, required=False)
