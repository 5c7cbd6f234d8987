"""The rights desk's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ApiRouter, Nav, SettingSpec, UrlInclude
from tongxin.workflow.clocks.kinds import Clocks

from . import home, todo
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
