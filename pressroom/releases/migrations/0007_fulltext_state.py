from django.db import migrations


def create(apps, schema_editor):
    """Whether the readers' search table holds every release (releases/fulltext.py).

    On a new site there is nothing to hold yet: complete. On a site that had
    releases before the table existed (migration 0005 makes it empty), not
    until ``pressroom update_index`` or ``bootstrap`` fills it; until then
    readers' searches go through Wagtail's index.
    """
    if schema_editor.connection.vendor != "sqlite":
        return
    from pressroom.releases.fulltext import CREATE_STATE, FTS, STATE

    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS])
        if cursor.fetchone() is None:  # no FTS5 in this SQLite: no table of ours
            return
        cursor.execute(CREATE_STATE)
        cursor.execute(
            f"INSERT OR REPLACE INTO {STATE} (id, complete) "
            "VALUES (1, NOT EXISTS (SELECT 1 FROM releases_pressreleasepage))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from pressroom.releases.fulltext import STATE

        schema_editor.execute(f"DROP TABLE IF EXISTS {STATE}")


class Migration(migrations.Migration):

    dependencies = [
        ("releases", "0006_postgres_search_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]
