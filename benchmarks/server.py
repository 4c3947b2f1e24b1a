"""A quiet local HTTP server for a built site, on a free port, in a thread.

Text files are sent gzip-compressed to clients that accept it, as GitHub
Pages sends them: Lighthouse's simulated slow network counts the bytes
transferred, and uncompressed CSS and JS would make every page look slower
than it is in production.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    with open(path, "rb") as source:
        return gzip.compress(source.read(), compresslevel=6, mtime=0)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep the benchmark output readable
        pass

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and urlsplit(self.path).path.endswith("/"):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and os.path.isfile(path) and os.path.splitext(path)[1] in COMPRESSIBLE):
            return super().do_GET()
        body = _gzipped(path, os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)
        return None


class Server:
    """Serves `root` at http://127.0.0.1:<port>/ until closed."""

    def __init__(self, root: Path):
        handler = functools.partial(_Handler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
