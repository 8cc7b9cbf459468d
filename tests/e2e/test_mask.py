"""test_mask.py: personal data in the demo's 惠民惠农 lists (身份证号, mobiles) never
reaches the public: not on item pages, lists, the home page, feeds, search pages and
snippets, or the JSON API; staff see what will be masked before approving."""
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ROOT, Server, check, columns, done  # noqa: E402

text = open(os.path.join(ROOT, "data", "demo", "items.txt"), encoding="utf-8").read()
secrets = set(re.findall(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])", text))
secrets |= set(re.findall(r"(?<![0-9A-Za-z])(1[3-9]\d{9})(?![0-9A-Za-z])", text))
names = ["马秀兰", "杨福贵", "马桂英", "李占祥", "何玉梅"]
check(len(secrets) >= 40, "mk-0 the demo has personal data to hide (%d numbers)" % len(secrets))


def leaks(body):
    return [s for s in secrets if s in body]


srv = Server()
try:
    pub = srv.client()
    bodies = {}
    items = []
    page = 1
    while True:
        r = pub.get("/api/v1/items?per_page=100&page=%d" % page).json()
        items += r["items"]
        bodies["/api/v1/items?page=%d" % page] = r
        if page * 100 >= r["total"]:
            break
        page += 1
    for it in items:
        for path in ("/items/%d" % it["id"], "/api/v1/items/%d" % it["id"]):
            bodies[path] = pub.get(path).text
    for path in ["/", "/gk/", "/area/hmhn/", "/area/hmhn/feed.xml", "/area/czxx/", "/sitemap.xml", "/log",
                 "/gk/jqz/hmhn/", "/gk/xlz/hmhn/", "/gk/hszx/hmhn/", "/gk/jqz/hmhn/feed.xml",
                 "/gk/xlz/hmhn/feed.xml", "/gk/hszx/hmhn/feed.xml", "/api/v1/log?limit=1000"]:
        bodies[path] = pub.get(path).text
    for q in names + ["身份证号", "联系电话", "补贴 发放"]:
        bodies["/search " + q] = pub.get("/search?q=" + urllib.parse.quote(q)).text
        bodies["/api search " + q] = pub.get("/api/v1/items?per_page=50&q=" + urllib.parse.quote(q)).text
    found = {p: leaks(str(b)) for p, b in bodies.items()}
    found = {p: v for p, v in found.items() if v}
    check(not found, "mk-1.1 no personal number on %d public responses: %s" % (len(bodies), list(found.items())[:3]))
    masked = sum(str(b).count("640422********") for b in bodies.values())
    check(masked >= 20, "mk-1.2 masked IDs are shown in their masked form (%d)" % masked)
    hit = pub.get("/api/v1/items?q=" + urllib.parse.quote("马秀兰")).json()
    check(hit["total"] >= 1 and "********" in hit["items"][0]["snippet"] + str(pub.get(hit["items"][0]["url"]).text),
          "mk-1.3 the person's item is found and shown masked")

    # mk-2: a new item: the reviewer sees the preview; the published version is masked.
    ed = srv.client()
    ed.login("jqz_editor")
    rv = srv.client()
    rv.login("jqz_reviewer")
    cols = columns(pub, "jqz")
    r = ed.post("/api/v1/items", {"unit": "jqz", "column": cols["hmhn"], "title": "补贴发放 13912345678",
                                  "body": "王五，身份证号640422197509091285，电话 158-0954-1234，卡号6222021234567890128。"})
    iid = r.json()["id"]
    ed.post("/api/v1/items/%d/submit" % iid)
    page = rv.get("/admin/items/%d" % iid).text
    check("个人信息遮蔽预览" in page and "640422197509091285" in page and "640422********1285" in page,
          "mk-2.1 the reviewer sees original and masked form before approving")
    rv.post("/api/v1/items/%d/approve" % iid)
    for path in ["/items/%d" % iid, "/api/v1/items/%d" % iid, "/gk/jqz/hmhn/", "/gk/jqz/hmhn/feed.xml",
                 "/search?q=" + urllib.parse.quote("王五"), "/api/v1/items?q=" + urllib.parse.quote("王五")]:
        t = pub.get(path).text
        bad = [s for s in ("640422197509091285", "13912345678", "0954-1234", "6222021234567890128") if s in t]
        check(not bad, "mk-2.2 %s shows no personal number %s" % (path, bad))
    t = pub.get("/items/%d" % iid).text
    check("139****5678" in t and "158-****-1234" in t and "***************0128" in t, "mk-2.3 masked forms shown")
    staff = ed.get("/api/v1/items/%d" % iid).json()
    check("640422197509091285" in staff["body"], "mk-2.4 the working copy keeps the original for staff")
finally:
    srv.stop()
done()
