"""Public lists walk an index on (published_at, status), with the id included on
PostgreSQL, instead of sorting and counting over the wide rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_technology_fields")]

    operations = [
        migrations.AddIndex(
            model_name="catalogueitem",
            index=models.Index(
                fields=["published_at", "status"], include=["id"], name="catalogue_published"
            ),
        ),
    ]
