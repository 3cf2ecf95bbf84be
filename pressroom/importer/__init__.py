"""Importers: pure parsers that turn outside material into plain data.

These parsers import nothing from Django:

* :mod:`pressroom.importer.parse` -- ``parse_release(bytes) -> ParsedRelease``
  for the plain-text release format, plus ``stable_key()`` to match re-imports;
* :mod:`pressroom.importer.wordpress` -- ``iter_wxr(path_or_file)``, a streaming
  reader of WordPress WXR exports;
* :mod:`pressroom.importer.html_blocks` -- ``html_to_blocks(html)``, WordPress
  post HTML to ``(block_type, value)`` pairs shaped like the release body
  StreamField.

On top of them, with Django: :mod:`.services` writes pages, authors,
settings, redirects and comments; the management commands and the admin's
"Import release" (:mod:`.views`, :mod:`.forms`, :mod:`.wagtail_hooks`) only
read input and report, both through ``services.import_parsed_release``.
"""
