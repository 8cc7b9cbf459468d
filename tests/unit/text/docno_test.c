// SPDX-License-Identifier: MIT
/*
** docno_test.c: 发文字号 as real sites write them (every bracket, full-width digits,
** spaces, traditional characters, 年, 第, leading zeros, lost brackets, years without
** brackets, orders), the exact normalized form and JSON, what is not a 文号 and why,
** docno_find on running text (the county plan, data/demo/plan.txt, read relative to
** the repository root where tests run), and the command's exit codes and output.
*/
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../../src/text/docno.h"
#include "t.h"

#define PLAN_PATH "data/demo/plan.txt"

static Arena g_a;

/* The normalized form of z, or "ERR: reason". */
static const char *norm(const char *z) {
    Docno d;
    Err err = {0};
    if (docno_parse(&g_a, z, &d, &err) == ZW_OK) {
        return d.zNormalized;
    }
    return arena_printf(&g_a, "ERR: %s", err.zMsg ? err.zMsg : "(no message)");
}

/* 1 if z is refused with ZW_EINPUT, code bad_docno, a message, and *pOut zeroed. */
static int refused(const char *z) {
    Docno d;
    Err err = {0};
    memset(&d, 0x5A, sizeof d);
    int rc = docno_parse(&g_a, z, &d, &err);
    return rc == ZW_EINPUT && err.zMsg && err.zMsg[0] && err.zCode &&
           strcmp(err.zCode, "bad_docno") == 0 && d.zOrg == NULL && d.zNormalized == NULL &&
           d.iYear == 0 && d.iSeq == 0;
}

/* The reason z is refused ("" if it parses). */
static const char *why(const char *z) {
    Docno d;
    Err err = {0};
    return docno_parse(&g_a, z, &d, &err) == ZW_OK ? "" : err.zMsg;
}

/* The JSON of z, or "ERR". */
static const char *json(const char *z) {
    Docno d;
    if (docno_parse(&g_a, z, &d, NULL) != ZW_OK) {
        return "ERR";
    }
    Str s;
    str_init(&s, &g_a);
    docno_json(&s, &d);
    return str_cstr(&s);
}

/* The matches of docno_find in z as "start-end:normalized|…" ("" for none). */
static const char *found(const char *z, size_t n) {
    DocnoMatch *a;
    int nMatch = -1;
    CHECK_INT(docno_find(&g_a, z, n, &a, &nMatch), ZW_OK);
    Str s;
    str_init(&s, &g_a);
    for (int i = 0; i < nMatch; i++) {
        str_appendf(&s, "%s%zu-%zu:%s", i ? "|" : "", a[i].iStart, a[i].iEnd,
                    a[i].d.zNormalized);
    }
    return str_cstr(&s);
}

/* Only the normalized forms found in the NUL-terminated z, joined with "|". */
static const char *found_norm(const char *z) {
    DocnoMatch *a;
    int nMatch = 0;
    docno_find(&g_a, z, strlen(z), &a, &nMatch);
    Str s;
    str_init(&s, &g_a);
    for (int i = 0; i < nMatch; i++) {
        str_appendf(&s, "%s%s", i ? "|" : "", a[i].d.zNormalized);
    }
    return str_cstr(&s);
}

/* 1 if every match in z[0..n) is in order, inside z, and parses, cut out, to itself. */
static int matches_reparse(const char *z, size_t n) {
    DocnoMatch *a;
    int nMatch = 0, bOk = 1;
    size_t iPrev = 0;
    docno_find(&g_a, z, n, &a, &nMatch);
    for (int i = 0; i < nMatch; i++) {
        Docno d;
        if (a[i].iStart < iPrev || a[i].iEnd <= a[i].iStart || a[i].iEnd > n) {
            return 0;
        }
        iPrev = a[i].iEnd;
        char *zCut = arena_strndup(&g_a, z + a[i].iStart, a[i].iEnd - a[i].iStart);
        bOk &= docno_parse(&g_a, zCut, &d, NULL) == ZW_OK &&
               strcmp(d.zNormalized, a[i].d.zNormalized) == 0 && d.iYear == a[i].d.iYear &&
               d.iSeq == a[i].d.iSeq && d.bOrder == a[i].d.bOrder &&
               strcmp(d.zOrg, a[i].d.zOrg) == 0;
    }
    return bOk;
}

/* Run docno_cli on argv[0..argc); its exit code, stdout and stderr. */
static int run_cli(int argc, char **argv, const char **pzOut, const char **pzErr) {
    char zOut[] = "/tmp/docno_test_outXXXXXX", zErr[] = "/tmp/docno_test_errXXXXXX";
    int fdOut = mkstemp(zOut), fdErr = mkstemp(zErr);
    fflush(stdout);
    fflush(stderr);
    int fdSavedOut = dup(1), fdSavedErr = dup(2);
    dup2(fdOut, 1);
    dup2(fdErr, 2);
    int rc = docno_cli(argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(fdSavedOut, 1);
    dup2(fdSavedErr, 2);
    close(fdSavedOut);
    close(fdSavedErr);
    const char *azPath[2] = {zOut, zErr};
    const char **apz[2] = {pzOut, pzErr};
    int afd[2] = {fdOut, fdErr};
    for (int k = 0; k < 2; k++) {
        char buf[4096];
        ssize_t nRead = pread(afd[k], buf, sizeof buf - 1, 0);
        *apz[k] = arena_strndup(&g_a, buf, nRead > 0 ? (size_t)nRead : 0);
        close(afd[k]);
        unlink(azPath[k]);
    }
    return rc;
}

static char *read_file(const char *zPath, size_t *pn) {
    FILE *f = fopen(zPath, "rb");
    if (!f) {
        return NULL;
    }
    char *z = arena_alloc(&g_a, 1 << 20);
    size_t n = fread(z, 1, (1 << 20) - 1, f);
    fclose(f);
    z[n] = 0;
    *pn = n;
    return z;
}

/* Traditional characters and their simplified forms, in chunks short enough for a 代字:
** the whole supplement table of docno.c, so that a mis-sorted entry shows (見 is checked
** on its own: it folds to 见, which no 代字 contains). */
static const char *const aazTrad[][2] = {
        {"佈倉僑價億償儲兌劉劑匯嚴塊墳墾壇壞壩", "布仓侨价亿偿储兑刘剂汇严块坟垦坛坏坝"},
        {"壯夾奪奮妝婦媽孫學寧寫寬寶將尋層屬島", "壮夹夺奋妆妇妈孙学宁写宽宝将寻层属岛"},
        {"崗嶺嶽師幹庫廟廢廬彈彙徑徵悅惡愛態慣", "岗岭岳师干库庙废庐弹汇径征悦恶爱态惯"},
        {"慶憲憶懲懷戀戲戶掃掛採揚換損搖撥撫擁", "庆宪忆惩怀恋戏户扫挂采扬换损摇拨抚拥"},
        {"擇擊擔擠擬擴擾攝攤敗敵斷晉暫曆曉東桿", "择击担挤拟扩扰摄摊败敌断晋暂历晓东杆"},
        {"條棄榮構槍樂樓樞樣樹橋橫檔櫃欄歐歡歲", "条弃荣构枪乐楼枢样树桥横档柜栏欧欢岁"},
        {"歷殘殺毀溝滬漁漲漿潔澤濃濕濟濱瀏灘災", "历残杀毁沟沪渔涨浆洁泽浓湿济滨浏滩灾"},
        {"無煙煩熱燈燒爐爭爺牆獄獎獲獸現瑪瓊畢", "无烟烦热灯烧炉争爷墙狱奖获兽现玛琼毕"},
        {"當疊瘋療盜盡盤碼磚礎礦禍禦禮稱穀積穩", "当叠疯疗盗尽盘码砖础矿祸御礼称谷积稳"},
        {"窮竇竊競筆築簡籃籌籠粵糧糾紅紙紛紹終", "穷窦窃竞笔筑简篮筹笼粤粮纠红纸纷绍终"},
        {"絕絡絲綜綠維緊緒緝緣練縮繪繼續罰罷羅", "绝络丝综绿维紧绪缉缘练缩绘继续罚罢罗"},
        {"義習聖聞聲聽肅脅脫腳膠膽臨臺興舊艦艱", "义习圣闻声听肃胁脱脚胶胆临台兴旧舰艰"},
        {"芻莊華萬葉蓋蔣薦藝藥蘇蘋蘭虛虧蟲蠶術", "刍庄华万叶盖蒋荐艺药苏苹兰虚亏虫蚕术"},
        {"衝裝裡製複襲覽觸訂討訓託訪訴詐詞該詳", "冲装里制复袭览触订讨训托访诉诈词该详"},
        {"誌誤諮謀講謝譜譯讀變讓讚豐豬貓貝貢貨", "志误咨谋讲谢谱译读变让赞丰猪猫贝贡货"},
        {"販貪貫貴貸貿賀賓賞賠賣賦賬賴購贈贊贏", "贩贪贯贵贷贸贺宾赏赔卖赋账赖购赠赞赢"},
        {"贛趕趙趨跡踐車軌軍輔輕輛輪輯輸轄轉辭", "赣赶赵趋迹践车轨军辅轻辆轮辑输辖转辞"},
        {"違遞遠遷遺遼邏郵鄉鄧鄭鄰醜針釣鈴鉛銀", "违递远迁遗辽逻邮乡邓郑邻丑针钓铃铅银"},
        {"銅銘銷鋁鋒鋪鋼錄錢錦錯鍊鍋鍵鎖鎮鏈鏡", "铜铭销铝锋铺钢录钱锦错炼锅键锁镇链镜"},
        {"鐘鐵鑄鑑鑒鑰閃閉閒閘閣閩閱闆闊陝陣陰", "钟铁铸鉴鉴钥闪闭闲闸阁闽阅板阔陕阵阴"},
        {"陸陽隊隱隻雖雙雜雞難雲霧靈靜鞏韋韓韻", "陆阳队隐只虽双杂鸡难云雾灵静巩韦韩韵"},
        {"響頁頂順須頒頓頗頭頻額願顧顯颱飛飯飲", "响页顶顺须颁顿颇头频额愿顾显台飞饭饮"},
        {"飼飾養餘館饑馬駐駕駛騎騰驅髮鬆鬥鬧魚", "饲饰养余馆饥马驻驾驶骑腾驱发松斗闹鱼"},
        {"魯鮮鳥鳳鳴鹽麗麵黃齊齒齡龍龜", "鲁鲜鸟凤鸣盐丽面黄齐齿龄龙龟"},
};

int main(void) {
    arena_init(&g_a);

    subtest("docno-1.1", "every bracket form, and mixed pairs") {
        static const char *const az[] = {
            "西政办发〔2021〕39号", "西政办发[2021]39号",   "西政办发【2021】39号",
            "西政办发（2021）39号", "西政办发(2021)39号",   "西政办发〈2021〉39号",
            "西政办发［2021］39号", "西政办发〖2021〗39号", "西政办发﹝2021﹞39号",
            "西政办发﹙2021﹚39号", "西政办发〘2021〙39号", "西政办发〔2021]39号",
            "西政办发(2021〕39号",  "西政办发（2021)39号",  "西政办发〈2021〉39号",
        };
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            CHECK_STR(norm(az[i]), "西政办发〔2021〕39号");
        }
    }

    subtest("docno-1.2", "full-width digits and letters, spaces anywhere, 號") {
        CHECK_STR(norm("西政办发〔２０２１〕３９号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发［２０２１］３９號"), "西政办发〔2021〕39号");
        CHECK_STR(norm("国办发〔2021〕12 号"), "国办发〔2021〕12号");
        CHECK_STR(norm(" 国办发〔2021〕12 号 "), "国办发〔2021〕12号");
        CHECK_STR(norm("西政办发 〔 2021 〕 39 号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政 办发〔2021〕39号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("\u3000西政办发\u3000〔2021〕\u300039号\u3000"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发\u00a0〔2021〕39\u200b号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("\t西政办发〔2021〕39号\r\n"), "西政办发〔2021〕39号");
        CHECK_STR(norm("\xef\xbb\xbf西政办发〔2021〕39号"), "西政办发〔2021〕39号"); /* BOM */
        CHECK_STR(norm("西政办发〔2021〕39號"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政辦發 ［２０２１］ ３９ 號"), "西政办发〔2021〕39号");
        CHECK_STR(norm("ＸＪ政发〔2021〕1号"),
                  "ERR: 发文字号应以机关代字（汉字，如 西政办发）开头");
        CHECK_STR(norm("西ＸＪ发〔2021〕1号"), "西XJ发〔2021〕1号");
    }

    subtest("docno-1.3", "traditional characters in the 代字") {
        CHECK_STR(norm("西政辦發〔2021〕39號"), "西政办发〔2021〕39号");
        CHECK_STR(norm("寧政辦發〔2021〕23號"), "宁政办发〔2021〕23号");
        CHECK_STR(norm("國辦發〔2021〕12號"), "国办发〔2021〕12号");
        CHECK_STR(norm("國辦公開辦函〔2021〕30號"), "国办公开办函〔2021〕30号");
        CHECK_STR(norm("財稅〔2019〕13號"), "财税〔2019〕13号");
        CHECK_STR(norm("衛辦醫發〔2020〕5號"), "卫办医发〔2020〕5号");
        CHECK_STR(norm("國衛醫療發〔2020〕5号"), "国卫医疗发〔2020〕5号");
        CHECK_STR(norm("寧財規發〔2021〕8號"), "宁财规发〔2021〕8号");
        CHECK_STR(norm("發改辦財金〔2020〕12號"), "发改办财金〔2020〕12号");
        CHECK_STR(norm("國務院令第711號"), "国务院令第711号");
        CHECK_STR(norm("縣農業農村局發〔2021〕3號"), "县农业农村局发〔2021〕3号");
        CHECK_STR(norm("黨辦發〔2021〕2号"), "党办发〔2021〕2号");
        CHECK_STR(norm("區環資統發〔2021〕2号"), "区环资统发〔2021〕2号");
        CHECK_STR(norm("經濟體條質監〔2021〕2号"), "经济体条质监〔2021〕2号");
        CHECK_STR(norm("處廳會機關計設〔2021〕2号"), "处厅会机关计设〔2021〕2号");
        CHECK_STR(norm("實員〔2021〕2号"), "实员〔2021〕2号");
    }

    subtest("docno-1.4", "年 inside the brackets, a stray 第, leading zeros") {
        CHECK_STR(norm("西政办发〔2021年〕39号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发（2021 年）39号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发〔2021〕第39号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发〔2021〕第 39 号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发〔2021〕009号"), "西政办发〔2021〕9号");
        CHECK_STR(norm("西政办发(2021年)第039号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发〔2021〕00000039号"), "西政办发〔2021〕39号"); /* 8 digits */
        CHECK_STR(norm("西政办发〔2021〕99999号"), "西政办发〔2021〕99999号");
        CHECK_STR(norm("西政办发〔1949〕1号"), "西政办发〔1949〕1号");
        CHECK_STR(norm("西政办发〔2099〕1号"), "西政办发〔2099〕1号");
    }

    subtest("docno-1.5", "a year without brackets: the first four digits, when 19xx/20xx") {
        CHECK_STR(norm("西政办发2021 39号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发202139号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发2021139号"), "西政办发〔2021〕139号");
        CHECK_STR(norm("西政办发2021039号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发2021年39号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发2021年第39号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发2021第39号"), "西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发１９９８ ５号"), "西政办发〔1998〕5号");
        CHECK_STR(norm("西政办发2021号"),
                  "ERR: 无法确定年份与顺序号的分界，请给年份加括号，如 西政办发〔2021〕39号");
        CHECK_STR(norm("西政办发123456号"),
                  "ERR: 发文字号缺少年份，应写作 机关代字〔年份〕顺序号号");
        CHECK_STR(norm("西政办发39号"), "ERR: 发文字号缺少年份，应写作 机关代字〔年份〕顺序号号");
        CHECK_STR(norm("西政办发第39号"), "ERR: 发文字号缺少年份，应写作 机关代字〔年份〕顺序号号");
        CHECK_STR(norm("西政办发190039号"), "ERR: 发文字号中的年份应在 1949 至 2099 之间");
        CHECK_STR(norm("西政办发20210号"), "ERR: 发文字号的顺序号应在 1 至 99999 之间");
    }

    subtest("docno-1.6", "one bracket lost") {
        CHECK_STR(norm("西政办发〔202130号"), "西政办发〔2021〕30号");
        CHECK_STR(norm("西政办发〔2021 30号"), "西政办发〔2021〕30号");
        CHECK_STR(norm("西政办发〔2021年30号"), "西政办发〔2021〕30号");
        CHECK_STR(norm("西政办发2021〕30号"), "西政办发〔2021〕30号");
        CHECK_STR(norm("西政办发2021]30号"), "西政办发〔2021〕30号");
        CHECK_STR(norm("西政办发〔20213〕0号"), "ERR: 发文字号中的年份应为四位数字，如〔2021〕");
        CHECK_STR(norm("西政办发〔21〕39号"), "ERR: 发文字号中的年份应为四位数字，如〔2021〕");
    }

    subtest("docno-1.7", "orders and numbered announcements") {
        Docno d;
        CHECK_INT(docno_parse(&g_a, "国务院令第711号", &d, NULL), ZW_OK);
        CHECK_STR(d.zOrg, "国务院令");
        CHECK_INT(d.iYear, 0);
        CHECK_INT(d.iSeq, 711);
        CHECK_INT(d.bOrder, 1);
        CHECK_STR(d.zNormalized, "国务院令第711号");
        CHECK_STR(json("国务院令第711号"),
                  "{\"org\":\"国务院令\",\"year\":null,\"seq\":711,"
                  "\"normalized\":\"国务院令第711号\"}");
        CHECK_STR(norm("国务院令 第 711 号"), "国务院令第711号");
        CHECK_STR(norm("国务院令711号"), "国务院令第711号");
        CHECK_STR(norm("国务院令第0711號"), "国务院令第711号");
        CHECK_STR(norm("中华人民共和国国务院令第711号"), "中华人民共和国国务院令第711号");
        CHECK_STR(norm("财政部令第103号"), "财政部令第103号");
        CHECK_STR(norm("国务院令2021号"), "国务院令第2021号"); /* order No. 2021 */
        CHECK_STR(json("交通运输部令2021年第1号"),
                  "{\"org\":\"交通运输部令\",\"year\":2021,\"seq\":1,"
                  "\"normalized\":\"交通运输部令2021年第1号\"}");
        CHECK_STR(norm("国家税务总局公告2018年第31号"), "国家税务总局公告2018年第31号");
        CHECK_STR(norm("国家税务总局公告 2018 年 第 31 号"), "国家税务总局公告2018年第31号");
        CHECK_STR(norm("中国人民银行公告〔2020〕第5号"), "中国人民银行公告〔2020〕5号");
        CHECK(docno_parse(&g_a, "中国人民银行公告〔2020〕第5号", &d, NULL) == ZW_OK && !d.bOrder);
        CHECK(docno_parse(&g_a, "西政办发〔2021〕39号", &d, NULL) == ZW_OK && !d.bOrder);
        CHECK_STR(norm("交通运输部令1800年第1号"), "ERR: 发文字号中的年份应在 1949 至 2099 之间");
        CHECK_STR(norm("令第1号"), "ERR: 发文字号缺少年份，应写作 机关代字〔年份〕顺序号号");
    }

    subtest("docno-1.8", "joint and lettered 代字, length limits, exact JSON") {
        CHECK_STR(norm("发改办财金〔2020〕12号"), "发改办财金〔2020〕12号");
        CHECK_STR(norm("宁政办规发〔2021〕3号"), "宁政办规发〔2021〕3号");
        CHECK_STR(norm("国办函〔2020〕109号"), "国办函〔2020〕109号");
        CHECK_STR(norm("国发〔2021〕1号"), "国发〔2021〕1号");
        CHECK_STR(norm("西A发〔2021〕1号"), "西A发〔2021〕1号");
        CHECK_STR(norm("发〔2021〕1号"), "发〔2021〕1号");
        CHECK_STR(norm("一二三四五六七八九十一二三四五六七八九十〔2021〕1号"),
                  "一二三四五六七八九十一二三四五六七八九十〔2021〕1号");
        CHECK_STR(norm("一二三四五六七八九十一二三四五六七八九十一〔2021〕1号"),
                  "ERR: 机关代字过长（最多 20 个字）");
        CHECK_STR(json("西政办发〔2021〕39号"),
                  "{\"org\":\"西政办发\",\"year\":2021,\"seq\":39,"
                  "\"normalized\":\"西政办发〔2021〕39号\"}");
        CHECK_STR(json("发改办财金(2020)012號"),
                  "{\"org\":\"发改办财金\",\"year\":2020,\"seq\":12,"
                  "\"normalized\":\"发改办财金〔2020〕12号\"}");
        Docno d;
        CHECK_INT(docno_parse(&g_a, "西政办发2021 39号", &d, NULL), ZW_OK);
        CHECK_STR(d.zOrg, "西政办发");
        CHECK_INT(d.iYear, 2021);
        CHECK_INT(d.iSeq, 39);
    }

    subtest("docno-1.9", "traditional table: every entry folds, and folding is idempotent") {
        for (size_t i = 0; i < sizeof aazTrad / sizeof aazTrad[0]; i++) {
            Docno d, d2;
            const char *z = arena_printf(&g_a, "%s〔2021〕1号", aazTrad[i][0]);
            CHECK(docno_parse(&g_a, z, &d, NULL) == ZW_OK && strcmp(d.zOrg, aazTrad[i][1]) == 0);
            CHECK(docno_parse(&g_a, d.zNormalized, &d2, NULL) == ZW_OK &&
                  strcmp(d2.zNormalized, d.zNormalized) == 0);
        }
        CHECK_STR(why("見發〔2021〕1號"), "这是一段文字，不是一个发文字号");
    }

    subtest("docno-1.10", "the same 文号 written every way normalizes alike (search)") {
        static const char *const az[] = {
            "西政办发〔2021〕39号",       "西政办发[2021]39号",  "西政办发【2021】39号",
            "西政办发（2021）39号",       "西政办发(2021)39號",  "西政辦發〔2021〕39號",
            "西政办发〔２０２１〕３９号", "西政办发 〔2021〕 39 号", "西政办发〔2021年〕第039号",
            "西政办发2021 39号",          "西政办发202139号",    "西政办发2021年39号",
            "西政办发〔202139号",         "西政办发﹝2021﹞39号", "西政办发〖2021〗39号",
        };
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            CHECK_STR(norm(az[i]), "西政办发〔2021〕39号");
            CHECK_STR(norm(norm(az[i])), "西政办发〔2021〕39号");
        }
    }

    subtest("docno-2.1", "what is not a 文号 is refused with a reason") {
        static const char *const az[] = {
            "",
            "   ",
            "\u3000\t\r\n",
            "号",
            "2021年6月15日",
            "2021年6月15日印发",
            "0954-3012345",
            "13912345678",
            "（0954）3012345",
            "关于印发西吉县2021年政务公开工作要点的通知",
            "今天天气很好",
            "根据西政办发〔2021〕39号文件精神",
            "这是西政办发〔2021〕39号",
            "西政办发的〔2021〕39号",
            "西政办发〔2021〕39号文件",
            "西政办发〔2021〕39号 和 西政办发〔2021〕40号",
            "西政办发〔2021〕39号西政办发〔2021〕40号",
            "西政办发〔2021〕号",
            "西政办发〔2021〕",
            "西政办发〔2021〕39",
            "西政办发〔21〕39号",
            "西政办发〔1800〕39号",
            "西政办发〔1948〕39号",
            "西政办发〔2100〕39号",
            "西政办发〔2021〕0号",
            "西政办发〔2021〕000号",
            "西政办发〔2021〕100000号",
            "西政办发〔2021〕123456789号",
            "西政办发〔2021〕-3号",
            "西政办发〔2021〕3.5号",
            "西政办发〔2021〕三十九号",
            "〔2021〕39号",
            "（2021）宁0422执123号",
            "2021〕39号",
            "ABC〔2021〕39号",
            "西政办发2021号",
            "西政办发123456号",
            "西政办发〔〔2021〕〕39号",
            "西政办发〔2021〕〔39〕号",
            "西政办发〔2021〕39号号",
            "西政办发—〔2021〕39号",
            "西政办发/2021/39号",
            "国务院令第号",
            "第39号",
            "一二三四五六七八九十一二三四五六七八九十一〔2021〕1号",
            "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十号",
            "<script>〔2021〕1号",
            "西政办发〔2021〕39号\xff",
            "西政\xe5办发〔2021〕39号",
        };
        for (size_t i = 0; i < sizeof az / sizeof az[0]; i++) {
            CHECK(refused(az[i]));
            if (!refused(az[i])) {
                fprintf(stderr, "  accepted: %s -> %s\n", az[i], norm(az[i]));
            }
        }
        CHECK(refused(NULL));
        char zLong[DOCNO_MAX_BYTES + 40];
        memset(zLong, ' ', sizeof zLong - 1);
        zLong[sizeof zLong - 1] = 0;
        memcpy(zLong, "西政办发〔2021〕39号", strlen("西政办发〔2021〕39号"));
        CHECK(refused(zLong));
        CHECK_STR(why(zLong), "文字过长，不是一个发文字号");
        zLong[DOCNO_MAX_BYTES] = 0; /* exactly the limit: trailing spaces are fine */
        CHECK_STR(norm(zLong), "西政办发〔2021〕39号");
    }

    subtest("docno-2.2", "the reasons say what is wrong") {
        CHECK_STR(why(""), "发文字号为空");
        CHECK_STR(why("  "), "发文字号为空");
        CHECK_STR(why("2021年6月15日"),
                  "发文字号应写作 机关代字〔年份〕顺序号号，如 西政办发〔2021〕39号");
        CHECK_STR(why("0954-3012345"),
                  "发文字号应写作 机关代字〔年份〕顺序号号，如 西政办发〔2021〕39号");
        CHECK_STR(why("根据西政办发〔2021〕39号文件精神"), "这是一段文字，不是一个发文字号");
        CHECK_STR(why("关于印发工作要点的通知"), "这是一段文字，不是一个发文字号");
        CHECK_STR(why("西政办发〔2021〕39号 和 西政办发〔2021〕40号"), "一次只能解析一个发文字号");
        CHECK_STR(why("西政办发〔2021〕39号、40号"), "发文字号后面还有其他文字");
        CHECK_STR(why("西政办发〔2021〕39"), "发文字号应以“号”字结尾");
        CHECK_STR(why("西政办发〔2021〕号"), "发文字号缺少顺序号");
        CHECK_STR(why("〔2021〕39号"), "发文字号应以机关代字（汉字，如 西政办发）开头");
        CHECK_STR(why("西政办发〔2021〕100000号"), "发文字号的顺序号应在 1 至 99999 之间");
        CHECK_STR(why("西政\xe5办发〔2021〕39号"), "发文字号不是有效的 UTF-8 文本");
    }

    subtest("docno-3.1", "docno_find on the county plan's paragraph") {
        static const char zPara[] =
            "2021 年是中国共产党成立 100 周年，是实施“十四五”规划的开局之年。西吉县政务公开"
            "工作的总体要求是：以习近平新时代中国特色社会主义思想为指导，紧扣《国务院办公厅"
            "关于印发 2021 年政务公开工作要点的通知》（国办发〔2021〕12 号）和《自治区人民政府"
            "办公厅关于印发自治区 2021 年政务公开工作要点的通知》（宁政办发〔2021〕23 号）"
            "精神，着眼准确把握新发展阶段。";
        size_t i1 = (size_t)(strstr(zPara, "国办发") - zPara);
        size_t e1 = (size_t)(strstr(zPara, "12 号") - zPara) + strlen("12 号");
        size_t i2 = (size_t)(strstr(zPara, "宁政办发") - zPara);
        size_t e2 = (size_t)(strstr(zPara, "23 号") - zPara) + strlen("23 号");
        CHECK_STR(found(zPara, strlen(zPara)),
                  arena_printf(&g_a, "%zu-%zu:国办发〔2021〕12号|%zu-%zu:宁政办发〔2021〕23号",
                               i1, e1, i2, e2));
        CHECK(matches_reparse(zPara, strlen(zPara)));
        /* The whole plan: its own 文号 in the header, and the two it cites. */
        size_t nPlan = 0;
        char *zPlan = read_file(PLAN_PATH, &nPlan);
        CHECK(zPlan != NULL);
        if (zPlan) {
            CHECK_STR(found_norm(zPlan),
                      "西政办发〔2021〕39号|国办发〔2021〕12号|宁政办发〔2021〕23号");
            CHECK(matches_reparse(zPlan, nPlan));
            /* The header line's span is exactly the 文号. */
            const char *zLine = strstr(zPlan, "西政办发〔2021〕39号");
            DocnoMatch *a;
            int nMatch = 0;
            docno_find(&g_a, zPlan, nPlan, &a, &nMatch);
            CHECK(zLine && nMatch == 3 && a[0].iStart == (size_t)(zLine - zPlan) &&
                  a[0].iEnd == a[0].iStart + strlen("西政办发〔2021〕39号"));
        }
    }

    subtest("docno-3.2", "docno_find: where the 代字 starts in running text") {
        CHECK_STR(found_norm("根据西政办发〔2021〕39号文件精神"), "西政办发〔2021〕39号");
        CHECK_STR(found_norm("按照国办发〔2021〕12号要求"), "国办发〔2021〕12号");
        CHECK_STR(found_norm("现将宁政办发〔2021〕23号转发给你们"), "宁政办发〔2021〕23号");
        CHECK_STR(found_norm("关于转发国办发〔2021〕12号的通知"), "国办发〔2021〕12号");
        CHECK_STR(found_norm("认真贯彻落实国办发〔2021〕12号和宁政办发〔2021〕23号精神"),
                  "国办发〔2021〕12号|宁政办发〔2021〕23号");
        CHECK_STR(found_norm("国办发〔2021〕12号及宁政办发〔2021〕23号"),
                  "国办发〔2021〕12号|宁政办发〔2021〕23号");
        CHECK_STR(found_norm("国办发〔2021〕12号、宁政办发〔2021〕23号"),
                  "国办发〔2021〕12号|宁政办发〔2021〕23号");
        CHECK_STR(found_norm("《中华人民共和国政府信息公开条例》（国务院令第711号）"),
                  "国务院令第711号");
        CHECK_STR(found_norm("依据交通运输部令2021年第1号"), "交通运输部令2021年第1号");
        CHECK_STR(found_norm("文号：西政辦發［２０２１］３９號。"), "西政办发〔2021〕39号");
        CHECK_STR(found_norm("见西政办发 〔2021〕 39 号"), "西政办发〔2021〕39号");
        CHECK_STR(found_norm("详见西政办发2021 39号"), "西政办发〔2021〕39号");
        CHECK_STR(found_norm("PDF西政办发〔2021〕39号"), "西政办发〔2021〕39号");
        CHECK_STR(found_norm("西政办发〔2021〕39号西政办发〔2021〕40号"),
                  "西政办发〔2021〕39号|西政办发〔2021〕40号");
        /* The match spans the 文号 only. */
        const char *z = "据悉，根据西政办发〔2021〕39 号文件";
        size_t i = (size_t)(strstr(z, "西政") - z), e = (size_t)(strstr(z, "文件") - z);
        CHECK_STR(found(z, strlen(z)), arena_printf(&g_a, "%zu-%zu:西政办发〔2021〕39号", i, e));
    }

    subtest("docno-3.3", "docno_find: what running text does not count") {
        CHECK_STR(found_norm("编号2021001号"), "");
        CHECK_STR(found_norm("截至2021年6月15日，共受理39件"), "");
        CHECK_STR(found_norm("电话0954-3012345"), "");
        CHECK_STR(found_norm("国务院令711号"), "");
        CHECK_STR(found_norm("〔2021〕39号"), "");
        CHECK_STR(found_norm("（2021）宁0422执123号"), "");
        CHECK_STR(found_norm("西政办发\n〔2021〕39号"), "");
        CHECK_STR(found_norm("西政办发〔2021〕39\n号"), "");
        CHECK_STR(found_norm("西政办发          〔2021〕39号"), ""); /* 10 spaces */
        CHECK_STR(found_norm("西政办发〔2021〕     39号"), "西政办发〔2021〕39号"); /* 5 */
        CHECK_STR(found_norm("工作要点国办发〔2021〕12号"), "工作要点国办发〔2021〕12号");
        /* Without a word to cut at, a run of more than 10 characters is no 代字, and a
        ** shorter one is taken whole: the limits of a heuristic, pinned down. */
        CHECK_STR(found_norm("我们今天开会讨论研究了全县二〇二一年政务公开工作要点落实情况和下一"
                             "步工作安排国办发〔2021〕12号"),
                  "");
        CHECK_STR(found_norm("我们今天开会讨论研究全县二〇二一年政务公开工作要点落实情况以及下一"
                             "步工作安排意见国办发〔2021〕12号"),
                  "国办发〔2021〕12号");
        CHECK_STR(found_norm("全县一百多个单位都已经按照要求完成了年度政务公开工作要点中规定的各项"
                             "任务国办发〔2021〕12号"),
                  "各项任务国办发〔2021〕12号");
        CHECK_STR(found_norm("全县一百多个单位都已完成年度政务公开工作要点中各项任务并通过考核验收"
                             "交付使用国办发〔2021〕12号"),
                  "");
        CHECK_STR(found_norm("全县单位通过考核国办发〔2021〕12号"), "考核国办发〔2021〕12号");
        CHECK_STR(found_norm("中华人民共和国人力资源和社会保障部令第1号"),
                  "中华人民共和国人力资源和社会保障部令第1号");
        CHECK_STR(found_norm("全县一百多个单位都已完成年度政务公开工作要点中各项任务并顺利完成考核"
                             "验收交付使用西吉国办发〔2021〕12号"),
                  "");
        CHECK_STR(found("", 0), "");
        DocnoMatch *a = (DocnoMatch *)&g_a;
        int n = -1;
        CHECK_INT(docno_find(&g_a, NULL, 0, &a, &n), ZW_OK);
        CHECK(a == NULL && n == 0);
    }

    subtest("docno-3.4", "docno_find: bad bytes, NUL bytes, no terminator, the match limit") {
        static const char zBad[] = "\xff\xfe西政办发〔2021〕39号\xc3\x00国办发〔2021〕12号\xe5\xbd";
        CHECK_STR(found(zBad, sizeof zBad - 1),
                  arena_printf(&g_a, "2-%zu:西政办发〔2021〕39号|%zu-%zu:国办发〔2021〕12号",
                               2 + strlen("西政办发〔2021〕39号"),
                               4 + strlen("西政办发〔2021〕39号"),
                               4 + strlen("西政办发〔2021〕39号") + strlen("国办发〔2021〕12号")));
        CHECK(matches_reparse(zBad, sizeof zBad - 1));
        /* Cut right before the 号: no match, and nothing read past the end (ASan). */
        const char *z = "西政办发〔2021〕39号";
        size_t n = strlen(z) - strlen("号");
        char *zExact = malloc(n);
        memcpy(zExact, z, n);
        CHECK_STR(found(zExact, n), "");
        for (size_t k = 0; k < n; k++) {
            CHECK_STR(found(zExact, k), "");
        }
        free(zExact);
        /* More than DOCNO_FIND_MAX: the first DOCNO_FIND_MAX are reported. */
        Str s;
        str_init(&s, &g_a);
        for (int k = 1; k <= DOCNO_FIND_MAX + 50; k++) {
            str_appendf(&s, "西政办发〔2021〕%d号，", k);
        }
        DocnoMatch *a;
        int nMatch = 0;
        docno_find(&g_a, s.z, s.n, &a, &nMatch);
        CHECK_INT(nMatch, DOCNO_FIND_MAX);
        CHECK_INT(a[DOCNO_FIND_MAX - 1].d.iSeq, DOCNO_FIND_MAX);
        CHECK(matches_reparse(s.z, s.n));
    }

    subtest("docno-4.1", "zwgk docno: exit codes, JSON on stdout, Chinese on stderr") {
        const char *zOut, *zErr;
        char *azOk[] = {"西政辦發［２０２１］39號"};
        CHECK_INT(run_cli(1, azOk, &zOut, &zErr), 0);
        CHECK_STR(zOut, "{\"org\":\"西政办发\",\"year\":2021,\"seq\":39,"
                        "\"normalized\":\"西政办发〔2021〕39号\"}\n");
        CHECK_STR(zErr, "");
        char *azSplit[] = {"国办发〔2021〕12", "号"};
        CHECK_INT(run_cli(2, azSplit, &zOut, &zErr), 0);
        CHECK_STR(zOut, "{\"org\":\"国办发\",\"year\":2021,\"seq\":12,"
                        "\"normalized\":\"国办发〔2021〕12号\"}\n");
        char *azOrder[] = {"国务院令第711号"};
        CHECK_INT(run_cli(1, azOrder, &zOut, &zErr), 0);
        CHECK_STR(zOut, "{\"org\":\"国务院令\",\"year\":null,\"seq\":711,"
                        "\"normalized\":\"国务院令第711号\"}\n");
        char *azBad[] = {"2021年6月15日"};
        CHECK_INT(run_cli(1, azBad, &zOut, &zErr), 1);
        CHECK_STR(zOut, "");
        CHECK_STR(zErr, "zwgk docno: 不是有效的发文字号：“2021年6月15日”（发文字号应写作 "
                        "机关代字〔年份〕顺序号号，如 西政办发〔2021〕39号）\n");
        char *azNl[] = {"西政办发\n〔2021〕号"};
        CHECK_INT(run_cli(1, azNl, &zOut, &zErr), 1);
        CHECK_STR(zErr,
                  "zwgk docno: 不是有效的发文字号：“西政办发 〔2021〕号”（发文字号缺少顺序号）\n");
        char *azUtf8[] = {"西政\xe5办发〔2021〕39号"};
        CHECK_INT(run_cli(1, azUtf8, &zOut, &zErr), 1);
        CHECK(strstr(zErr, "UTF-8") != NULL);
        char *azHelp[] = {"--help"};
        CHECK_INT(run_cli(1, azHelp, &zOut, &zErr), 0);
        CHECK(strncmp(zOut, "用法: zwgk docno", strlen("用法: zwgk docno")) == 0);
        CHECK_STR(zErr, "");
        CHECK_INT(run_cli(0, NULL, &zOut, &zErr), 2);
        CHECK(strstr(zErr, "缺少发文字号") != NULL);
        char *azOpt[] = {"--json", "西政办发〔2021〕39号"};
        CHECK_INT(run_cli(2, azOpt, &zOut, &zErr), 2);
        CHECK(strstr(zErr, "未知参数 --json") != NULL);
        CHECK_STR(zOut, "");
    }

    arena_free(&g_a);
    return t_done();
}
