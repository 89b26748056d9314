"""Start panva's oidc-provider (tests/oidc/provider.mjs) for a test, or use the one .ci/run started."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.request import urlopen

from tests.conftest import require_component

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
PACKAGE = ROOT / "node_modules" / "oidc-provider" / "package.json"
CLIENT_ID = "rsi-portal"
CLIENT_SECRET = "test-only-secret"


def _reachable(issuer: str) -> bool:
    try:
        with urlopen(issuer + "/.well-known/openid-configuration", timeout=2) as response:  # noqa: S310 (local)
            return response.status == 200
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OidcProvider:
    def __init__(self):
        self.process = None
        self.issuer = os.environ.get("OIDC_TEST_ISSUER", "").rstrip("/")

    def start(self) -> str:
        if self.issuer:
            require_component(
                "oidc-provider", _reachable(self.issuer), f"OIDC_TEST_ISSUER={self.issuer} does not answer"
            )
            return self.issuer
        node = shutil.which("node")
        require_component("node", node is not None, "Node.js is not installed")
        require_component("oidc-provider", PACKAGE.exists(), "run npm install (package oidc-provider)")
        port = _free_port()
        env = {**os.environ, "OIDC_PORT": str(port), "OIDC_CLIENT_ID": CLIENT_ID, "OIDC_CLIENT_SECRET": CLIENT_SECRET}
        self.process = subprocess.Popen(  # noqa: S603 (our own script)
            [node, str(SCRIPT)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.issuer = f"http://127.0.0.1:{port}"
        for _ in range(100):
            if _reachable(self.issuer):
                return self.issuer
            time.sleep(0.1)
        self.stop()
        require_component("oidc-provider", False, "it did not start within 10 seconds")
        return self.issuer

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
