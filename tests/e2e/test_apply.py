"""test_apply.py: 依申请公开 end to end: the public form and JSON (form token, honeypot,
rate limit), the tracking page with its deadline explanation and notices, staff entry of
a letter with a hand-counted deadline across 国庆 2021, every staff action with its 409s
and 400s, 401/403 for outsiders and other units, the back-office pages and dashboard,
reviews, and the public register showing only masked, consented answers."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ["ZWGK_APPLY_RATE"] = "12/600"
from lib import Server, check, done  # noqa: E402

EVIL = "<script>\"'&"
BASE = {"unit": "czj", "applicant_type": "natural", "name": "李四", "id_number": "640422199001011234",
        "phone": "13912345678", "email": "lisi@example.com",
        "content": "请公开西吉县2021年耕地地力保护补贴发放标准", "consent": True}

srv = Server()
try:
    pub = srv.client()
    ed = srv.client()
    adm = srv.client()
    other = srv.client()
    check(ed.login("czj_editor").status == 200, "ap-0.1 czj editor logs in")
    check(adm.login("admin").status == 200, "ap-0.2 admin logs in")
    check(other.login("wjj_editor").status == 200, "ap-0.3 other unit's editor logs in")

    # ap-1: the public form
    r = pub.get("/ysqgk")
    check(r.status == 200 and 'name="form_token"' in r.text and 'name="website"' in r.text,
          "ap-1.1 form with token and honeypot")
    check("<script" not in r.text.split("</head>")[1] or "nonce" in r.text, "ap-1.2 no inline script")
    token = re.search(r'name="form_token" value="([^"]+)"', r.text).group(1)
    fields = {"form_token": token, "unit": "czj", "applicant_type": "natural", "name": "王五" + EVIL,
              "id_number": "640422199001015678", "phone": "13712345678", "email": "ww@example.com",
              "content": "请公开补贴名单" + EVIL, "delivery": "email", "form": "electronic"}
    r = pub.form("/ysqgk", dict(fields, form_token="bad"))
    check(r.status == 403, "ap-1.3 forged form token 403 (got %d)" % r.status)
    r = pub.form("/ysqgk", dict(fields, applicant_type="person"))
    check(r.status == 400 and "申请人类型" in r.text and "王五&lt;script&gt;" in r.text,
          "ap-1.4 bad type: 400, form again with the input escaped (got %d)" % r.status)
    r = pub.form("/ysqgk", fields)
    check(r.status == 200 and "您的申请已提交" in r.text, "ap-1.5 receipt page (got %d)" % r.status)
    m = re.search(r'href="/ysqgk/([0-9A-Z]{12})"', r.text)
    check(m is not None, "ap-1.6 tracking link on the receipt")
    code = m.group(1) if m else "X"
    r = pub.get("/ysqgk/" + code)
    check(r.status == 200 and "期限是怎样计算的" in r.text and "收到申请之日" in r.text
          and "登记回执" in r.text, "ap-1.7 tracking page: explanation and the receipt notice")
    check("640422199001015678" not in r.text and "13712345678" not in r.text and "ww@example.com" not in r.text,
          "ap-1.8 tracking page shows no ID number or contacts")
    check("<script>\"'&" not in r.text and "&lt;script&gt;" in r.text, "ap-1.9 escaped on the tracking page")
    check(pub.get("/ysqgk/" + code.lower()).status in (302, 303), "ap-1.10 lower-case code redirects")
    check(pub.get("/ysqgk/ZZZZZZZZZZZZ").status == 404, "ap-1.11 unknown code 404")
    check(pub.get("/ysqgk?code=" + code).status in (302, 303), "ap-1.12 code box redirects")

    # ap-2: the public JSON API
    r = pub.post("/api/v1/applications", BASE)
    check(r.status == 201 and len(r.json()["code"]) == 12 and re.match(r"\d{4}-\d\d-\d\d$", r.json()["deadline"]),
          "ap-2.1 JSON application: code and ISO deadline (got %d %s)" % (r.status, r.text[:200]))
    jcode = r.json()["code"]
    for bad, what in ((dict(BASE, applicant_type="company"), "type"), (dict(BASE, content=""), "content"),
                      (dict(BASE, channel="letter"), "channel"), (dict(BASE, email="x@"), "email"),
                      (dict(BASE, consent="yes"), "consent type"), (dict(BASE, phone=None, email=None), "contact")):
        r = pub.post("/api/v1/applications", bad)
        check(r.status == 400 and r.json()["error"]["message"], "ap-2.2 bad %s → 400 (got %d)" % (what, r.status))
    r = pub.post("/api/v1/applications", "not json", ctype="application/json")
    check(r.status == 400, "ap-2.3 malformed JSON 400")
    before = ed.get("/api/v1/applications?state=all").json()["total"]
    r = pub.post("/api/v1/applications", dict(BASE, website="http://spam"))
    check(r.status == 201 and r.json()["code"], "ap-2.4 honeypot gets a normal-looking receipt")
    check(ed.get("/api/v1/applications?state=all").json()["total"] == before, "ap-2.5 … and nothing is stored")

    # ap-3: privacy
    check(pub.get("/api/v1/applications").status == 401, "ap-3.1 anonymous list 401")
    lst = ed.get("/api/v1/applications?state=all").json()
    jid = [a for a in lst["applications"] if a["name"] == "李四"][0]["id"]
    check(pub.get("/api/v1/applications/%d" % jid).status == 401, "ap-3.2 anonymous case 401")
    r = other.get("/api/v1/applications/%d" % jid)
    check(r.status == 403 and "受理单位" in r.json()["error"]["message"], "ap-3.3 another unit's staff 403")
    check(other.post("/api/v1/applications/%d/extend" % jid, {"reason": "x"}).status == 403,
          "ap-3.4 another unit may not act 403")
    check(other.get("/admin/applications/%d" % jid).status == 403, "ap-3.5 another unit's case page 403")
    check(all(a["unit"] == "wjj" for a in other.get("/api/v1/applications?state=all").json()["applications"]),
          "ap-3.6 another unit's list is its own")
    check(other.get("/api/v1/applications?unit=czj").status == 403, "ap-3.7 another unit's filter 403")
    check(adm.get("/api/v1/applications/%d" % jid).status == 200, "ap-3.8 admin sees it")

    # ap-4: a letter entered by staff, 国庆 2021 counted by hand:
    # received Fri 09-24; Sun 09-26 (调休) 1, 09-27..30 2-5, 10-08 6, Sat 10-09 (调休) 7,
    # 10-11..15 8-12, 10-18..22 13-17, 10-25..27 18-20 → 2021-10-27.
    letter = dict(BASE, channel="letter", submitted_at="2021-09-24", name="赵六", phone="13612345678",
                  email="zl@example.com", content="请公开2021年惠民补贴发放名单（赵六，13612345678）")
    r = other.post("/api/v1/applications", letter)
    check(r.status == 403, "ap-4.0 staff enter only for their unit (got %d)" % r.status)
    r = ed.post("/api/v1/applications", letter)
    check(r.status == 201, "ap-4.1 letter entered (got %d %s)" % (r.status, r.text[:200]))
    a = r.json()
    lid = a["id"]
    check(a["received_on"] == "2021-09-24" and a["deadline"] == "2021-10-27" and a["state"] == "processing",
          "ap-4.2 receipt date and deadline (got %s %s)" % (a.get("received_on"), a.get("deadline")))
    ex = a["deadline_explained"]
    check("签收" in ex and "国庆节 2021-10-01 至 2021-10-07" in ex and "2021-09-26（星期日）" in ex
          and "2021-10-09（星期六）" in ex and "答复期限为 2021-10-27（星期三）" in ex,
          "ap-4.3 deadline_explained: receipt rule, holidays, 调休 days, result")
    check(len([d for d in a["deadline_days"] if d["kind"] == "counted"]) == 20, "ap-4.4 day-by-day: 20 counted")
    check([e["kind"] for e in a["events"]] == ["received"] and a["notices"][0]["kind"] == "receipt",
          "ap-4.5 history and receipt notice")
    check(a["case_no"].startswith("czj-2021-"), "ap-4.6 case number")

    def act(action, body=None, who=ed):
        return who.post("/api/v1/applications/%d/%s" % (lid, action), body or {})

    def conflict(action, body, what):
        r = act(action, body)
        check(r.status == 409 and r.json()["error"]["message"], "%s → 409 (got %d %s)" % (what, r.status, r.text[:120]))

    conflict("corrected", {"date": "2021-09-27"}, "ap-5.1 corrected without a correction")
    conflict("consulted", {"date": "2021-09-27"}, "ap-5.2 consulted without a consultation")
    conflict("paid", {"date": "2021-09-27"}, "ap-5.3 paid without a fee")
    conflict("deliver", {"date": "2021-09-27"}, "ap-5.4 deliver before the reply")
    conflict("correction", {"date": "2021-10-11", "text": "请说明年份"}, "ap-5.5 correction after 7 WD")
    check(act("correction", {"date": "2021-09-28"}).status == 400, "ap-5.6 correction without text 400")
    check(act("nonsense").status == 404, "ap-5.7 unknown action 404")
    r = act("correction", {"date": "2021-09-28", "text": "请说明所需信息的具体年份", "days": 10})
    check(r.status == 200 and r.json()["state"] == "correction" and r.json()["deadline"] is None
          and r.json()["pending_due"] == "2021-10-18", "ap-5.8 correction: clock stops, due 10-18")
    conflict("correction", {"date": "2021-09-29", "text": "再补"}, "ap-5.9 second correction")
    conflict("reply", {"date": "2021-09-29", "outcome": "granted", "text": "x"}, "ap-5.10 reply while waiting")
    r = act("corrected", {"date": "2021-10-12"})
    check(r.status == 200 and r.json()["deadline"] == "2021-11-09" and "重新计算" in r.json()["deadline_explained"],
          "ap-5.11 corrected 10-12: 20 WD restart → 11-09")
    check(act("consult", {"date": "2021-10-13"}).status == 400, "ap-5.12 consult without a party 400")
    r = act("consult", {"date": "2021-10-13", "party": "西吉县某商贸公司"})
    check(r.status == 200 and r.json()["state"] == "consulting" and r.json()["deadline"] is None, "ap-5.13 consulting")
    conflict("reply", {"date": "2021-10-14", "outcome": "granted", "text": "x"}, "ap-5.14 reply while consulting")
    conflict("extend", {"date": "2021-10-14", "reason": "x"}, "ap-5.15 extend while consulting")
    r = act("consulted", {"date": "2021-10-20", "text": "同意公开"})
    check(r.status == 200 and r.json()["deadline"] == "2021-11-16" and r.json()["paused_days"] == 5,
          "ap-5.16 consultation 10-13..10-20: 5 WD not counted → 11-16 (got %s)" % r.json().get("deadline"))
    check(act("extend", {"date": "2021-10-21", "days": 25, "reason": "x"}).status == 400, "ap-5.17 extend 25 → 400")
    check(act("extend", {"date": "2021-10-21", "days": 10}).status == 400, "ap-5.18 extend without reason 400")
    r = act("extend", {"date": "2021-10-21", "days": 10, "reason": "需要调取档案"})
    check(r.status == 200 and r.json()["deadline"] == "2021-11-30" and r.json()["extended_days"] == 10,
          "ap-5.19 extended 10 WD → 11-30 (got %s)" % r.json().get("deadline"))
    conflict("extend", {"date": "2021-10-21", "days": 5, "reason": "再延"}, "ap-5.20 second extension")
    check(act("fee", {"date": "2021-10-22", "basis": "piece", "count": 5}).status == 400, "ap-5.21 free quota 400")
    r = act("fee", {"date": "2021-10-22", "basis": "piece", "count": 12})
    check(r.status == 200 and r.json()["state"] == "fee" and r.json()["events"][-1]["amount"] == 200,
          "ap-5.22 fee notice: 200 yuan, paused")
    r = act("paid", {"date": "2021-10-26"})
    check(r.status == 200 and r.json()["deadline"] == "2021-12-02" and r.json()["paused_days"] == 7,
          "ap-5.23 paid 10-26: 10-25, 10-26 not counted → 12-02 (got %s)" % r.json().get("deadline"))
    check(act("reply", {"date": "2021-11-01", "outcome": "yes", "text": "x"}).status == 400, "ap-5.24 bad outcome 400")
    check(act("reply", {"date": "2021-11-01", "outcome": "granted"}).status == 400, "ap-5.25 reply without text 400")
    conflict("reply", {"date": "2021-11-01", "outcome": "partial", "text": "x", "publish": True},
             "ap-5.26 publishing a partial answer")
    r = act("reply", {"date": "2021-11-01", "outcome": "granted", "publish": True,
                      "text": "经查，补贴名单已公开，赵六（13612345678）可在本机关网站查阅。"})
    check(r.status == 200 and r.json()["state"] == "replied" and r.json()["outcome"] == "granted"
          and r.json()["published"] is True, "ap-5.27 replied and published")
    conflict("reply", {"date": "2021-11-02", "outcome": "granted", "text": "x"}, "ap-5.28 second reply")
    r = act("deliver", {"date": "2021-11-02", "text": "电子邮件"})
    check(r.status == 200 and r.json()["state"] == "delivered", "ap-5.29 delivered")
    kinds = [n["kind"] for n in r.json()["notices"]]
    check(kinds == ["receipt", "correction", "extension", "fee", "reply"], "ap-5.30 notices kept (got %r)" % kinds)
    check(all(n["mailed"] for n in r.json()["notices"]), "ap-5.31 mailed (applicant chose e-mail)")
    check([e["kind"] for e in r.json()["events"]] == ["received", "correction", "corrected", "consult", "consulted",
                                                      "extend", "fee", "paid", "reply", "deliver"],
          "ap-5.32 the event log")
    check(act("reply", "bad").status == 400, "ap-5.33 non-JSON body 400")

    # ap-6: reviews for table 四
    r = act("review", {"kind": "reconsideration", "result": "upheld", "date": "2021-11-20"})
    check(r.status == 200 and r.json()["reviews"][0]["result"] == "upheld", "ap-6.1 reconsideration recorded")
    check(act("review", {"kind": "appeal", "result": "upheld"}).status == 400, "ap-6.2 bad kind 400")
    r = act("review", {"kind": "litigation", "result": "pending", "after_reconsideration": True})
    check(r.status == 200 and r.json()["reviews"][1]["after_reconsideration"] is True, "ap-6.3 litigation recorded")

    # ap-7: the register: only masked, consented, granted answers
    reg = pub.get("/ysqgk/register").text
    check(a["case_no"] in reg, "ap-7.1 the published answer is listed under its case number")
    check("赵六" not in reg and "13612345678" not in reg and "zl@example.com" not in reg, "ap-7.2 no name or contacts")
    # a granted answer without consent cannot be published; one not published stays out
    r = ed.post("/api/v1/applications", dict(letter, consent=False, name="孙七", content="请公开某文件"))
    nid = r.json()["id"]
    r = ed.post("/api/v1/applications/%d/reply" % nid, {"outcome": "granted", "text": "孙七的答复", "publish": True})
    check(r.status == 409, "ap-7.3 no consent → 409")
    r = ed.post("/api/v1/applications/%d/reply" % nid, {"outcome": "granted", "text": "孙七的答复"})
    check(r.status == 200 and r.json()["published"] is False, "ap-7.4 replied without publishing")
    reg = pub.get("/ysqgk/register").text
    check(r.json()["case_no"] not in reg and "孙七" not in reg, "ap-7.5 not in the register")

    # ap-8: back-office pages
    r = ed.get("/admin/applications")
    check(r.status == 200 and "依申请公开" in r.text, "ap-8.1 staff list")
    r = ed.get("/admin/applications?state=all")
    check(a["case_no"] in r.text, "ap-8.2 all cases list the letter")
    r = ed.get("/admin/applications/%d" % lid)
    check(r.status == 200 and "逐日计算表" in r.text and "重新计算" in r.text and "赵六" in r.text,
          "ap-8.3 case page with the explanation and applicant")
    r = ed.get("/admin")
    check(r.status == 200 and "/admin/applications" in r.text and "办理中" in r.text, "ap-8.4 dashboard block and nav")
    r = adm.get("/admin/applications")
    check(r.status == 200 and "各单位办理情况" in r.text, "ap-8.5 admin sees per-unit counts")
    r = ed.get("/admin/applications/new")
    check(r.status == 200 and 'name="channel"' in r.text, "ap-8.6 staff entry form")
    r = ed.request("POST", "/admin/applications", "csrf=%s&unit=czj&channel=counter&submitted_at=2021-09-24&"
                   "applicant_type=research&name=%%E7%%A0%%94%%E7%%A9%%B6%%E6%%89%%80&id_number=12640000X&"
                   "address=x&content=y&delivery=pickup" % ed.csrf, ctype="application/x-www-form-urlencoded")
    check(r.status == 303 and "/admin/applications/" in (r.header("Location") or ""), "ap-8.7 staff form creates a case")
    r = ed.request("POST", "/admin/applications/%d/extend" % nid, "csrf=%s&reason=x" % ed.csrf,
                   ctype="application/x-www-form-urlencoded")
    check(r.status == 409 and "已答复" in r.text, "ap-8.8 form action in the wrong state: 409 page")
    check(adm.get("/admin/applications/templates").status == 200, "ap-8.9 template editor (admin)")
    check(ed.get("/admin/applications/templates").status == 403, "ap-8.10 template editor: editors 403")
    r = adm.request("POST", "/admin/applications/templates",
                    "csrf=%s&kind=receipt&title=%%E5%%9B%%9E%%E6%%89%%A7&body={%%E7%%94%%B3%%E8%%AF%%B7%%E4%%BA%%BA}%%EF%%BC%%9A%%E5%%B7%%B2%%E7%%99%%BB%%E8%%AE%%B0"
                    % adm.csrf, ctype="application/x-www-form-urlencoded")
    check(r.status == 303, "ap-8.11 template saved")
    r = ed.post("/api/v1/applications", dict(letter, name="周八"))
    check(r.status == 201 and r.json()["notices"][0]["text"] == "周八：已登记", "ap-8.12 new notices use the edited template")

    # ap-9: the rate limit on public submissions (12 per 10 minutes in this test; refused
    # input takes no token, so at most 12 - 3 more are accepted)
    got429 = False
    for _ in range(15):
        r = pub.post("/api/v1/applications", BASE)
        if r.status == 429:
            got429 = True
            break
    check(got429 and r.header("Retry-After"), "ap-9.1 public submissions are rate limited (429)")
finally:
    srv.stop()
done()
