"""Find links in reader comments ("links are not allowed" policy).

Pure Python, no Django: the comments app calls :func:`find_links` /
:func:`has_link` and words the refusal itself.  A :class:`Link` carries a
span into the original text, a ``kind`` (``"url"``, ``"domain"``,
``"email"``, ``"ip"``, ``"markup"`` or ``"obfuscated"``) and a ``strength``:
``"strong"`` evidence of a link, or ``"weak"`` when only one of the policy's
ambiguous shapes speaks for it (``main.py``, ``Amazon.com``, ``left.Today``),
never a message.

>>> from pressroom.linkpolicy import find_links
>>> [(l.kind, l.text, l.strength) for l in find_links("See example.com에서, e.g. at 10.30")]
[('domain', 'example.com', 'strong')]
>>> [l.text for l in find_links("Run setup.sh, it is fine") if l.weak]
['setup.sh']
"""

from ._detect import Link, find_links, has_link

__all__ = ["Link", "find_links", "has_link"]
