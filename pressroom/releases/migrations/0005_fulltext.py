from django.db import migrations


def create(apps, schema_editor):
    """The readers' search tables (releases/fulltext.py), on SQLite with FTS5 only.

    They start empty: ``pressroom update_index`` fills them from the releases.
    """
    if schema_editor.connection.vendor != "sqlite":
        return
    from modelsearch.backends.database.sqlite.utils import fts5_available

    if not fts5_available():
        return
    from pressroom.releases.fulltext import CREATE

    for statement in CREATE:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from pressroom.releases.fulltext import DROP

    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("releases", "0004_newest_index"),
    ]

    operations = [migrations.RunPython(create, drop)]
