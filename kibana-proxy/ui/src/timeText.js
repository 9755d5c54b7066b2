// Resolves the time picker's text (date math such as now-15m or now-1d/d, ISO-8601 times, dates, epoch
// milliseconds) to an ISO instant in the browser, for APIs that take only ISO times. Rounding goes down for a
// start and up for an end, as the hunt API's own parser does.
const UNITS = { s: 1000, m: 60000, h: 3600000, d: 86400000, w: 7 * 86400000 };

function step(date, amount, unit) {
  const next = new Date(date.getTime());
  if (unit === 'M') next.setUTCMonth(next.getUTCMonth() + amount);
  else if (unit === 'y') next.setUTCFullYear(next.getUTCFullYear() + amount);
  else next.setTime(next.getTime() + amount * UNITS[unit]);
  return next;
}

function roundDown(date, unit) {
  const next = new Date(date.getTime());
  if (unit === 's') next.setUTCMilliseconds(0);
  else if (unit === 'm') next.setUTCSeconds(0, 0);
  else if (unit === 'h') next.setUTCMinutes(0, 0, 0);
  else {
    next.setUTCHours(0, 0, 0, 0);
    if (unit === 'w') next.setUTCDate(next.getUTCDate() - ((next.getUTCDay() + 6) % 7));
    if (unit === 'M') next.setUTCDate(1);
    if (unit === 'y') next.setUTCMonth(0, 1);
  }
  return next;
}

export function resolveTime(text, { roundUp = false, now = new Date() } = {}) {
  const value = String(text || '').trim();
  const math = /^now((?:[+-]\d{1,9}[smhdwMy])*)(?:\/([smhdwMy]))?$/.exec(value);
  if (math) {
    let time = new Date(now.getTime());
    for (const [, sign, amount, unit] of math[1].matchAll(/([+-])(\d+)([smhdwMy])/g)) {
      time = step(time, Number(amount) * (sign === '-' ? -1 : 1), unit);
    }
    if (math[2]) {
      time = roundDown(time, math[2]);
      if (roundUp) time = step(time, 1, math[2]);
    }
    return time.toISOString();
  }
  if (/^\d{1,15}$/.test(value)) return new Date(Number(value)).toISOString();
  const withZone = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(value) ? `${value}Z` : value;
  const parsed = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(withZone) ? `${withZone}T00:00:00Z` : withZone);
  if (Number.isNaN(parsed)) throw new Error(`'${value}' is not a time: use date math such as now-15m, or an ISO-8601 time.`);
  return new Date(parsed).toISOString();
}
