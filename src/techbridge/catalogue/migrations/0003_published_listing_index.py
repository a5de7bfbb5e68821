"""Public lists walk an index on (published_at, status) instead of sorting every
published row."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_technology_fields")]

    operations = [
        migrations.AddIndex(
            model_name="catalogueitem",
            index=models.Index(fields=["published_at", "status"], name="catalogue_published"),
        ),
    ]
