/*
 * Follow-up (#/inbox): the notices for the caller (the board's, their school's, or theirs as a teacher), newest first,
 * each marked read when opened or all at once; the caller's e-mail address, language and how they want each kind
 * (at once, in the weekly digest, or in the inbox only). The board also sees the scheduled jobs (and runs one now),
 * the delivery log of every mail, and sends a test mail. The header's link shows how many notices are unread.
 */
import { api, dateText, el, lines, loc, outcome, route, section, show, state, submitting, t } from './kit.js';

const PAGE = 20;
const paging = { offset: 0, unreadOnly: false };

/** The header link's count of unread notices, asked again at each view. */
export async function refreshUnread() {
  const badge = document.getElementById('inbox-count');
  if (!badge || !state.me || !['BOARD', 'SCHOOL', 'TEACHER'].includes(state.me.role)) {
    return;
  }
  const r = await api('/notifications/unread').catch(() => null);
  const n = r && r.ok ? r.body.unread : 0;
  badge.textContent = n ? String(n) : '';
  badge.hidden = !n;
  badge.setAttribute('aria-label', t('unreadCount').replace('{n}', n));
}

async function inboxView(view) {
  const board = state.me.role === 'BOARD';
  const [inbox, prefs, jobs, log] = await Promise.all([inboxList(), api('/notifications/preferences'),
    board ? api('/notifications/jobs') : null, board ? deliveryLog() : null]);
  show(view, el('h1', {}, t('inboxTitle')),
    section('inbox', t('inboxTitle'), inbox),
    section('inbox-preferences', t('prefsTitle'), prefs.ok ? preferencesForm(prefs.body) : failed(prefs)),
    board ? section('notify-jobs', t('jobsTitle'), jobs.ok ? jobTable(jobs.body) : failed(jobs)) : null,
    board ? section('notify-deliveries', t('deliveriesTitle'), testForm(), log) : null);
  refreshUnread();
}

function failed(r) {
  const box = el('div');
  outcome(box, r, '');
  return box;
}

// ------------------------------------------------------------------ the inbox

async function inboxList() {
  const q = new URLSearchParams({ offset: paging.offset, limit: PAGE, unread: paging.unreadOnly });
  const r = await api('/notifications?' + q);
  if (!r.ok) {
    return el('div', { id: 'inbox-list' }, failed(r));
  }
  const { page, unread } = r.body;
  const redraw = async () => document.getElementById('inbox-list').replaceWith(await inboxList());
  const move = delta => async () => {
    paging.offset = Math.max(0, paging.offset + delta);
    await redraw();
  };
  return el('div', { id: 'inbox-list', 'data-total': page.total, 'data-unread': unread },
    el('p', { class: 'row' },
      el('span', { class: 'muted' }, t('inboxCount').replace('{total}', page.total).replace('{unread}', unread)),
      el('label', { class: 'check' }, el('input', { type: 'checkbox', id: 'inbox-unread-only', checked: paging.unreadOnly,
        on: { change: async e => { paging.unreadOnly = e.target.checked; paging.offset = 0; await redraw(); } } }),
      t('unreadOnly')),
      el('button', { type: 'button', id: 'inbox-read-all', disabled: !unread, on: { click: async () => {
        const done = await api('/notifications/read', {});
        if (done.ok) {
          await redraw();
          refreshUnread();
        }
      } } }, t('markAllRead'))),
    page.items.length ? el('ul', { class: 'inbox' }, page.items.map(n => notice(n, redraw)))
      : el('p', { class: 'muted', id: 'inbox-empty' }, t('inboxEmpty')),
    el('p', { class: 'pager' },
      el('button', { type: 'button', id: 'inbox-newer', disabled: page.offset === 0, on: { click: move(-PAGE) } },
        t('newer')),
      el('button', { type: 'button', id: 'inbox-older', disabled: page.offset + page.items.length >= page.total,
        on: { click: move(PAGE) } }, t('older'))));
}

/** One notice: its subject (strong while unread), when, its text, where to act; opening it marks it read. */
function notice(n, redraw) {
  const markRead = async () => {
    if (!n.read) {
      await api('/notifications/' + n.id + '/read', {});
      refreshUnread();
    }
  };
  const body = el('div', { class: 'notice-body', hidden: true }, lines(loc(n.body)).map(p => el('p', {}, p)),
    n.link ? el('p', {}, el('a', { href: n.link, class: 'notice-link', on: { click: markRead } }, t('openWork'))) : null);
  const badge = n.read ? null : el('span', { class: 'badge status-BELOW' }, t('unread'));
  const toggle = el('button', { type: 'button', class: 'link notice-subject', 'aria-expanded': 'false',
    on: { click: async () => {
      const open = body.hidden;
      body.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      if (open && !n.read) {
        await markRead();
        n.read = true;
        item.classList.remove('unread');
        item.dataset.read = 'true';
        if (badge) {
          badge.remove();
        }
      }
    } } }, loc(n.subject));
  const item = el('li', { class: n.read ? 'notice' : 'notice unread', 'data-notice': n.id, 'data-kind': n.kind,
    'data-read': String(n.read) },
  el('div', { class: 'notice-head' }, badge, toggle,
    el('span', { class: 'muted' }, ' ' + dateText(n.createdAt, true))), body);
  return item;
}

// ------------------------------------------------------------------ preferences

function preferencesForm(p) {
  const email = el('input', { id: 'pref-email', name: 'email', type: 'email', maxlength: 254, value: p.email || '',
    autocomplete: 'email' });
  const language = el('select', { id: 'pref-language', name: 'language' },
    ['ja', 'en'].map(l => el('option', { value: l, selected: p.language === l }, l === 'ja' ? '日本語' : 'English')));
  const choices = p.kinds.map(k => ({ kind: k.kind, select: el('select', { 'data-field': 'kinds.' + k.kind,
    'data-kind': k.kind, 'aria-label': loc(k.name) },
  ['IMMEDIATE', 'DIGEST', 'OFF'].map(d => el('option', { value: d, selected: k.delivery === d }, t('delivery_' + d)))),
  name: k.name }));
  const box = el('div', { id: 'pref-result' });
  return el('form', { id: 'pref-form', class: 'record', on: { submit: e => submitting(e, async () => {
    const kinds = Object.fromEntries(choices.map(c => [c.kind, c.select.value]));
    const r = await api('/notifications/preferences', { email: email.value.trim() || null, language: language.value,
      kinds }, 'PUT');
    outcome(box, r, t('prefsSaved'));
  }) } },
  el('p', { class: 'muted' }, t('prefsHelp')),
  el('div', { class: 'row' }, el('label', {}, t('email'), email), el('label', {}, t('mailLanguage'), language)),
  el('table', { class: 'grid' }, el('thead', {}, el('tr', {}, el('th', {}, t('noticeKind')), el('th', {}, t('delivery')))),
    el('tbody', {}, choices.map(c => el('tr', {}, el('td', {}, loc(c.name)), el('td', {}, c.select))))),
  el('button', { type: 'submit', id: 'pref-save' }, t('save')), box);
}

// ------------------------------------------------------------------ the board: jobs and deliveries

function jobTable(jobs) {
  const box = el('div', { id: 'job-result' });
  return [box, el('table', { class: 'jobs', id: 'job-list' },
    el('thead', {}, el('tr', {}, ['jobName', 'jobSchedule', 'jobNext', 'jobLast', 'jobOutcome', ''].map(k =>
      el('th', {}, k ? t(k) : '')))),
    el('tbody', {}, jobs.map(j => el('tr', { 'data-job': j.id },
      el('td', {}, loc(j.name), el('div', { class: 'muted' }, el('code', {}, j.id),
        j.installed ? '' : ' · ' + t('notInstalledShort'))),
      el('td', {}, el('code', {}, j.schedule)), el('td', {}, dateText(j.nextRunAt, true)),
      el('td', {}, j.lastFinishedAt ? dateText(j.lastFinishedAt, true) + (j.lastNode ? ' · ' + j.lastNode : '') : '–'),
      el('td', { class: j.lastOutcome === 'FAILED' ? 'error' : null }, j.runningOn ? t('running') + ' (' + j.runningOn + ')'
        : (j.lastOutcome || '–') + (j.lastDetail ? ': ' + j.lastDetail : '')),
      el('td', {}, j.installed ? el('button', { type: 'button', 'data-run': j.id, on: { click: async e => {
        e.target.disabled = true;
        const r = await api('/notifications/jobs/' + encodeURIComponent(j.id) + '/run', {});
        outcome(box, r, r.ok ? loc(j.name) + ': ' + r.body.outcome + ' · ' + r.body.detail : '');
        if (r.ok) {
          route();
        } else {
          e.target.disabled = false;
        }
      } } }, t('runNow')) : '')))))];
}

async function deliveryLog() {
  const r = await api('/notifications/deliveries?limit=50');
  if (!r.ok) {
    return el('div', { id: 'delivery-list' }, failed(r));
  }
  const { page, states, server } = r.body;
  return el('div', { id: 'delivery-list', 'data-total': page.total },
    el('p', { class: 'muted' }, t('mailServer') + ': ' + server + ' · ' + Object.entries(states)
      .map(([s, n]) => t('mail_' + s) + ' ' + n).join(' · ')),
    page.items.length ? el('table', { class: 'deliveries' },
      el('thead', {}, el('tr', {}, ['when', 'noticeKind', 'mailTo', 'mailSubject', 'status', 'mailTries']
        .map(k => el('th', {}, t(k))))),
      el('tbody', {}, page.items.map(d => el('tr', { 'data-mail': d.id, 'data-state': d.state },
        el('td', {}, dateText(d.createdAt, true)), el('td', {}, el('code', {}, d.kind)),
        el('td', {}, d.address), el('td', {}, d.subject),
        el('td', { class: d.state === 'FAILED' ? 'error' : null }, t('mail_' + d.state)
          + (d.sentAt ? ' ' + dateText(d.sentAt, true) : d.nextAttemptAt ? ' → ' + dateText(d.nextAttemptAt, true) : '')
          + (d.lastError ? ' · ' + d.lastError : '')),
        el('td', { class: 'num' }, String(d.attempts))))))
      : el('p', { class: 'muted' }, t('noMail')));
}

function testForm() {
  const address = el('input', { id: 'test-address', name: 'address', type: 'email', required: true, maxlength: 254 });
  const box = el('div', { id: 'test-result' });
  return el('form', { id: 'test-form', class: 'record', on: { submit: e => submitting(e, async () => {
    const r = await api('/notifications/test', { address: address.value.trim(), language: state.lang });
    outcome(box, r, r.ok ? (r.body.state === 'SENT' ? t('testSent') : t('testNotSent') + ' ' + (r.body.lastError || ''))
      : '');
    if (r.ok) {
      document.getElementById('delivery-list').replaceWith(await deliveryLog());
    }
  }) } },
  el('div', { class: 'row' }, el('label', {}, t('testAddress'), address)),
  el('button', { type: 'submit', id: 'test-send' }, t('sendTest')), box);
}

/** The inbox's route: everyone with an inbox. */
export const inbox = { name: 'inbox', roles: ['BOARD', 'SCHOOL', 'TEACHER'], view: inboxView };
