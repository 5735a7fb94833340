"""Every case already under community correction gets its supervision record, built from its
reception and participants as `reception_register` builds it for new ones."""

from django.db import migrations


def _participant(case, capacity):
    row = case.participants.filter(capacity=capacity).first()
    return row.organisation_id if row else None


def forwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Reception = apps.get_model("supervision", "Reception")
    Supervision = apps.get_model("supervision", "Supervision")
    for case in Case.objects.filter(state="under_supervision", supervision__isnull=True):
        reception = Reception.objects.filter(case=case).first()
        cci = reception.institution_id if reception else _participant(case, "executing_cci")
        if cci is None:
            continue
        Supervision.objects.create(
            case=case,
            executing_cci_id=cci,
            deciding_organ_id=_participant(case, "decision_organ"),
            custodial_institution_id=_participant(case, "fileholder")
            or _participant(case, "institution"),
            ground_medical=case.ground_medical,
            ground_pregnancy=case.ground_pregnancy,
            ground_self_care=case.ground_self_care,
            expiry_date=case.sentence.expiry_date,
            opened_at=reception.received_at if reception else case.updated_at,
        )


class Migration(migrations.Migration):
    dependencies = [("supervision", "0002_supervision_and_condition_review")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
