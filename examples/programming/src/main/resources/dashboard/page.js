/*
 * The programming-lessons module's page (worked example of the plugin guide): a school's classes with their lessons in
 * the term, the year's lessons, and a form to record one. The dashboard imports it while the module is installed.
 */
import { api, el, outcome, route, section, show, state, submitting, t } from '../../core/kit.js';

export const texts = {
  ja: {
    navProgramming: 'プログラミング', programmingTitle: 'プログラミングの授業', programmingClasses: '今期の学級ごとの授業',
    programmingLessons: 'この年度の授業', programmingAdd: '授業を記録', pgGrade: '学年', pgClass: '組・学級', pgDay: '日',
    pgUnit: '単元', pgHours: '時数', pgTools: '教材（カンマ区切り）', pgCount: '回数', pgReached: '目標回数',
    pgNone: 'まだ記録がありません。', pgSaved: '記録しました。', pgShare: '{n}回以上の学級: {c} / {all}'
  },
  en: {
    navProgramming: 'Programming', programmingTitle: 'Programming lessons', programmingClasses: 'Classes this term',
    programmingLessons: 'This year\'s lessons', programmingAdd: 'Record a lesson', pgGrade: 'Grade', pgClass: 'Class',
    pgDay: 'Day', pgUnit: 'Unit', pgHours: 'Hours', pgTools: 'Tools (comma-separated)', pgCount: 'Lessons',
    pgReached: 'Reached', pgNone: 'Nothing recorded yet.', pgSaved: 'Recorded.', pgShare: 'Classes with {n} or more: {c} of {all}'
  }
};

export const routes = [
  { name: 'programming', roles: ['SCHOOL', 'TEACHER'], nav: 'navProgramming', view: lessonsView }
];

async function lessonsView(view) {
  const school = encodeURIComponent(state.me.schoolId);
  const q = '?fiscalYear=' + state.fy;
  const [lessons, classes, share] = await Promise.all([api('/programming/schools/' + school + '/lessons' + q),
    api('/programming/schools/' + school + '/classes' + q), api('/programming/share' + q + '&schoolId=' + school)]);
  const s = share.ok ? share.body : null;
  const grade = el('input', { type: 'number', name: 'grade', min: 1, max: 12, required: true });
  const klass = el('input', { name: 'className', maxlength: 20, required: true });
  const day = el('input', { type: 'date', name: 'day', required: true });
  const unit = el('input', { name: 'unit', maxlength: 200, required: true });
  const hours = el('input', { type: 'number', name: 'hours', min: 1, max: 10, value: 1, required: true });
  const tools = el('input', { name: 'tools', maxlength: 500, placeholder: 'Scratch, micro:bit' });
  const box = el('div', { id: 'programming-result' });
  const none = el('p', { class: 'muted' }, t('pgNone'));
  show(view, el('h1', {}, t('programmingTitle') + ' — ' + state.fy),
    s ? el('p', { id: 'programming-share' }, t('pgShare').replace('{n}', s.minimumLessons)
      .replace('{c}', s.classesCounted).replace('{all}', s.classes)) : null,
    section('programming-classes', t('programmingClasses'), classes.ok && classes.body.length
      ? el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t('pgClass')), el('th', {}, t('pgCount')),
        el('th', {}, t('pgHours')), el('th', {}, t('pgReached')))),
      el('tbody', {}, classes.body.map(c => el('tr', { 'data-class': c.classRef }, el('td', {}, c.classRef),
        el('td', { class: 'num' }, c.lessons), el('td', { class: 'num' }, c.hours), el('td', {}, c.counted ? '✓' : '')))))
      : none),
    section('programming-lessons', t('programmingLessons'), lessons.ok && lessons.body.length
      ? el('table', {}, el('tbody', {}, lessons.body.map(l => el('tr', { 'data-lesson': l.id }, el('td', {}, l.day),
        el('td', {}, l.grade + '-' + l.className), el('td', {}, l.unit), el('td', { class: 'num' }, l.hours),
        el('td', {}, l.tools.join(', '))))))
      : none.cloneNode(true)),
    section('programming-add', t('programmingAdd'), el('form', { id: 'programming-form', class: 'record', on: { submit: e =>
      submitting(e, async () => {
        const made = await api('/programming/schools/' + school + '/lessons', { grade: Number(grade.value),
          className: klass.value, day: day.value, unit: unit.value, hours: Number(hours.value),
          tools: tools.value.split(',').map(x => x.trim()).filter(x => x) });
        outcome(box, made, t('pgSaved'));
        if (made.ok) {
          route();
        }
      }) } },
    el('div', { class: 'row' }, el('label', {}, t('pgGrade'), grade), el('label', {}, t('pgClass'), klass),
      el('label', {}, t('pgDay'), day), el('label', {}, t('pgHours'), hours)),
    el('label', {}, t('pgUnit'), unit), el('label', {}, t('pgTools'), tools),
    el('button', { type: 'submit' }, t('programmingAdd')), box)));
}
