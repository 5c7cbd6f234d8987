"""`tongxin worker`: runs background tasks from the database queue and enqueues periodic
jobs once per period (several workers may run side by side)."""

import logging
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from tongxin.core import periodic

logger = logging.getLogger(__name__)


def _schedule_forever(stop: threading.Event, interval: float) -> None:
    while not stop.is_set():
        try:
            started = periodic.enqueue_due()
            if started:
                logger.warning("enqueued periodic jobs: %s", ", ".join(started))
        except Exception:  # keep scheduling after a transient database error
            logger.exception("periodic scheduling failed")
        finally:
            close_old_connections()
        stop.wait(interval)


class Command(BaseCommand):
    help = "运行后台任务队列与定时任务。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schedule-interval", type=float, default=30.0)
        parser.add_argument("--max-tasks", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        scheduler = threading.Thread(
            target=_schedule_forever, args=(stop, options["schedule_interval"]), daemon=True
        )
        scheduler.start()
        self.stdout.write("后台任务进程已启动。")
        try:
            worker_args = ["--queue-name", "*", "--interval", "1", "--no-startup-delay"]
            if options["max_tasks"]:
                worker_args += ["--max-tasks", str(options["max_tasks"])]
            call_command("db_worker", *worker_args)
        finally:
            stop.set()
