"""A file can be withdrawn from an assessment and stays in its evidence history: the row keeps its
hash and says when and by whom it was withdrawn; the same bytes may then be attached again as a new
entry. A withdrawn entry is final: the database refuses any change to it (but the withdrawer's
account being deleted, which clears who withdrew it)."""

import django.db.models.deletion
import django.db.models.manager
from django.conf import settings
from django.db import migrations, models

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION assessments_log_withdrawn_final() RETURNS trigger AS $$
    BEGIN
      IF OLD.withdrawn_at IS NOT NULL AND (
        NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at
        OR NEW.stored_id IS DISTINCT FROM OLD.stored_id
        OR NEW.assessment_id IS DISTINCT FROM OLD.assessment_id
        OR NEW.name IS DISTINCT FROM OLD.name
        OR NEW.created_at IS DISTINCT FROM OLD.created_at
        OR NEW.log IS DISTINCT FROM OLD.log
        OR (NEW.withdrawn_by_id IS DISTINCT FROM OLD.withdrawn_by_id AND NEW.withdrawn_by_id IS NOT NULL)
      ) THEN
        RAISE EXCEPTION 'File % was withdrawn from assessment % and cannot be changed.',
          OLD.id, OLD.assessment_id USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER assessments_log_withdrawn_final
    BEFORE UPDATE ON assessments_creationlogfile
    FOR EACH ROW EXECUTE FUNCTION assessments_log_withdrawn_final()
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS assessments_log_withdrawn_final ON assessments_creationlogfile",
    "DROP FUNCTION IF EXISTS assessments_log_withdrawn_final()",
]
SQLITE = [
    """
    CREATE TRIGGER assessments_log_withdrawn_final
    BEFORE UPDATE ON assessments_creationlogfile
    FOR EACH ROW WHEN OLD.withdrawn_at IS NOT NULL AND (
      NEW.withdrawn_at IS NOT OLD.withdrawn_at OR NEW.stored_id IS NOT OLD.stored_id
      OR NEW.assessment_id IS NOT OLD.assessment_id OR NEW.name IS NOT OLD.name
      OR NEW.created_at IS NOT OLD.created_at OR NEW.log IS NOT OLD.log
      OR (NEW.withdrawn_by_id IS NOT OLD.withdrawn_by_id AND NEW.withdrawn_by_id IS NOT NULL))
    BEGIN SELECT RAISE(ABORT, 'This file was withdrawn and cannot be changed.'); END
    """,
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS assessments_log_withdrawn_final"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, None)  # no parameters: the % are plpgsql's

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0014_issued_versions_immutable"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="creationlogfile",
            options={
                "base_manager_name": "history",
                "default_manager_name": "objects",
                "ordering": ["created_at", "id"],
            },
        ),
        migrations.AlterModelManagers(
            name="creationlogfile",
            managers=[
                ("history", django.db.models.manager.Manager()),
                ("objects", django.db.models.manager.Manager()),
            ],
        ),
        migrations.RemoveConstraint(
            model_name="creationlogfile",
            name="log_file_once_per_assessment",
        ),
        migrations.AddField(
            model_name="creationlogfile",
            name="withdrawn_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When it was withdrawn from the assessment, if it was.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="creationlogfile",
            name="withdrawn_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Who withdrew it.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="creationlogfile",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=("assessment", "stored"),
                name="log_file_once_per_assessment",
            ),
        ),
        migrations.AddConstraint(
            model_name="creationlogfile",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("withdrawn_at__isnull", True),
                    ("withdrawn_at__gte", models.F("created_at")),
                    _connector="OR",
                ),
                name="log_file_withdrawn_after_attached",
            ),
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
