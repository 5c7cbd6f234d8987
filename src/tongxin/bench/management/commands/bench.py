"""`tongxin bench`: generate data, and the server-side helpers of `bench/run`.

tongxin bench generate --scale {tiny,medium,province} [--issues N]
tongxin bench prepare     raise submission limits, print personas as JSON
tongxin bench count       print the number of issues
tongxin bench chains --schools 1,2
                          issues, submission events and the verdict of those schools' audit
                          chains, as JSON (bench/run's writer scenarios, before and after)
tongxin bench proposals --session N
                          the proposal scenarios' counts in that session, as JSON
                          (bench/run's propose and cosign scenarios, before and after)
tongxin bench ballots --round N
                          the vote burst's counts in that round, as JSON (bench/run's
                          vote scenario, before and after)
tongxin bench oneoffs     time the one-off operations (median of 3), print JSON
tongxin bench rollups     rebuild the statistics rollups from the timeline (after a change
                          to the statistics app, without generating the data again)
"""

import datetime
import json
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongxin.bench.scales import SCALES, scale_named
from tongxin.core.errors import DomainError


class Command(BaseCommand):
    help = "性能测试：生成数据（generate）及 bench/run 的服务端辅助命令。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        gen = sub.add_parser("generate", help="生成确定性的测试数据")
        gen.add_argument("--scale", choices=sorted(SCALES), default="tiny")
        gen.add_argument("--issues", type=int, default=None)
        gen.add_argument("--json", dest="json_path", default="")
        gen.add_argument("--today", type=datetime.date.fromisoformat, default=None)
        sub.add_parser("prepare", help="提高提交上限并输出登录身份（JSON）")
        sub.add_parser("count", help="输出权益诉求条数")
        sub.add_parser("rollups", help="由办理记录重建统计汇总")
        chains = sub.add_parser("chains", help="校验指定学校的审计链并计数（JSON）")
        chains.add_argument("--schools", required=True, help="学校编号，逗号分隔")
        proposals = sub.add_parser("proposals", help="计数压测会议的提案与附议（JSON）")
        proposals.add_argument("--session", type=int, required=True, help="会议编号")
        ballots = sub.add_parser("ballots", help="计数压测选举轮次的投票（JSON）")
        ballots.add_argument("--round", type=int, required=True, help="轮次编号")
        oneoffs = sub.add_parser("oneoffs", help="计时一次性操作（3 次取中位数）")
        oneoffs.add_argument("--school", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "generate":
            self._generate(options)
        elif action == "prepare":
            self._prepare()
        elif action == "rollups":
            self._rollups()
        elif action == "chains":
            from tongxin.bench.chains import chain_state

            schools = [int(pk) for pk in options["schools"].split(",") if pk]
            self.stdout.write(json.dumps(chain_state(schools), ensure_ascii=False))
        elif action == "proposals":
            from tongxin.bench.proposals import counts

            self.stdout.write(json.dumps(counts(options["session"]), ensure_ascii=False))
        elif action == "ballots":
            from tongxin.bench.elections import counts as ballot_counts

            self.stdout.write(json.dumps(ballot_counts(options["round"]), ensure_ascii=False))
        elif action == "count":
            from tongxin.rights.models import Issue

            self.stdout.write(str(Issue.objects.count()))
        else:
            from tongxin.bench.oneoffs import run_oneoffs

            self.stdout.write(json.dumps(run_oneoffs(options["school"]), ensure_ascii=False))

    def _generate(self, options: dict[str, Any]) -> None:
        from tongxin.bench.generate import generate

        call_command("migrate", verbosity=0, interactive=False)
        scale = scale_named(options["scale"], options["issues"])
        try:
            report = generate(
                scale, echo=lambda line: self.stderr.write(line), today=options["today"]
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        text = json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
        if options["json_path"]:
            with open(options["json_path"], "w", encoding="utf-8") as out:
                out.write(text)
        self.stdout.write(text)

    def _rollups(self) -> None:
        import time

        from django.db import transaction
        from django.utils import timezone

        from tongxin.bench.generate import rebuild_statistics

        call_command("migrate", verbosity=0, interactive=False)
        started = time.monotonic()
        with transaction.atomic():
            rows = rebuild_statistics(timezone.now())
        seconds = time.monotonic() - started
        self.stdout.write(json.dumps({"rollups_seconds": round(seconds, 1), "rows_read": rows}))

    def _prepare(self) -> None:
        from tongxin.bench.personas import personas, raise_submission_limits

        call_command("collectstatic", verbosity=0, interactive=False)  # the server needs them
        raise_submission_limits()
        self.stdout.write(json.dumps(personas(), ensure_ascii=False))
