"""The to-do list (待办): one page per person gathering what waits for them in every app.

Each app registers providers (TODO in its registers.py): `provider(user, limit)` returns a
TodoBatch with at most `limit` items and the count of all of them, both from bounded SQL
(a LIMIT and a COUNT), so the page costs a few queries per provider whatever the tables hold.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .registration import HomeCard, TodoBatch, TodoItem, collect

ITEMS_PER_PROVIDER = 20


@dataclass
class TodoList:
    batches: list[TodoBatch]

    @property
    def count(self) -> int:
        return sum(batch.count for batch in self.batches)

    @property
    def shown(self) -> int:
        return sum(len(batch.items) for batch in self.batches)


def todo_for(user: Any, limit: int = ITEMS_PER_PROVIDER) -> TodoList:
    return TodoList([provide(user, limit) for provide in collect("TODO")])


def todo_card(user: Any) -> HomeCard | None:
    """The home page's count of waiting items, when there are any (counts only: limit 0)."""
    count = todo_for(user, limit=0).count
    if not count:
        return None
    return HomeCard(
        key="todo",
        title=_("待办"),
        parts=[("core/home/_todo.html", {"count": count})],
        order=50,
    )


def batch_of(items: Any, limit: int, item: Callable[[Any], TodoItem]) -> TodoBatch:
    """A provider's batch from an ordered queryset: a LIMIT for the items, a COUNT for all
    (needless when fewer than `limit` came back)."""
    shown = [item(obj) for obj in items[:limit]] if limit else []
    return TodoBatch(shown, len(shown) if len(shown) < limit else items.count())
