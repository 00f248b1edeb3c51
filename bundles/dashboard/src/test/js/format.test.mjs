// The dashboard's pure functions (src/main/web/core/format.js), run by `mvn verify` with Node's test runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

// The page's files are browser modules (no package.json says so): loaded as one from their text.
const source = await readFile(new URL('../../main/web/core/format.js', import.meta.url), 'utf8');
const f = await import('data:text/javascript;charset=utf-8,' + encodeURIComponent(source));

test('percentages have one decimal, Japanese without a space, and no value is a dash', () => {
  assert.equal(f.percent(87.54, 'ja'), '87.5%');
  assert.equal(f.percent(87.54, 'en'), '87.5 %');
  assert.equal(f.percent(100, 'ja'), '100%');
  assert.equal(f.percent(null, 'ja'), '–');
  assert.equal(f.percent(undefined, 'en'), '–');
  assert.equal(f.formatValue(12.345, 'Mbps', 'en'), '12.3 Mbps');
  assert.equal(f.formatValue(3, '', 'ja'), '3');
  assert.equal(f.formatValue(66.66, '%', 'ja'), '66.7%');
});

test('CSV cells cannot start a formula, and quote what needs quoting', () => {
  assert.equal(f.csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
  assert.equal(f.csvCell('+81 22'), "'+81 22");
  assert.equal(f.csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(f.csvCell('-12.5'), '-12.5', 'a negative number stays a number');
  assert.equal(f.csvCell('+3'), '+3');
  assert.equal(f.csvCell('a,b'), '"a,b"');
  assert.equal(f.csvCell('two\nlines'), '"two\nlines"');
  assert.equal(f.csvCell(null), '');
  assert.equal(f.csvText([['学校', '率'], ['第一小', 87.5]]), '学校,率\r\n第一小,87.5\r\n');
});

test('weeks start on Monday and fiscal years in April', () => {
  assert.equal(f.mondayOf(new Date(2026, 10, 30)), '2026-11-30', 'a Monday is its own');
  assert.equal(f.mondayOf(new Date(2026, 11, 6)), '2026-11-30', 'a Sunday belongs to the Monday before');
  assert.equal(f.mondayOf(new Date(2026, 0, 1)), '2025-12-29', 'across a year');
  assert.equal(f.fiscalYearOf('2026-03-31'), 2025);
  assert.equal(f.fiscalYearOf('2026-04-01'), 2026);
  assert.deepEqual(f.lines(' a \n\n b\n'), ['a', 'b']);
});

test('addresses name a view and its argument, and roles decide who opens it', () => {
  assert.deepEqual(f.parseRoute(''), { name: 'public', arg: '' });
  assert.deepEqual(f.parseRoute('#/'), { name: 'public', arg: '' });
  assert.deepEqual(f.parseRoute('#/city'), { name: 'city', arg: '' });
  assert.deepEqual(f.parseRoute('#/school/S-E01'), { name: 'school', arg: 'S-E01' });
  assert.deepEqual(f.parseRoute('#/classes/1-%E7%B5%84'), { name: 'classes', arg: '1-組' });
  assert.equal(f.allowed(null, null), true, 'a view for anyone');
  assert.equal(f.allowed(['BOARD'], null), false, 'not without a login');
  assert.equal(f.allowed(['BOARD'], { role: 'SCHOOL' }), false);
  assert.equal(f.allowed(['BOARD', 'SCHOOL'], { role: 'SCHOOL' }), true);
});

test('days are written as people write them, with the Japanese era where asked', () => {
  assert.equal(f.formatDay('2026-11-30', 'ja'), '2026年11月30日');
  assert.equal(f.formatDay('2026-04-01', 'ja', true), '令和8年4月1日');
  assert.equal(f.formatDay('2019-04-30', 'ja', true), '平成31年4月30日', 'the era changed on 1 May 2019');
  assert.equal(f.formatDay('2019-05-01', 'ja', true), '令和元年5月1日');
  assert.equal(f.formatDay('2026-11-30', 'en'), '30 Nov 2026');
  assert.equal(f.formatDay('2026-11-30', 'ja', false, '14:05'), '2026年11月30日 14:05');
  assert.equal(f.formatDay(null, 'ja'), '–');
});
