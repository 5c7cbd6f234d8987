"""Candidacy and Objection on the shared notice piece (tongxin.workflow.notice).

Only the models' state changes: `paused_at` is named `notice_paused_at` like the piece's
other fields, and keeps its column; `notice_days_left` gains a label. No SQL, no row
rewritten."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("selection", "0002_candidacyevent_rescheduled"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField(
                    model_name="candidacy", old_name="paused_at", new_name="notice_paused_at"
                ),
                migrations.AlterField(
                    model_name="candidacy",
                    name="notice_paused_at",
                    field=models.DateTimeField(
                        blank=True, db_column="paused_at", null=True, verbose_name="公示暂停于"
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterField(
            model_name="candidacy",
            name="notice_days_left",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="尚需公示（工作日）"
            ),
        ),
    ]
