-- 0007_apply.sql: 依申请公开, applications for government information under the
-- 条例 (2019) Art 27-45, with the statutory clock (src/apply/, docs/apply.md).
--
-- The events (application_event) are the truth: state and deadline are derived from
-- them by the deadline engine (src/apply/apply_clock.c).  The columns marked
-- "derived" in application are a cache for lists and dashboards, rewritten by every
-- action and by the re-dating after a calendar change.

-- One application.  Never public: only the receiving unit's staff and admins see
-- the applicant's data; the applicant sees the case with the tracking code.
CREATE TABLE application(
  id             INTEGER PRIMARY KEY,
  unit_id        INTEGER NOT NULL REFERENCES unit(id),   -- the receiving unit
  case_no        TEXT NOT NULL UNIQUE,                    -- 案号, e.g. czj-2021-0001
  code           TEXT NOT NULL UNIQUE,                    -- tracking code, 12 Crockford base32
  channel        TEXT NOT NULL CHECK(channel IN ('online','letter','fax','counter')),
  applicant_type TEXT NOT NULL CHECK(applicant_type IN
                   ('natural','commercial','research','social_welfare','legal_service','other_org')),
  name           TEXT NOT NULL,                           -- 姓名 or 名称
  id_number      TEXT NOT NULL DEFAULT '',                -- 身份证明: ID or credit code
  contact        TEXT NOT NULL DEFAULT '',                -- contact person (organisations)
  phone          TEXT NOT NULL DEFAULT '',
  email          TEXT NOT NULL DEFAULT '',
  address        TEXT NOT NULL DEFAULT '',
  content        TEXT NOT NULL,                           -- the information wanted
  docno          TEXT NOT NULL DEFAULT '',                -- its 文号, when known
  form           TEXT NOT NULL DEFAULT 'electronic' CHECK(form IN ('paper','electronic')),
  delivery       TEXT NOT NULL DEFAULT 'email' CHECK(delivery IN ('email','post','pickup')),
  consent        INTEGER NOT NULL DEFAULT 0,              -- answer may be published (register)
  ip             TEXT NOT NULL DEFAULT '',
  submitted_at   TEXT NOT NULL,                           -- China time as submitted, YYYY-MM-DD HH:MM
  received_on    TEXT NOT NULL,                           -- receipt date by the channel's rule
  created_at     TEXT NOT NULL,                           -- UTC
  created_by     INTEGER REFERENCES user(id),             -- staff who entered it; NULL online
  state          TEXT NOT NULL DEFAULT 'processing',      -- derived
  deadline       TEXT,                                    -- derived; NULL while the clock stands
  pending_due    TEXT,                                    -- derived: applicant's or third party's due
  outcome        TEXT,                                    -- derived from the reply
  replied_on     TEXT,                                    -- derived
  published      INTEGER NOT NULL DEFAULT 0,              -- in the public register
  pub_content    TEXT NOT NULL DEFAULT '',                -- masked copies for the register
  pub_answer     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX application_queue ON application(unit_id, state, deadline);
CREATE INDEX application_register ON application(published, replied_on);

-- The case history, append-only.  kind: received correction corrected consult
-- consulted extend fee paid reply deliver review redated.  on_date is the day the
-- step took effect (China time), which the clock uses; at is when it was recorded.
CREATE TABLE application_event(
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES application(id),
  kind           TEXT NOT NULL,
  on_date        TEXT NOT NULL,
  at             TEXT NOT NULL,
  user_id        INTEGER REFERENCES user(id),
  days           INTEGER NOT NULL DEFAULT 0,   -- extension days; correction period
  due            TEXT NOT NULL DEFAULT '',     -- correction / payment / third-party due date
  amount         INTEGER NOT NULL DEFAULT 0,   -- fee in yuan
  outcome        TEXT NOT NULL DEFAULT '',     -- reply: table 三 outcome code
  text           TEXT NOT NULL DEFAULT '',     -- reason, notice points, reply text, opinion
  basis          TEXT NOT NULL DEFAULT '',     -- legal basis of the reply; fee basis
  detail         TEXT NOT NULL DEFAULT ''      -- kind-specific: third party, fee count, old deadline
);
CREATE INDEX application_event_case ON application_event(application_id, id);

-- Notices issued (登记回执, 补正告知书, 延期告知书, 收费通知书, 答复书), as generated from
-- the templates at the time, kept with the case.
CREATE TABLE application_notice(
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES application(id),
  event_id       INTEGER REFERENCES application_event(id),
  kind           TEXT NOT NULL,
  title          TEXT NOT NULL,
  body           TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  mailed         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX application_notice_case ON application_notice(application_id, id);

-- 行政复议 / 行政诉讼 about a case, for the annual report's table 四.
CREATE TABLE application_review(
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES application(id),
  kind           TEXT NOT NULL CHECK(kind IN ('reconsideration','litigation')),
  after_reconsideration INTEGER NOT NULL DEFAULT 0,  -- litigation: 复议后起诉
  result         TEXT NOT NULL CHECK(result IN ('upheld','corrected','other','pending')),
  filed_on       TEXT NOT NULL,
  decided_on     TEXT,
  note           TEXT NOT NULL DEFAULT '',
  updated_at     TEXT NOT NULL
);
CREATE INDEX application_review_case ON application_review(application_id);

-- Editable notice templates.  Placeholders in braces ({申请人}, {案号} …) are filled
-- by apply_notice_render(); docs/apply.md lists them.
CREATE TABLE apply_template(
  kind       TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  updated_at TEXT,
  updated_by INTEGER REFERENCES user(id)
);
INSERT INTO apply_template(kind,title,body) VALUES
('receipt','政府信息公开申请登记回执',
'{申请人}：

您于{提交时间}通过{渠道}提出的政府信息公开申请，本机关已登记。

案号：{案号}
查询码：{查询码}
收到申请日期：{收到日期}
申请内容：{申请内容}

根据《中华人民共和国政府信息公开条例》第三十三条，本机关将在收到申请之日起 20 个工作日内（{答复期限}前）予以答复；需要延长答复期限的，将另行告知。
您可凭查询码在 {查询网址} 查询办理情况和期限计算说明。

{单位}
{日期}'),
('correction','政府信息公开申请补正告知书',
'{申请人}：

本机关于{收到日期}收到您的政府信息公开申请（案号 {案号}）。经审查，该申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条，请您作出补正：

{补正事项}

请于{补正期限}前将补正后的申请提交本机关。答复期限自本机关收到补正后的申请之日起重新计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。

{单位}
{日期}'),
('extension','政府信息公开申请延期答复告知书',
'{申请人}：

本机关于{收到日期}收到您的政府信息公开申请（案号 {案号}）。因{延期理由}，不能在规定期限内答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款，经政府信息公开工作机构负责人同意，答复期限延长 {延期天数} 个工作日，延长后的答复期限为{答复期限}。

{单位}
{日期}'),
('fee','政府信息公开信息处理费缴费通知书',
'{申请人}：

您的政府信息公开申请（案号 {案号}）的申请数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本机关决定收取信息处理费。

计费依据：{收费依据}
应缴金额：{收费金额} 元
缴费方式：请持本通知到本机关办理缴费，或按本机关告知的非税收入缴款方式缴纳。
缴费期限：{缴费期限}前（自收到本通知次日起 20 个工作日）

发出本通知至您缴费之日的期间，不计入答复期限。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。

{单位}
{日期}'),
('reply','政府信息公开申请答复书',
'{申请人}：

本机关于{收到日期}收到您的政府信息公开申请（案号 {案号}），申请获取：{申请内容}

经审查，现答复如下：

{答复内容}

办理结果：{答复结果}
依据：{法律依据}

如对本答复不服，可以在收到本答复之日起 60 日内依法申请行政复议，或者在 6 个月内依法提起行政诉讼。

{单位}
{日期}');
