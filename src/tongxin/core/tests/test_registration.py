"""What the apps register, read back: the menu keeps its order, the lists are complete."""

from django.urls import reverse

from tongxin.core.navigation import registered_navigation
from tongxin.core.registration import by_order, settings_edited_at

MENU = [
    ["core:home"],
    ["core:todo"],
    [
        "rights:my-issues",
        "rights:queue",
        "rights:inbox",
        "rights:wall",
        "stats:home",
        "stats:report-list",
    ],
    [
        "staff:union-list",
        "staff:warnings",
        "staff:grades",
        "training:session-list",
        "selection:candidacy-list",
        "selection:college",
        "selection:notice",
        "congress:rating-table",
        "reform:heatmap",
        "reform:rating-list",
        "reform:call-in-list",
        "reform:review",
        "reform:rectification",
        "assessment:round-list",
        "congress:delegate-lists",
        "congress:my-proposals",
        "congress:my-suggestions",
        "congress:suggestion-inbox",
        "congress:my-elections",
        "congress:committee",
        "congress:proposals-published",
        "congress:proposal-stats",
        "assessment:rating-list",
        "assessment:my-rounds",
        "congress:mine",
        "congress:supervise",
        "reform:mine",
        "reform:rectification-items",
        "reform:disclosure-list",
        "congress:proposal-office",
        "reform:catalogue-list",
    ],
    [
        "orgs:school-list",
        "accounts:user-list",
        "imports:upload",
        "audit:event-list",
        "workdays:calendar",
        "rights:settings",
        "rights:categories",
        "staff:limits",
        "assessment:policy",
        "selection:settings",
        "congress:rules",
    ],
]


def test_the_menu_keeps_its_groups_and_entries_in_order():
    groups = registered_navigation()
    assert [str(g.label) for g in groups] == ["首页", "待办", "权益服务", "学生会建设", "管理"]
    assert [[item.url_name for item in g.items] for g in groups] == MENU


def test_every_app_mounts_its_urls_and_api_once():
    prefixes = [entry.prefix for entry in by_order("URLS")]
    assert len(prefixes) == len(set(prefixes))
    assert {"accounts/", "orgs/", "rights/", "selection/", "i18n/"} <= set(prefixes)
    routers = [entry.router for entry in by_order("API")]
    assert len(routers) == len(set(routers)) >= 6
    assert reverse("api:openapi-json") == "/api/v1/openapi.json"


def test_settings_name_the_level_that_edits_them():
    province = {spec.key for spec in settings_edited_at("province")}
    school = {spec.key for spec in settings_edited_at("school")}
    assert {"rights.categories", "staff.limits", "assessment.policy"} <= province
    assert {"rights.settings", "selection.settings"} <= school
    assert not province & school
