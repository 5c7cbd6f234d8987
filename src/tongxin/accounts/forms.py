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
        from .selectors import login_name

        return login_name(
            school_code=self.cleaned_data.get("school_code", ""), login=self.cleaned_data["login"]
        )


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


class PasswordResetForm(forms.Form):
    reason = forms.CharField(
        label=_("重置理由"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("例如：本人到团委办公室说明忘记密码")}),
        help_text=_("本人会立即收到通知，并能在“账号安全”中看到是谁、为什么重置。"),
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("令牌名称"), max_length=60)
