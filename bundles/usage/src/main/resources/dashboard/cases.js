/*
 * Lesson cases (#/cases, usage module): the board publishes and withdraws cases of lessons using the devices; schools
 * search them and record that they used one (an adoption counts toward the plan's indicator).
 */
import { api, el, loc, outcome, route, section, show, state, submitting, t } from '../../core/kit.js';
import { LEARNING_TYPES, SCENES, SCHOOL_TYPES, failed } from './common.js';

/**
 * Lesson cases: search the published ones (words, scene, subject, grade, school type); a school records that it used
 * one; the board publishes and withdraws them.
 */
export async function casesView(view) {
  const board = state.me.role === 'BOARD';
  const q = el('input', { id: 'case-q', type: 'search', 'aria-label': t('caseWords') });
  const scene = el('select', { id: 'case-scene', 'aria-label': t('scene') }, el('option', { value: '' }, '–'),
    SCENES.map(n => el('option', { value: n }, t('scene') + n)));
  const subject = el('input', { id: 'case-subject', 'aria-label': t('subject') });
  const schoolType = el('select', { id: 'case-school-type', 'aria-label': t('schoolType') },
    el('option', { value: '' }, '–'), SCHOOL_TYPES.map(x => el('option', { value: x }, t('st_' + x))));
  const results = el('div', { id: 'case-results' });
  async function search() {
    const query = new URLSearchParams({ limit: 100 });
    [['q', q], ['scene', scene], ['subject', subject], ['schoolType', schoolType]]
      .filter(([, input]) => input.value.trim()).forEach(([name, input]) => query.set(name, input.value.trim()));
    const r = await api('/usage/cases?' + query);
    show(results, r.ok ? caseList(r.body, board) : failed(r));
    results.dataset.query = query.toString(); // what the list shows now
  }
  const form = el('form', { id: 'case-search', class: 'record', on: { submit: e => submitting(e, search) } },
    el('div', { class: 'row' }, el('label', {}, t('caseWords'), q), el('label', {}, t('scene'), scene),
      el('label', {}, t('subject'), subject), el('label', {}, t('schoolType'), schoolType)),
    el('button', { type: 'submit', id: 'case-search-submit' }, t('search')));
  await search();
  show(view, el('h1', {}, t('casesTitle')), el('p', { class: 'muted' }, t('casesHelp')),
    section('case-list', t('casesTitle'), form, results),
    board ? section('case-new', t('newCase'), caseForm()) : null);
}

function caseList(page, board) {
  if (!page.items.length) {
    return el('p', { class: 'muted' }, t('noCases'));
  }
  return el('div', {}, el('p', { class: 'muted' }, page.total + ' ' + t('casesFound')),
    page.items.map(c => {
      const box = el('div', { class: 'case-result' });
      const act = board
        ? el('button', { type: 'button', class: 'danger', 'data-withdraw': c.id, on: { click: async () => {
          if (!window.confirm(t('withdrawConfirm'))) {
            return;
          }
          const r = await api('/usage/cases/' + c.id, undefined, 'DELETE');
          if (r.ok) {
            route();
          } else {
            outcome(box, r, '');
          }
        } } }, t('withdraw'))
        : el('button', { type: 'button', 'data-adopt': c.id, on: { click: async e => {
          e.target.disabled = true;
          const r = await api('/usage/cases/' + c.id + '/adoptions', { schoolId: state.me.schoolId });
          outcome(box, r, t('adopted'));
          e.target.disabled = false;
        } } }, t('adopt'));
      return el('article', { class: 'case', 'data-case': c.id },
        el('h3', {}, loc(c.title), c.demo ? el('span', { class: 'demo' }, t('demo')) : null),
        el('p', { class: 'muted' }, [c.scenes.map(n => t('scene') + n).join('・'), t('lt_' + c.learningType), c.subject,
          c.grade ? c.grade + t('gradeSuffix') : null, c.schoolType ? t('st_' + c.schoolType) : null,
          c.supportSoftware ? t('supportSoftware') : null].filter(Boolean).join(' · ')),
        el('p', {}, loc(c.summary)),
        el('p', { class: 'muted' }, t('adoptions').replace('{n}', c.adoptions).replace('{schools}', c.adoptingSchools)),
        act, box);
    }));
}

/** The board publishes a case: title and summary in both languages, its scenes and where it fits. */
function caseForm() {
  // Each field named as the API names it, so that a refusal's error shows beside it.
  const text = (id, name, rows) => rows ? el('textarea', { id, name, rows, required: true })
    : el('input', { id, name, required: true });
  const titleJa = text('case-title-ja', 'title.ja');
  const titleEn = text('case-title-en', 'title.en');
  const summaryJa = text('case-summary-ja', 'summary.ja', 4);
  const summaryEn = text('case-summary-en', 'summary.en', 4);
  const scenes = SCENES.map(n => el('label', { class: 'check' }, el('input', { type: 'checkbox', value: n,
    name: 'case-scenes' }), ' ' + t('scene') + n));
  const type = el('select', { id: 'case-learning-type', name: 'learningType', required: true }, LEARNING_TYPES.map(x =>
    el('option', { value: x }, t('lt_' + x))));
  const subject = el('input', { id: 'case-new-subject', name: 'subject', required: true, maxlength: 50 });
  const grade = el('input', { id: 'case-grade', name: 'grade', type: 'number', min: 1, max: 12 });
  const schoolType = el('select', { id: 'case-new-school-type', name: 'schoolType' }, el('option', { value: '' }, '–'),
    SCHOOL_TYPES.map(x => el('option', { value: x }, t('st_' + x))));
  const software = el('input', { type: 'checkbox', id: 'case-software' });
  const box = el('div', { id: 'case-result' });
  return el('form', { id: 'case-form', class: 'record', on: { submit: e => submitting(e, async () => {
    const r = await api('/usage/cases', { title: { ja: titleJa.value, en: titleEn.value },
      summary: { ja: summaryJa.value, en: summaryEn.value },
      scenes: scenes.map(c => c.querySelector('input')).filter(i => i.checked).map(i => Number(i.value)),
      learningType: type.value, subject: subject.value, grade: grade.value === '' ? null : Number(grade.value),
      schoolType: schoolType.value || null, supportSoftware: software.checked });
    outcome(box, r, t('casePublished'));
    if (r.ok) {
      route();
    }
  }) } },
  el('div', { class: 'row' }, el('label', {}, t('titleJa'), titleJa), el('label', {}, t('titleEn'), titleEn)),
  el('label', {}, t('summaryJa'), summaryJa), el('label', {}, t('summaryEn'), summaryEn),
  el('fieldset', { 'data-field': 'scenes' }, el('legend', {}, t('scene')), scenes),
  el('div', { class: 'row' }, el('label', {}, t('learningType'), type), el('label', {}, t('subject'), subject),
    el('label', {}, t('grade'), grade), el('label', {}, t('schoolType'), schoolType),
    el('label', { class: 'check' }, software, ' ' + t('supportSoftware'))),
  el('button', { type: 'submit', id: 'case-submit' }, t('publishCase')), box);
}

