"""Files for the attachment tests, built in memory: real images (one with EXIF and a GPS
position), a PDF, Word and Excel documents, and things that only pretend to be files."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tongxin.attachments import services
from tongxin.attachments.models import Attachment
from tongxin.rights.models import Issue
from tongxin.rights.tests.factories import submit
from tongxin.testing.province import TinyProvince

GPS_LATITUDE = (31.0, 14.0, 5.0)


def jpeg_with_gps(name: str = "现场.jpg", size: tuple[int, int] = (64, 48)) -> SimpleUploadedFile:
    """A JPEG whose EXIF names the camera and where it was taken."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x8825] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (121.0, 28.0, 0.0)}  # GPS IFD
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png_with_text(name: str = "图.png") -> SimpleUploadedFile:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "拍摄于宿舍 3 号楼")
    out = io.BytesIO()
    Image.new("RGBA", (20, 10), (0, 0, 255, 128)).save(out, format="PNG", pnginfo=info)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def webp(name: str = "图.webp") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), (0, 200, 0)).save(out, format="WEBP")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/webp")


def pdf(name: str = "说明.pdf", padding: int = 0) -> SimpleUploadedFile:
    data = b"%PDF-1.4\n1 0 obj<<>>endobj\n" + b"0" * padding + b"\n%%EOF\n"
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return out.getvalue()


def docx(name: str = "材料.docx", macro: bool = False) -> SimpleUploadedFile:
    members = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    if macro:
        members["word/vbaProject.bin"] = b"\x00"
    return SimpleUploadedFile(name, _zip(members), content_type="application/octet-stream")


def xlsx(name: str = "统计.xlsx") -> SimpleUploadedFile:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/octet-stream")


def plain_zip(name: str = "打包.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _zip({"a.txt": b"hello"}), content_type="application/zip")


def fake(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def issue_of(p: TinyProvince, **kwargs: object) -> Issue:
    """A fresh issue of student A's (school A's union holds it): its readers are student A,
    officer A and advisor A."""
    return submit(p, **kwargs)  # type: ignore[arg-type]


def attached(p: TinyProvince, issue: Issue, persona: str = "student_a") -> Attachment:
    return services.attachment_upload(actor=p.people[persona], subject=issue, upload=pdf())
