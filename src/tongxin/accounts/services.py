"""Writes about people: accounts, memberships, passwords, activation, API tokens.

imported/created ──(activation link, only while never activated)──► active with own password
active ──(advisor's reset: reason, audited, person told, sessions and tokens ended)──► reset link
       ──(person sets a password once, within a day, unless they logged in since)──► active
membership: granted (start) ──► ended (end date + reason; history kept)
token: created (shown once) ──► revoked
"""

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node, NodeKind

from .models import UNION_POSITIONS, ApiToken, Membership, PasswordReset, Position, Role, User
from .reach import forget_grants

SYSTEM_USERNAME = "system"

# Where each role may be held (the role catalogue, DESIGN.md).
ROLE_NODE_KINDS: dict[str, set[str]] = {
    Role.STUDENT: {NodeKind.CLASS},
    Role.OFFICER: {NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION, NodeKind.COLLEGE_UNION},
    Role.COLLEGE_SECRETARY: {NodeKind.COLLEGE},
    Role.OFFICE_HANDLER: {NodeKind.OFFICE},
    Role.ADVISOR: {NodeKind.SCHOOL},
    Role.FEDERATION_STAFF: {NodeKind.PROVINCE, NodeKind.CITY},
    Role.FEDERATION_ADMIN: {NodeKind.PROVINCE},
    Role.COUNTY_SPECIALIST: {NodeKind.COUNTY},
}


def system_actor() -> User:
    """The named actor of scheduled work (the worker), so no audit event lacks an actor."""
    user, _created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"real_name": "系统", "is_system": True, "is_active": False},
    )
    return user


def _validate_position(role: str, position: str) -> None:
    if role == Role.OFFICER and position not in UNION_POSITIONS:
        raise DomainError(
            _("学生会职务只能是主席、副主席（或轮值执行主席）、部长、副部长、干事。"),
            field="position",
        )
    if role == Role.OFFICE_HANDLER and position not in {"", Position.OFFICE_HEAD}:
        raise DomainError(_("职能部门人员的职务只能是“负责人”或留空。"), field="position")
    if role not in {Role.OFFICER, Role.OFFICE_HANDLER} and position:
        raise DomainError(_("该角色没有职务。"), field="position")


def validate_membership(*, user: User, node: Node, role: str, position: str) -> None:
    """Raise DomainError unless `role` may be held at `node` by `user` with `position`."""
    if role not in ROLE_NODE_KINDS:
        raise DomainError(_("未知角色。"), field="role")
    if node.kind not in ROLE_NODE_KINDS[role]:
        raise DomainError(
            _("%(role)s不能在%(kind)s任职。")
            % {"role": Role(role).label, "kind": node.get_kind_display()},
            field="node",
        )
    _validate_position(role, position)
    if node.school_id and user.school_id != node.school_id:
        raise DomainError(_("只能在本人所在学校任职。"), field="node")


@transaction.atomic
def membership_grant(
    *,
    actor: Any,
    user: User,
    node: Node,
    role: str,
    position: str = "",
    start: datetime.date | None = None,
) -> Membership:
    authorize(actor, "accounts.grant_membership", node)
    validate_membership(user=user, node=node, role=role, position=position)
    membership = Membership.objects.create(
        user=user,
        node=node,
        school_id=node.school_id,
        role=role,
        position=position,
        start=start or timezone.localdate(),
    )
    audit.record(
        actor=actor,
        action="accounts.membership.granted",
        target=membership,
        data={"user": user.pk, "node": node.pk, "role": role, "position": position},
    )
    forget_grants(user)
    return membership


@transaction.atomic
def membership_end(
    *, actor: Any, membership: Membership, reason: str, end: datetime.date | None = None
) -> Membership:
    authorize(actor, "accounts.grant_membership", membership.node)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("请填写结束原因。"), field="reason")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.end is not None and membership.end < timezone.localdate():
        raise DomainError(_("该任职已经结束。"))
    membership.end = end or timezone.localdate()
    membership.end_reason = reason
    membership.save(update_fields=["end", "end_reason"])
    audit.record(
        actor=actor,
        action="accounts.membership.ended",
        target=membership,
        data={"end": membership.end.isoformat(), "reason": reason},
    )
    return membership


@transaction.atomic
def login_throttle_record(*, login_name: str) -> None:
    """Failed logins for `login_name` reached the point where each attempt waits: the
    person's school sees it in the trail. The would-be owner is the actor, since nobody
    authenticated. `login_name` is already in its normal form (selectors.login_name)."""
    user = User.objects.filter(username=login_name, is_system=False).first()
    if user is not None:
        audit.record(
            actor=user, action="accounts.user.login_throttled", target=user, school=user.school
        )


def _validated_password(new_password: str, user: User) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="new_password") from exc


def _revoke_tokens_of(user: User) -> int:
    """End every live API token of `user` (someone who knew the old password may have made
    one); the count goes into the caller's audit event."""
    now = timezone.now()
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=now).update(
        revoked_at=now
    )


@transaction.atomic
def password_change(*, actor: User, old_password: str, new_password: str) -> User:
    """The person changes their own password; their API tokens are revoked with it."""
    if not actor.check_password(old_password):
        raise DomainError(_("原密码不正确。"), field="old_password")
    _validated_password(new_password, actor)
    actor.set_password(new_password)
    actor.save(update_fields=["password"])
    revoked = _revoke_tokens_of(actor)
    audit.record(
        actor=actor,
        action="accounts.user.password_changed",
        target=actor,
        school=actor.school,
        data={"tokens_revoked": revoked},
    )
    return actor


@transaction.atomic
def activation_issue(*, actor: Any, user: User) -> str:
    """An advisor issues a set-password link (path only) for an account never activated.
    An account with a password is reset instead (password_reset_issue): never silently."""
    authorize(actor, "accounts.activate_user", user)
    if user.has_usable_password():
        raise DomainError(
            _("该账号已激活，不能再签发激活链接；如本人忘记密码，请填写理由重置密码。")
        )
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    audit.record(
        actor=actor, action="accounts.user.activation_issued", target=user, school=user.school
    )
    return reverse("accounts:activate", args=[uid, token])


def activation_link_valid(user: User | None, token: str) -> bool:
    """True for a valid activation link of a never-activated account. Always computes one
    token check, so a missing account and a wrong token take the same time."""
    valid = default_token_generator.check_token(user or User(password="!"), token)
    return valid and user is not None and not user.has_usable_password()


@transaction.atomic
def activation_complete(*, user: User, token: str, new_password: str) -> User:
    """The person sets their own password through a valid link (they act for themselves)."""
    if not activation_link_valid(user, token):
        raise DomainError(_("激活链接无效或已过期，请联系校团委老师重新签发。"))
    _validated_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit.record(actor=user, action="accounts.user.activated", target=user, school=user.school)
    return user


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def password_reset_issue(*, actor: Any, user: User, reason: str) -> str:
    """An advisor resets an active account whose owner forgot the password. Never silent:
    a reason, an audit event, the person told at once on every channel they have, all
    their sessions and API tokens ended; the link (path only) works once, for a day, and
    not after the person's own next login. Earlier unused links of the account die."""
    from tongxin.notifications.services import notify

    authorize(actor, "accounts.reset_user_password", user)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("请填写重置理由。"), field="reason")
    if len(reason) > 200:
        raise DomainError(_("重置理由不能超过 200 个字。"), field="reason")
    if not user.has_usable_password():
        raise DomainError(_("该账号尚未激活，请签发激活链接。"))
    now = timezone.now()
    PasswordReset.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    raw = secrets.token_urlsafe(32)
    reset = PasswordReset.objects.create(
        user=user,
        school_id=user.school_id,
        by=actor,
        reason=reason,
        digest=_digest(raw),
        created_at=now,
        expires_at=now + datetime.timedelta(hours=settings.PASSWORD_RESET_LINK_HOURS),
    )
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    revoked = _revoke_tokens_of(user)
    audit.record(
        actor=actor,
        action="accounts.user.password_reset_issued",
        target=user,
        school=user.school,
        data={"reason": reason, "reset": reset.pk, "tokens_revoked": revoked},
    )
    notify(
        recipients=[user],
        verb="accounts.user.password_reset",
        title=_("%(who)s重置了您的账号密码") % {"who": actor.real_name},
        body=_(
            "理由：%(reason)s。您已在所有设备上退出登录，接口令牌已全部吊销；原密码仍然有效，用原密码登录后重置链接即失效。"
            "如果不是您本人请求的，请立即修改密码并告知校团委。"
        )
        % {"reason": reason},
        url=reverse("accounts:security"),
        school=user.school,
    )
    return reverse("accounts:password-reset", args=[raw])


def password_reset_for(raw: str) -> PasswordReset | None:
    """The live reset a link names, or None: unknown, used, expired, or the person logged
    in after it was issued. The lookup is by hash (an indexed equality), so its time does
    not depend on how much of the link is right."""
    reset = (
        PasswordReset.objects.select_related("user")
        .filter(digest=_digest(raw), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if reset is None or not reset.user.is_active:
        return None
    last_login = reset.user.last_login
    if last_login is not None and last_login > reset.created_at:
        return None
    return reset


@transaction.atomic
def password_reset_complete(*, raw: str, new_password: str) -> User:
    """The person sets a new password through a reset link (they act for themselves)."""
    found = password_reset_for(raw)
    now = timezone.now()
    # Re-read under the lock: between the first look and the lock the link may have been
    # used, expired, cancelled by a newer reset (which expires it) or by the person's login.
    reset = (
        PasswordReset.objects.select_for_update()
        .filter(pk=found.pk, used_at__isnull=True, expires_at__gt=now)
        .first()
        if found is not None
        else None
    )
    user = User.objects.filter(pk=reset.user_id).first() if reset is not None else None
    if (
        reset is None
        or user is None
        or not user.is_active
        or (user.last_login is not None and user.last_login > reset.created_at)
        or PasswordReset.objects.filter(user=user, created_at__gt=reset.created_at).exists()
    ):
        raise DomainError(_("重置链接无效、已使用或已过期，请联系校团委老师。"))
    _validated_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    reset.used_at = now
    reset.save(update_fields=["used_at"])
    audit.record(
        actor=user,
        action="accounts.user.password_reset_completed",
        target=user,
        school=user.school,
        data={"reset": reset.pk},
    )
    return user


@transaction.atomic
def token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Create an API token for the actor; the raw token is returned once and never stored."""
    authorize(actor, "accounts.manage_own_tokens", actor)
    name = name.strip()
    if not name:
        raise DomainError(_("请为令牌填写名称。"), field="name")
    if len(name) > 60:
        raise DomainError(_("令牌名称不能超过 60 个字。"), field="name")
    raw = "tx_" + secrets.token_urlsafe(32)
    expires = timezone.now() + datetime.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=raw[3:11],
        digest=_digest(raw),
        expires_at=expires,
    )
    audit.record(
        actor=actor,
        action="accounts.token.created",
        target=token,
        school=actor.school,
        data={"name": name, "prefix": token.prefix, "expires": expires.isoformat()},
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    authorize(actor, "accounts.revoke_token", token)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise DomainError(_("该令牌已被吊销。"))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor,
        action="accounts.token.revoked",
        target=token,
        school=actor.school,
        data={"prefix": token.prefix},
    )
    return token


def token_authenticate(raw: str) -> User | None:
    """The user behind a bearer token, or None (unknown, revoked, expired, inactive user)."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(raw), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=5):
        # Throttled bookkeeping, not a domain change: no audit event.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
