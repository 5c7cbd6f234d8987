"""Django's own messages in Chinese (issue 9, item 9): the project's zh_Hans catalogue
overrides Django's wrong "不允许是用空字符串" and its stale password-validation msgids."""

import json
from gettext import GNUTranslations
from pathlib import Path

from django.conf import settings
from django.test import Client

from tongxin.testing.province import PASSWORD

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES"


def test_a_null_character_gets_a_correct_chinese_message(province):
    response = Client().post(
        "/accounts/login/", {"school_code": "TA01", "login": "20\x0024001", "password": "x"}
    )
    page = response.content.decode()
    assert "不能包含空字符" in page and "不允许是用空字符串" not in page


def test_password_validation_speaks_chinese(province, client_for):
    response = client_for("student_a").post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password": "1234", "new_password_again": "1234"},
    )
    page = response.content.decode()
    assert "密码太短，至少需要 8 个字符。" in page
    assert "密码不能全是数字。" in page and "这个密码太常见" in page
    assert "This password" not in page


def _entries(path: Path) -> list[dict[str, str]]:
    entries, entry, field = [], {}, ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, field = {}, ""
        elif line.startswith('"'):
            entry[field] += json.loads(line)
        elif not line.startswith("#"):
            field, _space, value = line.partition(" ")
            entry[field] = json.loads(value)
    return [e for e in entries if e["msgid"]]


def test_the_committed_zh_hans_catalogue_is_compiled_from_its_po_file():
    with (CATALOGUE / "django.mo").open("rb") as mo:
        compiled = GNUTranslations(mo)
    entries = _entries(CATALOGUE / "django.po")
    assert len(entries) >= 8
    for e in entries:
        if "msgid_plural" in e:
            got = compiled.ngettext(e["msgid"], e["msgid_plural"], 8)
            assert got == e["msgstr[0]"], e["msgid"]
        else:
            assert compiled.gettext(e["msgid"]) == e["msgstr"], e["msgid"]
