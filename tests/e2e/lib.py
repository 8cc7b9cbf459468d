"""lib.py: helpers for end-to-end tests against a real `zwgk serve` (standard library only).

A test makes a Server (temp database, free loopback port), talks HTTP to it with a
Client (cookie jar, CSRF header), checks results with check(), and stops the server
by PID at the end.  The closing line is "N passed, N failed"."""
import atexit
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("ZWGK_BIN", os.path.join(ROOT, "build", "zwgk"))
DEMO_PW = "zwgk-demo-2021"

passed = 0
failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL " + what, file=sys.stderr)
    return cond


def done():
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


_demo_cache = None


def demo_db(tmp):
    """A copy of a freshly initialised demo database (built once per process)."""
    global _demo_cache
    if _demo_cache is None:
        d = tempfile.mkdtemp(prefix="zwgk-demo-")
        atexit.register(shutil.rmtree, d, True)
        _demo_cache = os.path.join(d, "demo.db")
        subprocess.run([BIN, "init", "--db", _demo_cache, "--demo"], check=True,
                       stdout=subprocess.DEVNULL)
    path = os.path.join(tmp, "zwgk.db")
    shutil.copy(_demo_cache, path)
    return path


class Server:
    def __init__(self, db=None, extra=()):
        self.tmp = tempfile.mkdtemp(prefix="zwgk-e2e-")
        atexit.register(shutil.rmtree, self.tmp, True)
        self.db = db or demo_db(self.tmp)
        self.port = free_port()
        self.log = open(os.path.join(self.tmp, "server.log"), "w")
        self.proc = subprocess.Popen(
            [BIN, "serve", "--db", self.db, "--listen", "127.0.0.1:%d" % self.port] + list(extra),
            stdout=self.log, stderr=self.log)
        for _ in range(200):
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start; log: " + open(self.log.name).read())

    def stop(self):
        """SIGTERM and wait; returns the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode

    def client(self):
        return Client(self.port)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


class Client:
    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.csrf = None

    def request(self, method, path, body=None, headers=None, ctype=None, csrf=True):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            h.setdefault("X-CSRF-Token", self.csrf)
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False).encode()
            ctype = ctype or "application/json"
        elif isinstance(body, str):
            body = body.encode()
        if ctype:
            h["Content-Type"] = ctype
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        hdrs = r.getheaders()
        c.close()
        for k, v in hdrs:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                val = rest.split(";", 1)[0]
                if "Max-Age=0" in v:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = val
        return Response(r.status, hdrs, data)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body, **kw)

    def form(self, path, fields):
        return self.request("POST", path, urllib.parse.urlencode(fields),
                            ctype="application/x-www-form-urlencoded", csrf=False)

    def login(self, name, password=DEMO_PW):
        r = self.post("/api/v1/session", {"name": name, "password": password})
        if r.status == 200:
            self.csrf = r.json()["csrf"]
        return r


def columns(client, unit):
    """slug -> column id for a unit."""
    r = client.get("/api/v1/columns?unit=" + unit)
    return {c["slug"]: c["id"] for c in r.json()["columns"]}
