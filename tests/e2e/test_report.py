"""test_report.py: the annual report (政府信息公开工作年度报告) end to end: `zwgk report annual`
in JSON, HTML and XLSX with its argument checks; the back-office page and its forms; the
figures API with its 400s, 401 and 403; the JSON report over HTTP; a deliberately broken
unit whose check fails visibly; publishing into the unit's 政府信息公开年报 column through
the workflow (索引号, transparency log, public page); the Excel download; the dashboard
block counting down to the legal deadline.  The fixture cases are written into a copy of
the demo database before the server starts."""
import datetime
import html
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import BIN, Server, check, demo_db, done  # noqa: E402

TODAY = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()
Y = TODAY.year - 1          # the report that is due (or overdue) now
DEADLINE = datetime.date(Y + 1, 1, 31)
XSS = "<script>alert(1)</script>\"'&"

LABELS = [
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
    "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项",
    "本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确",
    "信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
    "要求行政机关确认或重新出具已获取信息",
    "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他",
    "（七）总计", "四、结转下年度继续办理",
]
GROUPS = [None] * 4 + ["（三）不予公开"] * 8 + ["（四）无法提供"] * 3 + ["（五）不予处理"] * 5 + \
    ["（六）其他处理"] * 3 + [None, None]
COLS = ["natural", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]

tmp = tempfile.mkdtemp(prefix="zwgk-report-")
db = demo_db(tmp)


def d(month, day, year=Y):
    return "%04d-%02d-%02d" % (year, month, day)


# The fixture: czj's cases of year Y (counted by hand below), and a broken case of jtj.
n_case = [0]


def app(conn, unit, kind, received, replied=None, outcome=None):
    n_case[0] += 1
    cur = conn.execute(
        "INSERT INTO application(unit_id,case_no,code,channel,applicant_type,name,content,submitted_at,"
        "received_on,created_at,state,outcome,replied_on) VALUES((SELECT id FROM unit WHERE code=?),?,?,"
        "'letter',?,'申请人','某信息',?,?,?,?,?,?)",
        (unit, "e2e-%d" % n_case[0], "E2E%09d" % n_case[0], kind, received + " 09:00", received,
         received + "T01:00:00Z", "replied" if replied else "processing", outcome, replied))
    return cur.lastrowid


conn = sqlite3.connect(db)
# Only the fixture's cases count for the two units (in case the demo ever ships some).
for t in ("application_event", "application_notice", "application_review"):
    conn.execute("DELETE FROM %s WHERE application_id IN (SELECT id FROM application WHERE unit_id IN "
                 "(SELECT id FROM unit WHERE code IN ('czj','jtj')))" % t)
conn.execute("DELETE FROM application WHERE unit_id IN (SELECT id FROM unit WHERE code IN ('czj','jtj'))")
a1 = app(conn, "czj", "natural", d(12, 20, Y - 1), d(1, 8), "granted")          # 二, （一）
app(conn, "czj", "commercial", d(12, 28, Y - 1))                                # 二, 四
a3 = app(conn, "czj", "natural", d(3, 2), d(3, 20), "partial")                  # 一, （二）
app(conn, "czj", "research", d(4, 1), d(4, 20), "refused_secret")              # 一, （三）1
app(conn, "czj", "social_welfare", d(5, 6), d(5, 28), "unavailable_none")      # 一, （四）1
app(conn, "czj", "legal_service", d(6, 3), d(6, 25), "not_handled_petition")   # 一, （五）1
app(conn, "czj", "other_org", d(7, 1), d(7, 22), "other")                      # 一, （六）3
app(conn, "czj", "natural", d(12, 29), d(1, 10, Y + 1), "granted")             # 一, 四
conn.execute("INSERT INTO application_review(application_id,kind,after_reconsideration,result,filed_on,"
             "decided_on,updated_at) VALUES(?,'reconsideration',0,'upheld',?,?,'x')", (a1, d(2, 1), d(4, 1)))
conn.execute("INSERT INTO application_review(application_id,kind,after_reconsideration,result,filed_on,"
             "decided_on,updated_at) VALUES(?,'litigation',0,'pending',?,NULL,'x')", (a3, d(6, 1)))
conn.execute("INSERT INTO application_event(application_id,kind,on_date,at,amount) VALUES(?,'fee',?,'x',300)",
             (a3, d(3, 5)))
conn.execute("INSERT INTO application_event(application_id,kind,on_date,at,amount) VALUES(?,'paid',?,'x',0)",
             (a3, d(3, 9)))
app(conn, "jtj", "natural", d(4, 4), d(4, 10), "not_a_code")                    # broken: no row
conn.commit()
conn.close()

WANT = {  # row index -> {column: value}, everything else 0
    0: {"natural": 2, "research": 1, "social_welfare": 1, "legal_service": 1, "other_org": 1, "total": 6},
    1: {"natural": 1, "commercial": 1, "total": 2},
    2: {"natural": 1, "total": 1},
    3: {"natural": 1, "total": 1},
    4: {"research": 1, "total": 1},
    12: {"social_welfare": 1, "total": 1},
    15: {"legal_service": 1, "total": 1},
    22: {"other_org": 1, "total": 1},
    23: {"natural": 2, "research": 1, "social_welfare": 1, "legal_service": 1, "other_org": 1, "total": 6},
    24: {"natural": 1, "commercial": 1, "total": 2},
}


def cli(*args):
    return subprocess.run([BIN, "report"] + list(args), capture_output=True)


def check_table3(rep, what):
    rows = rep["tables"]["applications"]
    ok = len(rows) == 25
    for i, row in enumerate(rows):
        for c in COLS:
            if row.get(c) != WANT.get(i, {}).get(c, 0):
                ok = False
                print("  row %d %s: got %s" % (i, c, row.get(c)), file=sys.stderr)
    check(ok, what)


# ---- rp-1: the command line
r = cli("--help")
check(r.returncode == 0 and "用法: zwgk report annual" in r.stdout.decode(), "rp-1.1 --help")
check(cli().returncode == 2, "rp-1.2 no subcommand → 2")
check(cli("monthly").returncode == 2, "rp-1.3 unknown subcommand → 2")
base = ["annual", "--db", db, "--unit", "czj", "--year", str(Y)]
for args, why in ((["annual", "--db", db, "--year", str(Y)], "no --unit"),
                  (["annual", "--unit", "czj", "--year", str(Y)], "no --db"),
                  (["annual", "--db", db, "--unit", "czj"], "no --year"),
                  (["annual", "--db", db, "--unit", "czj", "--year", "二〇二五"], "year not a number"),
                  (["annual", "--db", db, "--unit", "czj", "--year", "1999"], "year too early"),
                  (["annual", "--db", db, "--unit", "czj", "--year", str(TODAY.year + 1)], "future year"),
                  (base + ["--format", "pdf"], "unknown format"),
                  (base + ["--format", "xlsx"], "xlsx without --out"),
                  (base + ["--colour"], "unknown option"),
                  (base + ["--out"], "option without value")):
    r = cli(*args)
    check(r.returncode == 2 and r.stderr.decode().startswith("zwgk report: "), "rp-1.4 %s → exit 2 (%d %s)" %
          (why, r.returncode, r.stderr.decode()[:80]))
r = cli("annual", "--db", os.path.join(tmp, "none.db"), "--unit", "czj", "--year", str(Y))
check(r.returncode == 1 and "数据库文件不存在" in r.stderr.decode(), "rp-1.5 missing database → 1")
r = cli("annual", "--db", db, "--unit", "nosuch", "--year", str(Y))
check(r.returncode == 1 and "单位不存在" in r.stderr.decode(), "rp-1.6 unknown unit → 1")

r = cli(*base, "--format", "json")
check(r.returncode == 0, "rp-1.7 json exits 0")
rep = json.loads(r.stdout)
check(list(rep.keys()) == ["unit", "year", "tables", "sections", "checks"], "rp-1.8 top-level keys %s" % list(rep))
check(rep["unit"] == "czj" and rep["year"] == Y, "rp-1.9 unit and year")
check(list(rep["tables"].keys()) == ["active", "applications", "review"], "rp-1.10 the three tables")
check([x["label"] for x in rep["tables"]["applications"]] == LABELS, "rp-1.11 table 三 labels as in the spec")
check([x.get("group") for x in rep["tables"]["applications"]] == GROUPS, "rp-1.12 table 三 groups")
check_table3(rep, "rp-1.13 table 三 counted by hand")
rv = rep["tables"]["review"]
check([x["label"] for x in rv] == ["行政复议", "未经复议直接起诉", "复议后起诉"] and
      rv[0] == {"label": "行政复议", "upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1} and
      rv[1]["pending"] == 1 and rv[1]["total"] == 1 and rv[1]["group"] == "行政诉讼", "rp-1.14 table 四")
act = rep["tables"]["active"]
check([x["label"] for x in act] == ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"] and
      act[2]["decisions"] is None and act[5]["amount"] is None, "rp-1.15 table 二 rows; figures not entered are null")
check([s["title"] for s in rep["sections"]] == [
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
    "rp-1.16 six sections in order")
check("收取信息处理费300元（1件申请）" in rep["sections"][5]["text"], "rp-1.17 section 六 prefilled with the fee")
check("全年新收政府信息公开申请6件，上年结转2件" in rep["sections"][0]["text"], "rp-1.18 section 一 prefilled")
check(len(rep["checks"]) == 10 and all(c["ok"] for c in rep["checks"]), "rp-1.19 every check passes")

r = cli("annual", "--db", db, "--unit", "jtj", "--year", str(Y))
bad = json.loads(r.stdout)
fails = [c for c in bad["checks"] if not c["ok"]]
check(r.returncode == 0 and len(fails) == 2 and {c["column"] for c in fails} == {"natural", "total"} and
      "无法归入" in fails[0]["message"], "rp-1.20 broken fixture: the check fails with the reason")
check("勾稽关系不相符" in r.stderr.decode(), "rp-1.21 and the command says so on stderr")

r = cli(*base, "--format", "html")
page = r.stdout.decode()
check(r.returncode == 0 and page.startswith("<!doctype html>") and "@page" in page and "size: A4" in page,
      "rp-1.22 html: a standalone A4 document")
pos = [page.find(t) for t in ("<h2>一、总体情况", "<h2>二、", "<h2>三、", "<h2>四、", "<h2>五、", "<h2>六、")]
check(all(p > 0 for p in pos) and pos == sorted(pos), "rp-1.23 html: six sections in order")
check('rowspan="22"' in page and 'colspan="5" scope="colgroup">法人或其他组织' in page and
      "本年收费金额（单位：万元）" in page and 'colspan="10" scope="colgroup">行政诉讼' in page,
      "rp-1.24 html: the template's merged headers")
out_html = os.path.join(tmp, "r.html")
check(cli(*base, "--format", "html", "--out", out_html).returncode == 0 and
      open(out_html, encoding="utf-8").read() == page, "rp-1.25 html --out writes the same document")
bad_html = cli("annual", "--db", db, "--unit", "jtj", "--year", str(Y), "--format", "html").stdout.decode()
check('class="rpt-check-failed"' in bad_html and "不相符" in bad_html, "rp-1.26 html: the failed check in red")
out_x = os.path.join(tmp, "r.xlsx")
r = cli(*base, "--format", "xlsx", "--out", out_x)
check(r.returncode == 0 and zipfile.is_zipfile(out_x), "rp-1.27 xlsx is a zip")
with zipfile.ZipFile(out_x) as z:
    names = z.namelist()
    wb = z.read("xl/workbook.xml").decode() if "xl/workbook.xml" in names else ""
    sheet3 = z.read("xl/worksheets/sheet3.xml").decode() if "xl/worksheets/sheet3.xml" in names else ""
check("xl/workbook.xml" in names and all(n in wb for n in ("年度报告", "表二", "表三", "表四")),
      "rp-1.28 xlsx: workbook with a sheet per table")
check('<mergeCell ref="A2:C4"/>' in sheet3 and '<mergeCell ref="A7:A28"/>' in sheet3,
      "rp-1.29 xlsx keeps the merged headers (%s)" % re.findall(r'<mergeCell ref="[^"]+"/>', sheet3)[:4])
check(cli("annual", "--db", db, "--unit", "czj", "--year", str(Y), "--format", "xlsx", "--out",
          os.path.join(tmp, "no", "dir.xlsx")).returncode == 1, "rp-1.30 unwritable --out → 1")

# ---- the server
srv = Server(db=db)
try:
    pub = srv.client()
    ed = srv.client()
    rvw = srv.client()
    adm = srv.client()
    oth = srv.client()
    check(ed.login("czj_editor").status == 200 and rvw.login("czj_reviewer").status == 200 and
          adm.login("admin").status == 200 and oth.login("wjj_editor").status == 200, "rp-2.0 logins")
    api = "/api/v1/reports/czj/%d" % Y

    # rp-2: the JSON report and the admin page
    check(pub.get(api).status == 401, "rp-2.1 anonymous → 401")
    check(pub.get("/admin/report").status == 303, "rp-2.2 the page sends the anonymous to login")
    r = ed.get(api)
    check(r.status == 200 and r.json()["tables"] == rep["tables"], "rp-2.3 the API gives what the CLI gives")
    check(oth.get(api).status == 403, "rp-2.4 another unit's report → 403")
    check(ed.get("/api/v1/reports/nosuch/%d" % Y).status == 404, "rp-2.5 unknown unit → 404")
    check(ed.get("/api/v1/reports/czj/1999").status == 400, "rp-2.6 year too early → 400")
    check(ed.get("/api/v1/reports/czj/%d" % (TODAY.year + 1)).status == 400, "rp-2.7 future year → 400")
    r = ed.get("/admin/report?unit=czj&year=%d" % Y)
    check(r.status == 200 and 'id="rpt-applications"' in r.text and "三、本年度办理结果" in r.text and
          "西吉县财政局%d年政府信息公开工作年度报告" % Y in r.text, "rp-2.8 the admin page shows the report")
    check(ed.get("/admin/report").status == 200, "rp-2.9 default: own unit, last year")
    check(ed.get("/admin/report?unit=wjj&year=%d" % Y).status == 403, "rp-2.10 another unit's page → 403")
    for q in ("year=abc", "year=1999", "year=%d" % (TODAY.year + 1), "unit=nosuch"):
        check(ed.get("/admin/report?" + q).status in (400, 404), "rp-2.11 bad page parameter %s" % q)
    check(adm.get("/admin/report?unit=jtj&year=%d" % Y).text.count('class="rpt-check-failed"') == 1,
          "rp-2.12 an admin sees the failed check of 教体局 in red")

    # rp-3: the figures API
    fig = api + "/figures"
    good = {"licensing": 5126, "punishment": 412, "coercion": 17, "fees": 863.5}
    check(pub.put(fig, good).status == 401, "rp-3.1 anonymous → 401")
    check(oth.put(fig, good).status == 403, "rp-3.2 another unit → 403")
    check(ed.request("PUT", fig, good, csrf=False).status == 403, "rp-3.3 without the CSRF token → 403")
    for body, why in (([1, 2], "an array"), ({}, "an empty object"), ({"licence": 1}, "an unknown field"),
                      ({"licensing": -1}, "a negative count"), ({"licensing": 1.5}, "a fraction"),
                      ({"licensing": "12"}, "a string"), ({"licensing": 10 ** 12}, "too large"),
                      ({"fees": 1.23456}, "five decimals"), ({"fees": "863.5"}, "fees as a string"),
                      ({"fees": -1}, "negative fees"), ('{"fees": 1e3}', "an exponent"),
                      ({"coercion": True}, "a boolean"), ('{"licensing": 1,}', "broken JSON")):
        r = ed.put(fig, body, ctype="application/json")
        check(r.status == 400 and r.json()["error"]["message"], "rp-3.4 %s → 400 (%d)" % (why, r.status))
    r = ed.request("PUT", fig, "licensing=5", ctype="application/x-www-form-urlencoded")
    check(r.status == 400, "rp-3.5 not JSON → 400")
    check(ed.put("/api/v1/reports/czj/1999/figures", good).status == 400, "rp-3.6 bad year → 400")
    r = ed.put(fig, good)
    check(r.status == 200 and r.json() == dict(good, unit="czj", year=Y), "rp-3.7 saved (%s)" % r.text[:120])
    r = ed.put(fig, {"coercion": None})
    check(r.status == 200 and r.json()["coercion"] is None and r.json()["licensing"] == 5126,
          "rp-3.8 null clears one figure, the others stay")
    act = ed.get(api).json()["tables"]["active"]
    check(act[2]["decisions"] == 5126 and act[3]["decisions"] == 412 and act[4]["decisions"] is None and
          act[5]["amount"] == 863.5, "rp-3.9 the report shows them")

    # rp-4: the admin forms
    page = ed.get("/admin/report?unit=czj&year=%d" % Y).text
    check('value="5126"' in page and 'value="863.5"' in page and "未填报" in page, "rp-4.1 the form shows the figures")
    form = {"csrf": ed.csrf, "unit": "czj", "year": str(Y), "licensing": "5126", "punishment": "412",
            "coercion": XSS, "fees": "863.5"}
    r = ed.form("/admin/report/figures", form)
    check(r.status == 400 and "行政强制应填不小于 0 的整数" in r.text and XSS not in r.text and
          'value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"' in r.text,
          "rp-4.2 a bad value: 400 with the message and the input kept, escaped")
    r = ed.form("/admin/report/figures", dict(form, coercion="17", fees="1,000"))
    check(r.status == 400 and "万元" in r.text, "rp-4.2b a bad amount → 400")
    check("<option value=\"2015\" selected>" in ed.get("/admin/report?unit=czj&year=2015").text,
          "rp-4.2c an older year stays selected in the picker")
    r = ed.form("/admin/report/figures", dict(form, coercion="17"))
    check(r.status == 303 and "ok=figures" in (r.header("Location") or ""), "rp-4.3 saved → 303")
    check(ed.form("/admin/report/figures", dict(form, coercion="17", csrf="x")).status == 403,
          "rp-4.4 wrong CSRF token → 403")
    ocsrf = oth.csrf
    check(oth.form("/admin/report/figures", dict(form, csrf=ocsrf, coercion="1")).status == 403,
          "rp-4.5 another unit's form → 403")
    r = ed.form("/admin/report/text", {"csrf": ed.csrf, "unit": "czj", "year": str(Y),
                                       "general": "总体情况 " + XSS, "problems": "", "other": ""})
    check(r.status == 303, "rp-4.6 text saved")
    page = ed.get("/admin/report?unit=czj&year=%d" % Y).text
    check(html.escape(XSS, quote=True).replace("&#x27;", "&#39;") in page and XSS not in page,
          "rp-4.7 staff text is escaped on the page")
    check(ed.put(api + "/sections", {"general": 5}).status == 400 and
          ed.put(api + "/sections", {"intro": "x"}).status == 400, "rp-4.8 sections API validates")

    # rp-5: publishing
    check(ed.post(api + "/publish").status == 403, "rp-5.1 an editor may not publish")
    check(oth.post(api + "/publish").status == 403, "rp-5.2 another unit may not publish")
    r = rvw.post(api + "/publish")
    check(r.status == 409 and "待填写" in r.json()["error"]["message"], "rp-5.3 【请填写】 left → 409")
    r = ed.put(api + "/sections", {
        "general": "%d年，西吉县财政局认真贯彻落实《条例》，全年主动公开政府信息，依法办理政府信息公开申请。" % Y,
        "problems": "（一）存在的主要问题。政策解读形式较为单一。\n（二）改进情况。增加图解和视频解读。",
        "other": "本年度收取信息处理费300元。"})
    check(r.status == 200 and not r.json()["sections"][0]["todo"], "rp-5.4 sections saved through the API")
    check(rvw.post("/api/v1/reports/czj/%d/publish" % TODAY.year).status == 409, "rp-5.5 the running year → 409")
    dash = ed.get("/admin").text
    block = dash[dash.find('id="report-due"'):]
    block = block[:block.find("</section>")]
    check(block and "已发布" not in block and block.count("<li>") in (1, 2),
          "rp-5.5b dashboard: one line a year, nothing published yet (%s)" % re.sub(r"<[^>]+>", "", block)[:200])
    if TODAY > DEADLINE:
        check('id="report-due"' in dash and "已逾期" in dash, "rp-5.6 dashboard: last year's report overdue")
    else:
        check('id="report-due"' in dash and "还有" in dash, "rp-5.6 dashboard: counting down")
    r = rvw.post(api + "/publish")
    check(r.status == 200 and r.json()["column"] == "nb" and r.json()["index_no"], "rp-5.7 published (%s)" % r.text[:160])
    iid = r.json().get("id") or r.json().get("item")
    item = pub.get("/items/%d" % iid)
    check(item.status == 200 and "西吉县财政局%d年政府信息公开工作年度报告" % Y in item.text and
          "属于国家秘密" in item.text and "<table" in item.text, "rp-5.8 the public page with its tables")
    check("西吉县财政局%d年政府信息公开工作年度报告" % Y in pub.get("/gk/czj/nb/").text,
          "rp-5.9 listed in the 政府信息公开年报 column")
    payloads, after = [], 0
    while after is not None:
        lj = pub.get("/api/v1/log?limit=1000&after=%d" % after).json()
        payloads += [e["payload"] for e in lj["entries"]]
        after = lj["entries"][-1]["seq"] if lj.get("next") else None
    check(any('"item":%d,' % iid in p for p in payloads), "rp-5.10 a transparency-log entry")
    dash = ed.get("/admin").text
    check("已发布" in dash, "rp-5.11 dashboard: published")
    check("已发布" in ed.get("/admin/report?unit=czj&year=%d" % Y).text, "rp-5.12 the page says published")
    r = adm.post(api + "/publish")
    check(r.status == 200 and r.json()["item"] == iid, "rp-5.13 publishing again updates the same item")
    check(adm.post("/api/v1/reports/jtj/%d/publish" % Y).status == 409, "rp-5.14 a failing check blocks publishing")
    r = rvw.form("/admin/report/publish", {"csrf": rvw.csrf, "unit": "czj", "year": str(Y)})
    check(r.status == 303 and "ok=publish" in (r.header("Location") or ""), "rp-5.15 the publish form")
    adash = adm.get("/admin").text
    check('id="report-due"' in adash and "个单位中已发布" in adash, "rp-5.16 an admin sees the county")

    # rp-6: the Excel download
    r = ed.get("/admin/report.xlsx?unit=czj&year=%d" % Y)
    xp = os.path.join(tmp, "dl.xlsx")
    open(xp, "wb").write(r.body)
    check(r.status == 200 and "spreadsheetml" in (r.header("Content-Type") or "") and zipfile.is_zipfile(xp) and
          "attachment" in (r.header("Content-Disposition") or ""), "rp-6.1 xlsx download")
    check(oth.get("/admin/report.xlsx?unit=czj&year=%d" % Y).status == 403, "rp-6.2 not for another unit")
    check(pub.get("/admin/report.xlsx?unit=czj&year=%d" % Y).status == 303, "rp-6.3 not for the anonymous")
finally:
    srv.stop()
done()
