"""test_push.py: 政策找人、政策找企业 end to end against a real SMTP server on loopback
(tests/e2e/smtpsink.py): the taxonomy, subscribing with double opt-in and its
throttle, confirmation, matching and non-matching policies, exactly the right
mails with RFC 2047 subjects and RFC 8058 headers, one-click unsubscribe, daily
digests, withdrawal cancelling queued mails, SIGKILL mid-delivery and restart,
signed webhooks, the private feed, 政策匹配 and the HTML forms."""
import email
import email.policy
import hashlib
import hmac
import http.server
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import BIN, Server, check, columns, done  # noqa: E402
from smtpsink import SmtpSink  # noqa: E402


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def text_of(msg):
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content() if part else ""


def html_of(msg):
    part = msg.get_body(preferencelist=("html",))
    return part.get_content() if part else ""


def to_of(m):
    return m[1][0] if m[1] else ""


def mails_to(msgs, addr):
    return [parse(m[2]) for m in msgs if to_of(m) == addr]


def link(text, kind):
    m = re.search(r"http://127\.0\.0\.1:\d+(/dingyue/%s/[A-Za-z0-9._-]+)" % kind, text)
    return m.group(1) if m else None


def hidden(html, name):
    m = re.search(r'name="%s" value="([^"]*)"' % name, html)
    return m.group(1) if m else None


class HookSink(http.server.BaseHTTPRequestHandler):
    got = []

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        HookSink.got.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *a):
        pass


sink = SmtpSink()
hooks = http.server.ThreadingHTTPServer(("127.0.0.1", 0), HookSink)
threading.Thread(target=hooks.serve_forever, daemon=True).start()
srv = None
try:
    srv = Server(extra=["--smtp", sink.url(), "--mail-from", "noreply@xiji.gov.cn"])
    srv_flags = ["--smtp", sink.url(), "--mail-from", "noreply@xiji.gov.cn"]
    # The test subscribes some 45 addresses from one client address.
    subprocess.run([BIN, "push", "set", "--db", srv.db, "subscribe_limit", "1000/60"], check=True,
                   stdout=subprocess.DEVNULL)
    pub = srv.client()
    ed = srv.client()
    rv = srv.client()
    adm = srv.client()
    check(ed.login("czj_editor").status == 200 and rv.login("czj_reviewer").status == 200,
          "ps-0.1 staff log in")
    check(adm.login("admin").status == 200, "ps-0.2 admin logs in")
    cols = columns(pub, "czj")

    def publish(title, audience=None, kind="policy", scope="public", **extra):
        body = {"unit": "czj", "column": cols["zfzw"] if "zfzw" in cols else list(cols.values())[0],
                "title": title, "body": "一、适用对象\n\n详见正文。", "kind": kind}
        if kind == "policy":
            body["scope"] = scope
        if audience is not None:
            body["audience"] = audience
        body.update(extra)
        if kind == "":
            del body["kind"]
        r = ed.post("/api/v1/items", body)
        if not check(r.status == 201, "publish: create %s (%d %s)" % (title, r.status, r.text[:200])):
            return 0
        iid = r.json()["id"]
        check(ed.post("/api/v1/items/%d/submit" % iid).status == 200, "publish: submit %d" % iid)
        r = rv.post("/api/v1/items/%d/approve" % iid)
        check(r.status == 200, "publish: approve %d (%d %s)" % (iid, r.status, r.text[:200]))
        return iid

    # ps-1: the taxonomy
    r = pub.get("/api/v1/taxonomy")
    dims = {d["key"]: [v["code"] for v in d["values"]] for d in r.json()["dimensions"]}
    check(r.status == 200 and list(dims) == ["group", "industry", "size", "town", "topic"],
          "ps-1.1 taxonomy has the five dimensions")
    check("老年人" in dims["group"] and "C" in dims["industry"] and "small" in dims["size"]
          and len(dims["town"]) > 0, "ps-1.2 taxonomy values")

    # ps-2: subscribing: validation at the edge
    def sub(addr, profile, freq="immediate", client=pub):
        return client.post("/api/v1/subscriptions", {"email": addr, "profile": profile, "frequency": freq})
    for bad, what in (("not-an-address", "no @"), ("a b@example.com", "space"), ("a@b@example.com", "two @"),
                      ("x" * 250 + "@example.com", "too long"), ("a\r\nRCPT TO:<x>@example.com", "CRLF"),
                      ("a@example", "no dot")):
        r = sub(bad, {})
        check(r.status == 400 and r.json()["error"]["code"] == "bad_email", "ps-2.1 bad email refused: " + what)
    r = sub("ok@example.com", {"group": ["火星人"]})
    check(r.status == 400 and r.json()["error"]["code"] == "bad_audience" and "火星人" in r.json()["error"]["message"],
          "ps-2.2 unknown profile value 400 in Chinese")
    r = sub("ok@example.com", {}, "hourly")
    check(r.status == 400 and r.json()["error"]["code"] == "bad_frequency", "ps-2.3 bad frequency 400")
    r = pub.post("/api/v1/subscriptions", "email=a@example.com", ctype="application/x-www-form-urlencoded")
    check(r.status == 400, "ps-2.4 non-JSON body 400")
    r = pub.post("/api/v1/subscriptions", {"email": 7})
    check(r.status == 400, "ps-2.5 email of the wrong type 400")

    # ps-3: subscribe; only confirmation mails, one each
    subs = {"old@example.com": ({"group": ["老年人"]}, "immediate"),
            "firm@example.com": ({"industry": ["C"], "size": ["small"]}, "immediate"),
            "daily@example.com": ({"group": ["老年人", "农民"]}, "daily"),
            "all@example.com": ({}, "weekly"),
            "lazy@example.com": ({"group": ["老年人"]}, "immediate")}
    for addr, (prof, freq) in subs.items():
        r = sub(addr, prof, freq)
        check(r.status == 202 and r.json()["status"] == "pending", "ps-3.1 subscribe %s 202" % addr)
    msgs = sink.wait(lambda m: len(m) >= 5)
    check(len(msgs) == 5, "ps-3.2 five confirmation mails (got %d)" % len(msgs))
    confirm = {}
    for m in msgs:
        e = parse(m[2])
        check(str(e["Subject"]) == "请确认订阅西吉县政策推送", "ps-3.3 RFC 2047 subject decodes (%s)" % e["Subject"])
        check("=?UTF-8?B?" in m[2].decode("ascii", "replace").split("\r\n\r\n")[0], "ps-3.4 subject is encoded")
        check(e.get_content_type() == "multipart/alternative", "ps-3.5 multipart/alternative")
        check(e["List-Unsubscribe"] and e["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click",
              "ps-3.6 RFC 8058 headers on the confirmation")
        check(e["Message-ID"] and e["Date"], "ps-3.7 Message-ID and Date")
        confirm[to_of(m)] = link(text_of(e), "confirm")
        check(confirm[to_of(m)] and link(html_of(e), "confirm") == confirm[to_of(m)], "ps-3.8 link in both parts")
    # the same address again: same answer, no second mail
    r = sub("old@example.com", {"group": ["残疾人"]})
    check(r.status == 202, "ps-3.9 re-subscribing answers 202 as well")
    time.sleep(1.5)
    check(len(sink.snapshot()) == 5, "ps-3.10 no second confirmation within minutes")

    for addr in ("old@example.com", "firm@example.com", "daily@example.com", "all@example.com"):
        r = pub.get(confirm[addr])
        check(r.status == 200 and "订阅成功" in r.text, "ps-3.11 confirm %s" % addr)
    r = pub.get(confirm["old@example.com"])
    check(r.status == 404, "ps-3.12 a confirmation link works once")
    check(pub.get("/dingyue/confirm/forged-token").status == 404, "ps-3.13 forged confirmation 404")
    n0 = len(sink.snapshot())

    # ps-4: a matching and a non-matching policy, and an ordinary item
    p1 = publish("关于提高高龄老人津贴标准的通知", {"group": ["老年人"]})
    p2 = publish("关于2026年学生资助工作的通知", {"group": ["学生及家长"]})
    publish("县财政局2026年部门预算", kind="")
    msgs = sink.wait(lambda m: len(m) >= n0 + 1)
    time.sleep(2)
    new = sink.snapshot()[n0:]
    check(len(new) == 1 and to_of(new[0]) == "old@example.com",
          "ps-4.1 exactly one mail, to the elderly subscriber (got %s)" % [to_of(m) for m in new])
    e = parse(new[0][2]) if new else None
    if e:
        check(str(e["Subject"]).startswith("政策文件：关于提高高龄老人津贴标准的通知"), "ps-4.2 subject %s" % e["Subject"])
        check("/items/%d" % p1 in text_of(e) and "/items/%d" % p1 in html_of(e), "ps-4.3 links to the policy")
        check("学生资助" not in text_of(e), "ps-4.4 the other policy is not in it")
        unsub = e["List-Unsubscribe"].strip("<>")
        check(e["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" and "/dingyue/u/" in unsub,
              "ps-4.5 List-Unsubscribe on the push mail")
        check(e["Message-ID"] == "<push.%d.1@xiji.gov.cn>" % p1, "ps-4.6 Message-ID names item and subscriber (%s)" % e["Message-ID"])
        check(link(text_of(e), "m") is not None, "ps-4.7 a manage link in the mail")
        # ps-5: one-click unsubscribe (RFC 8058): no session, no token, no Origin
        path = urllib.parse.urlparse(unsub).path
        r = pub.post(path, "List-Unsubscribe=One-Click", ctype="application/x-www-form-urlencoded")
        check(r.status == 200 and "已退订" in r.text, "ps-5.1 one-click POST unsubscribes (%d)" % r.status)
        r = pub.get(path)
        check(r.status == 200 and "已退订" in r.text, "ps-5.2 the GET page says so")
        check(pub.post(path[:-3] + "xyz", "List-Unsubscribe=One-Click",
                       ctype="application/x-www-form-urlencoded").status == 404, "ps-5.3 forged token 404")

    # ps-6: after unsubscribing nothing more; the daily subscriber gets one digest
    n1 = len(sink.snapshot())
    p3 = publish("关于开展老年人免费体检的通知", {"group": ["老年人"]})
    p4 = publish("关于农民工返乡创业补贴的通知", {"group": ["农民"]})
    time.sleep(2.5)
    check(len(sink.snapshot()) == n1, "ps-6.1 nothing to the unsubscribed or to daily subscribers yet")
    # withdrawal cancels what is still queued (p4 for the daily subscriber)
    r = rv.post("/api/v1/items/%d/withdraw" % p4, {"reason": "内容有误"})
    check(r.status == 200, "ps-6.2 withdraw p4 (%d %s)" % (r.status, r.text[:100]))
    out = subprocess.run([BIN, "push", "flush", "--db", srv.db], capture_output=True, text=True)
    check(out.returncode == 0, "ps-6.3 zwgk push flush")
    msgs = sink.wait(lambda m: len(m) >= n1 + 1)
    time.sleep(1.5)
    new = sink.snapshot()[n1:]
    check(len(new) == 1 and to_of(new[0]) == "daily@example.com", "ps-6.4 one digest to the daily subscriber (%s)"
          % [to_of(m) for m in new])
    if new:
        e = parse(new[0][2])
        t = text_of(e)
        check(str(e["Subject"]) == "西吉县政策推送每日汇总（2 条）", "ps-6.5 digest subject %s" % e["Subject"])
        check("高龄老人津贴" in t and "免费体检" in t and "返乡创业" not in t,
              "ps-6.6 digest lists p1 and p3, not the withdrawn p4")
        daily_manage = link(t, "m")
        feed = re.search(r"(/dingyue/feed/[A-Za-z0-9._-]+\.xml)", t)
        check(feed is not None, "ps-6.7 feed link in the digest")
        if feed:
            r = pub.get(feed.group(1))
            check(r.status == 200 and "高龄老人津贴" in r.text and "学生资助" not in r.text
                  and r.header("Content-Type").startswith("application/atom+xml"), "ps-6.8 private Atom feed")
        check(pub.get("/dingyue/feed/1.forged.xml").status == 404, "ps-6.9 forged feed 404")
        # ps-7: the manage page changes profile and frequency (no JavaScript, form token)
        r = pub.get(daily_manage)
        check(r.status == 200 and 'value="农民" checked' in r.text, "ps-7.1 manage page shows the profile")
        tok = hidden(r.text, "form_token")
        r = pub.form(daily_manage, [("form_token", tok), ("p_group", "学生及家长"), ("frequency", "immediate")])
        check(r.status == 200 and "已保存" in r.text, "ps-7.2 profile changed")
        r = pub.form(daily_manage, [("p_group", "老年人"), ("frequency", "daily")])
        check(r.status == 403, "ps-7.3 without the form token 403")
        r = pub.form(daily_manage, [("form_token", tok), ("p_group", "火星人"), ("frequency", "daily")])
        check(r.status == 400 and "火星人" in r.text, "ps-7.4 bad value 400 in Chinese")
    db = sqlite3.connect(srv.db)
    st = db.execute("SELECT count(*) FROM push_queue q JOIN push_batch b ON b.item_id=q.item_id AND b.freq=q.freq"
                    " WHERE q.item_id=? AND b.state=2", (p4,)).fetchone()[0]
    check(st == 1, "ps-6.10 the withdrawn item's queued row is cancelled (%d)" % st)
    check(db.execute("SELECT count(*) FROM push_queue WHERE item_id=?", (p2,)).fetchone()[0] == 0,
          "ps-6.11 nobody queued for the non-matching policy")
    db.close()

    # ps-8: a signed webhook
    r = adm.post("/api/v1/webhooks", {"name": "短信网关", "url": "http://127.0.0.1:%d/hook" % hooks.server_address[1],
                                      "profile": {"group": ["老年人"]}})
    check(r.status == 201 and len(r.json().get("secret", "")) >= 32, "ps-8.1 admin adds a webhook")
    secret = r.json()["secret"]
    check(ed.post("/api/v1/webhooks", {"url": "http://x.example/"}).status == 403, "ps-8.2 only admins")
    check(adm.post("/api/v1/webhooks", {"url": "ftp://x"}).status == 400, "ps-8.3 bad url 400")
    lst = adm.get("/api/v1/webhooks").json()["webhooks"]
    check(len(lst) == 1 and "secret" not in lst[0], "ps-8.4 list does not show the secret")
    p5 = publish("关于老年人助餐服务的通知", {"group": ["老年人"]})
    end = time.time() + 15
    while time.time() < end and not HookSink.got:
        time.sleep(0.1)
    check(len(HookSink.got) == 1, "ps-8.5 one webhook POST")
    if HookSink.got:
        h, body = HookSink.got[0]
        want = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        check(h.get("X-Zwgk-Signature") == want, "ps-8.6 X-Zwgk-Signature is the HMAC-SHA256 of the body")
        j = json.loads(body)
        check(j["item"]["id"] == p5 and j["event"] == "publish" and str(j["timestamp"]) == h.get("X-Zwgk-Timestamp"),
              "ps-8.7 body names the item; timestamp signed inside the body")
    check(adm.request("DELETE", "/api/v1/webhooks/%d" % lst[0]["id"]).status == 200, "ps-8.8 delete webhook")

    # ps-9: 政策匹配 and the subscribe form
    r = pub.get("/zcpp")
    check(r.status == 200 and "政策匹配" in r.text and 'name="p_group"' in r.text, "ps-9.1 /zcpp form")
    r = pub.get("/zcpp?go=1&p_group=" + urllib.parse.quote("老年人"))
    check(r.status == 200 and "高龄老人津贴" in r.text and "学生资助" not in r.text and "返乡创业" not in r.text,
          "ps-9.2 matching policies only (not withdrawn)")
    check("/dingyue?p_group=" in r.text, "ps-9.3 a link to subscribe with the same profile")
    r = pub.get("/zcpp?p_group=" + urllib.parse.quote("<script>"))
    check(r.status == 400 and "<script>" not in r.text, "ps-9.4 bad value 400, escaped")
    check('/zcpp"' in pub.get("/").text, "ps-9.5 navigation links to 政策匹配")
    r = pub.get("/dingyue?p_group=" + urllib.parse.quote("老年人"))
    check(r.status == 200 and 'value="老年人" checked' in r.text, "ps-9.6 /dingyue prefilled")
    tok = hidden(r.text, "form_token")
    r = pub.form("/dingyue", [("email", "form@example.com"), ("p_group", "老年人"), ("frequency", "daily")])
    check(r.status == 403, "ps-9.7 form without token 403")
    r = pub.form("/dingyue", [("form_token", tok), ("email", "bad address"), ("frequency", "daily")])
    check(r.status == 400 and "有效的电子邮件地址" in r.text, "ps-9.8 bad address: the form again with the message")
    n2 = len(sink.snapshot())
    r = pub.form("/dingyue", [("form_token", tok), ("email", "form@example.com"), ("p_group", "老年人"),
                              ("frequency", "daily")])
    check(r.status == 202 and "确认邮件" in r.text, "ps-9.9 form subscribe 202")
    msgs = sink.wait(lambda m: len(m) > n2)
    check(any(to_of(m) == "form@example.com" for m in msgs[n2:]), "ps-9.10 its confirmation mail")

    # ps-10: SIGKILL mid-delivery, restart: every queued mail delivered, once
    N = 30
    for i in range(N):
        sub("crash%02d@example.com" % i, {"town": [dims["town"][0]]})
    msgs = sink.wait(lambda m: sum(1 for x in m if to_of(x).startswith("crash")) >= N)
    links = [link(text_of(parse(m[2])), "confirm") for m in msgs if to_of(m).startswith("crash")]
    for l in links:
        pub.get(l)
    n3 = len(sink.snapshot())
    sink.delay = 0.1
    p6 = publish("关于%s乡村振兴项目的通知" % dims["town"][0], {"town": [dims["town"][0]]})
    sink.wait(lambda m: len(m) >= n3 + 5, timeout=20)
    srv.proc.send_signal(signal.SIGKILL)
    srv.proc.wait()
    got_before = len(sink.snapshot()) - n3
    check(0 < got_before < N, "ps-10.1 killed mid-delivery (%d of %d sent)" % (got_before, N))
    sink.delay = 0
    srv2 = Server(db=srv.db, extra=srv_flags)
    msgs = sink.wait(lambda m: len(set(to_of(x) for x in m[n3:])) >= N, timeout=30)
    per = {}
    for m in msgs[n3:]:
        e = parse(m[2])
        if str(e["Message-ID"]).startswith("<push.%d." % p6):
            per.setdefault(to_of(m), []).append(e["Message-ID"])
    check(len(per) == N, "ps-10.2 after restart every subscriber got the mail (%d of %d)" % (len(per), N))
    dups = sum(len(v) - 1 for v in per.values())
    check(dups <= 1, "ps-10.3 at most the one mail in flight at the kill is sent twice (%d)" % dups)
    check(all(len(set(v)) == 1 for v in per.values()), "ps-10.4 a repeat has the same Message-ID")
    db = sqlite3.connect(srv.db)
    left = db.execute("SELECT count(*) FROM push_queue WHERE item_id=? AND state<>1", (p6,)).fetchone()[0]
    check(left == 0, "ps-10.5 all rows marked sent (%d left)" % left)
    db.close()

    # ps-11: the per-address limit on subscription requests (429 in Chinese)
    subprocess.run([BIN, "push", "set", "--db", srv.db, "subscribe_limit", "2/3600"], check=True,
                   stdout=subprocess.DEVNULL)
    c2 = srv2.client()
    codes = [c2.post("/api/v1/subscriptions", {"email": "rl%d@example.com" % i, "profile": {}}).status
             for i in range(3)]
    r = c2.post("/api/v1/subscriptions", {"email": "rl9@example.com", "profile": {}})
    check(codes == [202, 202, 429] and r.status == 429 and "频繁" in r.json()["error"]["message"],
          "ps-11.0 per-address limit answers 429 in Chinese (%s %d %s)" % (codes, r.status, r.text[:80]))
    check(r.header("Retry-After") is not None, "ps-11.0b Retry-After")

    # ps-12: a clean stop is quick even with the worker idle
    t0 = time.time()
    rc = srv2.stop()
    check(rc == 0 and time.time() - t0 < 5, "ps-12.1 SIGTERM stops within seconds (%.1fs, rc=%s)" % (time.time() - t0, rc))
finally:
    if srv and srv.proc.poll() is None:
        srv.stop()
    sink.stop()
    hooks.shutdown()
done()
