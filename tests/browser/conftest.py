"""The explorer served by `streamlit run app.py` on a free localhost port, and Debian's Chromium driving it.

The app reads a fresh embedded store loaded with the seed and the probe actors; error
reports go to a temporary file. The server is stopped (its process group) at the end.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ui.explorer_seed import build_crowd_store, build_explorer_store

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT_S = 90


@dataclass(frozen=True)
class ServedApp:
    url: str
    reports: Path
    log: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"streamlit exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}", pytrace=False
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(
        f"streamlit did not answer /_stcore/health in {START_TIMEOUT_S} s:\n{log.read_text(errors='replace')[-3000:]}",
        pytrace=False,
    )


@contextmanager
def serve(uri: str, work: Path) -> Iterator[ServedApp]:
    """`streamlit run app.py` on `uri`, on a free port, until the block ends (then its process group is stopped)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = work / "streamlit.log"
    reports = work / "reports.jsonl"
    env = os.environ | {"CARTO_STORE": uri, "CARTO_REPORTS": str(reports), "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_healthy(url, proc, log)
        yield ServedApp(url, reports, log)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


@pytest.fixture(scope="session")
def served_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedApp]:
    """The app on the seed plus the probe actors."""
    work = tmp_path_factory.mktemp("served")
    with serve(build_explorer_store(work / "graph"), work) as app:
        yield app


@pytest.fixture(scope="session")
def crowd_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedApp]:
    """The app on 1,600 generated actors in 16 groups: the network view draws community super-nodes."""
    work = tmp_path_factory.mktemp("served-crowd")
    with serve(build_crowd_store(work / "graph"), work) as app:
        yield app


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)", pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(45_000)
    yield pg
    context.close()
