/*
 * The outreach module's dashboard page (basic policy 4): the support site's posts (published ones on the public page,
 * the board's editor), parent meetings explaining ICT use (the city's compliance, a school's list, the school's
 * form) and staff meetings sharing the plan's initiatives. Served by the outreach bundle; the dashboard imports it
 * while the module is installed.
 */
import { api, dateText, dayText, el, japanTime, lines, loc, notInstalled, outcome, percent, route, schoolList, section, show,
  submitting, t, todayInJapan } from '../../core/kit.js';

/** The words of this page, in Japanese and English. */
export const texts = {
  ja: {
    postsTitle: 'GIGAスクールサポートサイトの記事', familiesPostsTitle: '保護者の皆さまへのお知らせ', noPosts: 'お知らせはまだありません。', parentTitle: '保護者会でのICT活用の説明', notYet: 'まだの学校',
    daysLeft: '年度末までの日数', meetings: '保護者会', navPosts: 'サイト記事', parentFormTitle: '保護者会でのICT活用の説明',
    staffFormTitle: 'ICT活用の取組を周知した職員会議', heldOn: '実施日', audience: '対象', topics: '内容（1行に1つ）', attendees: '参加者数',
    materials: '資料', planItems: '取り上げた取組', newPost: '新しい記事（下書き）', postTitle: '題名', postBody: '本文（Markdown）',
    language: '言語', saveDraft: '下書きを保存', publishAt: '公開日時', post_DRAFT: '下書き', post_REVIEW: '確認待ち',
    post_PUBLISHED: '公開', post_ARCHIVED: 'アーカイブ', move_REVIEW: '確認へ回す', move_PUBLISHED: '公開する',
    move_ARCHIVED: 'アーカイブする', move_DRAFT: '下書きに戻す', category_NEWS: 'お知らせ', category_HOW_TO: '使い方',
    category_SAFETY: '情報モラル・安全', category_LESSON: '授業での活用', category_EVENT: 'イベント', audience_FAMILIES: '保護者',
    audience_STUDENTS: '児童生徒', audience_COMMUNITY: '地域', audience_ALL: 'すべて',
    staffMeetingsTitle: 'ICTの取組を共有した職員会議', staffMeetingsMean: '1校あたり平均 {n} 回（合計 {total} 回）',
    bySchool: '学校別', total: '合計'
  },
  en: {
    postsTitle: 'GIGA School Support Site posts', familiesPostsTitle: 'News for families', noPosts: 'No news yet.',
    parentTitle: 'ICT use explained at parent meetings', notYet: 'Not yet', daysLeft: 'Days left in the fiscal year',
    navPosts: 'Site posts', parentFormTitle: 'ICT use explained at a parent meeting',
    staffFormTitle: 'Staff meeting sharing ICT initiatives', heldOn: 'Held on', audience: 'Audience',
    topics: 'Topics (one a line)', attendees: 'Attendees', materials: 'Materials', planItems: 'Plan items taken up',
    newPost: 'New post (draft)', postTitle: 'Title', postBody: 'Body (Markdown)', language: 'Language',
    saveDraft: 'Save draft', publishAt: 'Published from', post_DRAFT: 'Draft', post_REVIEW: 'In review',
    post_PUBLISHED: 'Published', post_ARCHIVED: 'Archived', move_REVIEW: 'Send for review',
    move_PUBLISHED: 'Publish', move_ARCHIVED: 'Archive', move_DRAFT: 'Back to draft', category_NEWS: 'News',
    category_HOW_TO: 'How to', category_SAFETY: 'Safety', category_LESSON: 'ICT in lessons',
    category_EVENT: 'Events', audience_FAMILIES: 'Families', audience_STUDENTS: 'Students',
    audience_COMMUNITY: 'Community', audience_ALL: 'Everyone', meetings: 'Parent meetings',
    staffMeetingsTitle: 'Staff meetings sharing ICT initiatives', staffMeetingsMean: 'Mean per school: {n} (total {total})',
    bySchool: 'By school', total: 'Total'
  }
};

export const routes = [{ name: 'posts', roles: ['BOARD'], nav: 'navPosts', view: postsView }];

export const sections = {
  async public() {
    return { cards: [await postsCard('public-posts', t('postsTitle'), '')] };
  },

  /** What the board publishes for families: the support site's posts written for them (or for everyone). */
  async families() {
    return { cards: [await postsCard('families-posts', t('familiesPostsTitle'), '&audience=FAMILIES')] };
  },

  async city({ fy }) {
    const [compliance, staff] = await Promise.all([api('/outreach/meetings/parent/compliance?fiscalYear=' + fy),
      api('/outreach/meetings/staff?fiscalYear=' + fy)]);
    return { cards: [section('parent-meetings', t('parentTitle'), complianceView(compliance.ok ? compliance.body : null)),
      section('staff-meetings', t('staffMeetingsTitle'), staff.ok ? staffCounts(staff.body)
        : el('p', { class: 'muted' }, t('noData')))] };
  },

  async school({ fy, schoolId }) {
    const id = encodeURIComponent(schoolId);
    const [meetings, staff] = await Promise.all([api('/outreach/schools/' + id + '/parent-meetings?fiscalYear=' + fy),
      api('/outreach/schools/' + id + '/staff-meetings?fiscalYear=' + fy)]);
    return { cards: [section('school-parent-meetings', t('meetings'), meetings.ok && meetings.body.length
      ? el('ul', {}, meetings.body.map(m => el('li', {}, dayText(m.heldOn) + ' ' + (m.audience || '') + ' — '
        + m.topics.join(' / ')))) : el('p', { class: 'muted' }, t('notYet'))),
    section('school-staff-meetings', t('staffMeetingsTitle'), staff.ok && staff.body.length
      ? el('table', { class: 'staff-meetings' }, el('thead', {}, el('tr', {}, el('th', {}, t('heldOn')),
        el('th', {}, t('topics')), el('th', {}, t('planItems')), el('th', {}, t('attendees')))),
      el('tbody', {}, staff.body.map(m => el('tr', { 'data-meeting': m.id }, el('td', {}, dayText(m.heldOn)),
        el('td', {}, m.topics.join(' / ')), el('td', {}, (m.planItems || []).join(', ') || '–'),
        el('td', { class: 'num' }, m.attendees === null || m.attendees === undefined ? '–' : m.attendees)))))
      : el('p', { class: 'muted' }, t('notYet')))] };
  },

  async record({ fy, schoolId }) {
    const plan = await api('/plan/action-plans/' + fy);
    return { cards: [
      section('record-parent', t('parentFormTitle'), meetingForm('parent', schoolId, [])),
      section('record-staff', t('staffFormTitle'), meetingForm('staff', schoolId,
        plan.ok ? plan.body.policies.flatMap(p => p.measures.flatMap(m => m.actionItems)) : []))] };
  }
};

/** The support site's latest published posts (of an audience), as a card. */
async function postsCard(id, title, audience) {
  const posts = await api('/outreach/site/posts?limit=10' + audience);
  return section(id, title, posts.ok && posts.body.items.length ? posts.body.items.map(postView)
    : el('p', { class: 'muted' }, t('noPosts')));
}

function postView(post) {
  const body = el('div', { class: 'post-body' });
  body.innerHTML = post.html; // sanitised by the server (jsoup safelist); titles stay text
  return el('article', { class: 'post', 'data-post': post.id, lang: post.lang },
    el('h3', {}, post.title),
    el('p', { class: 'muted' }, loc(post.categoryLabel) + ' · ' + dateText(post.publishedAt)), body);
}

/** Every school's staff meetings sharing ICT initiatives, per term, and the mean per school. */
function staffCounts(c) {
  if (!c.schools.length) {
    return el('p', { class: 'muted' }, t('noData'));
  }
  return [el('p', {}, t('staffMeetingsMean').replace('{n}', c.perSchool === null ? '–' : c.perSchool)
    .replace('{total}', c.meetings)),
  el('details', {}, el('summary', {}, t('bySchool')), el('table', { class: 'staff-counts' },
    el('thead', {}, el('tr', {}, el('th', {}, t('school')), c.terms.map(term => el('th', {}, loc(term))),
      el('th', {}, t('total')))),
    el('tbody', {}, c.schools.map(s => el('tr', { 'data-school': s.schoolId }, el('td', {}, loc(s.name)),
      s.perTerm.map(n => el('td', { class: 'num' }, n)), el('td', { class: 'num' }, s.total))))))];
}

function complianceView(c) {
  if (!c || c.schools === undefined) {
    return el('p', { class: 'muted' }, t('noData'));
  }
  return [el('p', {}, c.compliant + ' / ' + c.schools + ' ' + t('schoolsMet') + ' (' + percent(c.share) + ') · '
    + t('daysLeft') + ': ' + c.daysLeft),
  el('p', {}, t('notYet') + ': '), schoolList(c.notYet)];
}

function meetingForm(kind, school, items) {
  const today = todayInJapan();
  // Named as the API names a batch's first record's fields, so that a refusal's error shows beside its field.
  const date = el('input', { type: 'date', id: kind + '-date', 'data-field': '[0].heldOn', required: true,
    max: japanTime(new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())).toISOString()) });
  const audience = el('input', { id: kind + '-audience', 'data-field': '[0].audience', maxlength: 100 });
  const topics = el('textarea', { id: kind + '-topics', 'data-field': '[0].topics', rows: 3, required: true });
  const attendees = el('input', { type: 'number', id: kind + '-attendees', 'data-field': '[0].attendees', min: 0 });
  const materials = el('input', { id: kind + '-materials', 'data-field': '[0].materials', maxlength: 1000 });
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
      el('td', {}, p.title), el('td', {}, t('post_' + p.status)), el('td', {}, dateText(p.publishAt, true)),
      el('td', {}, moves[p.status].map(to => el('button', { type: 'button', 'data-move': to, on: { click: async () => {
        const moved = await api('/outreach/posts/' + p.id + '/status', { status: to });
        if (moved.ok) {
          route();
        } else {
          outcome(box, moved, '');
        }
      } } }, t('move_' + to))))))));
  const title = el('input', { id: 'post-title', name: 'title', maxlength: 200, required: true });
  const body = el('textarea', { id: 'post-body', name: 'body', rows: 8, required: true });
  const category = el('select', { id: 'post-category', name: 'category' }, ['NEWS', 'HOW_TO', 'SAFETY', 'LESSON', 'EVENT']
    .map(c => el('option', { value: c }, t('category_' + c))));
  const audience = el('select', { id: 'post-audience', name: 'audience' }, ['FAMILIES', 'STUDENTS', 'COMMUNITY', 'ALL']
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
