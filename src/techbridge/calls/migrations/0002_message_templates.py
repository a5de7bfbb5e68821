"""The default decision messages in Chinese, Russian and English (organisers edit them)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "message_templates.json"


def create_templates(apps, schema_editor):
    MessageTemplate = apps.get_model("calls", "MessageTemplate")
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        MessageTemplate.objects.get_or_create(
            kind=row["kind"],
            language=row["language"],
            defaults={"subject": row["subject"], "body": row["body"]},
        )


class Migration(migrations.Migration):
    dependencies = [("calls", "0001_initial")]

    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
