/*
 * GIGA Plan dashboard: a page that talks to /api only. Logging in begins a session on the server (POST /api/session):
 * the browser holds it in a cookie no script can read, and this page keeps only the session's token for its writes,
 * in memory. Nothing of the password is kept. Calls carry X-Requested-With, so a 401 comes back to this page's form,
 * never a browser dialog.
 * Every text from /api is put into the page as text; only support-site post bodies are HTML, sanitised by the server.
 */
(function () {
  'use strict';

  const TEXT = window.GIGAPLAN_TEXT;
  const SCENES = [1, 2, 3, 4, 5];
  const state = {
    lang: localStorage.getItem('gigaplan.lang') || ((navigator.language || 'ja').startsWith('ja') ? 'ja' : 'en'),
    // The token each write of this session carries (X-CSRF-Token), from GET/POST /api/session.
    csrf: null,
    me: null,
    fy: null,
    // The platform's clock (GET /api/clock): today, its zone and fiscal year decide every default here.
    clock: null,
    charts: []
  };

  // ------------------------------------------------------------------ helpers

  function t(key) {
    return (TEXT[state.lang] && TEXT[state.lang][key]) || TEXT.ja[key] || key;
  }

  /** A LocalizedText {ja, en} in the current language. */
  function loc(text) {
    if (!text) {
      return '';
    }
    return typeof text === 'string' ? text : (text[state.lang] || text.ja || text.en || '');
  }

  /** An element with attributes and children (strings become text nodes, never HTML). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null || v === false) {
        return;
      }
      if (k === 'on') {
        Object.entries(v).forEach(([type, fn]) => e.addEventListener(type, fn));
      } else if (k === 'class') {
        e.className = v;
      } else {
        e.setAttribute(k, v === true ? '' : v);
      }
    });
    children.flat().forEach(c => {
      if (c !== null && c !== undefined && c !== false) {
        e.append(c instanceof Node ? c : document.createTextNode(String(c)));
      }
    });
    return e;
  }

  /** Calls /api; with a body, sends it as JSON (POST unless another method is named). */
  async function api(path, body, method) {
    const headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    const request = { headers, credentials: 'same-origin', method: method || (body === undefined ? 'GET' : 'POST') };
    if (state.csrf && request.method !== 'GET') {
      headers['X-CSRF-Token'] = state.csrf;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      request.body = JSON.stringify(body);
    }
    const response = await fetch('/api' + path, request);
    if (response.status === 401 && state.me && path !== '/session') {
      // The session ended (unused too long, or logged out in another tab): the login form says so.
      state.me = null;
      state.csrf = null;
      state.sessionEnded = true;
      applyStaticText();
      location.hash = '#/login';
    }
    let answer = null;
    try {
      answer = await response.json();
    } catch (e) {
      answer = null;
    }
    return { status: response.status, ok: response.ok, body: answer };
  }

  /** Replaces an element's content (nulls left out, arrays flattened). */
  function show(target, ...children) {
    target.replaceChildren(...children.flat(2).filter(c => c !== null && c !== undefined && c !== false));
  }

  function percent(v) {
    return v === null || v === undefined ? '–' : (Math.round(v * 10) / 10) + (state.lang === 'ja' ? '%' : ' %');
  }

  function statusBadge(status) {
    return el('span', { class: 'badge status-' + status, 'data-status': status }, t('status_' + status));
  }

  /** A card; each table in it gets a button that downloads it as CSV (UTF-8 with BOM, so spreadsheets read Japanese). */
  function section(id, title, ...content) {
    const card = el('section', { class: 'card', id }, el('h2', {}, title), ...content);
    card.querySelectorAll('table:not(.grid)').forEach((table, i) => {
      const name = id + (i ? '-' + (i + 1) : '');
      table.before(el('button', { type: 'button', class: 'csv no-print', 'data-csv': name,
        on: { click: () => download(name + '-' + state.fy + '.csv', 'text/csv;charset=utf-8', '\ufeff' + tableCsv(table)) } },
      'CSV'));
    });
    return card;
  }

  /** A table as CSV; no cell a spreadsheet would run as a formula (as the server's exports, see CsvWriter). */
  function tableCsv(table) {
    return Array.from(table.rows).map(row => Array.from(row.cells).map(cell => {
      let text = cell.textContent.trim();
      if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) {
        text = "'" + text;
      }
      return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }).join(',')).join('\r\n') + '\r\n';
  }

  function download(name, type, content) {
    const a = el('a', { href: URL.createObjectURL(new Blob([content], { type })), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  function notInstalled() {
    return el('p', { class: 'muted not-installed' }, t('notInstalled'));
  }

  function chart(container, option) {
    const c = echarts.init(container);
    c.setOption(option);
    state.charts.push(c);
    return c;
  }

  function disposeCharts() {
    state.charts.forEach(c => c.dispose());
    state.charts = [];
  }

  window.addEventListener('resize', () => state.charts.forEach(c => c.resize()));

  // ------------------------------------------------------------------ frame

  function applyStaticText() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
    document.getElementById('lang').textContent = state.lang === 'ja' ? 'English' : '日本語';
    const who = document.getElementById('who');
    who.textContent = state.me ? state.me.name + (state.me.schoolId ? ' (' + state.me.schoolId + ')' : '') : '';
    document.getElementById('logout').hidden = !state.me;
    const nav = document.getElementById('nav');
    nav.replaceChildren(...[
      el('a', { href: '#/public', id: 'nav-public' }, t('navPublic')),
      staff() ? el('a', { href: '#/plan', id: 'nav-plan' }, t('navPlan')) : null,
      staff() ? el('a', { href: '#/report', id: 'nav-report' }, t('navReport')) : null,
      state.me && state.me.role === 'BOARD' ? el('a', { href: '#/city', id: 'nav-city' }, t('navCity')) : null,
      state.me && state.me.role === 'BOARD' ? el('a', { href: '#/plan-edit', id: 'nav-plan-edit' }, t('navPlanEdit')) : null,
      state.me && state.me.role === 'SCHOOL'
        ? el('a', { href: '#/school/' + encodeURIComponent(state.me.schoolId), id: 'nav-school' }, t('mySchool')) : null,
      state.me && state.me.role === 'SCHOOL' ? el('a', { href: '#/record', id: 'nav-record' }, t('navRecord')) : null,
      state.me && state.me.role === 'TEACHER' ? el('a', { href: '#/checklist', id: 'nav-checklist' }, t('navChecklist')) : null,
      state.me && (state.me.role === 'TEACHER' || state.me.role === 'SCHOOL')
        ? el('a', { href: '#/classes', id: 'nav-classes' }, t('navClasses')) : null,
      state.me && state.me.role === 'LEARNER' ? el('a', { href: '#/learning', id: 'nav-learning' }, t('navLearning')) : null,
      state.me && state.me.role === 'BOARD' ? el('a', { href: '#/posts', id: 'nav-posts' }, t('navPosts')) : null,
      state.me && (state.me.role === 'BOARD' || state.me.role === 'SCHOOL')
        ? el('a', { href: '#/network', id: 'nav-network' }, t('navNetwork')) : null,
      state.me ? null : el('a', { href: '#/login', id: 'nav-login' }, t('login'))].filter(Boolean));
  }

  /** Whether the login is the board's, a school's or a teacher's (learners see only their own learning). */
  function staff() {
    return state.me && state.me.role !== 'LEARNER';
  }

  /**
   * The year chooser: the plan period's years, opening on the current one by the platform's clock, whether it has an
   * action plan yet or not (a year without one says so and offers the board the roll-forward; never another year).
   */
  async function loadFiscalYears() {
    const select = document.getElementById('fy');
    const [clock, r] = await Promise.all([api('/clock'), api('/fiscal-years')]);
    if (clock.ok) {
      state.clock = clock.body;
      // The server's clock may be set to another day (a trial): the page keeps to it, not to the device's.
      state.clock.skew = Date.parse(clock.body.now) - Date.now();
    }
    const years = r.ok ? r.body : [];
    state.fy = state.fy || (state.clock ? state.clock.fiscalYear : (years.find(y => y.current) || {}).year);
    select.replaceChildren(...years.map(y => el('option', { value: y.year, selected: y.year === state.fy },
      loc(y.label) + (y.draft ? ' (' + t('draft') + ')' : y.hasActionPlan ? '' : ' *'))));
    select.onchange = () => { state.fy = Number(select.value); route(); };
  }

  /** The platform's answer for a year without an action plan (RFC 9457, type no-action-plan). */
  function isNoActionPlan(r) {
    return r.status === 404 && r.body && r.body.type === 'urn:gigaplan:problem:no-action-plan';
  }

  /**
   * Says plainly that the year has no action plan yet; the board gets the button that rolls the latest earlier one
   * forward as a draft, and goes on to edit it.
   */
  function noActionPlan(problem) {
    const box = el('div', { id: 'rollover-result' });
    const board = state.me && state.me.role === 'BOARD';
    return el('section', { class: 'card notice', id: 'no-action-plan', 'data-year': problem.fiscalYear },
      el('p', {}, loc(problem.message)),
      board && problem.rollOverFrom ? el('button', { type: 'button', id: 'rollover', on: { click: async e => {
        e.target.disabled = true;
        const r = await api('/plan/action-plans', { fiscalYear: problem.fiscalYear, from: problem.rollOverFrom });
        outcome(box, r, t('rolledOver'));
        e.target.disabled = false;
        if (r.ok) {
          await loadFiscalYears();
          location.hash = '#/plan-edit';
        }
      } } }, t('rollOver').replace('{from}', loc(problem.rollOverFromLabel)).replace('{to}', loc(problem.fiscalYearLabel))) : null, box);
  }

  /** Takes up the session this browser holds, if it is still valid (a reload, another tab). */
  async function restoreLogin() {
    let r;
    try {
      r = await api('/session');
    } catch (e) {
      return; // offline for a moment: the views say what failed
    }
    const session = r.ok && r.body && r.body.active ? r.body : null;
    state.me = session ? session.caller : null;
    state.csrf = session ? session.csrfToken : null;
  }

  // ------------------------------------------------------------------ views

  async function publicView(view) {
    const [progress, posts] = await Promise.all([api('/progress?fiscalYear=' + state.fy),
      api('/outreach/site/posts?limit=10')]);
    const indicators = progress.ok ? progress.body.policies.flatMap(p => p.indicators) : [];
    show(view,
      section('public-indicators', t('publicTitle'), isNoActionPlan(progress) ? noActionPlan(progress.body)
        : indicatorTable(indicators)),
      section('public-posts', t('postsTitle'),
        posts.status === 404 ? notInstalled()
          : posts.ok && posts.body.items.length ? posts.body.items.map(postView)
            : el('p', { class: 'muted' }, t('noPosts'))));
  }

  function postView(post) {
    const body = el('div', { class: 'post-body' });
    body.innerHTML = post.html; // sanitised by the server (jsoup safelist); titles stay text
    return el('article', { class: 'post', 'data-post': post.id, lang: post.lang },
      el('h3', {}, post.title),
      el('p', { class: 'muted' }, loc(post.categoryLabel) + ' · ' + japanTime(post.publishedAt)), body);
  }

  function indicatorTable(indicators) {
    if (!indicators.length) {
      return el('p', { class: 'muted' }, t('noData'));
    }
    // Every figure says what it is: its definition, how many it was computed over, and of those expected how
    // many reported; a share over too few is "insufficient data", never met.
    return el('table', { class: 'indicators' },
      el('thead', {}, el('tr', {}, el('th', {}, t('indicator')), el('th', {}, t('value')), el('th', {}, t('target')),
        el('th', {}, t('sample')), el('th', {}, t('coverage')), el('th', {}, t('status')))),
      el('tbody', {}, indicators.map(i => el('tr', { 'data-indicator': i.id },
        el('td', {}, el('span', { title: loc(i.definition) }, loc(i.name)),
          i.demo ? el('span', { class: 'demo' }, t('demo')) : null,
          i.note ? el('div', { class: 'muted note' }, loc(i.note)) : null),
        el('td', { class: 'num' }, i.value === null ? '–' : formatValue(i.value, i.unit)),
        el('td', { class: 'num' }, i.target ? formatValue(i.target.value, i.unit) : '–'),
        el('td', { class: 'num' }, i.sampleSize === null || i.sampleSize === undefined ? '–' : String(i.sampleSize)),
        el('td', { class: 'num', 'data-coverage': i.coverage ? i.coverage.reporting + '/' + i.coverage.expected : '' },
          i.coverage ? i.coverage.reporting + ' / ' + i.coverage.expected + ' ' + loc(i.coverage.of) : '–'),
        el('td', {}, statusBadge(i.status))))));
  }

  function formatValue(v, unit) {
    return unit === '%' ? percent(v) : (Math.round(v * 10) / 10) + ' ' + (unit || '');
  }

  async function planView(view) {
    const school = state.me && state.me.role !== 'BOARD' ? '&school=' + encodeURIComponent(state.me.schoolId) : '';
    const r = await api('/progress?fiscalYear=' + state.fy + school);
    if (isNoActionPlan(r)) {
      show(view, el('h1', {}, t('planTitle') + ' — ' + loc(r.body.fiscalYearLabel)), noActionPlan(r.body));
      return;
    }
    if (!r.ok) {
      show(view, el('p', { class: 'error' }, (r.body && r.body.detail) || t('noData')));
      return;
    }
    show(view, el('h1', {}, t('planTitle') + ' — ' + loc(r.body.fiscalYearLabel)),
      ...r.body.policies.map(p => el('section', { class: 'card policy', 'data-policy': p.number },
        el('h2', {}, p.number + '. ' + loc(p.title)),
        p.modules.length ? null : notInstalled(),
        indicatorTable(p.indicators),
        p.measures.map(m => el('div', { class: 'measure' },
          el('h3', {}, m.number + ' ' + loc(m.title)),
          el('ul', { class: 'items' }, m.actionItems.map(a => el('li', { 'data-item': a.id },
            el('span', { class: 'actor actor-' + a.actor }, t('actor' + a.actor)),
            a.priority ? el('span', { class: 'priority' }, t('priority')) : null,
            a.liveSource ? null : el('span', { class: 'badge status-NO_MODULE no-source' }, t('noSource')),
            ' ' + loc(a.text),
            a.indicators.length ? el('div', { class: 'item-indicators' },
              a.indicators.map(i => el('span', { class: 'chip' }, loc(i.name) + ': ',
                i.value === null ? '' : formatValue(i.value, i.unit) + ' ', statusBadge(i.status)))) : null))))))));
  }

  async function cityView(view) {
    const fy = state.fy;
    const [attainment, trend, rates, network, compliance, missing] = await Promise.all([
      api('/usage/attainment?fiscalYear=' + fy + '&by=school'), api('/usage/attainment/trend?fiscalYear=' + fy),
      api('/training/rates?fiscalYear=' + fy), api('/environment/network/status'),
      api('/outreach/meetings/parent/compliance?fiscalYear=' + fy), api('/usage/not-reporting')]);
    const heat = el('div', { class: 'chart tall', id: 'heatmap-chart' });
    const line = el('div', { class: 'chart', id: 'trend-chart' });
    const bars = el('div', { class: 'chart', id: 'rates-chart' });
    show(view,
      section('heatmap', t('heatTitle'), attainment.status === 404 ? notInstalled() : heat,
        attainment.ok ? schoolLinks(attainment.body.groups.concat(attainment.body.reportedApart)) : null,
        attainment.ok ? el('details', {}, el('summary', {}, t('figures')),
          heatTable(attainment.body.groups.concat(attainment.body.reportedApart))) : null),
      section('trend', t('trendTitle'), trend.status === 404 ? notInstalled() : line,
        trend.ok ? trendTable(trend.body) : null),
      section('rates', t('ratesTitle'), rates.status === 404 ? notInstalled() : bars,
        rates.ok && !rates.body.suppressed ? ratesTable(rates.body) : null),
      section('bandwidth', t('bandwidthTitle'), network.status === 404 ? notInstalled()
        : bandwidthTable(network.ok ? network.body.schools : [])),
      section('parent-meetings', t('parentTitle'), compliance.status === 404 ? notInstalled()
        : complianceView(compliance.body)),
      section('not-reporting', t('missingTitle'), missing.status === 404 ? notInstalled()
        : missing.ok ? schoolList(missing.body.schools) : null));
    if (attainment.ok) {
      heatMap(heat, attainment.body.groups.concat(attainment.body.reportedApart), true);
    }
    if (trend.ok) {
      trendChart(line, trend.body);
    }
    if (rates.ok) {
      ratesChart(bars, rates.body);
    }
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
        el('td', {}, c.code + ' ' + loc(c.label)), el('td', { class: 'num' }, percent(c.previous)),
        el('td', { class: 'num' }, percent(c.rate)),
        el('td', { class: 'num' }, c.change === null || c.change === undefined ? '–' : (c.change > 0 ? '+' : '') + c.change))))));
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

  function bandwidthTable(statuses) {
    if (!statuses || !statuses.length) {
      return el('p', { class: 'muted' }, t('noData'));
    }
    const meets = statuses.filter(s => s.state === 'MEETS').length;
    return [el('p', {}, meets + ' / ' + statuses.length + ' ' + t('schoolsMet')),
      el('table', { class: 'bandwidth' },
        el('thead', {}, el('tr', {}, el('th', {}, t('school')), el('th', {}, t('median')), el('th', {}, t('recommended')),
          el('th', {}, t('status')))),
        el('tbody', {}, statuses.map(s => el('tr', { 'data-school': s.schoolId },
          el('td', {}, el('a', { href: '#/school/' + encodeURIComponent(s.schoolId) }, loc(s.name))),
          el('td', { class: 'num' }, s.medianMbps === null ? '–' : s.medianMbps + ' Mbps'),
          el('td', { class: 'num' }, s.recommended.mbps + ' Mbps'),
          el('td', {}, el('span', { class: 'badge state-' + s.state }, t('state_' + s.state)))))))];
  }

  function complianceView(c) {
    if (!c || c.schools === undefined) {
      return el('p', { class: 'muted' }, t('noData'));
    }
    return [el('p', {}, c.compliant + ' / ' + c.schools + ' ' + t('schoolsMet') + ' (' + percent(c.share) + ') · '
      + t('daysLeft') + ': ' + c.daysLeft),
    el('p', {}, t('notYet') + ': '), schoolList(c.notYet)];
  }

  function schoolList(schools) {
    if (!schools || !schools.length) {
      return el('p', { class: 'muted' }, '–');
    }
    return el('ul', { class: 'schools' }, schools.map(s => el('li', { 'data-school': s.schoolId },
      el('a', { href: '#/school/' + encodeURIComponent(s.schoolId) }, loc(s.name)))));
  }

  async function schoolView(view, id) {
    const q = '&schoolId=' + encodeURIComponent(id);
    const progress = await api('/progress?fiscalYear=' + state.fy + '&school=' + encodeURIComponent(id));
    // A year without an action plan still has the school's records: say so where the indicators would be.
    if (progress.status === 403 || (progress.status === 404 && !isNoActionPlan(progress))) {
      show(view, el('p', { class: 'error', id: 'forbidden' },
        progress.status === 403 ? t('forbidden') : (progress.body && progress.body.detail) || t('noData')));
      return;
    }
    const [attainment, trend, rates, network, meetings] = await Promise.all([
      api('/usage/attainment?fiscalYear=' + state.fy + '&by=class' + q),
      api('/usage/attainment/trend?fiscalYear=' + state.fy + q),
      api('/training/schools/' + encodeURIComponent(id) + '/rates?fiscalYear=' + state.fy),
      api('/environment/network/status?schoolId=' + encodeURIComponent(id)),
      api('/outreach/schools/' + encodeURIComponent(id) + '/parent-meetings?fiscalYear=' + state.fy)]);
    const heat = el('div', { class: 'chart', id: 'school-heatmap-chart' });
    const line = el('div', { class: 'chart', id: 'school-trend-chart' });
    const bars = el('div', { class: 'chart', id: 'school-rates-chart' });
    const indicators = progress.ok ? progress.body.policies.flatMap(p => p.indicators) : [];
    show(view,
      state.me && state.me.role === 'BOARD' ? el('p', {}, el('a', { href: '#/city', id: 'back' }, '← ' + t('back'))) : null,
      el('h1', { id: 'school-title', 'data-school': id }, id),
      section('school-indicators', t('schoolIndicators'), isNoActionPlan(progress) ? noActionPlan(progress.body)
        : indicatorTable(indicators)),
      section('school-heatmap', t('classHeatTitle'), attainment.status === 404 ? notInstalled() : heat,
        attainment.ok ? el('details', {}, el('summary', {}, t('figures')),
          heatTable(attainment.body.groups.concat(attainment.body.reportedApart), t('classes'))) : null),
      section('school-trend', t('trendTitle'), trend.status === 404 ? notInstalled() : line,
        trend.ok ? trendTable(trend.body) : null),
      section('school-rates', t('ratesTitle'), rates.status === 404 ? notInstalled()
        : rates.ok && rates.body.suppressed ? el('p', { class: 'muted' }, t('suppressed')) : [bars,
          rates.ok ? ratesTable(rates.body) : null]),
      section('school-bandwidth', t('bandwidthTitle'), network.status === 404 ? notInstalled()
        : bandwidthTable(network.ok ? network.body.schools : [])),
      section('school-parent-meetings', t('meetings'), meetings.status === 404 ? notInstalled()
        : meetings.ok && meetings.body.length ? el('ul', {}, meetings.body.map(m =>
          el('li', {}, m.heldOn + ' ' + (m.audience || '') + ' — ' + m.topics.join(' / ')))) : el('p', { class: 'muted' }, t('notYet'))));
    if (network.ok && network.body.schools.length) {
      document.getElementById('school-title').textContent = loc(network.body.schools[0].name) + ' (' + id + ')';
    }
    if (attainment.ok) {
      heatMap(heat, attainment.body.groups.concat(attainment.body.reportedApart));
    }
    if (trend.ok) {
      trendChart(line, trend.body);
    }
    if (rates.ok && !rates.body.suppressed) {
      ratesChart(bars, rates.body);
    }
  }

  /**
   * The fiscal year's progress report: per basic policy, each indicator with target, value and a chart, and each
   * action item with its indicators. Printable (the browser saves it as PDF) and downloadable as one HTML file.
   */
  async function reportView(view) {
    const school = state.me && state.me.role !== 'BOARD' ? '&school=' + encodeURIComponent(state.me.schoolId) : '';
    const r = await api('/progress?fiscalYear=' + state.fy + school);
    if (isNoActionPlan(r)) {
      show(view, el('h1', {}, t('reportTitle') + ' — ' + loc(r.body.fiscalYearLabel)), noActionPlan(r.body));
      return;
    }
    if (!r.ok) {
      show(view, el('p', { class: 'error' }, (r.body && r.body.detail) || t('noData')));
      return;
    }
    const report = r.body;
    const charts = [];
    show(view,
      el('div', { class: 'report-tools no-print' },
        el('button', { type: 'button', id: 'print', on: { click: () => window.print() } }, t('printPdf')),
        el('button', { type: 'button', id: 'download-report', on: { click: () => downloadReport(report, charts) } },
          t('downloadHtml'))),
      el('article', { class: 'report', id: 'report' },
        el('h1', {}, t('reportTitle') + ' — ' + loc(report.fiscalYearLabel) + (report.school ? ' — ' + report.school : '')),
        el('p', { class: 'muted' }, t('computedAt') + ': ' + japanTime(report.computedAt, true) + ' JST'
          + (report.demo ? ' · ' + t('demo') : '')),
        report.policies.map(p => {
          const box = el('div', { class: 'chart report-chart', 'data-policy-chart': p.number });
          charts.push([box, p]);
          return section('report-policy-' + p.number, p.number + '. ' + loc(p.title),
            p.modules.length ? null : notInstalled(), indicatorTable(p.indicators), box,
            el('table', { class: 'items-table' },
              el('thead', {}, el('tr', {}, el('th', {}, t('actionItem')), el('th', {}, t('actor')),
                el('th', {}, t('indicator')), el('th', {}, t('status')))),
              el('tbody', {}, p.measures.flatMap(m => m.actionItems).map(a => el('tr', { 'data-item': a.id },
                el('td', {}, a.id + ' ' + loc(a.text)), el('td', {}, t('actor' + a.actor)),
                el('td', {}, a.indicators.map(i => loc(i.name)).join(' / ') || '–'),
                el('td', {}, a.indicators.length ? a.indicators.map(i => statusBadge(i.status)) : '–'))))));
        })));
    charts.forEach(([box, p]) => indicatorChart(box, p.indicators));
    view.querySelectorAll('[data-policy-chart]').forEach(b => { b.dataset.ready = 'true'; });
  }

  /** Value beside target for each indicator of a policy. */
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

  /** The report as one self-contained HTML file: the page's styles inline, each chart as a picture. */
  function downloadReport(report, charts) {
    const copy = document.getElementById('report').cloneNode(true);
    copy.querySelectorAll('.no-print, button').forEach(b => b.remove());
    copy.querySelectorAll('[data-policy-chart]').forEach(box => {
      const c = echarts.getInstanceByDom(document.querySelector('[data-policy-chart="' + box.dataset.policyChart + '"]'));
      box.replaceChildren(el('img', { src: c.getDataURL({ pixelRatio: 2, backgroundColor: '#fff' }),
        alt: t('indicator'), style: 'width:100%' }));
      box.removeAttribute('style');
    });
    const css = Array.from(document.styleSheets).flatMap(sheet => {
      try {
        return Array.from(sheet.cssRules).map(rule => rule.cssText);
      } catch (e) {
        return [];
      }
    }).join('\n');
    const html = '<!DOCTYPE html><html lang="' + state.lang + '"><head><meta charset="utf-8"><title>'
      + t('reportTitle') + ' ' + loc(report.fiscalYearLabel) + '</title><style>' + css + '</style></head><body><main>'
      + copy.outerHTML + '</main></body></html>';
    download('gigaplan-report-' + report.fiscalYear + (report.school ? '-' + report.school : '') + '.html',
      'text/html;charset=utf-8', html);
  }

  // ------------------------------------------------------------------ recording (school users, the board)

  /** The outcome of a write: what was stored, or every problem the server named. */
  function outcome(box, r, done) {
    if (r.ok) {
      show(box, el('p', { class: 'ok', role: 'status' }, done));
      return;
    }
    const errors = (r.body && r.body.errors) || [];
    show(box, el('div', { class: 'error', role: 'alert' }, el('p', {}, (r.body && (r.body.detail || r.body.title))
      || String(r.status)), errors.length ? el('ul', {}, errors.map(e => el('li', {}, e.field + ': ' + e.detail))) : null));
  }

  function mondayOf(date) {
    const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d.toISOString().slice(0, 10);
  }

  function lines(text) {
    return text.split('\n').map(x => x.trim()).filter(Boolean);
  }

  /** A school's weekly check-in, parent meetings and staff meetings, as forms. */
  async function recordView(view) {
    const school = state.me.schoolId;
    const id = encodeURIComponent(school);
    const [classes, plan] = await Promise.all([api('/usage/schools/' + id + '/classes'),
      api('/plan/action-plans/' + state.fy)]);
    show(view, el('h1', {}, t('recordTitle') + ' — ' + school),
      section('record-check-in', t('checkInTitle'), classes.status === 404 ? notInstalled() : checkInForm(school,
        classes.ok ? classes.body : [])),
      section('record-parent', t('parentFormTitle'), meetingForm('parent', school, [])),
      section('record-staff', t('staffFormTitle'), meetingForm('staff', school,
        plan.ok ? plan.body.policies.flatMap(p => p.measures.flatMap(m => m.actionItems)) : [])));
  }

  /** The fiscal year a day (YYYY-MM-DD) falls in: April to March. */
  function fiscalYearOf(day) {
    const [y, m] = day.split('-').map(Number);
    return m < 4 ? y - 1 : y;
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

  /** Runs a form's submission once at a time: its buttons are off until the answer is in (no double taps). */
  async function submitting(event, work) {
    event.preventDefault();
    const form = event.target;
    const buttons = form.querySelectorAll('button');
    buttons.forEach(b => { b.disabled = true; });
    form.querySelectorAll('.submit-error').forEach(e => e.remove());
    try {
      await work();
    } catch (e) {
      // The server could not be reached (or answered nonsense): say so where the user looks, keep what they typed.
      form.append(el('p', { class: 'error submit-error', role: 'alert' }, t('unreachable') + ' (' + e.message + ')'));
    } finally {
      buttons.forEach(b => { b.disabled = false; });
    }
  }

  /** Now by the platform's clock (GET /api/clock), whatever the device's own clock says. */
  function serverNow() {
    return new Date(Date.now() + ((state.clock && state.clock.skew) || 0));
  }

  /** Today by the platform's clock, in the city's zone, whatever the device's own date and zone. */
  function todayInJapan() {
    const [y, m, d] = japanTime(serverNow().toISOString()).split('-').map(Number);
    return new Date(y, m - 1, d);
  }

  /** An instant from /api as a day (or day and time) in Japan. */
  function japanTime(instant, withTime) {
    if (!instant) {
      return '–';
    }
    const options = { timeZone: state.clock ? state.clock.zone : undefined, year: 'numeric', month: '2-digit',
      day: '2-digit' };
    if (withTime) {
      Object.assign(options, { hour: '2-digit', minute: '2-digit', hour12: false });
    }
    return new Intl.DateTimeFormat('sv-SE', options).format(new Date(instant));
  }

  function meetingForm(kind, school, items) {
    const today = todayInJapan();
    const date = el('input', { type: 'date', id: kind + '-date', required: true,
      max: japanTime(new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())).toISOString()) });
    const audience = el('input', { id: kind + '-audience', maxlength: 100 });
    const topics = el('textarea', { id: kind + '-topics', rows: 3, required: true });
    const attendees = el('input', { type: 'number', id: kind + '-attendees', min: 0 });
    const materials = el('input', { id: kind + '-materials', maxlength: 1000 });
    const checks = items.map(a => el('label', { class: 'check' }, el('input', { type: 'checkbox', value: a.id }),
      ' ' + a.id + ' ' + loc(a.text).slice(0, 40)));
    const box = el('div', { id: kind + '-result' });
    return el('form', { id: kind + '-form', class: 'record', on: { submit: e => submitting(e, async () => {
      const meeting = { heldOn: date.value, topics: lines(topics.value),
        attendees: attendees.value === '' ? null : Number(attendees.value) };
      if (kind === 'parent') {
        meeting.audience = audience.value;
        meeting.materials = materials.value || null;
      } else {
        meeting.planItems = checks.map(c => c.querySelector('input')).filter(i => i.checked).map(i => i.value);
      }
      const r = await api('/outreach/schools/' + encodeURIComponent(school) + '/' + kind + '-meetings', [meeting]);
      if (r.status === 404 && !(r.body && r.body.errors)) {
        show(box, notInstalled());
        return;
      }
      outcome(box, r, t('recorded'));
      if (r.ok) {
        e.target.reset();
      }
    }) } },
    el('label', {}, t('heldOn'), date),
    kind === 'parent' ? el('label', {}, t('audience'), audience) : null,
    el('label', {}, t('topics'), topics),
    kind === 'staff' ? el('fieldset', {}, el('legend', {}, t('planItems')), checks) : null,
    el('label', {}, t('attendees'), attendees),
    kind === 'parent' ? el('label', {}, t('materials'), materials) : null,
    el('button', { type: 'submit', id: kind + '-submit' }, t('record')), box);
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

  /**
   * The network: each school against its recommended bandwidth, the findings opened where one fell below it, and
   * what people found and did (cause, countermeasure, verification), added here. A school sees its own and records
   * a speed test taken by hand.
   */
  async function networkView(view) {
    const school = state.me.role === 'SCHOOL' ? state.me.schoolId : null;
    const q = school ? '?schoolId=' + encodeURIComponent(school) : '';
    const [status, findings] = await Promise.all([api('/environment/network/status' + q),
      api('/environment/findings' + q)]);
    if (status.status === 404) {
      show(view, el('h1', {}, t('networkTitle')), notInstalled());
      return;
    }
    const schools = status.ok ? status.body.schools : [];
    const names = Object.fromEntries(schools.map(s => [s.schoolId, loc(s.name)]));
    const all = findings.ok ? findings.body : [];
    const open = all.filter(f => !f.closedAt);
    const closed = all.filter(f => f.closedAt);
    show(view, el('h1', {}, t('networkTitle') + (school ? ' — ' + (names[school] || school) : '')),
      status.ok ? el('p', { class: 'muted' }, t('networkRule').replace('{days}', status.body.windowDays)
        .replace('{problem}', status.body.problemPercent).replace('{recovery}', status.body.recoveryPercent)) : null,
      section('network-status', t('bandwidthTitle'), bandwidthTable(schools)),
      section('findings-open', t('openFindings') + ' (' + open.length + ')', open.length
        ? open.map(f => findingCard(f, names)) : el('p', { class: 'muted' }, t('noOpenFindings'))),
      school ? section('network-measure', t('measureTitle'), measurementForm(school)) : null,
      section('findings-closed', t('closedFindings') + ' (' + closed.length + ')', closedFindings(closed, names)));
  }

  function findingCard(f, names) {
    const kind = el('select', { name: 'kind', required: true }, el('option', { value: '' }, '–'),
      ['CAUSE', 'COUNTERMEASURE', 'VERIFICATION'].map(k => el('option', { value: k }, t('kind_' + k))));
    const text = el('textarea', { name: 'text', rows: 2, maxlength: 1000, required: true });
    const measurement = el('input', { type: 'number', name: 'measurementId', min: 1 });
    const box = el('div', { class: 'note-result' });
    return el('article', { class: 'finding', 'data-finding': f.id },
      el('h3', {}, (names[f.schoolId] || f.schoolId) + ' — ' + t('openedOn') + ' ' + japanTime(f.openedAt)),
      el('p', {}, f.openedMbps + ' Mbps / ' + t('recommended') + ' ' + f.recommendedMbps + ' Mbps'),
      f.notes.length ? el('ol', { class: 'notes' }, f.notes.map(n => el('li', { 'data-kind': n.kind },
        el('span', { class: 'badge' }, t('kind_' + n.kind)), ' ', n.text,
        n.measurementId ? ' (' + t('measurementId') + ' ' + n.measurementId + ')' : '',
        el('span', { class: 'muted' }, ' — ' + n.writtenBy + ', ' + japanTime(n.writtenAt, true)))))
        : el('p', { class: 'muted' }, t('noNotes')),
      el('form', { class: 'record note-form', on: { submit: e => submitting(e, async () => {
        const r = await api('/environment/findings/' + f.id + '/notes', { kind: kind.value, text: text.value,
          measurementId: measurement.value === '' ? null : Number(measurement.value) });
        outcome(box, r, t('recorded'));
        if (r.ok) {
          route();
        }
      }) } },
      el('div', { class: 'row' }, el('label', {}, t('noteKind'), kind),
        el('label', {}, t('measurementId'), measurement)),
      el('label', {}, t('noteText'), text),
      el('button', { type: 'submit' }, t('addNote')), box));
  }

  function closedFindings(closed, names) {
    if (!closed.length) {
      return el('p', { class: 'muted' }, '–');
    }
    return el('table', { class: 'findings' },
      el('thead', {}, el('tr', {}, el('th', {}, t('school')), el('th', {}, t('openedOn')), el('th', {}, t('closedOn')),
        el('th', {}, t('daysToResolve')), el('th', {}, 'Mbps'), el('th', {}, t('notesCount')))),
      el('tbody', {}, closed.map(f => el('tr', { 'data-finding': f.id }, el('td', {}, names[f.schoolId] || f.schoolId),
        el('td', {}, japanTime(f.openedAt)), el('td', {}, japanTime(f.closedAt)),
        el('td', { class: 'num' }, f.daysToResolve), el('td', { class: 'num' }, f.openedMbps + ' → ' + f.closedMbps),
        el('td', { class: 'num' }, f.notes.length)))));
  }

  /** A speed test taken by hand at the school (agents post theirs with an API key). */
  function measurementForm(school) {
    const now = japanTime(serverNow().toISOString(), true).replace(' ', 'T');
    const at = el('input', { type: 'datetime-local', id: 'measure-at', value: now, max: now, required: true });
    const number = (id, max) => el('input', { type: 'number', id, min: 0, max, step: 'any' });
    const down = number('measure-down', 100000);
    down.required = true;
    const up = number('measure-up', 100000);
    const latency = number('measure-latency', 60000);
    const loss = number('measure-loss', 100);
    const devices = el('input', { type: 'number', id: 'measure-devices', min: 0, max: 100000 });
    const point = el('select', { id: 'measure-point' }, ['ACCESS_POINT', 'SCHOOL_LAN', 'CENTRE_LINK', 'UPSTREAM']
      .map(p => el('option', { value: p }, t('point_' + p))));
    const classHours = el('input', { type: 'checkbox', id: 'measure-class-hours', checked: true });
    const box = el('div', { id: 'measure-result' });
    const value = input => input.value === '' ? null : Number(input.value);
    return el('form', { id: 'measure-form', class: 'record', on: { submit: e => submitting(e, async () => {
      const r = await api('/environment/measurements', [{ schoolId: school, measuredAt: at.value + ':00' + state.clock.offset,
        downloadMbps: value(down), uploadMbps: value(up), latencyMs: value(latency), lossPercent: value(loss),
        point: point.value, classHours: classHours.checked, devices: value(devices) }]);
      outcome(box, r, t('recorded') + (r.ok && r.body.findingsOpened.length ? ' · ' + t('findingOpened') : '')
        + (r.ok && r.body.findingsClosed.length ? ' · ' + t('findingClosed') : ''));
      if (r.ok) {
        route();
      }
    }) } },
    el('p', { class: 'muted' }, t('measureHelp')),
    el('div', { class: 'row' }, el('label', {}, t('measuredAt'), at), el('label', {}, t('point'), point)),
    el('div', { class: 'row' }, el('label', {}, t('downloadMbps'), down), el('label', {}, t('uploadMbps'), up),
      el('label', {}, t('latencyMs'), latency), el('label', {}, t('lossPercent'), loss)),
    el('div', { class: 'row' }, el('label', {}, t('devices'), devices),
      el('label', { class: 'check' }, classHours, ' ' + t('classHours'))),
    el('button', { type: 'submit', id: 'measure-submit' }, t('record')), box);
  }

  /**
   * Learning records week by week: a chart of records per week and a table per week and activity (records, learners
   * for a class, mean score). Returns the card and a function drawing the chart once the card is shown.
   */
  function activitySection(id, title, weeks, withLearners) {
    if (!weeks.length) {
      return [section(id, title, el('p', { class: 'muted' }, t('noActivity'))), null];
    }
    const box = el('div', { class: 'chart', id: id + '-chart' });
    const perWeek = new Map();
    [...weeks].sort((a, b) => a.week.localeCompare(b.week))
      .forEach(w => perWeek.set(w.week, (perWeek.get(w.week) || 0) + w.statements));
    const rows = [...weeks].sort((a, b) => b.week.localeCompare(a.week) || a.activity.localeCompare(b.activity));
    const card = section(id, title, box, el('table', { class: 'activity' },
      el('thead', {}, el('tr', {}, el('th', {}, t('week')), el('th', {}, t('activity')), el('th', {}, t('records')),
        withLearners ? el('th', {}, t('learners')) : null, el('th', {}, t('meanScore')))),
      el('tbody', {}, rows.map(w => el('tr', { 'data-week': w.week },
        el('td', {}, w.week), el('td', {}, w.activityName || w.activity), el('td', { class: 'num' }, w.statements),
        withLearners ? el('td', { class: 'num' }, w.learners) : null,
        el('td', { class: 'num' }, w.meanScore === null ? '–' : percent(w.meanScore * 100)))))));
    return [card, () => chart(box, {
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: [...perWeek.keys()] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('records'), data: [...perWeek.values()] }]
    })];
  }

  /** The chosen fiscal year as a query's since and until: April 1 to April 1, in Japan. */
  function fiscalYearPeriod() {
    return '?since=' + encodeURIComponent(state.fy + '-04-01T00:00:00' + state.clock.offset)
      + '&until=' + encodeURIComponent((state.fy + 1) + '-04-01T00:00:00' + state.clock.offset);
  }

  /** A learner's own learning records from digital drills and other tools (nobody else's). */
  async function learningView(view) {
    const r = await api('/environment/xapi/me' + fiscalYearPeriod());
    if (r.status === 404) {
      show(view, el('h1', {}, t('learningTitle')), notInstalled());
      return;
    }
    const history = r.ok ? r.body : { statements: [], weeks: [] };
    const [card, draw] = activitySection('my-activity', t('myActivity'), history.weeks, false);
    show(view, el('h1', {}, t('learningTitle') + ' — ' + state.fy), el('p', { class: 'muted' }, t('learningHelp')), card,
      section('my-records', t('recentRecords'), statementsTable(history.statements)));
    if (draw) {
      draw();
    }
  }

  function statementsTable(statements) {
    if (!statements.length) {
      return el('p', { class: 'muted' }, t('noActivity'));
    }
    const name = map => map ? map[state.lang] || map[state.lang === 'ja' ? 'ja-JP' : 'en-US'] || Object.values(map)[0] : null;
    return el('table', { class: 'statements' },
      el('thead', {}, el('tr', {}, el('th', {}, t('when')), el('th', {}, t('did')), el('th', {}, t('activity')),
        el('th', {}, t('score')))),
      el('tbody', {}, statements.map(s => el('tr', {},
        el('td', {}, japanTime(s.timestamp, true)),
        el('td', {}, name(s.verb.display) || s.verb.id.split('/').pop()),
        el('td', {}, (s.object.definition && name(s.object.definition.name)) || s.object.id),
        el('td', { class: 'num' }, s.result && s.result.score && s.result.score.scaled !== undefined
          ? percent(s.result.score.scaled * 100) : '–')))));
  }

  /**
   * A class's learning records for its teacher (and the school's staff): the classes the school's records name, and
   * the chosen one's records per week and activity, as counts and means (never a learner). Opening one counts as
   * the teacher's use of learning histories that week.
   */
  async function classesView(view, chosenRef) {
    const r = await api('/environment/xapi/classes' + fiscalYearPeriod());
    if (r.status === 404) {
      show(view, el('h1', {}, t('classesTitle')), notInstalled());
      return;
    }
    const classes = r.ok ? r.body : [];
    const chosen = chosenRef || (classes.length ? classes[0].classRef : null);
    const picker = classes.length ? el('p', { class: 'drill', id: 'class-picker' }, classes.map(c =>
      el('a', { href: '#/classes/' + encodeURIComponent(c.classRef), 'data-class': c.classRef,
        class: c.classRef === chosen ? 'current' : null }, c.classRef + ' (' + c.learners + ' ' + t('learners') + ')')))
      : el('p', { class: 'muted' }, t('noActivity'));
    const title = el('h1', {}, t('classesTitle') + ' — ' + state.me.schoolId + ' — ' + state.fy);
    if (!chosen) {
      show(view, title, section('class-list', t('classes'), picker));
      return;
    }
    const activity = await api('/environment/xapi/classes/' + encodeURIComponent(chosen) + '/activity'
      + fiscalYearPeriod());
    const [card, draw] = activitySection('class-activity', t('classActivity') + ' ' + chosen,
      activity.ok ? activity.body : [], true);
    show(view, title, el('p', { class: 'muted' }, t('classHelp')), section('class-list', t('classes'), picker), card);
    if (draw) {
      draw();
    }
  }

  /** The board's support-site posts: write a draft, move it to review, publish, archive. */
  async function postsView(view) {
    const r = await api('/outreach/posts?limit=100');
    if (r.status === 404) {
      show(view, notInstalled());
      return;
    }
    const moves = { DRAFT: ['REVIEW'], REVIEW: ['PUBLISHED', 'DRAFT'], PUBLISHED: ['ARCHIVED', 'DRAFT'], ARCHIVED: ['DRAFT'] };
    const box = el('div', { id: 'post-result' });
    const list = el('table', { class: 'posts' },
      el('thead', {}, el('tr', {}, el('th', {}, t('postTitle')), el('th', {}, t('status')), el('th', {}, t('publishAt')),
        el('th', {}, ''))),
      el('tbody', {}, (r.ok ? r.body.items : []).map(p => el('tr', { 'data-post': p.id },
        el('td', {}, p.title), el('td', {}, t('post_' + p.status)), el('td', {}, japanTime(p.publishAt, true)),
        el('td', {}, moves[p.status].map(to => el('button', { type: 'button', 'data-move': to, on: { click: async () => {
          const moved = await api('/outreach/posts/' + p.id + '/status', { status: to });
          if (moved.ok) {
            route();
          } else {
            outcome(box, moved, '');
          }
        } } }, t('move_' + to))))))));
    const title = el('input', { id: 'post-title', maxlength: 200, required: true });
    const body = el('textarea', { id: 'post-body', rows: 8, required: true });
    const category = el('select', { id: 'post-category' }, ['NEWS', 'HOW_TO', 'SAFETY', 'LESSON', 'EVENT']
      .map(c => el('option', { value: c }, t('category_' + c))));
    const audience = el('select', { id: 'post-audience' }, ['FAMILIES', 'STUDENTS', 'COMMUNITY', 'ALL']
      .map(a => el('option', { value: a }, t('audience_' + a))));
    const lang = el('select', { id: 'post-lang' }, el('option', { value: 'ja' }, '日本語'), el('option', { value: 'en' }, 'English'));
    const form = el('form', { id: 'post-form', class: 'record', on: { submit: e => submitting(e, async () => {
      const created = await api('/outreach/posts', { title: title.value, body: body.value, format: 'MARKDOWN',
        category: category.value, audience: audience.value, lang: lang.value });
      if (created.ok) {
        route();
      } else {
        outcome(box, created, '');
      }
    }) } },
    el('label', {}, t('postTitle'), title), el('label', {}, t('postBody'), body),
    el('div', { class: 'row' }, el('label', {}, t('category'), category), el('label', {}, t('audience'), audience),
      el('label', {}, t('language'), lang)),
    el('button', { type: 'submit', id: 'post-submit' }, t('saveDraft')));
    show(view, el('h1', {}, t('postsTitle')), box, section('post-list', t('postsTitle'), list),
      section('post-new', t('newPost'), form));
  }

  function loginView(view) {
    const message = el('p', { class: 'error', id: 'login-error', role: 'alert' });
    if (state.sessionEnded) {
      message.textContent = t('sessionEnded');
      state.sessionEnded = false;
    }
    const user = el('input', { id: 'user', name: 'user', autocomplete: 'username', required: true });
    const password = el('input', { id: 'password', name: 'password', type: 'password',
      autocomplete: 'current-password', required: true });
    const form = el('form', { class: 'card login', id: 'login-form', on: { submit: async e => {
      e.preventDefault();
      let r;
      try {
        r = await api('/session', { user: user.value, password: password.value });
      } catch (failure) {
        message.textContent = t('unreachable') + ' (' + failure.message + ')';
        return;
      } finally {
        password.value = '';
      }
      if (r.ok) {
        state.me = r.body.caller;
        state.csrf = r.body.csrfToken;
        applyStaticText();
        location.hash = state.me.role === 'BOARD' ? '#/city'
          : state.me.role === 'SCHOOL' ? '#/school/' + encodeURIComponent(state.me.schoolId)
            : state.me.role === 'TEACHER' ? '#/checklist' : state.me.role === 'LEARNER' ? '#/learning' : '#/plan';
      } else {
        message.textContent = r.status === 403 ? t('noRole') : r.status === 429 ? t('loginLocked')
          : r.status === 400 ? t('loginIncomplete') : t('loginFailed');
      }
    } } },
    el('h1', {}, t('loginTitle')),
    el('label', {}, t('user'), user), el('label', {}, t('password'), password),
    el('button', { type: 'submit', id: 'login-submit' }, t('login')), message);
    show(view, form);
    user.focus();
  }

  // ------------------------------------------------------------------ views of other files

  /**
   * Views that other files of the dashboard add (plan.js: the board's plan editor), by route name: each says who
   * may open it. They get the helpers below, so they are written as the views here are.
   */
  const VIEWS = {};
  window.GigaPlan = {
    addView(name, allowed, view) {
      VIEWS[name] = { allowed, view };
    },
    el, api, t, loc, show, section, outcome, submitting, statusBadge, formatValue, japanTime, noActionPlan,
    isNoActionPlan, loadFiscalYears, route: () => route(), state
  };

  // ------------------------------------------------------------------ routing

  let routing = 0;

  /** Shows the view the address names; a view still loading when another is asked for is dropped. */
  async function route() {
    const mine = ++routing;
    disposeCharts();
    // Each route renders into a container of its own: one a newer route replaced draws into nothing.
    const host = document.getElementById('view');
    const view = el('div', { class: 'route' }, el('p', { class: 'muted' }, t('loading')));
    delete host.dataset.view;
    show(host, view);
    const [, name, arg] = (location.hash || '#/').match(/^#\/([^/]*)\/?(.*)$/) || [];
    let shown = name || 'public';
    try {
      if (name === 'login') {
        loginView(view);
      } else if (name === 'checklist' && state.me && state.me.role === 'TEACHER') {
        await checklistView(view);
      } else if (name === 'record' && state.me && state.me.role === 'SCHOOL') {
        await recordView(view);
      } else if (name === 'posts' && state.me && state.me.role === 'BOARD') {
        await postsView(view);
      } else if (name === 'network' && state.me && (state.me.role === 'BOARD' || state.me.role === 'SCHOOL')) {
        await networkView(view);
      } else if (name === 'classes' && state.me && (state.me.role === 'TEACHER' || state.me.role === 'SCHOOL')) {
        await classesView(view, decodeURIComponent(arg));
      } else if (name === 'learning' && state.me && state.me.role === 'LEARNER') {
        await learningView(view);
      } else if (name === 'report' && staff()) {
        await reportView(view);
      } else if (name === 'plan' && staff()) {
        await planView(view);
      } else if (VIEWS[name] && VIEWS[name].allowed(state.me)) {
        await VIEWS[name].view(view);
      } else if (name === 'city' && state.me && state.me.role === 'BOARD') {
        await cityView(view);
      } else if (name === 'school' && staff()) {
        await schoolView(view, decodeURIComponent(arg));
      } else if (['plan', 'city', 'school', 'report', 'record', 'posts', 'checklist', 'network', 'classes', 'learning']
        .concat(Object.keys(VIEWS)).includes(name) && !state.me) {
        location.hash = '#/login';
        return;
      } else {
        // Not a view this caller may open (a school user at #/city): the public page, and the view says so.
        shown = 'public';
        await publicView(view);
      }
      if (mine === routing) {
        host.dataset.view = shown;
      }
    } catch (e) {
      show(view, el('p', { class: 'error' }, String(e)));
    }
  }

  document.getElementById('lang').addEventListener('click', () => {
    state.lang = state.lang === 'ja' ? 'en' : 'ja';
    localStorage.setItem('gigaplan.lang', state.lang);
    applyStaticText();
    loadFiscalYears().then(route);
  });
  document.getElementById('logout').addEventListener('click', async () => {
    try {
      await api('/session', undefined, 'DELETE'); // ends the session on the server
    } catch (e) {
      // offline: the server ends it when it has been idle long enough
    }
    state.me = null;
    state.csrf = null;
    applyStaticText();
    if (location.hash === '#/public') {
      route();
    } else {
      location.hash = '#/public';
    }
  });
  window.addEventListener('hashchange', route);

  restoreLogin().then(() => {
    applyStaticText();
    return loadFiscalYears();
  }).then(route);
}());
