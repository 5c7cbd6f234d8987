"""What the disclosure's pages and its printed notice show: the window in words, the
public page's context, and the notice (core/printables/notice.py) built from the same
tables — so the paper cannot show more than the page."""

from typing import Any

from tongxin.core.authz import can
from tongxin.core.printables import DEMO_BANNER, Notice, Table, chinese_date
from tongxin.orgs.selectors import is_demo

from . import disclosure_selectors as selectors
from .models import Disclosure, DisclosureState


def year_label(year: int) -> str:
    return f"{year}—{year + 1}学年"


def title_of(disclosure: Disclosure) -> str:
    year = year_label(disclosure.assessment.academic_year)
    return f"{disclosure.school.name}{year}学生会组织改革自评情况公示"


def window_text(disclosure: Disclosure) -> str:
    return (
        f"公示期：{chinese_date(disclosure.opens_on)}至{chinese_date(disclosure.closes_on)}"
        f"（{disclosure.workdays}个工作日）"
    )


def objection_text(disclosure: Disclosure) -> str:
    return (
        "公示期内，本校同学和老师可登录“同心”平台在公示页面发表意见，"
        "经校团委审核后公开；也可向校团委反映。"
    )


def public_context(disclosure: Disclosure, user: Any, error: str = "", text: str = "") -> dict:
    """The public page: tables, window, approved comments (no authors); for a logged-in
    reader of the school also the form while open and their own comments not yet shown."""
    signed_in = bool(getattr(user, "is_authenticated", False))
    return {
        "d": disclosure,
        "title": title_of(disclosure),
        "window": window_text(disclosure),
        "is_open": disclosure.state == DisclosureState.OPEN,
        "levels": selectors.public_tables(disclosure),
        "comments": selectors.approved_comments(disclosure),
        "signed_in": signed_in,
        "may_comment": signed_in and can(user, "reform.comment_disclosure", disclosure),
        "may_moderate": signed_in and can(user, "reform.moderate_disclosure", disclosure),
        "mine": selectors.own_pending(disclosure, user),
        "error": error,
        "text": text,
    }


def notice_of(disclosure: Disclosure) -> Notice:
    """The printable notice (公示) of the disclosure: one table of every union's items."""
    tables = selectors.public_tables(disclosure)
    rows = []
    for level in tables:
        for union in level.unions:
            for line in union.lines:
                rows.append(
                    (union.name, f"{line.number}{line.mark}", line.short, line.verdict, line.remark)
                )
    intro = [
        f"根据学生会组织改革要求，现将{disclosure.school.name}"
        f"{year_label(disclosure.assessment.academic_year)}学生会组织改革自评情况予以公示，"
        "接受全校师生监督。"
    ]
    for level in tables if disclosure.show_names else []:
        for union in level.unions:
            if union.presidium:
                intro.append(f"{union.name}主席团成员：{'、'.join(union.presidium)}。")
    return Notice(
        title=title_of(disclosure),
        issuer=f"共青团{disclosure.school.name}委员会",
        intro=tuple(intro),
        table=Table(("学生会", "序号", "指标", "结论", "备注"), tuple(rows), (24, 10, 50, 12, 24)),
        starts=disclosure.opens_on,
        ends=disclosure.closes_on,
        objection=objection_text(disclosure),
        dated=disclosure.opens_on,
        period_note=f"{disclosure.workdays}个工作日",
        banner=DEMO_BANNER if is_demo() else "",
    )
