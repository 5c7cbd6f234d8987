"""`tongxin stats_fold`: fold all pending rights activity into the rollups now (after a bulk
load such as the demo province), optionally rebuilding them from the start."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "立即把权益服务的新动态汇总到统计表（--rebuild：清空后从头汇总）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="清空汇总后从头重建")

    def handle(self, *args: Any, **options: Any) -> None:
        from tongxin.stats.fold import fold_rights_activity, rollups_reset

        if options["rebuild"]:
            rollups_reset()
        events = clocks = 0
        while True:
            result = fold_rights_activity()
            events, clocks = events + result.events, clocks + result.clocks
            if result.events == 0 and result.clocks == 0:
                break
        self.stdout.write(f"已汇总 {events} 条办理动态、{clocks} 个到期时限。")
