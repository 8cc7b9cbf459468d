"""test_limits.py: bad input gets a 4xx and a clear message, never a crash: oversized
bodies (413), broken JSON and UTF-8, missing fields, unknown columns, malformed and
garbage requests, idle connections; and an online backup taken during writes."""
import os
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import BIN, Server, check, columns, done  # noqa: E402

srv = Server(extra=["--max-body", "65536"])
try:
    ed = srv.client()
    ed.login("czj_editor")
    cols = columns(ed, "czj")

    # lim-1: 413
    big = {"unit": "czj", "column": cols["yjs"], "title": "大", "body": "字" * 40000}
    r = ed.post("/api/v1/items", big)
    check(r.status == 413 and r.json()["error"]["code"] == "too_large", "lim-1.1 oversized JSON 413 (%d)" % r.status)
    r = ed.request("POST", "/admin/items", b"x" * 70000, ctype="application/x-www-form-urlencoded")
    check(r.status == 413 and "超过" in r.text, "lim-1.2 oversized form 413 page")

    # lim-2: 400s in the API, each with a JSON error
    def api400(body, code, what, ctype="application/json"):
        r = ed.request("POST", "/api/v1/items", body, ctype=ctype)
        ok = r.status == 400
        try:
            err = r.json()["error"]
            ok = ok and err["code"] == code and len(err["message"]) > 0
        except Exception:
            ok = False
        check(ok, "%s (got %d %s)" % (what, r.status, r.text[:120]))

    api400(b'{"title": "x",', "bad_json", "lim-2.1 truncated JSON")
    api400(b'{"title": "\xff\xfe"}', "bad_json", "lim-2.2 invalid UTF-8 in JSON")
    api400(b'{"title": "a", "title": "b"}', "bad_json", "lim-2.3 duplicate key")
    api400(b'[1,2]', "json_required", "lim-2.4 JSON array instead of object")
    api400({"unit": "czj", "column": cols["yjs"]}, "missing_field", "lim-2.5 missing title")
    api400({"unit": "czj", "column": 999999, "title": "x"}, "unknown_column", "lim-2.6 unknown column")
    api400({"unit": "czj", "column": "abc", "title": "x"}, "bad_field", "lim-2.7 column not a number")
    api400({"unit": "nosuch", "column": cols["yjs"], "title": "x"}, "unknown_unit", "lim-2.8 unknown unit")
    api400({"unit": "czj", "column": cols["yjs"], "title": 5}, "bad_field", "lim-2.9 title not a string")
    api400({"unit": "czj", "column": cols["yjs"], "title": "x", "written_at": "2021-02-30"}, "bad_date", "lim-2.10 impossible date")
    api400({"unit": "czj", "column": cols["yjs"], "title": "x\ny"}, "bad_field", "lim-2.11 newline in title")
    api400(b"title=x", "json_required", "lim-2.12 form body to the JSON API", ctype="application/x-www-form-urlencoded")
    r = ed.get("/api/v1/items?page=0")
    check(r.status == 400 and r.json()["error"]["code"] == "bad_parameter", "lim-2.13 page=0")
    r = ed.get("/api/v1/items?per_page=1000")
    check(r.status == 400, "lim-2.14 per_page too large")
    r = ed.get("/api/v1/items?q=%FF")
    check(r.status == 400, "lim-2.15 invalid UTF-8 in query string")
    r = ed.get("/api/v1/columns")
    check(r.status == 400 and r.json()["error"]["code"] == "missing_parameter", "lim-2.16 missing unit")
    r = ed.request("PATCH", "/api/v1/items/1")
    check(r.status in (400, 405, 501), "lim-2.17 unknown method refused (%d)" % r.status)
    r = ed.request("DELETE", "/api/v1/items")
    check(r.status == 405, "lim-2.18 wrong method 405")
    r = ed.get("/api/v1/nosuch")
    check(r.status == 404 and r.json()["error"]["code"] == "not_found", "lim-2.19 unknown API path JSON 404")

    # lim-3: malformed and garbage requests leave the server serving
    def raw(data, read=True):
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
        try:
            s.sendall(data)
            return s.recv(4096) if read else b""
        except OSError:
            return b""
        finally:
            s.close()

    check(raw(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n").startswith(b"HTTP/1.1 4"), "lim-3.1 negative length")
    check(raw(b"GARBAGE\r\n\r\n")[:12] in (b"HTTP/1.1 400", b"HTTP/1.0 400", b""), "lim-3.2 garbage line")
    r = raw(b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    check(r == b"" or r.startswith(b"HTTP/1.1 4"), "lim-3.3 huge request line refused")
    rnd = random.Random(7)
    t0 = time.time()
    for i in range(2000):
        n = rnd.randint(1, 300)
        raw(bytes(rnd.getrandbits(8) for _ in range(n)), read=False)
    # Idle connections that never send anything must not block others.
    idle = [socket.create_connection(("127.0.0.1", srv.port)) for _ in range(50)]
    r = srv.client().get("/healthz")
    check(r.status == 200, "lim-3.4 serving after 2000 garbage requests and 50 idle connections (%.1fs)" % (time.time() - t0))
    for s in idle:
        s.close()
    check(srv.client().get("/").status == 200, "lim-3.5 home page still fine")

    # lim-4: backup during writes
    stop = threading.Event()
    made = []

    def writer():
        w = srv.client()
        w.login("czj_editor")
        while not stop.is_set():
            r = w.post("/api/v1/items", {"unit": "czj", "column": cols["yjs"], "title": "并发写入 %d" % len(made),
                                         "body": "正文" * 200})
            if r.status == 201:
                made.append(r.json()["id"])

    th = threading.Thread(target=writer)
    th.start()
    time.sleep(0.5)
    out = os.path.join(srv.tmp, "backup.db")
    r = subprocess.run([BIN, "backup", "--db", srv.db, "--out", out], capture_output=True, text=True)
    time.sleep(0.3)
    stop.set()
    th.join()
    check(r.returncode == 0 and os.path.exists(out), "lim-4.1 backup during %d writes: %s" % (len(made), r.stderr.strip()))
    con = sqlite3.connect(out)
    check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "lim-4.2 backup passes integrity_check")
    check(con.execute("SELECT count(*) FROM item").fetchone()[0] >= 100, "lim-4.3 backup holds the data")
    con.close()
    r = subprocess.run([BIN, "log", "verify", "--db", out], capture_output=True, text=True)
    check(r.returncode == 0, "lim-4.4 backup's log verifies")
    r = subprocess.run([BIN, "backup", "--db", srv.db, "--out", "/nonexistent/dir/x.db"], capture_output=True, text=True)
    check(r.returncode == 1 and "备份" in r.stderr, "lim-4.5 unwritable target: exit 1, Chinese message")
finally:
    check(srv.stop() == 0, "lim-5.1 clean stop")

# lim-6: command-line refusals
r = subprocess.run([BIN, "serve", "--db", "/nonexistent.db"], capture_output=True, text=True)
check(r.returncode == 1 and "不存在" in r.stderr, "lim-6.1 serve on a missing database")
r = subprocess.run([BIN, "init", "--bogus"], capture_output=True, text=True)
check(r.returncode == 2 and "未知参数" in r.stderr, "lim-6.2 unknown option")
r = subprocess.run([BIN, "serve", "--db", srv.db, "--threads", "abc"], capture_output=True, text=True)
check(r.returncode == 2, "lim-6.3 bad --threads")
r = subprocess.run([BIN, "user", "add", "--db", srv.db, "--name", "x1", "--unit", "czj", "--role", "boss"],
                   capture_output=True, text=True, input="password123\n")
check(r.returncode == 2, "lim-6.4 bad role")
r = subprocess.run([BIN, "user", "add", "--db", srv.db, "--name", "newuser", "--unit", "czj", "--role", "editor"],
                   capture_output=True, text=True, input="password123\n")
check(r.returncode == 0, "lim-6.5 user add")
r = subprocess.run([BIN, "user", "list", "--db", srv.db], capture_output=True, text=True)
check(r.returncode == 0 and "newuser" in r.stdout, "lim-6.6 user list")
# lim-7: import 公文 files and markdown, one transaction per file
seed = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data", "seed",
                    "xiji-2021-zwgk-yaodian.txt")
md = os.path.join(srv.tmp, "a.md")
open(md, "w", encoding="utf-8").write("---\ntitle: 导入测试文件\ndocno: 西财发〔2026〕77号\n---\n## 正文\n\n导入测试正文。\n")
bad = os.path.join(srv.tmp, "bad.txt")
open(bad, "wb").write(b"\xff\xfe\x00")
r = subprocess.run([BIN, "import", "--db", srv.db, "--unit", "czj", "--column", "yjs", "--publish", seed, md, bad],
                   capture_output=True, text=True)
check(r.returncode == 1 and sum(1 for l in r.stdout.splitlines() if l.startswith("成功 ")) == 2 and "失败 " + bad in r.stdout, "lim-7.1 import reports per file: " + r.stdout[-200:])
check("印发日期（2020-06-15）早于成文日期（2021-06-15）" in r.stdout, "lim-7.2 import shows the 公文's warnings")
r = subprocess.run([BIN, "search", "--db", srv.db, "导入测试正文"], capture_output=True, text=True)
check(r.returncode == 0 and "导入测试文件" in r.stdout, "lim-7.3 imported and published item is searchable")
r = subprocess.run([BIN, "log", "verify", "--db", srv.db], capture_output=True, text=True)
check(r.returncode == 0, "lim-7.4 log intact after import")
r = subprocess.run([BIN, "import", "--db", srv.db, "--unit", "czj", "--column", "nosuch", md], capture_output=True, text=True)
check(r.returncode == 1 and "栏目不存在" in r.stderr, "lim-7.5 unknown column refused")

r = subprocess.run([BIN, "--help"], capture_output=True, text=True)
check(r.returncode == 0 and all(c in r.stdout for c in ("init", "serve", "user", "backup", "log")), "lim-6.7 --help")
for c in ("init", "serve", "user", "backup", "log"):
    r = subprocess.run([BIN, c, "--help"], capture_output=True, text=True)
    check(r.returncode == 0 and "用法" in r.stdout, "lim-6.8 %s --help" % c)
done()
