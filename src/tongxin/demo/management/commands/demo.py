"""`tongxin demo`: build the demo province 演示省 (once) and print one login per role."""

import datetime
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongxin.core.errors import DomainError
from tongxin.demo.build import PASSWORD, DemoResult, build_demo
from tongxin.demo.generate import DEFAULT_SEED
from tongxin.demo.logins import login_lines


def summary(result: DemoResult) -> str:
    counts = result.counts
    sizes = (
        f"{counts.get('cities', 0)} 个市学联、{counts.get('schools', 0)} 所学校、"
        f"{counts.get('colleges', 0)} 个学院、{counts.get('students', 0)} 名学生、"
        f"{counts.get('officers', 0)} 名学生会工作人员、{counts.get('issues', 0)} 条权益诉求"
    )
    if result.created:
        return f"已生成演示省（种子 {result.seed}，用时 {result.seconds:.1f} 秒）：{sizes}。"
    if counts:
        return f"演示省已存在，未重新生成（种子 {result.seed}）：{sizes}。"
    return "演示省已存在，未重新生成。"


class Command(BaseCommand):
    help = "生成虚构的演示省（已存在时不重建），并打印共用密码和每个角色的一个登录账号。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="随机种子")
        parser.add_argument("--cities", type=int, default=11, help="市学联个数")
        parser.add_argument("--schools", type=int, default=140, help="学校数")
        parser.add_argument("--students", type=int, default=20_000, help="学生总数")
        parser.add_argument(
            "--issues", type=int, default=None, help="一年的权益诉求数（默认每名学生 1.25 条）"
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="按哪一天生成（YYYY-MM-DD，默认今天）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = build_demo(
                seed=options["seed"],
                cities=options["cities"],
                schools=options["schools"],
                students=options["students"],
                issues=options["issues"],
                today=options["today"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        port = os.environ.get("PORT", "8000")
        self.stdout.write(summary(result))
        self.stdout.write(f"访问地址：http://127.0.0.1:{port}/")
        for line in login_lines(result.logins, PASSWORD):
            self.stdout.write(line)
