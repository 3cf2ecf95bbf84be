"""Importers: pure parsers that turn outside material into plain data.

Nothing here imports Django; the management commands build pages on top of:

* :mod:`pressroom.importer.parse` -- ``parse_release(bytes) -> ParsedRelease``
  for the plain-text release format, plus ``stable_key()`` to match re-imports;
* :mod:`pressroom.importer.wordpress` -- ``iter_wxr(path_or_file)``, a streaming
  reader of WordPress WXR exports;
* :mod:`pressroom.importer.html_blocks` -- ``html_to_blocks(html)``, WordPress
  post HTML to ``(block_type, value)`` pairs shaped like the release body
  StreamField.
"""
