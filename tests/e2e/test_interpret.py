"""test_interpret.py: policies and interpretations through the JSON API and the pages:
fields and their validation, links both ways, the 政策解读 area, reposts, the
interpretation stats against hand-counted demo figures and fresh items, and the
back-office dashboard with its SVG charts."""
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Server, check, columns, done  # noqa: E402

# Publication dates are China dates (UTC+8).
TODAY = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()
YEAR = TODAY.year

srv = Server()
try:
    pub = srv.client()
    ed = srv.client()
    rv = srv.client()
    adm = srv.client()
    other = srv.client()
    check(ed.login("czj_editor").status == 200, "in-0.1 editor logs in")
    check(rv.login("czj_reviewer").status == 200, "in-0.2 reviewer logs in")
    check(adm.login("admin").status == 200, "in-0.3 admin logs in")
    check(other.login("wjj_editor").status == 200, "in-0.4 other unit's editor logs in")
    cols = columns(pub, "czj")

    # in-1: the demo figures for 2021, counted by hand from data/demo/items.txt
    r = pub.get("/api/v1/stats/interpretation?year=2021")
    check(r.status == 200, "in-1.1 stats 200")
    s = r.json()
    c = s["county"]
    check((c["policies"], c["interpreted"], c["major"], c["major_diversified"], c["graphic"]) == (11, 6, 5, 2, 2),
          "in-1.2 county 2021: 11 policies, 6 interpreted, 5 major, 2 diversified, 2 graphic (got %r)" % (
              [c[k] for k in ("policies", "interpreted", "major", "major_diversified", "graphic")],))
    check(abs(c["coverage"] - 6 / 11) < 1e-3 and abs(c["diversified_ratio"] - 0.4) < 1e-3,
          "in-1.3 county ratios")
    units = {u["unit"]: u for u in s["units"]}
    check(units["jtj"]["coverage"] == 0 and len(units["jtj"]["missing"]) == 2, "in-1.4 jtj interpreted none of 2")
    check(s["units"][0]["unit"] == "jtj", "in-1.5 worst unit first")
    check(units["zrzyj"]["followup"] == 1 and units["zrzyj"]["graphic"] == 1, "in-1.6 zrzyj graphic and follow-up")
    check(len(c["missing"]) == 5 and all(m["url"].startswith("/items/") for m in c["missing"]),
          "in-1.7 five policies lack an interpretation, linked")
    check(pub.get("/api/v1/stats/interpretation?year=1999").status == 400, "in-1.8 absurd year 400")
    check(pub.get("/api/v1/stats/interpretation?year=abc").status == 400, "in-1.9 malformed year 400")

    # in-2: a policy through the API, with its validation
    base = {"unit": "czj", "column": cols["gzgfxwj"], "title": "西吉县小微企业贷款贴息办法",
            "body": "为支持小微企业发展……", "kind": "policy"}
    r = ed.post("/api/v1/items", base)
    check(r.status == 400 and r.json()["error"]["code"] == "missing_scope", "in-2.1 policy without scope 400")
    for bad, code in (({"scope": "all"}, "bad_scope"), ({"scope": "public", "major": "yes"}, "bad_field"),
                      ({"scope": "public", "audience": {"size": ["huge"]}}, "bad_audience"),
                      ({"scope": "public", "audience": {"planet": ["mars"]}}, "bad_audience"),
                      ({"scope": "public", "audience": ["农民"]}, "bad_audience"),
                      ({"scope": "public", "kind": "law"}, "bad_kind")):
        r = ed.post("/api/v1/items", dict(base, **bad))
        check(r.status == 400 and r.json()["error"]["code"] == code,
              "in-2.2 %r → 400 %s (got %d %s)" % (bad, code, r.status, r.text[:120]))
    r = ed.post("/api/v1/items", dict(base, scope="enterprise", major=True,
                                      audience={"size": ["micro", "small", "micro"], "industry": ["F", "C"]}))
    check(r.status == 201, "in-2.3 policy created (got %d %s)" % (r.status, r.text[:200]))
    pol = r.json()
    check(pol["kind"] == "policy" and pol["scope"] == "enterprise" and pol["major"] is True,
          "in-2.4 policy fields echoed")
    check(pol["audience"] == {"industry": ["C", "F"], "size": ["small", "micro"]},
          "in-2.5 audience canonical (got %r)" % (pol["audience"],))
    pid = pol["id"]
    check(ed.post("/api/v1/items/%d/submit" % pid).status == 200, "in-2.7 submitted")
    check(rv.post("/api/v1/items/%d/approve" % pid).status == 200, "in-2.8 approved")
    page = pub.get("/items/%d" % pid).text
    check("政策文件" in page and "面向企业" in page and "重大政策" in page and "本文件暂无解读" in page,
          "in-2.9 policy page shows kind, scope, major and no interpretation yet")
    check("企业规模：小型企业、微型企业" in page, "in-2.10 audience described in Chinese")

    # in-3: an interpretation of it
    ib = {"unit": "czj", "column": cols["zcjd"], "title": "图解：小微企业贷款贴息办法", "body": "一图读懂……",
          "kind": "interpretation"}
    r = ed.post("/api/v1/items", dict(ib, interprets=[pid]))
    check(r.status == 400 and r.json()["error"]["code"] == "missing_form", "in-3.1 no form 400")
    r = ed.post("/api/v1/items", dict(ib, form="图示图解"))
    check(r.status == 400 and r.json()["error"]["code"] == "missing_interprets", "in-3.2 no policy 400")
    r = ed.post("/api/v1/items", dict(ib, form="图示图解", interprets=[1, "x"]))
    check(r.status == 400, "in-3.3 non-integer id 400")
    r = ed.post("/api/v1/items", dict(ib, form="图示图解", interprets=[999999]))
    check(r.status == 400 and r.json()["error"]["code"] == "bad_interprets", "in-3.4 unknown policy 400")
    r = ed.post("/api/v1/items", dict(ib, form="漫画", interprets=[pid]))
    check(r.status == 400 and r.json()["error"]["code"] == "bad_form", "in-3.5 unknown form 400")
    r = ed.post("/api/v1/items", dict(ib, form="图示图解", interprets=[pid]))
    check(r.status == 201, "in-3.6 interpretation created (got %d %s)" % (r.status, r.text[:200]))
    it = r.json()
    check(it["kind"] == "interpretation" and it["form"] == "图示图解" and it["stage"] == "首次解读"
          and it["interprets"] == [pid], "in-3.7 interpretation fields, default stage")
    iid = it["id"]
    check(pub.get("/api/v1/items/%d" % pid).json()["interpretations"] == [], "in-3.8 draft not listed publicly")
    ed.post("/api/v1/items/%d/submit" % iid)
    check(rv.post("/api/v1/items/%d/approve" % iid).status == 200, "in-3.9 interpretation published")
    pj = pub.get("/api/v1/items/%d" % pid).json()
    check([x["id"] for x in pj["interpretations"]] == [iid] and pj["interpretations"][0]["form"] == "图示图解",
          "in-3.10 policy JSON lists it")
    page = pub.get("/items/%d" % pid).text
    check('href="/items/%d"' % iid in page and "<h3>图示图解</h3>" in page, "in-3.11 policy page links it under its form")
    page = pub.get("/items/%d" % iid).text
    check("解读的政策" in page and 'href="/items/%d"' % pid in page, "in-3.12 interpretation links back")
    area = pub.get("/area/zcjd/").text
    check("图解：小微企业贷款贴息办法" in area, "in-3.13 the 政策解读 area lists it")
    # An interpretation filed in another column is listed in the area too.
    r = ed.post("/api/v1/items", dict(ib, title="跟踪解读：贴息办法执行情况", column=cols["tzgg"],
                                      form="文字解读", stage="跟踪解读", interprets=[pid]))
    check(r.status == 201, "in-3.14 second interpretation in another column")
    i2 = r.json()["id"]
    ed.post("/api/v1/items/%d/submit" % i2)
    rv.post("/api/v1/items/%d/approve" % i2)
    check("跟踪解读：贴息办法执行情况" in pub.get("/area/zcjd/").text, "in-3.15 area lists interpretations in any column")

    # in-4: stats of this year include them
    c2 = pub.get("/api/v1/stats/interpretation?year=%d" % YEAR).json()
    u = {x["unit"]: x for x in c2["units"]}.get("czj")
    check(u is not None and u["policies"] >= 1 and u["graphic"] >= 1 and u["followup"] >= 1 and u["major_diversified"] >= 1,
          "in-4.1 this year's czj figures count the new policy (got %r)" % (u,))
    check(all(m["id"] != pid for m in c2["county"]["missing"]), "in-4.2 the policy is no longer missing")
    # Withdrawing the interpretations makes it missing again.
    for x in (iid, i2):
        check(rv.post("/api/v1/items/%d/withdraw" % x, {"reason": "重新制作"}).status == 200, "in-4.3 withdrawn")
    c3 = pub.get("/api/v1/stats/interpretation?year=%d" % YEAR).json()
    check(any(m["id"] == pid for m in c3["county"]["missing"]), "in-4.4 withdrawn interpretations do not count")
    check(pub.get("/api/v1/items/%d" % pid).json()["interpretations"] == [], "in-4.5 nor are they listed")

    # in-5: reposts
    today = TODAY.isoformat()
    rp = {"channel": "media", "name": "宁夏日报", "url": "https://www.nxnews.net/x.html", "date": today}
    check(pub.post("/api/v1/items/%d/reposts" % pid, rp).status in (401, 403), "in-5.1 anonymous refused")
    check(other.post("/api/v1/items/%d/reposts" % pid, rp).status == 403, "in-5.2 other unit refused")
    check(ed.post("/api/v1/items/%d/reposts" % pid, dict(rp, channel="tv")).status == 400, "in-5.3 bad channel 400")
    check(ed.post("/api/v1/items/%d/reposts" % pid, dict(rp, url="javascript:x")).status == 400, "in-5.4 bad url 400")
    check(ed.post("/api/v1/items/%d/reposts" % pid, dict(rp, date="2020-01-01")).status == 400,
          "in-5.5 before publication 400")
    r = ed.post("/api/v1/items/%d/reposts" % pid, rp)
    check(r.status == 201 and r.json()["channel"] == "media", "in-5.6 repost recorded")
    check(len(pub.get("/api/v1/items/%d/reposts" % pid).json()["reposts"]) == 1, "in-5.7 listed")
    check("转发转载" in pub.get("/items/%d" % pid).text and "宁夏日报" in pub.get("/items/%d" % pid).text,
          "in-5.8 shown on the page")
    u = {x["unit"]: x for x in pub.get("/api/v1/stats/interpretation?year=%d" % YEAR).json()["units"]}["czj"]
    check(u["reposts"]["media"] >= 1, "in-5.9 reach per unit counts it")

    # in-6: the dashboard
    r = adm.get("/admin/interpretation?year=2021")
    check(r.status == 200 and r.text.count("<svg") == 4 and "尚未解读的政策文件" in r.text,
          "in-6.1 dashboard with four SVG charts and the missing list")
    check('href="/admin/items/' in r.text, "in-6.2 missing items one click away")
    check(pub.get("/admin/interpretation").status in (302, 303), "in-6.3 dashboard needs a login")
finally:
    srv.stop()
done()
