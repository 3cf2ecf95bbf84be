"""What this machine has outside the virtualenv: fonts, Pango, Chromium, servers.

One place for the questions that the PDF view, ``pressroom check`` and the test
suite's skips all ask, each with the Debian command that fills the gap::

    >>> INSTALL["chromium"]
    'sudo apt-get install chromium'
    >>> font_package("ko"), font_package("ru")
    ('fonts-noto-cjk', 'fonts-noto-core')

Nothing here needs Django settings, so the root ``conftest.py`` can ask too.
"""

import ctypes
import ctypes.util
import functools
import os
import shutil
import socket
from urllib.parse import urlsplit

PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"
INSTALL = {
    "chromium": "sudo apt-get install chromium",
    "pango": f"sudo apt-get install {PANGO_PACKAGES}",
    "fontconfig": "sudo apt-get install libfontconfig1",
    "postgresql": "sudo apt-get install postgresql, then run with DATABASE_URL=postgres://USER@127.0.0.1:5432/DB",
    "redis": "sudo apt-get install redis-server",
    "wrk": "sudo apt-get install wrk",
    "varnish": "sudo apt-get install varnish",
}
# Languages whose scripts the Noto CJK fonts cover; every other script we know
# of is in fonts-noto-core.
CJK_LANGUAGES = {"ko", "ja", "zh"}


def font_package(language):
    """The Debian package with Noto fonts for ``language``."""
    return "fonts-noto-cjk" if language.split("-")[0] in CJK_LANGUAGES else "fonts-noto-core"


def font_install_command(language):
    return f"sudo apt-get install {font_package(language)}"


def chromium_path():
    """Debian's Chromium (what the browser tests drive), or None."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


@functools.cache
def pango_available():
    """True when WeasyPrint imports, which means cffi found Debian's Pango."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: libpango not found by cffi
        return False
    return True


class _FcFontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]


@functools.cache
def _fontconfig():
    name = ctypes.util.find_library("fontconfig") or "libfontconfig.so.1"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.FcInitLoadConfigAndFonts.restype = ctypes.c_void_p
    lib.FcNameParse.restype = ctypes.c_void_p
    lib.FcNameParse.argtypes = [ctypes.c_char_p]
    lib.FcObjectSetBuild.restype = ctypes.c_void_p
    lib.FcFontList.restype = ctypes.POINTER(_FcFontSet)
    lib.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    lib.FcPatternGetString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
    lib.FcFontSetDestroy.argtypes = [ctypes.POINTER(_FcFontSet)]
    lib.FcObjectSetDestroy.argtypes = [ctypes.c_void_p]
    lib.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    lib.FcConfigDestroy.argtypes = [ctypes.c_void_p]
    return lib


@functools.cache
def _families(language, fontconfig_file):
    lib = _fontconfig()
    if lib is None:
        return None
    # A fresh configuration each time reads FONTCONFIG_FILE as it is now (the
    # cache key), as a new process -- gunicorn, WeasyPrint -- would.
    config = lib.FcInitLoadConfigAndFonts()
    pattern = lib.FcNameParse(f":lang={language}".encode())
    objects = lib.FcObjectSetBuild(b"family", None)
    fonts = lib.FcFontList(config, pattern, objects)
    families = set()
    try:
        for i in range(fonts.contents.nfont if fonts else 0):
            value = ctypes.c_char_p()
            if lib.FcPatternGetString(fonts.contents.fonts[i], b"family", 0, ctypes.byref(value)) == 0:
                families.add(value.value.decode("utf-8", "replace"))
    finally:
        if fonts:
            lib.FcFontSetDestroy(fonts)
        lib.FcObjectSetDestroy(objects)
        lib.FcPatternDestroy(pattern)
        lib.FcConfigDestroy(config)
    return sorted(families)


def fonts_for(language):
    """Families of the installed fonts whose glyphs cover ``language`` (fontconfig's
    ``fc-list :lang=ko family``), or None when fontconfig itself is missing.

    Fontconfig judges coverage by its orthography of the language, so a font
    with a handful of Hangul syllables does not count for Korean.
    """
    code = language.split("-")[0].lower()
    return _families(code, os.environ.get("FONTCONFIG_FILE"))


def has_font_for(language):
    """True when some installed font covers ``language`` (False also without fontconfig)."""
    return bool(fonts_for(language))


# -- servers -------------------------------------------------------------------


def reachable(host, port, timeout=1.0):
    """True when a TCP connection to ``host:port`` opens within ``timeout`` seconds."""
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout):
            return True
    except (OSError, ValueError):
        return False


def redis_address(url):
    """``redis://h:6380/0`` -> ``("h", 6380)``."""
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 6379


def database_address(settings_dict):
    """Host and port of a PostgreSQL database's settings (a socket path has no port: None)."""
    host = settings_dict.get("HOST") or ""
    if host.startswith("/"):
        return None
    return host or "127.0.0.1", int(settings_dict.get("PORT") or 5432)
