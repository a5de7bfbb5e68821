"""The listing index also holds the organisation, so that lists filtered by country or
organisation type are walked and counted without reading the wide rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_search_term_index_with_weight")]

    operations = [
        migrations.RemoveIndex(model_name="catalogueitem", name="catalogue_published"),
        migrations.AddIndex(
            model_name="catalogueitem",
            index=models.Index(
                fields=["published_at", "status", "organisation"],
                include=["id"],
                name="catalogue_published",
            ),
        ),
    ]
