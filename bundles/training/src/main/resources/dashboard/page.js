/*
 * The training module's dashboard page (basic policy 2): teachers' ICT instruction skills for the city and a school
 * (rates per category beside last year's), and a teacher's own self-assessment with generative-AI and
 * learning-history use. Served by the training bundle; the dashboard imports it while the module is installed.
 */
import { api, chart, dayText, el, loc, notInstalled, outcome, percent, route, section, show, state, submitting,
  t } from '../../core/kit.js';

/** The words of this page, in Japanese and English. */
export const texts = {
  ja: {
    whoEnrolled: '申込者と出欠', noEnrolments: '申込はありません。',
    ratesTitle: '教員のICT活用指導力（3・4と回答した割合 %）', lastYear: '前年度', thisYear: '今年度', suppressed: '5人未満のため非表示',
    navChecklist: '自己評価', checklistTitle: '教員のICT活用指導力チェックリスト', myScores: 'わたしの結果（3・4の割合）',
    notAnswered: 'まだ回答していません。', answer4: 'できる', answer3: 'ややできる', answer2: 'あまりできない', answer1: 'ほとんどできない',
    genaiUse: '校務での生成AIの利用', historyUse: '学習履歴（デジタルドリル等）の活用', freq_DAILY: 'ほぼ毎日', freq_WEEKLY: '週1回以上',
    freq_MONTHLY: '月1回以上', freq_RARELY: '月1回未満', freq_NEVER: '利用していない',
    navTrainings: '研修', trainingsTitle: '研修', coursesTitle: '研修講座と日程', newCourse: '研修講座を追加',
    noCourses: '研修講座はありません。', noSessions: '日程はまだありません。', heldOnTraining: '実施日', place: '会場',
    capacity: '定員', enrolled: '申込', attended: '受講', absent: '欠席', teacher: '教員', enrol: '申し込む',
    markAttended: '受講を記録', enrolledNow: '申し込みました', attendedNow: '受講を記録しました', addSession: '日程を追加',
    sessionAdded: '日程を追加しました', courseAdded: '講座を追加しました', addCourse: '講座を追加', kind: '種類', level: '段階',
    categories: '区分', inSchoolOf: '校内研修', cityWide: '市全体', titleJaTraining: '講座名（日本語）', titleEnTraining: '講座名（英語）',
    kind_BOARD_COURSE: '教育委員会研修', kind_IN_SCHOOL: '校内研修', kind_ONLINE_PEER: 'オンラインでの学び合い', kind_GENAI: '生成AI研修',
    level_BASIC: '初級', level_STANDARD: '中級', level_ADVANCED: '上級', recommendationsTitle: 'おすすめの研修',
    answerFirst: 'チェックリストに回答すると、おすすめの研修が表示されます。', weakest: '伸ばしたい区分', stage: '段階',
    recordTitleTraining: '研修履歴', noTrainings: '研修の記録はまだありません。', course: '講座'
  },
  en: {
    whoEnrolled: 'Who enrolled and attended', noEnrolments: 'Nobody has enrolled.',
    ratesTitle: 'Teachers\u2019 ICT instruction skills (% answering 3 or 4)', lastYear: 'Last year',
    thisYear: 'This year', suppressed: 'hidden: fewer than 5', navChecklist: 'Self-assessment',
    checklistTitle: 'ICT instruction skills checklist', myScores: 'My results (% answering 3 or 4)',
    notAnswered: 'Not answered yet.', answer4: 'Can do', answer3: 'Can mostly do', answer2: 'Can hardly do',
    answer1: 'Cannot do', genaiUse: 'Generative AI in my work',
    historyUse: 'Learning histories (digital drills and similar)', freq_DAILY: 'Almost every day',
    freq_WEEKLY: 'At least once a week', freq_MONTHLY: 'At least once a month', freq_RARELY: 'Less than monthly',
    freq_NEVER: 'Never',
    navTrainings: 'Trainings', trainingsTitle: 'Trainings', coursesTitle: 'Courses and sessions', newCourse: 'Add a course',
    noCourses: 'No courses.', noSessions: 'No sessions yet.', heldOnTraining: 'Date', place: 'Place',
    capacity: 'Capacity', enrolled: 'Enrolled', attended: 'Attended', absent: 'Absent', teacher: 'Teacher', enrol: 'Enrol',
    markAttended: 'Record attendance', enrolledNow: 'Enrolled', attendedNow: 'Attendance recorded', addSession: 'Add a session',
    sessionAdded: 'Session added', courseAdded: 'Course added', addCourse: 'Add course', kind: 'Kind', level: 'Stage',
    categories: 'Categories', inSchoolOf: 'In-school training of', cityWide: 'City-wide', titleJaTraining: 'Title (Japanese)', titleEnTraining: 'Title (English)',
    kind_BOARD_COURSE: 'Board course', kind_IN_SCHOOL: 'In-school training', kind_ONLINE_PEER: 'Online peer learning', kind_GENAI: 'Generative-AI training',
    level_BASIC: 'Basic', level_STANDARD: 'Standard', level_ADVANCED: 'Advanced', recommendationsTitle: 'Trainings for you',
    answerFirst: 'Answer the checklist to see the trainings for you.', weakest: 'Categories to build', stage: 'Stage',
    recordTitleTraining: 'My training record', noTrainings: 'No trainings recorded yet.', course: 'Course'
  }
};

const KINDS = ['BOARD_COURSE', 'IN_SCHOOL', 'ONLINE_PEER', 'GENAI'];
const LEVELS = ['BASIC', 'STANDARD', 'ADVANCED'];
const CATEGORIES = ['A', 'B', 'C', 'D'];

export const routes = [
  { name: 'checklist', roles: ['TEACHER'], nav: 'navChecklist', view: checklistView },
  { name: 'trainings', roles: ['BOARD', 'SCHOOL'], nav: 'navTrainings', view: trainingsView }
];

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
  const [record, advice] = await Promise.all([
    api('/training/schools/' + school + '/teachers/' + encodeURIComponent(teacher) + '/record'),
    api('/training/schools/' + school + '/teachers/' + encodeURIComponent(teacher) + '/recommendations?fiscalYear=' + year)]);
  show(view, el('h1', {}, t('checklistTitle') + ' — ' + loc(state.clock.fiscalYearLabel)),
    section('checklist-scores', t('myScores'), scores),
    section('my-recommendations', t('recommendationsTitle'), advice.ok ? recommendations(advice.body)
      : el('p', { class: 'muted' }, t('answerFirst'))),
    section('my-record', t('recordTitleTraining'), trainingRecord(record.ok ? record.body.trainings : [])),
    section('checklist', t('checklistTitle'), form));
}

/** The trainings building a teacher's weakest categories, at their stage first. */
function recommendations(advice) {
  return [el('p', {}, t('weakest') + ': ' + advice.weakest.join(', ') + (advice.level ? ' · ' + t('stage') + ': '
    + t('level_' + advice.level) : '')),
  advice.courses.length ? el('ul', { class: 'courses' }, advice.courses.map(c => el('li', { 'data-course': c.id },
    loc(c.title) + ' (' + t('kind_' + c.kind) + ', ' + t('level_' + c.level) + ') — '
    + (c.sessions.length ? c.sessions.map(x => dayText(x.heldOn) + (x.place ? ' ' + x.place : '')).join(' / ') : t('noSessions')))))
    : el('p', { class: 'muted' }, t('noCourses'))];
}

/** A teacher's trainings across years (研修履歴). */
function trainingRecord(rows) {
  if (!rows.length) {
    return el('p', { class: 'muted' }, t('noTrainings'));
  }
  return el('table', { class: 'training-record' },
    el('thead', {}, el('tr', {}, el('th', {}, t('heldOnTraining')), el('th', {}, t('course')), el('th', {}, t('kind')),
      el('th', {}, t('attendance')))),
    el('tbody', {}, rows.map(r => el('tr', { 'data-session': r.sessionId }, el('td', {}, dayText(r.heldOn)),
      el('td', {}, loc(r.title)), el('td', {}, t('kind_' + r.kind)),
      el('td', {}, r.attended === null || r.attended === undefined ? t('enrolled') : t(r.attended ? 'attended' : 'absent'))))));
}

/**
 * Trainings: the courses and their sessions (the board's for the city, a school's own in-school ones); a school
 * enrols its listed teachers and records who attended; the board and schools add courses and sessions.
 */
async function trainingsView(view) {
  const school = state.me.role === 'SCHOOL' ? state.me.schoolId : null;
  const [courses, teachers] = await Promise.all([api('/training/courses'),
    school ? api('/schools/' + encodeURIComponent(school) + '/teachers') : Promise.resolve({ ok: false })]);
  const listed = teachers.ok ? teachers.body : [];
  show(view, el('h1', {}, t('trainingsTitle')),
    section('course-list', t('coursesTitle'), courses.ok && courses.body.length
      ? courses.body.map(c => courseCard(c, school, listed)) : el('p', { class: 'muted' }, t('noCourses'))),
    section('course-new', t('newCourse'), courseForm(school)));
}

function courseCard(c, school, teachers) {
  const mine = state.me.role === 'BOARD' || c.schoolId === school;
  return el('article', { class: 'course', 'data-course': c.id },
    el('h3', {}, loc(c.title), c.demo ? el('span', { class: 'demo' }, t('demo')) : null),
    el('p', { class: 'muted' }, [t('kind_' + c.kind), t('level_' + c.level), t('categories') + ' ' + c.categories.join(', '),
      c.schoolId ? t('inSchoolOf') + ' ' + c.schoolId : t('cityWide')].join(' · ')),
    c.sessions.length ? el('table', { class: 'sessions' },
      el('thead', {}, el('tr', {}, el('th', {}, t('heldOnTraining')), el('th', {}, t('place')), el('th', {}, t('capacity')),
        el('th', {}, t('enrolled')), el('th', {}, t('attended')), el('th', {}, t('whoEnrolled')),
        school ? el('th', {}, t('teacher')) : null)),
      el('tbody', {}, c.sessions.map(x => el('tr', { 'data-session': x.id }, el('td', {}, dayText(x.heldOn)),
        el('td', {}, x.place || '–'), el('td', { class: 'num' }, x.capacity), el('td', { class: 'num' }, x.enrolled),
        el('td', { class: 'num' }, x.attended), el('td', {}, enrolledList(x)),
        school ? el('td', {}, enrolForm(x, teachers)) : null))))
      : el('p', { class: 'muted' }, t('noSessions')),
    mine ? sessionForm(c) : null);
}

/**
 * Who is enrolled in a session and whether they attended (the board: every school's teachers; a school: its own),
 * asked when opened.
 */
function enrolledList(session) {
  const list = el('div', { class: 'enrolled-list' });
  const details = el('details', { 'data-enrolled': session.id, on: { toggle: async () => {
    if (!details.open || list.dataset.loaded) {
      return;
    }
    const r = await api('/training/sessions/' + session.id + '/enrolments');
    show(list, !r.ok ? el('p', { class: 'muted' }, (r.body && r.body.detail) || t('noData'))
      : r.body.length ? el('ul', {}, r.body.map(e => el('li', { 'data-teacher': e.schoolId + '/' + e.teacherId },
        e.schoolId + ' ' + e.teacherId + ' — ' + (e.attended === null ? t('enrolled') : t(e.attended ? 'attended'
          : 'absent')))))
        : el('p', { class: 'muted' }, t('noEnrolments')));
    list.dataset.loaded = 'true';
  } } }, el('summary', {}, t('whoEnrolled')), list);
  return details;
}

/** A school enrols one of its listed teachers in a session, or records that they attended. */
function enrolForm(session, teachers) {
  const teacher = el('select', { 'aria-label': t('teacher'), name: 'teacher' }, teachers.map(x =>
    el('option', { value: x.code }, x.code + (x.name ? ' ' + x.name : ''))));
  const box = el('div', { class: 'enrol-result' });
  const send = (path, method, done) => async () => {
    const r = await api('/training/sessions/' + session.id + '/' + path, { teacherId: teacher.value }, method);
    outcome(box, r, done);
    if (r.ok) {
      route();
    }
  };
  return el('div', { class: 'enrol' }, teacher,
    el('button', { type: 'button', 'data-enrol': session.id, on: { click: send('enrolments', 'POST', t('enrolledNow')) } },
      t('enrol')),
    el('button', { type: 'button', 'data-attend': session.id, on: { click: send('attendance', 'PUT', t('attendedNow')) } },
      t('markAttended')), box);
}

function sessionForm(c) {
  const day = el('input', { type: 'date', name: 'heldOn', required: true, 'aria-label': t('heldOnTraining') });
  const capacity = el('input', { type: 'number', name: 'capacity', min: 1, max: 1000, required: true,
    'aria-label': t('capacity') });
  const place = el('input', { name: 'place', maxlength: 100, 'aria-label': t('place') });
  const box = el('div', { class: 'session-result' });
  return el('form', { class: 'record inline-session', 'data-add-session': c.id, on: { submit: e => submitting(e, async () => {
    const r = await api('/training/courses/' + c.id + '/sessions', { heldOn: day.value, capacity: Number(capacity.value),
      place: place.value || null });
    outcome(box, r, t('sessionAdded'));
    if (r.ok) {
      route();
    }
  }) } }, el('div', { class: 'row' }, el('label', {}, t('heldOnTraining'), day), el('label', {}, t('capacity'), capacity),
    el('label', {}, t('place'), place)), el('button', { type: 'submit' }, t('addSession')), box);
}

/** A new course: the board's for the city, a school's own in-school training. */
function courseForm(school) {
  const ja = el('input', { id: 'course-title-ja', required: true, maxlength: 200 });
  const en = el('input', { id: 'course-title-en', required: true, maxlength: 200 });
  const kind = el('select', { id: 'course-kind' }, KINDS.filter(k => !school || k !== 'BOARD_COURSE')
    .map(k => el('option', { value: k }, t('kind_' + k))));
  const level = el('select', { id: 'course-level' }, LEVELS.map(l => el('option', { value: l }, t('level_' + l))));
  const categories = CATEGORIES.map(c => el('label', { class: 'check' }, el('input', { type: 'checkbox', value: c,
    name: 'course-category' }), ' ' + c));
  const box = el('div', { id: 'course-result' });
  return el('form', { id: 'course-form', class: 'record', on: { submit: e => submitting(e, async () => {
    const r = await api('/training/courses', { title: { ja: ja.value, en: en.value }, kind: kind.value, level: level.value,
      categories: categories.map(c => c.querySelector('input')).filter(i => i.checked).map(i => i.value) });
    outcome(box, r, t('courseAdded'));
    if (r.ok) {
      route();
    }
  }) } },
  el('div', { class: 'row' }, el('label', {}, t('titleJaTraining'), ja), el('label', {}, t('titleEnTraining'), en)),
  el('div', { class: 'row' }, el('label', {}, t('kind'), kind), el('label', {}, t('level'), level)),
  el('fieldset', {}, el('legend', {}, t('categories')), categories),
  el('button', { type: 'submit', id: 'course-submit' }, t('addCourse')), box);
}
