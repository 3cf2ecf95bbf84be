"""Find links in reader comments ("links are not allowed" policy).

Pure Python, no Django: the comments app calls :func:`has_link` /
:func:`find_links` and words the refusal itself.  A :class:`Link` carries a
span into the original text and a ``kind`` (``"url"``, ``"domain"``,
``"email"``, ``"ip"``, ``"markup"`` or ``"obfuscated"``), never a message.

>>> from pressroom.linkpolicy import find_links
>>> [(l.kind, l.text) for l in find_links("See example.com에서, e.g. at 10.30")]
[('domain', 'example.com')]
"""

from ._detect import Link, find_links, has_link

__all__ = ["Link", "find_links", "has_link"]
