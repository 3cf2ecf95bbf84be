"""pressroom.core.system: what this machine has outside the virtualenv."""

import socket

import pytest

from pressroom.core import system

FONTCONFIG_HIDING = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont>
    <pattern><patelt name="lang"><string>{language}</string></patelt></pattern>
  </rejectfont></selectfont>
</fontconfig>
"""


def fontconfig_without(directory, language):
    """A fontconfig file: this machine's fonts minus every font that covers ``language``.

    Point FONTCONFIG_FILE at it to see the machine as if, say, fonts-noto-cjk
    were not installed.
    """
    path = directory / f"fonts-without-{language}.conf"
    path.write_text(FONTCONFIG_HIDING.format(language=language))
    return path


@pytest.mark.needs("font:ko", "font:ru")
def test_fonts_for_follows_fontconfig_as_configured_now(tmp_path, monkeypatch):
    assert any("CJK" in family for family in system.fonts_for("ko"))
    monkeypatch.setenv("FONTCONFIG_FILE", str(fontconfig_without(tmp_path, "ko")))
    assert system.fonts_for("ko") == []
    assert not system.has_font_for("ko-KR")
    assert system.has_font_for("ru")


def test_a_language_no_font_knows_has_no_font():
    assert not system.has_font_for("tlh")  # Klingon: no orthography, no font


def test_install_commands_name_the_debian_packages():
    assert system.font_install_command("ko") == "sudo apt-get install fonts-noto-cjk"
    assert system.font_install_command("ru") == "sudo apt-get install fonts-noto-core"
    assert system.INSTALL["pango"].startswith("sudo apt-get install libpango")


def test_reachable_tells_an_open_port_from_a_closed_one():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert system.reachable("127.0.0.1", port)
    assert not system.reachable("127.0.0.1", port)


def test_server_addresses():
    assert system.redis_address("redis://cache.internal:6380/1") == ("cache.internal", 6380)
    assert system.redis_address("redis://") == ("127.0.0.1", 6379)
    assert system.database_address({"HOST": "", "PORT": ""}) == ("127.0.0.1", 5432)
    assert system.database_address({"HOST": "/run/postgresql", "PORT": ""}) is None
