/*
 * The board's plan editor (#/plan-edit): a fiscal year's action plan as the board runs it. Roll a year forward as a
 * draft, change targets and baselines, add, change and remove action items, publish, and read every version of the
 * plan with each field before → after. Every change goes through /api/plan, which numbers it as a new version. A
 * year that has ended is changed only with the board's confirmation (a checkbox, sent as pastYear=true).
 */
import { api, dateText, el, loc, outcome, route, section, show, state, submitting, t } from './kit.js';

/** What the editor takes from the core's frame: the year without a plan, and the year chooser. */
let core = null;

/** The box confirming changes to a year that has ended, while the editor shows one; null otherwise. */
let pastYear = null;

export function connect(frame) {
  core = frame;
}

async function planEditView(view) {
  const fy = state.fy;
  const [actionPlan, plan, versions, proposals] = await Promise.all([api('/plan/action-plans/' + fy), api('/plan'),
    api('/plan/versions'), api('/plan/proposals')]);
  const title = el('h1', {}, t('planEditTitle') + ' — ' + fy);
  const proposed = proposals.ok && proposals.body.length ? proposalsSection(proposals.body) : null;
  if (core.isNoActionPlan(actionPlan)) {
    show(view, title, core.noActionPlan(actionPlan.body), proposed, versionsSection(versions));
    return;
  }
  if (!actionPlan.ok || !plan.ok) {
    show(view, title, el('p', { class: 'error' }, (actionPlan.body && actionPlan.body.detail) || t('noData')));
    return;
  }
  const ap = actionPlan.body;
  show(view, el('h1', {}, t('planEditTitle') + ' — ' + loc(ap.title)),
    pastYearSection(fy),
    statusSection(ap),
    proposed,
    section('plan-indicators', t('indicatorsTitle'), indicatorTable(plan.body.indicators, fy)),
    section('plan-items', t('itemsTitle'), itemList(ap, plan.body.indicators), addItemForm(ap, plan.body.indicators)),
    versionsSection(versions));
}

/**
 * A year that has ended by the platform's clock: a change to its action plan or targets alters the verdicts already
 * given for it, so the platform refuses it (409) unless the board ticks the box, and then records it as confirmed.
 */
function pastYearSection(fy) {
  pastYear = null;
  if (!state.clock || fy >= state.clock.fiscalYear) {
    return null;
  }
  pastYear = el('input', { type: 'checkbox', id: 'past-year' });
  return el('section', { class: 'card notice', id: 'past-year-notice' },
    el('p', {}, el('span', { class: 'badge status-BELOW' }, t('pastYearBadge')), ' ', t('pastYearHelp')),
    el('label', { class: 'check' }, pastYear, ' ' + t('pastYearConfirm')));
}

/** A write's path, carrying the board's confirmation when it changes a year that has ended. */
function confirmed(path) {
  return pastYear && pastYear.checked ? path + '?pastYear=true' : path;
}

/** Draft or published; a draft's publish button. */
function statusSection(ap) {
  const box = el('div', { id: 'publish-result' });
  const draft = ap.status === 'DRAFT';
  return el('section', { class: 'card', id: 'plan-status', 'data-status': ap.status },
    el('p', {}, el('span', { class: 'badge ' + (draft ? 'status-NO_TARGET' : 'status-MET') }, t(draft ? 'draft'
      : 'published')), ' ', t(draft ? 'draftHelp' : 'publishedHelp')),
    draft ? el('button', { type: 'button', id: 'publish', on: { click: async e => {
      e.target.disabled = true;
      const r = await api(confirmed('/plan/action-plans/' + ap.fiscalYear + '/publish'), {});
      outcome(box, r, t('publishedNow'));
      e.target.disabled = false;
      if (r.ok) {
        await core.loadFiscalYears();
        route();
      }
    } } }, t('publish')) : null, box);
}

/** What installed modules propose for the plan and it lacks: each added as proposed with one button. */
function proposalsSection(proposals) {
  return section('plan-proposals', t('proposalsTitle'), el('p', { class: 'muted' }, t('proposalsHelp')),
    el('table', { class: 'indicators' },
      el('thead', {}, el('tr', {}, el('th', {}, t('indicator')), el('th', {}, t('unit')), el('th', {}, t('computedBy')),
        el('th', {}, ''))),
      el('tbody', {}, proposals.map(i => {
        const box = el('div', { id: 'proposal-result-' + i.id });
        return el('tr', { 'data-proposal': i.id },
          el('td', {}, loc(i.name),
            el('div', { class: 'muted' }, i.id + ' · ' + t('policyN').replace('{n}', i.policy)),
            i.definition ? el('div', {}, loc(i.definition)) : null),
          el('td', {}, i.unit), el('td', {}, i.module),
          el('td', {}, el('button', { type: 'button', on: { click: async e => {
            e.target.disabled = true;
            const r = await api('/plan/proposals/' + encodeURIComponent(i.id), {});
            outcome(box, r, t('added'));
            if (r.ok) {
              route();
            } else {
              e.target.disabled = false;
            }
          } } }, t('addToPlan')), box));
      }))));
}

/** Each indicator: its unit, baseline (value and year) and the year's target, edited in place row by row. */
function indicatorTable(indicators, fy) {
  return el('table', { class: 'indicators edit' },
    el('thead', {}, el('tr', {}, el('th', {}, t('indicator')), el('th', {}, t('unit')), el('th', {}, t('baseline')),
      el('th', {}, t('baselineYear')), el('th', {}, t('target') + ' ' + fy), el('th', {}, ''))),
    el('tbody', {}, indicators.map(i => indicatorRow(i, fy))));
}

function indicatorRow(i, fy) {
  const stage = (i.targets || []).find(x => x.fiscalYear === fy);
  const max = i.unit === '%' ? 100 : undefined;
  const baseline = el('input', { type: 'number', step: 'any', min: 0, max, name: 'baseline',
    value: i.baseline ? i.baseline.value : '', 'aria-label': loc(i.name) + ' ' + t('baseline') });
  const baselineYear = el('input', { type: 'number', min: 1990, max: 2100, name: 'baselineYear',
    value: i.baseline ? i.baseline.fiscalYear : '', 'aria-label': loc(i.name) + ' ' + t('baselineYear') });
  const target = el('input', { type: 'number', step: 'any', min: 0, max, name: 'target', value: stage ? stage.value : '',
    'aria-label': loc(i.name) + ' ' + t('target') });
  const box = el('div', { class: 'row-result' });
  const form = el('form', { class: 'inline', id: 'indicator-' + i.id, on: { submit: e => submitting(e, async () => {
    const id = encodeURIComponent(i.id);
    const calls = [];
    const newBaseline = baseline.value === '' ? null : { value: Number(baseline.value),
      fiscalYear: Number(baselineYear.value) };
    if (newBaseline && (!i.baseline || i.baseline.value !== newBaseline.value
        || i.baseline.fiscalYear !== newBaseline.fiscalYear)) {
      calls.push(() => api('/plan/indicators/' + id, { baseline: newBaseline }, 'PUT'));
    }
    if (target.value !== '' && (!stage || stage.value !== Number(target.value))) {
      calls.push(() => api(confirmed('/plan/indicators/' + id + '/targets/' + fy), { value: Number(target.value) },
        'PUT'));
    }
    let last = { ok: true };
    for (const call of calls) {
      last = await call();
      if (!last.ok) {
        break;
      }
    }
    outcome(box, last, calls.length ? t('saved') : t('nothingChanged'));
    if (last.ok && calls.length) {
      route();
    }
  }) } }, el('button', { type: 'submit' }, t('save')), box);
  return el('tr', { 'data-indicator': i.id }, el('td', {}, loc(i.name), el('div', { class: 'muted' }, i.id)),
    el('td', {}, i.unit), el('td', {}, baseline), el('td', {}, baselineYear), el('td', {}, target), el('td', {}, form));
}

/** The action items by measure, each changed or removed in place. */
function itemList(ap, indicators) {
  return ap.policies.flatMap(p => p.measures.map(m => el('div', { class: 'measure', 'data-measure': m.code },
    el('h3', {}, p.number + '. ' + m.number + ' ' + loc(m.title)),
    m.actionItems.map(item => itemForm(ap, item, indicators)))));
}

function itemFields(item, indicators) {
  const actor = el('select', { name: 'actor', required: true }, ['BOARD', 'SCHOOL'].map(a =>
    el('option', { value: a, selected: item && item.actor === a }, t('actor' + a))));
  const priority = el('input', { type: 'checkbox', name: 'priority', checked: item ? item.priority : false });
  const ja = el('textarea', { name: 'ja', rows: 2, maxlength: 2000, required: true }, item ? item.text.ja : '');
  const en = el('textarea', { name: 'en', rows: 2, maxlength: 2000 }, item ? item.text.en : '');
  const chosen = new Set(item ? item.indicatorIds : []);
  const checks = indicators.map(i => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'indicator',
    value: i.id, checked: chosen.has(i.id) }), ' ' + loc(i.name)));
  return { actor, priority, ja, en, checks,
    nodes: [el('label', {}, t('actor'), actor), el('label', { class: 'check' }, priority, ' ' + t('priority')),
      el('label', {}, t('textJa'), ja), el('label', {}, t('textEn'), en),
      el('fieldset', {}, el('legend', {}, t('evidence')), checks)],
    value: () => ({ actor: actor.value, priority: priority.checked, text: { ja: ja.value, en: en.value },
      indicatorIds: checks.map(c => c.querySelector('input')).filter(c => c.checked).map(c => c.value) }) };
}

function itemForm(ap, item, indicators) {
  const fields = itemFields(item, indicators);
  const box = el('div', { class: 'item-result' });
  const path = '/plan/action-plans/' + ap.fiscalYear + '/items/' + encodeURIComponent(item.id);
  return el('details', { class: 'item-edit', 'data-item': item.id },
    el('summary', {}, item.id + ' ' + loc(item.text)),
    el('form', { class: 'record', on: { submit: e => submitting(e, async () => {
      const r = await api(confirmed(path), fields.value(), 'PUT');
      outcome(box, r, t('saved'));
      if (r.ok) {
        route();
      }
    }) } }, fields.nodes,
    el('button', { type: 'submit' }, t('save')),
    el('button', { type: 'button', class: 'danger', on: { click: async () => {
      if (!window.confirm(t('removeItemConfirm').replace('{id}', item.id))) {
        return;
      }
      const r = await api(confirmed(path), undefined, 'DELETE');
      outcome(box, r, t('removed'));
      if (r.ok) {
        route();
      }
    } } }, t('remove')), box));
}

function addItemForm(ap, indicators) {
  const fields = itemFields(null, indicators);
  const id = el('input', { name: 'id', required: true, maxlength: 32, pattern: '[A-Za-z0-9._-]{1,32}',
    placeholder: 'P1-B2' });
  const measure = el('select', { name: 'measure', required: true }, ap.policies.flatMap(p => p.measures.map(m =>
    el('option', { value: m.code }, p.number + '. ' + m.number + ' ' + loc(m.title)))));
  const box = el('div', { id: 'add-item-result' });
  return el('form', { class: 'record', id: 'add-item', on: { submit: e => submitting(e, async () => {
    const r = await api(confirmed('/plan/action-plans/' + ap.fiscalYear + '/items'),
      Object.assign({ id: id.value, measure: measure.value }, fields.value()));
    outcome(box, r, t('added'));
    if (r.ok) {
      route();
    }
  }) } }, el('h3', {}, t('addItem')), el('label', {}, 'ID', id), el('label', {}, t('measure'), measure), fields.nodes,
  el('button', { type: 'submit' }, t('add')), box);
}

/** Every version, newest first: who changed what and when, each field before → after. */
function versionsSection(r) {
  const versions = r.ok ? r.body : [];
  return section('plan-versions', t('versionsTitle'), el('table', { class: 'versions' },
    el('thead', {}, el('tr', {}, el('th', {}, t('version')), el('th', {}, t('when')), el('th', {}, t('who')),
      el('th', {}, t('what')), el('th', {}, t('beforeAfter')))),
    el('tbody', {}, versions.map(v => el('tr', { 'data-version': v.version },
      el('td', { class: 'num' }, String(v.version)), el('td', {}, dateText(v.at, true)), el('td', {}, v.by),
      el('td', {}, t('kind_' + v.kind) + ': ' + (v.summary || '')),
      el('td', {}, v.changes.length ? el('ul', { class: 'changes' }, v.changes.slice(0, 20).map(c =>
        el('li', {}, el('code', {}, c.path), ': ', short(c.before), ' → ', short(c.after))),
      v.changes.length > 20 ? el('li', {}, '… +' + (v.changes.length - 20)) : null) : '–'))))));
}

function short(json) {
  if (json === null || json === undefined) {
    return t('none');
  }
  return json.length > 80 ? json.slice(0, 79) + '…' : json;
}

/** The editor's route: the board only. */
export const planEdit = { name: 'plan-edit', roles: ['BOARD'], view: planEditView };
