// SPDX-License-Identifier: MIT
/*
** main.c: the zwgk command table, the route table, and the commands themselves
** (init, serve, user, backup, log).  Each command parses its own arguments,
** validates them, and prints errors in Chinese with exit status 1 (2 for usage).
*/
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin/admin.h"
#include "api/api.h"
#include "auth/auth.h"
#include "calendar/workday.h"
#include "apply/apply_web.h"
#include "consult/consult_web.h"
#include "auth/auth_web.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/str.h"
#include "core/util.h"
#include "demo/demo.h"
#include "interpret/interpret_web.h"
#include "norms/norms.h"
#include "norms/norms_web.h"
#include "http/http.h"
#include "publish/publish.h"
#include "push/push.h"
#include "push/push_cli.h"
#include "push/push_web.h"
#include "report/report.h"
#include "report/report_web.h"
#include "search/search.h"
#include "text/docno.h"
#include "text/gongwen.h"
#include "text/mask.h"
#include "site/site.h"
#include "store/db.h"
#include "web/page.h"

#define DEFAULT_MAX_BODY ((size_t)20 << 20)

/* ------------------------------------------------------------------ routes */

static const Route aRoute[] = {
    {HTTP_GET, "/", site_home, ROUTE_CACHE},
    {HTTP_GET, "/healthz", site_healthz, 0},
    /* push (src/push) */
    {HTTP_GET, "/api/v1/taxonomy", push_api_taxonomy, ROUTE_API},
    {HTTP_POST, "/api/v1/subscriptions", push_api_subscribe, ROUTE_API | ROUTE_PUBLIC_POST},
    {HTTP_GET, "/api/v1/webhooks", push_api_webhooks, ROUTE_API},
    {HTTP_POST, "/api/v1/webhooks", push_api_webhook_add, ROUTE_API},
    {HTTP_DELETE, "/api/v1/webhooks/#", push_api_webhook_delete, ROUTE_API},
    {HTTP_GET, "/dingyue", push_page_subscribe, ROUTE_CACHE},
    {HTTP_POST, "/dingyue", push_form_subscribe, ROUTE_PUBLIC_POST},
    {HTTP_GET, "/dingyue/confirm/*", push_page_confirm, 0},
    {HTTP_GET, "/dingyue/m/*", push_page_manage, 0},
    {HTTP_POST, "/dingyue/m/*", push_form_manage, ROUTE_PUBLIC_POST},
    {HTTP_GET, "/dingyue/u/*", push_page_unsubscribe, 0},
    {HTTP_POST, "/dingyue/u/*", push_post_unsubscribe, ROUTE_TOKEN_POST},
    {HTTP_GET, "/dingyue/feed/*", push_feed, 0},
    {HTTP_GET, "/zcpp", push_page_zcpp, ROUTE_CACHE},

    /* consult (src/consult) */
    {HTTP_POST, "/api/v1/items/#/questions", consult_api_ask, ROUTE_API | ROUTE_PUBLIC_POST},
    {HTTP_POST, "/items/#/questions", consult_form_ask, ROUTE_PUBLIC_POST},
    {HTTP_GET, "/zx/", consult_list_page, ROUTE_CACHE},
    {HTTP_GET, "/zx/*", consult_track, 0},
    {HTTP_GET, "/gk/*/zx/", consult_list_page, ROUTE_CACHE},
    {HTTP_GET, "/admin/questions", consult_admin, 0},
    {HTTP_POST, "/admin/questions/#/*", consult_admin_action, 0},
    {HTTP_GET, "/api/v1/questions", consult_api_list, ROUTE_API},
    {HTTP_GET, "/api/v1/questions/#", consult_api_get, ROUTE_API},
    {HTTP_POST, "/api/v1/questions/#/answer", consult_api_answer, ROUTE_API},
    {HTTP_POST, "/api/v1/questions/#/private", consult_api_private, ROUTE_API},

    /* apply (src/apply) */
    {HTTP_GET, "/ysqgk", apply_form_page, 0},
    {HTTP_POST, "/ysqgk", apply_form_post, ROUTE_PUBLIC_POST},
    {HTTP_GET, "/ysqgk/register", apply_register_page, ROUTE_CACHE},
    {HTTP_GET, "/ysqgk/*", apply_track, 0},
    {HTTP_POST, "/api/v1/applications", apply_api_submit, ROUTE_API | ROUTE_PUBLIC_POST},
    {HTTP_GET, "/api/v1/applications", apply_api_list, ROUTE_API},
    {HTTP_GET, "/api/v1/applications/#", apply_api_get, ROUTE_API},
    {HTTP_POST, "/api/v1/applications/#/*", apply_api_action, ROUTE_API},
    {HTTP_GET, "/admin/applications", apply_admin_list, 0},
    {HTTP_POST, "/admin/applications", apply_admin_create, 0},
    {HTTP_GET, "/admin/applications/new", apply_admin_new, 0},
    {HTTP_GET, "/admin/applications/templates", apply_admin_templates, 0},
    {HTTP_POST, "/admin/applications/templates", apply_admin_template_save, 0},
    {HTTP_GET, "/admin/applications/#", apply_admin_case, 0},
    {HTTP_POST, "/admin/applications/#/*", apply_admin_action, 0},

    {HTTP_GET, "/gk/", site_gk_index, ROUTE_CACHE},
    {HTTP_GET, "/gk/*/", site_gk_unit, ROUTE_CACHE},
    {HTTP_GET, "/gk/*/*/", site_gk_column, ROUTE_CACHE},
    {HTTP_GET, "/gk/*/*/feed.xml", site_feed, ROUTE_CACHE},
    {HTTP_GET, "/area/*/", site_area, ROUTE_CACHE},
    {HTTP_GET, "/area/*/feed.xml", site_feed, ROUTE_CACHE},
    {HTTP_GET, "/items/#", site_item, ROUTE_CACHE},
    {HTTP_GET, "/items/#/v/#", site_item_version, ROUTE_CACHE},
    {HTTP_GET, "/attachments/#", site_attachment, 0},
    {HTTP_GET, "/units", site_units, ROUTE_CACHE},
    {HTTP_GET, "/sitemap.xml", site_sitemap, ROUTE_CACHE},
    {HTTP_GET, "/log", site_log, ROUTE_CACHE},
    {HTTP_GET, "/static/*", site_static, ROUTE_CACHE},
    {HTTP_GET, "/a11y", site_a11y, 0},
    {HTTP_GET, "/favicon.ico", site_favicon, ROUTE_CACHE},
    {HTTP_GET, "/search", site_search, ROUTE_CACHE},
    {HTTP_GET, "/gfxwj", site_norms, ROUTE_CACHE},

    {HTTP_GET, "/admin/login", auth_login_page, 0},
    {HTTP_POST, "/admin/login", auth_login_post, ROUTE_PUBLIC_POST},
    {HTTP_POST, "/admin/logout", auth_logout_post, 0},
    {HTTP_GET, "/admin", admin_dashboard, 0},
    {HTTP_GET, "/admin/items", admin_items, 0},
    {HTTP_POST, "/admin/items", admin_item_create, 0},
    {HTTP_GET, "/admin/items/new", admin_item_new, 0},
    {HTTP_POST, "/admin/items/parse", admin_item_parse, 0},
    {HTTP_GET, "/admin/items/#", admin_item_edit, 0},
    {HTTP_POST, "/admin/items/#", admin_item_save, 0},
    {HTTP_POST, "/admin/items/#/attachments", admin_item_attach, 0},
    {HTTP_POST, "/admin/items/#/reposts", admin_repost_add, 0},
    {HTTP_POST, "/admin/items/#/norm", admin_norm_set, 0},
    {HTTP_POST, "/admin/items/#/norm-state", admin_norm_state, 0},
    {HTTP_GET, "/admin/interpretation", admin_interp, 0},
    {HTTP_POST, "/admin/items/#/*", admin_item_action, 0},
    {HTTP_GET, "/admin/review", admin_review, 0},
    {HTTP_GET, "/admin/users", admin_users, 0},
    {HTTP_POST, "/admin/users", admin_user_create, 0},
    {HTTP_GET, "/admin/units", admin_units, 0},
    {HTTP_POST, "/admin/units", admin_unit_create, 0},
    {HTTP_GET, "/admin/audit", admin_audit, 0},

    {HTTP_POST, "/api/v1/session", auth_api_login, ROUTE_API | ROUTE_PUBLIC_POST},
    {HTTP_DELETE, "/api/v1/session", auth_api_logout, ROUTE_API},
    {HTTP_GET, "/api/v1/units", api_units, ROUTE_API},
    {HTTP_GET, "/api/v1/columns", api_columns, ROUTE_API},
    {HTTP_GET, "/api/v1/items", api_items, ROUTE_API},
    {HTTP_POST, "/api/v1/items", api_item_create, ROUTE_API},
    {HTTP_GET, "/api/v1/items/#", api_item, ROUTE_API},
    {HTTP_PUT, "/api/v1/items/#", api_item_update, ROUTE_API},
    {HTTP_POST, "/api/v1/items/#/attachments", api_item_attach, ROUTE_API},
    /* norms (src/norms) */
    {HTTP_GET, "/api/v1/norms", api_norms, ROUTE_API},
    {HTTP_GET, "/api/v1/norms/#", api_norm, ROUTE_API},
    {HTTP_PUT, "/api/v1/norms/#", api_norm_set, ROUTE_API},
    {HTTP_POST, "/api/v1/norms/#/state", api_norm_state, ROUTE_API},
    {HTTP_POST, "/api/v1/norm-reviews", api_norm_review_create, ROUTE_API},
    {HTTP_POST, "/api/v1/norm-reviews/#/results", api_norm_review_result, ROUTE_API},
    /* interpret (src/interpret) */
    {HTTP_GET, "/api/v1/items/#/reposts", api_item_reposts, ROUTE_API},
    {HTTP_POST, "/api/v1/items/#/reposts", api_item_repost_add, ROUTE_API},
    {HTTP_GET, "/api/v1/stats/interpretation", api_interp_stats, ROUTE_API},
    {HTTP_POST, "/api/v1/items/#/*", api_item_action, ROUTE_API},
    {HTTP_GET, "/api/v1/log", api_log, ROUTE_API},
    /* report (src/report) */
    {HTTP_GET, "/admin/report", report_admin_page, 0},
    {HTTP_GET, "/admin/report.xlsx", report_admin_xlsx, 0},
    {HTTP_POST, "/admin/report/figures", report_admin_figures, 0},
    {HTTP_POST, "/admin/report/text", report_admin_text, 0},
    {HTTP_POST, "/admin/report/publish", report_admin_publish, 0},
    {HTTP_GET, "/api/v1/reports/*/#", report_api_get, ROUTE_API},
    {HTTP_PUT, "/api/v1/reports/*/#/figures", report_api_figures, ROUTE_API},
    {HTTP_PUT, "/api/v1/reports/*/#/sections", report_api_sections, ROUTE_API},
    {HTTP_POST, "/api/v1/reports/*/#/publish", report_api_publish, ROUTE_API},
    {0, NULL, NULL, 0},
};

/* --------------------------------------------------------- argument helpers */

/* Options of one command: "--name VALUE" pairs and "--flag" switches. */
typedef struct Opts {
    int argc;
    char **argv;
    const char *zCmd;
} Opts;

static int bHelp(int argc, char **argv) {
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return 1;
    }
    return 0;
}

/* The value after --zName, or NULL.  Exits with status 2 if the value is missing. */
static const char *opt_value(Opts *o, const char *zName) {
    for (int i = 0; i < o->argc; i++) {
        if (strcmp(o->argv[i], zName) == 0) {
            if (i + 1 >= o->argc) {
                fprintf(stderr, "zwgk %s: 选项 %s 需要一个值\n", o->zCmd, zName);
                exit(2);
            }
            return o->argv[i + 1];
        }
    }
    return NULL;
}

static int opt_flag(Opts *o, const char *zName) {
    for (int i = 0; i < o->argc; i++) {
        if (strcmp(o->argv[i], zName) == 0) return 1;
    }
    return 0;
}

/* Refuse unknown options: each of argv must be a known --name (with value) or flag. */
static void opt_check(Opts *o, const char *const *azWithValue, const char *const *azFlag) {
    for (int i = 0; i < o->argc; i++) {
        int bKnown = 0;
        for (int k = 0; azWithValue && azWithValue[k]; k++) {
            if (strcmp(o->argv[i], azWithValue[k]) == 0) {
                bKnown = 1;
                i++;
                break;
            }
        }
        for (int k = 0; !bKnown && azFlag && azFlag[k]; k++) {
            if (strcmp(o->argv[i], azFlag[k]) == 0) bKnown = 1;
        }
        if (!bKnown) {
            fprintf(stderr, "zwgk %s: 未知参数 %s（见 zwgk %s --help）\n", o->zCmd, o->argv[i], o->zCmd);
            exit(2);
        }
    }
}

static const char *need(Opts *o, const char *zName) {
    const char *z = opt_value(o, zName);
    if (!z) {
        fprintf(stderr, "zwgk %s: 缺少选项 %s（见 zwgk %s --help）\n", o->zCmd, zName, o->zCmd);
        exit(2);
    }
    return z;
}

static int fail(const char *zCmd, const Err *err) {
    fprintf(stderr, "zwgk %s: %s%s%s\n", zCmd, err->zMsg ? err->zMsg : "失败",
            err->zLog ? " — " : "", err->zLog ? err->zLog : "");
    return 1;
}

static Db *open_db(const char *zCmd, const char *zPath, int flags) {
    Db *db;
    Err err = {0};
    if (access(zPath, F_OK) != 0 && !(flags & DB_CREATE)) {
        fprintf(stderr, "zwgk %s: 数据库文件不存在：%s（先运行 zwgk init --db %s）\n", zCmd, zPath, zPath);
        exit(1);
    }
    if (db_open(&db, zPath, flags, &err) != ZW_OK) {
        fail(zCmd, &err);
        exit(1);
    }
    return db;
}

/* Read one line (a password) from standard input, without the newline. */
static char *read_password(void) {
    static char buf[512];
    if (!fgets(buf, sizeof buf, stdin)) return NULL;
    buf[strcspn(buf, "\r\n")] = 0;
    return buf;
}

/* ----------------------------------------------------------------- commands */

static const char zInitHelp[] =
    "用法: zwgk init --db FILE [--demo]\n"
    "  创建数据库并应用全部迁移（可重复运行）。\n"
    "  --demo  载入演示数据：西吉县各单位、标准栏目、2021年政务公开工作要点及示例信息，\n"
    "          以及演示用户 admin、<单位代码>_editor、<单位代码>_reviewer（密码见输出）。\n";

static int cmd_init(int argc, char **argv) {
    Opts o = {argc, argv, "init"};
    static const char *const azV[] = {"--db", "--demo-password", NULL};
    static const char *const azF[] = {"--demo", NULL};
    opt_check(&o, azV, azF);
    const char *zDb = need(&o, "--db");
    Db *db = open_db("init", zDb, DB_CREATE);
    Err err = {0};
    int nApplied = 0;
    int rc = db_migrate(db, &nApplied, &err);
    if (!rc) rc = demo_units(db, &err);
    if (!rc) {
        /* The shipped holiday arrangements, once. */
        Stmt st;
        db_prepare(db, &st, "SELECT count(*) FROM holiday");
        int64_t nHol = db_step(&st) == 1 ? db_col_int(&st, 0) : 0;
        db_done(&st);
        const EmbedFile *e = nHol ? NULL : embed_find("data/holidays-cn.csv");
        if (e) rc = cal_import(db, (const char *)e->pData, NULL, &err);
    }
    if (!rc) {
        Arena a;
        arena_init(&a);
        if (!setting_get(db, &a, "form_secret", NULL)) {
            char zSecret[64];
            util_random_token(32, zSecret);
            rc = setting_set(db, "form_secret", zSecret);
        }
        arena_free(&a);
    }
    if (!rc && opt_flag(&o, "--demo")) {
        Stmt st;
        db_prepare(db, &st, "SELECT count(*) FROM item");
        int64_t n = db_step(&st) == 1 ? db_col_int(&st, 0) : 0;
        db_done(&st);
        const char *zPw = opt_value(&o, "--demo-password");
        if (n > 0) {
            printf("demo: database already has %lld items; demo data not loaded again\n", (long long)n);
        } else {
            rc = demo_load(db, zPw ? zPw : "zwgk-demo-2021", &err);
        }
    }
    db_close(db);
    if (rc) return fail("init", &err);
    printf("init: %s ready (%d migrations applied)\n", zDb, nApplied);
    return 0;
}

static const char zServeHelp[] =
    "用法: zwgk serve --db FILE [--listen ADDR:PORT] [--threads N] [--max-body BYTES]\n"
    "                 [--base-url URL] [--trust-proxy] [--dev DIR]\n"
    "                 [--smtp smtp://HOST:PORT] [--mail-from ADDRESS]\n"
    "  运行公众网站、后台和 JSON 接口。SIGTERM/SIGINT 时处理完进行中的请求后退出。\n"
    "  --listen     监听地址，默认 127.0.0.1:8080\n"
    "  --threads    工作线程数，默认 2（至少 1）\n"
    "  --max-body   请求体上限（字节），默认 20971520（20 MB），超出返回 413\n"
    "  --base-url   订阅源、网站地图和推送邮件中使用的网址，默认 http://<listen>\n"
    "  --smtp       发送推送邮件的 SMTP 服务器（也可用 zwgk push set 保存在数据库中）；\n"
    "               未配置时邮件留在队列中\n"
    "  --mail-from  推送邮件的发件地址\n"
    "  --trust-proxy 信任前置代理的 X-Forwarded-For / X-Forwarded-Proto\n"
    "  --dev DIR    从 DIR/templates 和 DIR/static 读取模板和静态文件（开发用）\n";

static int cmd_serve(int argc, char **argv) {
    Opts o = {argc, argv, "serve"};
    static const char *const azV[] = {"--db", "--listen", "--threads", "--max-body", "--base-url", "--dev",
                                      "--smtp", "--mail-from", NULL};
    static const char *const azF[] = {"--trust-proxy", NULL};
    opt_check(&o, azV, azF);
    HttpConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.zDbPath = need(&o, "--db");
    cfg.zListen = opt_value(&o, "--listen");
    if (!cfg.zListen) cfg.zListen = "127.0.0.1:8080";
    cfg.nThreads = 2;
    const char *z = opt_value(&o, "--threads");
    int64_t v;
    if (z) {
        if (str_to_i64(z, &v) != 0 || v < 1 || v > 64) {
            fprintf(stderr, "zwgk serve: --threads 应为 1 到 64 之间的整数\n");
            return 2;
        }
        cfg.nThreads = (unsigned)v;
    }
    cfg.nMaxBody = DEFAULT_MAX_BODY;
    if ((z = opt_value(&o, "--max-body"))) {
        if (str_to_i64(z, &v) != 0 || v < 1024 || v > ((int64_t)1 << 30)) {
            fprintf(stderr, "zwgk serve: --max-body 应为 1024 到 1073741824 之间的字节数\n");
            return 2;
        }
        cfg.nMaxBody = (size_t)v;
    }
    cfg.aRoute = aRoute;
    cfg.hooks.xBefore = auth_before;
    cfg.hooks.xError = page_error;
    cfg.bTrustProxy = opt_flag(&o, "--trust-proxy");
    const char *zDev = opt_value(&o, "--dev");
    Arena a;
    arena_init(&a);
    const char *zBase = opt_value(&o, "--base-url");
    site_set_base_url(zBase ? zBase : arena_printf(&a, "http://%s", cfg.zListen));
    /* Check the database before listening, and apply pending migrations. */
    Db *db = open_db("serve", cfg.zDbPath, 0);
    Err err = {0};
    int nApplied;
    if (db_migrate(db, &nApplied, &err) != ZW_OK) {
        db_close(db);
        return fail("serve", &err);
    }
    const char *zSecret = setting_get(db, &a, "form_secret", NULL);
    if (!zSecret) {
        char zNew[64];
        util_random_token(32, zNew);
        setting_set(db, "form_secret", zNew);
        zSecret = arena_strdup(&a, zNew);
    }
    auth_set_form_secret(zSecret);
    norm_expire_daily(db); /* terms that ended while the server was down */
    db_close(db);
    if (page_init(zDev ? arena_printf(&a, "%s/templates", zDev) : NULL, &err) != ZW_OK) {
        return fail("serve", &err);
    }
    if (zDev) site_set_static_dir(arena_printf(&a, "%s/static", zDev));
    publish_on_change(http_cache_bump);
    push_configure(opt_value(&o, "--smtp"), opt_value(&o, "--mail-from"), zBase,
                   arena_printf(&a, "http://%s", cfg.zListen));
    if (push_worker_start(cfg.zDbPath, &err) != ZW_OK) return fail("serve", &err);
    int rc = http_serve(&cfg, &err);
    push_worker_stop();
    page_shutdown();
    arena_free(&a);
    if (rc) return fail("serve", &err);
    return 0;
}

static const char zUserHelp[] =
    "用法:\n"
    "  zwgk user add --db FILE --name NAME --unit CODE --role editor|reviewer|admin\n"
    "        （密码从标准输入读取一行，至少 8 个字符）\n"
    "  zwgk user passwd --db FILE --name NAME   （新密码从标准输入读取）\n"
    "  zwgk user list --db FILE\n";

static int cmd_user(int argc, char **argv) {
    if (argc < 1) {
        fputs(zUserHelp, stderr);
        return 2;
    }
    const char *zSub = argv[0];
    Opts o = {argc - 1, argv + 1, "user"};
    Err err = {0};
    if (strcmp(zSub, "add") == 0) {
        static const char *const azV[] = {"--db", "--name", "--unit", "--role", NULL};
        opt_check(&o, azV, NULL);
        const char *zDb = need(&o, "--db"), *zName = need(&o, "--name");
        const char *zUnit = need(&o, "--unit"), *zRole = need(&o, "--role");
        int eRole = auth_role_parse(zRole);
        if (!eRole) {
            fprintf(stderr, "zwgk user: --role 应为 editor、reviewer 或 admin\n");
            return 2;
        }
        char *zPw = read_password();
        if (!zPw) {
            fprintf(stderr, "zwgk user: 请从标准输入提供密码\n");
            return 1;
        }
        Db *db = open_db("user", zDb, 0);
        int rc = auth_user_add(db, zName, zUnit, eRole, zPw, &err);
        if (!rc) audit_add(db, NULL, "cli", "user_add", zName, zRole);
        db_close(db);
        if (rc) return fail("user", &err);
        printf("user %s added to %s as %s\n", zName, zUnit, zRole);
        return 0;
    }
    if (strcmp(zSub, "passwd") == 0) {
        static const char *const azV[] = {"--db", "--name", NULL};
        opt_check(&o, azV, NULL);
        const char *zDb = need(&o, "--db"), *zName = need(&o, "--name");
        char *zPw = read_password();
        if (!zPw) {
            fprintf(stderr, "zwgk user: 请从标准输入提供新密码\n");
            return 1;
        }
        Db *db = open_db("user", zDb, 0);
        int rc = auth_user_passwd(db, zName, zPw, &err);
        if (!rc) audit_add(db, NULL, "cli", "user_passwd", zName, "");
        db_close(db);
        if (rc) return fail("user", &err);
        printf("password of %s changed; their sessions were ended\n", zName);
        return 0;
    }
    if (strcmp(zSub, "list") == 0) {
        static const char *const azV[] = {"--db", NULL};
        opt_check(&o, azV, NULL);
        Db *db = open_db("user", need(&o, "--db"), DB_READONLY);
        Stmt st;
        db_prepare(db, &st,
                   "SELECT u.name,n.code,u.role,u.created_at,coalesce(u.locked_until,'')"
                   " FROM user u JOIN unit n ON n.id=u.unit_id ORDER BY n.sort,u.name");
        printf("%-24s %-8s %-9s %-21s %s\n", "name", "unit", "role", "created", "locked_until");
        while (db_step(&st) == 1) {
            printf("%-24s %-8s %-9s %-21s %s\n", db_col_text(&st, 0), db_col_text(&st, 1),
                   db_col_text(&st, 2), db_col_text(&st, 3), db_col_text(&st, 4));
        }
        db_done(&st);
        db_close(db);
        return 0;
    }
    fprintf(stderr, "zwgk user: 未知子命令 %s\n%s", zSub, zUserHelp);
    return 2;
}

static const char zBackupHelp[] =
    "用法: zwgk backup --db FILE --out FILE\n"
    "  在服务运行时做一份一致的在线备份（SQLite 备份接口）。\n";

static int cmd_backup(int argc, char **argv) {
    Opts o = {argc, argv, "backup"};
    static const char *const azV[] = {"--db", "--out", NULL};
    opt_check(&o, azV, NULL);
    const char *zDb = need(&o, "--db"), *zOut = need(&o, "--out");
    Db *db = open_db("backup", zDb, 0);
    Err err = {0};
    int rc = db_backup(db, zOut, &err);
    db_close(db);
    if (rc) return fail("backup", &err);
    printf("backup: %s written\n", zOut);
    return 0;
}

static const char zLogHelp[] =
    "用法: zwgk log verify --db FILE\n"
    "  校验信息发布公开日志的哈希链：完好时退出码 0，否则退出码 1 并指出第一条损坏的记录。\n";

static int cmd_log(int argc, char **argv) {
    if (argc < 1 || strcmp(argv[0], "verify") != 0) {
        fputs(zLogHelp, stderr);
        return 2;
    }
    Opts o = {argc - 1, argv + 1, "log"};
    static const char *const azV[] = {"--db", NULL};
    opt_check(&o, azV, NULL);
    Db *db = open_db("log", need(&o, "--db"), DB_READONLY);
    int64_t iBad, nChecked;
    Err err = {0};
    int rc = tlog_verify(db, &iBad, &nChecked, &err);
    db_close(db);
    if (rc == ZW_ECONFLICT) {
        printf("log: BROKEN at entry %lld (after %lld intact entries)\n", (long long)iBad, (long long)nChecked);
        fprintf(stderr, "zwgk log: 公开日志第 %lld 条记录校验失败\n", (long long)iBad);
        return 1;
    }
    if (rc) return fail("log", &err);
    printf("log: %lld entries, chain intact\n", (long long)nChecked);
    return 0;
}

/* ------------------------------------------------------------ command table */

typedef struct Command {
    const char *zName;
    int (*xRun)(int argc, char **argv);
    const char *zHelp;  /* full help */
    const char *zBrief; /* one line for `zwgk --help` */
} Command;

static const Command aCmd[] = {
    {"init", cmd_init, zInitHelp, "创建或升级数据库，可载入演示数据"},
    {"serve", cmd_serve, zServeHelp, "运行网站、后台和 JSON 接口"},
    {"user", cmd_user, zUserHelp, "管理用户：add、passwd、list"},
    {"backup", cmd_backup, zBackupHelp, "在线备份数据库"},
    {"log", cmd_log, zLogHelp, "校验信息发布公开日志（log verify）"},
    {"search", search_cli, NULL, "在已发布的信息中检索"},
    {"workday", workday_cli, NULL, "工作日计算：add、count，导入节假日安排（import）"},
    {"import", import_cli, NULL, "导入公文文本或 Markdown 文件（每个文件一个事务）"},
    {"docno", docno_cli, NULL, "解析发文字号，输出规范形式（JSON）"},
    {"mask", mask_cli, NULL, "遮蔽标准输入中的身份证号、手机号码、银行卡号"},
    {"push", push_cli, NULL, "政策推送：队列统计、设置、投递（stats、set、deliver）"},
    {"gongwen", gongwen_cli, NULL, "识别公文要素（标题、文号、成文日期、主送、抄送等），输出 JSON"},
    {"report", report_cli, NULL, "政府信息公开工作年度报告：report annual（JSON、HTML、Excel）"},
    {NULL, NULL, NULL, NULL},
};

static void usage(FILE *f) {
    fputs("zwgk — 政务公开平台\n\n用法: zwgk <命令> [选项]，zwgk <命令> --help 查看各命令说明\n\n命令:\n", f);
    for (const Command *c = aCmd; c->zName; c++) fprintf(f, "  %-8s %s\n", c->zName, c->zBrief);
}

int main(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *zLevel = getenv("ZWGK_LOG");
    if (zLevel && strcmp(zLevel, "debug") == 0) g_log_level = LOG_DEBUG;
    if (zLevel && strcmp(zLevel, "warn") == 0) g_log_level = LOG_WARN;
    for (const Command *c = aCmd; c->zName; c++) {
        if (strcmp(argv[1], c->zName) == 0) {
            if (c->zHelp && bHelp(argc - 2, argv + 2)) {
                fputs(c->zHelp, stdout);
                return 0;
            }
            return c->xRun(argc - 2, argv + 2);
        }
    }
    fprintf(stderr, "zwgk: 未知命令 %s\n\n", argv[1]);
    usage(stderr);
    return 2;
}
