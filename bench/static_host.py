"""A local static host that behaves like the hosts the site is published on
(GitHub Pages, Netlify...): gzip for text files and a Cache-Control header.
Python's http.server sends neither, and Lighthouse would score the missing
compression, not the site. Used by `make audit` and `make bench`."""
from __future__ import annotations

import functools
import gzip
import http.server
import threading
from io import BytesIO
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
CACHE_CONTROL = "max-age=600"  # what GitHub Pages sends


class StaticHost(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the URL with a slash
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and path.suffix in COMPRESSIBLE and accepts_gzip):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.end_headers()
        return BytesIO(body)

    def end_headers(self):
        if not any(h.lower().startswith(b"cache-control") for h in getattr(self, "_headers_buffer", [])):
            self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()


def serve(directory: Path, port: int = 0):
    """Serve ``directory`` on 127.0.0.1 in a thread; returns (base URL, server)."""
    handler = functools.partial(StaticHost, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd
