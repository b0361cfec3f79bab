"""Shared fixtures: a fake embedder for fast unit tests, the real model for integration tests."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from qa.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("000_847e015129922df0.txt", "004_309039edf41efb89.txt")  # as in ../shared/seeds


def copy_seeds(target: Path) -> Path:
    """The two seed articles only: whatever a user added to seeds/ stays out of tests."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SEEDS:
        shutil.copyfile(ROOT / "seeds" / name, target / name)
    return target


def small_archive(tmp_path: Path, embedder, articles: dict[str, str], open_with=None,
                  extractor=None):
    """Index `articles` (file name -> text) with `embedder`; open with `open_with`."""
    from qa.api import QAService

    (tmp_path / "news").mkdir()
    for name, text in articles.items():
        (tmp_path / "news" / name).write_text(text)
    settings = Settings(archive_dir=tmp_path / "news", index_dir=tmp_path / "index")
    QAService.build(settings, embedder=embedder, extractor=extractor)
    return QAService.open(settings, embedder=open_with)


DATA = Path(__file__).resolve().parent / "data"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class FakeEmbedder:
    """Hashed bag of words, unit length, dimension 64: texts sharing words score higher."""

    name = "sentence-transformers/all-MiniLM-L6-v2"  # poses as the real one for manifests
    dim = 64

    def __init__(self) -> None:
        self.calls: list[str] = []

    def embed(self, texts, *, kind):
        self.calls.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


class NoSpeakers:
    """Extractor stand-in for unit tests that are not about speakers."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def extract(self, articles):
        self.seen.extend(s.path for sentences in articles for s in sentences[:1])
        return [[] for _ in articles]


@pytest.fixture
def fake_embedder():
    return FakeEmbedder()


@pytest.fixture
def archive(tmp_path):
    """A copy of tests/data that a test may edit."""
    target = tmp_path / "archive"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def settings(archive, tmp_path):
    return Settings(archive_dir=archive, index_dir=tmp_path / "index")


@pytest.fixture(autouse=True)
def block_network(request, monkeypatch):
    """Unit tests must not touch the network; integration tests may use loopback only."""
    def guard(self, address, *args, **kwargs):
        host = address[0] if isinstance(address, tuple) else str(address)
        if host not in ("127.0.0.1", "localhost", "::1") and not str(host).startswith("/"):
            raise RuntimeError(f"network access to {address} attempted in a test")
        return real_connect(self, address, *args, **kwargs)

    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", guard)


@pytest.fixture(scope="session")
def real_embedder():
    from qa.embed import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def seeds_service(tmp_path_factory, real_embedder):
    """The real engine (model, spaCy, FAISS) over a byte-for-byte copy of seeds/."""
    from qa.api import QAService

    base = tmp_path_factory.mktemp("seeds")
    copy_seeds(base / "seeds")
    cwd = os.getcwd()
    os.chdir(base)  # citations name the archive relative to the working folder
    try:
        settings = Settings(archive_dir=base / "seeds", index_dir=base / "index")
        QAService.build(settings, embedder=real_embedder)
        service = QAService.open(settings, embedder=real_embedder)
    finally:
        os.chdir(cwd)
    return service


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The app on a free local port, started with no index: it builds one from seeds/."""
    base = tmp_path_factory.mktemp("app")
    copy_seeds(base / "seeds")
    port = free_port()
    log = open(base / "app.log", "w")  # noqa: SIM115 (open for the server's lifetime)
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py"), "--port", str(port), "--archive", "seeds",
         "--index", "index"],
        cwd=base, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"app exited: {(base / 'app.log').read_text()[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(1)
    else:
        proc.kill()
        pytest.fail("app did not start in 240 s")
    yield url, base
    proc.terminate()
    proc.wait(timeout=30)
    log.close()
