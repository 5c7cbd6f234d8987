"""`tongxin audit verify`: recompute every hash chain and name the first broken event."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongxin.audit.services import verify_chains


class Command(BaseCommand):
    help = "审计日志工具：verify 重新计算每条哈希链并指出第一个被破坏的事件。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subcommand", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        checked, problems = verify_chains()
        if problems:
            for p in problems:
                self.stderr.write(
                    f"链 {p.chain}：事件 #{p.event_id}（序号 {p.seq}）校验失败：{p.reason}"
                )
            raise CommandError(f"审计链校验失败：{len(problems)} 条链被破坏。")
        self.stdout.write(f"审计链完好：已校验 {checked} 个事件。")
