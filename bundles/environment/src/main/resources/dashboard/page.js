/*
 * The environment module's dashboard page (basic policy 3): schools against their recommended bandwidth (city and
 * school cards, the network view with findings and notes, a speed test recorded by hand), and learning records from
 * digital drills: a class's for its teacher and school, a learner's own. Served by the environment bundle; the
 * dashboard imports it while the module is installed.
 */
import { api, chart, dateText, el, japanTime, loc, notInstalled, outcome, percent, route, section, serverNow, show, state,
  submitting, t } from '../../core/kit.js';

/** The words of this page, in Japanese and English. */
export const texts = {
  ja: {
    bandwidthTitle: '推奨帯域を満たす学校', state_MEETS: '満たす', state_BELOW: '下回る', state_NO_DATA: 'データなし', median: '中央値',
    recommended: '推奨', navClasses: '学習履歴', navLearning: 'わたしの学習', classesTitle: '学級の学習履歴',
    classHelp: 'デジタルドリルなどの記録を週ごと・教材ごとに集計しています（児童生徒一人一人は表示しません）。', classActivity: '学級', learningTitle: 'わたしの学習の記録',
    learningHelp: 'デジタルドリルなどで学習した記録です。見られるのは自分だけです。', myActivity: '週ごとの学習', recentRecords: '最近の記録',
    noActivity: 'この期間の記録はありません。', records: '記録数', learners: '人', meanScore: '平均得点', activity: '教材', did: '内容',
    score: '得点', navNetwork: 'ネットワーク', networkTitle: 'ネットワークの状況と課題',
    networkRule: '直近{days}日の授業時間中の測定の中央値で判定します。推奨帯域の{problem}%を下回ると課題を記録し、{recovery}%以上に戻ると解決とします。',
    openFindings: '対応中の課題', noOpenFindings: '対応中の課題はありません。', closedFindings: '解決した課題', openedOn: '発生',
    closedOn: '解決', daysToResolve: '解決までの日数', notesCount: '記録', noNotes: 'まだ記録がありません。', noteKind: '種類',
    kind_CAUSE: '原因', kind_COUNTERMEASURE: '対策', kind_VERIFICATION: '検証', noteText: '内容', measurementId: '測定番号',
    addNote: '記録を追加', measureTitle: '手動の速度測定を記録', measureHelp: '測定アプリで測った値を入力します。自動測定の端末はAPIキーで送信します。',
    measuredAt: '測定日時', point: '測定場所', point_ACCESS_POINT: 'アクセスポイント', point_SCHOOL_LAN: '校内LAN',
    point_CENTRE_LINK: 'センターへの回線', point_UPSTREAM: 'インターネット側', downloadMbps: '下り (Mbps)', uploadMbps: '上り (Mbps)',
    latencyMs: '遅延 (ms)', lossPercent: 'パケットロス (%)', devices: '同時接続台数', classHours: '授業時間中',
    findingOpened: '課題を記録しました', findingClosed: '課題を解決としました', owner: '担当', dueDate: '期限',
    assign: '担当と期限を保存', assigned: '担当と期限を保存しました。', hooksTitle: '速度測定のWebhook URL',
    hooksHelp: 'ヘッダーを設定できない測定ツール（Speedtest Tracker など）には、学校ごとのURLを渡します。URLは作成時に一度だけ表示されます。不要になったら無効にしてください。',
    hookLabel: '名前（どの端末か）', hookCreate: 'URLを作成', hookCreated: 'URLを作成しました。今コピーしてツールに設定してください（再表示できません）:',
    hookMade: '作成', hookUsed: '最後の受信', hookNever: '未受信', hookRevoke: '無効にする', hookRevoked: '無効', noHooks: 'Webhook URLはまだありません。'
  },
  en: {
    bandwidthTitle: 'Schools meeting the recommended bandwidth', state_MEETS: 'Meets', state_BELOW: 'Below',
    state_NO_DATA: 'No data', median: 'Median', navClasses: 'Learning records', navLearning: 'My learning',
    classesTitle: 'Classes\' learning records',
    classHelp: 'Records from digital drills and other tools, counted per week and activity (never shown per learner).',
    classActivity: 'Class', learningTitle: 'My learning records',
    learningHelp: 'What you did in digital drills and other tools. Only you can see this.',
    myActivity: 'Week by week', recentRecords: 'Latest records', noActivity: 'No records in this period.',
    records: 'Records', learners: 'learners', meanScore: 'Mean score', activity: 'Activity', did: 'What',
    score: 'Score', navNetwork: 'Network', networkTitle: 'Network status and findings',
    networkRule: 'Judged by the median of the class-hour tests of the last {days} days. A finding opens below {problem} % of the recommended bandwidth and closes at {recovery} % or more.',
    openFindings: 'Open findings', noOpenFindings: 'No open findings.', closedFindings: 'Resolved findings',
    openedOn: 'Opened', closedOn: 'Resolved', daysToResolve: 'Days to resolve', notesCount: 'Notes',
    noNotes: 'Nothing recorded yet.', noteKind: 'Kind', kind_CAUSE: 'Cause', kind_COUNTERMEASURE: 'Countermeasure',
    kind_VERIFICATION: 'Verification', noteText: 'Text', measurementId: 'Measurement no.', addNote: 'Add note',
    measureTitle: 'Record a speed test taken by hand',
    measureHelp: 'Enter what the speed-test app showed. Automatic agents send theirs with an API key.',
    measuredAt: 'Measured at', point: 'Where', point_ACCESS_POINT: 'Access point', point_SCHOOL_LAN: 'School LAN',
    point_CENTRE_LINK: 'Link to the centre', point_UPSTREAM: 'Upstream', downloadMbps: 'Download (Mbps)',
    uploadMbps: 'Upload (Mbps)', latencyMs: 'Latency (ms)', lossPercent: 'Packet loss (%)',
    devices: 'Devices at once', classHours: 'During class hours', findingOpened: 'a finding was opened',
    findingClosed: 'a finding was resolved', recommended: 'Recommended', owner: 'Owner', dueDate: 'Due',
    assign: 'Save owner and due date', assigned: 'Owner and due date saved.',
    hooksTitle: 'Webhook URLs for speed tests',
    hooksHelp: 'A speed-test tool that cannot set a header (Speedtest Tracker, for one) is given a URL of the school\'s own. It is shown once, when made; revoke it when it is no longer needed.',
    hookLabel: 'Name (which device)', hookCreate: 'Make a URL',
    hookCreated: 'URL made. Copy it into the tool now (it is not shown again):', hookMade: 'Made',
    hookUsed: 'Last received', hookNever: 'Never', hookRevoke: 'Revoke', hookRevoked: 'Revoked',
    noHooks: 'No webhook URLs yet.'
  }
};

export const routes = [
  { name: 'classes', roles: ['TEACHER', 'SCHOOL'], nav: 'navClasses', view: classesView },
  { name: 'learning', roles: ['LEARNER'], nav: 'navLearning', view: learningView },
  { name: 'network', roles: ['BOARD', 'SCHOOL'], nav: 'navNetwork', view: networkView }
];

export const sections = {
  async city() {
    const network = await api('/environment/network/status');
    return { cards: [section('bandwidth', t('bandwidthTitle'), bandwidthTable(network.ok ? network.body.schools : []))] };
  },

  async school({ schoolId }) {
    const network = await api('/environment/network/status?schoolId=' + encodeURIComponent(schoolId));
    return { cards: [section('school-bandwidth', t('bandwidthTitle'),
      bandwidthTable(network.ok ? network.body.schools : []))] };
  }
};

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
        el('td', { class: 'num', 'data-value': s.medianMbps ?? '' }, s.medianMbps === null ? '–' : s.medianMbps + ' Mbps'),
        el('td', { class: 'num', 'data-value': s.recommended.mbps }, s.recommended.mbps + ' Mbps'),
        el('td', { 'data-value': t('state_' + s.state) },
          el('span', { class: 'badge state-' + s.state }, t('state_' + s.state)))))))];
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
    school ? section('network-hooks', t('hooksTitle'), await webhooks(school)) : null,
    section('findings-closed', t('closedFindings') + ' (' + closed.length + ')', closedFindings(closed, names)));
}

function findingCard(f, names) {
  const kind = el('select', { name: 'kind', required: true }, el('option', { value: '' }, '–'),
    ['CAUSE', 'COUNTERMEASURE', 'VERIFICATION'].map(k => el('option', { value: k }, t('kind_' + k))));
  const text = el('textarea', { name: 'text', rows: 2, maxlength: 1000, required: true });
  const measurement = el('input', { type: 'number', name: 'measurementId', min: 1 });
  const box = el('div', { class: 'note-result' });
  const owner = el('input', { name: 'owner', maxlength: 200, value: f.owner || '' });
  const due = el('input', { name: 'dueDate', type: 'date', value: f.dueDate || '' });
  const assigned = el('div', { class: 'assign-result' });
  return el('article', { class: 'finding', 'data-finding': f.id },
    el('h3', {}, (names[f.schoolId] || f.schoolId) + ' — ' + t('openedOn') + ' ' + dateText(f.openedAt)),
    el('p', {}, f.openedMbps + ' Mbps / ' + t('recommended') + ' ' + f.recommendedMbps + ' Mbps'),
    el('form', { class: 'record assign-form', on: { submit: e => submitting(e, async () => {
      const r = await api('/environment/findings/' + f.id + '/assignment', { owner: owner.value.trim() || null,
        dueDate: due.value || null }, 'PUT');
      outcome(assigned, r, t('assigned'));
    }) } },
    el('div', { class: 'row' }, el('label', {}, t('owner'), owner), el('label', {}, t('dueDate'), due),
      el('button', { type: 'submit', class: 'assign' }, t('assign'))), assigned),
    f.notes.length ? el('ol', { class: 'notes' }, f.notes.map(n => el('li', { 'data-kind': n.kind },
      el('span', { class: 'badge' }, t('kind_' + n.kind)), ' ', n.text,
      n.measurementId ? ' (' + t('measurementId') + ' ' + n.measurementId + ')' : '',
      el('span', { class: 'muted' }, ' — ' + n.writtenBy + ', ' + dateText(n.writtenAt, true)))))
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
      el('td', {}, dateText(f.openedAt)), el('td', {}, dateText(f.closedAt)),
      el('td', { class: 'num' }, f.daysToResolve), el('td', { class: 'num' }, f.openedMbps + ' → ' + f.closedMbps),
      el('td', { class: 'num' }, f.notes.length)))));
}

/**
 * The school's webhook URLs for agents that cannot set a header: each with when it was made and last used, revoked
 * with a click; a new one's URL shown once, to copy into the agent.
 */
async function webhooks(school) {
  const r = await api('/environment/webhooks?schoolId=' + encodeURIComponent(school));
  const hooks = r.ok ? r.body : [];
  const label = el('input', { name: 'label', id: 'hook-label', maxlength: 200 });
  const box = el('div', { id: 'hook-result' });
  const list = hooks.length ? el('table', { class: 'hooks' },
    el('thead', {}, el('tr', {}, el('th', {}, t('hookLabel')), el('th', {}, t('hookMade')), el('th', {}, t('hookUsed')),
      el('th', {}, ''))),
    el('tbody', {}, hooks.map(h => el('tr', { 'data-hook': h.id }, el('td', {}, h.label || '#' + h.id),
      el('td', {}, dateText(h.createdAt, true) + ' ' + h.createdBy),
      el('td', {}, h.lastUsedAt ? dateText(h.lastUsedAt, true) : t('hookNever')),
      el('td', {}, h.revokedAt ? el('span', { class: 'badge' }, t('hookRevoked'))
        : el('button', { type: 'button', class: 'revoke', on: { click: async () => {
          const gone = await api('/environment/webhooks/' + h.id, undefined, 'DELETE');
          if (gone.ok) {
            route();
          }
        } } }, t('hookRevoke')))))))
    : el('p', { class: 'muted' }, t('noHooks'));
  return [el('p', { class: 'muted' }, t('hooksHelp')), list,
    el('form', { id: 'hook-form', class: 'record', on: { submit: e => submitting(e, async () => {
      const made = await api('/environment/webhooks', { schoolId: school, label: label.value.trim() || null });
      outcome(box, made, t('hookCreated'));
      if (made.ok) {
        box.append(el('p', {}, el('code', { id: 'hook-url' }, made.body.url)));
      }
    }) } },
    el('div', { class: 'row' }, el('label', {}, t('hookLabel'), label),
      el('button', { type: 'submit', id: 'hook-create' }, t('hookCreate'))), box)];
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
      el('td', {}, dateText(s.timestamp, true)),
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
