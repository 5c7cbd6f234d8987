"""The forms of the rating page: the city's proposal, the province's confirmation, the
feedback letter. They parse input; the services validate the rules and name the field."""

from django import forms

from tongxin.core.forms import TxForm

from .services.letter import EXTRA_LIMIT, TITLE_LIMIT
from .services.rating import NOTE_LIMIT


class ProposeForm(TxForm):
    scale = forms.IntegerField(label="评定等级", min_value=1, max_value=2**31 - 1)
    grade = forms.CharField(label="等级", max_length=20)
    note = forms.CharField(label="意见", required=False, max_length=NOTE_LIMIT)
    version = forms.IntegerField(label="版本", min_value=0, max_value=2**31 - 1)


class ConfirmForm(TxForm):
    grade = forms.CharField(label="等级", required=False, max_length=20)
    note = forms.CharField(label="意见", required=False, max_length=NOTE_LIMIT)
    due_on = forms.DateField(label="整改期限", required=False)
    version = forms.IntegerField(label="版本", min_value=1, max_value=2**31 - 1)


class LetterForm(TxForm):
    title = forms.CharField(label="标题", required=False, max_length=TITLE_LIMIT)
    extra = forms.CharField(label="补充意见", required=False, max_length=EXTRA_LIMIT)
