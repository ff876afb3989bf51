"""A real collection server in a subprocess, for browser, crash and load tests."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

__all__ = ["CHROMIUM", "Server", "free_port"]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`crm-assess collect serve WORKSPACE` on a free loopback port; kill() is a hard crash."""

    def __init__(self, workspace: Path, port: int | None = None) -> None:
        self.workspace = workspace
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Server:
        cmd = [sys.executable, "-m", "assessor", "collect", "serve", str(self.workspace),
               "--port", str(self.port)]  # fmt: skip
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)  # fmt: skip
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    self.process.stderr.read().decode() if self.process.stderr else ""
                )
            try:
                urllib.request.urlopen(f"{self.url}/static/app.css", timeout=1).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the collection server did not start within 20 s")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as when the machine loses power."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
