"""The rights desk's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import (
    ApiRouter,
    Attachable,
    Commentable,
    Nav,
    SettingSpec,
    UrlInclude,
)
from tongxin.workflow.clocks.kinds import Clocks

from . import home, selectors, todo
from .models import IssueClock
from .services.clocks import KINDS

NAVIGATION = [
    Nav("rights", _("我的诉求"), "rights:my-issues", "rights.submit_issue", order=10),
    Nav("rights", _("诉求受理"), "rights:queue", "rights.view_queue", order=20),
    Nav("rights", _("部门收件箱"), "rights:inbox", "rights.view_inbox", order=30),
    Nav("rights", _("回音壁"), "rights:wall", "rights.view_wall", order=40),
    Nav("admin", _("权益设置"), "rights:settings", "rights.open_settings", order=60),
    Nav("admin", _("诉求类别"), "rights:categories", "rights.manage_categories", order=70),
]
HOME_PARTS = home.PARTS
TODO = todo.PROVIDERS
CLOCKS = [Clocks(IssueClock, kinds=KINDS)]
API = [ApiRouter("/rights", "tongxin.rights.api.router", order=10)]
URLS = [UrlInclude("rights/", "tongxin.rights.urls", order=70)]
SETTINGS = [
    SettingSpec(
        "rights.settings", _("权益设置"), "school", "rights:settings", "rights.open_settings"
    ),
    SettingSpec(
        "rights.categories",
        _("诉求类别"),
        "province",
        "rights:categories",
        "rights.manage_categories",
    ),
]
# An issue's readers see its files and comments; who reads it may add them (not the reporter
# of an anonymous issue); the union office that holds its queue moderates the comments.
ATTACHABLE = [
    Attachable("rights.issue", "rights.view_issue", "rights.discuss_issue", "rights.handle_issue")
]
COMMENTABLE = [
    Commentable(
        "rights.issue",
        read="rights.view_issue",
        add="rights.discuss_issue",
        moderate="rights.handle_issue",
        moderated_by=lambda user: selectors.issues_handled_by(actor=user),
        page="rights:issue-detail",
    )
]
