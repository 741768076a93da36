/**
 * Dates are `Date` in every prop (one type, which jsii gives each language as its own date type:
 * `datetime` in Python, `Instant` in Java, `time.Time` in Go); the template carries the text the
 * API takes. An invalid Date becomes the text "Invalid Date", which the value's rule then reports.
 */

/** ISO 8601 date and time in UTC, without milliseconds when there are none: `2026-05-01T09:30:00Z`. */
export function isoDateTime(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString().replace('.000Z', 'Z');
}

/** The calendar date in UTC: `2027-03-31`. */
export function isoDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString().slice(0, 10);
}
