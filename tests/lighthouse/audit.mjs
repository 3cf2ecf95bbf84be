// Lighthouse on the reader pages, driven from tests/lighthouse/run.py (`make check-lighthouse`).
//
//   node tests/lighthouse/audit.mjs NODE_MODULES JOBS.json REPORT_DIR
//
// One Chromium (CHROME_PATH, headless) for every job, so a run costs one browser start.
// A job is {key, url, categories, snapshot?, refuse?}: a navigation (Lighthouse loads the URL
// itself, mobile emulation, storage cleared), or a snapshot of the page as it stands after we
// loaded it. Snapshots are for what a navigation cannot audit: a 404 (Lighthouse gives up on
// a page that does not answer 200) and, with `refuse`, the page after the reader posted a
// comment the site refuses -- the form is filled and sent first, as a reader with JavaScript
// does. Snapshot mode runs the audits that need no page load (all accessibility ones).
// Prints one JSON line per job: {key, scores: {category: 0..1}, failing: [{id, title}]}.

import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';

const [nodeModules, jobsPath, reportDir] = process.argv.slice(2);
const load = (entry) => import(pathToFileURL(join(nodeModules, entry)).href);
const {navigation, snapshot} = await load('lighthouse/core/index.js');
const puppeteer = (await load('puppeteer-core/lib/esm/puppeteer/puppeteer-core.js')).default;

const jobs = JSON.parse(readFileSync(jobsPath, 'utf8'));
mkdirSync(reportDir, {recursive: true});
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

try {
  for (const job of jobs) {
    const page = await browser.newPage();
    const flags = {onlyCategories: job.categories, logLevel: 'error'};
    let result;
    if (job.snapshot) {
      await page.goto(job.url, {waitUntil: 'load'});
    }
    if (job.refuse) {
      await page.type('#id_name', job.refuse.name);
      await page.type('#id_text', job.refuse.text);
      await sleep(job.refuse.waitMs);  // the form's time trap
      await page.click('form.comment-form button[type=submit]');
      await page.waitForFunction(
        () => (document.querySelector('#comment-text-error')?.textContent || '').trim() !== '',
        {timeout: 15000});
    }
    if (job.snapshot) {
      result = await snapshot(page, {flags});
    } else {
      result = await navigation(page, job.url, {flags});
    }
    const lhr = result.lhr;
    writeFileSync(join(reportDir, `${job.key}.json`), JSON.stringify(lhr, null, 1));
    const scores = {};
    const failing = [];
    for (const [id, category] of Object.entries(lhr.categories)) {
      scores[id] = category.score;
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push({category: id, id: ref.id, title: audit.title});
        }
      }
    }
    const runtimeError = lhr.runtimeError ? lhr.runtimeError.message : null;
    console.log(JSON.stringify({key: job.key, scores, failing, runtimeError}));
    await page.close();
  }
} finally {
  await browser.close();
}
