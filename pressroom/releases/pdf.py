"""Each release's PDF, rendered once per published revision, language and site
generation, and kept on disk in ``var/pdf/``.

WeasyPrint takes seconds of CPU for a page, so a release that goes viral must
not render once per reader: the first request renders under an exclusive lock
(``fcntl.flock`` on a per-release lock file), and every request that waited
for it, or comes later, reads the file. The key holds the release's live
revision, its language and the site generation (the footer's organization
settings and the author's name come from outside the revision), so a stale file
is never served; older files of the release are removed when a new one is written.
"""

import fcntl
import logging
import os
from pathlib import Path

from django.conf import settings

logger = logging.getLogger("pressroom.releases")


def pdf_dir():
    return Path(settings.VAR_DIR) / "pdf"


def cached_pdf(page, language, generation, render):
    """The PDF bytes of ``page``: from disk, or ``render()`` once, whoever asks at the same time."""
    directory = pdf_dir()
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{page.pk}-{page.live_revision_id}-{language}-{generation}.pdf"
    path = directory / name
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    with open(directory / f"{page.pk}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        try:
            return path.read_bytes()  # rendered while this request waited
        except FileNotFoundError:
            pass
        data = render()
        temporary = directory / f".{name}.{os.getpid()}"
        temporary.write_bytes(data)
        os.replace(temporary, path)
        for old in directory.glob(f"{page.pk}-*.pdf"):
            if old.name != name:
                old.unlink(missing_ok=True)
        logger.info("rendered PDF %s", name)
        return data
