# An identity number is unique per institution, not nationally (issue #9 item 3): a clerk
# registering a person never learns that another organisation holds a record of the number.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_alter_case_state_alter_caseparticipant_capacity_and_more"),
    ]

    operations = [
        migrations.AlterField(
            model_name="offender",
            name="id_number",
            field=models.CharField(max_length=18, verbose_name="resident identity number"),
        ),
        migrations.AddIndex(
            model_name="offender",
            index=models.Index(fields=["id_number"], name="offender_id_number_idx"),
        ),
        migrations.AddConstraint(
            model_name="offender",
            constraint=models.UniqueConstraint(
                fields=("custodian", "id_number"),
                name="uniq_offender_id_number_per_custodian",
                violation_error_message=(
                    "This person is already registered at your institution: search the "
                    "offender list for the identity number."
                ),
            ),
        ),
    ]
