#!/usr/bin/env python3
"""Validate data/demo/items.txt (the demo disclosure items) and print a summary.

Usage: python3 data/demo/check_items.py [path/to/items.txt]
Exit status 0 if every rule passes, 1 otherwise.  Standard library only.

File format (the C loader relies on it):
  - UTF-8, LF line endings, no BOM.  Lines starting with "#" before the first
    record are comments; the first non-comment line starts the first record.
  - Records are separated by a line that is exactly "%%".
  - A record is "key: value" header lines, ONE empty line, then the body.
"""
import re
import sys
import datetime as dt
from collections import Counter, defaultdict

UNITS = {
    "xzfb": "县人民政府办公室", "fgj": "发展和改革局", "zrzyj": "自然资源局",
    "scjgj": "市场监督管理局", "czj": "财政局", "wjj": "卫生健康局",
    "jtj": "教育体育局", "sfj": "司法局", "jqz": "吉强镇人民政府",
    "xlz": "兴隆镇人民政府", "jtbz": "将台堡镇人民政府", "hszx": "火石寨乡人民政府",
}
COLUMNS = {
    "zn": "政府信息公开指南", "zd": "政府信息公开制度", "ghxx": "规划信息",
    "xzzfgs": "行政执法公示", "sjgk": "双随机一公开", "yjs": "预决算",
    "zfzw": "政府债务", "hmhn": "惠民惠农", "wsjk": "卫生健康", "jy": "教育",
    "zcjd": "政策解读", "gzgfxwj": "规章和规范性文件", "nb": "政府信息公开年报",
    "tzgg": "通知公告",
}
KEY_AREA = ["ghxx", "xzzfgs", "sjgk", "yjs", "zfzw", "hmhn", "wsjk", "jy"]
TOPICS = set("""综合政务 国民经济管理、国有资产监管 财政、金融、审计 国土资源、能源
农业、林业、水利 工业、交通 商贸、海关、旅游 市场监管、安全生产监管 城乡建设、环境保护
科技、教育 文化、广电、新闻出版 卫生、体育 人口与计划生育、妇女儿童工作 劳动、人事、监察
公安、安全、司法 民政、扶贫、救灾 民族、宗教 对外事务 港澳台侨工作 国防 其他""".split())
GENRES = set("通知 通告 公告 意见 办法 决定 报告 规划 方案 批复 公示 解读 年报 指南 制度 其他".split())
VALIDITY = {"有效", "已修改", "已废止", "已失效"}
FORMATS = {"md", "text"}
REQUIRED = ["unit", "column", "title", "issuer", "written_at", "published_at",
            "topic", "genre", "format"]
OPTIONAL = ["docno", "validity", "kind", "scope", "major", "audience", "form", "stage", "interprets"]
# genres that are policies: they must state their validity
POLICY_GENRES = {"办法", "意见", "方案", "规划", "决定", "制度"}
PUB_MIN, PUB_MAX = dt.date(2021, 1, 4), dt.date(2022, 12, 30)
MAX_PUBLISH_LAG_DAYS = 31          # 20 working days, with holidays
BODY_MIN, BODY_MAX = 150, 1500
MIN_ITEMS = 75
PD_ITEMS = 3                        # items that deliberately carry personal data
# documents that exist but are loaded from elsewhere (the work plan)
EXTERNAL_DOCS = {"西政办发〔2021〕39号": dt.date(2021, 6, 15)}

ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
USCC_CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

RE_HEADER = re.compile(r"^([a-z_]+): (\S(?:.*\S)?)$")
RE_DOCNO = re.compile(r"^([\u4e00-\u9fff][\u4e00-\u9fffA-Za-z]*)〔((?:19|20)\d{2})〕([1-9]\d*)号$")
RE_DOCNO_IN_TEXT = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z]*〔(?:19|20)\d{2}〕[1-9]\d*号")
RE_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
RE_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")
RE_LONGDIGITS = re.compile(r"(?<![0-9A-Za-z])(\d{16,19})(?![0-9A-Za-z])")
RE_USCC = re.compile(r"(?<![0-9A-Za-z])([0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})(?![0-9A-Za-z])")
RE_LANDLINE = re.compile(r"0954-(\d*)")
RE_GONGWEN_HEAD = re.compile(r"^(#{2,3} )?(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\. |第[一二三四五六七八九十]+条)")
RE_MD_MARK = re.compile(r"^(#{1,6} |\| |- |\* |\d+\. .*\*\*)")


def id_check(s17):
    return "10X98765432"[sum(int(c) * w for c, w in zip(s17, ID_W)) % 11]


def id_valid(s):
    s = s.upper()
    return id_check(s[:17]) == s[17]


def id_plausible_date(s):
    try:
        d = dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= d <= dt.date(2022, 12, 31)


def uscc_valid(s):
    try:
        t = sum(USCC_CS.index(c) * w for c, w in zip(s[:17], USCC_W))
    except ValueError:
        return False
    return USCC_CS[(31 - t % 31) % 31] == s[17]


def parse_date(s):
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        raise ValueError("not YYYY-MM-DD")
    return dt.date.fromisoformat(s)


class Checker:
    def __init__(self, path):
        self.path = path
        self.errors = []
        self.records = []   # dicts with 'line', 'h' (headers), 'body'

    def err(self, line, msg):
        self.errors.append((line, msg))

    # ---------------------------------------------------------------- parsing
    def parse(self):
        raw = open(self.path, "rb").read()
        if raw.startswith(b"\xef\xbb\xbf"):
            self.err(1, "file starts with a BOM")
        if b"\r" in raw:
            self.err(1, "file contains CR characters (must be LF only)")
        if not raw.endswith(b"\n"):
            self.err(1, "file does not end with a newline")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.err(1, f"not valid UTF-8: {e}")
            return
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        i = 0
        while i < len(lines) and lines[i].startswith("#"):
            i += 1
        if i >= len(lines):
            self.err(i + 1, "no records")
            return
        chunks, start, cur = [], i, []
        for n in range(i, len(lines)):
            if lines[n] == "%%":
                chunks.append((start, cur))
                start, cur = n + 1, []
            else:
                cur.append(lines[n])
        chunks.append((start, cur))
        for start, chunk in chunks:
            self.parse_record(start + 1, chunk)

    def parse_record(self, lineno, chunk):
        h, order = {}, []
        k = 0
        while k < len(chunk) and chunk[k] != "":
            m = RE_HEADER.match(chunk[k])
            if not m:
                self.err(lineno + k, f"bad header line: {chunk[k][:60]!r}")
            else:
                key, val = m.groups()
                if key in h:
                    self.err(lineno + k, f"duplicate key {key}")
                if key not in REQUIRED and key not in OPTIONAL:
                    self.err(lineno + k, f"unknown key {key}")
                h[key] = val
                order.append(key)
            k += 1
        if k == 0:
            self.err(lineno, "record has no header (empty record or stray blank line)")
        if k >= len(chunk):
            self.err(lineno, "record has no empty line and no body")
            body_lines = []
        else:
            body_lines = chunk[k + 1:]
        body = "\n".join(body_lines)
        if body_lines and (body_lines[0].strip() == "" or body_lines[-1].strip() == ""):
            self.err(lineno + k + 1, "body starts or ends with a blank line")
        for key in REQUIRED:
            if key not in h:
                self.err(lineno, f"missing key {key}")
        self.records.append({"line": lineno, "h": h, "body": body, "body_line": lineno + k + 1})

    # ----------------------------------------------------------------- rules
    def check_fields(self):
        titles = set()
        for r in self.records:
            h, ln = r["h"], r["line"]
            if h.get("unit") not in UNITS:
                self.err(ln, f"unknown unit {h.get('unit')!r}")
            if h.get("column") not in COLUMNS:
                self.err(ln, f"unknown column {h.get('column')!r}")
            if h.get("topic") not in TOPICS:
                self.err(ln, f"unknown topic {h.get('topic')!r}")
            if h.get("genre") not in GENRES:
                self.err(ln, f"unknown genre {h.get('genre')!r}")
            if h.get("format") not in FORMATS:
                self.err(ln, f"unknown format {h.get('format')!r}")
            if "validity" in h and h["validity"] not in VALIDITY:
                self.err(ln, f"unknown validity {h['validity']!r}")
            if not h.get("issuer", "西吉县").startswith("西吉县"):
                self.err(ln, f"issuer should be a 西吉县 organ: {h.get('issuer')}")
            t = h.get("title", "")
            if len(t) > 120:
                self.err(ln, "title longer than 120 characters")
            key = (h.get("unit"), t)
            if key in titles:
                self.err(ln, f"duplicate title in unit: {t}")
            titles.add(key)
            try:
                w = parse_date(h.get("written_at", ""))
                p = parse_date(h.get("published_at", ""))
            except ValueError as e:
                self.err(ln, f"bad date: {e}")
                continue
            r["w"], r["p"] = w, p
            if p < w:
                self.err(ln, "published_at earlier than written_at")
            if not PUB_MIN <= p <= PUB_MAX:
                self.err(ln, f"published_at {p} outside {PUB_MIN}..{PUB_MAX}")
            if (p - w).days > MAX_PUBLISH_LAG_DAYS:
                self.err(ln, f"published {(p - w).days} days after written (> {MAX_PUBLISH_LAG_DAYS})")
            if (h.get("column") == "gzgfxwj" or h.get("genre") in POLICY_GENRES) and "validity" not in h:
                self.err(ln, "规范性文件/policy without validity")
            n = len(r["body"])
            if not BODY_MIN <= n <= BODY_MAX:
                self.err(ln, f"body length {n} outside {BODY_MIN}..{BODY_MAX}")

    def check_docnos(self):
        seen = {}
        by_org = defaultdict(list)
        for d, date in EXTERNAL_DOCS.items():
            m = RE_DOCNO.match(d)
            by_org[(m.group(1), m.group(2))].append((int(m.group(3)), date, d))
        for r in self.records:
            d = r["h"].get("docno")
            if d is None:
                continue
            m = RE_DOCNO.match(d)
            if not m:
                self.err(r["line"], f"docno not in 机关代字〔年〕N号 form: {d}")
                continue
            if d in seen or d in EXTERNAL_DOCS:
                self.err(r["line"], f"duplicate docno {d}")
            seen[d] = r
            if "w" in r and int(m.group(2)) != r["w"].year:
                self.err(r["line"], f"docno year {m.group(2)} != written_at year")
            if "w" in r:
                by_org[(m.group(1), m.group(2))].append((int(m.group(3)), r["w"], d))
        for (org, year), lst in by_org.items():
            lst.sort()
            for (n1, d1, a), (n2, d2, b) in zip(lst, lst[1:]):
                if d2 < d1:
                    self.err(0, f"docno order: {b} dated {d2} before {a} dated {d1}")
        self.docnos = seen

    def check_interpretations(self):
        for r in self.records:
            if r["h"].get("column") != "zcjd":
                continue
            if r["h"].get("genre") != "解读":
                self.err(r["line"], "政策解读 item whose genre is not 解读")
            ref = [ln for ln in r["body"].split("\n") if ln.startswith("相关文件：")]
            if not ref:
                self.err(r["line"], "解读 without a '相关文件：' line")
                continue
            nos = RE_DOCNO_IN_TEXT.findall(ref[0])
            if not nos:
                self.err(r["line"], "'相关文件：' line names no 文号")
            for d in nos:
                if d in EXTERNAL_DOCS:
                    continue
                tgt = self.docnos.get(d)
                if tgt is None:
                    self.err(r["line"], f"解读 refers to {d}, which is not an item here")
                elif "validity" not in tgt["h"]:
                    self.err(r["line"], f"解读 target {d} has no validity (not a policy?)")
                elif tgt.get("p") and r.get("p") and r["p"] < tgt["p"]:
                    self.err(r["line"], f"解读 published before its policy {d}")

    def check_bodies(self):
        for r in self.records:
            body, fmt, ln = r["body"], r["h"].get("format"), r["line"]
            lines = body.split("\n")
            if any(l == "%%" for l in lines):
                self.err(ln, "body contains a %% line")
            if fmt == "text":
                for i, l in enumerate(lines):
                    if RE_MD_MARK.match(l) or l.startswith("|") or "**" in l:
                        self.err(r["body_line"] + i, f"markdown syntax in a text body: {l[:40]!r}")
                        break
            elif fmt == "md":
                self.check_md_tables(r, lines)
            if r["h"].get("genre") != "公示" and not any(RE_GONGWEN_HEAD.match(l) for l in lines):
                self.err(ln, "no 公文 headings (一、/（一）/1.) in the body")
            for m in RE_LANDLINE.finditer(body):
                if len(m.group(1)) != 7:
                    self.err(ln, f"landline 0954-{m.group(1)} is not 7 digits")

    def check_md_tables(self, r, lines):
        i = 0
        while i < len(lines):
            if lines[i].startswith("|"):
                j = i
                while j < len(lines) and lines[j].startswith("|"):
                    j += 1
                block = lines[i:j]
                ncol = block[0].count("|") - 1
                if len(block) < 3 or not re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", block[1]):
                    self.err(r["body_line"] + i, "markdown table without header separator row")
                for k, row in enumerate(block):
                    if not row.endswith("|") or row.count("|") - 1 != ncol:
                        self.err(r["body_line"] + i + k, f"table row has wrong cell count (want {ncol})")
                if i > 0 and lines[i - 1].strip() != "":
                    self.err(r["body_line"] + i, "markdown table not preceded by a blank line")
                i = j
            else:
                i += 1

    def check_personal_data(self):
        self.pd = []
        for r in self.records:
            body, ln = r["body"], r["line"]
            ids = RE_ID.findall(body)
            mobiles = RE_MOBILE.findall(body)
            valid_ids = [s for s in ids if id_valid(s)]
            if ids or mobiles:
                self.pd.append((r, ids, mobiles))
            for m in RE_USCC.finditer(body):
                s = m.group(1)
                if RE_ID.fullmatch(s):      # an ID number, checked below
                    continue
                if not uscc_valid(s):
                    self.err(ln, f"统一社会信用代码 {s} has a bad check character")
            for s in RE_LONGDIGITS.findall(body):
                if len(s) != 18:
                    self.err(ln, f"{len(s)}-digit number (bank-card-like) {s}")
            r["valid_ids"], r["ids"], r["mobiles"] = valid_ids, ids, mobiles
        if len(self.pd) != PD_ITEMS:
            self.err(0, f"{len(self.pd)} items carry ID/mobile numbers; exactly {PD_ITEMS} must")
        for r, ids, mobiles in self.pd:
            ln = r["line"]
            if r["h"].get("column") != "hmhn":
                self.err(ln, "personal data outside a 惠民惠农 item")
            if len(ids) < 5 or len(mobiles) < 5:
                self.err(ln, f"personal-data item needs >=5 IDs and mobiles (has {len(ids)}, {len(mobiles)})")
            for s in ids:
                if not s.startswith("640422"):
                    self.err(ln, f"ID {s} not in area 640422")
                if not id_valid(s):
                    self.err(ln, f"ID {s} has a bad check digit (want {id_check(s[:17])})")
                if not id_plausible_date(s):
                    self.err(ln, f"ID {s} has an impossible birth date")
        pd_set = {id(r) for r, _, _ in self.pd}
        for r in self.records:
            if id(r) not in pd_set and r["valid_ids"]:
                self.err(r["line"], f"valid-check-digit ID-like number outside the PD items: {r['valid_ids']}")

    def check_annual_reports(self):
        years = defaultdict(set)
        for r in self.records:
            h = r["h"]
            if h.get("column") != "nb":
                continue
            if h.get("genre") != "年报":
                self.err(r["line"], "年报 column item whose genre is not 年报")
            m = re.search(r"(20\d\d)年政府信息公开工作年度报告", h.get("title", ""))
            if not m:
                self.err(r["line"], "年报 title without 'YYYY年政府信息公开工作年度报告'")
                continue
            y = int(m.group(1))
            years[y].add(h["unit"])
            county = h.get("issuer") == "西吉县人民政府"
            deadline = dt.date(y + 1, 3, 31) if county else dt.date(y + 1, 1, 31)
            if r.get("p") and r["p"] > deadline:
                self.err(r["line"], f"{y} annual report published {r['p']} after deadline {deadline}")
        for y in (2020, 2021):
            if len(years[y]) < 3:
                self.err(0, f"annual reports for {y}: {len(years[y])} units, want >= 3")
        self.nb_years = years

    def check_coverage(self):
        c = Counter((r["h"].get("unit"), r["h"].get("column")) for r in self.records)
        self.matrix = c
        if len(self.records) < MIN_ITEMS:
            self.err(0, f"{len(self.records)} items, want >= {MIN_ITEMS}")
        for u in UNITS:
            if sum(v for (uu, _), v in c.items() if uu == u) < 3:
                self.err(0, f"unit {u} has fewer than 3 items")
        for col in COLUMNS:
            if c[("xzfb", col)] == 0:
                self.err(0, f"county office (xzfb) has nothing in column {col}")
            if sum(v for (_, cc), v in c.items() if cc == col) == 0:
                self.err(0, f"column {col} is empty everywhere")
        for col in ("zn", "zd"):
            n = len({u for (u, cc) in c if cc == col})
            if n < 3:
                self.err(0, f"column {col} used by {n} units, want >= 3")
        fmts = Counter(r["h"].get("format") for r in self.records)
        for f in FORMATS:
            if fmts[f] < len(self.records) // 4:
                self.err(0, f"too few items in format {f}: {fmts[f]}")

    def run(self):
        self.parse()
        if not self.records:
            return
        self.check_fields()
        self.check_docnos()
        self.check_interpretations()
        self.check_bodies()
        self.check_personal_data()
        self.check_annual_reports()
        self.check_coverage()

    # --------------------------------------------------------------- summary
    def summary(self):
        cols = list(COLUMNS)
        w = 7
        print(f"{'unit':<6}" + "".join(f"{c:>{w+1}}" for c in cols) + f"{'total':>7}")
        for u in UNITS:
            row = [self.matrix[(u, c)] for c in cols]
            print(f"{u:<6}" + "".join(f"{(n or '.'):>{w+1}}" for n in row) + f"{sum(row):>7}")
        tot = [sum(self.matrix[(u, c)] for u in UNITS) for c in cols]
        print(f"{'total':<6}" + "".join(f"{n:>{w+1}}" for n in tot) + f"{sum(tot):>7}")
        fmts = Counter(r["h"].get("format") for r in self.records)
        genres = Counter(r["h"].get("genre") for r in self.records)
        lens = [len(r["body"]) for r in self.records]
        print(f"\nitems: {len(self.records)}   formats: {dict(fmts)}   body length min/avg/max: "
              f"{min(lens)}/{sum(lens)//len(lens)}/{max(lens)}")
        print("genres: " + ", ".join(f"{g} {n}" for g, n in genres.most_common()))
        print(f"with docno: {sum('docno' in r['h'] for r in self.records)}   with validity: "
              f"{dict(Counter(r['h']['validity'] for r in self.records if 'validity' in r['h']))}")
        print("annual reports: " + ", ".join(f"{y}: {' '.join(sorted(us))}" for y, us in sorted(self.nb_years.items())))
        for r, ids, mob in self.pd:
            print(f"personal-data item (line {r['line']}, {r['h']['unit']}/{r['h']['column']}): "
                  f"{len(ids)} IDs (all valid: {all(id_valid(s) for s in ids)}), {len(mob)} mobiles — {r['h']['title']}")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else __file__.rsplit("/", 1)[0] + "/items.txt"
    ck = Checker(path)
    ck.run()
    if ck.records and not any(l == 1 and "UTF-8" in m for l, m in ck.errors):
        try:
            ck.summary()
        except Exception as e:  # summary must never hide the errors
            print(f"(summary failed: {e})")
    if ck.errors:
        print(f"\n{len(ck.errors)} error(s):")
        for line, msg in sorted(ck.errors):
            print(f"  {path}:{line}: {msg}")
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
