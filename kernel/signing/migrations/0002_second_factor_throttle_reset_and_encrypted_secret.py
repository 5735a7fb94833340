"""Signing factors: wrong-code throttling, administrators' recorded resets, and the TOTP
secret encrypted at rest (the plaintext column is encrypted, then dropped)."""

import django.db.models.deletion
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.db import migrations, models


def _cipher() -> MultiFernet:
    keys = [k.strip() for k in str(settings.TEOP_OTP_ENCRYPTION_KEY).split(",") if k.strip()]
    return MultiFernet([Fernet(k) for k in keys])


def encrypt_plaintext_secrets(apps, schema_editor):
    SecondFactor = apps.get_model("signing", "SecondFactor")
    cipher = _cipher()
    for factor in SecondFactor.objects.all().only("pk", "secret"):
        token = cipher.encrypt(factor.secret.encode()).decode()
        SecondFactor.objects.filter(pk=factor.pk).update(secret_ciphertext=token)


def decrypt_to_plaintext(apps, schema_editor):
    SecondFactor = apps.get_model("signing", "SecondFactor")
    cipher = _cipher()
    for factor in SecondFactor.objects.all().only("pk", "secret_ciphertext"):
        plain = cipher.decrypt(factor.secret_ciphertext.encode()).decode()
        SecondFactor.objects.filter(pk=factor.pk).update(secret=plain)


class Migration(migrations.Migration):
    dependencies = [
        ("signing", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="secondfactor",
            name="secret_ciphertext",
            field=models.TextField(default="", verbose_name="secret (encrypted)"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="secondfactor",
            name="secret",
            field=models.CharField(blank=True, max_length=64, verbose_name="secret (base32)"),
        ),
        migrations.RunPython(encrypt_plaintext_secrets, decrypt_to_plaintext, elidable=False),
        migrations.RemoveField(model_name="secondfactor", name="secret"),
        migrations.AddField(
            model_name="secondfactor",
            name="failed_attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="wrong codes in a row"),
        ),
        migrations.AddField(
            model_name="secondfactor",
            name="failure_window_started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="first wrong code at"),
        ),
        migrations.AddField(
            model_name="secondfactor",
            name="locked_until",
            field=models.DateTimeField(blank=True, null=True, verbose_name="locked until"),
        ),
        migrations.CreateModel(
            name="SecondFactorReset",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reason", models.TextField(verbose_name="reason")),
                ("reset_at", models.DateTimeField(verbose_name="reset at")),
                (
                    "factor_was_confirmed",
                    models.BooleanField(default=False, verbose_name="the factor was confirmed"),
                ),
                (
                    "reset_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="second_factor_resets_made",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reset by",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="second_factor_resets",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "second-factor reset",
                "verbose_name_plural": "second-factor resets",
                "ordering": ["-reset_at", "-id"],
            },
        ),
    ]
