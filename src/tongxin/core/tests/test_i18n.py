"""Chinese first, English second: the shell every user sees (base, home, login, people pages).

The Chinese text is the msgid everywhere, so the Chinese pages must not change by a single
character; English comes from locale/en/LC_MESSAGES/django.mo, which is committed because
CI machines may lack GNU gettext.
"""

import json
import re
from collections.abc import Iterator
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.conf import settings
from django.template import loader
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tongxin.accounts.models import PoliticalStatus, Position, Role, StudentLevel
from tongxin.core.navigation import registered_navigation
from tongxin.orgs.models import NodeKind, SchoolType
from tongxin.testing.province import PASSWORD

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture(autouse=True)
def _default_language_afterwards() -> Iterator[None]:
    # LocaleMiddleware leaves the last request's language active in the thread; an English
    # request must not turn the next test's service messages into English.
    yield
    translation.deactivate()


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _switch(client: Client, language: str, next_url: str = "/") -> None:
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url


# --- Chinese stays the default --------------------------------------------------------


def test_login_page_is_chinese_without_accept_language(db):
    page = _page(Client().get("/accounts/login/"))
    assert '<html lang="zh-hans">' in page
    assert "<title>登录 · 同心</title>" in page
    for text in [
        "登录同心",
        "学校代码",
        "学联工作人员不填，直接用用户名登录。",
        "学号/工号或用户名",
    ]:
        assert text in page
    assert "Sign in" not in page


def test_a_browser_in_china_gets_chinese(db):
    page = _page(Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.8"))
    assert '<html lang="zh-hans">' in page and "登录同心" in page


def test_chinese_home_page_is_unchanged(client_for):
    page = _page(client_for("student_a").get("/"))
    for text in [
        "<title>首页 · 同心</title>",
        "您好，张同学",
        ">首页</a>",
        ">我的诉求</a>",
        "提交诉求",
        "暂无记录。遇到问题可以随时提交权益诉求，学生会 24 小时内回复。",
        '<h2 class="card-title h5">同学 ',
        "我的资料",
        "退出登录",
    ]:
        assert text in page, text
    assert "Hello" not in page and "My issues" not in page


def test_chinese_counts_read_as_before(client_for):
    page = _page(client_for("advisor_a").get("/"))
    assert "学院 2 个 · 账号 " in page
    assert "Hello" not in page


# --- English on request ---------------------------------------------------------------


def test_login_page_in_english_by_accept_language(db):
    page = _page(Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert '<html lang="en">' in page
    assert "<title>Sign in · Tongxin</title>" in page
    for text in ["Sign in to Tongxin", "School code", "Student/staff number or username"]:
        assert text in page
    assert not CJK.search(re.sub(r'lang="zh-hans">简体中文<', "", page)), "untranslated Chinese"


def test_login_error_is_translated(province):
    response = Client().post(
        "/accounts/login/",
        {"school_code": "TA01", "login": "2024001", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "The school code, student/staff number (or username) or password is incorrect." in (
        _page(response)
    )


def test_switching_to_english_persists_in_the_language_cookie(db):
    client = Client()
    assert 'data-testid="language-switcher"' in _page(client.get("/accounts/login/"))
    _switch(client, "en", "/accounts/login/")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    # Every later request of this browser is English, with no Accept-Language at all.
    assert "Sign in to Tongxin" in _page(client.get("/accounts/login/"))
    assert "Sign in to Tongxin" in _page(client.get("/accounts/login/"))
    # Another browser is not affected.
    assert "登录同心" in _page(Client().get("/accounts/login/"))
    # And back.
    _switch(client, "zh-hans", "/accounts/login/")
    assert "登录同心" in _page(client.get("/accounts/login/"))


def test_switch_survives_login_and_shows_english_home(province):
    client = Client()
    _switch(client, "en", "/accounts/login/")
    response = client.post(
        "/accounts/login/", {"school_code": "TA01", "login": "2024001", "password": PASSWORD}
    )
    assert response.status_code == 302
    page = _page(client.get("/"))
    assert '<html lang="en">' in page
    assert "Hello, 张同学" in page
    for label in [">Home</a>", ">My issues</a>", ">Answer wall</a>", "Raise an issue"]:
        assert label in page, label
    assert '<h2 class="card-title h5">Student ' in page
    assert "Nothing yet." in page
    assert "您好" not in page and "我的诉求" not in page


def test_user_menu_switches_language_and_returns_to_the_page(client_for):
    client = client_for("advisor_a")
    page = _page(client.get("/accounts/people/"))
    assert f'action="{reverse("set_language")}"' in page
    assert '<input type="hidden" name="next" value="/accounts/people/">' in page
    _switch(client, "en", "/accounts/people/")
    page = _page(client.get("/accounts/people/"))
    assert "<title>People · Tongxin</title>" in page and "Student/staff number" in page
    assert ">Audit log</a>" in page and ">Sign out</button>" in page


def test_home_of_each_role_in_english(client_for):
    client = client_for("advisor_a")
    page = _page(client.get("/", HTTP_ACCEPT_LANGUAGE="en"))
    assert '<h2 class="card-title h5">League advisor ' in page
    assert "2 colleges · " in page and "Organisation structure" in page
    page = _page(client_for("officer_a").get("/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Student union officer" in page and "· President</span>" in page
    assert "Union staff (1)" in page
    page = _page(client_for("secretary_a1").get("/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "1 class · 1 student" in page


def test_people_detail_in_english_shows_translated_choices(province, client_for):
    student = province.people["student_a"]
    page = _page(
        client_for("advisor_a").get(f"/accounts/people/{student.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    )
    for text in ["Political status", "Communist Youth League member", "Undergraduate or associate"]:
        assert text in page, text
    assert "present" in page


def test_error_pages_follow_the_language(client_for):
    response = client_for("student_a").get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and "Page not found (404)" in response.content.decode()
    with translation.override("en"):
        assert "Server error (500)" in loader.get_template("core/500.html").render()
    with translation.override(None):  # no language activated: LANGUAGE_CODE
        assert "服务器出错了（500）" in loader.get_template("core/500.html").render()


# --- The catalogue --------------------------------------------------------------------


def test_navigation_and_role_labels_all_have_english():
    groups = registered_navigation()
    labels = [group.label for group in groups] + [i.label for g in groups for i in g.items]
    for choices in (Role, Position, NodeKind, PoliticalStatus, StudentLevel, SchoolType):
        labels += [label for _value, label in choices.choices]
    with translation.override("en"):
        missing = [str(label) for label in labels if CJK.search(str(label))]
    assert missing == []


def _po_entries(path: Path) -> list[dict[str, str]]:
    """A small reader of the .po file: enough for what makemessages writes."""
    entries: list[dict[str, str]] = []
    entry: dict[str, str] = {}
    field = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, field = {}, ""
        elif line.startswith("#,"):
            entry["flags"] = line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += json.loads(line)
        else:
            field, _space, value = line.partition(" ")
            entry[field] = json.loads(value)
    return entries


def test_compiled_catalogue_matches_the_po_file():
    """CI has no msgfmt: the committed .mo must be compiled from the committed .po."""
    entries = _po_entries(CATALOGUE / "django.po")
    assert not [e for e in entries if "fuzzy" in e.get("flags", "")], "no fuzzy entries"
    with (CATALOGUE / "django.mo").open("rb") as mo:
        compiled = GNUTranslations(mo)
    translated = 0
    for e in entries:
        if not e["msgid"]:
            continue
        ctx = e.get("msgctxt")
        if "msgid_plural" in e:
            forms = [e["msgstr[0]"], e["msgstr[1]"]]
            if not all(forms):
                continue
            for n, expected in ((1, forms[0]), (2, forms[1])):
                got = (
                    compiled.npgettext(ctx, e["msgid"], e["msgid_plural"], n)
                    if ctx
                    else compiled.ngettext(e["msgid"], e["msgid_plural"], n)
                )
                assert got == expected, e["msgid"]
        else:
            if not e["msgstr"]:
                continue
            got = compiled.pgettext(ctx, e["msgid"]) if ctx else compiled.gettext(e["msgid"])
            assert got == e["msgstr"], f"django.mo is stale for {e['msgid']!r}: compilemessages"
        translated += 1
    assert translated >= 200
