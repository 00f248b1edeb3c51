/*
 * The dashboard kit: what the core and every module's page build their views with. A module's page is an ES module
 * its own bundle serves under /dashboard/modules/<module id>/ and names in PolicyModule.dashboardPage(); the
 * dashboard imports it while the module is installed (GET /api/modules/pages) and reads these exports, each optional:
 *
 *   export const texts = { ja: { key: '…' }, en: { key: '…' } };      // words its views use through t(key)
 *   export const routes = [{ name: 'network', roles: ['BOARD', 'SCHOOL'], nav: 'navNetwork', view: async (view, arg) => … }];
 *   export const sections = { city, school, public, record, families }; // async (context) => ({ cards: [...], draw })
 *
 * A route is shown at #/<name>[/<arg>] to callers with one of its roles (null: anyone), with a link in the header
 * when it names a nav text. A section function adds cards to a shared view: the city's (board), a school's
 * ({schoolId}), the public page, a school's recording page ({schoolId}) or the families' page ({fy}); `draw`, if any,
 * runs once the cards are on the page (charts need their size). Every text from /api goes into the page as text,
 * never as HTML.
 */
import { TEXT } from './text.js';
import * as format from './format.js';

export { csvText, fiscalYearOf, lines, mondayOf } from './format.js';

/** The page's state: language, who is logged in, the chosen fiscal year and the platform's clock. */
export const state = {
  lang: localStorage.getItem('gigaplan.lang') || ((navigator.language || 'ja').startsWith('ja') ? 'ja' : 'en'),
  me: null,
  // The token each write of this session carries (X-CSRF-Token), from GET/POST /api/session.
  csrf: null,
  fy: null,
  // The platform's clock (GET /api/clock): today, its zone and fiscal year decide every default here.
  clock: null,
  charts: []
};

/**
 * Adds a page's words: {ja: {...}, en: {...}}. A word another page or the core has already is kept as it was (and
 * the clash logged), so no page changes another's text.
 */
export function addTexts(texts) {
  Object.entries(texts || {}).forEach(([lang, words]) => {
    const dictionary = TEXT[lang] || (TEXT[lang] = {});
    Object.entries(words).forEach(([key, text]) => {
      if (key in dictionary) {
        console.warn('dashboard text ' + lang + '.' + key + ' is defined already: kept as it was');
      } else {
        dictionary[key] = text;
      }
    });
  });
}

export function t(key) {
  return (TEXT[state.lang] && TEXT[state.lang][key]) || TEXT.ja[key] || key;
}

/** A LocalizedText {ja, en} in the current language. */
export function loc(text) {
  if (!text) {
    return '';
  }
  return typeof text === 'string' ? text : (text[state.lang] || text.ja || text.en || '');
}

export function percent(v) {
  return format.percent(v, state.lang);
}

export function formatValue(v, unit) {
  return format.formatValue(v, unit, state.lang);
}

/** An element with attributes and children (strings become text nodes, never HTML). */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) {
      return;
    }
    if (k === 'on') {
      Object.entries(v).forEach(([type, fn]) => e.addEventListener(type, fn));
    } else if (k === 'class') {
      e.className = v;
    } else {
      e.setAttribute(k, v === true ? '' : v);
    }
  });
  children.flat().forEach(c => {
    if (c !== null && c !== undefined && c !== false) {
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  });
  return e;
}

/** Replaces an element's content (nulls left out, arrays flattened). */
export function show(target, ...children) {
  target.replaceChildren(...children.flat(2).filter(c => c !== null && c !== undefined && c !== false));
}

let onSessionEnded = () => {};
let router = () => {};

/** Called by the core: what happens when a session ends under a view, and how views are drawn again. */
export function connect(sessionEnded, route) {
  onSessionEnded = sessionEnded;
  router = route;
}

/** Draws the current view again (after a write). */
export function route() {
  return router();
}

/** Calls /api; with a body, sends it as JSON (POST unless another method is named). */
export async function api(path, body, method) {
  // Errors come back in the page's language (problem titles and the platform's wording).
  const headers = { 'Accept': 'application/json', 'Accept-Language': state.lang, 'X-Requested-With': 'XMLHttpRequest' };
  const request = { headers, credentials: 'same-origin', method: method || (body === undefined ? 'GET' : 'POST') };
  if (state.csrf && request.method !== 'GET') {
    headers['X-CSRF-Token'] = state.csrf;
  }
  if (body instanceof Blob) {
    // A file as it is (a roster's zip).
    headers['Content-Type'] = body.type || 'application/octet-stream';
    request.body = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  const response = await fetch('/api' + path, request);
  if (response.status === 401 && state.me && path !== '/session') {
    onSessionEnded();
  }
  let answer = null;
  try {
    answer = await response.json();
  } catch (e) {
    answer = null;
  }
  return { status: response.status, ok: response.ok, body: answer };
}

export function statusBadge(status) {
  return el('span', { class: 'badge status-' + status, 'data-status': status }, t('status_' + status));
}

/** A card; each table in it gets a button that downloads it as CSV (UTF-8 with BOM, so spreadsheets read Japanese). */
export function section(id, title, ...content) {
  const card = el('section', { class: 'card', id }, el('h2', {}, title), ...content);
  card.querySelectorAll('table:not(.grid)').forEach((table, i) => {
    const name = id + (i ? '-' + (i + 1) : '');
    // The table as it is when asked for: a view may draw it again (another page of it) after the card was made.
    table.before(el('button', { type: 'button', class: 'csv no-print', 'data-csv': name,
      on: { click: () => download(name + '-' + state.fy + '.csv', 'text/csv;charset=utf-8',
        '\ufeff' + tableCsv(card.querySelectorAll('table:not(.grid)')[i] || table)) } },
    'CSV'));
  });
  return card;
}

/** A table as CSV: each cell's text, one value a cell. */
export function tableCsv(table) {
  return format.csvText(Array.from(table.rows).map(row => Array.from(row.cells).map(cell =>
    cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent)));
}

export function download(name, type, content) {
  const a = el('a', { href: URL.createObjectURL(new Blob([content], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

export function notInstalled() {
  return el('p', { class: 'muted not-installed' }, t('notInstalled'));
}

/** An Apache ECharts chart in a container on the page (disposed when the view changes). */
export function chart(container, option) {
  const c = window.echarts.init(container);
  c.setOption(option);
  state.charts.push(c);
  return c;
}

export function disposeCharts() {
  state.charts.forEach(c => c.dispose());
  state.charts = [];
}

window.addEventListener('resize', () => state.charts.forEach(c => c.resize()));

/** Schools as links to their pages. */
export function schoolList(schools) {
  if (!schools || !schools.length) {
    return el('p', { class: 'muted' }, '–');
  }
  return el('ul', { class: 'schools' }, schools.map(s => el('li', { 'data-school': s.schoolId },
    el('a', { href: '#/school/' + encodeURIComponent(s.schoolId) }, loc(s.name)))));
}

/**
 * The outcome of a write: what was stored, or every problem the server named, said once. A field's error goes beside
 * the field when the form has one of that name (`name` or `data-field`, as the API names it), marked invalid for
 * assistive technology; the others are listed under the form's title of the refusal.
 */
export function outcome(box, r, done) {
  const form = box.closest('form');
  clearFieldErrors(form);
  if (r.ok) {
    show(box, el('p', { class: 'ok', role: 'status' }, done));
    return;
  }
  const errors = (r.body && r.body.errors) || [];
  const listed = errors.filter(e => !besideField(form, e));
  show(box, el('div', { class: 'error', role: 'alert' }, el('p', {}, (r.body && (errors.length ? r.body.title
    : r.body.detail || r.body.title)) || String(r.status)),
  listed.length ? el('ul', {}, listed.map(e => el('li', { 'data-field': e.field }, e.field + ': ' + e.detail))) : null));
}

function clearFieldErrors(form) {
  if (!form) {
    return;
  }
  form.querySelectorAll('.field-error').forEach(e => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach(e => {
    e.removeAttribute('aria-invalid');
    e.removeAttribute('aria-describedby');
  });
}

let fieldErrors = 0;

/** Puts a field's error right after its input; false when the form has no input of that name. */
function besideField(form, error) {
  if (!form || !error.field) {
    return false;
  }
  const name = CSS.escape(error.field);
  const controls = ':is(input, select, textarea, fieldset)';
  const input = form.querySelector(controls + '[name="' + name + '"], ' + controls + '[data-field="' + name + '"]');
  if (!input) {
    return false;
  }
  const id = 'field-error-' + (++fieldErrors);
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', id);
  input.insertAdjacentElement('afterend', el('p', { class: 'field-error', id, 'data-field': error.field },
    error.detail));
  return true;
}

/** Runs a form's submission once at a time: its buttons are off until the answer is in (no double taps). */
export async function submitting(event, work) {
  event.preventDefault();
  const form = event.target;
  const buttons = form.querySelectorAll('button');
  buttons.forEach(b => { b.disabled = true; });
  form.querySelectorAll('.submit-error').forEach(e => e.remove());
  try {
    await work();
  } catch (e) {
    // The server could not be reached (or answered nonsense): say so where the user looks, keep what they typed.
    form.append(el('p', { class: 'error submit-error', role: 'alert' }, t('unreachable') + ' (' + e.message + ')'));
  } finally {
    buttons.forEach(b => { b.disabled = false; });
  }
}

/** Now by the platform's clock (GET /api/clock), whatever the device's own clock says. */
export function serverNow() {
  return new Date(Date.now() + ((state.clock && state.clock.skew) || 0));
}

/** Today by the platform's clock, in the city's zone, whatever the device's own date and zone. */
export function todayInJapan() {
  const [y, m, d] = japanTime(serverNow().toISOString()).split('-').map(Number);
  return new Date(y, m - 1, d);
}

/**
 * An instant from /api as people read it: its day (and time) in the platform's zone, written in the page's language
 * (2026年11月30日 14:05, or 30 Nov 2026 14:05); with {@code era}, the Japanese era's year (令和8年).
 */
export function dateText(instant, withTime, era) {
  if (!instant) {
    return '–';
  }
  const [day, time] = japanTime(instant, withTime).split(' ');
  return format.formatDay(day, state.lang, era, withTime ? time : undefined);
}

/** A day (YYYY-MM-DD) from /api as people read it. */
export function dayText(day) {
  return format.formatDay(day, state.lang);
}

/** An instant from /api as a day (or day and time) in Japan, as YYYY-MM-DD[ HH:mm]: for forms and computing. */
export function japanTime(instant, withTime) {
  if (!instant) {
    return '–';
  }
  const options = { timeZone: state.clock ? state.clock.zone : undefined, year: 'numeric', month: '2-digit',
    day: '2-digit' };
  if (withTime) {
    Object.assign(options, { hour: '2-digit', minute: '2-digit', hour12: false });
  }
  return new Intl.DateTimeFormat('sv-SE', options).format(new Date(instant));
}
