/*
 * The ${moduleClass} module's dashboard page: a school's records of this fiscal year and a form to add one. The
 * dashboard imports it while the module is installed; its words are in Japanese and English.
 */
import { api, el, outcome, route, section, show, state, submitting, t } from '../../core/kit.js';

export const texts = {
  ja: {
    nav${moduleClass}: '${moduleClass}', title${moduleClass}: '${moduleClass}の記録', day: '実施日', what: '内容',
    hours: '時間数', add: '記録する', none: 'この年度の記録はまだありません。', saved: '記録しました。'
  },
  en: {
    nav${moduleClass}: '${moduleClass}', title${moduleClass}: '${moduleClass} records', day: 'Day', what: 'What',
    hours: 'Hours', add: 'Record', none: 'No records in this fiscal year yet.', saved: 'Recorded.'
  }
};

export const routes = [
  { name: '${moduleId}', roles: ['SCHOOL'], nav: 'nav${moduleClass}', view: recordsView }
];

async function recordsView(view) {
  const school = state.me.schoolId;
  const path = '/${moduleId}/schools/' + encodeURIComponent(school) + '/records';
  const r = await api(path + '?fiscalYear=' + state.fy);
  const records = r.ok ? r.body : [];
  const day = el('input', { type: 'date', name: 'day', required: true });
  const title = el('input', { name: 'title', maxlength: 200, required: true });
  const hours = el('input', { type: 'number', name: 'hours', min: 1, max: 20, value: 1, required: true });
  const box = el('div', { id: '${moduleId}-result' });
  show(view, el('h1', {}, t('title${moduleClass}') + ' — ' + state.fy),
    section('${moduleId}-records', t('title${moduleClass}'), records.length
      ? el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t('day')), el('th', {}, t('what')),
        el('th', {}, t('hours')))), el('tbody', {}, records.map(x => el('tr', { 'data-record': x.id },
        el('td', {}, x.day), el('td', {}, x.title), el('td', { class: 'num' }, x.hours)))))
      : el('p', { class: 'muted' }, t('none'))),
    section('${moduleId}-add', t('add'), el('form', { id: '${moduleId}-form', class: 'record', on: { submit: e =>
      submitting(e, async () => {
        const made = await api(path, { day: day.value, title: title.value, hours: Number(hours.value) });
        outcome(box, made, t('saved'));
        if (made.ok) {
          route();
        }
      }) } },
    el('div', { class: 'row' }, el('label', {}, t('day'), day), el('label', {}, t('what'), title),
      el('label', {}, t('hours'), hours)),
    el('button', { type: 'submit' }, t('add')), box)));
}
