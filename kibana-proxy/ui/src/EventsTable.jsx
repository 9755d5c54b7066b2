import React, { Fragment, useState } from 'react';
import { IconButton } from './controls.jsx';
import { display, flatten, shortTime, testId } from './format.js';
import { hashFor } from './route.js';
import { breakable } from './DashboardPanel.jsx';
import { encodedCommands, parseOriginal } from './originalEvent.js';

const AROUND_MILLIS = 5 * 60 * 1000;

// The Search tab's table: one row per hit, sortable columns, a pager, and rows that open onto the
// whole document (as a field table with filter buttons, or as JSON).
export default function EventsTable({ hits, columns, catalog, sort, loading, emptyMessage, onSort, onFilter, around }) {
  const [expanded, setExpanded] = useState({});
  const [sortField, sortDirection] = [sort.slice(0, sort.lastIndexOf(':')), sort.slice(sort.lastIndexOf(':') + 1)];
  const header = (name, sortable) => {
    if (!sortable) return <th key={name}>{name}</th>;
    const current = sortField === name;
    const next = current && sortDirection === 'asc' ? 'desc' : 'asc';
    return (
      <th key={name} aria-sort={current ? (sortDirection === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className={`sortButton${current ? ' current' : ''}`} onClick={() => onSort(`${name}:${next}`)}
          title={`Sort by ${name}`}>
          {name} <span className="sortMark" aria-hidden="true">{current ? (sortDirection === 'asc' ? '↑' : '↓') : '↕'}</span>
        </button>
      </th>
    );
  };
  const width = columns.length + 2;
  return (
    <div className="tableScroll">
      {loading && <div className="loadingBar" />}
      <table className="table events">
        <thead>
          <tr>
            <th className="expanderCell" aria-label="Expand" />
            {header('@timestamp', true)}
            {columns.map((column) => header(column, Boolean(catalog[column]?.aggregationField)))}
          </tr>
        </thead>
        <tbody>
          {hits.length === 0 && <tr><td colSpan={width} className="empty">{emptyMessage}</td></tr>}
          {hits.map((hit) => {
            const fields = flatten(hit.source);
            const open = Boolean(expanded[hit.id]);
            return (
              <Fragment key={hit.id}>
                <tr data-test-subj="hitRow" className={[open && 'open', hit.id === around && 'aroundAnchor'].filter(Boolean).join(' ') || undefined}
                  data-around={hit.id === around ? 'true' : undefined}>
                  <td className="expanderCell">
                    <IconButton icon={open ? 'chevronDown' : 'chevronRight'} label="Show the whole document" aria-expanded={open}
                      data-test-subj="expandHit" onClick={() => setExpanded((state) => ({ ...state, [hit.id]: !open }))} />
                  </td>
                  <td className="nowrap">{shortTime(hit.source['@timestamp'])}</td>
                  {columns.map((column) => <td key={column} className="huntCell">{breakable(display(fields[column]))}</td>)}
                </tr>
                {open && (
                  <tr className="expandedRow">
                    <td colSpan={width}><DocumentView hit={hit} catalog={catalog} onFilter={onFilter} /></td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Pager({ offset, pageSize, total, onPage }) {
  const pages = Math.ceil(Math.min(total, 10000) / pageSize);
  if (pages <= 1) return null;
  const current = Math.floor(offset / pageSize);
  const shown = [...new Set([0, current - 2, current - 1, current, current + 1, current + 2, pages - 1])]
    .filter((page) => page >= 0 && page < pages).sort((a, b) => a - b);
  return (
    <nav className="pager" aria-label="Pages of hits">
      <button type="button" className="pageButton" disabled={current === 0} onClick={() => onPage(current - 1)} aria-label="Previous page">‹</button>
      {shown.map((page, position) => (
        <Fragment key={page}>
          {position > 0 && page - shown[position - 1] > 1 && <span className="subdued">…</span>}
          <button type="button" className={`pageButton${page === current ? ' current' : ''}`} onClick={() => onPage(page)}
            aria-current={page === current ? 'page' : undefined}>{page + 1}</button>
        </Fragment>
      ))}
      <button type="button" className="pageButton" disabled={current === pages - 1} onClick={() => onPage(current + 1)} aria-label="Next page">›</button>
    </nav>
  );
}

// Search on the same host from five minutes before to five minutes after this event, oldest first, as
// Kibana's "surrounding documents".
function aroundLink(hit) {
  const time = Date.parse(hit.source['@timestamp']);
  if (!hit.source.host_name || Number.isNaN(time)) return null;
  const params = new URLSearchParams({
    from: new Date(time - AROUND_MILLIS).toISOString(), to: new Date(time + AROUND_MILLIS).toISOString(),
    sort: '@timestamp:asc', around: hit.id,
  });
  params.append('filter', `host_name:${hit.source.host_name}`);
  if (!hit.index.startsWith('logs-')) params.set('index', hit.index);
  return hashFor('search', params);
}

function DocumentView({ hit, catalog, onFilter }) {
  const [mode, setMode] = useState('table');
  const fields = flatten(hit.source);
  delete fields.event_original_message;
  const original = parseOriginal(hit.source.event_original_message);
  const encoded = encodedCommands(original);
  const treeLink = hit.source.process_guid && hit.source.host_name
    ? hashFor('tree', new URLSearchParams({ host: hit.source.host_name, focus: hit.source.process_guid })) : null;
  const around = aroundLink(hit);
  const modeButton = (name, label) => (
    <button type="button" className={`link${mode === name ? ' current' : ''}`} onClick={() => setMode(name)}
      data-test-subj={`documentMode-${name}`} aria-pressed={mode === name}>{label}</button>
  );
  return (
    <div className="documentView" data-test-subj="documentView">
      <div className="row small">
        <span className="subdued"><code>{hit.index}</code> · <code>{hit.id}</code></span>
        {modeButton('table', 'Table')}
        {modeButton('json', 'JSON')}
        {original && modeButton('original', 'As it arrived')}
        {treeLink && <a href={treeLink}>Show in process tree</a>}
        {around && <a href={around} data-test-subj="eventsAround">Events around (same host, ±5 min)</a>}
      </div>
      {encoded.map(({ payload, decoded }) => (
        <div key={payload} className="decoded small" data-test-subj="decodedCommand">
          <strong>-EncodedCommand decoded</strong> (Base64, UTF-16LE, from the original event):
          <pre className="codeBlock">{decoded ?? 'The payload is not Base64 of UTF-16LE text.'}</pre>
        </div>
      ))}
      {mode === 'json' && <pre className="codeBlock">{JSON.stringify({ ...hit.source, event_original_message: undefined }, null, 2)}</pre>}
      {mode === 'original' && (
        <pre className="codeBlock" data-test-subj="originalEvent">
          {original.json ? JSON.stringify(original.json, null, 2) : original.text}
        </pre>
      )}
      {mode === 'table' && (
        <table className="table compact fields">
          <tbody>
            {Object.keys(fields).sort().map((name) => {
              const value = fields[name];
              const filterable = catalog[name]?.aggregationField && !Array.isArray(value) && value !== null && value !== undefined;
              return (
                <tr key={name}>
                  <td className="fieldName">{name}</td>
                  <td className="huntCell">{breakable(display(value))}</td>
                  <td className="actions">
                    {filterable && (
                      <>
                        <IconButton icon="magnifyPlus" label={`Filter for ${name}`} onClick={() => onFilter(name, value, false)}
                          data-test-subj={`docFilterFor-${testId(name)}`} />
                        <IconButton icon="magnifyMinus" label={`Filter out ${name}`} onClick={() => onFilter(name, value, true)} />
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
