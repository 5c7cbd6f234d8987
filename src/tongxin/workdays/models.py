"""The working-day calendar (工作日历): public holidays and make-up working days.

Only the exceptions to "Monday to Friday" are stored. A year is known once its row in
CalendarYear exists; the `chinesecalendar` package seeds the years it knows, and the
federation admin enters each new year when the State Council publishes it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):  # 已录入的年度
    class Source(models.TextChoices):
        PACKAGE = "package", _("内置数据（chinesecalendar）")
        ADMIN = "admin", _("学联管理员录入")

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):  # 节假日或调休上班日
    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(
        _("上班"), help_text=_("调休上班的周末为“是”；放假的工作日为“否”。")
    )
    name = models.CharField(_("名称"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("特殊日期")
        verbose_name_plural = _("特殊日期")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'上班' if self.is_workday else '放假'}"
