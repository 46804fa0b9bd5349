"""``i18nnews serve``: start, fetch a page, change a catalog, see the change, stop."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from helpers import copy_sample

from i18n_news.site.serve import snapshot, watched_roots

ROOT = Path(__file__).resolve().parents[2]
SEED_PATH = "politics/russia-syria-bases/index.html"
OLD = "أخبار ذات صلة"
NEW = "أخبار مرتبطة بالموضوع"


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _read_line(proc: subprocess.Popen[str], pattern: str, deadline: float) -> list[str]:
    """Lines of stdout up to the first matching ``pattern`` (bounded by ``deadline``)."""
    lines: list[str] = []
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if re.search(pattern, line):
            return lines
    raise AssertionError(f"no line matching {pattern!r} in time: {lines}")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env["PYTHONUNBUFFERED"] = "1"
    env["NO_COLOR"] = "1"
    return env


def test_serve_rebuilds_on_catalog_change_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    proc = subprocess.Popen(
        [sys.executable, "-m", "i18n_news", "serve", "--port", "0", "--lang", "ar", "--lang", "en"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        deadline = time.monotonic() + 60
        lines = _read_line(proc, r"Ctrl-C", deadline)
        urls = dict(re.findall(r"^(\w+)\s+(http://127\.0\.0\.1:\d+/\w+/)", "\n".join(lines), re.M))
        assert set(urls) == {"ar", "en"}, lines
        assert not re.search(r":0/", urls["ar"])  # --port 0 prints the real port
        page = _fetch(urls["ar"] + SEED_PATH)
        assert 'dir="rtl"' in page and OLD in page

        po = root / "locales/ar/LC_MESSAGES/messages.po"
        text = po.read_text(encoding="utf-8")
        assert f'msgstr "{OLD}"' in text
        po.write_text(text.replace(f'msgstr "{OLD}"', f'msgstr "{NEW}"'), encoding="utf-8")

        while NEW not in (page := _fetch(urls["ar"] + SEED_PATH)):
            assert time.monotonic() < deadline, "the preview never showed the new translation"
            assert proc.poll() is None
            time.sleep(0.2)
        assert OLD not in page

        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "changed: locales/ar/LC_MESSAGES/messages.po" in out
    assert out.rstrip().endswith("Stopped.")


def test_serve_stops_on_sigterm(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    proc = subprocess.Popen(
        [sys.executable, "-m", "i18n_news", "serve", "--port", "0", "--lang", "es"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        lines = _read_line(proc, r"Ctrl-C", time.monotonic() + 60)
        url = re.search(r"http://127\.0\.0\.1:\d+/es/", "\n".join(lines))
        assert url is not None
        assert 'lang="es"' in _fetch(url.group(0))
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert out.rstrip().endswith("Stopped.")


def test_serve_bad_config_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "i18nnews.toml").write_text('source_edition = "en"\nbogus = 1\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "i18n_news", "serve", "--port", "0"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_watched_inputs(tmp_path: Path) -> None:
    from i18n_news.config import load_config

    root = copy_sample(tmp_path / "newsroom")
    config = load_config(root / "pyproject.toml")
    snap = snapshot(watched_roots(config))
    assert str(root / "pyproject.toml") in snap
    assert str(root / "locales/ar/LC_MESSAGES/messages.po") in snap
    assert any(p.endswith("article.html") for p in snap)  # the theme
    assert not any(p.endswith(".mo") for p in snap)


def test_broken_input_keeps_serving(tmp_path: Path) -> None:
    """A save that breaks a story prints one error line; the preview goes on."""
    import threading

    from i18n_news.site.serve import Preview

    root = copy_sample(tmp_path / "newsroom")
    lines: list[str] = []

    def build(config: object) -> list[str]:
        from i18n_news.site.build import build_site

        return [build_site(config, out=root / "dist", langs=["en"]).summary()]  # type: ignore[arg-type]

    preview = Preview(
        root / "pyproject.toml", root / "dist", build, lines.append, port=0, interval=0.1
    )
    config = preview.start()
    worker = threading.Thread(target=preview.watch, args=(config,))
    worker.start()
    try:
        story = root / "content/en/politics/russia-syria-bases.md"
        story.write_text("+++\ntitle = 1\n", encoding="utf-8")
        deadline = time.monotonic() + 30
        while not any("russia-syria-bases.md" in line and ":" in line for line in lines[2:]):
            assert time.monotonic() < deadline, lines
            time.sleep(0.1)
        assert 'lang="en"' in _fetch(preview.url + "en/")
    finally:
        preview.stop()
        worker.join(10)
        preview.close()
    assert not worker.is_alive()
