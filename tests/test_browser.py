"""Real-browser tests: Debian's chromium driven by Playwright, against `portentry serve` on loopback.

The chat and the widget are used as a person would: type, send, read the
answer and its sources. The widget is embedded in a page served from another
loopback origin (allowed), and from a third one (not allowed). Screenshots
of each, at desktop and phone width, are saved in test-artifacts/.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from .conftest import REPO, free_port

pytestmark = pytest.mark.slow
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run"]  # fmt: skip
ARTIFACTS = REPO / "test-artifacts"
PORTENTRY = Path(sys.executable).with_name("portentry")
XSS = '<img src=x onerror="window.__xss=1">Is San Ysidro a port of entry?'


def _host_page(folder: Path, server: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(
        "<!doctype html><html><head><style>* { color: red !important; font-size: 30px !important }"
        " button { display: none !important }</style></head><body><h1>A travel blog</h1>"
        f'<script src="{server}/widget.js" data-title="Ask about US ports of entry" async></script>'
        "</body></html>",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def host_ports() -> tuple[int, int]:
    return free_port(), free_port()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, host_ports: tuple[int, int]) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "PORTENTRY_DATA_DIR": str(tmp_path_factory.mktemp("browser-data")),
           "PORTENTRY_ALLOWED_ORIGINS": f"http://127.0.0.1:{host_ports[0]}"}  # fmt: skip
    proc = subprocess.Popen([str(PORTENTRY), "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        while time.monotonic() - started < 90:  # bounded wait for start-up
            try:
                with urllib.request.urlopen(base + "/api/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def hosts(
    tmp_path_factory: pytest.TempPathFactory, server: str, host_ports: tuple[int, int]
) -> Iterator[tuple[str, str]]:
    """Two host pages embedding the widget: one from the allowed origin, one from another origin."""
    servers = []
    for port in host_ports:
        folder = tmp_path_factory.mktemp(f"host-{port}")
        _host_page(folder, server)
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
    try:
        yield f"http://127.0.0.1:{host_ports[0]}/", f"http://127.0.0.1:{host_ports[1]}/"
    finally:
        for httpd in servers:
            httpd.shutdown()
            httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


def _page(browser: Browser, width: int, height: int) -> Page:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(30_000)
    return page


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


@pytest.mark.parametrize(("width", "height", "label"), [(1280, 800, "desktop"), (360, 740, "phone")])
def test_chat_answers_with_a_citation_link(browser: Browser, server: str, width: int, height: int, label: str) -> None:
    page = _page(browser, width, height)
    page.goto(server + "/")
    page.locator("#pe-question textarea").fill("Which port supervises the Otay Mesa customs station?")
    page.locator("#pe-send").click()
    chat = page.locator("#pe-chat")
    expect(chat).to_contain_text("San Diego supervises the Customs station of Otay Mesa", timeout=30_000)
    link = chat.locator('a[href^="https://www.ecfr.gov/current/title-19/section-101.4"]').first
    expect(link).to_contain_text("19 CFR 101.4(c)(2)")
    expect(chat).to_contain_text("Otay MesaSan Diego.")  # the quoted passage, in the app
    _shot(page, f"chat-{label}")
    page.close()


def test_chat_shows_markup_as_text(browser: Browser, server: str) -> None:
    page = _page(browser, 1280, 800)
    page.goto(server + "/")
    page.locator("#pe-question textarea").fill(XSS)
    page.locator("#pe-send").click()
    chat = page.locator("#pe-chat")
    expect(chat).to_contain_text("San Ysidro is a Customs station")
    expect(chat).to_contain_text("<img src=x")
    assert page.evaluate("window.__xss") is None
    page.close()


@pytest.mark.parametrize(("width", "height", "label"), [(1280, 800, "desktop"), (360, 740, "phone")])
def test_widget_on_another_origin_answers_with_sources(
    browser: Browser, hosts: tuple[str, str], width: int, height: int, label: str
) -> None:
    page = _page(browser, width, height)
    page.goto(hosts[0])
    page.locator('[data-testid="pe-launcher"]').click()
    page.locator('[data-testid="pe-input"]').fill("Is CBP open on July 5, 2027?")
    page.keyboard.press("Enter")
    answer = page.locator('[data-testid="pe-answer"]').last
    expect(answer).to_contain_text("Monday, July 5, 2027")
    citation = page.locator('[data-testid="pe-citation"]').first
    expect(citation).to_have_attribute("href", "https://www.ecfr.gov/current/title-19/section-101.6#p-101.6(a)(5)")
    expect(page.locator('[data-testid="pe-sources"]').last).to_contain_text("The fourth day of July.")
    box = page.locator('[data-testid="pe-panel"]').bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width  # fits the screen
    _shot(page, f"widget-{label}")
    page.close()


def test_widget_shows_markup_as_text_and_runs_nothing(browser: Browser, hosts: tuple[str, str]) -> None:
    page = _page(browser, 1280, 800)
    page.goto(hosts[0])
    page.locator('[data-testid="pe-launcher"]').click()
    page.locator('[data-testid="pe-input"]').fill(XSS)
    page.keyboard.press("Enter")
    expect(page.locator('[data-testid="pe-answer"]').last).to_contain_text("Customs station")
    expect(page.locator('[data-testid="pe-question"]').last).to_contain_text("<img src=x")
    assert page.evaluate("window.__xss") is None
    page.close()


def test_widget_on_a_disallowed_origin_is_refused(browser: Browser, hosts: tuple[str, str], server: str) -> None:
    page = _page(browser, 1280, 800)
    page.goto(hosts[1])
    page.locator('[data-testid="pe-launcher"]').click()
    page.locator('[data-testid="pe-input"]').fill("Which port supervises the Otay Mesa customs station?")
    page.keyboard.press("Enter")
    expect(page.locator('[data-testid="pe-error"]').last).to_be_visible()
    assert page.locator('[data-testid="pe-answer"]').count() == 0
    status = page.evaluate(
        """async (url) => { try { const r = await fetch(url, {method: 'POST', headers: {'Content-Type':
        'application/json'}, body: JSON.stringify({question: 'hours'})}); return r.status } catch (e) { return 'blocked' } }""",
        server + "/api/ask",
    )
    assert status == "blocked"  # no CORS grant: the browser does not let the page read anything
    page.close()
