"""The delegate list as a printable public notice (core/printables `notice`)."""

from django.utils import timezone

from tongxin.core.printables import Notice, Table, notice_pdf
from tongxin.workdays.calendar import local_zone

from .models import DelegateList, DelegateListState


def delegate_list_pdf(delegate_list: DelegateList) -> bytes:
    """The names by unit, the notice's period and how to object; a confirmed list says so."""
    union, session = delegate_list.union, delegate_list.session
    members = delegate_list.members.select_related("user", "unit").order_by(
        "unit__name", "unit_id", "user__number"
    )
    rows = tuple(
        (str(i), m.user.real_name, m.unit.name, m.user.number, "是" if m.is_officer else "否")
        for i, m in enumerate(members, start=1)
    )
    zone = local_zone()
    started = delegate_list.notice_started_at or timezone.now()
    ends = delegate_list.notice_ends_at or delegate_list.confirmed_at or started
    confirmed = delegate_list.state == DelegateListState.CONFIRMED
    how = "差额选举" if delegate_list.election_held else "推选"
    intro = [
        f"根据{union.name}第{session.number}次学生代表大会的筹备安排，"
        f"经各单位按名额{how}产生代表 {len(rows)} 名，现予公示。"
    ]
    if confirmed and delegate_list.term_end:
        intro.append(f"公示期满，名单已确认，代表任期至{delegate_list.term_end:%Y年%-m月%-d日}。")
    return notice_pdf(
        Notice(
            title=f"{union.name}第{session.number}次学生代表大会代表名单公示",
            issuer=union.name,
            intro=tuple(intro),
            table=Table(
                ("序号", "姓名", "所在单位", "学号", "学生会工作人员"),
                rows,
                widths=(0.6, 1.2, 2.2, 1.4, 1.2),
            ),
            starts=started.astimezone(zone).date(),
            ends=ends.astimezone(zone).date(),
            period_note=f"{delegate_list.notice_workdays or 0}个工作日",
            objection="如有异议，请于公示期内在同心平台“代表名单”页面实名提出，校团委核查后书面答复。",
            dated=started.astimezone(zone).date(),
        )
    )
