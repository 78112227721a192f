// The OpenAperture web console: the Manager API seen in a browser, with the signed-in person's bearer token.
// No framework and nothing fetched from elsewhere: this file, the page and its stylesheet are all there is.
// The token lives in this tab's sessionStorage only (never localStorage, never in the address bar).

const TOKEN_KEY = 'openaperture.console.token';
const POLL_MS = 2000;
const main = document.getElementById('main');
const problemBox = document.getElementById('problem');
let stopCurrentView = () => {};

// ---- session ---------------------------------------------------------------------------------------------

function token() {
    return sessionStorage.getItem(TOKEN_KEY);
}

function claims(jwt) {
    try {
        const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
        return JSON.parse(atob(part.padEnd(part.length + (4 - part.length % 4) % 4, '=')));
    } catch (e) {
        return null;
    }
}

function roles() {
    const c = token() && claims(token());
    return new Set((c && c.groups) || []);
}

const can = {
    operate: () => roles().has('operator') || roles().has('admin'),
    administer: () => roles().has('admin'),
};

/** A sign-in link carries the token in the fragment (#token=...): taken, stored, and removed from the address bar. */
function takeTokenFromAddress() {
    const match = location.hash.match(/^#token=([^&]+)/);
    if (match) {
        sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
        history.replaceState(null, '', location.pathname + '#/geographies');
    }
}

function signOut(reason) {
    sessionStorage.removeItem(TOKEN_KEY);
    location.hash = '#/signin' + (reason ? '?reason=' + encodeURIComponent(reason) : '');
}

// ---- API -------------------------------------------------------------------------------------------------

class Problem extends Error {
    constructor(status, detail) {
        super(detail);
        this.status = status;
    }
}

async function api(method, path, body) {
    const headers = { 'Authorization': 'Bearer ' + token(), 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
        response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
        throw new Problem(0, 'The Manager does not answer: ' + e.message);
    }
    if (response.status === 401) {
        signOut('Your sign-in is missing, expired or not accepted by this Manager (401). Sign in again.');
        throw new Problem(401, 'not signed in');
    }
    const text = await response.text();
    const json = text ? safeJson(text) : null;
    if (!response.ok) {
        const detail = (json && (json.detail || json.title)) || (response.status + ' ' + response.statusText);
        throw new Problem(response.status, response.status === 403 ? 'Not allowed (403): ' + detail : detail);
    }
    return { json, location: response.headers.get('Location') };
}

function safeJson(text) {
    try {
        return JSON.parse(text);
    } catch (e) {
        return null;
    }
}

const get = async (path) => (await api('GET', path)).json;
const items = (page) => (Array.isArray(page) ? page : (page && page.items) || []);

function showProblem(e) {
    if (e instanceof Problem && e.status === 401) return;
    problemBox.textContent = e.message;
    problemBox.hidden = false;
}

function clearProblem() {
    problemBox.hidden = true;
    problemBox.textContent = '';
}

/** Runs an action a button asked for; what went wrong is shown in words. */
async function act(work) {
    clearProblem();
    try {
        await work();
    } catch (e) {
        showProblem(e);
    }
}

// ---- DOM -------------------------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
        if (v === undefined || v === null || v === false) continue;
        if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
        else if (k === 'class') el.className = v;
        else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
        if (c === undefined || c === null || c === false) continue;
        el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
}

function render(...nodes) {
    main.replaceChildren(...nodes);
}

let routeSeq = 0;

/**
 * What a view draws with: a view still loading when the person moves on must not draw over the next view, so
 * its drawings are dropped once another route started. Called first thing in a view, before any await.
 */
function drawer() {
    const mine = routeSeq;
    return (...nodes) => {
        if (mine === routeSeq) main.replaceChildren(...nodes);
    };
}

function table(headings, rows) {
    return h('table', {}, h('thead', {}, h('tr', {}, headings.map((t) => h('th', {}, t)))), h('tbody', {}, rows));
}

/** Calls {@code tick} now and every {@code ms} until the view changes. */
function every(ms, tick) {
    let stopped = false;
    let timer;
    const run = async () => {
        if (stopped) return;
        try {
            await tick();
        } catch (e) {
            showProblem(e);
        }
        if (!stopped) timer = setTimeout(run, ms);
    };
    run();
    return () => {
        stopped = true;
        clearTimeout(timer);
    };
}

// ---- views -----------------------------------------------------------------------------------------------

function signInView(params) {
    const reason = params.get('reason');
    const area = h('textarea', { id: 'token', placeholder: 'eyJhbGciOi…', autocomplete: 'off', spellcheck: 'false' });
    render(h('section', { class: 'signin' },
        h('h1', {}, 'Sign in'),
        reason ? h('p', { class: 'bad', id: 'signin-reason' }, reason) : null,
        h('p', {}, 'Open the sign-in link that ', h('code', {}, 'bin/run'), ' prints, or paste a bearer token (',
            h('code', {}, 'bin/token viewer'), ', ', h('code', {}, 'operator'), ' or ', h('code', {}, 'admin'), '):'),
        area,
        h('div', { class: 'actions' }, h('button', {
            class: 'primary', id: 'signin', type: 'button', onclick: () => {
                const value = area.value.trim();
                if (!claims(value)) {
                    render(h('p', { class: 'bad' }, 'That is not a token.'));
                    setTimeout(() => signInView(new URLSearchParams()), 1500);
                    return;
                }
                sessionStorage.setItem(TOKEN_KEY, value);
                location.hash = '#/geographies';
            },
        }, 'Sign in'))));
    return () => {};
}

async function geographiesView() {
    const draw = drawer();
    const [exchanges, brokers] = await Promise.all([get('/messaging/exchanges'), get('/messaging/brokers')]);
    const byId = new Map(exchanges.map((e) => [e.id, e]));
    const brokerName = (id) => (brokers.find((b) => b.id === id) || { name: '#' + id }).name;
    // The tree and the broker table are drawn at once; restrictions and connections fill in as they arrive.
    const fillIns = [];
    const fillIn = (element, path, fill) => {
        fillIns.push(get(path).catch(() => []).then((list) => element.replaceChildren(...fill(list))));
        return element;
    };
    const restrictions = (e) => fillIn(h('span', { class: 'muted restrictions' }),
        '/messaging/exchanges/' + e.id + '/brokers',
        (list) => list.length ? ['only through ', list.map((r) => brokerName(r.messaging_broker_id)).join(', ')] : []);
    const tree = (parent) => {
        const children = exchanges.filter((e) => (e.parent_exchange_id ?? null) === parent);
        if (!children.length) return null;
        return h('ul', { class: 'tree' }, children.map((e) => h('li', { 'data-exchange': e.name },
            h('span', { class: 'node' },
                h('strong', {}, e.name),
                h('span', { class: 'muted' }, 'fragment ', h('code', {}, e.routing_key_fragment)),
                h('span', {}, 'routing key ', h('code', { class: 'routing-key' }, e.routing_key)),
                e.failover_exchange_id ? h('span', { class: 'warn' }, 'fails over to ',
                    (byId.get(e.failover_exchange_id) || {}).name || '#' + e.failover_exchange_id) : null,
                restrictions(e)),
            tree(e.id))));
    };
    const brokerRows = brokers.map((b) => h('tr', { 'data-broker': b.name },
        h('td', {}, b.name),
        h('td', {}, b.failover_broker_id ? brokerName(b.failover_broker_id) : h('span', { class: 'muted' }, '—')),
        fillIn(h('td', { class: 'connections' }), '/messaging/brokers/' + b.id + '/connections',
            (connections) => connections.map((c) => h('div', { class: 'mono' },
                (c.username || '') + '@' + c.host + ':' + c.port + (c.virtual_host ? ' vhost ' + c.virtual_host : ''),
                ' ', h('span', { class: 'muted' }, 'password set, not shown')))),
        h('td', {}, can.administer() ? connectionForm(b) : null)));
    const drift = h('div', { id: 'drift' }, h('span', { class: 'muted' }, 'Comparing with the broker…'));
    draw(h('h1', {}, 'Geographies'),
        exchanges.length ? tree(null) : h('p', { class: 'muted' }, 'No exchanges yet.'),
        h('h2', {}, 'Brokers'),
        brokers.length ? table(['Broker', 'Fails over to', 'Connections', ''], brokerRows)
            : h('p', { class: 'muted' }, 'No brokers in the model: nodes use their own configured broker.'),
        h('h2', {}, 'Topology against the live broker'), drift);
    await Promise.all([showDrift(drift), ...fillIns]);
    return () => {};
}

function connectionForm(broker) {
    const field = (name, type, placeholder) => h('input', { name, type, placeholder, size: 10, required: true });
    const form = h('form', { class: 'inline' },
        field('host', 'text', 'host'), field('port', 'number', 'port'), field('username', 'text', 'user'),
        field('password', 'password', 'password'),
        h('button', { type: 'submit' }, 'Add connection'));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const data = Object.fromEntries(new FormData(form));
        data.port = Number(data.port);
        act(async () => {
            await api('POST', '/messaging/brokers/' + broker.id + '/connections', data);
            route();
        });
    });
    return form;
}

async function showDrift(box) {
    try {
        const d = await get('/messaging/topology/drift');
        const count = (defs) => defs ? ['exchanges', 'queues', 'bindings']
            .reduce((n, k) => n + ((defs[k] || []).length), 0) : 0;
        const missing = count(d.missing);
        box.replaceChildren(...[
            d.in_sync ? h('p', { class: 'ok' }, 'In sync: the broker has everything the model implies.')
                : h('p', { class: 'warn' }, missing + ' missing, ' + count(d.extra) + ' extra, '
                    + (d.different || []).length + ' different.'),
            missing && can.administer() ? h('button', {
                class: 'primary', id: 'apply', type: 'button',
                onclick: () => act(async () => {
                    await api('POST', '/messaging/topology/apply');
                    await showDrift(box);
                }),
            }, 'Apply') : null].filter(Boolean));
    } catch (e) {
        box.replaceChildren(h('p', { class: 'bad' }, e.message));
    }
}

async function modulesView(params) {
    const draw = drawer();
    const exchanges = await get('/messaging/exchanges');
    const chosen = params.get('exchange') || (exchanges.find((e) => e.name === 'US-EAST-1') || exchanges[0] || {}).name;
    const select = h('select', {
        id: 'exchange', onchange: () => {
            location.hash = '#/modules?exchange=' + encodeURIComponent(select.value);
        },
    }, exchanges.map((e) => h('option', { value: e.name, selected: e.name === chosen }, e.name)));
    const body = h('tbody', {});
    const stamp = h('span', { class: 'muted', id: 'refreshed' });
    draw(h('h1', {}, 'Modules'), h('form', { class: 'inline' }, h('label', {}, 'Exchange', select), stamp),
        h('table', { id: 'modules' }, h('thead', {}, h('tr', {},
            ['Hostname', 'Type', 'Version', 'Status', 'Last heartbeat'].map((t) => h('th', {}, t)))), body));
    const exchange = exchanges.find((e) => e.name === chosen);
    if (!exchange) return () => {};
    return every(POLL_MS, async () => {
        const modules = items(await get('/messaging/exchanges/' + exchange.id + '/modules?per_page=500'));
        body.replaceChildren(...modules.map((m) => h('tr', {
            class: m.status === 'active' ? null : 'inactive', 'data-hostname': m.hostname,
        },
            h('td', { class: 'mono' }, m.hostname), h('td', {}, m.type),
            h('td', {}, m.version || h('span', { class: 'muted' }, '—')),
            h('td', {}, h('span', { class: 'badge ' + (m.status === 'active' ? 'ok' : 'warn') }, m.status)),
            h('td', { class: 'muted' }, m.updated_at))));
        stamp.textContent = modules.length + ' modules, as of ' + new Date().toLocaleTimeString();
    });
}

function progress(w) {
    const done = new Set(Object.keys(w.workflow_step_durations || {}));
    return h('div', { class: 'progress', title: (w.milestones || []).join(' → ') }, (w.milestones || []).map((m) => {
        let state = '';
        if (done.has(m) && !(w.workflow_error && w.current_step === m)) state = 'done';
        if (w.current_step === m && !w.workflow_completed) state = 'running';
        if (w.workflow_error && (w.current_step === m || (done.has(m) && m === lastOf(w, done)))) state = 'failed';
        return h('span', { class: state, title: m });
    }));
}

function lastOf(w, done) {
    return (w.milestones || []).filter((m) => done.has(m)).pop();
}

function stateOf(w) {
    if (!w.workflow_completed) return w.current_step ? h('span', { class: 'badge' }, 'running ' + w.current_step)
        : h('span', { class: 'badge muted' }, 'pending');
    return w.workflow_error ? h('span', { class: 'badge bad' }, 'failed') : h('span', { class: 'badge ok' }, 'completed');
}

async function workflowsView(params) {
    const draw = drawer();
    const repo = params.get('repo') || '';
    const state = params.get('state') || '';
    const lookback = params.get('lookback') || '24';
    const filters = h('form', { class: 'inline', id: 'filters' },
        h('label', {}, 'Repository', h('input', { name: 'repo', value: repo, placeholder: 'org/app' })),
        h('label', {}, 'State', h('select', { name: 'state' },
            [['', 'any'], ['running', 'running'], ['completed', 'completed']].map(([v, t]) =>
                h('option', { value: v, selected: v === state }, t)))),
        h('label', {}, 'Lookback (hours)', h('input', { name: 'lookback', type: 'number', min: 0, value: lookback })),
        h('button', { type: 'submit' }, 'Filter'));
    filters.addEventListener('submit', (event) => {
        event.preventDefault();
        location.hash = '#/workflows?' + new URLSearchParams(new FormData(filters)).toString();
    });
    const body = h('tbody', {});
    draw(h('h1', {}, 'Workflows'), can.operate() ? deployForm() : null, filters,
        h('table', { id: 'workflows' }, h('thead', {}, h('tr', {},
            ['Workflow', 'Deployment repo', 'Milestones', 'State', 'Started'].map((t) => h('th', {}, t)))), body));
    const query = new URLSearchParams({ per_page: '50', lookback });
    if (repo) query.set(repo.endsWith('_docker') ? 'deployment_repo' : 'source_repo', repo);
    if (state) query.set('completed', state === 'completed' ? 'true' : 'false');
    return every(POLL_MS, async () => {
        const list = items(await get('/workflows?' + query));
        body.replaceChildren(...list.map((w) => h('tr', { 'data-workflow': w.id },
            h('td', {}, h('a', { href: '#/workflows/' + w.id, class: 'mono' }, w.id.slice(0, 8))),
            h('td', {}, w.deployment_repo || '—'), h('td', {}, progress(w)), h('td', {}, stateOf(w)),
            h('td', { class: 'muted' }, w.inserted_at))));
    });
}

function deployForm() {
    const form = h('form', { class: 'inline', id: 'deploy' },
        h('label', {}, 'Source repository', h('input', { name: 'repo', placeholder: 'examples/hello', required: true })),
        h('label', {}, 'Milestones', h('input', { name: 'milestones', value: 'config,build,deploy' })),
        h('button', { class: 'primary', type: 'submit' }, 'Deploy'));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const data = Object.fromEntries(new FormData(form));
        act(async () => {
            const created = await api('POST', '/workflows', {
                source_repo: data.repo, source_repo_git_ref: 'master',
                deployment_repo: data.repo + '_docker', deployment_repo_git_ref: 'master',
                milestones: data.milestones.split(',').map((m) => m.trim()).filter(Boolean),
            });
            const id = created.location.split('/').pop();
            await api('POST', '/workflows/' + id + '/execute', {});
            location.hash = '#/workflows/' + id;
        });
    });
    return form;
}

async function workflowView(id) {
    const draw = drawer();
    const log = h('pre', { class: 'log', id: 'build-log' });
    const summary = h('div', { id: 'summary' });
    const events = h('ol', { id: 'event-log', class: 'mono' });
    const buttons = h('div', { class: 'actions', id: 'workflow-actions' });
    draw(h('h1', {}, 'Workflow ', h('span', { class: 'mono' }, id)), summary, buttons,
        h('h2', {}, 'Build log (live)'), log, h('h2', {}, 'Event log'), events);
    const logs = followBuildLog(id, log);
    const stopPolling = every(1000, async () => {
        const w = await get('/workflows/' + id);
        summary.replaceChildren(table(['State', 'Milestones', 'Waiting for', 'Step durations', 'Took'], [h('tr', {},
            h('td', { id: 'workflow-state' }, stateOf(w)), h('td', {}, progress(w), (w.milestones || []).join(' → ')),
            h('td', {}, w.waiting_for || '—'),
            h('td', {}, Object.entries(w.workflow_step_durations || {}).map(([k, v]) => h('div', {}, k + ': ' + v))),
            h('td', {}, w.workflow_duration || w.elapsed_workflow_time || '—'))]));
        events.replaceChildren(...(w.event_log || []).map((line) => h('li', {}, line)));
        buttons.replaceChildren(...(can.operate() ? [
            !w.current_step && !w.workflow_completed ? h('button', {
                class: 'primary', id: 'execute', type: 'button',
                onclick: () => act(() => api('POST', '/workflows/' + id + '/execute', {})),
            }, 'Execute') : null,
            w.workflow_completed && w.workflow_error ? h('button', {
                id: 'retry', type: 'button', onclick: () => act(() => api('POST', '/workflows/' + id + '/retry', {})),
            }, 'Retry') : null,
            !w.workflow_completed ? h('button', {
                class: 'danger', id: 'cancel', type: 'button',
                onclick: () => act(() => api('POST', '/workflows/' + id + '/cancel', {})),
            }, 'Cancel') : null,
        ].filter(Boolean) : []));
    });
    return () => {
        stopPolling();
        logs.abort();
    };
}

/** The build log over server-sent events, read with fetch so that the request carries the bearer token. */
function followBuildLog(id, into) {
    const controller = new AbortController();
    (async () => {
        const response = await fetch('/workflows/' + id + '/build_logs', {
            headers: { 'Authorization': 'Bearer ' + token(), 'Accept': 'text/event-stream' },
            signal: controller.signal,
        });
        if (!response.ok || !response.body) {
            into.textContent = 'The build log is not available (' + response.status + ').';
            return;
        }
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
                const event = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
                const payload = data && safeJson(data);
                if (payload && payload.logs) {
                    into.append(payload.logs.join('\n') + '\n');
                    into.scrollTop = into.scrollHeight;
                }
            }
        }
    })().catch((e) => {
        if (e.name !== 'AbortError') into.append('(the build log stream ended: ' + e.message + ')\n');
    });
    return controller;
}

async function eventsView() {
    const draw = drawer();
    const me = await get('/users/me');
    const body = h('tbody', {});
    draw(h('h1', {}, 'System events'), h('table', { id: 'events' }, h('thead', {}, h('tr', {},
        ['When', 'Type', 'Severity', 'Message', 'Assignee', ''].map((t) => h('th', {}, t)))), body));
    return every(POLL_MS * 2, async () => {
        const list = items(await get('/system_events?per_page=100&dismissed=false'));
        body.replaceChildren(...list.map((e) => h('tr', { 'data-event': e.id },
            h('td', { class: 'muted' }, e.inserted_at), h('td', {}, e.type),
            h('td', { class: e.severity === 'error' ? 'bad' : 'warn' }, e.severity),
            h('td', {}, e.message), h('td', {}, e.assignee_id ? '#' + e.assignee_id : '—'),
            h('td', {}, can.operate() ? [
                h('button', {
                    type: 'button', class: 'assign',
                    onclick: () => act(() => api('POST', '/system_events/' + e.id + '/assign', { assignee_id: me.id })),
                }, 'Assign to me'), ' ',
                h('button', {
                    type: 'button', class: 'dismiss',
                    onclick: () => act(() => api('POST', '/system_events/' + e.id + '/dismiss', {
                        dismissed_reason: 'dismissed in the console',
                    })),
                }, 'Dismiss'),
            ] : null))));
    });
}

// ---- routing ---------------------------------------------------------------------------------------------

const views = {
    geographies: geographiesView,
    modules: modulesView,
    workflows: workflowsView,
    events: eventsView,
};

async function route() {
    const seq = ++routeSeq;
    stopCurrentView();
    stopCurrentView = () => {};
    clearProblem();
    const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
    const params = new URLSearchParams(query || '');
    const [name, id] = path.split('/');
    const signedIn = Boolean(token());
    document.getElementById('nav').hidden = !signedIn;
    document.getElementById('sign-out').hidden = !signedIn;
    const c = signedIn ? claims(token()) : null;
    document.getElementById('who').textContent = c ? (c.upn || c.sub) + ' · ' + [...roles()].join(', ') : '';
    if (!signedIn || name === 'signin') {
        stopCurrentView = signInView(params);
        return;
    }
    for (const a of document.querySelectorAll('nav a')) a.classList.toggle('current', a.dataset.view === name);
    try {
        const view = name === 'workflows' && id ? () => workflowView(id) : () => (views[name] || geographiesView)(params);
        const stop = await view();
        // A newer route started while this view loaded: it draws nothing more, and its polling stops.
        if (seq === routeSeq) stopCurrentView = stop;
        else stop();
    } catch (e) {
        if (seq === routeSeq) showProblem(e);
    }
}

document.getElementById('sign-out').addEventListener('click', () => signOut(''));
window.addEventListener('hashchange', route);
takeTokenFromAddress();
route();
