from django.db import migrations

# PostgreSQL only (releases/fulltext.py, "PostgreSQL"): Wagtail matches
# ``title || body`` of its index entries, an expression none of its GIN indexes
# covers, so every search read every entry. With these two indexes the planner
# finds a rare word's entries in the GIN index and their releases by the text
# of their id, and walks the newest releases for a common word.
CREATE = [
    "CREATE INDEX IF NOT EXISTS releases_search_title_body_gin ON wagtailsearch_indexentry USING gin ((title || body))",
    "CREATE INDEX IF NOT EXISTS releases_page_ptr_text ON releases_pressreleasepage ((page_ptr_id::text))",
]
DROP = [
    "DROP INDEX IF EXISTS releases_search_title_body_gin",
    "DROP INDEX IF EXISTS releases_page_ptr_text",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("releases", "0005_fulltext"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
