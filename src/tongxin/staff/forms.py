from django import forms

from tongxin.accounts.models import UNION_POSITIONS, Position

from .models import ExitKind, RecordKind, UnionLevel

POSITION_CHOICES = [(p.value, p.label) for p in Position if p in UNION_POSITIONS]


class DepartmentForm(forms.Form):
    name = forms.CharField(label="部门名称", max_length=40)


class AppointForm(forms.Form):
    number = forms.CharField(label="学号", max_length=32)
    position = forms.ChoiceField(label="职务", choices=POSITION_CHOICES)
    department = forms.CharField(label="部门", required=False)


class ExitForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="退出方式", choices=ExitKind.choices)
    reason = forms.CharField(label="原因", max_length=500)


class RecordForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="类型", choices=RecordKind.choices)
    title = forms.CharField(label="名称", max_length=100)
    reason = forms.CharField(label="事由", max_length=500)


class GradesForm(forms.Form):
    school = forms.IntegerField(required=False, widget=forms.HiddenInput)
    file = forms.FileField(label="成绩文件（.xlsx）")


class LimitForm(forms.Form):
    academic_year = forms.IntegerField(
        label="自哪一学年起（起始年份）", min_value=2017, max_value=2100
    )
    level = forms.ChoiceField(label="层级", choices=UnionLevel.choices)
    max_staff = forms.IntegerField(label="工作人员上限", required=False, min_value=1)
    max_staff_large = forms.IntegerField(label="大规模/多校区学校上限", required=False, min_value=1)
    max_presidium = forms.IntegerField(label="主席团上限", required=False, min_value=1)
    max_departments = forms.IntegerField(label="工作部门上限", required=False, min_value=1)
