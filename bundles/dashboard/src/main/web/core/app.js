/*
 * GIGA Plan dashboard: a page that talks to /api only. Logging in begins a session on the server (POST /api/session):
 * the browser holds it in a cookie no script can read, and this page keeps only the session's token for its writes,
 * in memory. Nothing of the password is kept. Calls carry X-Requested-With, so a 401 comes back to this page's form,
 * never a browser dialog.
 *
 * This core draws the frame (header, year; the login form is in login.js), the plan's views (public, plan and
 * progress; the year's report and the families' page are in report.js, the board's plan editor in plan-edit.js)
 * and the shared views the installed modules' pages add their cards to (city, school, recording, families); every
 * module view comes from the module's own page (see kit.js), so a module not installed has none.
 */
import {
  api, connect, disposeCharts, el, formatValue, loc, notInstalled, section, show, state, statusBadge, t, addTexts,
  outcome
} from './kit.js';
import { allowed, parseRoute } from './format.js';
import * as planEditor from './plan-edit.js';
import { admin } from './admin.js';
import { inbox, refreshUnread } from './inbox.js';
import * as yearReport from './report.js';
import * as loginPage from './login.js';

// ------------------------------------------------------------------ module pages

/** The pages loaded, by module id: {module, page, exports}. Imported once; the list is asked again on each view. */
const loaded = new Map();
let pages = [];

/**
 * The pages of the modules installed now (and on for the caller's school), in basic-policy order: a module installed
 * or uninstalled while the page is open shows or goes at the next view.
 */
async function loadPages() {
  let r;
  try {
    r = await api('/modules/pages');
  } catch (e) {
    return pages; // offline for a moment: keep what was there
  }
  const listed = r.ok ? r.body : [];
  const out = [];
  for (const p of listed) {
    let entry = loaded.get(p.module + ' ' + p.page);
    if (!entry) {
      try {
        const exports = await import(p.page);
        addTexts(exports.texts);
        entry = { module: p.module, exports };
        loaded.set(p.module + ' ' + p.page, entry);
      } catch (e) {
        console.error('The dashboard page of module ' + p.module + ' (' + p.page + ') could not be loaded', e);
        continue;
      }
    }
    out.push(entry);
  }
  pages = out;
  return pages;
}

/** Every route the pages add, in their order. */
function moduleRoutes() {
  return pages.flatMap(p => p.exports.routes || []);
}

/** The cards every page adds to a shared view, drawn once on the page. */
async function sharedSections(kind, context) {
  const parts = await Promise.all(pages.map(p => p.exports.sections && p.exports.sections[kind]
    ? p.exports.sections[kind](context).catch(e => ({ cards: [el('p', { class: 'error' }, String(e))] }))
    : null));
  return parts.filter(Boolean);
}

function drawAll(parts) {
  parts.forEach(p => {
    if (p.draw) {
      p.draw();
    }
  });
}

// ------------------------------------------------------------------ frame

function staff() {
  return state.me && state.me.role !== 'LEARNER';
}

function board() {
  return state.me && state.me.role === 'BOARD';
}

/** Whether the caller has an inbox: the board, a school's staff, a teacher. */
function hasInbox() {
  return state.me && ['BOARD', 'SCHOOL', 'TEACHER'].includes(state.me.role);
}

function applyStaticText() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  document.getElementById('lang').textContent = state.lang === 'ja' ? 'English' : '日本語';
  const who = document.getElementById('who');
  who.textContent = state.me ? state.me.name + (state.me.schoolId ? ' (' + state.me.schoolId + ')' : '') : '';
  document.getElementById('logout').hidden = !state.me;
  const school = state.me && state.me.role === 'SCHOOL';
  document.getElementById('nav').replaceChildren(...[
    el('a', { href: '#/public', id: 'nav-public' }, t('navPublic')),
    el('a', { href: '#/families', id: 'nav-families' }, t('navFamilies')),
    staff() ? el('a', { href: '#/plan', id: 'nav-plan' }, t('navPlan')) : null,
    staff() ? el('a', { href: '#/report', id: 'nav-report' }, t('navReport')) : null,
    board() ? el('a', { href: '#/city', id: 'nav-city' }, t('navCity')) : null,
    board() ? el('a', { href: '#/plan-edit', id: 'nav-plan-edit' }, t('navPlanEdit')) : null,
    board() ? el('a', { href: '#/admin', id: 'nav-admin' }, t('navAdmin')) : null,
    hasInbox() ? el('a', { href: '#/inbox', id: 'nav-inbox' }, t('navInbox'), ' ',
      el('span', { class: 'badge count', id: 'inbox-count', hidden: true })) : null,
    school ? el('a', { href: '#/school/' + encodeURIComponent(state.me.schoolId), id: 'nav-school' }, t('mySchool')) : null,
    school ? el('a', { href: '#/record', id: 'nav-record' }, t('navRecord')) : null,
    ...moduleRoutes().filter(r => r.nav && state.me && allowed(r.roles, state.me))
      .map(r => el('a', { href: '#/' + r.name, id: 'nav-' + r.name }, t(r.nav))),
    state.me ? null : el('a', { href: '#/login', id: 'nav-login' }, t('login'))].filter(Boolean));
}

/**
 * The year chooser: the plan period's years, opening on the current one by the platform's clock, whether it has an
 * action plan yet or not (a year without one says so and offers the board the roll-forward; never another year).
 */
async function loadFiscalYears() {
  const select = document.getElementById('fy');
  const [clock, r] = await Promise.all([api('/clock'), api('/fiscal-years')]);
  if (clock.ok) {
    state.clock = clock.body;
    // The server's clock may be set to another day (a trial): the page keeps to it, not to the device's.
    state.clock.skew = Date.parse(clock.body.now) - Date.now();
  }
  const years = r.ok ? r.body : [];
  state.fy = state.fy || (state.clock ? state.clock.fiscalYear : (years.find(y => y.current) || {}).year);
  select.replaceChildren(...years.map(y => el('option', { value: y.year, selected: y.year === state.fy },
    loc(y.label) + (y.draft ? ' (' + t('draft') + ')' : y.hasActionPlan ? '' : ' *'))));
  select.onchange = () => { state.fy = Number(select.value); route(); };
}

/** Takes up the session this browser holds, if it is still valid (a reload, another tab). */
async function restoreLogin() {
  let r;
  try {
    r = await api('/session');
  } catch (e) {
    return; // offline for a moment: the views say what failed
  }
  const session = r.ok && r.body && r.body.active ? r.body : null;
  state.me = session ? session.caller : null;
  state.csrf = session ? session.csrfToken : null;
}

/** The platform's answer for a year without an action plan (RFC 9457, type no-action-plan). */
function isNoActionPlan(r) {
  return r.status === 404 && r.body && r.body.type === 'urn:gigaplan:problem:no-action-plan';
}

/**
 * Says plainly that the year has no action plan yet; the board gets the button that rolls the latest earlier one
 * forward as a draft, and goes on to edit it.
 */
function noActionPlan(problem) {
  const box = el('div', { id: 'rollover-result' });
  return el('section', { class: 'card notice', id: 'no-action-plan', 'data-year': problem.fiscalYear },
    el('p', {}, loc(problem.message)),
    board() && problem.rollOverFrom ? el('button', { type: 'button', id: 'rollover', on: { click: async e => {
      // A year that has ended gets its action plan only on the board's confirmation: its verdicts change.
      const ended = state.clock && problem.fiscalYear < state.clock.fiscalYear;
      if (ended && !window.confirm(t('pastYearRollover'))) {
        return;
      }
      e.target.disabled = true;
      const r = await api('/plan/action-plans' + (ended ? '?pastYear=true' : ''), { fiscalYear: problem.fiscalYear,
        from: problem.rollOverFrom });
      outcome(box, r, t('rolledOver'));
      e.target.disabled = false;
      if (r.ok) {
        await loadFiscalYears();
        location.hash = '#/plan-edit';
      }
    } } }, t('rollOver').replace('{from}', loc(problem.rollOverFromLabel)).replace('{to}', loc(problem.fiscalYearLabel))) : null, box);
}

// ------------------------------------------------------------------ the plan's views

function indicatorTable(indicators) {
  if (!indicators.length) {
    return el('p', { class: 'muted' }, t('noData'));
  }
  // Every figure says what it is: its definition, how many it was computed over, and of those expected how
  // many reported; a share over too few is "insufficient data", never met.
  return el('table', { class: 'indicators' },
    el('thead', {}, el('tr', {}, el('th', {}, t('indicator')), el('th', {}, t('value')), el('th', {}, t('target')),
      el('th', {}, t('sample')), el('th', {}, t('coverage')), el('th', {}, t('status')))),
    el('tbody', {}, indicators.map(i => el('tr', { 'data-indicator': i.id },
      el('td', { 'data-value': loc(i.name) }, el('span', { title: loc(i.definition) }, loc(i.name)),
        i.demo ? el('span', { class: 'demo' }, t('demo')) : null,
        i.note ? el('div', { class: 'muted note' }, loc(i.note)) : null),
      el('td', { class: 'num', 'data-value': i.value === null ? '' : i.value },
        i.value === null ? '–' : formatValue(i.value, i.unit)),
      el('td', { class: 'num', 'data-value': i.target ? i.target.value : '' },
        i.target ? formatValue(i.target.value, i.unit) : '–'),
      el('td', { class: 'num' }, i.sampleSize === null || i.sampleSize === undefined ? '–' : String(i.sampleSize)),
      el('td', { class: 'num', 'data-coverage': i.coverage ? i.coverage.reporting + '/' + i.coverage.expected : '' },
        i.coverage ? i.coverage.reporting + ' / ' + i.coverage.expected + ' ' + loc(i.coverage.of) : '–'),
      el('td', { 'data-value': t('status_' + i.status) }, statusBadge(i.status))))));
}

async function publicView(view) {
  const progress = await api('/progress?fiscalYear=' + state.fy);
  const parts = await sharedSections('public', {});
  const indicators = progress.ok ? progress.body.policies.flatMap(p => p.indicators) : [];
  show(view,
    section('public-indicators', t('publicTitle'), isNoActionPlan(progress) ? noActionPlan(progress.body)
      : indicatorTable(indicators)),
    parts.map(p => p.cards));
  drawAll(parts);
}

async function planView(view) {
  const school = state.me && state.me.role !== 'BOARD' ? '&school=' + encodeURIComponent(state.me.schoolId) : '';
  const r = await api('/progress?fiscalYear=' + state.fy + school);
  if (isNoActionPlan(r)) {
    show(view, el('h1', {}, t('planTitle') + ' — ' + loc(r.body.fiscalYearLabel)), noActionPlan(r.body));
    return;
  }
  if (!r.ok) {
    show(view, el('p', { class: 'error' }, (r.body && r.body.detail) || t('noData')));
    return;
  }
  show(view, el('h1', {}, t('planTitle') + ' — ' + loc(r.body.fiscalYearLabel)),
    ...r.body.policies.map(p => el('section', { class: 'card policy', 'data-policy': p.number },
      el('h2', {}, p.number + '. ' + loc(p.title)),
      p.modules.length ? null : notInstalled(),
      indicatorTable(p.indicators),
      p.measures.map(m => el('div', { class: 'measure' },
        el('h3', {}, m.number + ' ' + loc(m.title)),
        el('ul', { class: 'items' }, m.actionItems.map(a => el('li', { 'data-item': a.id },
          el('span', { class: 'actor actor-' + a.actor }, t('actor' + a.actor)),
          a.priority ? el('span', { class: 'priority' }, t('priority')) : null,
          a.liveSource ? null : el('span', { class: 'badge status-NO_MODULE no-source' }, t('noSource')),
          ' ' + loc(a.text),
          a.indicators.length ? el('div', { class: 'item-indicators' },
            a.indicators.map(i => el('span', { class: 'chip' }, loc(i.name) + ': ',
              i.value === null ? '' : formatValue(i.value, i.unit) + ' ', statusBadge(i.status)))) : null))))))));
}

/** The board's city: the cards each installed module adds (heat map, trend, rates, bandwidth, meetings...). */
async function cityView(view) {
  const parts = await sharedSections('city', { fy: state.fy });
  show(view, parts.map(p => p.cards));
  drawAll(parts);
}

/** One school: its indicators, and the cards each installed module adds. */
async function schoolView(view, id) {
  const progress = await api('/progress?fiscalYear=' + state.fy + '&school=' + encodeURIComponent(id));
  // A year without an action plan still has the school's records: say so where the indicators would be.
  if (progress.status === 403 || (progress.status === 404 && !isNoActionPlan(progress))) {
    show(view, el('p', { class: 'error', id: 'forbidden' },
      progress.status === 403 ? t('forbidden') : (progress.body && progress.body.detail) || t('noData')));
    return;
  }
  const [school, parts] = await Promise.all([api('/schools/' + encodeURIComponent(id)),
    sharedSections('school', { fy: state.fy, schoolId: id })]);
  const indicators = progress.ok ? progress.body.policies.flatMap(p => p.indicators) : [];
  show(view,
    board() ? el('p', {}, el('a', { href: '#/city', id: 'back' }, '← ' + t('back'))) : null,
    el('h1', { id: 'school-title', 'data-school': id }, school.ok ? loc(school.body.name) + ' (' + id + ')' : id),
    section('school-indicators', t('schoolIndicators'), isNoActionPlan(progress) ? noActionPlan(progress.body)
      : indicatorTable(indicators)),
    parts.map(p => p.cards));
  drawAll(parts);
}

/** A school's recording: the forms each installed module adds (weekly check-in, meetings...). */
async function recordView(view) {
  const parts = await sharedSections('record', { fy: state.fy, schoolId: state.me.schoolId });
  show(view, el('h1', {}, t('recordTitle') + ' — ' + state.me.schoolId), parts.map(p => p.cards));
  drawAll(parts);
}

// ------------------------------------------------------------------ routing

/** The core's routes: who may open each (null: anyone). */
const CORE = {
  public: { roles: null, view: publicView },
  [loginPage.login.name]: loginPage.login,
  plan: { roles: ['BOARD', 'SCHOOL', 'TEACHER', 'AGENT'], view: planView },
  [yearReport.report.name]: yearReport.report,
  [yearReport.families.name]: yearReport.families,
  city: { roles: ['BOARD'], view: cityView },
  school: { roles: ['BOARD', 'SCHOOL', 'TEACHER', 'AGENT'], view: schoolView },
  record: { roles: ['SCHOOL'], view: recordView },
  [planEditor.planEdit.name]: planEditor.planEdit,
  [admin.name]: admin,
  [inbox.name]: inbox
};

let routing = 0;
let routedBefore = false;

/**
 * After moving to another view, the focus goes to its heading (as a screen reader announces a new page), unless the
 * view put it somewhere itself (the login form's first field); Tab goes on into the view, Shift+Tab back to the
 * header. The first view of a page load leaves the focus where the browser puts it.
 */
function focusView(view) {
  const first = !routedBefore;
  routedBefore = true;
  if (first || view.contains(document.activeElement)) {
    return;
  }
  const heading = view.querySelector('h1') || view;
  heading.setAttribute('tabindex', '-1');
  heading.focus();
}

/** Shows the view the address names; a view still loading when another is asked for is dropped. */
async function route() {
  const mine = ++routing;
  disposeCharts();
  // Each route renders into a container of its own: one a newer route replaced draws into nothing.
  const host = document.getElementById('view');
  const view = el('div', { class: 'route' }, el('p', { class: 'muted' }, t('loading')));
  delete host.dataset.view;
  show(host, view);
  await loadPages();
  if (mine !== routing) {
    return;
  }
  applyStaticText();
  const { name, arg } = parseRoute(location.hash);
  const target = CORE[name] || moduleRoutes().find(r => r.name === name);
  let shown = name;
  try {
    if (target && allowed(target.roles, state.me)) {
      await target.view(view, arg);
    } else if (target && !state.me) {
      location.hash = '#/login';
      return;
    } else {
      // Not a view this caller may open (a school user at #/city), or no such view (a module uninstalled): the
      // public page.
      shown = 'public';
      await publicView(view);
    }
    if (mine === routing) {
      host.dataset.view = shown;
      focusView(view);
      refreshUnread();
    }
  } catch (e) {
    show(view, el('p', { class: 'error' }, String(e)));
  }
}

connect(() => {
  // The session ended under a view (unused too long, or logged out in another tab): the login form says so.
  state.me = null;
  state.csrf = null;
  state.sessionEnded = true;
  applyStaticText();
  location.hash = '#/login';
}, route);

planEditor.connect({ isNoActionPlan, noActionPlan, loadFiscalYears });
yearReport.connect({ indicatorTable, isNoActionPlan, noActionPlan, sharedSections, drawAll });
loginPage.connect({ loadPages, applyStaticText, moduleRoutes });

document.getElementById('lang').addEventListener('click', () => {
  state.lang = state.lang === 'ja' ? 'en' : 'ja';
  localStorage.setItem('gigaplan.lang', state.lang);
  applyStaticText();
  loadFiscalYears().then(route);
});
document.getElementById('logout').addEventListener('click', async () => {
  try {
    await api('/session', undefined, 'DELETE'); // ends the session on the server
  } catch (e) {
    // offline: the server ends it when it has been idle long enough
  }
  state.me = null;
  state.csrf = null;
  applyStaticText();
  if (location.hash === '#/public') {
    route();
  } else {
    location.hash = '#/public';
  }
});
window.addEventListener('hashchange', route);

restoreLogin().then(() => {
  applyStaticText();
  return loadFiscalYears();
}).then(route);
