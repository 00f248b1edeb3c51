/*
 * The board's roster (part of #/admin): a OneRoster 1.2 CSV set (Japan Profile) as a zip, tried first (a dry run
 * lists what would change, school by school) and then imported, all or nothing; errors name file, line and column.
 * Below, the roster as it stands: each school's homeroom classes, teachers and learners.
 */
import { api, el, outcome, show, submitting, t } from './kit.js';

/** The roster card: the upload form and the roster by school. */
export async function rosterSection() {
  const summary = await api('/roster/schools');
  return [el('p', { class: 'muted' }, t('rosterHelp')), rosterForm(), rosterTable(summary.ok ? summary.body : [])];
}

function rosterForm() {
  const file = el('input', { id: 'roster-file', name: 'file', type: 'file', accept: '.zip,application/zip', required: true });
  const box = el('div', { id: 'roster-result', 'aria-live': 'polite' });
  const send = dryRun => async () => {
    const zip = file.files[0];
    if (!zip) {
      show(box, el('p', { class: 'error', role: 'alert' }, t('rosterChoose')));
      return;
    }
    const r = await api('/roster/import?dryRun=' + dryRun, zip);
    if (!r.ok) {
      outcome(box, r, '');
      return;
    }
    show(box, changeTable(r.body));
    if (!dryRun) {
      const summary = await api('/roster/schools');
      const list = document.getElementById('roster-list');
      if (list && summary.ok) {
        list.replaceWith(rosterTable(summary.body));
      }
    }
  };
  let dry = true;
  return el('form', { id: 'roster-form', class: 'record', on: { submit: e => submitting(e, send(dry)) } },
    el('label', {}, t('rosterFile'), file),
    el('div', { class: 'row' },
      el('button', { type: 'submit', id: 'roster-try', on: { click: () => { dry = true; } } }, t('rosterTry')),
      el('button', { type: 'submit', id: 'roster-import', on: { click: () => { dry = false; } } }, t('rosterImport'))),
    box);
}

/** What an import changed, or would: one row per school. */
function changeTable(change) {
  const head = el('p', { class: change.applied ? 'ok' : 'muted', role: 'status' },
    (change.applied ? t('rosterApplied') : t('rosterPreview')) + ' '
    + Object.entries(change.modes).map(([f, m]) => f + ' (' + m + ')').join(', '));
  if (!change.schools.length) {
    return el('div', { id: 'roster-change' }, head, el('p', {}, t('nothingChanged')));
  }
  const list = xs => xs.length ? xs.join('、') : '–';
  return el('div', { id: 'roster-change' }, head,
    el('table', {},
      el('thead', {}, el('tr', {}, ['school', 'rosterClassesAdded', 'rosterClassesRemoved', 'rosterTeachersAdded',
        'rosterTeachersRemoved', 'rosterLearners', 'rosterEnrollments'].map(k => el('th', {}, t(k))))),
      el('tbody', {}, change.schools.map(s => el('tr', { 'data-school': s.schoolId },
        el('th', { scope: 'row' }, s.schoolId + (s.newSchool ? ' ' + t('rosterNewSchool') : '')),
        el('td', {}, list(s.classesAdded)), el('td', {}, list(s.classesRemoved)),
        el('td', {}, list(s.teachersAdded)), el('td', {}, list(s.teachersRemoved)),
        el('td', {}, s.learnersBefore + ' → ' + s.learnersAfter + ' (+' + s.learnersAdded + ' / −' + s.learnersRemoved + ')'),
        el('td', {}, '+' + s.enrollmentsAdded + ' / ±' + s.enrollmentsChanged + ' / −' + s.enrollmentsRemoved))))),
    change.ignoredFiles.length ? el('p', { class: 'muted' }, t('rosterIgnored') + ' ' + change.ignoredFiles.join(', '))
      : null);
}

function rosterTable(schools) {
  if (!schools.length) {
    return el('p', { class: 'muted', id: 'roster-list' }, t('rosterEmpty'));
  }
  return el('table', { id: 'roster-list' },
    el('thead', {}, el('tr', {}, ['school', 'rosterClasses', 'rosterTeachers', 'rosterLearners'].map(k => el('th', {}, t(k))))),
    el('tbody', {}, schools.map(s => el('tr', { 'data-school': s.schoolId }, el('th', { scope: 'row' }, s.schoolId),
      el('td', {}, String(s.classes)), el('td', {}, String(s.teachers)), el('td', {}, String(s.learners))))));
}
