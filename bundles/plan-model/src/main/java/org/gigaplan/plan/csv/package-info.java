/**
 * CSV tables as schools keep them in spreadsheets: read from UTF-8 (with or without a byte-order mark) or CP932
 * (Shift_JIS, what Japanese Excel writes by default), refused with errors naming {@code line N.column}; dates and
 * times as ISO 8601 or as Excel saves them; written with a byte-order mark and never a cell a spreadsheet would run
 * as a formula.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.gigaplan.plan.csv;
