"""test_workflow.py: the publishing workflow through the JSON API and the HTML forms,
CSRF and cross-unit refusal, escaping, versions and history, withdrawal (410), the
transparency log recomputed independently, caching (ETag/304) and a clean stop."""
import hashlib
import json
import re
import subprocess
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import BIN, Server, check, columns, done  # noqa: E402

XSS = "<script>alert(1)</script>\"'&"

srv = Server()
try:
    pub = srv.client()
    ed = srv.client()
    rv = srv.client()
    other = srv.client()

    # wf-1: login and session
    check(ed.login("czj_editor").status == 200, "wf-1.1 editor logs in")
    check(rv.login("czj_reviewer").status == 200, "wf-1.2 reviewer logs in")
    check(other.login("wjj_editor").status == 200, "wf-1.3 other unit's editor logs in")
    bad = srv.client().login("czj_editor", "wrong-password")
    check(bad.status == 401 and bad.json()["error"]["code"] == "bad_credentials", "wf-1.4 wrong password 401")
    cols = columns(pub, "czj")
    check("yjs" in cols and "zfzw" in cols, "wf-1.5 finance bureau has the standard columns")

    # wf-2: draft with a hostile title
    r = ed.post("/api/v1/items", {"unit": "czj", "column": cols["yjs"], "title": XSS,
                                  "body": "## 预算说明\n\n<b>粗体</b> 与 **加粗**\n\n<script>x()</script>",
                                  "format": "md", "docno": "西财发〔2026〕3号", "written_at": "2026-11-01"})
    check(r.status == 201, "wf-2.1 create draft 201 (got %d %s)" % (r.status, r.text[:200]))
    item = r.json()
    iid = item["id"]
    check(item["state"] == "draft" and item["index_no"] is None, "wf-2.2 draft has no index number")
    check(pub.get("/items/%d" % iid).status == 404, "wf-2.3 draft is not public")
    lst = pub.get("/api/v1/items?unit=czj&per_page=100").json()
    check(all(x["id"] != iid for x in lst["items"]), "wf-2.4 draft not in public list")
    mine = ed.get("/api/v1/items?state=draft").json()
    check(any(x["id"] == iid for x in mine["items"]), "wf-2.5 editor sees own drafts")

    # wf-3: CSRF and cross-unit refusals
    r = ed.post("/api/v1/items/%d/submit" % iid, csrf=False)
    check(r.status == 403 and r.json()["error"]["code"] == "csrf", "wf-3.1 no CSRF token 403")
    r = ed.post("/api/v1/items/%d/submit" % iid, headers={"X-CSRF-Token": "forged"})
    check(r.status == 403, "wf-3.2 wrong CSRF token 403")
    r = other.post("/api/v1/items/%d/submit" % iid)
    check(r.status == 403 and r.json()["error"]["code"] == "other_unit", "wf-3.3 other unit 403")
    r = other.post("/api/v1/items", {"unit": "czj", "column": cols["yjs"], "title": "越权"})
    check(r.status == 403, "wf-3.4 create in another unit 403")
    r = pub.post("/api/v1/items", {"unit": "czj", "column": cols["yjs"], "title": "匿名"})
    check(r.status == 401, "wf-3.5 anonymous create 401")
    r = ed.post("/api/v1/items/%d/submit" % iid, headers={"Origin": "http://evil.example"})
    check(r.status == 403, "wf-3.6 foreign Origin 403")

    # wf-4: submit, an editor cannot approve, reviewer approves
    check(ed.post("/api/v1/items/%d/submit" % iid).status == 200, "wf-4.1 submit")
    r = ed.post("/api/v1/items/%d/approve" % iid)
    check(r.status == 403, "wf-4.2 editor cannot approve")
    r = rv.post("/api/v1/items/%d/reject" % iid, {"reason": ""})
    check(r.status == 400, "wf-4.3 reject needs a reason")
    r = rv.post("/api/v1/items/%d/reject" % iid, {"reason": "请补充预算表"})
    check(r.status == 200 and r.json()["state"] == "draft", "wf-4.4 rejected back to draft")
    check(r.json()["reject_reason"] == "请补充预算表", "wf-4.5 reason kept")
    check(ed.post("/api/v1/items/%d/submit" % iid).status == 200, "wf-4.6 resubmit")
    r = rv.post("/api/v1/items/%d/approve" % iid)
    check(r.status == 200 and r.json()["state"] == "published", "wf-4.7 approve publishes")
    idx = r.json()["index_no"]
    check(re.match(r"^640422005/\d{4}-\d{5}$", idx or "") is not None, "wf-4.8 index number %r" % idx)

    # wf-5: the public page escapes everything
    page = pub.get("/items/%d" % iid)
    check(page.status == 200, "wf-5.1 public page 200")
    check("<script>alert(1)</script>" not in page.text, "wf-5.2 title not injected")
    check("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;" in page.text, "wf-5.3 title escaped")
    check("<script>x()</script>" not in page.text and "<b>粗体</b>" not in page.text, "wf-5.4 raw HTML in markdown disabled")
    check("<strong>加粗</strong>" in page.text, "wf-5.5 markdown rendered")
    check(idx in page.text and "西财发〔2026〕3号" in page.text, "wf-5.6 metadata table")
    csp = page.header("Content-Security-Policy") or ""
    check("frame-ancestors" in csp and page.header("X-Content-Type-Options") == "nosniff", "wf-5.7 security headers")
    check(page.header("Referrer-Policy") is not None, "wf-5.8 referrer policy")
    etag = page.header("ETag")
    r304 = pub.get("/items/%d" % iid, headers={"If-None-Match": etag})
    check(r304.status == 304, "wf-5.9 304 on matching ETag")
    check(page.header("Last-Modified") is not None, "wf-5.10 Last-Modified")
    lst = pub.get("/api/v1/items?unit=czj&column=%d" % cols["yjs"]).json()
    check(any(x["id"] == iid and x["index_no"] == idx for x in lst["items"]), "wf-5.11 in public list")
    feed = pub.get("/gk/czj/yjs/feed.xml")
    check(feed.status == 200 and "<feed" in feed.text and "&lt;script&gt;" in feed.text, "wf-5.12 Atom feed, escaped")
    check(("/items/%d" % iid) in pub.get("/sitemap.xml").text, "wf-5.13 sitemap lists the item")
    lp = pub.get("/gk/czj/yjs/")
    check(lp.status == 200 and ("/items/%d" % iid) in lp.text, "wf-5.14 column page lists the item (cache invalidated)")

    # wf-6: change after publication needs a note, creates version 2, history shows
    r = ed.put("/api/v1/items/%d" % iid, {"body": "## 预算说明（修订）\n\n更正表三数据。"})
    check(r.status == 400 and r.json()["error"]["code"] == "missing_change_note", "wf-6.1 change note required")
    r = ed.put("/api/v1/items/%d" % iid, {"body": "## 预算说明（修订）\n\n更正表三数据。", "change_note": "更正表三数据"})
    check(r.status == 200 and r.json()["state"] == "draft", "wf-6.2 edit of published item is a new draft")
    check("预算说明（修订）" not in pub.get("/items/%d" % iid).text, "wf-6.3 public still sees version 1")
    ed.post("/api/v1/items/%d/submit" % iid)
    r = rv.post("/api/v1/items/%d/approve" % iid)
    check(r.status == 200 and r.json()["version"] == 2 and r.json()["index_no"] == idx, "wf-6.4 version 2, same index")
    page = pub.get("/items/%d" % iid)
    check("预算说明（修订）" in page.text and "更正表三数据" in page.text, "wf-6.5 new version and note shown")
    check("/items/%d/v/1" % iid in page.text, "wf-6.6 history links to version 1")
    v1 = pub.get("/items/%d/v/1" % iid)
    check(v1.status == 200 and "历史版本" in v1.text and "预算说明（修订）" not in v1.text, "wf-6.7 old version readable")

    # wf-7: withdrawal leaves a 410 notice
    r = rv.post("/api/v1/items/%d/withdraw" % iid, {"reason": ""})
    check(r.status == 400, "wf-7.1 withdrawal needs a reason")
    r = rv.post("/api/v1/items/%d/withdraw" % iid, {"reason": "数据有误，已重新发布"})
    check(r.status == 200 and r.json()["state"] == "withdrawn", "wf-7.2 withdrawn")
    g = pub.get("/items/%d" % iid)
    check(g.status == 410 and "数据有误，已重新发布" in g.text and "撤回日期" in g.text, "wf-7.3 410 with reason and date")
    check(pub.get("/api/v1/items/%d" % iid).status == 410, "wf-7.4 API 410")
    lst = pub.get("/api/v1/items?unit=czj&per_page=100").json()
    check(all(x["id"] != iid for x in lst["items"]), "wf-7.5 withdrawn item not listed")
    check(ed.put("/api/v1/items/%d" % iid, {"title": "x", "change_note": "y"}).status == 409, "wf-7.6 no edits after withdrawal")

    # wf-8: transparency log, recomputed here without the server's code
    entries, after = [], 0
    while True:
        page_ = pub.get("/api/v1/log?after=%d&limit=100" % after).json()
        entries += page_["entries"]
        if "next" not in page_:
            break
        after = entries[-1]["seq"]
    prev = "0" * 64
    ok = True
    for i, e in enumerate(entries):
        h = hashlib.sha256((prev + "\n" + e["payload"]).encode()).hexdigest()
        if e["seq"] != i + 1 or e["prev_hash"] != prev or e["hash"] != h:
            ok = False
            break
        prev = h
    check(ok and len(entries) >= 60, "wf-8.1 chain of %d entries recomputes" % len(entries))
    mine = [json.loads(e["payload"]) for e in entries if json.loads(e["payload"])["item"] == iid]
    check([m["action"] for m in mine] == ["publish", "update", "withdraw"], "wf-8.2 publish, update, withdraw logged")
    check(all(m["unit"] == "czj" and len(m["content_sha256"]) == 64 for m in mine), "wf-8.3 payload fields")
    check(list(json.loads(entries[0]["payload"]).keys()) == sorted(json.loads(entries[0]["payload"]).keys()), "wf-8.4 canonical key order")
    check(pub.get("/log").status == 200 and "SHA-256" in pub.get("/log").text, "wf-8.5 public log page")

    # wf-9: audit log records who, what, from where
    adm = srv.client()
    adm.login("admin")
    au = adm.get("/admin/audit")
    check(au.status == 200 and "item_withdraw" in au.text and "127.0.0.1" in au.text, "wf-9.1 audit log page")
    check(ed.get("/admin/users").status == 403, "wf-9.2 editor cannot manage users")
finally:
    rc = srv.stop()
check(rc == 0, "wf-10.1 SIGTERM stops cleanly (exit %s)" % rc)

# wf-11: log verify on the stopped database, then on a tampered copy
r = subprocess.run([BIN, "log", "verify", "--db", srv.db], capture_output=True, text=True)
check(r.returncode == 0 and "intact" in r.stdout, "wf-11.1 log verify intact")
tampered = srv.db + ".tampered"
subprocess.run(["cp", srv.db, tampered], check=True)
subprocess.run(["sqlite3", tampered, "DROP TRIGGER tlog_no_update; UPDATE tlog SET payload=replace(payload,'publish','publiz') WHERE seq=5;"], check=True)
r = subprocess.run([BIN, "log", "verify", "--db", tampered], capture_output=True, text=True)
check(r.returncode == 1 and "entry 5" in r.stdout, "wf-11.2 tampering found at entry 5 (%s)" % r.stdout.strip())
done()
