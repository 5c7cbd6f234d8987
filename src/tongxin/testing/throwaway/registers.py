"""Everything the throwaway app adds to the site (see core/registration.py)."""

from typing import Any

from django.urls import reverse

from tongxin.core.registration import (
    ApiRouter,
    HomeCard,
    Nav,
    NavGroupSpec,
    SettingSpec,
    TodoBatch,
    TodoItem,
    UrlInclude,
)


def _cards(user: Any) -> list[HomeCard]:
    return [HomeCard("throwaway", "试验卡片", [("throwaway/_card.html", {"n": 1})], order=90)]


def _todo(user: Any, limit: int) -> TodoBatch:
    items = [TodoItem("试验待办事项", reverse("throwaway:page"), "试验")]
    return TodoBatch(items[:limit], len(items))


NAV_GROUPS = [NavGroupSpec("throwaway", "试验", 40)]
NAVIGATION = [Nav("throwaway", "试验页面", "throwaway:page")]
HOME_CARDS = [_cards]
TODO = [_todo]
API = [ApiRouter("/throwaway", "tongxin.testing.throwaway.api.router")]
URLS = [UrlInclude("throwaway/", "tongxin.testing.throwaway.urls")]
SETTINGS = [SettingSpec("throwaway.knob", "试验设置", "city", "throwaway:page")]
