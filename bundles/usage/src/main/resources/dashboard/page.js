/*
 * The usage module's dashboard page (basic policy 1): device use by scene for the board's city (heat map of schools,
 * the weekly trend, schools not reporting), for a school (its classes), and the school's weekly check-in form.
 * Served by the usage bundle; the dashboard imports it while the module is installed (see the dashboard's kit.js).
 */
import { api, chart, el, loc, mondayOf, fiscalYearOf, notInstalled, outcome, schoolList, section, show, submitting,
  t, todayInJapan } from '../../core/kit.js';
import { SCENES, failed } from './common.js';
import { casesView } from './cases.js';
import * as ownMeasures from './measures.js';

/** The words of this page, in Japanese and English. */
export const texts = {
  ja: {
    heatTitle: '場面別の活用（学校 × 場面、目標を満たす学級の割合 %）', classHeatTitle: '場面別の活用（学級 × 場面、目標を満たす学級 = 100）',
    trendTitle: '場面別の活用の推移（目標を満たす学校の割合 %）', missingTitle: '報告のない学校（先週）', scene: '場面',
    checkInTitle: '今週の端末活用（学級 × 場面の回数）', checkInHelp: 'その週に各場面で1人1台端末を使った回数を学級ごとに入力します。記録済みの数値が表示され、空欄のままの欄は変わりません。',
    weekOf: '週（月曜日）', nothingToRecord: '入力された数値がありません。', noClasses: '学級が登録されていません。',
    classListTitle: '学級一覧', classListHelp: '1行に1学級を「学年-学級名」で書きます（例: 1-1、5-ひまわり）。一覧にない学級の記録は受け付けません。'
      + '外した学級は、記録があれば記録を残して報告の対象から外れ、なければ消えます。',
    classListSave: '学級一覧を保存', classListBad: '「学年-学級名」の形でない行があります', classListSaved: '保存しました',
    navCases: '授業事例', casesTitle: '授業事例', casesHelp: '教育委員会が公開した授業事例を探し、自校で取り入れたら記録します。',
    caseWords: 'キーワード', subject: '教科', schoolType: '学校種', grade: '学年', gradeSuffix: '年',
    casesFound: '件', noCases: '該当する授業事例はありません。', adopt: '自校で取り入れた', adopted: '取り入れたことを記録しました',
    adoptions: '取り入れた記録 {n}件（{schools}校）', withdraw: '取り下げる', withdrawConfirm: 'この授業事例を取り下げますか？（記録は残ります）',
    newCase: '授業事例を公開', titleJa: '題名（日本語）', titleEn: '題名（英語）', summaryJa: '概要（日本語）', summaryEn: '概要（英語）',
    learningType: '学びの型', supportSoftware: '授業支援ソフトを使用', publishCase: '公開する', casePublished: '公開しました',
    lt_INDIVIDUAL: '個別最適な学び', lt_COLLABORATIVE: '協働的な学び', lt_BOTH: '個別最適な学びと協働的な学び',
    st_ELEMENTARY: '小学校', st_JUNIOR_HIGH: '中学校', st_SECONDARY: '中等教育学校', st_HIGH: '高等学校', st_SPECIAL_NEEDS: '特別支援学校',
    groupsTitle: '学校種別・学年別の活用（目標を満たす学級の割合 %）',
    gradesTitle: '学年別の活用（目標を満たす学級の割合 %）', measuresTitle: '学校ごとに設定する活用促進の取組',
    measuresHelp: '高等学校・中等教育学校・特別支援学校は、場面の目標に代えて自校の取組と目標を設定し、進捗を記録します。',
    noMeasures: '取組はまだ登録されていません。', measureText: '取組', measureTarget: '目標', latestProgress: '最新の進捗',
    percentReached: '達成度（%）', noProgress: '進捗はまだ記録されていません。', progressRecorded: '進捗を記録しました。',
    progressDate: '日付', progressText: '進捗', recordProgress: '進捗を記録', measureAdded: '取組を登録しました。',
    addMeasure: '取組を登録', period: '期間', wholeYear: '年度全体', term1: '前期', term2: '後期',
    bySchoolType: '学校種別', byGrade: '学年別',
    selfReportTitle: '自己申告と授業支援ソフトの記録（学級 × 場面、申告 / 記録）', apart: '差あり',
    selfReportRule: '授業支援ソフトの記録がある学級で、申告と記録が{n}回以上違う欄に「差あり」を付けています。',
    selfReportFlagged: 'この週は{n}欄。'
  },
  en: {
    heatTitle: 'Device use by scene (school \u00d7 scene, % of classes meeting the target)',
    classHeatTitle: 'Device use by scene (class \u00d7 scene, 100 = the class meets the target)',
    trendTitle: 'Device use by scene, week by week (% of schools meeting the target)',
    missingTitle: 'Schools not reporting (last week)', scene: 'Scene',
    checkInTitle: 'This week\u2019s device use (class \u00d7 scene, times)',
    checkInHelp: 'Enter how many times each class used the one-to-one devices in each scene that week. What is '
      + 'recorded already is shown; a blank cell is left as it is.',
    weekOf: 'Week (Monday)', nothingToRecord: 'Nothing was filled in.', noClasses: 'No classes are registered.',
    classListTitle: 'Class list', classListHelp: 'One class a line as grade-name (e.g. 1-1, 5-Himawari). Records of a '
      + 'class not on the list are refused. A class taken off keeps its records and is no longer chased, or goes when '
      + 'it has none.',
    classListSave: 'Save the class list', classListBad: 'Lines not written as grade-name', classListSaved: 'Saved',
    navCases: 'Lesson cases', casesTitle: 'Lesson cases', casesHelp: 'Find the lesson cases the board published, and record when your school used one.',
    caseWords: 'Words', subject: 'Subject', schoolType: 'School type', grade: 'Grade', gradeSuffix: ' grade',
    casesFound: 'found', noCases: 'No lesson case matches.', adopt: 'We used this', adopted: 'Recorded that your school used it',
    adoptions: 'Used {n} times ({schools} schools)', withdraw: 'Withdraw', withdrawConfirm: 'Withdraw this lesson case? (Its records are kept.)',
    newCase: 'Publish a lesson case', titleJa: 'Title (Japanese)', titleEn: 'Title (English)', summaryJa: 'Summary (Japanese)', summaryEn: 'Summary (English)',
    learningType: 'Learning type', supportSoftware: 'Uses the support software', publishCase: 'Publish', casePublished: 'Published',
    lt_INDIVIDUAL: 'Individually optimised learning', lt_COLLABORATIVE: 'Collaborative learning', lt_BOTH: 'Both',
    st_ELEMENTARY: 'Elementary', st_JUNIOR_HIGH: 'Junior high', st_SECONDARY: 'Secondary', st_HIGH: 'High school', st_SPECIAL_NEEDS: 'Special needs',
    groupsTitle: 'Device use by school type and by grade (% of classes meeting the target)',
    gradesTitle: 'Device use by grade (% of classes meeting the target)', measuresTitle: 'The school\'s own measures for device use',
    measuresHelp: 'High, secondary and special-needs schools set their own measures and targets instead of the scene targets, and record progress on them.',
    noMeasures: 'No measures yet.', measureText: 'Measure', measureTarget: 'Target', latestProgress: 'Latest progress',
    percentReached: 'Reached (%)', noProgress: 'No progress recorded yet.', progressRecorded: 'Progress recorded.',
    progressDate: 'Date', progressText: 'Progress', recordProgress: 'Record progress', measureAdded: 'Measure added.',
    addMeasure: 'Add a measure', period: 'Period', wholeYear: 'Whole year', term1: 'First term', term2: 'Second term',
    bySchoolType: 'By school type', byGrade: 'By grade',
    selfReportTitle: 'Check-ins beside the classroom software (class \u00d7 scene, reported / recorded)', apart: 'apart',
    selfReportRule: 'Marked "apart" where the class has software records and the two differ by {n} or more uses.',
    selfReportFlagged: 'This week: {n} cells.'
  }
};


export const routes = [{ name: 'cases', roles: ['BOARD', 'SCHOOL'], nav: 'navCases', view: casesView }];

export const sections = {
  async city({ fy }) {
    const [attainment, trend, missing] = await Promise.all([api('/usage/attainment?fiscalYear=' + fy + '&by=school'),
      api('/usage/attainment/trend?fiscalYear=' + fy), api('/usage/not-reporting')]);
    const heat = el('div', { class: 'chart tall', id: 'heatmap-chart' });
    const line = el('div', { class: 'chart', id: 'trend-chart' });
    const groups = attainment.ok ? attainment.body.groups.concat(attainment.body.reportedApart) : [];
    return {
      cards: [
        section('heatmap', t('heatTitle'), attainment.ok ? [heat, schoolLinks(groups),
          el('details', {}, el('summary', {}, t('figures')), heatTable(groups))] : failed(attainment)),
        section('trend', t('trendTitle'), trend.ok ? [line, trendTable(trend.body)] : failed(trend)),
        section('not-reporting', t('missingTitle'), missing.ok ? schoolList(missing.body.schools) : failed(missing)),
        await groupsCard(fy), await ownMeasures.cityCard({ fy })],
      draw() {
        if (attainment.ok) {
          heatMap(heat, groups, true);
        }
        if (trend.ok) {
          trendChart(line, trend.body);
        }
      }
    };
  },

  async school({ fy, schoolId }) {
    const q = '&schoolId=' + encodeURIComponent(schoolId);
    const [attainment, trend] = await Promise.all([api('/usage/attainment?fiscalYear=' + fy + '&by=class' + q),
      api('/usage/attainment/trend?fiscalYear=' + fy + q)]);
    const heat = el('div', { class: 'chart', id: 'school-heatmap-chart' });
    const line = el('div', { class: 'chart', id: 'school-trend-chart' });
    const groups = attainment.ok ? attainment.body.groups.concat(attainment.body.reportedApart) : [];
    return {
      cards: [
        section('school-heatmap', t('classHeatTitle'), attainment.ok ? [heat, el('details', {},
          el('summary', {}, t('figures')), heatTable(groups, t('classes')))] : failed(attainment)),
        section('school-trend', t('trendTitle'), trend.ok ? [line, trendTable(trend.body)] : failed(trend)),
        await groupsCard(fy, schoolId), await selfReportCard(schoolId), await ownMeasures.schoolCard({ fy, schoolId })],
      draw() {
        if (attainment.ok) {
          heatMap(heat, groups);
        }
        if (trend.ok) {
          trendChart(line, trend.body);
        }
      }
    };
  },

  async record({ schoolId }) {
    const classes = await api('/usage/schools/' + encodeURIComponent(schoolId) + '/classes');
    if (classes.status === 404) {
      return { cards: [section('record-check-in', t('checkInTitle'), notInstalled())] };
    }
    const list = classes.ok ? classes.body : [];
    return { cards: [section('record-check-in', t('checkInTitle'), checkInForm(schoolId, list)),
      section('record-classes', t('classListTitle'), classListForm(schoolId, list))] };
  }
};

/**
 * Attainment by school type and by grade for the year or a term: a share of classes meeting each scene's target, as
 * tables (the figures a board compares across types and grades); for one school, by its grades.
 */
async function groupsCard(fy, schoolId) {
  const id = schoolId ? 'school-groups' : 'groups';
  const period = el('select', { id: id + '-period', 'aria-label': t('period') },
    el('option', { value: '' }, t('wholeYear')), el('option', { value: '1' }, t('term1')),
    el('option', { value: '2' }, t('term2')));
  const box = el('div', { id: id + '-tables' });
  async function load() {
    const term = period.value ? '&term=' + period.value : '';
    const attainment = by => api('/usage/attainment?fiscalYear=' + fy + '&by=' + by + term
      + (schoolId ? '&schoolId=' + encodeURIComponent(schoolId) : ''));
    const [type, grade] = await Promise.all([schoolId ? null : attainment('type'), attainment('grade')]);
    show(box, type ? [el('h3', {}, t('bySchoolType')), type.ok ? heatTable(type.body.groups, t('schoolType'))
      : failed(type)] : null,
    el('h3', {}, t('byGrade')), grade.ok ? heatTable(grade.body.groups, t('grade')) : failed(grade));
    box.dataset.period = period.value || 'year';
  }
  period.addEventListener('change', load);
  await load();
  return section(schoolId ? 'school-attainment-groups' : 'attainment-groups', schoolId ? t('gradesTitle')
    : t('groupsTitle'), el('label', {}, t('period') + ' ', period), box);
}

/** Uses a week apart enough to ask about: a check-in and the software's count differing by this many or more. */
const APART = 2;

/**
 * Self-report against logs: per class and scene of a week, the teachers' check-in beside what the classroom software
 * recorded. A cell is flagged when the software recorded uses for the class that week and the two differ by APART or
 * more (a class without software records has nothing to compare).
 */
async function selfReportCard(schoolId) {
  const lastMonday = new Date(todayInJapan().getTime() - 7 * 86400000);
  const week = el('input', { type: 'date', id: 'self-report-week', value: mondayOf(lastMonday),
    'aria-label': t('weekOf') });
  const box = el('div', { id: 'self-report-table' });
  async function load() {
    const monday = mondayOf(new Date(week.value + 'T00:00:00'));
    const r = await api('/usage/check-ins?schoolId=' + encodeURIComponent(schoolId) + '&week=' + monday
      + '&fiscalYear=' + fiscalYearOf(monday) + '&limit=500');
    if (!r.ok) {
      show(box, failed(r));
      return;
    }
    const classes = new Map();
    r.body.items.forEach(f => {
      const key = f.grade + '-' + f.className;
      if (!classes.has(key)) {
        classes.set(key, { key, figures: {}, logged: false });
      }
      classes.get(key).figures[f.scene] = f;
      classes.get(key).logged = classes.get(key).logged || f.eventUses > 0;
    });
    let flagged = 0;
    const rows = [...classes.values()].sort((a, b) => a.key.localeCompare(b.key)).map(c => el('tr', { 'data-class': c.key },
      el('th', { scope: 'row' }, c.key), SCENES.map(n => {
        const f = c.figures[n];
        const own = f && f.checkinUses !== null && f.checkinUses !== undefined ? f.checkinUses : null;
        const logged = f ? f.eventUses : 0;
        const apart = c.logged && own !== null && Math.abs(own - logged) >= APART;
        flagged += apart ? 1 : 0;
        return el('td', { class: 'num' + (apart ? ' apart' : ''), 'data-scene': n, 'data-apart': String(apart),
          'data-value': (own === null ? '' : own) + '/' + logged },
        (own === null ? '–' : own) + ' / ' + logged, apart ? el('span', { class: 'badge status-BELOW' }, t('apart')) : null);
      })));
    show(box, rows.length ? [el('p', { class: 'muted' }, t('selfReportRule').replace('{n}', APART)
      + ' ' + t('selfReportFlagged').replace('{n}', flagged)),
    el('table', { class: 'figures self-report' }, el('thead', {}, el('tr', {}, el('th', {}, t('classes')),
      SCENES.map(n => el('th', {}, t('scene') + n)))), el('tbody', {}, rows))]
      : el('p', { class: 'muted' }, t('noData')));
    box.dataset.week = monday;
  }
  week.addEventListener('change', load);
  await load();
  return section('self-report', t('selfReportTitle'), el('label', {}, t('weekOf') + ' ', week), box);
}


function schoolLinks(groups) {
  return el('p', { class: 'drill' }, t('drill') + ': ', groups.map(g =>
    el('a', { href: '#/school/' + encodeURIComponent(g.key), 'data-school': g.key }, loc(g.label))));
}

/** The heat map's figures as a table (for CSV and for screen readers). */
function heatTable(groups, rowTitle) {
  return el('table', { class: 'figures' },
    el('thead', {}, el('tr', {}, el('th', {}, rowTitle || t('school')), SCENES.map(n => el('th', {}, t('scene') + n)))),
    el('tbody', {}, groups.map(g => el('tr', { 'data-school': g.key }, el('td', {}, loc(g.label)),
      SCENES.map(n => { const f = g.scenes.find(x => x.scene === n); return el('td', { class: 'num' },
        f && f.classShare !== null ? f.classShare : '–'); })))));
}

function heatMap(container, groups, drill) {
  const schools = groups.map(g => loc(g.label));
  const data = [];
  groups.forEach((g, y) => g.scenes.forEach(s => {
    data.push([s.scene - 1, y, s.classShare === null ? '-' : s.classShare]);
  }));
  container.style.height = Math.max(260, 40 + groups.length * 26) + 'px';
  const c = chart(container, {
    tooltip: { position: 'top' },
    grid: { left: 170, right: 20, top: 10, bottom: 70 },
    xAxis: { type: 'category', data: SCENES.map(n => t('scene') + n), splitArea: { show: true } },
    yAxis: { type: 'category', data: schools, inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
    visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
      inRange: { color: ['#d73027', '#fee08b', '#1a9850'] } },
    series: [{ type: 'heatmap', data, label: { show: true }, emphasis: { itemStyle: { borderColor: '#333' } } }]
  });
  if (drill) {
    c.on('click', p => { location.hash = '#/school/' + encodeURIComponent(groups[p.value[1]].key); });
  }
  container.dataset.cells = String(data.length);
}

function trendChart(container, trend) {
  chart(container, {
    tooltip: { trigger: 'axis' },
    legend: { data: SCENES.map(n => t('scene') + n) },
    xAxis: { type: 'category', data: trend.weeks.map(w => w.week) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: SCENES.map(n => ({ name: t('scene') + n, type: 'line', connectNulls: true,
      data: trend.weeks.map(w => { const s = w.scenes.find(x => x.scene === n); return s ? s.schoolShare : null; }) }))
  });
}

/** The weekly trend as a table: week × scene. */
function trendTable(trend) {
  return el('details', {}, el('summary', {}, t('figures')), el('table', { class: 'figures' },
    el('thead', {}, el('tr', {}, el('th', {}, t('week')), SCENES.map(n => el('th', {}, t('scene') + n)))),
    el('tbody', {}, trend.weeks.map(w => el('tr', {}, el('td', {}, w.week), SCENES.map(n => {
      const f = w.scenes.find(x => x.scene === n);
      return el('td', { class: 'num' }, f && f.schoolShare !== null ? f.schoolShare : '–');
    }))))));
}

/**
 * The week's grid: what is recorded already is shown; a blank cell is left as it is, so two teachers filling in
 * different classes do not overwrite each other.
 */
function checkInForm(school, classes) {
  if (!classes.length) {
    return el('p', { class: 'muted' }, t('noClasses'));
  }
  const week = el('input', { type: 'date', id: 'check-in-week', value: mondayOf(todayInJapan()), required: true });
  const rows = classes.map(c => ({ c, inputs: SCENES.map(n => el('input', { type: 'number', min: 0, max: 99,
    placeholder: '–', 'aria-label': c.grade + '-' + c.name + ' ' + t('scene') + n, 'data-class': c.grade + '-' + c.name,
    'data-scene': n })) }));
  const box = el('div', { id: 'check-in-result' });
  async function load() {
    rows.forEach(r => r.inputs.forEach(i => { i.value = ''; }));
    if (!week.value) {
      return;
    }
    const r = await api('/usage/check-ins?schoolId=' + encodeURIComponent(school) + '&week=' + week.value
      + '&fiscalYear=' + fiscalYearOf(week.value) + '&limit=500');
    (r.ok ? r.body.items : []).forEach(f => {
      const row = rows.find(x => x.c.grade === f.grade && x.c.name === f.className);
      if (row && f.checkinUses !== null && f.checkinUses !== undefined) {
        row.inputs[f.scene - 1].value = f.checkinUses;
      }
    });
  }
  week.addEventListener('change', load);
  load();
  return el('form', { id: 'check-in-form', class: 'record', on: { submit: e => submitting(e, async () => {
    // Each filled cell is named as the API will name it in this batch ([class].scenes[n].count), so that a refused
    // figure's error shows beside its cell.
    const body = [];
    rows.forEach(r => {
      const scenes = [];
      r.inputs.forEach((input, i) => {
        delete input.dataset.field;
        if (input.value !== '') {
          input.dataset.field = '[' + body.length + '].scenes[' + scenes.length + '].count';
          scenes.push({ scene: i + 1, count: Number(input.value) });
        }
      });
      if (scenes.length) {
        body.push({ schoolId: school, grade: r.c.grade, className: r.c.name, week: week.value, scenes });
      }
    });
    week.dataset.field = '[0].week';
    if (!body.length) {
      show(box, el('p', { class: 'muted' }, t('nothingToRecord')));
      return;
    }
    outcome(box, await api('/usage/check-ins', body), t('recorded') + ': ' + body.length + ' ' + t('classes'));
  }) } },
  el('label', {}, t('weekOf') + ' ', week),
  el('p', { class: 'muted' }, t('checkInHelp')),
  el('table', { class: 'grid' }, el('thead', {}, el('tr', {}, el('th', {}, t('classes')),
    SCENES.map(n => el('th', {}, t('scene') + n)))),
  el('tbody', {}, rows.map(r => el('tr', {}, el('th', {}, r.c.grade + '-' + r.c.name), r.inputs.map(i => el('td', {}, i)))))),
  el('button', { type: 'submit', id: 'check-in-submit' }, t('record')), box);
}

/**
 * The school's class list, one class a line as grade-name: saved whole (the API's PUT), so a class added here is one
 * the check-ins and classroom software may name, and one taken off is no longer chased.
 */
function classListForm(school, classes) {
  const text = el('textarea', { id: 'class-list', rows: 8, cols: 24, 'aria-label': t('classListTitle') });
  text.value = classes.map(c => c.grade + '-' + c.name).join('\n');
  const box = el('div', { id: 'class-list-result' });
  return el('form', { id: 'class-list-form', class: 'record', on: { submit: e => submitting(e, async () => {
    const lines = text.value.split('\n').map(line => line.trim()).filter(line => line);
    // 1-1, 5-ひまわり; full-width digits and dashes as a Japanese keyboard types them.
    const parsed = lines.map(line => /^([0-9０-９]{1,2})\s*[-－ー‐]\s*(.+)$/.exec(line));
    const bad = lines.filter((line, i) => !parsed[i]);
    if (bad.length) {
      show(box, el('div', { class: 'error', role: 'alert' }, el('p', {}, t('classListBad')),
        el('ul', {}, bad.map(line => el('li', {}, line)))));
      return;
    }
    const body = parsed.map(m => ({ grade: Number(m[1].replace(/[０-９]/g, d => String(d.charCodeAt(0) - 0xFF10))),
      className: m[2] }));
    outcome(box, await api('/usage/schools/' + encodeURIComponent(school) + '/classes', body, 'PUT'),
      t('classListSaved') + ': ' + body.length + ' ' + t('classes'));
  }) } },
  el('p', { class: 'muted' }, t('classListHelp')), text,
  el('button', { type: 'submit', id: 'class-list-submit' }, t('classListSave')), box);
}
