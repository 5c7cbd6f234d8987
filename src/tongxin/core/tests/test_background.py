"""enqueue_on_commit: the worker gets the task only if the change commits."""

import pytest
from django.db import transaction
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from tongxin.core.background import enqueue_on_commit

RAN: list[int] = []


@task()
def remember(n: int) -> None:
    RAN.append(n)


class _Rollback(Exception):
    pass


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_task_row_commits_or_rolls_back_with_the_change(settings):
    settings.TASKS = DATABASE_QUEUE
    with transaction.atomic():
        enqueue_on_commit(remember, n=1)
        # Written in the change's own transaction (one commit), not after it.
        assert DBTaskResult.objects.filter(task_path__endswith="remember").count() == 1
    with pytest.raises(_Rollback), transaction.atomic():
        enqueue_on_commit(remember, n=2)
        raise _Rollback
    rows = DBTaskResult.objects.filter(task_path__endswith="remember")
    assert [r.args_kwargs["kwargs"] for r in rows] == [{"n": 1}]


@pytest.mark.django_db(transaction=True)
def test_with_another_queue_the_task_waits_for_the_commit(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    RAN.clear()
    with transaction.atomic():
        enqueue_on_commit(remember, n=3)
        assert RAN == []
    assert RAN == [3]
    with pytest.raises(_Rollback), transaction.atomic():
        enqueue_on_commit(remember, n=4)
        raise _Rollback
    assert RAN == [3]
