"""The PDF renderer reads only the portal's /static/ files, its media and data: images; nothing else is opened."""

import base64
import socket
import threading
import urllib.request
from urllib.parse import quote

import pytest

from rsi_portal.pdf import pdf_text, render_pdf


def _svg(text: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="30"><text x="0" y="20">{text}</text></svg>'


def _css(text: str) -> str:
    return f'body::after {{ content: "{text}"; }}'


@pytest.fixture
def render(tmp_path, settings):
    """render(body_html) renders a template extending pdf/base.html and returns the PDF's text."""
    templates = tmp_path / "templates"
    templates.mkdir()
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], templates]}]

    def _render(body: str) -> str:
        (templates / "probe.html").write_text(
            '{% extends "pdf/base.html" %}{% block content %}<p>Prøve</p>' + body + "{% endblock %}"
        )
        return pdf_text(render_pdf("probe.html", {}))

    return _render


@pytest.fixture
def opened(monkeypatch):
    """Every URL handed to urllib (WeasyPrint's own fetching: file, http, ftp, data)."""
    urls: list[str] = []
    real_open = urllib.request.OpenerDirector.open

    def spy(self, fullurl, *args, **kwargs):
        urls.append(fullurl if isinstance(fullurl, str) else fullurl.full_url)
        return real_open(self, fullurl, *args, **kwargs)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", spy)
    return urls


@pytest.fixture
def listener():
    """A TCP port on 127.0.0.1 that counts the connections made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections: list[tuple] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, address = server.accept()
            except TimeoutError:
                continue
            connections.append(address)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()


def test_file_urls_and_other_hosts_are_refused_without_being_read(render, opened, listener, tmp_path):
    port, connections = listener
    secret_css = tmp_path / "secret.css"
    secret_css.write_text(_css("LEAKED-FILE-CSS"))
    secret_svg = tmp_path / "secret.svg"
    secret_svg.write_text(_svg("LEAKED-FILE-SVG"))
    page_css = "data:text/css," + quote(_css("LEAKED-DATA-CSS"))
    text = render(
        '<img src="file:///etc/passwd" alt="">'
        '<link rel="stylesheet" href="http://127.0.0.1:1/x.css">'
        f'<link rel="stylesheet" href="{secret_css.as_uri()}">'
        f'<img src="{secret_svg.as_uri()}" alt="">'
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
        f'<img src="https://127.0.0.1:{port}/x.png" alt="">'
        f'<link rel="stylesheet" href="{page_css}">'
        # a relative URL resolves against the portal's origin, not the working directory
        '<link rel="stylesheet" href="pyproject.toml">'
    )
    assert "Prøve" in text
    assert "LEAKED" not in text
    assert opened == []
    assert connections == []


def test_static_files_media_and_data_images_are_read(render, settings, tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (static / "probe.css").write_text(_css("STATIC-OK"))
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, static]
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "bilag").mkdir(parents=True)
    (tmp_path / "media" / "bilag" / "logo.svg").write_text(_svg("MEDIA-OK"))
    data_image = "data:image/svg+xml;base64," + base64.b64encode(_svg("DATA-OK").encode()).decode()

    text = render(
        '<link rel="stylesheet" href="/static/probe.css">'
        '<img src="/media/bilag/logo.svg" alt="">'
        f'<img src="{settings.PORTAL_BASE_URL.rstrip("/")}/media/bilag/logo.svg" alt="">'
        f'<img src="{data_image}" alt="">'
    )
    assert "STATIC-OK" in text
    assert text.count("MEDIA-OK") == 2
    assert "DATA-OK" in text


def test_paths_that_climb_out_of_static_or_media_are_refused(render, settings, tmp_path, opened):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "secret.svg").write_text(_svg("LEAKED-TRAVERSAL"))
    (tmp_path / "secret.css").write_text(_css("LEAKED-TRAVERSAL-CSS"))
    text = render(
        '<img src="/media/../secret.svg" alt="">'
        '<img src="/media/%2e%2e/secret.svg" alt="">'
        '<img src="/media/%2E%2E%2Fsecret.svg" alt="">'
        f'<img src="/media/{tmp_path}/secret.svg" alt="">'
        '<link rel="stylesheet" href="/static/../../secret.css">'
        '<link rel="stylesheet" href="/static/%2e%2e/%2e%2e/secret.css">'
        '<img src="/projekter/" alt="">'
    )
    assert "LEAKED" not in text
    assert opened == []
