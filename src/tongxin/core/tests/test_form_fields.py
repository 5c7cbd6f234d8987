"""The one way to render a field ({% field %}) and the error summary ({% error_summary %})."""

from django import forms
from django.template import Context, Template

from tongxin.core.forms import TextBoxField, TxForm


class NoteForm(TxForm):
    note = TextBoxField(label="答复内容", max_length=10)
    kind = forms.ChoiceField(label="类别", choices=[("", "请选择"), ("a", "甲"), ("b", "乙")])
    agree = forms.BooleanField(label="同意", required=False)
    mood = forms.ChoiceField(
        label="评价", choices=[("good", "满意"), ("bad", "不满意")], widget=forms.RadioSelect
    )


def _render(source: str, **context: object) -> str:
    return Template("{% load tx_forms %}" + source).render(Context(context))


def test_a_too_long_text_names_the_field_in_chinese_with_the_limit_and_the_count() -> None:
    form = NoteForm({"note": "一二三四五六七八九十多两", "kind": "a", "mood": "good"})
    assert not form.is_valid()
    assert form.errors["note"] == ["最多 10 字（现有 12 字）。"]
    html = _render("{% error_summary form %}", form=form)
    assert '<a class="alert-link" href="#id_note">答复内容：最多 10 字（现有 12 字）。</a>' in html
    assert 'role="alert"' in html and 'tabindex="-1"' in html and "data-error-summary" in html


def test_blank_fields_get_chinese_messages() -> None:
    form = NoteForm({})
    assert not form.is_valid()
    assert form.errors["note"] == ["请填写此项。"]
    assert form.errors["kind"] == ["请选择此项。"] and form.errors["mood"] == ["请选择此项。"]


def test_a_bad_field_keeps_its_text_and_points_at_its_message_and_counter() -> None:
    form = NoteForm({"note": "太长了" * 5, "kind": "b", "mood": "bad"})
    form.is_valid()
    html = _render("{% field form.note %}", form=form)
    assert 'aria-invalid="true"' in html and "is-invalid" in html
    assert 'aria-describedby="id_note-error id_note-count"' in html
    assert 'maxlength="10"' in html and 'data-counter="id_note-count"' in html
    assert ">\n太长了太长了太长了太长了太长了</textarea>" in html
    assert '<div class="invalid-feedback d-block" id="id_note-error">最多 10 字' in html
    assert "已输入 <span data-count>15</span> / 10 字" in html
    assert '<label class="form-label " for="id_note">答复内容</label>' in html


def test_a_valid_field_is_not_marked_and_keeps_its_choice() -> None:
    form = NoteForm({"note": "好", "kind": "b", "mood": "bad"})
    form.is_valid()
    select = _render("{% field form.kind %}", form=form)
    assert "aria-invalid" not in select and "is-invalid" not in select
    assert '<option value="b" selected>乙</option>' in select
    radios = _render("{% field form.mood %}", form=form)
    assert '<fieldset class="mb-3" id="id_mood" tabindex="-1">' in radios
    assert "<legend" in radios and radios.count('type="radio"') == 2
    bad = radios[radios.index('value="bad"') : radios.index('for="id_mood_1"')]
    assert 'class="form-check-input"' in bad and "checked" in bad


def test_radio_errors_are_described_on_the_fieldset() -> None:
    form = NoteForm({"note": "好", "kind": "b"})
    form.is_valid()
    radios = _render("{% field form.mood %}", form=form)
    assert 'aria-describedby="id_mood-error"' in radios
    assert radios.count('aria-invalid="true"') == 2


def test_a_text_box_counts_a_line_break_as_the_browser_does() -> None:
    form = NoteForm({"note": "一\r\n二\r\n三\r\n四\r\n五", "kind": "a", "mood": "good"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["note"] == "一\n二\n三\n四\n五"


def test_an_own_message_of_a_form_is_kept() -> None:
    class Own(TxForm):
        title = forms.CharField(label="标题", error_messages={"required": "请填写标题。"})

    assert Own({}).errors["title"] == ["请填写标题。"]
