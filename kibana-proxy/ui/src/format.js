// Small display helpers shared by the tabs.
export function flatten(source, prefix = '', into = {}) {
  for (const [key, value] of Object.entries(source || {})) {
    const name = prefix + key;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      flatten(value, `${name}.`, into);
    } else {
      into[name] = value;
    }
  }
  return into;
}

export function display(value) {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(display).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function shortTime(iso) {
  if (!iso) return '—';
  return String(iso).replace('T', ' ').replace(/Z$/, '');
}

// A value safe inside a data-test-subj attribute (tests find filter buttons by field and value).
export function testId(text) {
  return String(text).replace(/[^A-Za-z0-9._-]/g, '_');
}
