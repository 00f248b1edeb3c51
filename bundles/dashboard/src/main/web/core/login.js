/*
 * The login form (#/login): begins a session on the server (POST /api/session) and goes to where the caller starts
 * (the board's city, a school's page, a teacher's or learner's first view). Nothing of the password is kept.
 */
import { api, el, show, state, t } from './kit.js';

/** What the form takes from the core's frame: the module pages, the header, the module routes. */
let core = null;

export function connect(frame) {
  core = frame;
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
      await core.loadPages();
      core.applyStaticText();
      location.hash = state.me.role === 'BOARD' ? '#/city'
        : state.me.role === 'SCHOOL' ? '#/school/' + encodeURIComponent(state.me.schoolId)
          : landing(state.me);
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

/** Where a teacher or learner starts: the first module view for them, else the plan. */
function landing(me) {
  const first = core.moduleRoutes().find(r => r.nav && r.roles && r.roles.includes(me.role));
  return first ? '#/' + first.name : me.role === 'LEARNER' ? '#/public' : '#/plan';
}

export const login = { name: 'login', roles: null, view: loginView };
