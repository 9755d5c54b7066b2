import React, { useCallback, useEffect, useMemo, useState } from 'react';
import { Badge, Button, Callout, TextField } from './controls.jsx';
import { get } from './api.js';
import { flatten } from './format.js';
import { applyPickerRange, navigate, pickerRange } from './route.js';
import FieldList from './FieldList.jsx';
import EventsTable, { Pager } from './EventsTable.jsx';
import Histogram from './Histogram.jsx';
import TimePicker from './TimePicker.jsx';

const DEFAULT_COLUMNS = ['host_name', 'event_id', 'process_name', 'process_command_line'];
const PAGE_SIZE = 50;

function columnsOf(params) {
  const text = params.get('columns');
  return text ? text.split(',').filter(Boolean) : DEFAULT_COLUMNS;
}

// Discover for the appliance: query bar, time picker, histogram, field list, and the events table.
// Everything that defines the search is in the URL, so the address bar is the bookmark.
export default function SearchTab({ params }) {
  const searchKey = params.toString();
  const [draft, setDraft] = useState(params.get('q') || '');
  const [indexDraft, setIndexDraft] = useState(params.get('index') || 'logs-*');
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [loading, setLoading] = useState(false);
  const [catalog, setCatalog] = useState({});
  const index = params.get('index') || 'logs-*';
  const columns = columnsOf(params);
  const filters = params.getAll('filter');
  const offset = Number(params.get('offset') || 0);

  useEffect(() => { setDraft(params.get('q') || ''); setIndexDraft(index); }, [searchKey]); // eslint-disable-line

  // What the server needs: the URL state minus the UI-only parts.
  const serverParams = useMemo(() => {
    const server = new URLSearchParams();
    for (const name of ['q', 'index', 'from', 'to', 'sort', 'offset']) {
      if (params.get(name)) server.set(name, params.get(name));
    }
    filters.forEach((filter) => server.append('filter', filter));
    server.set('size', String(PAGE_SIZE));
    return server;
  }, [searchKey]); // eslint-disable-line

  useEffect(() => {
    let active = true;
    setLoading(true);
    get('/api/hunt/search', serverParams)
      .then((body) => { if (active) { setResult(body); setError(null); } })
      .catch((failure) => { if (active) { setError(failure); setResult(null); } })
      .finally(() => active && setLoading(false));
    return () => { active = false; };
  }, [serverParams]);

  useEffect(() => {
    get('/api/hunt/fields', new URLSearchParams({ index }))
      .then((body) => setCatalog(Object.fromEntries(body.fields.map((field) => [field.name, field]))))
      .catch(() => setCatalog({}));
  }, [index]);

  // Every change starts again at the first page, except paging itself.
  const update = useCallback((change, { keepOffset = false } = {}) => {
    const next = new URLSearchParams(params);
    change(next);
    if (!keepOffset) next.delete('offset');
    navigate('search', next);
  }, [searchKey]); // eslint-disable-line

  const submit = () => update((next) => {
    if (draft.trim()) next.set('q', draft.trim()); else next.delete('q');
    if (indexDraft.trim() && indexDraft.trim() !== 'logs-*') next.set('index', indexDraft.trim()); else next.delete('index');
  });
  const addFilter = (field, value, negated) => update((next) => {
    const spelling = `${negated ? '-' : ''}${field}:${value}`;
    if (!next.getAll('filter').includes(spelling)) next.append('filter', spelling);
  });
  const removeFilter = (spelling) => update((next) => {
    const rest = next.getAll('filter').filter((filter) => filter !== spelling);
    next.delete('filter');
    rest.forEach((filter) => next.append('filter', filter));
  });
  const toggleColumn = (name) => update((next) => {
    const current = columnsOf(next);
    const changed = current.includes(name) ? current.filter((column) => column !== name) : [...current, name];
    next.set('columns', changed.join(','));
  });

  const hits = result ? result.hits : [];
  const fieldNames = useMemo(() => {
    const names = new Set();
    hits.forEach((hit) => Object.keys(flatten(hit.source)).forEach((name) => names.add(name)));
    names.delete('event_original_message');
    return [...names].sort();
  }, [result]); // eslint-disable-line

  const queryError = error && error.parameter === 'q';
  const timeError = error && ['from', 'to'].includes(error.parameter) ? error.reason || error.message : null;
  const range = pickerRange(params);
  const sort = params.get('sort') || '@timestamp:desc';
  const enter = (event) => event.key === 'Enter' && submit();

  return (
    <div className="stack">
      <div className="queryBar">
        <TextField className="indexField" prepend="Index" value={indexDraft} onChange={(event) => setIndexDraft(event.target.value)}
          invalid={Boolean(error && error.parameter === 'index')} data-test-subj="indexInput" onKeyDown={enter}
          aria-label="Index pattern" />
        <div className="queryField">
          <TextField prepend="Lucene" placeholder='process_name:"werfault.exe" AND event_id:1' value={draft}
            onChange={(event) => setDraft(event.target.value)} invalid={Boolean(queryError)} onKeyDown={enter}
            data-test-subj="queryInput" aria-label="Query" aria-describedby={queryError ? 'queryErrorText' : undefined} />
          {queryError && (
            <ParserMessage text={error.reason || error.message} />
          )}
        </div>
        <TimePicker start={range.start} end={range.end} error={timeError}
          onChange={(start, end) => update((next) => applyPickerRange(next, start, end))} />
        <Button primary icon="magnify" onClick={submit} loading={loading} data-test-subj="querySubmit">Search</Button>
      </div>
      {error && (
        <Callout title={error.message} data-test-subj="queryError">
          {error.reason && !queryError && error.reason}
        </Callout>
      )}
      {filters.length > 0 && (
        <div className="row wrap">
          {filters.map((filter) => (
            <Badge key={filter} color={filter.startsWith('-') ? 'danger' : 'hollow'} onRemove={() => removeFilter(filter)}
              removeLabel={`Remove filter ${filter}`} data-test-subj="filterBadge">
              {filter.startsWith('-') ? `NOT ${filter.slice(1)}` : filter}
            </Badge>
          ))}
        </div>
      )}
      <div className="discover">
        <FieldList fieldNames={fieldNames} catalog={catalog} searchParams={serverParams} columns={columns}
          onFilter={addFilter} onToggleColumn={toggleColumn} />
        <div className="results">
          <div className="text small" data-test-subj="searchStatus" data-state={loading ? 'loading' : error ? 'error' : 'done'}
            data-total={result ? result.total : ''}>
            {result && (
              <span data-test-subj="hitCount"><strong>{result.total.toLocaleString('en')}</strong> hits
                {result.histogram && <> · {result.histogram.interval} buckets</>} · {result.tookMillis} ms</span>
            )}
            {!result && '\u00a0'}
          </div>
          {result && result.warnings.map((warning) => <Callout key={warning} color="warning" title={warning} />)}
          {result && result.histogram && (
            <Histogram histogram={result.histogram} onBrush={(from, to) => update((next) => {
              next.set('from', new Date(from).toISOString());
              next.set('to', new Date(to).toISOString());
            })} />
          )}
          <div className="panel flush">
            <EventsTable key={searchKey} hits={hits} columns={columns} catalog={catalog} sort={sort} loading={loading}
              emptyMessage={error ? 'The search failed; see the message above.' : loading ? 'Searching…' : 'No events match.'}
              onSort={(spelling) => update((next) => next.set('sort', spelling))} onFilter={addFilter} />
            {result && (
              <Pager offset={offset} pageSize={PAGE_SIZE} total={result.total}
                onPage={(page) => update((next) => next.set('offset', String(page * PAGE_SIZE)), { keepOffset: true })} />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

// Lucene's parse errors end with a long list of the tokens it expected; the first line says what went
// wrong and where, so the list waits behind a toggle instead of pushing the page down.
function ParserMessage({ text }) {
  const [first, ...rest] = String(text).split('\n');
  return (
    <div className="fieldError" id="queryErrorText" data-test-subj="queryErrorText">
      {first}
      {rest.some((line) => line.trim()) && (
        <details>
          <summary>{rest[0].trim().endsWith(':') ? rest[0].trim().slice(0, -1) : 'More'}</summary>
          <pre>{rest.slice(rest[0].trim().endsWith(':') ? 1 : 0).map((line) => line.trim()).filter(Boolean).join('  ')}</pre>
        </details>
      )}
    </div>
  );
}
