// report.mjs BASE_URL: the annual report (政府信息公开工作年度报告) in headless Chromium.
//
// Run through run.sh, which starts a fresh demo server and passes its address:
//   sh tests/browser/run.sh tests/browser/report.mjs
// The reviewer of 财政局 opens /admin/report for last year, enters the figures of table 二
// through the form, and the test checks the report as rendered: the six sections in
// order, the tables with the template's merged headers (table 三's 25 rows, the 22-row
// 三、本年度办理结果 cell, table 四's 15 numbers), no CSP or console errors; then the page
// in print media: the back-office chrome and forms hidden, the tables within the A4 text
// width, a PDF on A4.  Screenshots (screen and print) and the PDF go to a temporary
// directory whose path is printed, for a person to look at.  Ends with "N passed, N failed".
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const base = (process.argv[2] || '').replace(/\/+$/, '');
if (!/^https?:\/\//.test(base)) {
    console.error('usage: node report.mjs http://127.0.0.1:PORT');
    process.exit(2);
}
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-report-shots-'));
const PASSWORD = 'zwgk-demo-2021';
const USER = 'czj_reviewer';
const chinaNow = new Date(Date.now() + 8 * 3600 * 1000);
const YEAR = chinaNow.getUTCFullYear() - 1;
const A4_TEXT_MM = 210 - 18 - 18; // the @page side margins of static/report.css
const PX_PER_MM = 96 / 25.4;
const AXE_STRICT = new Set(['color-contrast', 'label', 'select-name', 'image-alt', 'html-has-lang', 'document-title',
    'td-headers-attr', 'th-has-data-cells', 'duplicate-id']);
const require = createRequire(import.meta.url);

let passed = 0, failed = 0;
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
const norm = (s) => (s || '').replace(/[\s\u3000]+/g, '');
const abs = (u) => new URL(u, base).toString();

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const watchdog = setTimeout(() => {
    console.log('FAIL the whole test took longer than 120 s');
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
}, 120000);
watchdog.unref();

try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    ctx.setDefaultTimeout(15000);
    const page = await ctx.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss().catch(() => {}); });
    page.on('response', (r) => {
        if (r.status() >= 400 && r.request().resourceType() !== 'document') problems.push(`${r.url()} → ${r.status()}`);
    });

    // 1. Log in.
    await page.goto(abs('/admin/login'));
    await page.fill('#name', USER);
    await page.fill('#password', PASSWORD);
    await Promise.all([
        page.waitForURL((u) => u.pathname === '/admin', { timeout: 10000 }).catch(() => {}),
        page.getByRole('button', { name: '登录', exact: true }).click(),
    ]);
    check(`${USER} logs in`, new URL(page.url()).pathname === '/admin', page.url());
    const dash = norm(await page.locator('#report-due').textContent().catch(() => ''));
    check('the dashboard has the 年度报告 block with the deadline', dash.includes('政府信息公开工作年度报告') &&
        dash.includes(`${YEAR}年度报告`) && dash.includes(`${YEAR + 1}-01-31`), dash.slice(0, 200));

    const shotDash = path.join(outDir, 'dashboard-report-due.png');
    await page.locator('#report-due').screenshot({ path: shotDash }).catch(() => {});
    console.log(`     screenshot ${shotDash}`);

    // 2. The report page, reached from the navigation.
    await page.getByRole('link', { name: '年度报告', exact: true }).first().click();
    await page.waitForLoadState('load');
    check('the nav link opens /admin/report', new URL(page.url()).pathname === '/admin/report', page.url());
    const resp = await page.goto(abs(`/admin/report?unit=czj&year=${YEAR}`));
    check('GET /admin/report → 200', resp && resp.status() === 200, resp && `status ${resp.status()}`);

    // 3. Enter the figures of table 二 through the form.
    await page.fill('#fig-licensing', '5126');
    await page.fill('#fig-punishment', '412');
    await page.fill('#fig-coercion', '0');
    await page.fill('#fig-fees', '863.5');
    await Promise.all([
        page.waitForURL(/ok=figures/, { timeout: 10000 }).catch(() => {}),
        page.getByRole('button', { name: '保存表二数据' }).click(),
    ]);
    check('the figures are saved', norm(await page.locator('.alert-ok').textContent().catch(() => '')).includes('表二数据已保存'));

    // 4. The report as rendered.
    const title = norm(await page.locator('.report-doc h1.rpt-title').textContent());
    check('the title names unit and year', title === `西吉县财政局${YEAR}年政府信息公开工作年度报告`, title);
    const h2 = (await page.locator('.report-doc h2').allTextContents()).map(norm);
    check('six sections in the template order', JSON.stringify(h2) === JSON.stringify([
        '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']), h2.join(' | '));
    const active = await page.locator('#rpt-active tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
    const row = (label) => active.find((r) => r[0] === label) || [];
    check('table 二: captions of 第二十条 (一)(五)(六)(八)', ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']
        .every((c) => active.some((r) => r.length === 1 && r[0] === c)), JSON.stringify(active.slice(0, 3)));
    check('table 二: the figures entered', row('行政许可')[1] === '5126' && row('行政处罚')[1] === '412' &&
        row('行政强制')[1] === '0' && row('行政事业性收费')[1] === '863.5', JSON.stringify(active.slice(-8)));
    check('table 二: 规章 and 规范性文件 from the library', row('规章').length === 4 && row('行政规范性文件').length === 4);
    const apps = page.locator('#rpt-applications');
    check('table 三: three header rows and 25 data rows',
        (await apps.locator('thead tr').count()) === 3 && (await apps.locator('tbody tr').count()) === 25);
    const heads = await apps.locator('thead th').evaluateAll((ths) => ths.map((t) => [t.textContent.trim(), t.rowSpan, t.colSpan]));
    check('table 三: merged headers 申请人情况 / 法人或其他组织', JSON.stringify(heads.slice(0, 4)) === JSON.stringify([
        ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3], ['申请人情况', 1, 7],
        ['自然人', 2, 1], ['法人或其他组织', 1, 5]]), JSON.stringify(heads.slice(0, 4)));
    const rowHeads = await apps.locator('tbody th').evaluateAll((ths) => ths.map((t) => [t.textContent.trim(), t.rowSpan, t.colSpan]));
    const find = (t) => rowHeads.find((h) => h[0] === t) || [];
    check('table 三: 三、本年度办理结果 spans 22 rows', find('三、本年度办理结果')[1] === 22);
    check('table 三: 不予公开 8, 无法提供 3, 不予处理 5, 其他处理 3 rows',
        find('（三）不予公开')[1] === 8 && find('（四）无法提供')[1] === 3 && find('（五）不予处理')[1] === 5 && find('（六）其他处理')[1] === 3);
    check('table 三: sub-rows numbered as in the template', find('3．危及“三安全一稳定”').length > 0 && find('3．其他').length > 0);
    check('table 三: 一、二、四 span the three label columns', find('一、本年新收政府信息公开申请数量')[2] === 3 &&
        find('四、结转下年度继续办理')[2] === 3 && find('（七）总计')[2] === 2);
    const nums = await apps.locator('tbody td').allTextContents();
    check('table 三: 25 × 7 numbers', nums.length === 175 && nums.every((n) => /^\d+$/.test(n.trim())));
    const review = await page.locator('#rpt-review tbody td').allTextContents();
    const rhead = await page.locator('#rpt-review thead th').evaluateAll((ths) => ths.map((t) => [t.textContent.trim(), t.rowSpan, t.colSpan]));
    check('table 四: 行政复议 over 5, 行政诉讼 over 10, 15 numbers', review.length === 15 &&
        JSON.stringify(rhead.slice(0, 2)) === JSON.stringify([['行政复议', 1, 5], ['行政诉讼', 1, 10]]), JSON.stringify(rhead.slice(0, 2)));
    check('the checks pass: no red note', (await page.locator('.rpt-check-failed').count()) === 0);
    check('prefilled passages to write are marked', (await page.locator('.report-doc p.todo').count()) > 0);

    // 5. On screen.
    const shotScreen = path.join(outDir, 'report-screen.png');
    await page.locator('#report-doc').screenshot({ path: shotScreen });
    console.log(`     screenshot ${shotScreen}`);

    // Accessibility of the page (axe-core, evaluated through the DevTools protocol: the CSP
    // forbids inline scripts).
    await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const axe = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    const strict = axe.violations.filter((v) => AXE_STRICT.has(v.id) && (v.impact === 'serious' || v.impact === 'critical'));
    for (const v of axe.violations) if (!strict.includes(v)) console.log(`warn axe ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help}`);
    check('axe: no serious violations of labels, contrast, table headers, ids', strict.length === 0,
        strict.map((v) => `${v.id}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`).join('; '));

    const shotPage = path.join(outDir, 'report-admin-page.png');
    await page.screenshot({ path: shotPage, fullPage: true });
    console.log(`     screenshot ${shotPage}`);

    // 6. In print: chrome and forms hidden, tables within the A4 text width.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: Math.round(A4_TEXT_MM * PX_PER_MM), height: 1100 });
    const hidden = await page.evaluate(() => ['.admin-header', '.admin-nav', '.report-forms', '.report-pick', '.report-status', '.site-footer']
        .map((s) => [s, [...document.querySelectorAll(s)].every((e) => getComputedStyle(e).display === 'none')]));
    check('print hides the back office around the report', hidden.every((h) => h[1]), JSON.stringify(hidden));
    const widths = await page.evaluate(() => [...document.querySelectorAll('.report-doc table')].map((t) => [t.id, t.scrollWidth, t.parentElement.clientWidth]));
    check('print: every table fits the A4 text width', widths.every(([, w, c]) => w <= c + 1), JSON.stringify(widths));
    const font = await page.evaluate(() => getComputedStyle(document.querySelector('.report-doc p')).fontSize);
    check('print: 12pt text', font === '16px', font);
    const shotPrint = path.join(outDir, 'report-print.png');
    await page.screenshot({ path: shotPrint, fullPage: true });
    console.log(`     screenshot ${shotPrint}`);
    const pdfPath = path.join(outDir, 'report.pdf');
    await page.pdf({ path: pdfPath, preferCSSPageSize: true });
    const pdf = fs.readFileSync(pdfPath, 'latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Math.round(+m[1]), Math.round(+m[2])]);
    check('print: the PDF pages are A4 (595 × 842 pt)', boxes.length > 0 && boxes.every(([w, h]) => w === 595 && h === 842), JSON.stringify(boxes.slice(0, 3)));
    check('print: the report takes at most 4 A4 pages', boxes.length <= 4, `${boxes.length} pages`);
    console.log(`     pdf ${pdfPath} (${boxes.length} pages)`);
    await page.emulateMedia({ media: 'screen' });

    check('no console errors, CSP violations or failed sub-resources', problems.length === 0, problems.slice(0, 5).join('; '));
    await ctx.close();
} catch (e) {
    check('the test ran to its end', false, String(e && e.stack || e));
} finally {
    await browser.close().catch(() => {});
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
