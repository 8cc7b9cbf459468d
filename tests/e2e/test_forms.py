"""test_forms.py: the back office through its HTML forms (no JavaScript): login with the
form token, draft, submit, approve, attachment upload and download, form CSRF, the page
cache invalidated by publication, and Chinese error pages."""
import os
import re
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import DEMO_PW, Server, check, columns, done  # noqa: E402


def hidden(html, name):
    m = re.search(r'name="%s" value="([^"]*)"' % name, html)
    return m.group(1) if m else None


def form_login(c, name):
    page = c.get("/admin/login")
    tok = hidden(page.text, "form_token")
    r = c.form("/admin/login", {"form_token": tok, "name": name, "password": DEMO_PW})
    dash = c.get("/admin")
    return r, dash, hidden(dash.text, "csrf")


def multipart(fields, files):
    boundary = "----zwgk" + uuid.uuid4().hex
    out = b""
    for k, v in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, k, v)).encode()
    for k, (fname, data, ctype) in files.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                % (boundary, k, fname, ctype)).encode() + data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return out, "multipart/form-data; boundary=" + boundary


srv = Server()
try:
    pub = srv.client()
    ed = srv.client()
    rv = srv.client()

    # fm-1: login form
    r = pub.form("/admin/login", {"name": "czj_editor", "password": DEMO_PW})
    check(r.status == 403 and "页面已过期" in r.text, "fm-1.1 login without form token refused (%d)" % r.status)
    r, dash, csrf = form_login(ed, "czj_editor")
    check(r.status == 303 and dash.status == 200 and "工作台" in dash.text and csrf, "fm-1.2 form login")
    check(pub.get("/admin").status == 303, "fm-1.3 dashboard needs login")
    bad = srv.client()
    page = bad.get("/admin/login")
    r = bad.form("/admin/login", {"form_token": hidden(page.text, "form_token"), "name": "czj_editor", "password": "nope"})
    check(r.status == 401 and "用户名或密码错误" in r.text, "fm-1.4 wrong password shown in Chinese")
    _, _, rcsrf = form_login(rv, "czj_reviewer")

    # fm-2: the page cache shows new publications at once
    before = pub.get("/gk/czj/yjs/")
    check(before.status == 200, "fm-2.1 column page")
    etag_before = before.header("ETag")

    # fm-3: draft through the form, with a validation error first
    cols = columns(pub, "czj")
    title = "2026年县财政局部门预算公开 " + uuid.uuid4().hex[:6]
    r = ed.form("/admin/items", {"csrf": csrf, "column": cols["yjs"], "title": "", "body": "x"})
    check(r.status == 400 and "标题" in r.text, "fm-3.1 empty title: 400 with the form again")
    r = ed.form("/admin/items", {"column": cols["yjs"], "title": title, "body": "x"})
    check(r.status == 403, "fm-3.2 form without csrf field 403")
    r = ed.form("/admin/items", {"csrf": csrf, "column": cols["yjs"], "title": title,
                                 "docno": "西财发〔2026〕9号", "written_at": "2026-11-20",
                                 "body": "一、预算收入\n\n收入合计1200万元。\n\n二、预算支出\n\n支出合计1200万元。",
                                 "format": "text"})
    check(r.status == 303, "fm-3.3 create redirects")
    m = re.search(r"/admin/items/(\d+)", r.header("Location") or "")
    iid = int(m.group(1)) if m else 0
    edit = ed.get("/admin/items/%d" % iid)
    check(edit.status == 200 and title in edit.text and "草稿" in edit.text, "fm-3.4 editor page shows the draft")

    # fm-3.5: the paste box fills the form from a whole 公文, with the reviewer's warnings
    seed = open(os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "seed",
                             "xiji-2021-zwgk-yaodian.txt"), encoding="utf-8").read()
    r = ed.form("/admin/items/parse", {"csrf": csrf, "column": cols["yjs"], "gongwen": seed, "title": ""})
    check(r.status == 200, "fm-3.5 paste box answers (%d)" % r.status)
    check('value="西吉县人民政府办公室关于印发《西吉县2021年政务公开工作要点》的通知"' in r.text, "fm-3.6 title recognised")
    check('value="西政办发〔2021〕39号"' in r.text and 'value="2021-06-15"' in r.text, "fm-3.7 文号 and 成文日期")
    check("印发日期（2020-06-15）早于成文日期（2021-06-15）" in r.text, "fm-3.8 date inconsistency shown")
    check("规范信息公示" in r.text, "fm-3.9 page-break fragment joined in the body")
    r = ed.form("/admin/items/parse", {"csrf": csrf, "gongwen": "  "})
    check(r.status == 400 and "请先" in r.text, "fm-3.10 empty paste explained")

    # fm-4: attachment upload (multipart) and refusal of a bad type
    body, ctype = multipart({"csrf": csrf}, {"file": ("预算表.pdf", b"%PDF-1.4\n\x00\x01binary\r\n--x\r\n", "application/pdf")})
    r = ed.request("POST", "/admin/items/%d/attachments" % iid, body, ctype=ctype, csrf=False)
    check(r.status == 303, "fm-4.1 attachment uploaded (%d)" % r.status)
    body, ctype = multipart({"csrf": csrf}, {"file": ("evil.html", b"<script>", "text/html")})
    r = ed.request("POST", "/admin/items/%d/attachments" % iid, body, ctype=ctype, csrf=False)
    check(r.status == 400 and "不支持的附件类型" in r.text, "fm-4.2 html attachment refused")

    # fm-5: submit, approve by form
    r = ed.form("/admin/items/%d/submit" % iid, {"csrf": csrf})
    check(r.status == 303, "fm-5.1 submit")
    r = ed.form("/admin/items/%d/approve" % iid, {"csrf": csrf})
    check(r.status == 403, "fm-5.2 editor cannot approve by form")
    queue = rv.get("/admin/review")
    check(title in queue.text, "fm-5.3 review queue lists it")
    r = rv.form("/admin/items/%d/approve" % iid, {"csrf": rcsrf})
    check(r.status == 303 and "published" in (r.header("Location") or ""), "fm-5.4 approve")

    after = pub.get("/gk/czj/yjs/")
    check(title in after.text and after.header("ETag") != etag_before, "fm-5.5 cached column page shows the new item")
    home = pub.get("/")
    check(title in home.text, "fm-5.6 home page shows it")
    page = pub.get("/items/%d" % iid)
    check(page.status == 200 and "<h2>一、预算收入</h2>" in page.text, "fm-5.7 公文 text rendered with headings")
    m = re.search(r'href="(/attachments/\d+)"', page.text)
    check(m is not None, "fm-5.8 attachment listed")
    if m:
        a = pub.get(m.group(1))
        check(a.status == 200 and a.body.startswith(b"%PDF-1.4\n\x00\x01binary"), "fm-5.9 attachment bytes intact")
        check(a.header("Content-Type") == "application/pdf", "fm-5.10 stored type")
        check("attachment;" in (a.header("Content-Disposition") or "") and "%E9%A2%84" in a.header("Content-Disposition"),
              "fm-5.11 Content-Disposition with UTF-8 name")
        check(a.header("X-Content-Type-Options") == "nosniff", "fm-5.12 nosniff")

    # fm-6: withdraw by form, the public notice
    r = rv.form("/admin/items/%d/withdraw" % iid, {"csrf": rcsrf, "reason": ""})
    check(r.status == 400, "fm-6.1 withdrawal needs a reason")
    r = rv.form("/admin/items/%d/withdraw" % iid, {"csrf": rcsrf, "reason": "预算已调整"})
    check(r.status == 303, "fm-6.2 withdrawn")
    g = pub.get("/items/%d" % iid)
    check(g.status == 410 and "预算已调整" in g.text, "fm-6.3 410 notice")
    check(title not in pub.get("/gk/czj/yjs/").text, "fm-6.4 gone from the cached list")

    # fm-7: Chinese error pages
    r = pub.get("/no/such/page")
    check(r.status == 404 and "页面不存在" in r.text and "<html" in r.text, "fm-7.1 Chinese 404 page")
    r = pub.get("/gk/czj/yjs/?page=abc")
    check(r.status == 400 and "参数 page" in r.text, "fm-7.2 bad page number 400")
    r = pub.get("/items/%d" % iid, headers={"Accept": "text/html"})
    check("撤回" in r.text, "fm-7.3 410 page in Chinese")

    # fm-7.4: a write by another process reaches cached pages within a second or two
    import sqlite3
    import time
    first = pub.get("/items/1")
    con = sqlite3.connect(srv.db, timeout=10)
    con.execute("UPDATE item_version SET title=title||'（外部更新）' WHERE item_id=1")
    con.commit()
    con.close()
    seen = False
    for _ in range(30):
        time.sleep(0.1)
        if "（外部更新）" in pub.get("/items/1").text:
            seen = True
            break
    check(first.status == 200 and seen, "fm-7.4 cache notices another process's commit")

    # fm-8: logout by form
    r = ed.form("/admin/logout", {"csrf": csrf})
    check(r.status == 303, "fm-8.1 logout")
    check(ed.get("/admin").status == 303, "fm-8.2 session ended")
finally:
    check(srv.stop() == 0, "fm-9.1 clean stop")
done()
