"""Documents issued before issue 13 get the case they were issued on, so the dossier reader
lists them (`supervision.document_subjects`)."""

from django.db import migrations


def backfill(apps, schema_editor):
    from supervision.document_subjects import document_subjects_backfill

    document_subjects_backfill(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0010_merge_issue_12_parts"),
        ("documents", "0002_document_subject"),
        ("approvals", "0010_decisions_of_a_case"),
        ("cases", "0011_merge_0010_organs_0010_reader"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
