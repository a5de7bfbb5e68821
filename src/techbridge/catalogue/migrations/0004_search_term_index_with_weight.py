"""The search index holds the weight too, so that matches and scores are read from the
index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_published_listing_index")]

    operations = [
        migrations.RemoveIndex(model_name="searchposting", name="catalogue_search_term"),
        migrations.AddIndex(
            model_name="searchposting",
            index=models.Index(fields=["term", "item", "weight"], name="catalogue_search_term"),
        ),
    ]
