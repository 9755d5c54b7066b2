// Builds the Search tab's URL state for a drill-down from any view: a query, exact-value filters, an index
// pattern and a time range. Dashboards (and later alerts and rules) open Search through this one function.
import { hashFor } from './route.js';
import { EVENTS } from './indices.js';

export function bothQueries(...parts) {
  const present = parts.map((part) => (part || '').trim()).filter(Boolean);
  if (present.length <= 1) return present[0] || '';
  return present.map((part) => `(${part})`).join(' AND ');
}

export function searchHash({ query, filters = [], index, from, to, columns }) {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (index && index !== EVENTS) params.set('index', index);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  [...new Set(filters)].forEach((filter) => params.append('filter', filter));
  if (columns && columns.length) params.set('columns', [...new Set(columns)].join(','));
  return hashFor('search', params);
}

// Search at exactly one document: its index, its id.
export function documentHash(index, id) {
  return searchHash({ query: `_id:"${String(id).replace(/(["\\])/g, '\\$1')}"`, index });
}

// The process tree of a host, opened at one process.
export function processTreeHash(host, guid) {
  return hashFor('tree', new URLSearchParams({ host, focus: guid }));
}
