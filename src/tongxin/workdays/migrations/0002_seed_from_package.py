from django.db import migrations


def seed(apps, schema_editor):
    from tongxin.workdays.seed import package_days, package_years

    CalendarYear = apps.get_model("workdays", "CalendarYear")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=d, is_workday=work, name=name) for d, work, name in package_days()],
        ignore_conflicts=True,
    )
    CalendarYear.objects.bulk_create(
        [CalendarYear(year=y, source="package") for y in package_years()], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
