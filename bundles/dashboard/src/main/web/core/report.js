/*
 * The fiscal year's report (#/report): per basic policy, each indicator with target, value and a chart, the board's
 * evaluation (written here by the board), and each action item with its indicators; the server renders it as a PDF
 * (Japanese font embedded) and a CSV. And the page for families (#/families, public): what the board publishes of
 * the year, in plain words, beside what the installed modules add for families.
 */
import { api, chart, dateText, el, loc, notInstalled, outcome, section, show, state, statusBadge, submitting, t }
  from './kit.js';

/**
 * What the report takes from the core's frame: the indicator table, the year without a plan, the modules' sections
 * and their drawing.
 */
let core = null;

export function connect(frame) {
  core = frame;
}

/** The caller's school for a school's report, or '' for the city's (the board's, and the public's). */
function schoolQuery() {
  return state.me && state.me.role !== 'BOARD' && state.me.schoolId
    ? '&school=' + encodeURIComponent(state.me.schoolId) : '';
}

/** Links that download the report as the server renders it, in the page's language. */
function fileLinks(query) {
  const base = '/api/report/';
  const tail = '?fiscalYear=' + state.fy + query + '&lang=' + state.lang;
  return el('div', { class: 'report-tools no-print' },
    el('a', { class: 'button', id: 'report-pdf', href: base + 'pdf' + tail, download: '' }, t('downloadPdf')),
    el('a', { class: 'button', id: 'report-csv', href: base + 'csv' + tail, download: '' }, t('downloadCsv')),
    el('button', { type: 'button', id: 'print', on: { click: () => window.print() } }, t('printPage')));
}

async function reportView(view) {
  const query = schoolQuery();
  const [r, evaluations] = await Promise.all([api('/progress?fiscalYear=' + state.fy + query),
    api('/report/evaluations?fiscalYear=' + state.fy)]);
  if (core.isNoActionPlan(r)) {
    show(view, el('h1', {}, t('reportTitle') + ' — ' + loc(r.body.fiscalYearLabel)), core.noActionPlan(r.body));
    return;
  }
  if (!r.ok) {
    show(view, el('p', { class: 'error' }, (r.body && r.body.detail) || t('noData')));
    return;
  }
  const report = r.body;
  const written = new Map((evaluations.ok ? evaluations.body : []).map(e => [e.policy, e]));
  const charts = [];
  show(view, fileLinks(query),
    el('article', { class: 'report', id: 'report' },
      el('h1', {}, t('reportTitle') + ' — ' + loc(report.fiscalYearLabel) + (report.school ? ' — ' + report.school : '')),
      el('p', { class: 'muted' }, t('computedAt') + ': ' + dateText(report.computedAt, true, true) + ' JST'
        + (report.demo ? ' · ' + t('demo') : '')),
      report.policies.map(p => {
        const box = el('div', { class: 'chart report-chart', 'data-policy-chart': p.number, role: 'img',
          'aria-label': t('chartText') });
        charts.push([box, p]);
        return section('report-policy-' + p.number, p.number + '. ' + loc(p.title),
          p.modules.length ? null : notInstalled(), evaluation(report.fiscalYear, p.number, written.get(p.number)),
          core.indicatorTable(p.indicators), box,
          el('table', { class: 'items-table' },
            el('thead', {}, el('tr', {}, el('th', {}, t('actionItem')), el('th', {}, t('actor')),
              el('th', {}, t('indicator')), el('th', {}, t('status')))),
            el('tbody', {}, p.measures.flatMap(m => m.actionItems).map(a => el('tr', { 'data-item': a.id },
              el('td', {}, a.id + ' ' + loc(a.text)), el('td', {}, t('actor' + a.actor)),
              el('td', {}, a.indicators.map(i => loc(i.name)).join(' / ') || '–'),
              el('td', { 'data-value': a.indicators.map(i => t('status_' + i.status)).join(' / ') || '–' },
                a.indicators.length ? a.indicators.map(i => statusBadge(i.status)) : '–'))))));
      })));
  charts.forEach(([box, p]) => indicatorChart(box, p.indicators));
  view.querySelectorAll('[data-policy-chart]').forEach(b => { b.dataset.ready = 'true'; });
}

/**
 * The board's evaluation of a policy: the board writes and saves it here (an empty text removes it); everyone else
 * reads it.
 */
function evaluation(fiscalYear, policy, written) {
  const text = written ? written.text : '';
  if (!state.me || state.me.role !== 'BOARD') {
    return el('div', { class: 'evaluation', 'data-evaluation': policy },
      el('h3', {}, t('evaluation')),
      text ? paragraphs(text) : el('p', { class: 'muted' }, t('noEvaluation')));
  }
  const id = 'evaluation-' + policy;
  const area = el('textarea', { id, name: 'text', rows: 4, maxlength: 2000 }, text);
  const box = el('div', { class: 'outcome', role: 'status' });
  const saved = el('p', { class: 'muted', 'data-saved': policy },
    written ? t('savedAt') + ': ' + dateText(written.updatedAt, true) : t('noEvaluation'));
  return el('form', { class: 'evaluation', 'data-evaluation': policy, on: { submit: e => submitting(e, async () => {
    const r = await api('/report/evaluations/' + policy + '?fiscalYear=' + fiscalYear, { text: area.value }, 'PUT');
    outcome(box, r, t('evaluationSaved'));
    if (r.ok) {
      saved.textContent = r.status === 204 ? t('noEvaluation') : t('savedAt') + ': ' + dateText(r.body.updatedAt, true);
    }
  }) } },
  el('label', { for: id }, t('evaluation')), area,
  el('button', { type: 'submit', id: 'save-evaluation-' + policy }, t('save')), saved, box);
}

/** Value beside target for each indicator of a policy; the table above is its text equivalent. */
function indicatorChart(container, indicators) {
  const shown = indicators.filter(i => i.value !== null || i.target);
  container.style.height = Math.max(160, 50 + shown.length * 34) + 'px';
  chart(container, {
    animation: false,
    legend: { data: [t('value'), t('target')] },
    grid: { left: 230, right: 30, top: 30, bottom: 20 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: shown.map(i => loc(i.name)),
      axisLabel: { width: 220, overflow: 'truncate' } },
    series: [{ name: t('value'), type: 'bar', data: shown.map(i => i.value), label: { show: true, position: 'right' } },
      { name: t('target'), type: 'bar', data: shown.map(i => i.target ? i.target.value : null) }]
  });
}

/**
 * For families: each basic policy of the year in plain words (how many of its indicators met their target, the
 * board's evaluation), the report to download, and what the installed modules publish for families.
 */
async function familiesView(view) {
  const [r, evaluations] = await Promise.all([api('/progress?fiscalYear=' + state.fy),
    api('/report/evaluations?fiscalYear=' + state.fy)]);
  if (core.isNoActionPlan(r)) {
    show(view, el('h1', {}, t('familiesTitle')), core.noActionPlan(r.body));
    return;
  }
  const parts = await core.sharedSections('families', { fy: state.fy });
  const written = new Map((evaluations.ok ? evaluations.body : []).map(e => [e.policy, e.text]));
  show(view,
    el('h1', { id: 'families-title' }, t('familiesTitle') + ' — ' + (r.ok ? loc(r.body.fiscalYearLabel) : '')),
    el('p', {}, t('familiesIntro')),
    r.ok ? r.body.policies.map(p => {
      const judged = p.indicators.filter(i => i.status === 'MET' || i.status === 'BELOW');
      const met = judged.filter(i => i.status === 'MET').length;
      return el('section', { class: 'card', id: 'families-policy-' + p.number, 'data-policy': p.number },
        el('h2', {}, p.number + '. ' + loc(p.title)),
        el('p', { class: 'families-summary' }, judged.length
          ? t('familiesMet').replace('{met}', met).replace('{judged}', judged.length)
          : t('familiesNotJudged')),
        written.get(p.number)
          ? el('div', { class: 'evaluation' }, el('h3', {}, t('evaluation')), paragraphs(written.get(p.number)))
          : null);
    }) : el('p', { class: 'error' }, (r.body && r.body.detail) || t('noData')),
    fileLinks(''),
    parts.map(p => p.cards));
  core.drawAll(parts);
}

/** The board's evaluation as written: a paragraph per line. */
function paragraphs(text) {
  return text.split('\n').map(line => el('p', {}, line));
}

export const report = { name: 'report', roles: ['BOARD', 'SCHOOL', 'TEACHER', 'AGENT'], view: reportView };
export const families = { name: 'families', roles: null, view: familiesView };
