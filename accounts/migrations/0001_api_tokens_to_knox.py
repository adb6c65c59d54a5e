"""Tokens issued before API tokens expired (DRF's plain-text tokens) are carried into knox's
hashed table, each valid for the configured lifetime from this migration, then deleted: a script
that holds one keeps working until then, and no token is stored in the clear any longer."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS

    Token = apps.get_model("authtoken", "Token")
    AuthToken = apps.get_model("knox", "AuthToken")
    expiry = timezone.now() + settings.REST_KNOX["TOKEN_TTL"]
    for old in Token.objects.all():
        AuthToken(
            digest=hash_token(old.key),
            token_key=old.key[: CONSTANTS.TOKEN_KEY_LENGTH],
            user_id=old.user_id,
            expiry=expiry,
        ).save()
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("authtoken", "0004_alter_tokenproxy_options"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
