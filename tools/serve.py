#!/usr/bin/env python3
"""A small static file server for Gazette's dist/ folder, as a static host
behaves: files as they are (gzip-compressed when the browser accepts it),
`dir/` serves `dir/index.html`, conditional requests answered with 304, and
unknown paths answered either with the app shell (an SPA fallback, like
Netlify's `/* /index.html 200`) or with `404.html` and status 404 (like
GitHub Pages).

    python3 tools/serve.py dist --port 8080 [--prefix /news/] [--fallback spa|404|none]

`--prefix` serves the folder under a sub-path, as a host that publishes the
site at https://example.org/news/ would.
"""

import argparse
import email.utils
import gzip
import http.server
import os
import posixpath
import sys
import urllib.parse


COMPRESSIBLE = (".html", ".js", ".css", ".json", ".wasm", ".xml", ".svg", ".txt")
_compressed = {}


def compressed(path):
    """The gzip of a file, computed once per version of it."""
    key = (path, os.stat(path).st_mtime_ns)
    if key not in _compressed:
        with open(path, "rb") as f:
            _compressed[key] = gzip.compress(f.read(), compresslevel=6)
    return _compressed[key]


def make_handler(root, prefix, fallback):
    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {
            **http.server.SimpleHTTPRequestHandler.extensions_map,
            ".wasm": "application/wasm",
            ".js": "text/javascript",
            ".json": "application/json",
            ".xml": "application/xml",
            ".webmanifest": "application/manifest+json",
        }

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=root, **kwargs)

        def handle(self):
            # A browser that cancels a request (a new page, a closed tab) is not an error.
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, fmt, *args):
            if os.environ.get("GAZETTE_SERVER_LOG"):
                sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

        def end_headers(self):
            path = urllib.parse.urlsplit(self.path).path
            # Hashed assets never change; everything else is checked each time.
            if any(path.endswith(ext) for ext in (".wasm", ".js", ".css")) and "-" in posixpath.basename(path):
                self.send_header("Cache-Control", "public, max-age=31536000, immutable")
            else:
                self.send_header("Cache-Control", "no-cache")
            super().end_headers()

        def local_path(self, url_path):
            if not url_path.startswith(prefix):
                return None
            rel = url_path[len(prefix):]
            full = os.path.normpath(os.path.join(root, urllib.parse.unquote(rel)))
            if not (full + os.sep).startswith(os.path.normpath(root) + os.sep) and full != os.path.normpath(root):
                return None
            if os.path.isdir(full):
                index = os.path.join(full, "index.html")
                return index if os.path.isfile(index) else None
            return full if os.path.isfile(full) else None

        def send_head(self):
            parts = urllib.parse.urlsplit(self.path)
            url_path = parts.path
            if url_path + "/" == prefix:
                self.send_response(301)
                self.send_header("Location", prefix)
                self.end_headers()
                return None
            found = self.local_path(url_path)
            if found is None and not url_path.endswith("/") and self.local_path(url_path + "/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/" + (("?" + parts.query) if parts.query else ""))
                self.end_headers()
                return None
            if found is not None:
                return self.send_file(found, 200)
            if fallback == "spa" and url_path.startswith(prefix):
                return self.send_file(os.path.join(root, "index.html"), 200)
            page = os.path.join(root, "404.html")
            if fallback == "404" and os.path.isfile(page):
                return self.send_file(page, 404)
            self.send_error(404, "Not Found")
            return None

        def send_file(self, path, status):
            stat = os.stat(path)
            modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
            etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
            if status == 200 and (
                self.headers.get("If-None-Match") == etag
                or (self.headers.get("If-Modified-Since") == modified and "If-None-Match" not in self.headers)
            ):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            gzipped = path.endswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
            if gzipped:
                body = compressed(path)
            else:
                with open(path, "rb") as f:
                    body = f.read()
            self.send_response(status)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", modified)
            self.send_header("ETag", etag)
            self.send_header("Vary", "Accept-Encoding")
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            return _Body(body)

    return Handler


class _Body:
    def __init__(self, data):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--prefix", default="/")
    parser.add_argument("--fallback", choices=["spa", "404", "none"], default="spa")
    args = parser.parse_args()
    prefix = "/" + args.prefix.strip("/") + "/" if args.prefix.strip("/") else "/"
    root = os.path.abspath(args.root)
    server = http.server.ThreadingHTTPServer((args.host, args.port), make_handler(root, prefix, args.fallback))
    print(f"Serving {root} at http://{args.host}:{args.port}{prefix} (fallback: {args.fallback})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
