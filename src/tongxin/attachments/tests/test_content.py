"""What a file is comes from its bytes; pictures come out without EXIF, GPS or text."""

import io

import pytest
from PIL import Image

from tongxin.attachments import content
from tongxin.attachments.models import Kind
from tongxin.core.errors import DomainError

from .factories import docx, fake, jpeg_with_gps, pdf, plain_zip, png_with_text, webp, xlsx


def _image(checked: content.Checked) -> Image.Image:
    return Image.open(io.BytesIO(checked.content.read()))


def test_a_jpeg_loses_its_exif_and_gps_position():
    upload = jpeg_with_gps()
    with Image.open(upload) as original:
        assert original.getexif().get_ifd(0x8825), "the fixture should carry a GPS position"
    checked = content.check(upload)
    assert checked.kind == Kind.JPEG and (checked.width, checked.height) == (64, 48)
    data = checked.content.read()
    assert b"Exif" not in data and b"TestCam" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG"
        assert len(stored.getexif()) == 0 and "exif" not in stored.info


def test_a_png_keeps_transparency_but_not_its_text():
    checked = content.check(png_with_text())
    with _image(checked) as stored:
        assert stored.format == "PNG" and stored.mode == "RGBA"
        assert "Comment" not in stored.info


def test_webp_stays_webp():
    with _image(content.check(webp())) as stored:
        assert stored.format == "WEBP"


def test_large_pictures_are_scaled_down():
    checked = content.check(jpeg_with_gps(size=(content.MAX_SIDE * 2, 100)))
    assert checked.width == content.MAX_SIDE


@pytest.mark.parametrize(
    ("upload", "kind"),
    [(pdf(), Kind.PDF), (docx(), Kind.DOCX), (xlsx(), Kind.XLSX)],
    ids=["pdf", "docx", "xlsx"],
)
def test_documents_are_kept_byte_for_byte(upload, kind):
    original = upload.read()
    checked = content.check(upload)
    assert checked.kind == kind and checked.content.read() == original


def test_the_kind_comes_from_the_bytes_not_the_name():
    assert content.check(pdf(name="照片.jpg")).kind == Kind.PDF


@pytest.mark.parametrize(
    "upload",
    [
        fake("病毒.exe", b"MZ\x90\x00 not a picture"),
        fake("网页.jpg", b"<html><script>alert(1)</script></html>"),
        plain_zip(),
        docx(name="宏.docx", macro=True),
        fake("空.pdf", b""),
    ],
    ids=["exe", "html named jpg", "zip", "docx with macros", "empty"],
)
def test_other_files_are_refused_naming_the_file(upload):
    with pytest.raises(DomainError) as refused:
        content.check(upload)
    assert f"文件“{upload.name}”的类型不受支持" in refused.value.message
    assert refused.value.field == "file"


def test_a_broken_picture_is_refused_naming_it():
    with pytest.raises(DomainError, match=r"图片“坏\.jpg”无法读取"):
        content.check(fake("坏.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64))


def test_a_picture_with_too_many_pixels_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(content, "MAX_PIXELS", 100)
    with pytest.raises(DomainError, match="无法读取"):
        content.check(jpeg_with_gps())


def test_size_limits_are_settings(settings):
    settings.ATTACHMENT_MAX_BYTES = {"image": 10 * 1024 * 1024, "document": 1024 * 1024}
    assert content.check(pdf(padding=1024 * 1024 - 100)).kind == Kind.PDF
    with pytest.raises(DomainError, match=r"文件“大\.pdf”超过 1 MB"):
        content.check(pdf(name="大.pdf", padding=1024 * 1024))
