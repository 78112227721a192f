// The web console in a real browser (Debian's chromium, driven by playwright-core), against the all-in-one node.
// Run by AllInOneNodeIT with the node up; prints "PASS <case>" / "FAIL <case>: <why>" and FIGURE lines, exits
// non-zero when a case failed. Screenshots of every view go to OA_SHOTS.
//   OA_BASE          the node, e.g. http://127.0.0.1:8080
//   OA_SIGNIN_LINK   the console sign-in link bin/run printed (an admin token in the fragment)
//   OA_VIEWER_TOKEN  a viewer's token, to paste
//   OA_RABBIT        RabbitMQ's management API, e.g. http://127.0.0.1:15672 (guest/guest), to publish a heartbeat
//   OA_SHOTS         where screenshots go
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';

const env = (name) => {
    const value = process.env[name];
    if (!value) throw new Error(name + ' is not set');
    return value;
};
const BASE = env('OA_BASE');
const SHOTS = env('OA_SHOTS');
mkdirSync(SHOTS, { recursive: true });
const failures = [];

async function check(name, body) {
    try {
        await body();
        console.log('PASS ' + name);
    } catch (e) {
        failures.push(name);
        console.log('FAIL ' + name + ': ' + (e && e.message ? e.message.split('\n')[0] : e));
    }
}

function assert(condition, message) {
    if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const bytes = { total: 0 };

try {
    const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await admin.newPage();
    const offsite = [];
    page.on('request', (r) => {
        if (!r.url().startsWith(BASE) && !r.url().startsWith('data:')) offsite.push(r.url());
    });
    page.on('response', async (r) => {
        if (r.url().includes('/console/')) {
            const body = await r.body().catch(() => Buffer.alloc(0));
            bytes.total += body.length;
        }
    });

    await check('sign in through the printed link; the token leaves the address bar and localStorage', async () => {
        const started = Date.now();
        await page.goto(env('OA_SIGNIN_LINK'));
        await page.locator('li[data-exchange="AWS"]').waitFor({ timeout: 15000 });
        console.log('FIGURE console first view (sign-in link to the geography tree): ' + (Date.now() - started) + ' ms');
        assert(!page.url().includes('token='), 'the token is still in the address bar: ' + page.url());
        const stored = await page.evaluate(() => JSON.stringify(localStorage));
        assert(stored === '{}', 'localStorage holds ' + stored);
    });

    await check('the seed geographies with their routing keys', async () => {
        for (const [name, key] of [['AWS', 'aws'], ['US-EAST-1', 'aws.us-east-1'], ['US-WEST-1', 'aws.us-west-1']]) {
            const text = await page.locator(`li[data-exchange="${name}"] .routing-key`).first().textContent();
            assert(text === key, name + ' shows routing key ' + text);
        }
        await page.locator('#drift p').waitFor({ timeout: 15000 });
        await page.screenshot({ path: SHOTS + '/geographies.png', fullPage: true });
    });

    await check('the node\'s modules are listed active', async () => {
        await page.goto(BASE + '/console/#/modules?exchange=US-EAST-1');
        for (const type of ['manager', 'workflow_orchestrator', 'builder', 'deployer', 'deploy_oa', 'fleet_manager',
            'notifications', 'overseer']) {
            await page.locator(`tr[data-hostname$=":${type}"]:not(.inactive)`).first().waitFor({ timeout: 20000 });
        }
        await page.screenshot({ path: SHOTS + '/modules.png', fullPage: true });
    });

    await check('a heartbeat of a new module appears without reloading', async () => {
        const hostname = 'console-it-' + Math.random().toString(16).slice(2, 10);
        const published = Date.now();
        const response = await fetch(env('OA_RABBIT') + '/api/exchanges/%2F/AWS/publish', {
            method: 'POST',
            headers: { 'Authorization': 'Basic ' + Buffer.from('guest:guest').toString('base64'),
                'Content-Type': 'application/json' },
            body: JSON.stringify({
                properties: { delivery_mode: 2, content_type: 'application/json', message_id: hostname },
                routing_key: 'aws.us-east-1.system_modules', payload_encoding: 'string',
                payload: JSON.stringify({ event_type: 'status', hostname, type: 'builder', status: 'active', workload: [] }),
            }),
        });
        assert(response.ok && (await response.json()).routed, 'the heartbeat was not routed');
        await page.locator(`tr[data-hostname="${hostname}"]`).waitFor({ timeout: 15000 });
        console.log('FIGURE modules view behind live: ' + (Date.now() - published) + ' ms from publish to shown');
    });

    let deployed;
    await check('deploy the sample from the console; build-log lines arrive before the workflow ends', async () => {
        await page.goto(BASE + '/console/#/workflows');
        await page.locator('#deploy input[name="repo"]').fill('examples/hello');
        await page.locator('#deploy button[type="submit"]').click();
        await page.waitForURL(/#\/workflows\/[0-9a-f-]{36}$/, { timeout: 15000 });
        deployed = page.url().split('/').pop();
        const firstLine = Date.now();
        await page.locator('#build-log', { hasText: 'building examples/hello' }).waitFor({ timeout: 60000 });
        const stateWhenLogged = await page.locator('#workflow-state').textContent();
        console.log('FIGURE build log line shown ' + (Date.now() - firstLine) + ' ms after the deploy was submitted');
        assert(!/completed|failed/.test(stateWhenLogged), 'the log came only after the end: ' + stateWhenLogged);
        await page.screenshot({ path: SHOTS + '/workflow-building.png', fullPage: true });
        await page.locator('#workflow-state', { hasText: 'completed' }).waitFor({ timeout: 90000 });
        await page.screenshot({ path: SHOTS + '/workflow-completed.png', fullPage: true });
        await page.goto(BASE + '/console/#/workflows');
        await page.locator(`tr[data-workflow="${deployed}"]`).waitFor({ timeout: 10000 });
        await page.screenshot({ path: SHOTS + '/workflows.png', fullPage: true });
    });

    await check('system events are listed with assign and dismiss', async () => {
        await page.goto(BASE + '/console/#/events');
        await page.locator('#events').waitFor({ timeout: 10000 });
        await page.screenshot({ path: SHOTS + '/events.png', fullPage: true });
    });

    await check('brokers show their connections, the password never; a restricted exchange names its broker', async () => {
        const suffix = Math.random().toString(16).slice(2, 8);
        const headers = { 'Authorization': 'Bearer ' + env('OA_SIGNIN_LINK').split('#token=')[1],
            'Content-Type': 'application/json' };
        const call = async (method, path, body) => {
            const response = await fetch(BASE + path, { method, headers, body: body && JSON.stringify(body) });
            if (!response.ok) throw new Error(method + ' ' + path + ' answered ' + response.status + ': '
                + await response.text());
            return response;
        };
        const created = async (path, body) => Number((await call('POST', path, body)).headers.get('location')
            .split('/').pop());
        const aws = (await (await call('GET', '/messaging/exchanges')).json()).find((e) => e.name === 'AWS');
        const broker = await created('/messaging/brokers', { name: 'console-' + suffix });
        const exchange = await created('/messaging/exchanges', { name: 'CONSOLE-' + suffix,
            routing_key_fragment: 'console-' + suffix, parent_exchange_id: aws.id });
        try {
            await call('POST', '/messaging/exchanges/' + exchange + '/brokers', { messaging_broker_id: broker });
            await page.goto(BASE + '/console/#/geographies');
            await page.locator(`li[data-exchange="CONSOLE-${suffix}"] .restrictions`,
                { hasText: 'only through console-' + suffix }).waitFor({ timeout: 15000 });
            const row = page.locator(`tr[data-broker="console-${suffix}"]`);
            const password = 'pw-' + suffix;
            await row.locator('input[name="host"]').fill('127.0.0.1');
            await row.locator('input[name="port"]').fill('5999');
            await row.locator('input[name="username"]').fill('console');
            await row.locator('input[name="password"]').fill(password);
            await row.locator('button[type="submit"]').click();
            await page.locator(`tr[data-broker="console-${suffix}"] td.connections`,
                { hasText: 'console@127.0.0.1:5999' }).waitFor({ timeout: 15000 });
            const shown = await page.locator(`tr[data-broker="console-${suffix}"] td.connections`).textContent();
            assert(/password set, not shown/.test(shown), 'the connection shown: ' + shown);
            assert(!(await page.content()).includes(password), 'the password is on the page');
            await page.screenshot({ path: SHOTS + '/brokers.png', fullPage: true });
        } finally {
            await call('DELETE', '/messaging/exchanges/' + exchange + '/brokers');
            await call('DELETE', '/messaging/exchanges/' + exchange);
            await call('DELETE', '/messaging/brokers/' + broker);
        }
    });

    await check('no request left the node (no CDN, no other host)', async () => {
        assert(offsite.length === 0, 'requests elsewhere: ' + offsite.join(', '));
    });
    console.log('FIGURE console page weight (html, css, js as served): ' + bytes.total + ' bytes');

    // A viewer pastes a token: reads everything, is offered no action.
    const viewer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const viewerPage = await viewer.newPage();
    await check('a viewer who pastes a token sees no Apply, Deploy, Execute or Cancel', async () => {
        await viewerPage.goto(BASE + '/console/');
        await viewerPage.locator('#token').fill(env('OA_VIEWER_TOKEN'));
        await viewerPage.locator('#signin').click();
        await viewerPage.locator('li[data-exchange="AWS"]').waitFor({ timeout: 15000 });
        await viewerPage.locator('#drift p').waitFor({ timeout: 15000 });
        assert(await viewerPage.locator('#apply').count() === 0, 'Apply shown to a viewer');
        await viewerPage.goto(BASE + '/console/#/workflows');
        await viewerPage.locator('#workflows').waitFor();
        assert(await viewerPage.locator('#deploy').count() === 0, 'Deploy shown to a viewer');
        if (deployed) {
            await viewerPage.goto(BASE + '/console/#/workflows/' + deployed);
            await viewerPage.locator('#workflow-state').waitFor();
            assert(await viewerPage.locator('#workflow-actions button').count() === 0, 'actions shown to a viewer');
        }
        await viewerPage.screenshot({ path: SHOTS + '/viewer.png', fullPage: true });
    });

    // Forced: a page that believes the viewer is an admin offers Deploy; the server refuses, and says why.
    const forced = await browser.newContext();
    await forced.addInitScript(() => {
        const decode = window.atob;
        window.atob = (s) => decode(s).replace(/"groups":\[[^\]]*\]/, '"groups":["admin"]');
    });
    const forcedPage = await forced.newPage();
    await check('a 403 forced by a viewer is shown in words, naming the roles needed', async () => {
        await forcedPage.goto(BASE + '/console/');
        await forcedPage.locator('#token').fill(env('OA_VIEWER_TOKEN'));
        await forcedPage.locator('#signin').click();
        await forcedPage.goto(BASE + '/console/#/workflows');
        await forcedPage.locator('#deploy input[name="repo"]').fill('examples/hello');
        await forcedPage.locator('#deploy button[type="submit"]').click();
        const problem = forcedPage.locator('#problem');
        await problem.waitFor({ state: 'visible', timeout: 10000 });
        const text = await problem.textContent();
        assert(/403/.test(text) && /operator|admin/.test(text), 'the problem shown: ' + text);
        await forcedPage.screenshot({ path: SHOTS + '/forbidden.png', fullPage: true });
    });

    await check('an expired or foreign token sends the person back to sign in, saying why', async () => {
        const stale = await browser.newContext();
        const stalePage = await stale.newPage();
        await stalePage.goto(BASE + '/console/');
        await stalePage.locator('#token').fill('eyJhbGciOiJSUzI1NiJ9.eyJncm91cHMiOlsiYWRtaW4iXX0.c2lnbmF0dXJl');
        await stalePage.locator('#signin').click();
        await stalePage.locator('#signin-reason').waitFor({ timeout: 10000 });
        const reason = await stalePage.locator('#signin-reason').textContent();
        assert(/401/.test(reason), 'the reason shown: ' + reason);
    });
} finally {
    await browser.close();
}
writeFileSync(SHOTS + '/result.txt', failures.length ? 'FAILED: ' + failures.join(', ') : 'PASSED');
process.exit(failures.length ? 1 : 0);
