// workflow.mjs BASE_URL: the 采集 → 审核 → 发布 → 撤回 workflow in headless Chromium.
//
// Run through run.sh, which starts a fresh demo server and passes its address:
//   sh tests/browser/run.sh tests/browser/workflow.mjs
// An editor of 财政局 drafts an item in the 预决算 column whose title carries a <script> tag,
// submits it; the reviewer publishes it; the public page must show the title literally (no
// dialog), carry the metadata table, work without JavaScript and at phone width; axe-core checks
// the home and item pages; the reviewer withdraws it and the public URL answers 410 with the
// reason. Screenshots go to tests/browser/out/. Ends with "N passed, N failed[, N skipped]".
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const base = (process.argv[2] || '').replace(/\/+$/, '');
if (!/^https?:\/\//.test(base)) {
    console.error('usage: node workflow.mjs http://127.0.0.1:PORT');
    process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'out');
fs.mkdirSync(outDir, { recursive: true });
const require = createRequire(import.meta.url);

const PASSWORD = 'zwgk-demo-2021';
const EDITOR = 'czj_editor';
const REVIEWER = 'czj_reviewer';
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const XSS = '<script>alert(1)</script>';
const TITLE = `西吉县财政局2026年部门预算公开${XSS}测试${stamp}`;
const DOCNO = '西财发〔2026〕8号';
const WRITTEN_AT = '2026-03-16';
const BODY = [
    '根据《中华人民共和国预算法》和《中华人民共和国政府信息公开条例》的规定，现将西吉县财政局2026年部门预算公开如下。',
    '一、部门主要职责。贯彻执行国家财政、税收方针政策，拟订全县财政发展规划和政策，组织实施县级预算管理，统筹安排财政资金。',
    '二、收支预算总体情况。2026年收入预算合计1,234.56万元，支出预算合计1,234.56万元，其中基本支出987.65万元，项目支出246.91万元。',
    '三、“三公”经费预算情况。2026年“三公”经费预算12.30万元，较上年减少0.80万元，主要原因是严格落实过紧日子要求，压减公务接待支出。',
    '联系电话：0954-1234567。',
].join('\n\n');
const WITHDRAW_REASON = `经核查数据有误，已另行发布更正后的版本（测试${stamp}）`;
const AXE_STRICT = new Set(['color-contrast', 'label', 'select-name', 'image-alt', 'html-has-lang', 'document-title']);

let passed = 0, failed = 0, skipped = 0;
const warnings = [];

function check(name, ok, detail) {
    if (ok) {
        passed++;
        console.log(`ok   ${name}`);
    } else {
        failed++;
        console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
    }
    return !!ok;
}
function skip(name, why) {
    skipped++;
    console.log(`SKIP ${name}: ${why}`);
}
function warn(msg) {
    warnings.push(msg);
    console.log(`warn ${msg}`);
}
// Run one step; an exception counts as one failure and the step's result is false.
const t0 = Date.now();
async function step(name, fn) {
    console.log(`== ${name} (at ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    try {
        const r = await fn();
        return r === undefined ? true : r;
    } catch (e) {
        check(`${name} (no exception)`, false, String(e && e.message || e).split('\n').slice(0, 6).join(' | '));
        return false;
    }
}
const norm = (s) => (s || '').replace(/[\s\u3000]+/g, '');
const abs = (u) => new URL(u, base).toString();

// Everything a page does that a reviewer of the site would want to know about.
const dialogs = [];
const badResponses = [];
const consoleErrors = [];
function watch(page, label) {
    page.on('dialog', async (d) => {
        dialogs.push(`${label}: ${d.type()} "${d.message()}" on ${page.url()}`);
        await d.dismiss().catch(() => {});
    });
    page.on('pageerror', (e) => consoleErrors.push(`${label}: pageerror ${e.message} on ${page.url()}`));
    page.on('console', (m) => {
        // The 410 of a withdrawn item is checked by the test itself.
        if (m.type() === 'error' && !/status of 410/.test(m.text())) consoleErrors.push(`${label}: console ${m.text()} on ${page.url()}`);
    });
    page.on('response', (r) => {
        const req = r.request();
        if (r.status() >= 400 && req.resourceType() !== 'document')
            badResponses.push(`${label}: ${req.method()} ${r.url()} -> ${r.status()}`);
    });
    page.on('requestfailed', (req) => {
        const f = req.failure();
        /* A navigation cancels the icon request of the page it leaves; that is not a failure. */
        if (f && f.errorText === 'net::ERR_ABORTED' && /favicon/.test(req.url())) return;
        badResponses.push(`${label}: ${req.method()} ${req.url()} failed: ${f && f.errorText}`);
    });
}

async function login(page, name) {
    const resp = await page.goto(abs('/admin/login'));
    check(`GET /admin/login as ${name} → 200`, resp && resp.status() === 200, resp && `status ${resp.status()}`);
    await page.fill('#name', name);
    await page.fill('#password', PASSWORD);
    await Promise.all([
        page.waitForURL((u) => u.pathname === '/admin', { timeout: 10000 }).catch(() => {}),
        page.getByRole('button', { name: '登录', exact: true }).click(),
    ]);
    const url = new URL(page.url());
    const h1 = norm(await page.locator('h1').first().textContent().catch(() => ''));
    return check(`${name} logs in and lands on /admin (工作台)`, url.pathname === '/admin' && h1.includes('工作台'),
        `url ${page.url()}, h1 "${h1}", alert "${norm(await page.locator('.alert').first().textContent({ timeout: 500 }).catch(() => ''))}"`);
}

async function badge(page) {
    return norm(await page.locator('h1 .badge').first().textContent({ timeout: 5000 }).catch(() => ''));
}

async function screenshot(page, file, width, height) {
    await page.setViewportSize({ width, height });
    await page.waitForLoadState('load');
    const p = path.join(outDir, file);
    await page.screenshot({ path: p, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) warn(`${file}: page is ${overflow}px wider than the ${width}px viewport (horizontal scrolling)`);
    console.log(`     screenshot ${path.relative(process.cwd(), p)}`);
}

async function axeCheck(page, label) {
    const src = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // The site's CSP forbids inline scripts; evaluate via the DevTools protocol instead.
    await page.evaluate(src);
    const res = await page.evaluate(async () =>
        await window.axe.run(document, { resultTypes: ['violations'] }));
    let strict = 0;
    for (const v of res.violations) {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
        const line = `axe ${label}: ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help} — ${where}`;
        if (AXE_STRICT.has(v.id) && (v.impact === 'serious' || v.impact === 'critical')) {
            strict++;
            check(line, false);
        } else {
            warn(line);
        }
    }
    check(`axe ${label}: no serious/critical violations of ${[...AXE_STRICT].join(', ')}`, strict === 0, `${strict} rule(s)`);
}

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// launch() gives the browser a fresh temporary profile (user-data dir) and removes it on close.
const watchdog = setTimeout(() => {
    console.log('FAIL the whole test took longer than 180 s');
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
}, 180000);
watchdog.unref();

let itemId = null, adminUrl = null, publicUrl = null;
try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    ctx.setDefaultTimeout(15000);
    const page = await ctx.newPage();
    watch(page, 'main');

    // 1. The editor logs in.
    const editorIn = await step('1. editor logs in', () => login(page, EDITOR));

    // 2. The editor drafts an item in the 预决算 column and submits it.
    if (!editorIn) skip('2. editor drafts and submits', 'login failed');
    else await step('2. editor drafts and submits', async () => {
        const resp = await page.goto(abs('/admin/items/new'));
        check('GET /admin/items/new → 200', resp && resp.status() === 200, resp && `status ${resp.status()}`);
        await screenshot(page, 'admin-new-1280.png', 1280, 900);
        const options = await page.locator('select#column option').evaluateAll((os) =>
            os.map((o) => ({ value: o.value, text: o.textContent })));
        const col = options.find((o) => o.text.includes('预决算'));
        if (!check('select#column has a 预决算 option', col, `options: ${options.map((o) => o.text.trim()).join(' / ')}`))
            return false;
        await page.selectOption('select#column', col.value);
        await page.fill('#title', TITLE);
        await page.fill('#docno', DOCNO);
        await page.fill('#written_at', WRITTEN_AT);
        await page.fill('#body', BODY);
        await Promise.all([
            page.waitForURL(/\/admin\/items\/\d+(\?|$)/, { timeout: 10000 }).catch(() => {}),
            page.getByRole('button', { name: '保存为草稿', exact: true }).click(),
        ]);
        const m = new URL(page.url()).pathname.match(/^\/admin\/items\/(\d+)$/);
        if (!check('保存为草稿 lands on /admin/items/N', m, `url ${page.url()}, alert "${norm(await page.locator('.alert').first().textContent({ timeout: 500 }).catch(() => ''))}"`))
            return false;
        itemId = m[1];
        adminUrl = abs(`/admin/items/${itemId}`);
        console.log(`     item ${itemId}`);
        const ok = await page.locator('.alert-ok').first().textContent({ timeout: 5000 }).catch(() => '');
        check('a success alert is shown after saving', norm(ok).includes('已保存'), `alert "${norm(ok)}"`);
        check('the saved draft keeps the title literally', (await page.inputValue('#title')) === TITLE,
            `#title is "${await page.inputValue('#title')}"`);
        check('the draft has the badge 草稿', (await badge(page)).includes('草稿'), `badge "${await badge(page)}"`);
        await screenshot(page, 'admin-draft-1280.png', 1280, 900);
        await Promise.all([
            page.waitForURL(/\/admin\/items\/\d+\?ok=/, { timeout: 10000 }).catch(() => {}),
            page.getByRole('button', { name: '提交审核', exact: true }).click(),
        ]);
        const b = await badge(page);
        check('提交审核 succeeds (success alert, badge 待审核)',
            norm(await page.locator('.alert-ok').first().textContent({ timeout: 5000 }).catch(() => '')).includes('已提交审核') && b.includes('审核'),
            `url ${page.url()}, badge "${b}"`);
    });

    // 3. The reviewer publishes it.
    let reviewerIn = false, published = false;
    if (!itemId) skip('3. reviewer publishes', 'no item');
    else published = await step('3. reviewer publishes', async () => {
        const out = page.getByRole('button', { name: '退出登录', exact: true });
        await Promise.all([
            page.waitForURL((u) => u.pathname === '/admin/login', { timeout: 10000 }).catch(() => {}),
            out.click(),
        ]);
        check('退出登录 leads to the login page', new URL(page.url()).pathname === '/admin/login', `url ${page.url()}`);
        const again = await page.goto(abs('/admin'));
        check('after logout /admin needs a login again', new URL(page.url()).pathname === '/admin/login',
            `url ${page.url()} status ${again && again.status()}`);
        reviewerIn = await login(page, REVIEWER);
        if (!reviewerIn) return false;
        const resp = await page.goto(abs('/admin/review'));
        check('GET /admin/review → 200', resp && resp.status() === 200, resp && `status ${resp.status()}`);
        await screenshot(page, 'admin-review-1280.png', 1280, 900);
        const link = page.getByRole('link', { name: TITLE, exact: true });
        if (!check('the review queue lists the item by its literal title', await link.count() === 1,
            `${await link.count()} links named "${TITLE}"`)) return false;
        await Promise.all([page.waitForURL(/\/admin\/items\/\d+$/), link.click()]);
        check('the queue links to the item', page.url() === adminUrl, `url ${page.url()}`);
        await Promise.all([
            page.waitForURL(/\/admin\/items\/\d+\?ok=/, { timeout: 10000 }).catch(() => {}),
            page.getByRole('button', { name: '审核通过并发布', exact: true }).click(),
        ]);
        const b = await badge(page);
        return check('审核通过并发布 gives the badge 已发布', b.includes('已发布'), `url ${page.url()}, badge "${b}"`);
    });

    // 4. The public page.
    if (!published) skip('4. public page', 'not published');
    else await step('4. public page', async () => {
        await page.screenshot({ path: path.join(outDir, 'admin-published-1280.png'), fullPage: true });
        const link = page.getByRole('link', { name: '查看公开页面', exact: true });
        if (!check('the admin page links to 查看公开页面', await link.count() === 1)) return false;
        const [resp] = await Promise.all([page.waitForResponse((r) => r.request().isNavigationRequest()), link.click()]);
        await page.waitForLoadState('load');
        publicUrl = page.url();
        check('the public page is /items/N → 200', resp.status() === 200 && new URL(publicUrl).pathname === `/items/${itemId}`,
            `url ${publicUrl} status ${resp.status()}`);
        const h1 = await page.locator('h1.doc-title').textContent();
        check('h1.doc-title shows <script>alert(1)</script> literally', h1.includes(XSS) && h1.includes(stamp), `h1 "${h1}"`);
        const injected = await page.evaluate(() =>
            [...document.scripts].filter((s) => s.textContent.includes('alert(1)')).length);
        check('no <script> element carries the title', injected === 0, `${injected} script element(s)`);
        const title = await page.title();
        check('<title> names the item', title.includes(XSS) || title.includes('财政局2026年部门预算'), `title "${title}"`);
        const meta = await page.locator('table.meta').evaluate((t) => {
            const cells = {};
            for (const th of t.querySelectorAll('th')) {
                const td = th.nextElementSibling;
                cells[th.textContent.replace(/[\s\u3000]+/g, '')] = td ? td.textContent.trim() : null;
            }
            return cells;
        });
        check('table.meta has a non-empty 索引号', meta['索引号'], `cells ${JSON.stringify(meta)}`);
        check('table.meta has the 文号', meta['文号'] === DOCNO, `文号 "${meta['文号']}"`);
        check('table.meta has the 成文日期', (meta['成文日期'] || '').replace(/\D/g, '').includes(WRITTEN_AT.replace(/\D/g, '')) ||
            (meta['成文日期'] || '').includes('2026年3月16日'), `成文日期 "${meta['成文日期']}"`);
        check('table.meta has the 标题 literally', (meta['标题'] || '').includes(XSS), `标题 "${meta['标题']}"`);
        const body = norm(await page.locator('.doc-body').textContent());
        check('the body is shown', body.includes('三公') && body.includes('0954-1234567'), `body "${body.slice(0, 80)}…"`);
        const paragraphs = await page.locator('.doc-body p').count();
        check('the body keeps its paragraphs', paragraphs >= 4, `${paragraphs} <p> in .doc-body`);
        const css = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
        console.log(`     body font-family: ${css}`);
        await screenshot(page, 'item-1280.png', 1280, 900);
        await screenshot(page, 'item-390.png', 390, 844);
        await page.goto(abs('/'));
        const onHome = await page.locator('a').evaluateAll((as, [xss, st]) =>
            as.filter((a) => a.textContent.includes(xss) && a.textContent.includes(st)).length, [XSS, stamp]);
        check('the home page lists the new item with its literal title', onHome > 0, `${onHome} links`);
        await screenshot(page, 'home-1280.png', 1280, 900);
        await screenshot(page, 'home-390.png', 390, 844);
        await page.setViewportSize({ width: 1280, height: 900 });
        check('no dialog fired', dialogs.length === 0, dialogs.join('; '));
    });

    // 5. Without JavaScript.
    if (!publicUrl) skip('5. without JavaScript', 'no public page');
    else await step('5. without JavaScript', async () => {
        const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
        const p = await nojs.newPage();
        watch(p, 'nojs');
        for (const [u, what] of [['/', null], [publicUrl, 'item']]) {
            const resp = await p.goto(abs(u));
            check(`no JS: GET ${new URL(abs(u)).pathname} → 200`, resp && resp.status() === 200, resp && `status ${resp.status()}`);
            const t = await p.title();
            check(`no JS: ${new URL(abs(u)).pathname} has a <title>`, t.trim().length > 0, `title "${t}"`);
            const styled = await p.locator('link[rel=stylesheet]').count();
            check(`no JS: ${new URL(abs(u)).pathname} links its stylesheet`, styled > 0);
            if (what === 'item') {
                const h1 = await p.locator('h1.doc-title').textContent();
                check('no JS: the item title is present', h1.includes(XSS), `h1 "${h1}"`);
                await p.screenshot({ path: path.join(outDir, 'item-nojs-1280.png'), fullPage: true });
            } else {
                const h = await p.locator('main').first().textContent();
                check('no JS: the home page has content', norm(h).length > 50, `main "${norm(h).slice(0, 60)}"`);
            }
        }
        await nojs.close();
    });

    // 6. axe-core on the home and item pages (while the item is still published).
    if (!publicUrl) skip('6. axe-core', 'no public page');
    else await step('6. axe-core', async () => {
        await page.goto(abs('/'));
        await axeCheck(page, 'home');
        await page.goto(publicUrl);
        await axeCheck(page, 'item');
        // The library, the 政策解读 area and an interpretation page (demo data).
        await page.goto(abs('/gfxwj?state=all'));
        await axeCheck(page, 'norms library');
        await page.goto(abs('/area/zcjd/'));
        await axeCheck(page, 'interpretations area');
        const first = await page.locator('ul.list li > a').first().getAttribute('href');
        if (check('the 政策解读 area lists an interpretation', !!first)) {
            await page.goto(abs(first));
            await axeCheck(page, 'interpretation');
            const back = await page.locator('p.interprets a').count();
            check('the interpretation links back to its policy', back > 0);
        }
    });

    // 7. The reviewer withdraws it; the public URL answers 410 with the reason.
    if (!publicUrl || !reviewerIn) skip('7. withdraw', 'not published');
    else await step('7. withdraw', async () => {
        await page.goto(adminUrl);
        const form = page.locator('form[action$="/withdraw"]');
        if (!check('the reviewer sees the withdraw form', await form.count() === 1)) return false;
        await form.locator('input[name=reason]').fill(WITHDRAW_REASON);
        await Promise.all([
            page.waitForURL(/\/admin\/items\/\d+\?ok=/, { timeout: 10000 }).catch(() => {}),
            form.getByRole('button', { name: '撤回', exact: true }).click(),
        ]);
        const b = await badge(page);
        check('撤回 gives the badge 已撤回', b.includes('撤回'), `url ${page.url()}, badge "${b}"`);
        const resp = await page.goto(publicUrl);
        check('the public URL answers 410', resp && resp.status() === 410, resp && `status ${resp.status()}`);
        const text = await page.locator('main').textContent();
        check('the 410 page shows the reason', text.includes(WITHDRAW_REASON), `main "${norm(text).slice(0, 200)}"`);
        check('the 410 page shows the title literally', text.includes(XSS));
        await screenshot(page, 'gone-1280.png', 1280, 900);
        await screenshot(page, 'gone-390.png', 390, 844);
        check('no dialog fired anywhere', dialogs.length === 0, dialogs.join('; '));
    });

    check('no sub-resource failed to load (CSS, images, scripts)', badResponses.length === 0, badResponses.slice(0, 5).join('; '));
    for (const e of consoleErrors) warn(e);
    await ctx.close();
} catch (e) {
    check('the test ran to its end', false, String(e && e.stack || e));
} finally {
    await browser.close().catch(() => {});
}

if (warnings.length) console.log(`${warnings.length} warning(s)`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
