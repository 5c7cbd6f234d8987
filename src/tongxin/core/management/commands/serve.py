"""`tongxin serve`: the production server (gunicorn, static files through whitenoise)."""

import os
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "以生产模式启动 Web 服务（gunicorn）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", default=os.environ.get("WEB_CONCURRENCY", "3"))

    def handle(self, *args: Any, **options: Any) -> None:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        argv = [
            str(gunicorn),
            "tongxin.wsgi:application",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(options["workers"]),
            "--worker-class",
            "sync",
            "--access-logfile",
            "-",
            "--timeout",
            "60",
            # when_ready prints the address (and the demo logins) once the socket listens.
            "--config",
            "python:tongxin.core.management.commands._serve_hooks",
        ]
        url = f"http://{options['host']}:{options['port']}/"
        os.environ["TONGXIN_SERVE_URL"] = url
        self.stdout.write(f"同心正在启动：{url}")
        sys.stdout.flush()
        os.execv(argv[0], argv)
