"""test_pages.py: every kind of page, checked as a document: well-formed HTML (balanced
tags, one <h1>, lang, title, no inline script), XML feeds and sitemap that parse, ETags
and cache headers, and hostile text escaped on every page that shows it."""
import html.parser
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Server, check, columns, done  # noqa: E402

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
OPTIONAL_END = {"p", "li", "option", "tr", "td", "th", "thead", "tbody"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.h1, self.scripts = [], [], 0, 0
        self.has_lang = False
        self.has_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html" and a.get("lang") == "zh-CN":
            self.has_lang = True
        if tag == "h1":
            self.h1 += 1
        if tag == "title":
            self.has_title = True
        if tag == "script":
            self.scripts += 1
        for k in a:
            if k.startswith("on"):
                self.errors.append("inline handler %s on <%s>" % (k, tag))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack and self.stack[-1] != tag and self.stack[-1] in OPTIONAL_END:
            self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("unexpected </%s> (open: %s)" % (tag, "/".join(self.stack[-4:])))
            return
        self.stack.pop()


def check_html(r, what):
    c = Checker()
    c.feed(r.text)
    c.close()
    rest = [t for t in c.stack if t not in OPTIONAL_END]
    ok = r.status == 200 and not c.errors and not rest and c.has_lang and c.has_title and c.scripts == 0
    ok = ok and c.h1 == 1
    check(ok, "%s: status %d, errors %s, unclosed %s, h1=%d" % (what, r.status, c.errors[:3], rest, c.h1))


srv = Server()
try:
    pub = srv.client()
    ed = srv.client()
    ed.login("czj_editor")
    rv = srv.client()
    rv.login("czj_reviewer")
    cols = columns(pub, "czj")
    evil = "<script>alert('x')</script>\"&<b>"
    r = ed.post("/api/v1/items", {"unit": "czj", "column": cols["hmhn"], "title": "测试" + evil,
                                  "docno": "西财" + evil, "issuer": "发文" + evil, "topic": evil,
                                  "genre": "<i>'&\"", "validity": "<u>&", "body": "正文" + evil, "written_at": "2026-01-02"})
    iid = r.json()["id"]
    ed.post("/api/v1/items/%d/submit" % iid)
    rv.post("/api/v1/items/%d/approve" % iid)

    pages = ["/", "/gk/", "/gk/czj/", "/gk/czj/hmhn/", "/gk/czj/yjs/?page=1", "/area/jy/", "/area/czxx/",
             "/items/1", "/items/%d" % iid, "/units", "/log", "/search", "/search?q=%E6%95%99%E8%82%B2",
             "/search?q=" + "%3Cscript%3E"]
    for p in pages:
        check_html(pub.get(p), "page " + p)
    for p in ["/admin", "/admin/items", "/admin/items/new", "/admin/items/%d" % iid, "/admin/review", "/admin/audit"]:
        check_html(rv.get(p), "admin " + p)
    check_html(pub.get("/admin/login"), "admin login")
    r = pub.get("/nope")
    check(r.status == 404 and "<html" in r.text, "404 is a page")

    # Hostile text is escaped wherever it shows.
    for p in ["/items/%d" % iid, "/gk/czj/hmhn/", "/", "/search?q=%E6%B5%8B%E8%AF%95"]:
        t = pub.get(p).text
        check("<script>alert" not in t and "<b>\"" not in t, "escaped on " + p)
    t = rv.get("/admin/items/%d" % iid).text
    check("<script>alert" not in t, "escaped in the editor")
    t = rv.get("/admin").text
    check("<script>alert" not in t, "escaped on the dashboard")
    j = pub.get("/api/v1/items/%d" % iid).text
    check("<script>" not in j and "\\u003cscript\\u003e" in j, "escaped in JSON")

    # XML documents parse.
    for p in ["/gk/czj/hmhn/feed.xml", "/area/jy/feed.xml", "/sitemap.xml"]:
        r = pub.get(p)
        try:
            root = ET.fromstring(r.body)
            ok = r.status == 200
        except ET.ParseError as e:
            ok, root = False, None
            print(e, file=sys.stderr)
        check(ok, "xml " + p)
        if p.endswith("hmhn/feed.xml") and root is not None:
            ns = "{http://www.w3.org/2005/Atom}"
            titles = [e.findtext(ns + "title") for e in root.findall(ns + "entry")]
            check(any(evil in (t or "") for t in titles), "feed carries the title as text")
            check(root.find(ns + "updated") is not None and root.find(ns + "id") is not None, "feed has id and updated")
    r = pub.get("/gk/czj/hmhn/feed.xml")
    check((r.header("Content-Type") or "").startswith("application/atom+xml"), "feed content type")

    # Caching headers.
    r = pub.get("/")
    check(r.header("ETag") is not None, "home has an ETag")
    r2 = pub.get("/", headers={"If-None-Match": r.header("ETag")})
    check(r2.status == 304 and r2.body == b"", "home 304")
    r = rv.get("/admin")
    check("no-cache" in (r.header("Cache-Control") or "") or r.header("Cache-Control") is None, "admin not stored by cache")
    r = pub.get("/static/site.css")
    check(r.status == 200 and "text/css" in r.header("Content-Type"), "stylesheet served")
    check(pub.get("/static/../schema/0001_init.sql").status in (400, 404), "no path traversal in /static")
    # Accessibility switch sets a cookie and comes back.
    r = pub.get("/a11y?mode=large&back=/units")
    check(r.status == 303 and r.header("Location") == "/units" and "zwgk_a11y=large" in (r.header("Set-Cookie") or ""), "a11y switch")
    r = pub.get("/a11y?mode=large&back=//evil.example/")
    check(r.header("Location") == "/", "a11y switch refuses other sites")
    t = pub.get("/units").text
    check('class="large' in t, "large-text mode applied")
finally:
    srv.stop()
done()
