#!/usr/bin/env node
// End-to-end test of the demo's web page in Chromium:
//   node e2e/page.js http://127.0.0.1:7512/
// Opens the page, subscribes with a filter, writes a document through the page's form and checks
// that the page shows the notifications (scope in on create, scope out on an update that leaves the
// filter) and a subscriber count of 1. Exit code 0 on success, 1 on failure.
'use strict';

const assert = require('node:assert/strict');
const { chromium } = require('playwright-core');

const OVERALL_TIMEOUT_MS = 60000;
const STEP_TIMEOUT_MS = 10000;

const url = process.argv[2];
if (!url || !/^https?:\/\//.test(url)) {
  console.error('usage: node e2e/page.js http://127.0.0.1:<port>/');
  process.exit(2);
}

// A collection and a document id of our own, so other clients of the same server do not interfere.
const tag = Math.random().toString(36).slice(2, 10);
const collection = `page-e2e-${tag}`;
const docId = `doc-${tag}`;

let step = 'starting';

async function scenario(browser) {
  const page = await browser.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  step = `opening ${url}`;
  const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
  assert.ok(response && response.ok(), `GET ${url} answered ${response && response.status()}`);

  step = 'waiting for the page to connect (#status[data-state="connected"])';
  await page.waitForSelector('#status[data-state="connected"]');

  step = 'showing a bad filter as a plain error';
  await page.fill('#index', 'demo');
  await page.fill('#collection', collection);
  await page.fill('#filter', '{"equals": {"color": ');
  await page.click('#subscribe');
  await page.waitForSelector('#last-response[data-status="error"]');
  const badFilterText = await page.textContent('#last-response');
  assert.match(badFilterText, /not valid JSON/, `#last-response says: ${badFilterText}`);
  assert.equal(await page.locator('#subscriptions .subscription').count(), 0, 'a bad filter must not subscribe');

  step = 'subscribing with {"equals":{"color":"blue"}}';
  await page.fill('#filter', '{"equals":{"color":"blue"}}');
  await page.click('#subscribe');
  const subscription = page.locator('#subscriptions .subscription');
  await subscription.first().waitFor();
  assert.equal(await subscription.count(), 1, 'one subscription listed');
  const roomId = await subscription.getAttribute('data-room-id');
  assert.ok(roomId && roomId.length > 8, `data-room-id is set (${roomId})`);

  step = 'waiting for the subscriber count to show 1';
  await page.waitForFunction(() => {
    const count = document.querySelector('#subscriptions .subscription .count');
    return count && count.textContent.trim() === '1';
  });

  step = `creating document ${docId} (color blue) with the page's form`;
  await page.fill('#doc-index', 'demo');
  await page.fill('#doc-collection', collection);
  await page.fill('#doc-id', docId);
  await page.fill('#doc-body', '{"color": "blue", "name": "created by e2e/page.js"}');
  await page.click('#create');
  const created = page.locator('#notifications .notification[data-type="document"][data-scope="in"][data-action="create"]', { hasText: docId });
  step = `waiting for a document notification (scope in, action create) naming ${docId}`;
  await created.first().waitFor();
  assert.equal(await created.first().getAttribute('data-state'), 'done');

  step = `updating ${docId} out of the filter (color red)`;
  await page.fill('#doc-body', '{"color": "red"}');
  await page.click('#update');
  const left = page.locator('#notifications .notification[data-type="document"][data-scope="out"][data-action="update"]', { hasText: docId });
  step = `waiting for a document notification (scope out, action update) naming ${docId}`;
  await left.first().waitFor();

  step = 'checking the counters';
  const newest = await page.getAttribute('#notifications .notification:first-child', 'data-scope');
  assert.equal(newest, 'out', 'the newest notification is listed first');
  const received = Number(await page.textContent('#notification-count'));
  assert.ok(received >= 2, `#notification-count shows ${received}, expected at least 2`);
  assert.equal((await page.textContent('#subscriptions .subscription .count')).trim(), '1', 'subscriber count');
  const lastResponse = await page.getAttribute('#last-response', 'data-status');
  assert.equal(lastResponse, 'ok', `the update succeeded (#last-response: ${await page.textContent('#last-response')})`);

  step = 'unsubscribing';
  await page.click('#subscriptions .subscription .unsubscribe');
  await page.waitForFunction(() => document.querySelectorAll('#subscriptions .subscription').length === 0);

  assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
  return received;
}

async function main() {
  const hardStop = setTimeout(() => {
    console.error(`page test: FAILED, still running after ${OVERALL_TIMEOUT_MS / 1000 + 15} s (stuck while ${step})`);
    process.exit(1);
  }, OVERALL_TIMEOUT_MS + 15000);
  hardStop.unref();

  let browser;
  let timer;
  try {
    step = 'launching Chromium';
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${OVERALL_TIMEOUT_MS / 1000} s`)), OVERALL_TIMEOUT_MS);
    });
    const received = await Promise.race([scenario(browser), timeout]);
    console.log(`page test: OK (subscribed, saw create/in and update/out for ${docId}, count 1, ${received} notifications) at ${url}`);
    return 0;
  } catch (error) {
    const message = error && error.message ? error.message.split('\n')[0] : String(error);
    console.error(`page test: FAILED while ${step}: ${message}`);
    return 1;
  } finally {
    clearTimeout(timer);
    if (browser) await browser.close().catch(() => {});
  }
}

main().then((code) => process.exit(code));
