/*
 * The dashboard's pure functions: numbers, dates, CSV and addresses, with no page, no browser and no server behind
 * them, so they are tested alone (src/test/js, run by `mvn verify` with Node).
 */

/** A percentage with one decimal: 87.5%, or "–" for no value. Japanese writes it without a space. */
export function percent(value, lang) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return oneDecimal(value) + (lang === 'ja' ? '%' : ' %');
}

/** A figure with its unit: percentages as {@link percent}, others with one decimal at most. */
export function formatValue(value, unit, lang) {
  if (value === null || value === undefined) {
    return '–';
  }
  return unit === '%' ? percent(value, lang) : oneDecimal(value) + (unit ? ' ' + unit : '');
}

function oneDecimal(value) {
  return String(Math.round(value * 10) / 10);
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break; a text a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or CR, unless it is a plain number) gets a leading apostrophe, as the server's exports.
 */
export function csvCell(value) {
  let text = value === null || value === undefined ? '' : String(value).trim();
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) {
    text = "'" + text;
  }
  return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** Rows of cells as CSV text: CRLF line ends, every line ended. */
export function csvText(rows) {
  return rows.map(row => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The Monday of a date's week, as YYYY-MM-DD (the date's own calendar day, whatever the zone). */
export function mondayOf(date) {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** The fiscal year a day (YYYY-MM-DD) falls in: April to March. */
export function fiscalYearOf(day) {
  const [y, m] = day.split('-').map(Number);
  return m < 4 ? y - 1 : y;
}

/** The non-blank lines of a text, trimmed. */
export function lines(text) {
  return text.split('\n').map(x => x.trim()).filter(Boolean);
}

/** A dashboard address: {@code #/school/S-E01} → {name: 'school', arg: 'S-E01'}; nothing → the public view. */
export function parseRoute(hash) {
  const [, name, arg] = (hash || '#/').match(/^#\/([^/]*)\/?(.*)$/) || [];
  return { name: name || 'public', arg: decodeURIComponent(arg || '') };
}

/** Whether a caller ({@code GET /api/session}'s caller, or null) may open a route allowed to these roles. */
export function allowed(roles, me) {
  return !roles || (me !== null && me !== undefined && roles.includes(me.role));
}

/**
 * A day (YYYY-MM-DD) as people write it: 2026年11月30日 in Japanese (with {@code era}: 令和8年11月30日, as a board's
 * documents date things), 30 Nov 2026 in English; with a time (HH:mm) after it when given.
 */
export function formatDay(day, lang, era, time) {
  if (!day) {
    return '–';
  }
  const [y, m, d] = day.split('-').map(Number);
  const at = Date.UTC(y, m - 1, d);
  const text = lang === 'ja'
    ? (era ? new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long',
      day: 'numeric', timeZone: 'UTC' }).format(at) : y + '年' + m + '月' + d + '日')
    : new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(at);
  return time ? text + ' ' + time : text;
}
