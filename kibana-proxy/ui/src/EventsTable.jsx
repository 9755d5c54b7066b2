import React, { Fragment, useState } from 'react';
import { IconButton } from './controls.jsx';
import { display, flatten, shortTime, testId } from './format.js';
import { hashFor } from './route.js';

// The Search tab's table: one row per hit, sortable columns, a pager, and rows that open onto the
// whole document (as a field table with filter buttons, or as JSON).
export default function EventsTable({ hits, columns, catalog, sort, loading, emptyMessage, onSort, onFilter }) {
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
                <tr data-test-subj="hitRow" className={open ? 'open' : undefined}>
                  <td className="expanderCell">
                    <IconButton icon={open ? 'chevronDown' : 'chevronRight'} label="Show the whole document" aria-expanded={open}
                      data-test-subj="expandHit" onClick={() => setExpanded((state) => ({ ...state, [hit.id]: !open }))} />
                  </td>
                  <td className="nowrap">{shortTime(hit.source['@timestamp'])}</td>
                  {columns.map((column) => <td key={column} className="huntCell">{display(fields[column])}</td>)}
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

function DocumentView({ hit, catalog, onFilter }) {
  const [asJson, setAsJson] = useState(false);
  const fields = flatten(hit.source);
  const treeLink = hit.source.process_guid && hit.source.host_name
    ? hashFor('tree', new URLSearchParams({ host: hit.source.host_name, focus: hit.source.process_guid })) : null;
  return (
    <div className="documentView" data-test-subj="documentView">
      <div className="row small">
        <span className="subdued"><code>{hit.index}</code> · <code>{hit.id}</code></span>
        <button type="button" className="link" onClick={() => setAsJson(!asJson)}>{asJson ? 'Table' : 'JSON'}</button>
        {treeLink && <a href={treeLink}>Show in process tree</a>}
      </div>
      {asJson ? (
        <pre className="codeBlock">{JSON.stringify(hit.source, null, 2)}</pre>
      ) : (
        <table className="table compact fields">
          <tbody>
            {Object.keys(fields).sort().map((name) => {
              const value = fields[name];
              const filterable = catalog[name]?.aggregationField && !Array.isArray(value) && value !== null && value !== undefined;
              return (
                <tr key={name}>
                  <td className="fieldName">{name}</td>
                  <td className="huntCell">{display(value)}</td>
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
