from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    school_code = forms.CharField(
        label=_("学校代码"),
        max_length=32,
        required=False,
        help_text=_("学联工作人员不填，直接用用户名登录。"),
    )
    login = forms.CharField(
        label=_("学号/工号或用户名"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("密码"),
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def login_name(self) -> str:
        code = self.cleaned_data.get("school_code", "").strip()
        login = self.cleaned_data["login"].strip()
        return f"{code}:{login}" if code else login


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("原密码"), widget=forms.PasswordInput)
    new_password = forms.CharField(label=_("新密码"), widget=forms.PasswordInput)
    new_password_again = forms.CharField(label=_("再次输入新密码"), widget=forms.PasswordInput)

    def clean(self) -> dict[str, str]:
        data = super().clean() or {}
        if data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", _("两次输入的新密码不一致。"))
        return data


class ActivationForm(forms.Form):
    new_password = forms.CharField(label=_("设置密码"), widget=forms.PasswordInput)
    new_password_again = forms.CharField(label=_("再次输入密码"), widget=forms.PasswordInput)

    def clean(self) -> dict[str, str]:
        data = super().clean() or {}
        if data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", _("两次输入的密码不一致。"))
        return data


class TokenForm(forms.Form):
    name = forms.CharField(label=_("令牌名称"), max_length=60)
