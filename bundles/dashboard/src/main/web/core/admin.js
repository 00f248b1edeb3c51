/*
 * The board's administration (#/admin): the audit log with its filters, each module switched on or off per school,
 * the roster (OneRoster import, roster.js), and the API keys of machine clients (speed-test agents, classroom software, drills): created for a school, the key
 * shown once, listed without it, revoked. Every change goes through /api and is in the audit log.
 */
import { api, dateText, el, loc, outcome, route, section, show, state, submitting, t } from './kit.js';
import { rosterSection } from './roster.js';

const PAGE = 50;

/** The audit log's filters and page, kept while the board moves between pages of it. */
const filters = { actor: '', school: '', action: '', from: '', to: '', offset: 0 };

async function adminView(view) {
  const [modules, schools, keys] = await Promise.all([api('/modules'), api('/schools?limit=500'), api('/api-keys')]);
  const schoolList = schools.ok ? schools.body.items : [];
  const switches = modules.ok ? await Promise.all(modules.body.map(m => api('/modules/' + encodeURIComponent(m.id)
    + '/schools').then(r => ({ module: m, schools: r.ok ? r.body : [] })))) : [];
  show(view, el('h1', {}, t('adminTitle')),
    section('admin-roster', t('rosterTitle'), ...await rosterSection()),
    section('admin-keys', t('keysTitle'), keyForm(schoolList), keyTable(keys.ok ? keys.body : [], schoolList)),
    section('admin-switches', t('switchesTitle'), el('p', { class: 'muted' }, t('switchesHelp')),
      switchTable(switches, schoolList)),
    section('admin-audit', t('auditTitle'), auditFilters(), await auditTable()));
}

// ------------------------------------------------------------------ API keys

function schoolName(schools, id) {
  const s = schools.find(x => x.id === id);
  return s ? loc(s.name) + ' (' + id + ')' : id;
}

/** A new key for a school: the key is shown here once, and nowhere again. */
function keyForm(schools) {
  const school = el('select', { id: 'key-school', name: 'schoolId', required: true }, el('option', { value: '' }, '–'),
    schools.map(s => el('option', { value: s.id }, loc(s.name) + ' (' + s.id + ')')));
  const label = el('input', { id: 'key-label', name: 'label', maxlength: 100, placeholder: t('keyLabelHint') });
  const box = el('div', { id: 'key-result' });
  return el('form', { id: 'key-form', class: 'record', on: { submit: e => submitting(e, async () => {
    const r = await api('/api-keys', { schoolId: school.value, label: label.value || null });
    if (!r.ok) {
      outcome(box, r, '');
      return;
    }
    // Shown once: the server keeps only its digest. The list below is drawn again without it.
    show(box, el('div', { class: 'ok once', role: 'status' }, el('p', {}, t('keyCreated')),
      el('code', { id: 'new-key' }, r.body.key), el('p', { class: 'muted' }, t('keyOnce'))));
    const list = document.getElementById('key-list');
    if (list) {
      const keys = await api('/api-keys');
      list.replaceWith(keyTable(keys.ok ? keys.body : [], schools));
    }
  }) } },
  el('div', { class: 'row' }, el('label', {}, t('school'), school), el('label', {}, t('keyLabel'), label)),
  el('button', { type: 'submit', id: 'key-submit' }, t('createKey')), box);
}

function keyTable(keys, schools) {
  if (!keys.length) {
    return el('p', { class: 'muted', id: 'key-list' }, t('noKeys'));
  }
  return el('table', { class: 'keys', id: 'key-list' },
    el('thead', {}, el('tr', {}, el('th', {}, t('keyLabel')), el('th', {}, t('school')), el('th', {}, t('createdAt')),
      el('th', {}, t('createdBy')), el('th', {}, t('status')), el('th', {}, ''))),
    el('tbody', {}, keys.map(k => el('tr', { 'data-key': k.keyId, 'data-revoked': String(Boolean(k.revokedAt)) },
      el('td', {}, k.label, el('div', { class: 'muted' }, k.keyId)), el('td', {}, schoolName(schools, k.schoolId)),
      el('td', {}, dateText(k.createdAt, true)), el('td', {}, k.createdBy),
      el('td', {}, k.revokedAt ? t('revokedOn') + ' ' + dateText(k.revokedAt, true) + ' (' + k.revokedBy + ')'
        : t('keyWorks')),
      el('td', {}, k.revokedAt ? '' : el('button', { type: 'button', class: 'danger', 'data-revoke': k.keyId,
        on: { click: async e => {
          if (!window.confirm(t('revokeConfirm').replace('{label}', k.label))) {
            return;
          }
          e.target.disabled = true;
          const r = await api('/api-keys/' + encodeURIComponent(k.keyId), undefined, 'DELETE');
          if (r.ok) {
            route();
          } else {
            e.target.disabled = false;
            window.alert((r.body && r.body.detail) || String(r.status));
          }
        } } }, t('revoke')))))));
}

// ------------------------------------------------------------------ module switches

/** Schools × installed modules: a tick is on; a change is saved at once and said beside the table. */
function switchTable(switches, schools) {
  if (!switches.length) {
    return el('p', { class: 'muted' }, t('noData'));
  }
  const box = el('div', { id: 'switch-result', role: 'status' });
  const enabled = new Map(switches.flatMap(s => s.schools.map(x => [s.module.id + ' ' + x.schoolId, x.enabled])));
  return [box, el('table', { class: 'switches' },
    el('thead', {}, el('tr', {}, el('th', {}, t('school')), switches.map(s => el('th', {}, loc(s.module.name))))),
    el('tbody', {}, schools.map(school => el('tr', { 'data-school': school.id },
      el('th', { scope: 'row' }, loc(school.name) + ' (' + school.id + ')'),
      switches.map(s => {
        const box2 = el('input', { type: 'checkbox', 'data-module': s.module.id,
          'aria-label': loc(school.name) + ' ' + loc(s.module.name),
          checked: enabled.get(s.module.id + ' ' + school.id) !== false });
        box2.addEventListener('change', async () => {
          box2.disabled = true;
          const r = await api('/modules/' + encodeURIComponent(s.module.id) + '/schools/'
            + encodeURIComponent(school.id), { enabled: box2.checked }, 'PUT');
          box2.disabled = false;
          if (!r.ok) {
            box2.checked = !box2.checked;
          }
          outcome(box, r, loc(s.module.name) + ' · ' + loc(school.name) + ': '
            + t(box2.checked ? 'switchedOn' : 'switchedOff'));
        });
        return el('td', { class: 'center' }, box2);
      })))))];
}

// ------------------------------------------------------------------ audit log

function auditFilters() {
  const input = (name, type) => {
    const e = el('input', { id: 'audit-' + name, name, type: type || 'text', value: filters[name] });
    return el('label', {}, t('audit_' + name), e);
  };
  return el('form', { id: 'audit-filters', class: 'record', on: { submit: e => submitting(e, async () => {
    ['actor', 'school', 'action', 'from', 'to'].forEach(n => { filters[n] = e.target.elements[n].value.trim(); });
    filters.offset = 0;
    document.getElementById('audit-list').replaceWith(await auditTable());
  }) } },
  el('div', { class: 'row' }, input('actor'), input('school'), input('action')),
  el('div', { class: 'row' }, input('from', 'date'), input('to', 'date')),
  el('button', { type: 'submit', id: 'audit-search' }, t('search')));
}

/** A day in the platform's zone as the instant it begins, for the audit log's from and to. */
function dayStart(day) {
  return day + 'T00:00:00' + (state.clock ? state.clock.offset : '+09:00');
}

async function auditTable() {
  const q = new URLSearchParams({ offset: filters.offset, limit: PAGE });
  ['actor', 'school', 'action'].filter(n => filters[n]).forEach(n => q.set(n, filters[n]));
  if (filters.from) {
    q.set('from', dayStart(filters.from));
  }
  if (filters.to) {
    // "to" is the last day shown: the query's end is the start of the day after it.
    const next = new Date(Date.parse(filters.to + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10);
    q.set('to', dayStart(next));
  }
  const r = await api('/audit?' + q);
  if (!r.ok) {
    const box = el('div', { id: 'audit-list' });
    outcome(box, r, '');
    return box;
  }
  const page = r.body;
  const move = delta => async () => {
    filters.offset = Math.max(0, filters.offset + delta);
    document.getElementById('audit-list').replaceWith(await auditTable());
  };
  // The count stops 10,000 entries past the page's start (totalAtLeast): the log holds every write, millions a year.
  return el('div', { id: 'audit-list', 'data-total': page.total },
    el('p', { class: 'muted' }, t(page.totalAtLeast ? 'auditCountAtLeast' : 'auditCount')
      .replace('{total}', page.total.toLocaleString(state.lang))
      .replace('{from}', page.total ? page.offset + 1 : 0).replace('{to}', page.offset + page.items.length)),
    el('table', { class: 'audit' },
      el('thead', {}, el('tr', {}, ['when', 'audit_actor', 'audit_school', 'audit_action', 'audit_outcome', 'what']
        .map(k => el('th', {}, t(k))))),
      el('tbody', {}, page.items.map(a => el('tr', { 'data-entry': a.id },
        el('td', {}, dateText(a.at, true)), el('td', {}, a.actor + ' (' + a.role + ')'), el('td', {}, a.school || '–'),
        el('td', {}, el('code', {}, a.action), a.channel === 'api' ? '' : ' · ' + a.channel),
        el('td', { class: Number(a.outcome) >= 400 ? 'error' : null }, a.outcome), el('td', {}, a.summary || ''))))),
    el('p', { class: 'pager' },
      el('button', { type: 'button', id: 'audit-newer', disabled: page.offset === 0, on: { click: move(-PAGE) } },
        t('newer')),
      el('button', { type: 'button', id: 'audit-older',
        disabled: !page.totalAtLeast && page.offset + page.items.length >= page.total,
        on: { click: move(PAGE) } }, t('older'))));
}

/** The administration's route: the board only. */
export const admin = { name: 'admin', roles: ['BOARD'], view: adminView };
