/*
 * The training module's dashboard page (basic policy 2): teachers' ICT instruction skills for the city and a school
 * (rates per category beside last year's), and a teacher's own self-assessment with generative-AI and
 * learning-history use. Served by the training bundle; the dashboard imports it while the module is installed.
 */
import { api, chart, el, loc, notInstalled, outcome, percent, route, section, show, state, submitting,
  t } from '../../core/kit.js';

/** The words of this page, in Japanese and English. */
export const texts = {
  ja: {
    ratesTitle: '教員のICT活用指導力（3・4と回答した割合 %）', lastYear: '前年度', thisYear: '今年度', suppressed: '5人未満のため非表示',
    navChecklist: '自己評価', checklistTitle: '教員のICT活用指導力チェックリスト', myScores: 'わたしの結果（3・4の割合）',
    notAnswered: 'まだ回答していません。', answer4: 'できる', answer3: 'ややできる', answer2: 'あまりできない', answer1: 'ほとんどできない',
    genaiUse: '校務での生成AIの利用', historyUse: '学習履歴（デジタルドリル等）の活用', freq_DAILY: 'ほぼ毎日', freq_WEEKLY: '週1回以上',
    freq_MONTHLY: '月1回以上', freq_RARELY: '月1回未満', freq_NEVER: '利用していない'
  },
  en: {
    ratesTitle: 'Teachers\u2019 ICT instruction skills (% answering 3 or 4)', lastYear: 'Last year',
    thisYear: 'This year', suppressed: 'hidden: fewer than 5', navChecklist: 'Self-assessment',
    checklistTitle: 'ICT instruction skills checklist', myScores: 'My results (% answering 3 or 4)',
    notAnswered: 'Not answered yet.', answer4: 'Can do', answer3: 'Can mostly do', answer2: 'Can hardly do',
    answer1: 'Cannot do', genaiUse: 'Generative AI in my work',
    historyUse: 'Learning histories (digital drills and similar)', freq_DAILY: 'Almost every day',
    freq_WEEKLY: 'At least once a week', freq_MONTHLY: 'At least once a month', freq_RARELY: 'Less than monthly',
    freq_NEVER: 'Never'
  }
};

export const routes = [{ name: 'checklist', roles: ['TEACHER'], nav: 'navChecklist', view: checklistView }];

export const sections = {
  async city({ fy }) {
    const rates = await api('/training/rates?fiscalYear=' + fy);
    const bars = el('div', { class: 'chart', id: 'rates-chart' });
    return {
      cards: [section('rates', t('ratesTitle'), rates.ok ? [bars, rates.body.suppressed ? null : ratesTable(rates.body)]
        : el('p', { class: 'muted' }, t('noData')))],
      draw() {
        if (rates.ok) {
          ratesChart(bars, rates.body);
        }
      }
    };
  },

  async school({ fy, schoolId }) {
    const rates = await api('/training/schools/' + encodeURIComponent(schoolId) + '/rates?fiscalYear=' + fy);
    const bars = el('div', { class: 'chart', id: 'school-rates-chart' });
    const suppressed = rates.ok && rates.body.suppressed;
    return {
      cards: [section('school-rates', t('ratesTitle'), suppressed ? el('p', { class: 'muted' }, t('suppressed'))
        : [bars, rates.ok ? ratesTable(rates.body) : null])],
      draw() {
        if (rates.ok && !suppressed) {
          ratesChart(bars, rates.body);
        }
      }
    };
  }
};

function ratesChart(container, rates) {
  chart(container, {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('lastYear'), t('thisYear')] },
    xAxis: { type: 'category', data: rates.categories.map(c => c.code + ' ' + loc(c.label)),
      axisLabel: { interval: 0, width: 120, overflow: 'truncate' } },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [{ name: t('lastYear'), type: 'bar', data: rates.categories.map(c => c.previous) },
      { name: t('thisYear'), type: 'bar', data: rates.categories.map(c => c.rate), label: { show: true, position: 'top' } }]
  });
}

/** Skill rates per category beside last year's, as a table (CSV, screen readers). */
function ratesTable(rates) {
  return el('details', {}, el('summary', {}, t('figures')), el('table', { class: 'figures' },
    el('thead', {}, el('tr', {}, el('th', {}, t('category')), el('th', {}, t('lastYear')), el('th', {}, t('thisYear')),
      el('th', {}, t('change')))),
    el('tbody', {}, rates.categories.map(c => el('tr', { 'data-category': c.code },
      el('td', {}, c.code + ' ' + loc(c.label)), el('td', { class: 'num', 'data-value': c.previous ?? '' }, percent(c.previous)),
      el('td', { class: 'num', 'data-value': c.rate ?? '' }, percent(c.rate)),
      el('td', { class: 'num' }, c.change === null || c.change === undefined ? '–' : (c.change > 0 ? '+' : '') + c.change))))));
}

/**
 * A teacher's own survey of the year: the MEXT checklist (1–4 per item, last answers shown), and how often they use
 * generative AI and learning histories; their category scores beside last year's once answered.
 */
async function checklistView(view) {
  const school = encodeURIComponent(state.me.schoolId);
  const teacher = state.me.teacherId;
  // Answers given today belong to today's fiscal year (the server's rule): this page is always about that year.
  const year = state.clock.fiscalYear;
  const [checklist, mine] = await Promise.all([api('/training/checklist'),
    api('/training/schools/' + school + '/teachers/' + encodeURIComponent(teacher) + '?fiscalYear=' + year)]);
  if (checklist.status === 404) {
    show(view, notInstalled());
    return;
  }
  const answers = mine.ok ? mine.body.answers : {};
  const box = el('div', { id: 'checklist-result' });
  const items = checklist.ok ? checklist.body.categories.flatMap(c => c.items) : [];
  const scale = [4, 3, 2, 1];
  const form = el('form', { id: 'checklist-form', class: 'record', on: { submit: e => submitting(e, async () => {
    const given = {};
    items.forEach(i => {
      const checked = e.target.querySelector('input[name="' + i.code + '"]:checked');
      if (checked) {
        given[i.code] = Number(checked.value);
      }
    });
    const frequency = (name) => e.target.querySelector('select[name="' + name + '"]').value;
    const calls = [api('/training/schools/' + school + '/assessments',
      [{ teacherId: teacher, answers: given }])];
    if (frequency('genai')) {
      calls.push(api('/training/schools/' + school + '/genai',
        [{ teacherId: teacher, frequency: frequency('genai'), purposes: [] }]));
    }
    if (frequency('history')) {
      // Learning histories are the environment module's: a 404 there means it is not installed, nothing lost here.
      calls.push(api('/environment/learning-history/schools/' + school + '/uses',
        [{ teacherId: teacher, frequency: frequency('history') }]));
    }
    const results = await Promise.all(calls);
    const failed = results.find(r => !r.ok && r.status !== 404);
    outcome(box, failed || results[0], t('recorded'));
    if (!failed) {
      route();
    }
  }) } },
  checklist.ok ? checklist.body.categories.map(c => el('fieldset', { 'data-category': c.code },
    el('legend', {}, c.code + ' ' + loc(c.title)),
    c.items.map(i => el('div', { class: 'item', 'data-item': i.code }, el('p', {}, i.code + ' ' + loc(i.text)),
      el('div', { class: 'scale' }, scale.map(v => el('label', { class: 'check' },
        el('input', { type: 'radio', name: i.code, value: v, required: true, checked: answers[i.code] === v }),
        ' ' + t('answer' + v)))))))) : null,
  ['genai', 'history'].map(name => el('label', {}, t(name === 'genai' ? 'genaiUse' : 'historyUse'),
    el('select', { name }, el('option', { value: '' }, '–'),
      ['DAILY', 'WEEKLY', 'MONTHLY', 'RARELY', 'NEVER'].map(f => el('option', { value: f }, t('freq_' + f)))))),
  el('button', { type: 'submit', id: 'checklist-submit' }, t('record')), box);
  const scores = mine.ok ? el('table', { class: 'scores' },
    el('thead', {}, el('tr', {}, el('th', {}, t('category')), el('th', {}, t('lastYear')), el('th', {}, t('thisYear')))),
    el('tbody', {}, mine.body.categories.map(c => el('tr', { 'data-category': c.category },
      el('td', {}, c.category + ' ' + loc(c.title)), el('td', { class: 'num' }, percent(c.previousRate)),
      el('td', { class: 'num' }, percent(c.rate)))))) : el('p', { class: 'muted' }, t('notAnswered'));
  show(view, el('h1', {}, t('checklistTitle') + ' — ' + loc(state.clock.fiscalYearLabel)),
    section('checklist-scores', t('myScores'), scores), section('checklist', t('checklistTitle'), form));
}
