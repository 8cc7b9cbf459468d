"""test_consult.py: 政策咨询 end to end: questions on a policy through the API and the
page form (form token, honeypot, limits, the 429 with Retry-After), the tracking page,
staff answers (rights per unit, masking on the policy page and in the unit's Q&A list,
the page cache refreshed), not-for-publication with a reason, the mails queued in the
outbox and delivered to a loopback SMTP sink, the audit log, and overdue questions in
the back office."""
import email
import email.policy
import os
import re
import sqlite3
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Server, check, columns, done  # noqa: E402
from smtpsink import SmtpSink  # noqa: E402

CODE_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{12}$")


def hidden(html, name):
    m = re.search(r'name="%s" value="([^"]*)"' % name, html)
    return m.group(1) if m else None


def db_rows(srv, sql, args=()):
    con = sqlite3.connect(srv.db, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def db_exec(srv, sql, args=()):
    con = sqlite3.connect(srv.db, timeout=10)
    try:
        con.execute(sql, args)
        con.commit()
    finally:
        con.close()


def ask(c, item, ip, body):
    return c.post("/api/v1/items/%d/questions" % item, body, headers={"X-Forwarded-For": ip})


def ask_form(c, item, ip, fields):
    return c.request("POST", "/items/%d/questions" % item, urllib.parse.urlencode(fields),
                     ctype="application/x-www-form-urlencoded", csrf=False, headers={"X-Forwarded-For": ip})


def make_item(ed, rv, cols, title, kind):
    r = ed.post("/api/v1/items", {"unit": "czj", "column": cols["hmhn"], "title": title,
                                  "body": "一、补贴对象\n\n全县农户。", "kind": kind,
                                  **({"scope": "public"} if kind == "policy" else {})})
    iid = r.json()["id"] if r.status == 201 else 0
    ed.post("/api/v1/items/%d/submit" % iid)
    rv.post("/api/v1/items/%d/approve" % iid)
    return iid


sink = SmtpSink()
srv = Server(extra=["--trust-proxy", "--smtp", sink.url(), "--mail-from", "noreply@xiji.gov.cn"])
try:
    pub = srv.client()
    ed = srv.client()
    rv = srv.client()
    other = srv.client()
    adm = srv.client()
    check(ed.login("czj_editor").status == 200, "zx-0.1 editor login")
    check(rv.login("czj_reviewer").status == 200, "zx-0.2 reviewer login")
    check(other.login("wjj_editor").status == 200, "zx-0.3 another unit's editor")
    check(adm.login("admin").status == 200, "zx-0.4 admin login")
    cols = columns(pub, "czj")
    policy = make_item(ed, rv, cols, "西吉县惠民惠农补贴资金管理办法", "policy")
    plain = make_item(ed, rv, cols, "2026年第一季度惠民惠农资金发放情况", "")
    # The item API takes "kind"; make sure of it in the database all the same.
    if db_rows(srv, "SELECT kind FROM item WHERE id=?", (policy,)) != [("policy",)]:
        db_exec(srv, "UPDATE item SET kind='policy' WHERE id=?", (policy,))
    check(policy > 0 and plain > 0, "zx-0.5 a published policy and an ordinary item")

    # zx-1: the form on the policy page, a question by the API and by the form
    page = pub.get("/items/%d" % policy)
    tok = hidden(page.text, "form_token")
    check(page.status == 200 and "我要咨询" in page.text and tok, "zx-1.1 policy page has the question form")
    check('class="hp"' in page.text and 'name="website"' in page.text, "zx-1.2 honeypot field, hidden by CSS")
    check("no-cache" in (page.header("Cache-Control") or ""), "zx-1.3 browsers revalidate the page (form token)")
    check("我要咨询" not in pub.get("/items/%d" % plain).text, "zx-1.4 no form on an ordinary item")
    q1 = "补贴标准是多少？我的手机13812345678，身份证号码不便公开。"
    r = ask(pub, policy, "10.1.0.1", {"name": "张三", "email": "zhangsan@example.com", "question": q1})
    j = r.json() if r.status == 201 else {}
    check(r.status == 201 and CODE_RE.match(j.get("code", "")) and re.match(r"^\d{4}-\d\d-\d\d$", j.get("due", ""))
          and j.get("id", 0) > 0, "zx-1.5 API question: 201 with id, code, due (%d %s)" % (r.status, r.text[:200]))
    code1, qid1 = j.get("code", ""), j.get("id", 0)
    mails = db_rows(srv, "SELECT to_addr, subject, body_text FROM mail_outbox WHERE to_addr=?", ("zhangsan@example.com",))
    check(len(mails) == 1 and code1[:4] in mails[0][1] and code1 in mails[0][2] and j.get("due", "?") in mails[0][2],
          "zx-1.6 confirmation mail queued with the code and the deadline")
    received = db_rows(srv, "SELECT received_on, due, unit_id FROM question WHERE id=?", (qid1,))
    check(received and received[0][1] > received[0][0], "zx-1.7 deadline after the receipt day")
    r = ask_form(pub, policy, "10.1.0.2", {"form_token": tok, "name": "", "email": "lisi@example.com",
                                           "question": "申请流程是什么？", "website": ""})
    m = re.search(r'class="code">([0-9A-Z-]{14})<', r.text)
    check(r.status == 200 and "您的咨询已提交" in r.text and m, "zx-1.8 form question: confirmation page with the code")
    code2 = m.group(1).replace("-", "") if m else ""
    check(db_rows(srv, "SELECT count(*) FROM question WHERE code=?", (code2,)) == [(1,)], "zx-1.9 form question stored")
    r = ask_form(pub, policy, "10.1.0.2", {"email": "lisi@example.com", "question": "无令牌"})
    check(r.status == 403 and "页面已过期" in r.text, "zx-1.10 form without token refused (%d)" % r.status)
    t = pub.get("/zx/" + code1)
    check(t.status == 200 and "办理中" in t.text and "138****5678" in t.text, "zx-1.11 tracking page: received, masked")
    check("zhangsan@example.com" not in t.text and "13812345678" not in t.text, "zx-1.12 no e-mail or raw number on it")
    r = pub.get("/zx/" + code1.lower()[:4] + "-" + code1.lower()[4:8] + "-" + code1.lower()[8:])
    check(r.status == 303 and r.header("Location") == "/zx/" + code1, "zx-1.13 typed code normalized")
    check(pub.get("/zx/0000000000U0").status == 404 and pub.get("/zx/ABCDEFGHJKMN").status == 404,
          "zx-1.14 unknown code 404")
    r = pub.get("/zx/?code=" + code1.lower())
    check(r.status == 303 and r.header("Location") == "/zx/" + code1, "zx-1.15 lookup box on /zx/")

    # zx-2: honeypot: a normal-looking reply, nothing stored or mailed
    nq = db_rows(srv, "SELECT count(*) FROM question")[0][0]
    nm = db_rows(srv, "SELECT count(*) FROM mail_outbox")[0][0]
    r = ask(pub, policy, "10.2.0.1", {"email": "bot@example.com", "question": "buy now", "website": "http://spam.example"})
    check(r.status == 201 and CODE_RE.match(r.json().get("code", "")), "zx-2.1 API honeypot: 201 as usual")
    r = ask_form(pub, policy, "10.2.0.1", {"form_token": tok, "email": "bot@example.com", "question": "buy now",
                                           "website": "http://spam.example"})
    check(r.status == 200 and "您的咨询已提交" in r.text, "zx-2.2 form honeypot: the usual confirmation")
    check(db_rows(srv, "SELECT count(*) FROM question")[0][0] == nq, "zx-2.3 nothing stored")
    check(db_rows(srv, "SELECT count(*) FROM mail_outbox")[0][0] == nm, "zx-2.4 nothing mailed")

    # zx-3: bad input answers 4xx in Chinese, never 500
    ip = "10.3.0.1"
    r = ask(pub, policy, ip, {"question": "没有邮箱"})
    check(r.status == 400 and "邮箱" in r.json()["error"]["message"], "zx-3.1 missing e-mail 400")
    r = ask(pub, policy, ip, {"email": "not-an-address", "question": "q"})
    check(r.status == 400 and r.json()["error"]["code"] == "bad_email", "zx-3.2 implausible e-mail 400")
    r = ask(pub, policy, ip, {"email": "a@example.com", "question": "问" * 1001})
    check(r.status == 400 and "1000" in r.json()["error"]["message"], "zx-3.3 question over 1,000 characters 400")
    r = ask(pub, policy, ip, {"email": "a@example.com", "question": "q", "name": "名" * 51})
    check(r.status == 400 and "姓名" in r.json()["error"]["message"], "zx-3.4 name over 50 characters 400")
    r = ask(pub, policy, ip, {"email": "a" * 250 + "@example.com", "question": "q"})
    check(r.status == 400, "zx-3.5 e-mail over 254 bytes 400")
    r = ask(pub, policy, ip, {"email": 5, "question": "q"})
    check(r.status == 400 and r.json()["error"]["code"] == "bad_field", "zx-3.6 wrong JSON type 400")
    r = ask(pub, policy, ip, {"email": "a@example.com", "question": "  "})
    check(r.status == 400, "zx-3.7 blank question 400")
    r = pub.request("POST", "/api/v1/items/%d/questions" % policy, "email=a@example.com",
                    ctype="application/x-www-form-urlencoded", headers={"X-Forwarded-For": ip})
    check(r.status == 400 and r.json()["error"]["code"] == "json_required", "zx-3.8 API needs JSON")
    r = ask(pub, plain, ip, {"email": "a@example.com", "question": "q"})
    check(r.status == 409 and "政策" in r.json()["error"]["message"], "zx-3.9 ordinary item 409 (%d)" % r.status)
    r = ask(pub, 999999, ip, {"email": "a@example.com", "question": "q"})
    check(r.status == 404 and r.json()["error"]["message"], "zx-3.10 unknown item 404")
    evil = "<script>\"'&"
    r = ask_form(pub, policy, ip, {"form_token": tok, "name": evil, "email": "bad", "question": evil})
    check(r.status == 400 and "电子邮箱格式不正确" in r.text and "<script>\"'&" not in r.text
          and "&lt;script&gt;" in r.text, "zx-3.11 form shown again, input escaped")
    check(hidden(r.text, "form_token"), "zx-3.12 with a fresh form token")
    r = ask(pub, policy, ip, {"email": "ok@example.com", "question": "问" * 1000})
    check(r.status == 201, "zx-3.13 exactly 1,000 characters accepted")

    # zx-4: the rate limit: 5 per 10 minutes per address, then 429 in Chinese
    ip = "10.4.0.1"
    codes = [ask(pub, policy, ip, {"email": "r@example.com", "question": "第%d问" % i}).status for i in range(5)]
    r = ask(pub, policy, ip, {"email": "r@example.com", "question": "第6问"})
    check(codes == [201] * 5, "zx-4.1 five questions accepted (%s)" % codes)
    ra = r.header("Retry-After") or ""
    check(r.status == 429 and "频繁" in r.json()["error"]["message"] and ra.isdigit() and int(ra) > 0,
          "zx-4.2 the sixth: 429, Chinese message, Retry-After (%d %s)" % (r.status, ra))
    r = ask_form(pub, policy, ip, {"form_token": tok, "email": "r@example.com", "question": "表单"})
    check(r.status == 429 and "频繁" in r.text and "表单" in r.text and r.header("Retry-After"),
          "zx-4.3 the form too, with the text kept")
    check(ask(pub, policy, "10.4.0.2", {"email": "r@example.com", "question": "另一地址"}).status == 201,
          "zx-4.4 other addresses unaffected")

    # zx-5: staff answer; rights; masking; the page cache; the mail
    before = pub.get("/items/%d" % policy)
    check("暂无公开的问答" in before.text, "zx-5.1 no answers yet (page now cached)")
    r = pub.get("/api/v1/questions")
    check(r.status == 401, "zx-5.2 queue needs login")
    r = ed.get("/api/v1/questions?state=open")
    js = r.json().get("questions", []) if r.status == 200 else []
    mine = [x for x in js if x["id"] == qid1]
    check(r.status == 200 and mine and mine[0]["email"] == "zhangsan@example.com" and mine[0]["due"],
          "zx-5.3 the unit's queue lists the question with the e-mail")
    check(js and js[0]["due"] <= js[-1]["due"], "zx-5.4 oldest deadline first")
    check(other.get("/api/v1/questions?unit=czj").status == 403, "zx-5.5 another unit's queue 403")
    check(all(x["unit"] == "wjj" for x in other.get("/api/v1/questions").json()["questions"]),
          "zx-5.6 an editor sees their own unit's queue")
    check(adm.get("/api/v1/questions?unit=czj").status == 200, "zx-5.7 admins see any unit")
    check(ed.get("/api/v1/questions?state=nope").status == 400, "zx-5.8 bad state 400")
    answer = "补贴标准见办法第三条。如有疑问请拨打13912345678咨询。"
    r = other.post("/api/v1/questions/%d/answer" % qid1, {"answer": answer})
    check(r.status == 403, "zx-5.9 another unit's editor may not answer (%d)" % r.status)
    r = pub.post("/api/v1/questions/%d/answer" % qid1, {"answer": answer})
    check(r.status in (401, 403), "zx-5.10 the public may not answer (%d)" % r.status)
    r = ed.post("/api/v1/questions/%d/answer" % qid1, {"answer": " "})
    check(r.status == 400, "zx-5.11 empty answer 400")
    r = ed.post("/api/v1/questions/%d/answer" % qid1, {"answer": answer})
    check(r.status == 200 and r.json()["state"] == "answered" and "139****5678" in r.json()["public_answer"],
          "zx-5.12 answered (%d)" % r.status)
    check(ed.post("/api/v1/questions/%d/answer" % qid1, {"answer": answer}).status == 409, "zx-5.13 answering twice 409")
    page = pub.get("/items/%d" % policy)
    check("139****5678" in page.text and "13912345678" not in page.text, "zx-5.14 answer on the policy page, mobile masked")
    check("138****5678" in page.text and "13812345678" not in page.text, "zx-5.15 question masked too")
    check("zhangsan@example.com" not in page.text and "张三" not in page.text, "zx-5.16 asker not shown")
    lst = pub.get("/gk/czj/zx/")
    check(lst.status == 200 and "139****5678" in lst.text and "13912345678" not in lst.text
          and "西吉县惠民惠农补贴资金管理办法" in lst.text, "zx-5.17 the unit's Q&A list")
    check("139****5678" in pub.get("/zx/").text, "zx-5.18 the county's Q&A list")
    check("139****5678" not in pub.get("/gk/wjj/zx/").text, "zx-5.19 not in another unit's list")
    check(pub.get("/gk/nosuch/zx/").status == 404, "zx-5.20 unknown unit 404")
    t = pub.get("/zx/" + code1)
    check("已答复" in t.text and "139****5678" in t.text, "zx-5.21 tracking page shows the answer")
    mails = db_rows(srv, "SELECT subject, body_text FROM mail_outbox WHERE to_addr=? ORDER BY id", ("zhangsan@example.com",))
    check(len(mails) == 2 and "已答复" in mails[1][0] and answer in mails[1][1], "zx-5.22 answer mailed to the asker")
    audit = db_rows(srv, "SELECT user_name, action FROM audit WHERE target=?", ("question:%d" % qid1,))
    check(audit == [("czj_editor", "question_answer")], "zx-5.23 audit log (%s)" % audit)

    # zx-6: not for publication, with a reason told to the asker
    r = ask(pub, policy, "10.6.0.1", {"email": "wangwu@example.com", "question": "我家的补贴为什么没到账？"})
    qid3, code3 = r.json()["id"], r.json()["code"]
    r = ed.post("/api/v1/questions/%d/private" % qid3, {"reason": ""})
    check(r.status == 400, "zx-6.1 a reason is required")
    r = other.post("/api/v1/questions/%d/private" % qid3, {"reason": "x"})
    check(r.status == 403, "zx-6.2 another unit 403")
    r = ed.post("/api/v1/questions/%d/private" % qid3, {"reason": "涉及个人补贴发放情况，已电话联系本人", "reply": "已核实，补贴将于下月发放。"})
    check(r.status == 200 and r.json()["state"] == "private", "zx-6.3 marked not for publication")
    t = pub.get("/zx/" + code3)
    check("不予公开" in t.text and "涉及个人补贴发放情况" in t.text and "下月发放" not in t.text,
          "zx-6.4 tracking page: the reason, not the private reply")
    check("为什么没到账" not in pub.get("/items/%d" % policy).text, "zx-6.5 not on the policy page")
    mails = db_rows(srv, "SELECT body_text FROM mail_outbox WHERE to_addr=? ORDER BY id", ("wangwu@example.com",))
    check(len(mails) == 2 and "涉及个人补贴发放情况" in mails[1][0] and "下月发放" in mails[1][0],
          "zx-6.6 reason (and private reply) mailed")
    r = ed.post("/api/v1/questions/%d/private" % qid1, {"reason": "误含个人信息，撤下"})
    check(r.status == 200 and "139****5678" not in pub.get("/items/%d" % policy).text,
          "zx-6.7 a published answer taken down leaves the page at once")
    check(ed.post("/api/v1/questions/%d/answer" % qid3, {"answer": "x"}).status == 409, "zx-6.8 closed: no answer")

    # zx-7: overdue questions in the back office, answered through the form
    r = ask(pub, policy, "10.7.0.1", {"email": "zhao@example.com", "question": "逾期的问题"})
    qid4 = r.json()["id"]
    db_exec(srv, "UPDATE question SET due='2020-01-06' WHERE id=?", (qid4,))
    queue = ed.get("/admin/questions")
    check(queue.status == 200 and "逾期的问题" in queue.text and "已逾期" in queue.text
          and 'id="q-%d"' % qid4 in queue.text, "zx-7.1 queue shows the overdue question")
    check(queue.text.index('id="q-%d"' % qid4) < queue.text.index("申请流程是什么"), "zx-7.2 overdue first")
    check("zhao@example.com" in queue.text, "zx-7.3 staff see the e-mail")
    dash = ed.get("/admin")
    check(dash.status == 200 and "政策咨询" in dash.text and "已逾期" in dash.text and "逾期的问题" not in dash.text
          and "惠民惠农补贴资金管理办法" in dash.text, "zx-7.4 dashboard block lists it")
    check('href="/admin/questions"' in dash.text, "zx-7.5 navigation link")
    check("逾期的问题" not in other.get("/admin/questions").text, "zx-7.6 not in another unit's queue")
    check(pub.get("/admin/questions").status == 303, "zx-7.7 queue needs login")
    csrf = hidden(queue.text, "csrf")
    r = ed.form("/admin/questions/%d/answer" % qid4, {"csrf": csrf, "answer": ""})
    check(r.status == 400 and "请填写答复内容" in r.text, "zx-7.8 empty form answer: 400 with the queue")
    r = ed.form("/admin/questions/%d/answer" % qid4, {"answer": "无令牌"})
    check(r.status == 403, "zx-7.9 form without csrf 403")
    r = ed.form("/admin/questions/%d/answer" % qid4, {"csrf": csrf, "answer": "已按期办理。"})
    check(r.status == 303 and "ok=answered" in (r.header("Location") or ""), "zx-7.10 form answer")
    check("已按期办理" in pub.get("/items/%d" % policy).text, "zx-7.11 on the policy page")
    ocsrf = hidden(other.get("/admin").text, "csrf")
    r = other.form("/admin/questions/%d/private" % qid4, {"csrf": ocsrf, "reason": "x"})
    check(r.status == 403, "zx-7.12 another unit's editor 403 by form too")
    check(ed.get("/admin/questions?state=answered").status == 200 and
          "已按期办理" in ed.get("/admin/questions?state=answered").text, "zx-7.13 answered filter")

    # zx-8: the mails reach the asker through SMTP
    def delivered(addr):
        return [email.message_from_bytes(m[2], policy=email.policy.default)
                for m in list(sink.messages) if m[1] and m[1][0] == addr]
    end = time.time() + 20
    while time.time() < end and len(delivered("zhangsan@example.com")) < 3:
        time.sleep(0.2)
    got = delivered("zhangsan@example.com")
    subjects = [str(m["Subject"]) for m in got]
    check(len(got) == 3, "zx-8.1 receipt, answer and take-down mails delivered (%s)" % subjects)
    if got:
        body = got[0].get_body(preferencelist=("plain",)).get_content()
        pretty = code1[:4] + "-" + code1[4:8] + "-" + code1[8:]
        check(("政策咨询已收到（查询码 %s）" % pretty) in subjects[0] and "/zx/" + code1 in body and "张三，您好" in body,
              "zx-8.2 the receipt: subject in Chinese, code, status link")
    if len(got) > 1:
        body = got[1].get_body(preferencelist=("plain",)).get_content()
        check("已答复" in subjects[1] and "13912345678" in body, "zx-8.3 the answer as written goes to the asker")
    check(not delivered("bot@example.com"), "zx-8.4 nothing for the honeypot")
finally:
    check(srv.stop() == 0, "zx-9.1 clean stop")
    sink.stop()
done()
