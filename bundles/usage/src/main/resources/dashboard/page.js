/*
 * The usage module's dashboard page (basic policy 1): device use by scene for the board's city (heat map of schools,
 * the weekly trend, schools not reporting), for a school (its classes), and the school's weekly check-in form.
 * Served by the usage bundle; the dashboard imports it while the module is installed (see the dashboard's kit.js).
 */
import { api, chart, el, loc, mondayOf, fiscalYearOf, notInstalled, outcome, schoolList, section, show, submitting,
  t, todayInJapan } from '../../core/kit.js';

/** The words of this page, in Japanese and English. */
export const texts = {
  ja: {
    heatTitle: '場面別の活用（学校 × 場面、目標を満たす学級の割合 %）', classHeatTitle: '場面別の活用（学級 × 場面、目標を満たす学級 = 100）',
    trendTitle: '場面別の活用の推移（目標を満たす学校の割合 %）', missingTitle: '報告のない学校（先週）', scene: '場面',
    checkInTitle: '今週の端末活用（学級 × 場面の回数）', checkInHelp: 'その週に各場面で1人1台端末を使った回数を学級ごとに入力します。記録済みの数値が表示され、空欄のままの欄は変わりません。',
    weekOf: '週（月曜日）', nothingToRecord: '入力された数値がありません。', noClasses: '学級が登録されていません。'
  },
  en: {
    heatTitle: 'Device use by scene (school \u00d7 scene, % of classes meeting the target)',
    classHeatTitle: 'Device use by scene (class \u00d7 scene, 100 = the class meets the target)',
    trendTitle: 'Device use by scene, week by week (% of schools meeting the target)',
    missingTitle: 'Schools not reporting (last week)', scene: 'Scene',
    checkInTitle: 'This week\u2019s device use (class \u00d7 scene, times)',
    checkInHelp: 'Enter how many times each class used the one-to-one devices in each scene that week. What is '
      + 'recorded already is shown; a blank cell is left as it is.',
    weekOf: 'Week (Monday)', nothingToRecord: 'Nothing was filled in.', noClasses: 'No classes are registered.'
  }
};

const SCENES = [1, 2, 3, 4, 5];

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
        section('not-reporting', t('missingTitle'), missing.ok ? schoolList(missing.body.schools) : failed(missing))],
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
        section('school-trend', t('trendTitle'), trend.ok ? [line, trendTable(trend.body)] : failed(trend))],
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
    return { cards: [section('record-check-in', t('checkInTitle'), classes.status === 404 ? notInstalled()
      : checkInForm(schoolId, classes.ok ? classes.body : []))] };
  }
};

/** A view's answer that brought no figures: why, in words. */
function failed(r) {
  return r.status === 404 ? notInstalled() : el('p', { class: 'muted' }, (r.body && r.body.detail) || t('noData'));
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
    const body = rows.map(r => ({ schoolId: school, grade: r.c.grade, className: r.c.name, week: week.value,
      scenes: r.inputs.map((input, i) => input.value === '' ? null : { scene: i + 1, count: Number(input.value) })
        .filter(Boolean) })).filter(c => c.scenes.length);
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
