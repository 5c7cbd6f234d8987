"""A few in-app notifications for each printed demo login, dated over the past weeks.

Written in bulk like the rest of the demo (not through `notify()`: nothing is sent).
"""

import datetime

from tongxin.accounts.models import Role
from tongxin.notifications.models import Notification

from .logins import DemoLogin

WELCOME = (
    "demo.province.generated",
    "欢迎体验同心（演示省）",
    "这里的学校、人员和记录都是虚构的演示数据，所有演示账号共用同一个密码，请勿用于真实工作。",
)
# role → (verb, title, body, days ago, already read)
BY_ROLE: dict[str, list[tuple[str, str, str, int, bool]]] = {
    Role.STUDENT: [
        (
            "demo.province.generated",
            "校学生会本学年工作人员名单已公示",
            "公示期内如有意见，可向校团委反映。",
            70,
            True,
        ),
    ],
    Role.OFFICER: [
        (
            "accounts.membership.ended",
            "上一届学生会工作人员任期届满",
            "感谢上一届工作人员一年来的付出。",
            88,
            True,
        ),
        (
            "accounts.membership.granted",
            "您已任校学生会主席",
            "任期一学年，请按时参加述职评议。",
            85,
            True,
        ),
    ],
    Role.COLLEGE_SECRETARY: [
        (
            "accounts.membership.granted",
            "院学生会本学年工作人员已到岗",
            "请指导院学生会做好“校-院-班”联动。",
            80,
            True,
        ),
    ],
    Role.OFFICE_HANDLER: [
        (
            "demo.province.generated",
            "本部门已开通诉求办理",
            "转办给本部门的诉求和提案将在这里提醒您答复。",
            60,
            False,
        ),
    ],
    Role.ADVISOR: [
        (
            "accounts.membership.ended",
            "上一届学生会工作人员任期届满",
            "请核对换届后的工作人员名单。",
            88,
            True,
        ),
        (
            "accounts.membership.granted",
            "本学年学生会工作人员已全部到岗",
            "学生会、研究生会和各院学生会名单已更新。",
            84,
            False,
        ),
    ],
    Role.FEDERATION_STAFF: [
        (
            "demo.province.generated",
            "本学年学生会改革自评工作安排",
            "请督促本市各校按时公开自评结果。",
            45,
            False,
        ),
    ],
    Role.COUNTY_SPECIALIST: [
        (
            "demo.province.generated",
            "本学年中职学校学生会改革工作安排",
            "请督促本县（区）中职学校按时召开学生代表大会、公开自评结果。",
            45,
            False,
        ),
    ],
    Role.FEDERATION_ADMIN: [
        (
            "demo.province.generated",
            "演示数据已生成",
            "演示省的市学联、学校、学生会和人员已全部生成。",
            0,
            False,
        ),
    ],
}


def _rows(login: DemoLogin) -> list[tuple[Notification, int, bool]]:
    rows = []
    for verb, title, body, days_ago, read in [(*WELCOME, 1, True), *BY_ROLE.get(login.role, [])]:
        notice = Notification(
            recipient_id=login.user_id, school_id=login.school_id, verb=verb, title=title, body=body
        )
        rows.append((notice, days_ago, read))
    return rows


def write_notices(logins: list[DemoLogin], *, now: datetime.datetime) -> int:
    rows = [row for login in logins for row in _rows(login)]
    notices = Notification.objects.bulk_create([notice for notice, _days, _read in rows])
    for notice, days_ago, read in rows:
        notice.created_at = now - datetime.timedelta(days=days_ago, hours=2)
        notice.read_at = notice.created_at + datetime.timedelta(hours=3) if read else None
    Notification.objects.bulk_update(notices, ["created_at", "read_at"])
    return len(notices)
