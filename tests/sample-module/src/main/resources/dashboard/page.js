/*
 * TEST FIXTURE: the sample module's dashboard page, as a third party writes one: a view of its own for the board,
 * with a header link, and a card on the city view, built with the dashboard's kit.
 */
import { api, el, section, show, t } from '../../core/kit.js';

export const texts = {
  ja: { navSamplemod: 'サンプル', samplemodTitle: 'サンプルモジュール', samplemodPong: '応答あり' },
  en: { navSamplemod: 'Sample', samplemodTitle: 'Sample module', samplemodPong: 'Answering' }
};

export const routes = [{ name: 'samplemod', roles: ['BOARD'], nav: 'navSamplemod', view: async view => {
  const ping = await api('/samplemod/ping');
  show(view, el('h1', { id: 'samplemod-title' }, t('samplemodTitle')),
    el('p', { id: 'samplemod-pong' }, ping.ok && ping.body.pong ? t('samplemodPong') : String(ping.status)));
} }];

export const sections = {
  async city() {
    return { cards: [section('samplemod-card', t('samplemodTitle'), el('p', {}, t('samplemodPong')))] };
  }
};
