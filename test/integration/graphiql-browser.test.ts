/**
 * GraphiQL as a person uses it, in a real browser: Debian's Chromium driven by playwright-core.
 * The page loads with no request leaving the machine, the default tab runs against the demo data,
 * and the docs show the schema's descriptions. A screenshot lands in `docs/graphiql.png` (the README's).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SCREENSHOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/graphiql.png');

if (!hasChromium) {
  console.warn(
    `[graphiql-browser] skipped: no Chromium at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` ` +
      '(.ci/run does) or point CHROMIUM_PATH at one.',
  );
}

/** Waits until the element shows (GraphiQL renders after its bundle and the introspection load). */
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: 15_000 });

/** Monaco renders spaces as no-break spaces; the text as a person reads it. */
const readable = (text: string) => text.replace(/\u00a0/g, ' ');

describe.skipIf(!hasChromium)('GraphiQL in Chromium (skipped when /usr/bin/chromium is missing)', () => {
  let gateway: TestGateway;
  let browser: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const requested: string[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway();
    userDataDir = mkdtempSync(join(tmpdir(), 'graphiql-chromium-'));
    // A fresh profile each run (Playwright takes it as the persistent context's directory).
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(gateway.url, { waitUntil: 'load' });
  }, 45_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('loads with every asset served by the gateway: no request leaves the machine', async () => {
    await visible(page.locator('.graphiql-container').first());
    await visible(page.locator('.graphiql-query-editor .monaco-editor'));
    expect(requested.length).toBeGreaterThan(0);
    const elsewhere = requested.filter((url) => {
      const { protocol, hostname } = new URL(url);
      if (protocol === 'data:' || protocol === 'blob:') return false;
      return !['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
    });
    expect(elsewhere).toEqual([]);
  });

  it('opens on the example tabs and runs the default one against the demo data', async () => {
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    expect(await tabs.first().innerText()).toContain('SegmentsPage');

    // What the default tab answers over plain HTTP: the browser must render the same demo segment.
    // The tab's text is the app's, not a test document: its answer is read through zod.
    const expected = z
      .object({
        data: z.object({
          audienceSegments: z.object({ edges: z.array(z.object({ node: z.object({ name: z.string() }) })) }),
        }),
      })
      .parse(await gateway.query((await import('../../src/graphiql-tabs.js')).GRAPHIQL_TABS[0]?.query ?? ''));
    const first = expected.data.audienceSegments.edges[0]?.node.name ?? '';
    const demoNames = [...gateway.emulator.store.segments.values()]
      .filter((segment) => segment.attributes.advertiserId === '4949')
      .map((segment) => segment.attributes.name);
    expect(demoNames).toContain(first);

    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await expect
      .poll(async () => readable(await response.innerText()), { timeout: 15_000 })
      .toContain(`"name": "${first}"`);
    const shown = readable(await response.innerText());
    expect(shown).toContain('"audienceSegments"');
    expect(shown).toContain('"totalCount"');
    expect(shown).not.toContain('"errors"');
  });

  it('shows the schema docs with their descriptions', async () => {
    await page.locator('[aria-label="Show Documentation Explorer"]').click();
    const docs = page.locator('.graphiql-doc-explorer');
    await visible(docs);
    await docs.getByText('Query', { exact: true }).first().click();
    await visible(docs.getByText('One audience by id', { exact: false }).first());

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
