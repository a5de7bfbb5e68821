"""The initial technology-field taxonomy (the forum topics and their subfields, in three
languages). Organisers edit it in the back office afterwards."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "technology_fields.json"


def load_fields(apps, schema_editor):
    TechnologyField = apps.get_model("catalogue", "TechnologyField")
    for position, root in enumerate(json.loads(DATA.read_text(encoding="utf-8"))):
        parent, _created = TechnologyField.objects.get_or_create(
            code=root["code"], defaults={"names": root["names"], "position": position}
        )
        for child_position, child in enumerate(root.get("children", [])):
            TechnologyField.objects.get_or_create(
                code=child["code"],
                defaults={"names": child["names"], "position": child_position, "parent": parent},
            )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(load_fields, migrations.RunPython.noop)]
