"""People and the roles they hold in the organisation tree.

One membership = (user, node, role, position, start, end), history kept: ending a
membership sets `end`, it is never deleted. What a person may reach is computed from the
nodes of their active memberships (tongxin.accounts.reach).
"""

import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class PoliticalStatus(models.TextChoices):
    MASSES = "masses", _("群众")
    LEAGUE_MEMBER = "league_member", _("共青团员")
    PROBATIONARY_PARTY = "probationary_party", _("中共预备党员")
    PARTY_MEMBER = "party_member", _("中共党员")


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class StudentLevel(models.TextChoices):
    UNDERGRADUATE = "undergraduate", _("本专科")
    GRADUATE = "graduate", _("研究生")


class Role(models.TextChoices):
    STUDENT = "student", _("同学")
    OFFICER = "officer", _("学生会工作人员")
    COLLEGE_SECRETARY = "college_secretary", _("院团委书记")
    OFFICE_HANDLER = "office_handler", _("职能部门经办人")
    ADVISOR = "advisor", _("校团委老师")
    FEDERATION_STAFF = "federation_staff", _("学联工作人员")
    FEDERATION_ADMIN = "federation_admin", _("学联管理员")
    # Held at a county League committee; federation staff over the county's schools.
    COUNTY_SPECIALIST = "county_specialist", _("学生会组织工作专员")


class Position(models.TextChoices):
    # Union positions: the only titles the reform allows (DOMAIN.md §2).
    PRESIDENT = "president", _("主席")
    VICE_PRESIDENT = "vice_president", _("副主席")
    EXECUTIVE_PRESIDENT = "executive_president", _("轮值执行主席")
    MINISTER = "minister", _("部长")
    VICE_MINISTER = "vice_minister", _("副部长")
    MEMBER = "member", _("干事")
    # Office position: the head approves answers where the school requires it.
    OFFICE_HEAD = "office_head", _("负责人")


UNION_POSITIONS = {
    Position.PRESIDENT,
    Position.VICE_PRESIDENT,
    Position.EXECUTIVE_PRESIDENT,
    Position.MINISTER,
    Position.VICE_MINISTER,
    Position.MEMBER,
}
PRESIDIUM_POSITIONS = {Position.PRESIDENT, Position.VICE_PRESIDENT, Position.EXECUTIVE_PRESIDENT}


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, username: str, password: str | None = None, **fields: object) -> "User":
        user = self.model(username=username, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(
        self, username: str, password: str | None = None, **fields: object
    ) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(username, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):  # 用户
    """A person. School people log in with school code + number; their `username` is
    "<school code>:<number>". Federation staff log in with a plain username."""

    username = models.CharField(_("登录名"), max_length=80, unique=True)
    real_name = models.CharField(_("姓名"), max_length=50)
    school = models.ForeignKey(
        "orgs.Node",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("学校"),
    )
    number = models.CharField(_("学号/工号"), max_length=32, blank=True)
    college = models.ForeignKey(
        "orgs.Node",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("学院"),
    )
    klass = models.ForeignKey(
        "orgs.Node",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("班级"),
    )
    major = models.CharField(_("专业"), max_length=100, blank=True)
    enrolment_year = models.PositiveSmallIntegerField(_("入学年份"), null=True, blank=True)
    level = models.CharField(_("层次"), max_length=16, choices=StudentLevel.choices, blank=True)
    political_status = models.CharField(
        _("政治面貌"), max_length=24, choices=PoliticalStatus.choices, blank=True
    )
    # Optional, and shown only where political status is (accounts.view_sensitive_user):
    # the congress compares its delegates' mix with the school's (DOMAIN.md §4).
    gender = models.CharField(_("性别"), max_length=8, choices=Gender.choices, blank=True)
    # Free text, not the 56 groups as choices: registers also hold 未识别民族, 入籍 and
    # foreign students' nationalities, and the import takes the register's own spelling.
    ethnicity = models.CharField(_("民族"), max_length=20, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    is_staff = models.BooleanField(_("可进入管理后台"), default=False)
    is_system = models.BooleanField(default=False, editable=False)  # the scheduler's actor
    date_joined = models.DateTimeField(default=timezone.now)
    # Raised to end every session of the person at once (a password reset by an advisor)
    # while their own password keeps working; 0 keeps Django's plain session hash.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["real_name"]

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "number"],
                condition=Q(school__isnull=False),
                name="accounts_user_school_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.real_name or self.username

    @staticmethod
    def school_username(school_code: str, number: str) -> str:
        return f"{school_code}:{number}"

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        if not self.session_epoch:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        return salted_hmac(
            "tongxin.accounts.User.session_epoch",
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_full_name(self) -> str:
        return self.real_name

    def get_short_name(self) -> str:
        return self.real_name

    @property
    def masked_phone(self) -> str:
        if len(self.phone) < 7:
            return "*" * len(self.phone)
        return f"{self.phone[:3]}****{self.phone[-4:]}"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self, on: datetime.date | None = None) -> "MembershipQuerySet":
        day = on or timezone.localdate()
        return self.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))


class Membership(models.Model):  # 任职 / 身份
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    node = models.ForeignKey("orgs.Node", on_delete=models.PROTECT, related_name="memberships")
    school = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("角色"), max_length=24, choices=Role.choices)
    position = models.CharField(_("职务"), max_length=24, choices=Position.choices, blank=True)
    start = models.DateField(_("开始日期"), default=timezone.localdate)
    end = models.DateField(_("结束日期"), null=True, blank=True)
    end_reason = models.CharField(_("结束原因"), max_length=200, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        indexes = [
            models.Index(fields=["user", "end"], name="accounts_ms_user_end"),
            models.Index(fields=["node", "role"], name="accounts_ms_node_role"),
            models.Index(fields=["school", "role"], name="accounts_ms_school_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} @ {self.node}"

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.start <= today and (self.end is None or self.end >= today)


class ApiToken(models.Model):  # 接口令牌
    """A bearer token for non-browser clients. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=60)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class PasswordReset(models.Model):  # 重置密码
    """An advisor reset the password of an active account: a single-use link, valid for a
    day, that the person is told about at once and that their own next login cancels.
    Only the link's hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_resets")
    school = models.ForeignKey(
        "orgs.Node", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("理由"), max_length=200)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("重置密码")
        verbose_name_plural = _("重置密码")
        indexes = [models.Index(fields=["user", "created_at"], name="accounts_reset_user_created")]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d %H:%M}"


class LoginThrottle(models.Model):  # 登录失败计数
    """Failed-login counters with explicit expiry: one row per login name ("name:…") and per
    client address ("addr:…"). A table, not the cache: the database cache resets a key's
    lifetime on `incr` and culls entries, so an attacker could wipe a victim's counter."""

    key = models.CharField(max_length=200, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()
    last_failure_at = models.DateTimeField()
    blocked_until = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("登录失败计数")
        verbose_name_plural = _("登录失败计数")

    def __str__(self) -> str:
        return f"{self.key} ({self.failures})"


class Session(AbstractBaseSession):  # 登录会话
    """Django's database session with the logged-in user's id in a column of its own, so
    that a request reads its session, its user and the user's grants in one statement
    (accounts/sessions.py; docs/performance.md, "Where a logged-in request's time goes").
    The column is a copy of the id inside the signed session data, written on every save;
    the reader trusts the signed data and uses the column only to join."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=True
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "accounts_session"

    @classmethod
    def get_session_store_class(cls) -> Any:
        from .sessions import SessionStore

        return SessionStore
