"""The to-do list (待办): one page per person gathering what waits for them in every app.

Each app registers providers (TODO in its registers.py): `provider(user, limit)` returns a
TodoBatch with at most `limit` items and the count of them up to COUNT_CAP + 1, both from
bounded SQL (a LIMIT, and a COUNT over at most COUNT_CAP + 1 unordered rows), so the page
costs a few queries per provider whatever the tables hold. Past the cap the page and the
home card say "1000+" (有 1000+ 项事务等待您处理): a union's November backlog of thousands
would otherwise be counted row by row on every home page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .registration import HomeCard, TodoBatch, TodoItem, collect

ITEMS_PER_PROVIDER = 20
COUNT_CAP = 1000  # items counted per provider at most; beyond, "1000+"


@dataclass
class TodoList:
    batches: list[TodoBatch]

    @property
    def count(self) -> int:
        """Items waiting, each provider's counted up to COUNT_CAP (see `plus`)."""
        return sum(min(batch.count, COUNT_CAP) for batch in self.batches)

    @property
    def plus(self) -> str:
        """ "+" after the count when a provider had more than COUNT_CAP (not counted)."""
        return "+" if any(batch.count > COUNT_CAP for batch in self.batches) else ""

    @property
    def shown(self) -> int:
        return sum(len(batch.items) for batch in self.batches)


def todo_for(user: Any, limit: int = ITEMS_PER_PROVIDER) -> TodoList:
    return TodoList([provide(user, limit) for provide in collect("TODO")])


def todo_card(user: Any) -> HomeCard | None:
    """The home page's count of waiting items, when there are any (counts only: limit 0)."""
    todo = todo_for(user, limit=0)
    if not todo.count:
        return None
    return HomeCard(
        key="todo",
        title=_("待办"),
        parts=[("core/home/_todo.html", {"count": todo.count, "plus": todo.plus})],
        order=50,
    )


def batch_of(
    items: Any, limit: int, item: Callable[[Any], TodoItem], *, every: Any = None
) -> TodoBatch:
    """A provider's batch from an ordered queryset: a LIMIT for the items, a COUNT of at most
    COUNT_CAP + 1 rows for the rest (needless when fewer than `limit` came back). The count
    drops the order: sorting every waiting row to count a thousand of them is the cost the
    cap avoids. `every` is what to count when `items` reads only the first rows (index
    walks, tongxin.core.walks); `items` by default."""
    shown = [item(obj) for obj in items[:limit]] if limit else []
    if len(shown) < limit:
        return TodoBatch(shown, len(shown))
    every = items if every is None else every
    return TodoBatch(shown, every.order_by()[: COUNT_CAP + 1].count())
