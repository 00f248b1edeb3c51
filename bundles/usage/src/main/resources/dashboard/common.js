/*
 * What the usage module's dashboard files share: the plan's five scenes, the kinds of learning and school types the
 * API names, and how a view says it got no figures.
 */
import { el, notInstalled, t } from '../../core/kit.js';

export const SCENES = [1, 2, 3, 4, 5];
export const LEARNING_TYPES = ['INDIVIDUAL', 'COLLABORATIVE', 'BOTH'];
export const SCHOOL_TYPES = ['ELEMENTARY', 'JUNIOR_HIGH', 'SECONDARY', 'HIGH', 'SPECIAL_NEEDS'];

/** A view's answer that brought no figures: why, in words. */
export function failed(r) {
  return r.status === 404 ? notInstalled() : el('p', { class: 'muted' }, (r.body && r.body.detail) || t('noData'));
}
