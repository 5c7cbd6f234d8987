"""`tongxin demo`: output, idempotence and refusal."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tongxin.demo.build import PASSWORD
from tongxin.testing.province import build_tiny_province

TINY = ["--cities", "2", "--schools", "3", "--students", "60"]

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_command_prints_password_url_and_one_login_per_role(monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    output = _run(*TINY, "--seed", "3")
    assert "已生成演示省（种子 3" in output
    assert "http://127.0.0.1:8123/" in output
    assert PASSWORD in output
    logins = [line for line in output.splitlines() if line.startswith("  ")]
    assert len(logins) == 8
    assert sum("学校代码 YS001" in line for line in logins) == 5
    assert "用户名 city01" in logins[5] and "用户名 province_admin" in logins[7]
    assert logins[6].startswith("  学生会组织工作专员（") and "用户名 county" in logins[6]


def test_second_run_reuses_the_province_and_prints_the_same_logins():
    first = _run(*TINY)
    second = _run(*TINY)
    assert "演示省已存在，未重新生成" in second
    logins = [line for line in first.splitlines() if line.startswith("  ")]
    assert logins == [line for line in second.splitlines() if line.startswith("  ")]


def test_command_refuses_a_real_province_with_a_clear_message():
    build_tiny_province()
    with pytest.raises(CommandError, match="不能在其中生成演示数据"):
        _run(*TINY)


def test_command_refuses_an_impossible_scale():
    with pytest.raises(CommandError, match="演示规模无效"):
        _run("--cities", "5", "--schools", "3")
