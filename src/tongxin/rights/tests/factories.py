"""Rights-desk test helpers: an issue walked to any state through the real services."""

from typing import Any

from django.test import TestCase

from tongxin.rights import services
from tongxin.rights.models import Issue, IssueCategory, Status
from tongxin.testing.province import TinyProvince


def category(name: str = "食堂餐饮") -> IssueCategory:
    return IssueCategory.objects.get(name=name)


def submit(p: TinyProvince, *, student: str = "student_a", **kwargs: Any) -> Issue:
    fields: dict[str, Any] = {
        "category": category(kwargs.pop("category_name", "食堂餐饮")),
        "title": "二食堂晚餐涨价",
        "description": "二食堂晚餐套餐从 12 元涨到 15 元，没有任何通知。",
        "place": "二食堂",
        "publication_consent": True,
    }
    fields.update(kwargs)
    # The similar-issues index and the officers' notifications follow the commit; tests
    # run inside a transaction that never commits, so run them as the commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.issue_submit(actor=p.people[student], **fields)


def fresh(issue: Issue) -> Issue:
    return Issue.objects.get(pk=issue.pk)


def walk(p: TinyProvince, to: str, **kwargs: Any) -> Issue:
    """Submit an issue and move it along the happy path until it reaches status `to`."""
    issue = submit(p, **kwargs)
    officer = p.officer_a
    steps = [
        (
            Status.ACCEPTED,
            lambda i: services.issue_accept(
                actor=officer, issue=i, expected_version=i.version, reply="已收到，正在核实。"
            ),
        ),
        (
            Status.REFERRED,
            lambda i: services.issue_refer(
                actor=officer,
                issue=i,
                expected_version=i.version,
                lead_office=p.logistics_office_a,
                co_offices=[],
            ),
        ),
        (
            Status.ANSWERED,
            lambda i: services.issue_office_answer(
                actor=p.handler_a,
                issue=i,
                expected_version=i.version,
                answer="经核实，已恢复原价。",
            ),
        ),
        (
            Status.FED_BACK,
            lambda i: services.issue_feed_back(
                actor=officer,
                issue=i,
                expected_version=i.version,
                feedback="食堂已恢复 12 元套餐。",
            ),
        ),
        (
            Status.CLOSED,
            lambda i: services.issue_rate(
                actor=p.student_a, issue=i, expected_version=i.version, rating="satisfied"
            ),
        ),
    ]
    for status, step in steps:
        if issue.status == to:
            break
        issue = step(fresh(issue))
        assert issue.status == status
    return fresh(issue)


def tiny_jpeg(exif_gps: bool = True) -> Any:
    """A small real JPEG, with EXIF (camera and GPS tags) unless told otherwise."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    if exif_gps:
        exif[0x010F] = "TestCam"  # Make
        exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0)}  # GPS IFD: latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


def rights_world(p: TinyProvince) -> TinyProvince:
    """Issues placed for reach checks: referred to school A's logistics office, held by
    college union A1, anonymous, escalated to the city, and one in school B."""
    from tongxin.rights.models import CategoryRoute

    referred = walk(p, Status.REFERRED, photo_files=[tiny_jpeg()])
    CategoryRoute.objects.create(school=p.school_a, category=category("宿舍与水电"))
    in_college = submit(p, category_name="宿舍与水电", title="宿舍热水不稳定")
    CategoryRoute.objects.all().delete()
    anonymous = submit(p, anonymous=True, title="宿管态度恶劣")
    escalated = submit(p, title="图书馆座位被长期占用")
    Issue.objects.filter(pk=escalated.pk).update(escalated_to_city=True, escalation_level=4)
    school_b = submit(p, student="student_b", title="乙学院食堂卫生")
    p.issues = {
        "referred": referred,
        "college_a1": in_college,
        "anonymous": anonymous,
        "escalated": fresh(escalated),
        "school_b": school_b,
    }
    return p
