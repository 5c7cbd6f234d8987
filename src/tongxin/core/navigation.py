"""The role-aware navigation: each entry shows only to those whose permission opens it."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from .authz import can


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: str | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


NAVIGATION = [
    NavItem("首页", "core:home"),
    NavItem("我的诉求", "rights:my-issues", "rights.submit_issue"),
    NavItem("诉求受理", "rights:queue", "rights.view_queue"),
    NavItem("部门收件箱", "rights:inbox", "rights.view_inbox"),
    NavItem("回音壁", "rights:wall", "rights.view_wall"),
    NavItem("权益统计", "stats:home", "stats.view_stats"),
    NavItem("权益周报", "stats:report-list", "stats.view_report_list"),
    NavItem("学校", "orgs:school-list", "orgs.view_school_list"),
    NavItem("人员", "accounts:user-list", "accounts.view_people_list"),
    NavItem("学生会", "staff:union-list", "staff.open_unions"),
    NavItem("学风预警", "staff:warnings", "staff.open_school_warnings"),
    NavItem("成绩数据", "staff:grades", "staff.open_grade_upload"),
    NavItem("培训", "training:session-list", "training.open_sessions"),
    NavItem("导入", "imports:upload", "imports.use_import"),
    NavItem("审计日志", "audit:event-list", "audit.view_event_list"),
    NavItem("工作日历", "workdays:calendar", "workdays.manage_calendar"),
    NavItem("权益设置", "rights:settings", "rights.open_settings"),
    NavItem("诉求类别", "rights:categories", "rights.manage_categories"),
    NavItem("精简限额", "staff:limits", "staff.manage_limits"),
]


def navigation_for(user: Any) -> list[NavItem]:
    return [item for item in NAVIGATION if item.perm is None or can(user, item.perm)]
