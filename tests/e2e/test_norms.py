"""test_norms.py: the 规章和规范性文件库 through the public pages and the JSON API: the
demo library (terms that ended are 已失效), filters and their validation, registration,
amendment and repeal with rights, review campaigns, and validity on item pages."""
import datetime
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Server, check, columns, done  # noqa: E402

TODAY = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date().isoformat()

srv = Server()
try:
    pub = srv.client()
    ed = srv.client()
    rv = srv.client()
    adm = srv.client()
    other = srv.client()
    check(ed.login("czj_editor").status == 200, "nm-0.1 editor logs in")
    check(rv.login("czj_reviewer").status == 200, "nm-0.2 reviewer logs in")
    check(adm.login("admin").status == 200, "nm-0.3 admin logs in")
    check(other.login("wjj_reviewer").status == 200, "nm-0.4 other unit logs in")

    # nm-1: the demo library
    r = pub.get("/api/v1/norms")
    check(r.status == 200 and r.json()["total"] == 7, "nm-1.1 seven demo documents (got %s)" % r.text[:100])
    states = {n["docno"]: n["state"] for n in r.json()["norms"]}
    check(states.get("西政发〔2021〕9号") == "已失效" and states.get("西政发〔2021〕61号") == "有效",
          "nm-1.2 a term that ended is 已失效; the 2021 decision is in force")
    page = pub.get("/gfxwj")
    check(page.status == 200 and "规章和规范性文件库" in page.text, "nm-1.3 the library page")
    check("西政发〔2021〕61号" in page.text and "西政发〔2021〕9号" not in page.text,
          "nm-1.4 by default only documents in force")
    page = pub.get("/gfxwj?state=all")
    check("西政发〔2021〕9号" in page.text and "已失效" in page.text, "nm-1.5 state=all lists every one")
    check("西财发〔2021〕15号" in pub.get("/gfxwj?state=all&unit=czj").text and
          "西政发〔2021〕61号" not in pub.get("/gfxwj?state=all&unit=czj").text, "nm-1.6 unit filter")
    check("西政发〔2021〕9号" in pub.get("/gfxwj?state=all&q=%E6%98%A5%E8%80%95").text, "nm-1.7 title filter (春耕)")
    for bad in ({"state": "作废"}, {"year": "abc"}, {"type": "法律"}, {"page": "0"}, {"q": "长" * 60}):
        check(pub.get("/gfxwj?" + urllib.parse.urlencode(bad)).status == 400, "nm-1.8 bad filter %r → 400" % list(bad))
    nine = [n for n in r.json()["norms"] if n["docno"] == "西政发〔2021〕9号"][0]
    item = pub.get("/items/%d" % nine["id"]).text
    check("文件效力" in item and "有效期至：2021-12-31" in item and "已失效" in item,
          "nm-1.9 the item page shows the validity and its history")
    check(pub.get("/api/v1/norms/%d" % nine["id"]).json()["history"][0]["to"] == "已失效",
          "nm-1.10 history in the API")

    # nm-2: a new document registered, amended, repealed
    cols = columns(pub, "czj")
    def publish(title):
        r = ed.post("/api/v1/items", {"unit": "czj", "column": cols["gzgfxwj"], "title": title, "body": "正文"})
        iid = r.json()["id"]
        ed.post("/api/v1/items/%d/submit" % iid)
        rv.post("/api/v1/items/%d/approve" % iid)
        return iid
    d1 = publish("西吉县县级预算绩效管理办法")
    d2 = publish("西吉县财政局关于修改《西吉县县级预算绩效管理办法》的决定")
    body = {"issued_at": TODAY, "effective_at": TODAY, "expires_at": None}
    check(pub.request("PUT", "/api/v1/norms/%d" % d1, body).status in (401, 403), "nm-2.1 anonymous refused")
    check(other.request("PUT", "/api/v1/norms/%d" % d1, body).status == 403, "nm-2.2 other unit refused")
    check(ed.request("PUT", "/api/v1/norms/%d" % d1, dict(body, effective_at="2020-01-01")).status == 400,
          "nm-2.3 in force before issued → 400")
    check(ed.request("PUT", "/api/v1/norms/%d" % d1, dict(body, issued_at="2024-02-30")).status == 400,
          "nm-2.4 bad date → 400")
    check(ed.request("PUT", "/api/v1/norms/%d" % d1, {"issued_at": 5}).status == 400, "nm-2.5 wrong type → 400")
    r = ed.request("PUT", "/api/v1/norms/%d" % d1, body)
    check(r.status == 200 and r.json()["state"] == "有效" and r.json()["expires_at"] is None,
          "nm-2.6 registered (got %d %s)" % (r.status, r.text[:150]))
    check(ed.post("/api/v1/norms/%d/state" % d1, {"state": "已修改", "by": d2, "date": TODAY}).status == 403,
          "nm-2.7 an editor may not change the state")
    check(rv.post("/api/v1/norms/%d/state" % d1, {"state": "已修改", "date": TODAY}).status == 400,
          "nm-2.8 amendment needs the amending document")
    r = rv.post("/api/v1/norms/%d/state" % d1, {"state": "已修改", "by": d2, "date": TODAY, "note": "第三条修改"})
    check(r.status == 200 and r.json()["state"] == "已修改" and r.json()["by"] == d2, "nm-2.9 amended")
    check(rv.post("/api/v1/norms/%d/state" % d1, {"state": "已修改", "by": d2, "date": TODAY}).status == 409,
          "nm-2.10 the same state again → 409")
    page = pub.get("/items/%d" % d1).text
    check("已修改" in page and 'href="/items/%d"' % d2 in page, "nm-2.11 the page names the amending document")
    check("西吉县县级预算绩效管理办法" in pub.get("/gfxwj?state=%E5%B7%B2%E4%BF%AE%E6%94%B9").text,
          "nm-2.12 listed under 已修改")

    # nm-3: review campaigns
    check(ed.post("/api/v1/norm-reviews", {"name": "清理", "year": 2026}).status == 403, "nm-3.1 admins only")
    r = adm.post("/api/v1/norm-reviews", {"name": "2026年规范性文件清理", "year": 2026})
    check(r.status == 201, "nm-3.2 campaign created")
    rid = r.json()["id"]
    check(ed.post("/api/v1/norm-reviews/%d/results" % rid, {"item": d1, "result": "保留"}).status == 400,
          "nm-3.3 unknown result → 400")
    r = ed.post("/api/v1/norm-reviews/%d/results" % rid, {"item": d1, "result": "废止", "note": "已被新办法替代"})
    check(r.status == 200 and r.json()["state"] == "已废止", "nm-3.4 废止 repeals it")
    check(pub.get("/api/v1/norms?state=%E5%B7%B2%E5%BA%9F%E6%AD%A2").json()["total"] >= 1, "nm-3.5 listed as 已废止")
    check(pub.get("/api/v1/norms/999999").status == 404, "nm-3.6 unknown → 404")
finally:
    srv.stop()
done()
