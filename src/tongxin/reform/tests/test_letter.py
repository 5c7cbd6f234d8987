"""The feedback letter (反馈函) to the school's Party committee: issued by the province once
the rating is confirmed, numbered 〔year〕n号, and its PDF (GB/T 9704 letter layout) carries
the title, the addressee, the failed indicator with its remark and the required action."""

import pytest
from django.utils import timezone

from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.core.tests.printables.reading import pdf_text

from ..letter_print import feedback_letter_pdf
from ..models import FeedbackLetter
from ..services.letter import letter_issue
from ..services.rating import rating_propose
from .rating_world import assessed, congress_result, rated, scale

pytestmark = pytest.mark.django_db


def test_no_letter_before_the_rating_is_confirmed(province):
    a = assessed(province, "confirmed")
    rating_propose(
        actor=province.city_staff_1,
        assessment=a,
        scale=scale(),
        grade="excellent",
        note="",
        expected_version=0,
    )
    with pytest.raises(DomainError) as refused:
        letter_issue(actor=province.province_admin, assessment=a)
    assert "确认评定后" in refused.value.message
    assert not FeedbackLetter.objects.exists()


@pytest.mark.parametrize("persona", ["city_staff_1", "advisor_a"])
def test_only_the_province_issues_the_letter(province, persona):
    a = rated(province)
    with pytest.raises(NotAllowed):
        letter_issue(actor=province.people[persona], assessment=a)


def test_the_letters_pdf_names_title_addressee_and_the_failed_indicator_with_its_remark(
    province,
):
    a = rated(province)
    letter = letter_issue(
        actor=province.province_admin, assessment=a, extra="请于年底前报送整改报告。"
    )
    year = timezone.localdate().year
    assert letter.number == f"测试省学联函〔{year}〕1号"
    assert letter.addressee == "甲大学党委"
    text = pdf_text(feedback_letter_pdf(letter, "甲大学")).replace("\n", "")
    remark = congress_result(province).remark
    assert remark.startswith("召开时间：")
    for expected in (
        letter.title,
        "甲大学党委：",
        letter.number,
        "一市学联审核",
        "评定为“合格”",
        f"甲大学学生会：11.★代表大会（{remark}），未达标。",
        "甲大学学生会第11项：按期规范召开学生代表大会（核心指标，列入整改事项",
        "请于年底前报送整改报告。",
        "抄送：共青团甲大学委员会。",
    ):
        assert expected in text, expected
    assert text.count("测试省学联") >= 2  # letterhead and signature
    assert AuditEvent.objects.get(action="reform.letter.issued").data["number"] == letter.number


def test_a_second_letter_is_refused_and_numbers_run_on(province):
    a = rated(province)
    letter_issue(actor=province.province_admin, assessment=a)
    with pytest.raises(DomainError):
        letter_issue(actor=province.province_admin, assessment=a)
    assert FeedbackLetter.objects.count() == 1
