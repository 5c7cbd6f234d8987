"""The review chain's forms: a step (the object's version and, for returns, the reason)
and the year's calendar. Labels name the fields in messages."""

from django import forms

from tongxin.core.forms import ChineseMessagesMixin

from .services.review import REASON_LIMIT
from .services.review_calendar import CalendarInput


class StepForm(ChineseMessagesMixin, forms.Form):
    version = forms.IntegerField(label="版本", min_value=1, max_value=2**31 - 1)
    reason = forms.CharField(label="退回理由", required=False, max_length=REASON_LIMIT)


DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CalendarForm(ChineseMessagesMixin, forms.Form):
    fill_due = forms.DateField(label="学生会填报截止", widget=DAY)
    school_due = forms.DateField(label="学校报送截止", widget=DAY)
    city_due = forms.DateField(label="市学联审核截止", widget=DAY)
    province_due = forms.DateField(label="省学联确认截止", widget=DAY)
    remind_days = forms.IntegerField(label="提前提醒（工作日）", min_value=0, max_value=30)
    disclosure_workdays = forms.IntegerField(label="公示期（工作日）", min_value=1, max_value=30)

    def values(self) -> CalendarInput:
        return CalendarInput(**self.cleaned_data)
