"""The proposal book (提案汇编) of a session: every published proposal with its proposers,
category, content, the committee's decision, the offices, the reply, the result class and the
ratings — as a PDF (core/printables Book, the embedded Chinese font) and as Excel (openpyxl).

The rows are proposal_publish.book_proposals (one query plus four prefetches, whatever the
number of proposals: a session has a few dozen, a large school's a few hundred)."""

import datetime
import io
from dataclasses import dataclass

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from tongxin.core.printables import Book, Section, Table, book_pdf
from tongxin.workdays.calendar import local_zone

from .models import Session
from .proposal_models import Proposal, ProposalState, SignerRole, SignerStatus
from .proposal_publish import book_proposals


@dataclass(frozen=True)
class BookEntry:
    number: str
    title: str
    category: str
    state: str
    lead: str
    cosigners: str
    co_proposers: str
    background: str
    analysis: str
    suggestion: str
    decision: str
    offices: str
    reply: str
    inputs: str
    result_class: str
    ratings: str


def _name(user: object) -> str:
    return getattr(user, "real_name", "") or getattr(user, "username", "")


def _decision(p: Proposal) -> str:
    if p.state == ProposalState.SUBMITTED:
        return "待审查"
    if p.state == ProposalState.NOT_ACCEPTED:
        text = f"不予立案：{p.get_ground_display()}"
        if p.decision_note:
            text += f"。{p.decision_note}"
        if p.forwarded_to is not None:
            text += f"（已转{p.forwarded_to.name}参考）"
        return text
    if p.state == ProposalState.MERGED:
        target = p.merged_into
        if target is None:
            return "已并案"
        number = f"第 {target.number} 号" if target.number else ""
        return f"并入{number}《{target.title}》"
    text = "立案"
    if p.deadline_kind:
        text += f"，{p.get_deadline_kind_display()}"
    return text


def entry_of(p: Proposal) -> BookEntry:
    """One proposal as the book prints it (prefetched signers, ratings, inputs, co-offices)."""
    signers = list(p.signers.all())
    cosigners = [
        _name(s.user)
        for s in signers
        if s.role == SignerRole.COSIGNER and s.status == SignerStatus.CONFIRMED
    ]
    co_proposers = [_name(s.user) for s in signers if s.role == SignerRole.CO_PROPOSER]
    offices = ""
    if p.lead_office is not None:
        co = [o.name for o in p.co_offices.all()]
        offices = f"{p.lead_office.name}（牵头）" + "".join(f"、{name}" for name in co)
    ratings = "；".join(
        f"{_name(r.user)}{'（领衔人）' if r.is_lead else ''}："
        f"{r.get_rating_display()}{'（再次答复后）' if r.round else ''}"
        for r in p.ratings.all()
    )
    inputs = "；".join(f"{i.office.name}：{i.text}" for i in p.inputs.all())
    return BookEntry(
        number=str(p.number or ""),
        title=p.title,
        category=p.get_category_display(),
        state=p.get_state_display(),
        lead=_name(p.lead),
        cosigners="、".join(cosigners),
        co_proposers="、".join(co_proposers),
        background=p.background,
        analysis=p.analysis,
        suggestion=p.suggestion,
        decision=_decision(p),
        offices=offices,
        reply=p.answer,
        inputs=inputs,
        result_class=p.get_result_class_display() if p.result_class else "",
        ratings=ratings,
    )


def book_entries(session: Session) -> list[BookEntry]:
    return [entry_of(p) for p in book_proposals(session)]


def book_title(session: Session) -> str:
    return f"{session.union.name}第{session.number}次学生代表大会提案汇编"


def _section(e: BookEntry) -> Section:
    proposers = f"领衔人：{e.lead}"
    if e.cosigners:
        proposers += f"；附议人：{e.cosigners}"
    if e.co_proposers:
        proposers += f"；并案提案人：{e.co_proposers}"
    paragraphs = [f"类别：{e.category}　状态：{e.state}", proposers]
    for label, text in (("背景", e.background), ("分析", e.analysis), ("具体建议", e.suggestion)):
        if text:
            paragraphs.append(f"{label}：{text}")
    paragraphs.append(f"审查意见：{e.decision}")
    if e.offices:
        paragraphs.append(f"承办部门：{e.offices}")
    if e.reply:
        head = f"答复（{e.result_class}）" if e.result_class else "答复"
        paragraphs.append(f"{head}：{e.reply}")
    if e.inputs:
        paragraphs.append(f"协办意见：{e.inputs}")
    if e.ratings:
        paragraphs.append(f"评价：{e.ratings}")
    number = f"第 {e.number} 号　" if e.number else ""
    return Section(f"{number}{e.title}", tuple(paragraphs))


def book_pdf_of(session: Session, now: datetime.datetime | None = None) -> bytes:
    entries = book_entries(session)
    overview = Table(
        ("编号", "案由", "类别", "领衔人", "状态", "办理结果"),
        tuple(
            (e.number, e.title, e.category, e.lead, e.state, e.result_class or "—") for e in entries
        ),
        widths=(0.6, 3.0, 1.0, 1.0, 1.2, 1.2),
    )
    intro = Section(
        "目录",
        (f"本汇编收录已提交的提案 {len(entries)} 件。",),
        table=overview if entries else None,
    )
    sections = (intro, *(_section(e) for e in entries))
    day = (now or timezone.now()).astimezone(local_zone()).date()
    return book_pdf(
        Book(
            title=book_title(session),
            subtitle="提案汇编",
            issuer=session.union.name,
            dated=day,
            sections=sections,
        )
    )


HEADER = [
    "编号",
    "案由",
    "类别",
    "状态",
    "领衔人",
    "附议人",
    "并案提案人",
    "背景",
    "分析",
    "具体建议",
    "审查意见",
    "承办部门",
    "答复",
    "协办意见",
    "办理结果",
    "评价",
]
WIDTHS = [6, 28, 10, 14, 10, 20, 14, 30, 30, 40, 30, 24, 40, 30, 14, 30]


def book_xlsx_of(session: Session) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "提案汇编"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for e in book_entries(session):
        sheet.append(
            [
                int(e.number) if e.number else None,
                e.title,
                e.category,
                e.state,
                e.lead,
                e.cosigners,
                e.co_proposers,
                e.background,
                e.analysis,
                e.suggestion,
                e.decision,
                e.offices,
                e.reply,
                e.inputs,
                e.result_class,
                e.ratings,
            ]
        )
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
