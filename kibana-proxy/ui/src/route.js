import { useEffect, useState } from 'react';

// The page state lives in the URL hash (#/search?q=...&filter=...), so any view can be bookmarked or shared
// and the server needs no fallback routes.
export function parseHash(hash = window.location.hash) {
  const text = hash.replace(/^#\/?/, '');
  const mark = text.indexOf('?');
  const tab = (mark < 0 ? text : text.slice(0, mark)) || 'home';
  const params = new URLSearchParams(mark < 0 ? '' : text.slice(mark + 1));
  return { tab, params };
}

export function hashFor(tab, params) {
  const query = params && params.toString();
  return `#/${tab}${query ? `?${query}` : ''}`;
}

export function navigate(tab, params, { replace = false } = {}) {
  const target = hashFor(tab, params);
  if (target === window.location.hash) {
    return;
  }
  if (replace) {
    window.history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = target;
  }
}

export function useRoute() {
  const [route, setRoute] = useState(() => parseHash());
  useEffect(() => {
    const listener = () => setRoute(parseHash());
    window.addEventListener('hashchange', listener);
    return () => window.removeEventListener('hashchange', listener);
  }, []);
  return route;
}

// "All time" is the default: the samples are dated, and an empty window would look like missing data.
export const ALL_TIME = { start: 'now-100y', end: 'now' };

export function pickerRange(params) {
  return { start: params.get('from') || ALL_TIME.start, end: params.get('to') || ALL_TIME.end };
}

export function applyPickerRange(params, start, end) {
  if (start === ALL_TIME.start && end === ALL_TIME.end) {
    params.delete('from');
    params.delete('to');
  } else {
    params.set('from', start);
    params.set('to', end);
  }
}

export const COMMONLY_USED_RANGES = [
  { label: 'All time', ...ALL_TIME },
  { label: 'Last 15 minutes', start: 'now-15m', end: 'now' },
  { label: 'Last 24 hours', start: 'now-24h', end: 'now' },
  { label: 'Last 7 days', start: 'now-7d', end: 'now' },
  { label: 'Last 30 days', start: 'now-30d', end: 'now' },
  { label: 'Last 90 days', start: 'now-90d', end: 'now' },
  { label: 'Last 1 year', start: 'now-1y', end: 'now' },
];
