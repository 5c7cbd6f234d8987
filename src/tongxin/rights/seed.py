"""The categories every province starts with (data the federation admin may edit later)."""

from typing import Any

CATEGORIES = [
    ("教学教务", False),
    ("食堂餐饮", False),
    ("宿舍与水电", False),
    ("网络与信息", False),
    ("物价与消费", False),
    ("安全", True),
    ("心理与健康", True),
    ("失物招领", False),
    ("其他", False),
]


def seed_categories(category_model: Any) -> None:
    """Idempotent: used by the data migration and to restore reference data in tests."""
    for position, (name, urgent) in enumerate(CATEGORIES, start=1):
        category_model.objects.get_or_create(
            name=name, defaults={"is_urgent": urgent, "position": position}
        )
