ACTIONS = {
    "accounts.user.created": "创建账号",
    "accounts.user.activation_issued": "签发账号激活链接",
    "accounts.user.activated": "激活账号",
    "accounts.user.password_changed": "修改密码",
    "accounts.user.locked_out": "登录失败次数过多，账号暂时锁定",  # before throttling; history
    "accounts.user.login_throttled": "登录失败次数过多，此后每次登录需等待",
    "accounts.user.password_reset_issued": "重置密码（签发重置链接）",
    "accounts.user.password_reset_completed": "通过重置链接设置新密码",
    "accounts.membership.granted": "任命/授予身份",
    "accounts.membership.ended": "结束任职/身份",
    "accounts.token.created": "创建接口令牌",
    "accounts.token.revoked": "吊销接口令牌",
}


# For the audit page (audit/registry.py).
from tongxin.accounts.models import Position, Role  # noqa: E402

TARGETS = {"accounts.user": "账号", "accounts.membership": "任职", "accounts.apitoken": "接口令牌"}

FIELDS = {
    "role": ("身份", dict(Role.choices)),
    "position": ("职务", dict(Position.choices)),
    "prefix": "令牌前缀",
    "expires": "有效期至",
    "reset": "重置记录编号",
    "tokens_revoked": "吊销的接口令牌数",
}
