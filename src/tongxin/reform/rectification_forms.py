"""The forms of a rectification item: a progress note (with a file) and a reviewer's
acceptance. Each carries the item's version (optimistic locking)."""

from django import forms

from tongxin.core.forms import TxForm

from .services.rectification import TEXT_LIMIT


class NoteForm(TxForm):
    text = forms.CharField(label="整改进展", max_length=TEXT_LIMIT)
    file = forms.FileField(label="整改材料文件", required=False)
    version = forms.IntegerField(label="版本", min_value=1, max_value=2**31 - 1)


class AcceptForm(TxForm):
    note = forms.CharField(label="认可意见", required=False, max_length=TEXT_LIMIT)
    version = forms.IntegerField(label="版本", min_value=1, max_value=2**31 - 1)
