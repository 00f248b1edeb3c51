/*
 * High, secondary and special-needs schools' own measures (学校ごとに設定する活用促進に係る主な取組, usage module): the
 * plan's scene targets are for elementary and junior high schools; the others set their own measures for the year
 * with a target and record progress on them. A school does that on its page; the board reads every school's.
 */
import { api, dayText, el, japanTime, outcome, route, section, serverNow, submitting, t } from '../../core/kit.js';
import { failed } from './common.js';

/** The school types that set their own measures (the server refuses the others, saying so). */
const OWN_MEASURE_TYPES = ['HIGH', 'SECONDARY', 'SPECIAL_NEEDS'];

/** A school's card: its measures of the year, progress on each, and a measure added; null for other school types. */
export async function schoolCard({ fy, schoolId }) {
  const school = await api('/schools/' + encodeURIComponent(schoolId));
  if (!school.ok || !OWN_MEASURE_TYPES.includes(school.body.type)) {
    return null;
  }
  const r = await api('/usage/schools/' + encodeURIComponent(schoolId) + '/measures?fiscalYear=' + fy);
  return section('own-measures', t('measuresTitle'), el('p', { class: 'muted' }, t('measuresHelp')),
    r.ok ? (r.body.length ? r.body.map(measureView) : el('p', { class: 'muted' }, t('noMeasures'))) : failed(r),
    addForm(fy, schoolId));
}

/** The board's card: every school's measures of the year with the latest progress on each. */
export async function cityCard({ fy }) {
  const r = await api('/usage/measures?fiscalYear=' + fy);
  if (!r.ok) {
    return section('city-own-measures', t('measuresTitle'), failed(r));
  }
  return section('city-own-measures', t('measuresTitle'), r.body.length ? el('table', { class: 'figures' },
    el('thead', {}, el('tr', {}, el('th', {}, t('school')), el('th', {}, t('measureText')),
      el('th', {}, t('measureTarget')), el('th', {}, t('latestProgress')), el('th', {}, t('percentReached')))),
    el('tbody', {}, r.body.map(m => {
      const last = m.updates.length ? m.updates[m.updates.length - 1] : null;
      return el('tr', { 'data-measure': m.id },
        el('td', {}, el('a', { href: '#/school/' + encodeURIComponent(m.schoolId) }, m.schoolId)),
        el('td', {}, m.text, m.demo ? el('span', { class: 'demo' }, t('demo')) : null), el('td', {}, m.target),
        el('td', {}, last ? dayText(last.date) + ' ' + last.progress : t('noProgress')),
        el('td', { class: 'num', 'data-value': last && last.percent !== null ? last.percent : '' },
          last && last.percent !== null ? last.percent + '%' : '–'));
    }))) : el('p', { class: 'muted' }, t('noMeasures')));
}

/** One measure: its target, its progress so far (newest first) and the form that records more. */
function measureView(m) {
  // Today, or the last day of the measure's fiscal year once that is over (progress belongs to its year).
  const today = japanTime(serverNow().toISOString());
  const yearEnd = (m.fiscalYear + 1) + '-03-31';
  const date = el('input', { type: 'date', id: 'progress-date-' + m.id, name: 'date', required: true,
    value: today < yearEnd ? today : yearEnd });
  const progress = el('textarea', { id: 'progress-text-' + m.id, name: 'progress', rows: 2, required: true,
    maxlength: 1000 });
  const percent = el('input', { type: 'number', id: 'progress-percent-' + m.id, name: 'percent', min: 0, max: 100 });
  const box = el('div', { class: 'outcome' });
  return el('article', { class: 'own-measure', 'data-measure': m.id },
    el('h3', {}, m.text, m.demo ? el('span', { class: 'demo' }, t('demo')) : null),
    el('p', {}, t('measureTarget') + ': ' + m.target),
    m.updates.length ? el('ul', { class: 'updates' }, m.updates.slice().reverse().map(u => el('li', {},
      dayText(u.date) + (u.percent === null ? '' : ' (' + u.percent + '%)') + ' ' + u.progress)))
      : el('p', { class: 'muted' }, t('noProgress')),
    el('form', { class: 'record', 'data-progress-form': m.id, on: { submit: e => submitting(e, async () => {
      const r = await api('/usage/measures/' + m.id + '/updates', { date: date.value, progress: progress.value,
        percent: percent.value === '' ? null : Number(percent.value) });
      outcome(box, r, t('progressRecorded'));
      if (r.ok) {
        route();
      }
    }) } },
    el('div', { class: 'row' }, el('label', {}, t('progressDate'), date),
      el('label', {}, t('percentReached'), percent)),
    el('label', {}, t('progressText'), progress),
    el('button', { type: 'submit' }, t('recordProgress')), box));
}

/** A new measure of the year: what the school will do and the target it sets itself. */
function addForm(fy, schoolId) {
  const text = el('textarea', { id: 'measure-text', name: 'text', rows: 2, required: true, maxlength: 1000 });
  const target = el('input', { id: 'measure-target', name: 'target', required: true, maxlength: 500 });
  const box = el('div', { class: 'outcome' });
  return el('form', { id: 'measure-form', class: 'record', on: { submit: e => submitting(e, async () => {
    const r = await api('/usage/schools/' + encodeURIComponent(schoolId) + '/measures',
      { fiscalYear: fy, text: text.value, target: target.value });
    outcome(box, r, t('measureAdded'));
    if (r.ok) {
      route();
    }
  }) } },
  el('h3', {}, t('addMeasure')), el('label', {}, t('measureText'), text), el('label', {}, t('measureTarget'), target),
  el('button', { type: 'submit', id: 'measure-submit' }, t('addMeasure')), box);
}
