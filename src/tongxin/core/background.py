"""Background work a change asks for, handed to the worker only if the change commits.

change ──► enqueue_on_commit(task, …)
    database queue (production): the task row joins the change's transaction
    any other queue (tests' immediate one, a broker): enqueued after commit
"""

from typing import Any

from django.db import connections, router, transaction


def _queued_in_transaction(task: Any, using: str) -> bool:
    """True when `task`'s backend stores tasks as rows of the database `using` is writing."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task.get_backend()
    return isinstance(backend, DatabaseBackend) and router.db_for_write(DBTaskResult) == using


def enqueue_on_commit(task: Any, *, using: str = "default", **kwargs: Any) -> None:
    """Run `task(**kwargs)` in the worker once the caller's transaction commits; never for a
    change that rolled back.

    With the database queue the row is written inside the transaction: the worker cannot
    see it before the change commits, it vanishes with a rollback, and the change pays one
    commit. Enqueued by `transaction.on_commit`, the insert ran after the commit in
    autocommit mode — a second commit, a second WAL flush on PostgreSQL, 3–4 ms of a
    submission's 13 (docs/performance.md, "Where a submission's time goes"). Any other
    backend runs or publishes the task at once, so it waits for the commit."""
    if connections[using].in_atomic_block and _queued_in_transaction(task, using):
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs), using=using)
