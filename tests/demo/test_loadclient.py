"""The benchmark's load client (demo/loadclient.py) against a small local
server: it times every request, keeps a connection per user, counts the
statuses it did not expect and runs its probe beside the users."""

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import demo

CLIENT = Path(demo.__file__).parent / "loadclient.py"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn's threads
    seen = []

    def do_GET(self):
        Handler.seen.append((self.path, self.headers.get("Cookie"), self.client_address[1]))
        if self.path == "/probe":
            self.send_response(301)
            self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"x" * (5000 if self.path == "/page" else 10)
        self.send_response(200 if self.path == "/page" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def run_client(spec):
    done = subprocess.run(
        [sys.executable, str(CLIENT)], input=json.dumps(spec), capture_output=True, text=True,
        check=True, timeout=60,
    )  # fmt: skip
    return json.loads(done.stdout)


def test_the_load_client_times_each_request_of_each_user_with_its_probe():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Handler.seen = []
    try:
        spec = {
            "host": "127.0.0.1", "port": server.server_address[1], "path": "/page",
            "users": 3, "requests": 4, "warmup": 1, "cookies": ["sessionid=a", "sessionid=b"],
            "probe": "/probe", "probe_expect": [301], "probe_interval": 0.001,
        }  # fmt: skip
        result = run_client(spec)
        missing = run_client({**spec, "path": "/missing", "probe": None, "think": 0.005})
    finally:
        server.shutdown()
        server.server_close()

    assert len(result["times"]) == 3 * 4 and all(t > 0 for t in result["times"])
    assert result["statuses"] == {"200": 12} and result["errors"] == []
    assert result["probe_times"]  # the probe ran beside the users
    assert result["wall"] > 0 and result["cpu"] >= 0
    page_requests = [s for s in Handler.seen if s[0] == "/page"]
    assert len(page_requests) == 3 * (4 + 1)  # the warm-up is made, not timed
    assert {cookie for _, cookie, _ in page_requests} == {"sessionid=a", "sessionid=b"}
    assert len({port for _, _, port in page_requests}) == 3  # one connection per user
    assert missing["errors"] == ["status 404"] * 12  # an unexpected status is counted
