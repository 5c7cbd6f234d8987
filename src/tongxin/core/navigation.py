"""The role-aware navigation: each entry shows only to those whose permission opens it."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .authz import can


@dataclass(frozen=True)
class NavItem:
    label: str | Promise  # a lazy translation: it renders in the language of the request
    url_name: str
    perm: str | None = None

    @property
    def url(self) -> str:
        return _url(get_script_prefix(), self.url_name)


@lru_cache(maxsize=256)
def _url(prefix: str, url_name: str) -> str:
    """URL patterns never change while the process runs, so each entry is reversed once
    (per script prefix) instead of twice per entry on every page."""
    return reverse(url_name)


@dataclass(frozen=True)
class NavGroup:
    label: str | Promise
    items: tuple[NavItem, ...]


# Groups become drop-down menus when more than one of their entries is visible.
NAVIGATION = [
    NavGroup(_("首页"), (NavItem(_("首页"), "core:home"),)),
    NavGroup(
        _("权益服务"),
        (
            NavItem(_("我的诉求"), "rights:my-issues", "rights.submit_issue"),
            NavItem(_("诉求受理"), "rights:queue", "rights.view_queue"),
            NavItem(_("部门收件箱"), "rights:inbox", "rights.view_inbox"),
            NavItem(_("回音壁"), "rights:wall", "rights.view_wall"),
            NavItem(_("权益统计"), "stats:home", "stats.view_stats"),
            NavItem(_("权益周报"), "stats:report-list", "stats.view_report_list"),
        ),
    ),
    NavGroup(
        _("学生会建设"),
        (
            NavItem(_("学生会"), "staff:union-list", "staff.open_unions"),
            NavItem(_("学风预警"), "staff:warnings", "staff.open_school_warnings"),
            NavItem(_("成绩数据"), "staff:grades", "staff.open_grade_upload"),
            NavItem(_("培训"), "training:session-list", "training.open_sessions"),
            NavItem(_("选拔任用"), "selection:candidacy-list", "selection.open_candidacy_list"),
            NavItem(_("推荐候选人"), "selection:college", "selection.open_college_list"),
            NavItem(_("任职公示"), "selection:notice", "selection.view_notice"),
            NavItem(_("述职评议"), "assessment:round-list", "assessment.open_rounds"),
            NavItem(_("待我评议"), "assessment:rating-list", "assessment.open_rating"),
            NavItem(_("我的述职"), "assessment:my-rounds", "assessment.view_own_results"),
        ),
    ),
    NavGroup(
        _("管理"),
        (
            NavItem(
                pgettext_lazy("navigation", "学校"), "orgs:school-list", "orgs.view_school_list"
            ),
            NavItem(_("人员"), "accounts:user-list", "accounts.view_people_list"),
            NavItem(_("导入"), "imports:upload", "imports.use_import"),
            NavItem(_("审计日志"), "audit:event-list", "audit.view_event_list"),
            NavItem(_("工作日历"), "workdays:calendar", "workdays.manage_calendar"),
            NavItem(_("权益设置"), "rights:settings", "rights.open_settings"),
            NavItem(_("诉求类别"), "rights:categories", "rights.manage_categories"),
            NavItem(_("精简限额"), "staff:limits", "staff.manage_limits"),
            NavItem(_("评议权重"), "assessment:policy", "assessment.manage_policy"),
            NavItem(_("选拔设置"), "selection:settings", "selection.open_settings"),
        ),
    ),
]


def navigation_for(user: Any) -> list[NavGroup]:
    """The groups with the entries the user may open; empty groups are left out."""
    groups = []
    for group in NAVIGATION:
        visible = tuple(item for item in group.items if item.perm is None or can(user, item.perm))
        if visible:
            groups.append(NavGroup(group.label, visible))
    return groups
