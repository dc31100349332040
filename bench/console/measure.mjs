// Measures the web console as a person meets it, with the browser's own
// timings (Debian's Chromium through playwright-core), against a running
// `lingting serve`: the JavaScript the sign-in page and the first queue
// load, how soon the queue's first rows show, how soon search results show
// after typing stops, how soon a case filed through the API appears in an
// open queue, how soon a case page with 500 interactions is interactive,
// and what 200 open live-update streams cost the server.
// Usage: node measure.mjs URL SERVER_PID  (bench/console_bench.sh runs it)
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [url, pidText] = process.argv.slice(2);
const pid = Number(pidText);
const email = 'qa@lingting.demo';
const password = 'lingting-demo';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const p95 = (values) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai' });
const page = await context.newPage();

// What scripts the page has loaded so far, as sent (compressed) and unpacked.
const scripts = () =>
  page.evaluate(() =>
    performance.getEntriesByType('resource')
      .filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'))
      .map((e) => ({ name: e.name.split('/').pop(), sent: e.encodedBodySize, size: e.decodedBodySize })),
  );

// 1. JavaScript for the sign-in page, then for the first queue.
await page.goto(`${url}/login`);
await page.getByRole('button', { name: '登录' }).waitFor();
const loginScripts = await scripts();
await page.getByLabel('邮箱').fill(email);
await page.getByLabel('密码').fill(password);
await page.getByRole('button', { name: '登录' }).click();
// The first queue (the user's own; it may be empty) with its table drawn.
await page.getByRole('heading', { name: '案件队列' }).waitFor({ timeout: 30000 });
await page.locator('.lt-queue-table').first().waitFor({ timeout: 30000 });
await page.waitForLoadState('networkidle');
const queueScripts = await scripts();
const sum = (list, key) => list.reduce((total, s) => total + s[key], 0);
// The same files as gzip would send them (the measure; Chromium takes brotli).
const gzipBytes = async (list) => {
  let total = 0;
  for (const s of list) {
    total += await new Promise((resolve, reject) => {
      http.get(`${url}/assets/${s.name}`, { headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk) => (bytes += chunk.length));
        response.on('end', () => resolve(bytes));
      }).on('error', reject);
    });
  }
  return total;
};
console.log(`javascript.login_page: ${kb(sum(loginScripts, 'sent'))} as sent (brotli), ${kb(await gzipBytes(loginScripts))} gzipped, ${kb(sum(loginScripts, 'size'))} unpacked, ${loginScripts.length} files`);
console.log(`javascript.login_and_first_queue: ${kb(sum(queueScripts, 'sent'))} as sent (brotli), ${kb(await gzipBytes(queueScripts))} gzipped, ${kb(sum(queueScripts, 'size'))} unpacked, ${queueScripts.length} files`);
for (const s of [...queueScripts].sort((a, b) => b.sent - a.sent).slice(0, 6)) {
  console.log(`  ${s.name}: ${kb(s.sent)} compressed, ${kb(s.size)} unpacked`);
}

// 2. Queue page: first rows visible after navigation (a full page load each time).
const firstRows = [];
for (let run = 0; run < 7; run++) {
  await page.goto(`${url}/queues/all`);
  const at = await page.waitForFunction(() => (document.querySelector('.lt-queue-row') ? performance.now() : 0), null, { polling: 'raf', timeout: 30000 });
  firstRows.push(await at.jsonValue());
}
console.log(`queue.first_rows_ms: median ${median(firstRows).toFixed(0)} (runs: ${firstRows.map((v) => v.toFixed(0)).join(', ')})`);

// 3. Search: from the last key typed to the results shown.
const words = ['开裂', '漏水', '异响', '不制冷', '起皮', '噪音', '变形'];
const searches = [];
for (const word of words) {
  await page.goto(`${url}/queues/all`);
  await page.locator('.lt-queue-row').first().waitFor();
  const before = await page.locator('.lt-queue-table tbody').innerText();
  const box = page.getByLabel('搜索主题或描述（支持中文）');
  await box.pressSequentially(word, { delay: 30 });
  const typed = await page.evaluate(() => performance.now());
  const shown = await page.waitForFunction(
    ([old, w]) => {
      const body = document.querySelector('.lt-queue-table tbody')?.textContent ?? '';
      const empty = document.querySelector('.lt-empty');
      return (body !== old && (body.includes(w) || empty)) ? performance.now() : 0;
    },
    [before, word],
    { polling: 'raf', timeout: 30000 },
  );
  searches.push((await shown.jsonValue()) - typed);
}
console.log(`queue.search_ms: median ${median(searches).toFixed(0)} (runs: ${searches.map((v) => v.toFixed(0)).join(', ')})`);

// 4. Scrolling through 200 rows: frames longer than 50 ms while scrolling.
await page.goto(`${url}/queues/all?sort=-received_at`);
await page.locator('.lt-queue-row').first().waitFor();
for (let i = 0; i < 3; i++) {
  const more = page.getByRole('button', { name: '加载更多' });
  if (await more.isVisible()) {
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('.lt-queue-row').length > n, 50 * (i + 1));
  }
}
const rows = await page.locator('.lt-queue-row').count();
const frames = await page.evaluate(async () => {
  const gaps = [];
  let last = performance.now();
  let running = true;
  const tick = (now) => {
    gaps.push(now - last);
    last = now;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const height = document.documentElement.scrollHeight;
  for (let y = 0; y < height; y += 120) {
    window.scrollTo(0, y);
    await new Promise((r) => requestAnimationFrame(r));
  }
  running = false;
  return { count: gaps.length, long: gaps.filter((g) => g > 50).length, worst: Math.max(...gaps) };
});
console.log(`queue.scroll: ${rows} rows, ${frames.count} frames, ${frames.long} longer than 50 ms, worst ${frames.worst.toFixed(0)} ms`);

// 5. A case filed through the API appears in an open queue view: p95 of 100.
const token = process.env.LINGTING_TOKEN;
await page.goto(`${url}/queues/all?sort=-received_at`);
await page.locator('.lt-queue-row').first().waitFor();
await page.getByText('实时更新').waitFor();
const arrivals = [];
for (let i = 0; i < 100; i++) {
  const subject = `基准测试到达 ${Date.now()}-${i}`;
  const sent = Date.now();
  const response = await fetch(`${url}/api/v1/cases`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ subject, customer: { name: '基准客户', phone: `139${String(10000000 + i).slice(-8)}` } }),
  });
  if (response.status !== 201) throw new Error(`filing failed: ${response.status} ${await response.text()}`);
  await page.getByText(subject).waitFor({ timeout: 10000 });
  arrivals.push(Date.now() - sent);
}
console.log(`live.case_appears_ms: p95 ${p95(arrivals)}, median ${median(arrivals)} (100 cases filed through the API)`);

// 6. A case page with 500 interactions: from navigation to the header, the
// step buttons, the timeline and the composer drawn, and a frame after that
// (the page answers input). Seven full page loads; the median.
const api = async (method, path, body) => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
};
const long = await api('POST', '/api/v1/cases', { subject: '基准测试：五百条往来的案件', customer: { name: '基准客户', phone: '13900000500' } });
const lines = ['客户来电询问处理进度，已告知正在调查。', '内部备注：样品已寄往品保部，等待分析结果。\n附件稍后补充。', 'The customer wrote again: the door seal still leaks after the visit.'];
for (let i = 0; i < 500; i++) {
  await api('POST', `/api/v1/cases/${long.id}/interactions`, {
    body: `${i + 1}. ${lines[i % lines.length]}`,
    visibility: i % 3 === 1 ? 'internal' : 'public',
    direction: i % 2 === 0 ? 'inbound' : 'outbound',
  });
}
const casePage = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai' });
const reader = await casePage.newPage();
await reader.goto(`${url}/login`);
await reader.getByLabel('邮箱').fill(email);
await reader.getByLabel('密码').fill(password);
await reader.getByRole('button', { name: '登录' }).click();
await reader.waitForURL((u) => !u.pathname.startsWith('/login'));
const interactive = [];
let drawn = 0;
for (let run = 0; run < 7; run++) {
  await reader.goto(`${url}/cases/${long.id}`);
  const at = await reader.waitForFunction(
    () =>
      document.querySelector('.lt-case-facts') && document.querySelector('.lt-steps') &&
      document.querySelectorAll('.lt-timeline .lt-entry').length > 0 && document.querySelector('.lt-composer-gap')
        ? new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))
        : 0,
    null,
    { polling: 'raf', timeout: 30000 },
  );
  interactive.push(await at.jsonValue());
  drawn = await reader.locator('.lt-timeline .lt-entry').count();
}
console.log(`case_page.interactive_ms: median ${median(interactive).toFixed(0)} (runs: ${interactive.map((v) => v.toFixed(0)).join(', ')}); ${drawn} timeline entries in the DOM for 500 interactions`);
await browser.close();

// 7. 200 open live-update streams: the server's resident memory before and after.
const cookieResponse = await fetch(`${url}/api/v1/session`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ email, password }),
});
const cookie = cookieResponse.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
await new Promise((r) => setTimeout(r, 1000));
const before = rssKb();
const streams = [];
for (let i = 0; i < 200; i++) {
  streams.push(await new Promise((resolve, reject) => {
    const request = http.get(`${url}/api/v1/events`, { headers: { Cookie: cookie, Accept: 'text/event-stream' }, agent: false }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`stream ${i}: ${response.statusCode}`));
      response.on('data', () => undefined);
      resolve(request);
    });
    request.on('error', reject);
  }));
}
await new Promise((r) => setTimeout(r, 2000));
const after = rssKb();
console.log(`live.streams_200_extra_memory: ${((after - before) / 1024).toFixed(1)} MB (RSS ${(before / 1024).toFixed(1)} → ${(after / 1024).toFixed(1)} MB)`);
for (const request of streams) request.destroy();
