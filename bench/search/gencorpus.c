// SPDX-License-Identifier: MIT
/*
** gencorpus.c: the corpus of the search benchmark (bench/search/README.md).
**
**   gencorpus load  --db FILE --data DIR [--count N] [--seed S] [--cache-mib M]
**   gencorpus index --db FILE [--tokenizer zwgk|trigram|zwgk-prefix1] [--cache-mib M]
**   gencorpus stats --db FILE [--dbstat]
**
** load: creates FILE with the embedded migrations and the demo units and columns
** (demo_units), then inserts N published items straight into item and item_version
** (live_version 1, unique 索引号, dates 2015-01-01..2026-11-28 in id order, units,
** columns, 体裁 and 有效性 spread as a county site spreads them).  The text is
** composed here: sentences, headings, table cells and 《…》 names harvested at run time
** from DIR/items.txt and DIR/plan.txt, plus template sentences whose slots draw
** government terms from Zipf-ranked word lists (general terms, each unit's own domain,
** places, villages, companies, and rare and very rare words), so that 公开/工作/教育
** are everywhere and 獭兔 or 黑鹳 are in a few hundred or a few dozen items.  Bodies
** are 300-1500 characters.  Everything comes from one seeded generator: the same
** arguments give the same database.  The item_fts table the migration made stays
** empty.  Bulk-load settings: journal_mode=OFF, synchronous=OFF, foreign_keys=OFF,
** cache_size M MiB, one transaction per 10,000 items.
**
** index: the bulk build of schema/0013, timed: fill search_facets from item_facets and
** `INSERT INTO item_fts(rowid,title,body,docno,facets) SELECT … FROM search_content` (the
** shape of the app's fts_add, for all rows at once) in one transaction without merging
** (automerge 0, crisismerge 1000) and with a 128 MiB pending buffer, then 'optimize' (one
** segment), then automerge 4 and crisismerge 16; with
** journal_mode=OFF, synchronous=OFF and cache_size M MiB.  With --tokenizer trigram it
** first replaces item_fts by the same external-content table with FTS5's built-in
** tokenize='trigram' (no prefix index), so that search_run and everything else run
** unchanged on that file.  zwgk-prefix1/-prefix3/-noprefix are experiments with other
** prefix= options (FTS5 counts prefix lengths in characters, so '3' never covers a
** one-character CJK query).  Prints the rates and the index size (pages added).  The
** file is left in rollback-journal mode; `zwgk serve` turns WAL on when it opens it.
**
** stats: page size, page count, freelist; with --dbstat the bytes per table/index.
**
** Relies on the library only through its headers (db_*, demo_units, util_*, str_*);
** never calls sqlite3_* itself.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "../../src/core/arena.h"
#include "../../src/core/err.h"
#include "../../src/core/log.h"
#include "../../src/core/str.h"
#include "../../src/core/util.h"
#include "../../src/demo/demo.h"
#include "../../src/store/db.h"

#define NARRAY(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define BATCH 10000

/* ---- deterministic random numbers ------------------------------------------------- */

typedef struct Rng {
    uint64_t s;
} Rng;

/* splitmix64: fast, good enough, and the same on every machine. */
static uint64_t rng_next(Rng *r) {
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double rng_u01(Rng *r) {
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static int rng_below(Rng *r, int n) {
    int i = (int)(rng_u01(r) * n);
    return i < n ? i : n - 1;
}

static int rng_range(Rng *r, int lo, int hi) {
    return lo + rng_below(r, hi - lo + 1);
}

/* Pick an index from weights aW[0..n). */
static int rng_weighted(Rng *r, const double *aW, int n) {
    double t = 0;
    for (int i = 0; i < n; i++) t += aW[i];
    double u = rng_u01(r) * t;
    for (int i = 0; i < n; i++) {
        if (u < aW[i]) return i;
        u -= aW[i];
    }
    return n - 1;
}

/* ---- word lists -------------------------------------------------------------------- */

/* A list of strings drawn by rank: weight of rank k is 1/(k+q)^s (Zipf-Mandelbrot);
** s = 0 draws uniformly. */
typedef struct Pool {
    const char **az;
    int n, nCap;
    double *aCdf;
} Pool;

static void pool_add(Pool *p, const char *z) {
    if (p->n == p->nCap) {
        p->nCap = p->nCap ? p->nCap * 2 : 64;
        p->az = xrealloc(p->az, sizeof(char *) * (size_t)p->nCap);
    }
    p->az[p->n++] = z;
}

static void pool_add_list(Pool *p, const char *const *az, int n) {
    for (int i = 0; i < n; i++) pool_add(p, az[i]);
}

static void pool_rank(Pool *p, double s, double q) {
    if (p->n == 0) die("empty word pool");
    p->aCdf = xrealloc(p->aCdf, sizeof(double) * (size_t)p->n);
    double t = 0;
    for (int i = 0; i < p->n; i++) {
        t += s > 0 ? 1.0 / pow(i + 1 + q, s) : 1.0;
        p->aCdf[i] = t;
    }
    for (int i = 0; i < p->n; i++) p->aCdf[i] /= t;
}

static const char *pool_draw(const Pool *p, Rng *r) {
    double u = rng_u01(r);
    int lo = 0, hi = p->n - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (p->aCdf[mid] > u) hi = mid;
        else lo = mid + 1;
    }
    return p->az[lo];
}

/* General government vocabulary, most frequent first. */
static const char *const azGeneral[] = {
    "工作", "公开", "管理", "服务", "建设", "发展", "政府", "信息", "教育", "安全", "项目", "群众",
    "资金", "制度", "监督", "社会", "政策", "企业", "农村", "改革", "经济", "保障", "治理", "责任",
    "检查", "规划", "宣传", "标准", "基层", "平台", "数据", "考核", "乡村振兴", "环境", "生态",
    "卫生", "健康", "民生", "就业", "产业", "农业", "财政", "预算", "审计", "法治", "执法", "网站",
    "公众", "机制", "质量", "整改", "风险", "应急", "防控", "疫情防控", "安全生产", "营商环境",
    "政务服务", "高质量发展", "项目建设", "重点领域", "政务公开", "信息公开", "专项行动", "督查",
    "统计", "调查", "培训", "档案", "保密审查", "互联网", "政务新媒体", "回应关切", "政策解读",
    "舆情", "评估", "绩效", "政府采购", "招标投标", "合同", "政府债务", "专项债券", "转移支付",
    "补助", "补贴", "救助", "低保", "特困供养", "养老", "医保", "社会保险", "残疾人", "退役军人",
    "妇女儿童", "未成年人保护", "住房保障", "危房改造", "饮水安全", "农村公路", "交通运输", "水利",
    "高标准农田", "畜牧", "肉牛", "马铃薯", "冷凉蔬菜", "中药材", "小杂粮", "电子商务", "合作社",
    "龙头企业", "劳务输出", "技能培训", "易地扶贫搬迁", "移民", "脱贫攻坚", "巩固拓展",
    "防返贫监测", "东西部协作", "闽宁协作", "消费帮扶", "招商引资", "固定资产投资", "民营经济",
    "中小企业", "市场主体", "社会信用", "双随机一公开", "行政许可", "行政处罚", "行政复议",
    "普法", "法律援助", "人民调解", "公共法律服务", "扫黑除恶", "信访", "矛盾纠纷", "网格化管理",
    "疫苗接种", "核酸检测", "家庭医生", "公共卫生", "医疗", "乡镇卫生院", "村卫生室", "爱国卫生",
    "食品安全", "药品安全", "特种设备", "价格监测", "计量", "知识产权", "土地", "国土空间",
    "耕地保护", "矿产资源", "不动产登记", "林草", "草原", "造林绿化", "水土保持", "黄河流域",
    "生态保护", "河长制", "环境保护", "大气污染防治", "人居环境", "垃圾治理", "污水处理",
    "厕所革命", "学校", "学生", "教师", "义务教育", "学前教育", "职业教育", "营养改善计划",
    "控辍保学", "学生资助", "校园安全", "体育", "文化", "旅游", "文物保护", "红色旅游", "广播电视",
    "公共文化", "图书馆", "气象", "防汛", "抗旱", "地质灾害", "地震", "消防", "森林防火",
    "人口普查", "党史学习教育", "作风建设", "廉政建设", "巡察整改", "预决算", "三公经费",
    "国有资产", "国库", "非税收入", "税收", "乡村建设", "美丽乡村", "村集体经济", "土地流转",
    "宅基地", "农村改厕", "光伏", "电网", "通信", "数字政府", "一网通办", "放管服", "证明事项",
    "告知承诺", "电子证照", "营业执照", "政务服务中心", "好差评", "老年人", "婴幼儿照护", "托育",
    "计划生育", "婚姻登记", "殡葬改革", "慈善", "社会组织", "志愿服务", "文明城市", "移风易俗",
    "民族团结", "双拥", "征兵", "人民防空", "粮食安全", "储备粮", "供销社", "邮政快递", "金融",
    "保险", "小额信贷", "融资担保", "财源建设", "统计执法", "审批服务", "政务诚信", "数字乡村",
};

/* Each unit's own vocabulary, most frequent first. */
static const char *const azDomCounty[] = {
    "政务公开", "政府信息公开", "依申请公开", "政务服务", "一网通办", "放管服", "督查督办",
    "政务值班", "机关事务", "公文处理", "电子政务", "门户网站", "政务新媒体", "建议提案办理",
    "人大代表建议", "政协委员提案", "重大行政决策", "行政规范性文件", "合法性审查", "公平竞争审查",
    "营商环境", "数字政府", "政府常务会议", "目标管理", "效能建设", "保密审查", "政府开放日",
    "政策解读", "回应关切", "政务舆情", "公众参与", "决策听证", "专家论证", "社会稳定风险评估",
    "基层政务公开标准化规范化", "政务公开专区", "政府信息公开工作年度报告", "政府网站年度报表",
    "县长办公会议", "重点工作任务分解",
};
static const char *const azDomFgj[] = {
    "国民经济和社会发展计划", "重点项目", "中央预算内投资", "专项债券项目", "固定资产投资",
    "以工代赈", "价格监测", "粮食安全", "储备粮", "节能降耗", "能耗双控", "社会信用体系",
    "信用修复", "黄河流域生态保护", "先行区建设", "十四五规划", "项目储备库", "招商引资",
    "产业园区", "光伏发电", "风电项目", "新能源", "天然气", "冷链物流", "电力保障",
    "政府投资项目", "可行性研究报告", "项目审批", "投资项目在线审批监管平台", "价格认定",
    "成本监审", "化解过剩产能", "碳达峰", "国防动员", "对口支援",
};
static const char *const azDomZrzyj[] = {
    "国土空间规划", "国土空间总体规划", "村庄规划", "耕地保护", "永久基本农田", "生态保护红线",
    "城镇开发边界", "建设用地", "土地供应", "土地征收", "征地补偿", "不动产登记", "矿产资源",
    "砂石资源", "采矿权", "地质灾害", "地质灾害隐患点", "土地整治", "增减挂钩", "占补平衡",
    "卫片执法", "违法用地", "农村宅基地", "国有建设用地使用权", "土地出让", "测绘地理信息", "林地",
    "自然资源确权登记", "生态修复", "矿山地质环境", "六盘山", "葫芦河", "基准地价", "用地预审",
};
static const char *const azDomScjgj[] = {
    "市场主体", "营业执照", "个体工商户", "食品安全", "餐饮服务", "食品经营许可", "药品", "医疗器械",
    "化妆品", "特种设备", "电梯", "锅炉", "计量器具", "标准化", "产品质量", "知识产权", "商标",
    "专利", "明码标价", "反不正当竞争", "消费者权益保护", "投诉举报", "双随机一公开", "行政处罚",
    "抽查检查", "企业年报", "经营异常名录", "严重违法失信名单", "食品小作坊", "农贸市场",
    "校园食品安全", "冷链食品", "网络交易", "广告监管", "证照分离", "信用风险分类", "不予行政处罚",
    "减轻行政处罚", "行政执法公示", "价格违法", "重要工业产品",
};
static const char *const azDomCzj[] = {
    "部门预算", "部门决算", "一般公共预算", "政府性基金预算", "国有资本经营预算", "三公经费",
    "财政收入", "财政支出", "转移支付", "专项资金", "预算绩效管理", "绩效目标", "政府采购",
    "政府债务", "债务限额", "地方政府债券", "还本付息", "专项债券", "一般债券", "惠民惠农",
    "一卡通", "国库集中支付", "非税收入", "财政供养", "会计监督", "国有资产", "衔接推进乡村振兴补助资金",
    "直达资金", "暂付款", "预算执行", "财政运行", "机关运行经费", "公务用车", "公务接待费",
};
static const char *const azDomWjj[] = {
    "卫生健康", "疫情防控", "新冠肺炎", "疫苗接种", "核酸检测", "公共卫生", "基本公共卫生服务",
    "家庭医生签约", "乡镇卫生院", "村卫生室", "县人民医院", "中医医院", "医共体", "分级诊疗",
    "健康扶贫", "大病专项救治", "慢性病", "高血压", "糖尿病", "结核病", "包虫病", "妇幼保健",
    "孕产妇", "新生儿", "出生缺陷", "孕前优生健康检查", "计划生育", "奖励扶助", "特别扶助",
    "职业病防治", "爱国卫生运动", "病媒生物防制", "健康教育", "卫生监督", "传染病", "医养结合",
    "健康西吉", "院前急救", "无偿献血", "鼠疫",
};
static const char *const azDomJtj[] = {
    "义务教育", "学前教育", "普惠性幼儿园", "高中教育", "职业教育", "控辍保学", "营养改善计划",
    "学生资助", "建档立卡学生", "雨露计划", "教师招聘", "特岗教师", "乡村教师", "校园安全", "校车",
    "双减", "校外培训机构", "课后服务", "作业负担", "薄弱学校", "义务教育均衡", "全民健身",
    "体育场馆", "青少年", "学籍管理", "招生", "中考", "高考", "教育资助", "营养餐", "寄宿制学校",
    "教育信息化", "智慧校园", "西吉中学", "语言文字", "研学实践", "家庭经济困难学生",
    "生源地信用助学贷款", "教师资格", "学校食堂",
};
static const char *const azDomSfj[] = {
    "法治政府建设", "普法", "八五普法", "七五普法", "法律援助", "人民调解", "公共法律服务",
    "社区矫正", "安置帮教", "行政复议", "行政应诉", "行政执法", "执法证件", "行政执法三项制度",
    "重大执法决定法制审核", "执法全过程记录", "合法性审查", "法律顾问", "公证", "司法鉴定",
    "律师", "基层法律服务", "民主法治示范村", "法治宣传", "宪法宣传周", "矛盾纠纷排查化解",
    "信访", "法治乡村", "调解委员会", "减证便民",
};
static const char *const azDomTown[] = {
    "乡村振兴", "巩固拓展脱贫攻坚成果", "防返贫监测", "低保", "特困供养", "临时救助", "高龄津贴",
    "残疾人两项补贴", "耕地地力保护补贴", "农机购置补贴", "草畜产业", "肉牛养殖", "基础母牛",
    "马铃薯", "冷凉蔬菜", "西芹", "中药材", "小杂粮", "庭院经济", "村集体经济", "土地流转",
    "人居环境整治", "农村改厕", "危房改造", "饮水安全", "道路硬化", "一事一议", "村务公开",
    "党务公开", "财务公开", "网格员", "移风易俗", "防汛", "生态护林员", "公益性岗位", "劳务移民",
    "易地扶贫搬迁", "城乡居民医疗保险", "城乡居民养老保险", "红军长征会师纪念馆",
};

static const char *const azTownship[] = {
    "吉强镇", "兴隆镇", "平峰镇", "新营乡", "红耀乡", "田坪乡", "马建乡", "震湖乡", "兴平乡",
    "西滩乡", "王民乡", "什字乡", "马莲乡", "将台堡镇", "硝河乡", "偏城乡", "沙沟乡", "白崖乡",
    "火石寨乡",
};
/* Village names are made from these: first char + second char + 村. */
static const char *const azVillageA[] = {
    "杨", "马", "李", "王", "张", "苏", "何", "蒋", "田", "刘", "毛", "龙", "红", "新", "庙", "沙",
    "柳", "黑", "白", "高", "大", "小", "上", "下", "前", "后", "东", "西", "南", "北", "石", "水",
    "堡", "韩", "罗", "夏", "孙", "赵", "陈", "周",
};
static const char *const azVillageB[] = {
    "河", "湾", "岔", "沟", "川", "台", "庄", "堡", "洼", "梁", "岘", "坪", "山", "塬", "峁",
    "渠", "滩", "寨", "营", "店", "家", "园", "坡", "崖", "窑", "泉", "坝", "嘴", "屯", "岭",
};
static const char *const azIndustry[] = {
    "商贸", "农牧", "建筑工程", "餐饮管理", "食品", "物流", "新能源", "农业科技", "药业",
    "建材", "劳务", "种养殖", "电子科技", "文化传媒", "汽车修理", "百货",
};
/* In a few hundred items each. */
static const char *const azRare[] = {
    "砂梨", "蚕豆", "苜蓿", "胡麻", "荞麦", "燕麦", "莜麦", "窑洞", "驴肉", "鸵鸟", "蜂蜜",
    "硒砂瓜", "鹰嘴豆", "香菇", "羊肚菌", "獭兔", "冬小麦", "枸杞", "黄花菜", "油用牡丹", "沙棘",
    "山桃", "文冠果", "柠条", "刺绣", "剪纸", "砖雕", "皮影", "社火", "泥塑", "麻编", "手抓羊肉",
    "荞麦凉粉", "洋芋擦擦", "火锅子", "油香", "馓子", "酿皮", "胡萝卜", "向日葵",
};
/* In a few dozen items each. */
static const char *const azVeryRare[] = {
    "丝路驿站", "萤石矿", "石膏矿", "玄武岩", "湿地公园", "鹭鸶", "黑鹳", "金雕", "岩羊", "林麝",
    "红腹锦鸡", "脱毒种薯", "微型薯", "原原种", "冷链集配中心", "光热发电", "氢能", "储能电站",
    "数据中心", "无人机植保", "北斗导航", "区块链", "碳汇交易", "碳中和", "地下水超采", "旱作梯田",
    "揽月湖", "堡子山", "夏寨水库", "龙王坝",
};
static const char *const azAscii[] = {
    "“我的宁夏”APP", "宁夏政务服务网", "12345政务服务便民热线", "5G网络", "PM2.5浓度",
    "12315投诉举报平台", "GDP", "PPP项目", "CPI", "3A级旅游景区", "ISO9001质量管理体系",
    "微信公众号", "12366纳税服务热线", "App", "二维码",
};
static const char *const azLaw[] = {
    "《中华人民共和国政府信息公开条例》", "《中华人民共和国预算法》", "《中华人民共和国行政处罚法》",
    "《中华人民共和国食品安全法》", "《中华人民共和国义务教育法》", "《优化营商环境条例》",
    "《中华人民共和国土地管理法》", "《中华人民共和国安全生产法》",
    "《中华人民共和国传染病防治法》", "《中华人民共和国行政许可法》", "《中华人民共和国政府采购法》",
    "《宁夏回族自治区政务公开规定》", "《中华人民共和国行政复议法》", "《中华人民共和国乡村振兴促进法》",
    "《中华人民共和国基本医疗卫生与健康促进法》", "《中华人民共和国法律援助法》",
};
static const char *const azHeading[] = {
    "总体要求", "主要任务", "工作目标", "保障措施", "工作要求", "基本情况", "主要做法", "存在问题",
    "下一步工作打算", "实施步骤", "职责分工", "组织领导", "资金管理", "监督检查", "附则",
    "工作成效", "重点任务", "适用范围", "申报条件", "办理流程", "公示内容", "政策依据",
};
static const char *const azPurpose[] = {
    "进一步加强{D}工作", "深入推进{G}", "切实做好{Y}年{D}工作", "规范{D}管理",
    "保障人民群众{G}权益", "全面提升{D}水平", "加快推进{D}", "巩固{G}成果",
};
static const char *const azNum[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

/* Template sentences.  Slots: {G} general term, {D} the unit's domain term, {T}
** township, {V} village, {C} company, {Y} the item's year, {y} the next year, {M} month,
** {d} day, {N} count, {F} amount, {P} percent, {U} the unit, {O} another unit, {L} law,
** {R} rare word, {A} ASCII-ish term, {X} harvested phrase, {H} phone digits. */
static const char *const azTemplate[] = {
    "全面加强{G}和{D}工作，切实提高{G}水平。",
    "各乡（镇）、各部门要高度重视{D}工作，明确责任分工，确保各项任务落到实处。",
    "{Y}年，全县累计完成{D}项目{N}个，落实{G}资金{F}万元，同比增长{P}%。",
    "按照{L}有关规定，现将{D}有关事项通知如下。",
    "聚焦{G}、{D}、{G}等重点领域，持续推进{D}。",
    "{T}{V}{D}项目已于{Y}年{M}月完工，受益群众{N}户。",
    "对{D}中发现的问题，依法依规予以处理，并将处理结果向社会公开。",
    "{U}将{D}纳入年度目标责任考核，实行月调度、季通报。",
    "截至{Y}年{M}月底，全县共有{D}对象{N}人，发放{G}补助资金{F}万元。",
    "进一步完善{G}机制，推动{D}与{G}深度融合。",
    "严格落实{D}责任制，坚持问题导向，强化{G}。",
    "申请人可通过{A}或政务服务中心窗口办理{D}相关事项。",
    "咨询电话：0954-{H}，监督电话：12345。",
    "{O}、{O}按照职责分工，做好{D}相关工作。",
    "加快推进{T}{X}，力争{y}年底前全面完成。",
    "组织开展{D}专项检查{N}次，检查{G}单位{N}家，下达整改通知书{N}份。",
    "坚持以人民为中心的发展思想，着力解决群众最关心最直接最现实的{G}问题。",
    "充分发挥{G}作用，积极回应社会关切，主动公开{D}信息{N}条。",
    "对拒不整改的，依照{L}予以处理。",
    "全年共受理{D}申请{N}件，办结{N}件，按时办结率100%。",
    "依托{A}，实现{D}“一网通办”。",
    "建立健全{G}长效机制，推动{D}常态化、制度化、规范化。",
    "{Y}年{M}月{d}日，{U}召开{D}工作推进会，安排部署下一阶段重点工作。",
    "经审核，{T}{V}等{N}个村符合{D}条件，现予以公示。",
    "当事人{C}违反{L}有关规定，依法给予警告并处罚款{F}元。",
    "如对公示内容有异议，请于公示期内以书面形式向{U}反映。",
    "下一步，{U}将继续围绕{G}、{D}等方面，不断提升{G}质量和效率。",
    "统筹推进{D}和{G}，守住不发生规模性返贫的底线。",
    "健全完善{D}监测预警机制，做到早发现、早干预、早帮扶。",
    "{Y}年度{D}预算{F}万元，决算{F}万元，主要用于{G}和{D}。",
    "持续深化“放管服”改革，优化{G}，提升{D}便利度。",
    "进一步规范{D}程序，严格执行{L}，保障公民、法人和其他组织的合法权益。",
    "加大{D}宣传力度，通过{A}、政务新媒体等渠道发布信息{N}条。",
    "各责任单位要于{y}年{M}月{d}日前将{D}工作总结报送{U}。",
    "围绕{X}，组织开展{G}培训{N}场次，培训{N}人次。",
    "本年度共收到政府信息公开申请{N}件，均在法定期限内予以答复。",
    "因{G}工作需要，经研究决定，对{D}领导小组成员进行调整。",
    "{T}{V}积极发展{D}，带动{N}户群众稳定增收。",
    "{C}在{T}投资建设{D}项目，总投资{F}万元。",
    "严禁借{D}之名增加群众负担，对违规行为一经查实，严肃追责问责。",
    "各级各部门要把{G}作为一项重要任务，主要负责同志亲自抓、负总责。",
    "本{D}工作自{Y}年{M}月{d}日起至{y}年{M}月{d}日止。",
};
/* Templates that carry a rare word; used in a small share of items. */
static const char *const azRareTemplate[] = {
    "{V}{R}种植面积达到{N}亩，带动农户增收{F}万元。",
    "{T}立足{R}产业优势，推动{D}提质增效。",
    "组织{R}生产经营主体参加展销活动{N}场次。",
    "{T}{V}{R}基地被评为县级示范基地。",
};

/* ---- the units ------------------------------------------------------------------- */

/* Column slugs items go into, and their base weights. */
static const char *const azCol[] = {"tzgg", "xzzfgs", "sjgk", "ghxx",    "yjs", "zfzw", "hmhn",
                                    "wsjk", "jy",     "zcjd", "gzgfxwj", "nb",  "zn",   "zd"};
#define NCOL 14
static const double aColBase[NCOL] = {20, 6, 4, 5, 5, 1, 6, 4, 4, 5, 5, 0.3, 0.05, 1};

/* Per unit: weight, column boosts, domain words, 主题分类. */
typedef struct UnitConf {
    const char *zCode;
    double rWeight;
    const char *zBoost; /* "slug:w slug:w" */
    const char *const *azDom;
    int nDom;
    const char *zTopic;
} UnitConf;

#define DOM(x) x, NARRAY(x)
static const UnitConf aConf[] = {
    {"xjx", 8, "gzgfxwj:15 ghxx:5", DOM(azDomCounty), "综合政务"},
    {"xzfb", 14, "gzgfxwj:10 zcjd:5", DOM(azDomCounty), "综合政务"},
    {"fgj", 7, "ghxx:20", DOM(azDomFgj), "国民经济管理、国有资产监管"},
    {"zrzyj", 7, "ghxx:12 xzzfgs:10", DOM(azDomZrzyj), "国土资源、能源"},
    {"scjgj", 10, "xzzfgs:25 sjgk:10", DOM(azDomScjgj), "市场监管、安全生产监管"},
    {"czj", 8, "yjs:20 zfzw:8", DOM(azDomCzj), "财政、金融、审计"},
    {"wjj", 8, "wsjk:30", DOM(azDomWjj), "卫生、体育"},
    {"jtj", 8, "jy:30", DOM(azDomJtj), "科技、教育"},
    {"sfj", 5, "gzgfxwj:10 xzzfgs:5", DOM(azDomSfj), "公安、安全、司法"},
    {"jqz", 6, "hmhn:25", DOM(azDomTown), "农业、林业、水利"},
    {"xlz", 6, "hmhn:25", DOM(azDomTown), "民政、扶贫、救灾"},
    {"jtbz", 6, "hmhn:25", DOM(azDomTown), "农业、林业、水利"},
    {"hszx", 6, "hmhn:25", DOM(azDomTown), "城乡建设、环境保护"},
};
#define NUNIT NARRAY(aConf)

/* A unit as loaded: ids from the database and its drawing tables. */
typedef struct UnitRt {
    int64_t id;
    const char *zName, *zShort, *zOrg;
    int64_t aColId[NCOL];
    double aColW[NCOL];
    Pool dom;
    int aSeqYear[12][3]; /* per year 2015..2026: 发 numbers, 罚 numbers, 索引号 */
} UnitRt;

/* 体裁 by column: "genre:w genre:w". */
static const char *const azColGenre[NCOL] = {
    "通知:40 公告:30 通告:15 公示:15", "公示:80 公告:10 通知:10", "公示:50 方案:20 通知:30",
    "规划:30 方案:40 通知:20 公告:10", "报告:80 其他:20",            "报告:40 公示:40 其他:20",
    "公示:60 通知:20 方案:20",        "通知:35 通告:20 公告:20 方案:15 报告:10",
    "通知:40 公告:20 方案:20 公示:10 报告:10", "解读:100", "通知:40 办法:30 决定:10 意见:20",
    "年报:100", "指南:100", "制度:100",
};

/* Pick a "word:weight" entry; returns the word (in a static buffer, NUL-terminated). */
static const char *pick_spec(Rng *r, const char *zSpec, char *zBuf, size_t nBuf) {
    double aW[16];
    const char *azStart[16];
    int anLen[16], n = 0;
    for (const char *p = zSpec; *p && n < 16;) {
        const char *c = strchr(p, ':');
        if (!c) break;
        azStart[n] = p;
        anLen[n] = (int)(c - p);
        aW[n] = strtod(c + 1, (char **)&p);
        n++;
        while (*p == ' ') p++;
    }
    int i = rng_weighted(r, aW, n);
    if ((size_t)anLen[i] >= nBuf) die("spec too long");
    memcpy(zBuf, azStart[i], (size_t)anLen[i]);
    zBuf[anLen[i]] = 0;
    return zBuf;
}

/* ---- text harvested from the demo data ------------------------------------------- */

typedef struct Harvest {
    Pool sentence; /* whole sentences with their end mark */
    Pool heading;  /* short heading text without its number */
    Pool phrase;   /* table cells: 餐饮服务单位食品安全和消防安全检查 */
    Pool named;    /* 《…》 names */
} Harvest;

static char *read_file(const char *zPath) {
    FILE *f = fopen(zPath, "rb");
    if (!f) return NULL;
    Str s;
    str_init(&s, NULL);
    s.nMax = (size_t)64 << 20;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) str_append(&s, buf, n);
    fclose(f);
    if (s.err) die("%s is too large", zPath);
    return str_take(&s);
}

static int has_digit_run(const char *p, size_t n, int nRun) {
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        k = (p[i] >= '0' && p[i] <= '9') ? k + 1 : 0;
        if (k >= nRun) return 1;
    }
    return 0;
}

static size_t nchars(const char *p, size_t n) {
    return utf8_len(p, n);
}

/* Add p[0..n) to pool if its length in characters is within [lo, hi]. */
static void keep(Arena *a, Pool *pool, const char *p, size_t n, size_t lo, size_t hi) {
    while (n && (*p == ' ' || *p == '\t')) p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\r')) n--;
    size_t c = nchars(p, n);
    if (c < lo || c > hi || has_digit_run(p, n, 7)) return;
    pool_add(pool, arena_strndup(a, p, n));
}

/* Strip a leading list marker or number: "## ", "- ", "1. ", "一、", "（一）", "第一条". */
static const char *strip_marker(const char *p, const char *e) {
    while (p < e && (*p == '#' || *p == '-' || *p == '*' || *p == ' ' || *p == '>')) p++;
    const char *q = p;
    while (q < e && *q >= '0' && *q <= '9') q++;
    if (q > p && q < e && (*q == '.' || *q == ')')) return q + 1 < e && q[1] == ' ' ? q + 2 : q + 1;
    static const char *const azNumCh[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    const char *s = p;
    if (e - s >= 3 && memcmp(s, "（", 3) == 0) s += 3;
    const char *t = s;
    for (int again = 1; again;) {
        again = 0;
        for (int i = 0; i < 10; i++) {
            if (e - t >= 3 && memcmp(t, azNumCh[i], 3) == 0) {
                t += 3;
                again = 1;
            }
        }
    }
    if (t > s) {
        if (e - t >= 3 && (memcmp(t, "、", 3) == 0 || memcmp(t, "）", 3) == 0)) return t + 3;
    }
    return p;
}

/* Split a line into sentences, table cells, headings and 《》 names. */
static void harvest_line(Arena *a, Harvest *h, const char *p, const char *e) {
    for (const char *q = p; q < e;) {
        const char *o = strstr(q, "《");
        if (!o || o >= e) break;
        const char *c = strstr(o, "》");
        if (!c || c >= e) break;
        keep(a, &h->named, o, (size_t)(c + 3 - o), 4, 40);
        q = c + 3;
    }
    if (memchr(p, '|', (size_t)(e - p))) {
        for (const char *q = p; q < e;) {
            const char *c = memchr(q, '|', (size_t)(e - q));
            if (!c) c = e;
            keep(a, &h->phrase, q, (size_t)(c - q), 6, 30);
            q = c + 1;
        }
        return;
    }
    const char *b = strip_marker(p, e);
    size_t nc = nchars(b, (size_t)(e - b));
    if (nc > 0 && nc <= 16 && !memmem(b, (size_t)(e - b), "。", 3) && b != p) {
        keep(a, &h->heading, b, (size_t)(e - b), 2, 16);
        return;
    }
    const char *s = b;
    for (const char *q = b; q < e;) {
        int len;
        unsigned c = utf8_decode(q, (size_t)(e - q), &len);
        q += len;
        if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || q >= e) {
            /* End of a sentence: keep it unless it is a label ending in a colon. */
            size_t n = (size_t)(q - s);
            if (!(n >= 3 && memcmp(q - 3, "：", 3) == 0)) keep(a, &h->sentence, s, n, 8, 160);
            s = q;
        }
    }
}

static void harvest_file(Arena *a, Harvest *h, const char *zText, int bItems) {
    int bHeader = bItems;
    for (const char *p = zText; *p;) {
        const char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        size_t n = (size_t)(e - p);
        if (bItems && n == 2 && p[0] == '%' && p[1] == '%') {
            bHeader = 1;
        } else if (bHeader) {
            if (n == 0) bHeader = 0;
        } else if (n > 0) {
            harvest_line(a, h, p, e);
        }
        p = *e ? e + 1 : e;
    }
}

/* ---- composing items ------------------------------------------------------------- */

typedef struct Gen {
    Rng rng;
    Harvest h;
    Pool general, township, village, company, rare, veryRare, ascii, law;
    UnitRt aUnit[NUNIT];
} Gen;

/* What the slots of one item refer to. */
typedef struct Ctx {
    Gen *g;
    UnitRt *u;
    const UnitConf *c;
    int iYear, iMonth, iDay;
} Ctx;

static void expand(Ctx *x, Str *s, const char *zTpl);

static void put_slot(Ctx *x, Str *s, char k) {
    Gen *g = x->g;
    Rng *r = &g->rng;
    switch (k) {
    case 'G': str_puts(s, pool_draw(&g->general, r)); break;
    case 'D': str_puts(s, pool_draw(&x->u->dom, r)); break;
    case 'T': str_puts(s, pool_draw(&g->township, r)); break;
    case 'V': str_puts(s, pool_draw(&g->village, r)); break;
    case 'C': str_puts(s, pool_draw(&g->company, r)); break;
    case 'Y': str_appendf(s, "%d", x->iYear - (rng_u01(r) < 0.2)); break;
    case 'y': str_appendf(s, "%d", x->iYear + 1); break;
    case 'M': str_appendf(s, "%d", rng_range(r, 1, 12)); break;
    case 'd': str_appendf(s, "%d", rng_range(r, 1, 28)); break;
    case 'N':
        str_appendf(s, "%d", rng_u01(r) < 0.7 ? rng_range(r, 2, 60) : rng_range(r, 61, 3000));
        break;
    case 'F': str_appendf(s, "%d.%02d", rng_range(r, 1, 9999), rng_range(r, 0, 99)); break;
    case 'P': str_appendf(s, "%d.%d", rng_range(r, 1, 40), rng_range(r, 0, 9)); break;
    case 'U': str_puts(s, x->u->zName); break;
    case 'O': str_puts(s, g->aUnit[rng_below(r, NUNIT)].zName); break;
    case 'L': str_puts(s, pool_draw(rng_u01(r) < 0.6 ? &g->law : &g->h.named, r)); break;
    case 'R': str_puts(s, pool_draw(rng_u01(r) < 0.92 ? &g->rare : &g->veryRare, r)); break;
    case 'A': str_puts(s, pool_draw(&g->ascii, r)); break;
    case 'X': str_puts(s, pool_draw(&g->h.phrase, r)); break;
    case 'H': str_appendf(s, "30%05d", rng_range(r, 0, 99999)); break;
    default: die("bad slot %c", k);
    }
}

static void expand(Ctx *x, Str *s, const char *zTpl) {
    for (const char *p = zTpl; *p; p++) {
        if (p[0] == '{' && p[1] && p[2] == '}') {
            put_slot(x, s, p[1]);
            p += 2;
        } else {
            str_putc(s, *p);
        }
    }
}

/* One sentence: a harvested one or a template. */
static void sentence(Ctx *x, Str *s) {
    Rng *r = &x->g->rng;
    if (rng_u01(r) < 0.35) str_puts(s, pool_draw(&x->g->h.sentence, r));
    else expand(x, s, azTemplate[rng_below(r, NARRAY(azTemplate))]);
}

/* The subject of a title: what the document is about. */
static void subject(Ctx *x, Str *s) {
    Rng *r = &x->g->rng;
    switch (rng_below(r, 8)) {
    case 0: expand(x, s, "印发《西吉县{Y}年{D}工作方案》"); break;
    case 1: expand(x, s, "开展{D}专项检查"); break;
    case 2: expand(x, s, "做好{Y}年{D}工作"); break;
    case 3: expand(x, s, "进一步加强{D}管理"); break;
    case 4: expand(x, s, "{Y}年度{D}{G}"); break;
    case 5: expand(x, s, "{T}{D}"); break;
    case 6: expand(x, s, "{X}"); break;
    default: expand(x, s, "调整{D}{G}领导小组成员"); break;
    }
}

static void title(Ctx *x, Str *s, const char *zGenre, const char *zDocno) {
    Rng *r = &x->g->rng;
    if (strcmp(zGenre, "年报") == 0) {
        expand(x, s, "{U}");
        str_appendf(s, "%d年政府信息公开工作年度报告", x->iYear - 1);
    } else if (strcmp(zGenre, "指南") == 0) {
        expand(x, s, "{U}政府信息公开指南");
    } else if (strcmp(zGenre, "解读") == 0) {
        expand(x, s, rng_u01(r) < 0.5 ? "《西吉县{D}{G}实施方案》政策解读" : "一图读懂《{U}关于进一步加强{D}工作的通知》");
    } else if (strcmp(zGenre, "其他") == 0) {
        expand(x, s, rng_u01(r) < 0.5 ? "{U}{Y}年部门预算公开说明" : "{U}{Y}年部门决算公开说明");
    } else if (strcmp(zGenre, "公示") == 0 && *zDocno && strstr(zDocno, "罚")) {
        str_appendf(s, "行政处罚决定信息公示（%s）", zDocno);
    } else if (strcmp(zGenre, "方案") == 0 || strcmp(zGenre, "规划") == 0 ||
               strcmp(zGenre, "报告") == 0 || strcmp(zGenre, "办法") == 0 ||
               strcmp(zGenre, "制度") == 0) {
        if (rng_u01(r) < 0.5) {
            expand(x, s, "{U}关于");
            subject(x, s);
            str_puts(s, "的");
            str_puts(s, zGenre);
        } else {
            expand(x, s, rng_u01(r) < 0.5 ? "{U}{Y}年{D}" : "西吉县{D}");
            str_puts(s, strcmp(zGenre, "方案") == 0 ? "实施方案"
                        : strcmp(zGenre, "报告") == 0 ? "工作情况报告"
                        : strcmp(zGenre, "规划") == 0 ? "发展规划"
                        : strcmp(zGenre, "办法") == 0 ? "管理办法"
                                                        : "工作制度");
        }
    } else {
        expand(x, s, "{U}关于");
        subject(x, s);
        str_puts(s, "的");
        str_puts(s, strcmp(zGenre, "意见") == 0 ? "实施意见" : zGenre);
    }
}

/* The body: an opening for the genre, numbered sections of paragraphs, a closing.
** Stops adding sentences once nTarget characters are reached; never exceeds 1500. */
static void body(Ctx *x, Str *s, const char *zGenre, int nTarget) {
    Rng *r = &x->g->rng;
    size_t nChars = 0;
    size_t n0 = s->n;
    if (strcmp(zGenre, "通知") == 0 || strcmp(zGenre, "意见") == 0) {
        str_puts(s, "各乡（镇）人民政府，县直各部门（单位）：\n为");
        expand(x, s, azPurpose[rng_below(r, NARRAY(azPurpose))]);
        expand(x, s, "，根据{L}，结合我县实际，现将有关事项通知如下。\n");
    } else if (strcmp(zGenre, "公告") == 0 || strcmp(zGenre, "通告") == 0) {
        expand(x, s, "根据{L}有关规定，现将{D}有关事项公告如下。\n");
    } else if (strcmp(zGenre, "方案") == 0 || strcmp(zGenre, "规划") == 0) {
        expand(x, s, "为深入贯彻落实{L}，");
        expand(x, s, azPurpose[rng_below(r, NARRAY(azPurpose))]);
        str_puts(s, "，结合我县实际，制定本方案。\n");
    } else if (strcmp(zGenre, "年报") == 0) {
        str_puts(s, "本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室"
                    "关于政府信息公开工作年度报告格式的要求编制。\n");
    } else if (strcmp(zGenre, "公示") == 0) {
        expand(x, s, "根据{L}有关规定，现将{D}有关情况予以公示，公示期为5个工作日。\n");
    } else if (strcmp(zGenre, "报告") == 0) {
        expand(x, s, "现将{U}{Y}年{D}工作情况报告如下。\n");
    } else if (strcmp(zGenre, "办法") == 0 || strcmp(zGenre, "制度") == 0) {
        str_puts(s, "第一条 为");
        expand(x, s, azPurpose[rng_below(r, NARRAY(azPurpose))]);
        expand(x, s, "，根据{L}，结合本县实际，制定本办法。\n");
    }
    nChars = nchars(s->z + n0, s->n - n0);
    int iSection = 0, iArticle = 2;
    int bArticles = strcmp(zGenre, "办法") == 0 || strcmp(zGenre, "制度") == 0;
    int bRare = rng_u01(r) < 0.03;
    while ((int)nChars < nTarget) {
        size_t nBefore = s->n;
        if (!bArticles && rng_u01(r) < 0.3 && iSection < 10) {
            str_appendf(s, "%s、", azNum[iSection++]);
            str_puts(s, rng_u01(r) < 0.5 ? pool_draw(&x->g->h.heading, r)
                                         : azHeading[rng_below(r, NARRAY(azHeading))]);
            str_putc(s, '\n');
        }
        if (bArticles && iArticle <= 10) str_appendf(s, "第%s条 ", azNum[iArticle++ - 1]);
        int nSent = rng_range(r, 2, 5);
        for (int i = 0; i < nSent; i++) {
            if (bRare && rng_u01(r) < 0.3) {
                expand(x, s, azRareTemplate[rng_below(r, NARRAY(azRareTemplate))]);
                bRare = 0;
            } else {
                sentence(x, s);
            }
        }
        str_putc(s, '\n');
        size_t nAdd = nchars(s->z + nBefore, s->n - nBefore);
        if ((int)(nChars + nAdd) > 1450) {
            s->n = nBefore; /* too long: drop this paragraph and close */
            s->z[s->n] = 0;
            break;
        }
        nChars += nAdd;
    }
    if (bRare) { /* make sure the rare word made it in */
        expand(x, s, azRareTemplate[rng_below(r, NARRAY(azRareTemplate))]);
        str_putc(s, '\n');
    }
    expand(x, s, "联系电话：0954-{H}\n");
    str_appendf(s, "%s\n%d年%d月%d日", x->u->zName, x->iYear, x->iMonth, x->iDay);
}

/* ---- the load command ------------------------------------------------------------- */

static double now_sec(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_sec(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static const char *arg_value(int argc, char **argv, const char *zName) {
    for (int i = 0; i + 1 < argc; i++) {
        if (strcmp(argv[i], zName) == 0) return argv[i + 1];
    }
    return NULL;
}

static int arg_flag(int argc, char **argv, const char *zName) {
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], zName) == 0) return 1;
    }
    return 0;
}

static int64_t arg_int(int argc, char **argv, const char *zName, int64_t iDefault, int64_t lo,
                       int64_t hi) {
    const char *z = arg_value(argc, argv, zName);
    int64_t v;
    if (!z) return iDefault;
    if (str_to_i64(z, &v) != 0 || v < lo || v > hi) {
        fprintf(stderr, "gencorpus: %s must be a whole number in %lld..%lld\n", zName,
                (long long)lo, (long long)hi);
        exit(2);
    }
    return v;
}

static int64_t pragma_int(Db *db, int which) {
    Stmt st;
    int64_t v = -1;
    if (which == 0) db_prepare(db, &st, "PRAGMA page_count");
    else if (which == 1) db_prepare(db, &st, "PRAGMA page_size");
    else db_prepare(db, &st, "PRAGMA freelist_count");
    if (db_step(&st) == 1) v = db_col_int(&st, 0);
    db_done(&st);
    return v;
}

/* Bulk settings for this connection (cache in MiB). */
static int bulk_pragmas(Db *db, int64_t nCacheMib, Err *err) {
    int rc = db_exec_script(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                                " PRAGMA foreign_keys=OFF; PRAGMA temp_store=MEMORY;", err);
    if (rc) return rc;
    /* cache_size takes no bound parameter: pick from fixed statements. */
    if (nCacheMib >= 1024) rc = db_exec_script(db, "PRAGMA cache_size=-1048576", err);
    else if (nCacheMib >= 256) rc = db_exec_script(db, "PRAGMA cache_size=-262144", err);
    else if (nCacheMib >= 64) rc = db_exec_script(db, "PRAGMA cache_size=-65536", err);
    else rc = db_exec_script(db, "PRAGMA cache_size=-2000", err);
    return rc;
}

static int cache_choice(int64_t n) {
    return n >= 1024 ? 1024 : n >= 256 ? 256 : n >= 64 ? 64 : 2;
}

/* A value from item_fts_config as text (static buffer), or "default". */
static const char *fts_config(Db *db, const char *zKey) {
    static char zBuf[64];
    Stmt st;
    db_prepare(db, &st, "SELECT v FROM item_fts_config WHERE k=?1");
    db_bind_text(&st, 1, zKey);
    snprintf(zBuf, sizeof zBuf, "%s", db_step(&st) == 1 ? db_col_text(&st, 0) : "default");
    db_done(&st);
    return zBuf;
}

static void print_size(Db *db, const char *zWhat) {
    int64_t nPage = pragma_int(db, 0), nSize = pragma_int(db, 1), nFree = pragma_int(db, 2);
    printf("%s: page_size=%lld page_count=%lld freelist=%lld bytes=%lld (%.1f MiB)\n", zWhat,
           (long long)nSize, (long long)nPage, (long long)nFree, (long long)(nPage * nSize),
           (double)(nPage * nSize) / 1048576.0);
}

/* Days since 1970-01-01 for a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *py, int *pm, int *pd) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *py = (int)(yoe + era * 400 + (m <= 2));
    *pm = m;
    *pd = d;
}

static void gen_init(Gen *g, Db *db, Arena *a, const char *zDir, uint64_t iSeed) {
    memset(g, 0, sizeof *g);
    g->rng.s = iSeed;
    const char *azFile[] = {"items.txt", "plan.txt"};
    for (int i = 0; i < 2; i++) {
        char *zPath = arena_printf(a, "%s/%s", zDir, azFile[i]);
        char *zText = read_file(zPath);
        if (!zText) {
            fprintf(stderr, "gencorpus: cannot read %s\n", zPath);
            exit(2);
        }
        harvest_file(a, &g->h, arena_strdup(a, zText), i == 0);
        free(zText);
    }
    printf("harvested: %d sentences, %d headings, %d table phrases, %d 《》 names\n",
           g->h.sentence.n, g->h.heading.n, g->h.phrase.n, g->h.named.n);
    pool_rank(&g->h.sentence, 0, 0);
    pool_rank(&g->h.heading, 0, 0);
    pool_rank(&g->h.phrase, 0, 0);
    pool_rank(&g->h.named, 0, 0);
    pool_add_list(&g->general, azGeneral, NARRAY(azGeneral));
    pool_rank(&g->general, 1.0, 2.7);
    pool_add_list(&g->township, azTownship, NARRAY(azTownship));
    pool_rank(&g->township, 0.6, 1);
    for (int i = 0; i < NARRAY(azVillageA); i++) {
        for (int j = 0; j < NARRAY(azVillageB); j++) {
            pool_add(&g->village, arena_printf(a, "%s%s村", azVillageA[i], azVillageB[j]));
        }
    }
    /* Shuffle so that rank does not follow the alphabet, then rank. */
    for (int i = g->village.n - 1; i > 0; i--) {
        int j = rng_below(&g->rng, i + 1);
        const char *t = g->village.az[i];
        g->village.az[i] = g->village.az[j];
        g->village.az[j] = t;
    }
    pool_rank(&g->village, 0.8, 5);
    for (int i = 0; i < 600; i++) {
        pool_add(&g->company,
                 arena_printf(a, "西吉县%s%s%s有限公司",
                              azVillageA[rng_below(&g->rng, NARRAY(azVillageA))],
                              azVillageB[rng_below(&g->rng, NARRAY(azVillageB))],
                              azIndustry[rng_below(&g->rng, NARRAY(azIndustry))]));
    }
    pool_rank(&g->company, 0.7, 3);
    pool_add_list(&g->rare, azRare, NARRAY(azRare));
    pool_rank(&g->rare, 0, 0);
    pool_add_list(&g->veryRare, azVeryRare, NARRAY(azVeryRare));
    pool_rank(&g->veryRare, 0, 0);
    pool_add_list(&g->ascii, azAscii, NARRAY(azAscii));
    pool_rank(&g->ascii, 1.0, 1);
    pool_add_list(&g->law, azLaw, NARRAY(azLaw));
    pool_rank(&g->law, 1.0, 1);
    for (int i = 0; i < NUNIT; i++) {
        UnitRt *u = &g->aUnit[i];
        const UnitConf *c = &aConf[i];
        Stmt st;
        db_prepare(db, &st, "SELECT id,name,short,org_code FROM unit WHERE code=?1");
        db_bind_text(&st, 1, c->zCode);
        if (db_step(&st) != 1) die("unit %s missing", c->zCode);
        u->id = db_col_int(&st, 0);
        u->zName = db_col_dup(a, &st, 1);
        u->zShort = db_col_dup(a, &st, 2);
        u->zOrg = db_col_dup(a, &st, 3);
        db_done(&st);
        for (int k = 0; k < NCOL; k++) {
            db_prepare(db, &st, "SELECT id FROM col WHERE unit_id=?1 AND slug=?2");
            db_bind_int(&st, 1, u->id);
            db_bind_text(&st, 2, azCol[k]);
            if (db_step(&st) != 1) die("column %s of %s missing", azCol[k], c->zCode);
            u->aColId[k] = db_col_int(&st, 0);
            db_done(&st);
            u->aColW[k] = aColBase[k];
            const char *b = strstr(c->zBoost, azCol[k]);
            if (b && b[strlen(azCol[k])] == ':' && (b == c->zBoost || b[-1] == ' ')) {
                u->aColW[k] += strtod(b + strlen(azCol[k]) + 1, NULL);
            }
        }
        pool_add_list(&u->dom, c->azDom, c->nDom);
        pool_rank(&u->dom, 0.9, 1.5);
    }
}

static int cmd_load(int argc, char **argv) {
    const char *zDb = arg_value(argc, argv, "--db");
    const char *zDir = arg_value(argc, argv, "--data");
    int64_t nCount = arg_int(argc, argv, "--count", 1000000, 1, 100000000);
    int64_t iSeed = arg_int(argc, argv, "--seed", 20211, 0, INT64_MAX);
    int64_t nCache = arg_int(argc, argv, "--cache-mib", 256, 1, 65536);
    if (!zDb || !zDir) {
        fprintf(stderr, "usage: gencorpus load --db FILE --data DIR [--count N] [--seed S]"
                        " [--cache-mib M]\n");
        return 2;
    }
    struct stat sb;
    if (stat(zDb, &sb) == 0) {
        fprintf(stderr, "gencorpus: %s exists; remove it first\n", zDb);
        return 2;
    }
    Db *db;
    Err err = {0};
    int rc = db_open(&db, zDb, DB_CREATE, &err);
    if (rc) {
        fprintf(stderr, "gencorpus: %s\n", err.zMsg);
        return 1;
    }
    int nApplied = 0;
    if ((rc = db_migrate(db, &nApplied, &err)) || (rc = demo_units(db, &err)) ||
        (rc = bulk_pragmas(db, nCache, &err))) {
        fprintf(stderr, "gencorpus: set-up failed: %s\n", err.zMsg ? err.zMsg : "?");
        db_close(db);
        return 1;
    }
    Arena aGen;
    arena_init(&aGen);
    static Gen g;
    gen_init(&g, db, &aGen, zDir, (uint64_t)iSeed);

    /* Publication days: weight of a day grows by 12 % of the 2015 level each year. */
    const int64_t iFirst = days_from_civil(2015, 1, 1), iLast = days_from_civil(2026, 11, 28);
    int nDays = (int)(iLast - iFirst + 1);
    double *aCum = xmalloc(sizeof(double) * (size_t)nDays);
    double t = 0;
    for (int d = 0; d < nDays; d++) {
        int y, m, dd;
        civil_from_days(iFirst + d, &y, &m, &dd);
        t += 1.0 + 0.12 * (y - 2015);
        aCum[d] = t;
    }
    double aUnitW[NUNIT];
    for (int i = 0; i < NUNIT; i++) aUnitW[i] = aConf[i].rWeight;

    printf("load: %lld items into %s (seed %lld, cache %d MiB, journal_mode=OFF,"
           " synchronous=OFF)\n",
           (long long)nCount, zDb, (long long)iSeed, cache_choice(nCache));
    fflush(stdout);
    double t0 = now_sec(), c0 = cpu_sec();
    int64_t nTitleChars = 0, nBodyChars = 0, nBodyBytes = 0, nMin = 1 << 30, nMax = 0;
    int64_t anGenre[16] = {0};
    static const char *const azGenreSeen[] = {"通知", "公告", "通告", "公示", "方案", "规划", "报告",
                                              "其他", "解读", "办法", "决定", "意见", "年报", "指南",
                                              "制度", NULL};
    int64_t nDocno = 0, nValid = 0;
    int iDay = 0;
    Arena a;
    arena_init(&a);
    if ((rc = db_begin(db))) goto done;
    for (int64_t i = 0; i < nCount; i++) {
        Rng *r = &g.rng;
        double want = ((double)i + 0.5) / (double)nCount * t;
        while (iDay < nDays - 1 && aCum[iDay] < want) iDay++;
        Ctx x = {&g, NULL, NULL, 0, 0, 0};
        civil_from_days(iFirst + iDay, &x.iYear, &x.iMonth, &x.iDay);
        int iUnit = rng_weighted(r, aUnitW, NUNIT);
        x.u = &g.aUnit[iUnit];
        x.c = &aConf[iUnit];
        int iCol = rng_weighted(r, x.u->aColW, NCOL);
        char zGenreBuf[32];
        const char *zGenre = pick_spec(r, azColGenre[iCol], zGenreBuf, sizeof zGenreBuf);
        for (int k = 0; azGenreSeen[k]; k++) {
            if (strcmp(azGenreSeen[k], zGenre) == 0) anGenre[k]++;
        }
        int iY = x.iYear - 2015;
        /* 文号: most 文件 have one; 行政处罚 公示 carry the 处罚 number. */
        char zDocno[96] = "";
        int bOrder = strcmp(zGenre, "通知") == 0 || strcmp(zGenre, "办法") == 0 ||
                     strcmp(zGenre, "决定") == 0 || strcmp(zGenre, "意见") == 0 ||
                     strcmp(zGenre, "方案") == 0 || strcmp(zGenre, "规划") == 0 ||
                     strcmp(zGenre, "制度") == 0;
        if (strcmp(azCol[iCol], "xzzfgs") == 0 && strcmp(zGenre, "公示") == 0 && rng_u01(r) < 0.8) {
            snprintf(zDocno, sizeof zDocno, "%s处罚〔%d〕%d号", x.u->zShort, x.iYear,
                     ++x.u->aSeqYear[iY][1]);
        } else if (bOrder && rng_u01(r) < 0.7) {
            snprintf(zDocno, sizeof zDocno, "%s发〔%d〕%d号", x.u->zShort, x.iYear,
                     ++x.u->aSeqYear[iY][0]);
        }
        if (*zDocno) nDocno++;
        /* 有效性: normative documents age; the rest mostly carry none. */
        const char *zValidity = "";
        if (strcmp(azCol[iCol], "gzgfxwj") == 0 || strcmp(azCol[iCol], "zd") == 0) {
            double u = rng_u01(r), old = x.iYear < 2020 ? 0.35 : 0.08;
            zValidity = u < old * 0.6 ? "已失效" : u < old ? "已废止" : u < old + 0.05 ? "已修改" : "有效";
        } else if (rng_u01(r) < 0.4) {
            zValidity = "有效";
        }
        if (*zValidity) nValid++;
        Str sTitle, sBody;
        str_init(&sTitle, &a);
        str_init(&sBody, &a);
        title(&x, &sTitle, zGenre, zDocno);
        int nTarget = 300 + (int)(1200.0 * pow(rng_u01(r), 1.8));
        body(&x, &sBody, zGenre, nTarget);
        int64_t nb = (int64_t)nchars(sBody.z, sBody.n);
        nBodyChars += nb;
        nBodyBytes += (int64_t)sBody.n;
        nTitleChars += (int64_t)nchars(sTitle.z, sTitle.n);
        if (nb < nMin) nMin = nb;
        if (nb > nMax) nMax = nb;
        char zPub[11], zWritten[11], zTime[21], zIndex[64], zSha[65];
        int yy, mm, dd;
        snprintf(zPub, sizeof zPub, "%04d-%02d-%02d", x.iYear, x.iMonth, x.iDay);
        civil_from_days(iFirst + iDay - rng_range(r, 0, 10), &yy, &mm, &dd);
        snprintf(zWritten, sizeof zWritten, "%04d-%02d-%02d", yy, mm, dd);
        snprintf(zTime, sizeof zTime, "%sT%02d:%02d:00Z", zPub, rng_range(r, 0, 9),
                 rng_range(r, 0, 59));
        snprintf(zIndex, sizeof zIndex, "%s/%04d-%05d", x.u->zOrg, x.iYear, ++x.u->aSeqYear[iY][2]);
        util_sha256_hex(sBody.z, sBody.n, zSha);
        const char *zTitle = str_cstr(&sTitle), *zBody = str_cstr(&sBody);

        Stmt st;
        db_prepare(db, &st,
                   "INSERT INTO item(id,unit_id,col_id,state,index_no,title,issuer,docno,"
                   "written_at,topic,genre,validity,disclosure,format,body,live_version,"
                   "published_at,updated_at,"
                   "created_at,modified_at) VALUES(?1,?2,?3,'published',?4,?5,?6,?7,?8,?9,?10,?11,"
                   "'主动公开','text',?12,1,?13,?14,?14,?14)");
        db_bind_int(&st, 1, i + 1);
        db_bind_int(&st, 2, x.u->id);
        db_bind_int(&st, 3, x.u->aColId[iCol]);
        db_bind_text(&st, 4, zIndex);
        db_bind_text(&st, 5, zTitle);
        db_bind_text(&st, 6, x.u->zName);
        db_bind_text(&st, 7, zDocno);
        db_bind_text(&st, 8, zWritten);
        db_bind_text(&st, 9, x.c->zTopic);
        db_bind_text(&st, 10, zGenre);
        db_bind_text(&st, 11, zValidity);
        db_bind_text(&st, 12, zBody);
        db_bind_text(&st, 13, zPub);
        db_bind_text(&st, 14, zTime);
        rc = db_run(&st);
        db_done(&st);
        if (rc) goto done;
        db_prepare(db, &st,
                   "INSERT INTO item_version(item_id,version,title,issuer,docno,written_at,topic,"
                   "genre,validity,disclosure,format,body,change_note,content_sha256,published_at)"
                   " VALUES(?1,1,?2,?3,?4,?5,?6,?7,?8,'主动公开','text',?9,'首次发布',?10,?11)");
        db_bind_int(&st, 1, i + 1);
        db_bind_text(&st, 2, zTitle);
        db_bind_text(&st, 3, x.u->zName);
        db_bind_text(&st, 4, zDocno);
        db_bind_text(&st, 5, zWritten);
        db_bind_text(&st, 6, x.c->zTopic);
        db_bind_text(&st, 7, zGenre);
        db_bind_text(&st, 8, zValidity);
        db_bind_text(&st, 9, zBody);
        db_bind_text(&st, 10, zSha);
        db_bind_text(&st, 11, zTime);
        rc = db_run(&st);
        db_done(&st);
        if (rc) goto done;
        if ((i + 1) % BATCH == 0) {
            if ((rc = db_commit(db))) goto done;
            arena_free(&a);
            arena_init(&a);
            if ((i + 1) % 100000 == 0) {
                fprintf(stderr, "load: %lld items, %.0f s\n", (long long)(i + 1), now_sec() - t0);
            }
            if ((rc = db_begin(db))) goto done;
        }
    }
    /* 索引号 counters, so that the app continues the sequences. */
    for (int iu = 0; iu < NUNIT && !rc; iu++) {
        for (int y = 0; y < 12 && !rc; y++) {
            if (!g.aUnit[iu].aSeqYear[y][2]) continue;
            Stmt st;
            db_prepare(db, &st,
                       "INSERT OR REPLACE INTO index_seq(unit_id,year,next) VALUES(?1,?2,?3)");
            db_bind_int(&st, 1, g.aUnit[iu].id);
            db_bind_int(&st, 2, 2015 + y);
            db_bind_int(&st, 3, g.aUnit[iu].aSeqYear[y][2] + 1);
            rc = db_run(&st);
            db_done(&st);
        }
    }
    if (!rc) rc = db_commit(db);
done:
    if (rc) {
        fprintf(stderr, "gencorpus: insert failed: %s\n", db_errmsg(db));
        db_close(db);
        return 1;
    }
    double dt = now_sec() - t0, dc = cpu_sec() - c0;
    printf("load: %lld items in %.1f s (%.0f items/s, cpu %.1f s)\n", (long long)nCount, dt,
           (double)nCount / dt, dc);
    printf("text: title avg %.1f chars; body avg %.1f chars (min %lld, max %lld), %.1f MiB of body"
           " UTF-8; %lld with 文号, %lld with 有效性\n",
           (double)nTitleChars / (double)nCount, (double)nBodyChars / (double)nCount,
           (long long)nMin, (long long)nMax, (double)nBodyBytes / 1048576.0, (long long)nDocno,
           (long long)nValid);
    printf("genres:");
    for (int k = 0; azGenreSeen[k]; k++) {
        if (anGenre[k]) printf(" %s=%lld", azGenreSeen[k], (long long)anGenre[k]);
    }
    printf("\n");
    print_size(db, "size");
    arena_free(&a);
    arena_free(&aGen);
    free(aCum);
    db_exec_script(db, "PRAGMA journal_mode=DELETE", &err);
    db_close(db);
    return 0;
}

/* ---- the index command ------------------------------------------------------------ */

/* The tables the index command can build: the app's own (as the migrations made it),
** FTS5's trigram tokenizer, and zwgk with other prefix= options (experiments). */
static const struct {
    const char *zName;
    const char *zDdl; /* NULL: keep the migrated table */
} aTable[] = {
    {"zwgk", NULL},
    {"trigram", "DROP TABLE item_fts;"
                "CREATE VIRTUAL TABLE item_fts USING fts5(title, body, docno, facets,"
                " content='search_content', content_rowid='id', tokenize='trigram');"},
    {"zwgk-prefix1", "DROP TABLE item_fts;"
                     "CREATE VIRTUAL TABLE item_fts USING fts5(title, body, docno, facets,"
                     " content='search_content', content_rowid='id', tokenize='zwgk',"
                     " prefix='1');"},
    {"zwgk-prefix3", "DROP TABLE item_fts;"
                     "CREATE VIRTUAL TABLE item_fts USING fts5(title, body, docno, facets,"
                     " content='search_content', content_rowid='id', tokenize='zwgk',"
                     " prefix='3');"},
    {"zwgk-noprefix", "DROP TABLE item_fts;"
                      "CREATE VIRTUAL TABLE item_fts USING fts5(title, body, docno, facets,"
                      " content='search_content', content_rowid='id', tokenize='zwgk');"},
};

static int cmd_index(int argc, char **argv) {
    const char *zDb = arg_value(argc, argv, "--db");
    const char *zTok = arg_value(argc, argv, "--tokenizer");
    int64_t nCache = arg_int(argc, argv, "--cache-mib", 256, 1, 65536);
    int64_t nHash = arg_int(argc, argv, "--hashsize-mib", 0, 0, 1024);
    int iTable = -1;
    if (!zTok) zTok = "zwgk";
    for (int i = 0; i < NARRAY(aTable); i++) {
        if (strcmp(zTok, aTable[i].zName) == 0) iTable = i;
    }
    if (!zDb || iTable < 0) {
        fprintf(stderr, "usage: gencorpus index --db FILE [--tokenizer zwgk|trigram|zwgk-prefix1|"
                        "zwgk-prefix3|zwgk-noprefix] [--cache-mib M] [--hashsize-mib H]"
                        " [--fts KEY=N,...] [--no-optimize]\n");
        return 2;
    }
    Db *db;
    Err err = {0};
    int rc = db_open(&db, zDb, 0, &err);
    if (rc || (rc = bulk_pragmas(db, nCache, &err))) {
        fprintf(stderr, "gencorpus: %s\n", err.zMsg ? err.zMsg : "open failed");
        return 1;
    }
    int64_t nItems = 0;
    Stmt st;
    db_prepare(db, &st, "SELECT count(*) FROM item");
    if (db_step(&st) == 1) nItems = db_col_int(&st, 0);
    db_done(&st);
    db_prepare(db, &st, "SELECT count(*) FROM item_fts_docsize");
    int64_t nIndexed = db_step(&st) == 1 ? db_col_int(&st, 0) : -1;
    db_done(&st);
    if (nIndexed != 0) {
        fprintf(stderr, "gencorpus: item_fts is not empty (%lld rows); index a fresh load\n",
                (long long)nIndexed);
        db_close(db);
        return 2;
    }
    if (aTable[iTable].zDdl && (rc = db_exec_script(db, aTable[iTable].zDdl, &err))) {
        fprintf(stderr, "gencorpus: cannot make the %s table\n", zTok);
        db_close(db);
        return 1;
    }
    /* The bulk build of schema/0013: no merging (automerge 0, crisismerge 1000) and a
    ** 128 MiB pending buffer while the rows go in, then 'optimize' (one segment), then
    ** automerge 4 and crisismerge 16 for the publications to come.  --hashsize-mib and
    ** --fts (KEY=N,...: FTS5's configuration options, stored in item_fts_config) change
    ** the first part; --no-optimize skips the second. */
    const char *zFts = arg_value(argc, argv, "--fts");
    Arena a;
    arena_init(&a);
    Str cfg;
    str_init(&cfg, &a);
    str_puts(&cfg, "automerge=0,crisismerge=1000,hashsize=134217728");
    if (nHash > 0) str_appendf(&cfg, ",hashsize=%lld", (long long)(nHash << 20));
    if (zFts) str_appendf(&cfg, "%s%s", cfg.n ? "," : "", zFts);
    for (const char *p = cfg.n ? str_cstr(&cfg) : ""; *p;) {
        const char *zEq = strchr(p, '='), *zEnd = strchr(p, ',');
        if (!zEnd) zEnd = p + strlen(p);
        if (!zEq || zEq > zEnd) {
            fprintf(stderr, "gencorpus: --fts takes KEY=NUMBER[,KEY=NUMBER...]\n");
            db_close(db);
            return 2;
        }
        db_prepare(db, &st, "INSERT INTO item_fts(item_fts, rank) VALUES(?1, ?2)");
        db_bind_textn(&st, 1, p, (size_t)(zEq - p));
        db_bind_int(&st, 2, atoll(zEq + 1));
        rc = db_run(&st);
        db_done(&st);
        if (rc) {
            fprintf(stderr, "gencorpus: cannot set %.*s: %s\n", (int)(zEq - p), p, db_errmsg(db));
            db_close(db);
            return 1;
        }
        p = *zEnd ? zEnd + 1 : zEnd;
    }
    int64_t nBefore = pragma_int(db, 0) - pragma_int(db, 2);
    int64_t nPageSize = pragma_int(db, 1);
    print_size(db, "before");
    printf("index: tokenizer=%s, %lld items, one transaction, journal_mode=OFF synchronous=OFF"
           " cache %d MiB, hashsize %s, fts options %s\n",
           zTok, (long long)nItems, cache_choice(nCache), fts_config(db, "hashsize"),
           cfg.n ? str_cstr(&cfg) : "default");
    fflush(stdout);
    double t0 = now_sec(), c0 = cpu_sec();
    if (!(rc = db_begin(db))) {
        db_prepare(db, &st,
                   "INSERT OR REPLACE INTO search_facets(item_id,facets) SELECT f.id,f.facets"
                   " FROM item_facets f JOIN item i ON i.id=f.id"
                   " WHERE i.live_version>0 AND i.state<>'withdrawn'");
        rc = db_run(&st);
        db_done(&st);
        if (!rc) {
            db_prepare(db, &st,
                       "INSERT INTO item_fts(rowid,title,body,docno,facets)"
                       " SELECT id,title,body,docno,facets FROM search_content");
            rc = db_run(&st);
            db_done(&st);
        }
        if (rc) db_rollback(db);
        else rc = db_commit(db);
    }
    double dt = now_sec() - t0, dc = cpu_sec() - c0;
    if (rc) {
        fprintf(stderr, "gencorpus: index build failed: %s\n", db_errmsg(db));
        db_close(db);
        return 1;
    }
    printf("index: tokenizer=%s built in %.1f s (%.0f items/s, cpu %.1f s)\n", zTok, dt,
           (double)nItems / dt, dc);
    if (!arg_flag(argc, argv, "--no-optimize")) {
        t0 = now_sec();
        c0 = cpu_sec();
        rc = db_exec_script(db, "INSERT INTO item_fts(item_fts) VALUES('optimize')", &err);
        double dtOpt = now_sec() - t0, dcOpt = cpu_sec() - c0;
        printf("index: optimize %s in %.1f s (cpu %.1f s)\n", rc ? "FAILED" : "done", dtOpt, dcOpt);
        printf("index: build and optimize %.1f s = %.0f items/s (cpu %.1f s = %.0f items/cpu-s)\n",
               dt + dtOpt, (double)nItems / (dt + dtOpt), dc + dcOpt, (double)nItems / (dc + dcOpt));
    }
    db_exec_script(db,
                   "INSERT INTO item_fts(item_fts, rank) VALUES('automerge', 4);"
                   "INSERT INTO item_fts(item_fts, rank) VALUES('crisismerge', 16);",
                   &err);
    int64_t nAfter = pragma_int(db, 0) - pragma_int(db, 2);
    printf("index: %lld pages added = %.1f MiB\n", (long long)(nAfter - nBefore),
           (double)((nAfter - nBefore) * nPageSize) / 1048576.0);
    print_size(db, "after");
    db_exec_script(db, "PRAGMA journal_mode=DELETE", &err);
    db_close(db);
    arena_free(&a);
    return 0;
}

/* ---- the stats command ------------------------------------------------------------ */

static int cmd_stats(int argc, char **argv) {
    const char *zDb = arg_value(argc, argv, "--db");
    if (!zDb) {
        fprintf(stderr, "usage: gencorpus stats --db FILE [--dbstat]\n");
        return 2;
    }
    Db *db;
    Err err = {0};
    if (db_open(&db, zDb, DB_READONLY, &err)) {
        fprintf(stderr, "gencorpus: %s\n", err.zMsg);
        return 1;
    }
    print_size(db, zDb);
    if (arg_flag(argc, argv, "--dbstat")) {
        Stmt st;
        db_prepare(db, &st,
                   "SELECT CASE WHEN name LIKE 'item_fts%' THEN 'item_fts (all shadow tables)'"
                   " WHEN name LIKE 'sqlite_autoindex_item_1' THEN 'item (index_no unique)'"
                   " ELSE name END AS n, sum(pgsize), sum(unused), count(*) FROM dbstat"
                   " GROUP BY n ORDER BY 2 DESC");
        printf("%-34s %12s %10s %10s\n", "object", "MiB", "unused MiB", "pages");
        while (db_step(&st) == 1) {
            printf("%-34s %12.1f %10.1f %10lld\n", db_col_text(&st, 0),
                   (double)db_col_int(&st, 1) / 1048576.0,
                   (double)db_col_int(&st, 2) / 1048576.0, (long long)db_col_int(&st, 3));
        }
        db_done(&st);
    }
    db_close(db);
    return 0;
}

int main(int argc, char **argv) {
    g_log_level = LOG_WARN;
    if (argc < 2) {
        fprintf(stderr, "usage: gencorpus load|index|stats ..."
                        " (see the comment at the top of gencorpus.c)\n");
        return 2;
    }
    if (strcmp(argv[1], "load") == 0) return cmd_load(argc - 2, argv + 2);
    if (strcmp(argv[1], "index") == 0) return cmd_index(argc - 2, argv + 2);
    if (strcmp(argv[1], "stats") == 0) return cmd_stats(argc - 2, argv + 2);
    fprintf(stderr, "gencorpus: unknown command %s\n", argv[1]);
    return 2;
}
