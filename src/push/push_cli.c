// SPDX-License-Identifier: MIT
/*
** push_cli.c: `zwgk push` — queue statistics, settings, delivery in the
** foreground, and the hooks the tests and bench/push use (make digests due now,
** time the queueing of one item).
*/
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/log.h"
#include "../core/util.h"
#include "../publish/publish.h"
#include "push.h"
#include "push_cli.h"

static const char zHelp[] =
    "用法:\n"
    "  zwgk push stats --db FILE            队列统计（订阅者、待发送、已发送、失败）\n"
    "  zwgk push set --db FILE KEY VALUE    保存设置：smtp、mail_from、base_url、\n"
    "                                       subscribe_limit（每个地址的订阅请求上限，N/S，默认 20/3600）\n"
    "  zwgk push deliver --db FILE [--smtp URL] [--mail-from ADDR] [--base-url URL]\n"
    "                                       在前台投递，直到队列中没有到期的邮件\n"
    "  zwgk push flush --db FILE            把所有待发的每日/每周汇总提前到现在（测试用）\n"
    "  zwgk push queue --db FILE --item ID [--rollback]\n"
    "                                       为一条政策匹配并排队订阅者，报告用时（基准测试用）\n"
    "  zwgk push rebuild --db FILE          按订阅条件重建匹配表 push_sub\n"
    "  zwgk push taxonomy --db FILE         输出分类（与 GET /api/v1/taxonomy 相同）\n";

static const char *arg_after(int argc, char **argv, const char *zName) {
    for (int i = 0; i + 1 < argc; i++) {
        if (strcmp(argv[i], zName) == 0) return argv[i + 1];
    }
    return NULL;
}

static int has_flag(int argc, char **argv, const char *zName) {
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], zName) == 0) return 1;
    }
    return 0;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int64_t count(Db *db, const char *zWhat) {
    Stmt st;
    int64_t n = 0;
    if (strcmp(zWhat, "subscribers") == 0) {
        db_prepare(db, &st, "SELECT count(*) FROM subscriber WHERE state='active'");
    } else if (strcmp(zWhat, "queued") == 0) {
        db_prepare(db, &st,
                   "SELECT count(*) FROM push_queue q JOIN push_batch b ON b.item_id=q.item_id"
                   " AND b.freq=q.freq WHERE q.state=0 AND b.state=0");
    } else if (strcmp(zWhat, "sent") == 0) {
        db_prepare(db, &st, "SELECT count(*) FROM push_queue WHERE state=1");
    } else if (strcmp(zWhat, "failed") == 0) {
        db_prepare(db, &st, "SELECT count(*) FROM push_queue WHERE state=3");
    } else if (strcmp(zWhat, "outbox") == 0) {
        db_prepare(db, &st, "SELECT count(*) FROM mail_outbox WHERE state=0");
    } else {
        db_prepare(db, &st, "SELECT count(*) FROM webhook_queue WHERE state=0");
    }
    if (db_step(&st) == 1) n = db_col_int(&st, 0);
    db_done(&st);
    return n;
}

int push_cli(int argc, char **argv) {
    if (argc < 1 || has_flag(argc, argv, "--help")) {
        fputs(zHelp, argc < 1 ? stderr : stdout);
        return argc < 1 ? 2 : 0;
    }
    const char *zSub = argv[0];
    const char *zDb = arg_after(argc, argv, "--db");
    if (!zDb) {
        fprintf(stderr, "zwgk push: 缺少选项 --db\n%s", zHelp);
        return 2;
    }
    if (access(zDb, F_OK) != 0) {
        fprintf(stderr, "zwgk push: 数据库文件不存在：%s\n", zDb);
        return 1;
    }
    Db *db;
    Err err = {0};
    if (db_open(&db, zDb, 0, &err) != ZW_OK) {
        fprintf(stderr, "zwgk push: %s\n", err.zMsg ? err.zMsg : "无法打开数据库");
        return 1;
    }
    int nApplied, rc = db_migrate(db, &nApplied, &err);
    Arena a;
    arena_init(&a);
    if (rc) goto done;
    if (strcmp(zSub, "stats") == 0) {
        static const char *const az[] = {"subscribers", "queued", "sent", "failed", "outbox", "webhooks"};
        for (int i = 0; i < 6; i++) printf("%s %lld\n", az[i], (long long)count(db, az[i]));
    } else if (strcmp(zSub, "set") == 0) {
        static const char *const azKey[] = {"smtp", "mail_from", "base_url", "subscribe_limit", NULL};
        const char *zKey = argc >= 5 ? argv[argc - 2] : NULL, *zVal = argc >= 5 ? argv[argc - 1] : NULL;
        int bOk = 0;
        for (int i = 0; zKey && azKey[i]; i++) bOk |= strcmp(zKey, azKey[i]) == 0;
        if (!bOk) {
            fprintf(stderr, "zwgk push set: KEY 应为 smtp、mail_from、base_url 或 subscribe_limit\n");
            rc = 2;
            goto done;
        }
        rc = setting_set(db, arena_printf(&a, "push_%s", zKey), zVal);
        if (!rc) printf("push_%s = %s\n", zKey, zVal);
    } else if (strcmp(zSub, "flush") == 0) {
        Stmt st;
        db_prepare(db, &st, "UPDATE push_batch SET due=?1 WHERE state=0 AND due>?1");
        db_bind_int(&st, 1, util_now());
        rc = db_run(&st);
        db_done(&st);
        if (!rc) printf("flush: %d batches due now\n", db_changes(db));
    } else if (strcmp(zSub, "deliver") == 0) {
        push_configure(arg_after(argc, argv, "--smtp"), arg_after(argc, argv, "--mail-from"),
                       arg_after(argc, argv, "--base-url"), NULL);
        double t0 = now_ms();
        int64_t nTotal = 0;
        for (;;) {
            Arena r;
            arena_init(&r);
            int n = push_deliver_round(db, &r);
            arena_free(&r);
            if (n <= 0) break;
            nTotal += n;
        }
        double ms = now_ms() - t0;
        printf("deliver: %lld messages in %.0f ms (%.0f/s)\n", (long long)nTotal, ms,
               ms > 0 ? (double)nTotal * 1000.0 / ms : 0.0);
    } else if (strcmp(zSub, "rebuild") == 0) {
        double t0 = now_ms();
        rc = db_begin(db);
        if (!rc) rc = push_rebuild(db, &a, &err);
        if (rc) {
            db_rollback(db);
        } else {
            rc = db_commit(db);
        }
        if (!rc) printf("rebuild: %lld subscribers in %.0f ms\n", (long long)count(db, "subscribers"), now_ms() - t0);
    } else if (strcmp(zSub, "taxonomy") == 0) {
        TaxTowns towns;
        rc = taxonomy_towns(db, &a, &towns);
        if (!rc) {
            Str s;
            str_init(&s, &a);
            taxonomy_json(&s, &towns);
            printf("%s\n", str_cstr(&s));
        }
    } else if (strcmp(zSub, "queue") == 0) {
        int64_t iItem = 0, nQueued = 0;
        const char *z = arg_after(argc, argv, "--item");
        if (!z || str_to_i64(z, &iItem) != 0 || iItem <= 0) {
            fprintf(stderr, "zwgk push queue: --item 应为信息编号\n");
            rc = 2;
            goto done;
        }
        double t0 = now_ms();
        rc = db_begin(db);
        if (!rc) rc = push_queue_item(db, &a, iItem, &nQueued, &err);
        double t1 = now_ms();
        if (rc || has_flag(argc, argv, "--rollback")) {
            db_rollback(db);
        } else {
            rc = db_commit(db);
        }
        double t2 = now_ms();
        if (!rc) {
            printf("queue: item=%lld queued=%lld match_ms=%.1f commit_ms=%.1f total_ms=%.1f\n",
                   (long long)iItem, (long long)nQueued, t1 - t0, t2 - t1, t2 - t0);
        }
    } else {
        fprintf(stderr, "zwgk push: 未知子命令 %s\n%s", zSub, zHelp);
        rc = 2;
    }
done:
    if (rc && rc != 2) {
        fprintf(stderr, "zwgk push: %s%s%s\n", err.zMsg ? err.zMsg : "失败", err.zLog ? " — " : "",
                err.zLog ? err.zLog : db_errmsg(db));
        rc = 1;
    }
    arena_free(&a);
    db_close(db);
    return rc;
}
