"""`tongxin worker`: runs background tasks from the database queue and enqueues periodic
jobs once per period (several workers may run side by side).

What it prints: at the default level a sentence a minute saying what it did (tasks done
and failed, periodic jobs enqueued; nothing in an idle minute), a failed task with its
traceback, and a last summary on exit. One line per task (django_tasks' own
"Task id=… state=…" lines) only with `-v 2` or LOG_LEVEL=DEBUG.
"""

import logging
import threading
from collections import Counter
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.management.commands import db_worker

from tongxin.core import periodic

# Its level is INFO in settings.LOGGING, so the summaries show under the default root level.
logger = logging.getLogger("tongxin.worker")
TASK_LOGGERS = ("django_tasks", "django_tasks_db")


class Tally:
    """What the worker did since the last summary (the task signals run in its thread, the
    scheduler in another: hence the lock)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.done: Counter[str] = Counter()
        self.failed: Counter[str] = Counter()
        self.scheduled: list[str] = []

    def task_finished(self, sender: Any, task_result: Any, **kwargs: Any) -> None:
        name = task_result.task.module_path.removeprefix("tongxin.")
        with self._lock:
            if task_result.status == TaskResultStatus.FAILED:
                self.failed[name] += 1
            else:
                self.done[name] += 1

    def add_scheduled(self, jobs: list[str]) -> None:
        with self._lock:
            self.scheduled.extend(jobs)

    def take(self) -> tuple[Counter[str], Counter[str], list[str]]:
        with self._lock:
            taken = (self.done, self.failed, self.scheduled)
            self.done, self.failed, self.scheduled = Counter(), Counter(), []
        return taken


def summary(done: Counter[str], failed: Counter[str], scheduled: list[str], span: str) -> str:
    """E.g. "过去 1 分钟：完成 12 个后台任务（notifications.tasks.deliver_notifications 9 个、
    …），失败 0 个；排入定时任务 stats.fold。" """
    parts = [
        f"{span}：完成 {done.total()} 个后台任务"
        + (f"（{_by_task(done)}）" if done else "")
        + f"，失败 {failed.total()} 个"
        + (f"（{_by_task(failed)}）" if failed else "")
    ]
    if scheduled:
        parts.append("排入定时任务 " + "、".join(scheduled))
    return "；".join(parts) + "。"


def _by_task(counts: Counter[str]) -> str:
    return "、".join(f"{name} {n} 个" for name, n in counts.most_common())


def _report(tally: Tally, span: str, *, even_if_idle: bool = False) -> None:
    done, failed, scheduled = tally.take()
    if done or failed or scheduled or even_if_idle:
        logger.info(summary(done, failed, scheduled, span))


def _schedule_forever(stop: threading.Event, interval: float, tally: Tally) -> None:
    while not stop.is_set():
        try:
            tally.add_scheduled(periodic.enqueue_due())
        except Exception:  # keep scheduling after a transient database error
            logger.exception("periodic scheduling failed")
        finally:
            close_old_connections()
        stop.wait(interval)


def _summarise_forever(stop: threading.Event, interval: float, tally: Tally) -> None:
    span = f"过去 {interval / 60:g} 分钟" if interval >= 60 else f"过去 {interval:g} 秒"
    while not stop.wait(interval):
        _report(tally, span)


class QuietDbWorker(db_worker.Command):
    """django-tasks-db's worker, but its per-task lines (INFO) only at verbosity 2 or
    LOG_LEVEL=DEBUG; a failed task is still logged in full (ERROR, with its traceback)."""

    def configure_logging(self, verbosity: int) -> None:
        debug = verbosity >= 2 or logging.getLogger().getEffectiveLevel() <= logging.DEBUG
        for name in TASK_LOGGERS:
            logging.getLogger(name).setLevel(logging.DEBUG if debug else logging.WARNING)


class Command(BaseCommand):
    help = "运行后台任务队列与定时任务。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schedule-interval", type=float, default=30.0)
        parser.add_argument("--summary-interval", type=float, default=60.0)
        parser.add_argument("--max-tasks", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        stop, tally = threading.Event(), Tally()
        task_finished.connect(tally.task_finished, weak=False)
        for target, interval in (
            (_schedule_forever, options["schedule_interval"]),
            (_summarise_forever, options["summary_interval"]),
        ):
            threading.Thread(target=target, args=(stop, interval, tally), daemon=True).start()
        self.stdout.write(
            "后台任务进程已启动：运行队列中的任务，按时排入定时任务；"
            f"每 {options['summary_interval']:g} 秒汇报一次完成情况（-v 2 逐条显示）。"
        )
        try:
            worker_args = ["--queue-name", "*", "--interval", "1", "--no-startup-delay"]
            if options["max_tasks"]:
                worker_args += ["--max-tasks", str(options["max_tasks"])]
            call_command(QuietDbWorker(), *worker_args, verbosity=options["verbosity"])
        finally:
            stop.set()
            task_finished.disconnect(tally.task_finished)
            _report(tally, "后台任务进程退出前", even_if_idle=True)
