"""Shared fixtures: a small real Argos package, an isolated package store, no internet."""

from __future__ import annotations

import socket
from pathlib import Path

import argos_fixture
import pytest

SEED = Path(__file__).resolve().parents[1] / "source" / "singapore-south-korea-partnership.txt"


@pytest.fixture(scope="session")
def argos_package(tmp_path_factory) -> Path:
    """An en → ko copy-model package file (``translate-en_ko-1_0.argosmodel``), built once per
    test session in about a second; its tokenizer is trained on the seed article too."""
    corpus = argos_fixture.CORPUS + SEED.read_text(encoding="utf-8")
    return argos_fixture.build_package(tmp_path_factory.mktemp("argos"), corpus=corpus)


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def no_internet(monkeypatch):
    """Any connection except to loopback fails at once, so no test can reach the internet."""
    real_connect = socket.socket.connect

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise OSError(f"network disabled in tests (tried {address})")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture
def argos_store(tmp_path, monkeypatch, no_internet) -> Path:
    """An empty Argos package store in tmp_path; memory, config and index isolated too."""
    store = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(store))
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{closed_port()}/")
    return store
