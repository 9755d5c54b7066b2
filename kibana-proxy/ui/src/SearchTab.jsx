import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Button, Callout, TextField } from './controls.jsx';
import { get } from './api.js';
import { useGet } from './useGet.js';
import { flatten, shortTime } from './format.js';
import { EVENTS } from './indices.js';
import { applyPickerRange, navigate, pickerRange } from './route.js';
import FieldList from './FieldList.jsx';
import EventsTable, { Pager } from './EventsTable.jsx';
import Histogram from './Histogram.jsx';
import TimePicker from './TimePicker.jsx';
import SavedSearchBar, { paramsOf } from './SavedSearchBar.jsx';
import { suggestionsAt, unknownFields } from './queryFields.js';

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
  const [indexDraft, setIndexDraft] = useState(params.get('index') || EVENTS);
  const [catalog, setCatalog] = useState({});
  const index = params.get('index') || EVENTS;
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

  const { result, error, loading, fail } = useGet('/api/hunt/search', serverParams);

  // #/search?saved=<id> alone (a shared link) opens the saved search's query, filters and columns.
  const openedSaved = useRef(null);
  const savedId = params.get('saved');
  useEffect(() => {
    const bare = !['q', 'index', 'filter', 'columns', 'sort'].some((name) => params.has(name));
    if (!savedId || !bare || openedSaved.current === savedId) return;
    openedSaved.current = savedId;
    get(`/api/hunt/saved-searches/${encodeURIComponent(savedId)}`)
      .then((search) => navigate('search', paramsOf(search, params), { replace: true }))
      .catch((failure) => fail(failure));
  }, [searchKey]); // eslint-disable-line

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
    if (!keepOffset) next.delete('around');
    navigate('search', next);
  }, [searchKey]); // eslint-disable-line

  const submit = () => update((next) => {
    if (draft.trim()) next.set('q', draft.trim()); else next.delete('q');
    if (indexDraft.trim() && indexDraft.trim() !== EVENTS) next.set('index', indexDraft.trim()); else next.delete('index');
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
  const unknown = unknownFields(params.get('q') || '', catalog);

  return (
    <div className="stack">
      <div className="queryBar">
        <TextField className="indexField" prepend="Index" value={indexDraft} onChange={(event) => setIndexDraft(event.target.value)}
          invalid={Boolean(error && error.parameter === 'index')} data-test-subj="indexInput" onKeyDown={enter}
          aria-label="Index pattern" />
        <div className="queryField">
          <QueryInput value={draft} onChange={setDraft} catalog={catalog} invalid={Boolean(queryError)} onSubmit={submit} />
          {queryError && (
            <ParserMessage text={error.reason || error.message} />
          )}
        </div>
        <TimePicker start={range.start} end={range.end} error={timeError}
          onChange={(start, end) => update((next) => applyPickerRange(next, start, end))} />
        <Button primary icon="magnify" onClick={submit} loading={loading} data-test-subj="querySubmit">Search</Button>
      </div>
      <SavedSearchBar params={params} columns={columns} onOpen={(search) => navigate('search', paramsOf(search, params))} />
      {unknown.map(({ name, similar }) => (
        <Callout key={name} color="warning" data-test-subj="unknownFieldWarning"
          title={`No index matching ${index} has a field named ${name}.`}>
          {similar.length > 0 ? <>Did you mean {similar.map((candidate, position) => (
            <React.Fragment key={candidate}>{position > 0 && ', '}<code>{candidate}</code></React.Fragment>))}?</>
            : 'The field list on the left shows the names there are.'}
        </Callout>
      ))}
      {result && result.total === 0 && (params.get('from') || params.get('to')) && (
        <EmptyRangeHint serverParams={serverParams} onRange={(from, to) => update((next) => { next.set('from', from); next.set('to', to); })} />
      )}
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
            <EventsTable key={searchKey} hits={hits} around={params.get('around')} columns={columns} catalog={catalog} sort={sort} loading={loading}
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

// The query input, offering field names from the index's catalogue for the word being typed
// (arrow keys and Enter or Tab pick one; Enter with nothing picked runs the search).
function QueryInput({ value, onChange, catalog, invalid, onSubmit }) {
  const [cursor, setCursor] = useState(null);
  const [active, setActive] = useState(0);
  const input = useRef(null);
  const { names, start, word } = cursor === null ? { names: [] } : suggestionsAt(value, cursor, catalog);
  const accept = (name) => {
    const rest = value.slice(cursor);
    const next = `${value.slice(0, start)}${name}:${rest}`;
    onChange(next);
    const position = start + name.length + 1;
    setCursor(null);
    requestAnimationFrame(() => { input.current?.focus(); input.current?.setSelectionRange(position, position); });
  };
  const keyDown = (event) => {
    if (names.length && ['ArrowDown', 'ArrowUp'].includes(event.key)) {
      event.preventDefault();
      setActive((active + (event.key === 'ArrowDown' ? 1 : names.length - 1)) % names.length);
    } else if (names.length && (event.key === 'Tab' || (event.key === 'Enter' && active >= 0 && cursor !== null))) {
      event.preventDefault();
      accept(names[Math.min(active, names.length - 1)]);
    } else if (event.key === 'Escape') {
      setCursor(null);
    } else if (event.key === 'Enter') {
      setCursor(null);
      onSubmit();
    }
  };
  return (
    <>
      <div className={`field${invalid ? ' invalid' : ''}`}>
        <span className="prepend">Lucene</span>
        <input ref={input} type="text" value={value} placeholder='process_name:"svchost.exe" AND event_id:1'
          onChange={(event) => { onChange(event.target.value); setCursor(event.target.selectionStart); setActive(0); }}
          onKeyDown={keyDown} onBlur={() => setTimeout(() => setCursor(null), 150)} aria-invalid={invalid ? 'true' : undefined}
          data-test-subj="queryInput" aria-label="Query" aria-describedby={invalid ? 'queryErrorText' : undefined}
          aria-autocomplete="list" aria-expanded={names.length > 0} />
      </div>
      {names.length > 0 && (
        <ul className="suggestions" role="listbox" aria-label={`Fields matching ${word}`} data-test-subj="fieldSuggestions">
          {names.map((name, position) => (
            <li key={name} role="option" aria-selected={position === active} className={position === active ? 'active' : undefined}
              onMouseDown={(event) => { event.preventDefault(); accept(name); }} data-test-subj="fieldSuggestion">{name}</li>
          ))}
        </ul>
      )}
    </>
  );
}

// An empty result in a chosen time range: says where the matching events are, with a button to go there.
function EmptyRangeHint({ serverParams, onRange }) {
  const [extent, setExtent] = useState(null);
  useEffect(() => {
    const params = new URLSearchParams(serverParams);
    params.delete('from');
    params.delete('to');
    params.delete('offset');
    params.set('size', '0');
    let active = true;
    get('/api/hunt/search', params).then((body) => active && setExtent(body.total > 0 && body.histogram
      ? { total: body.total, from: body.histogram.from, to: body.histogram.to } : { total: 0 })).catch(() => {});
    return () => { active = false; };
  }, [serverParams]);
  if (!extent) return null;
  return (
    <Callout color="primary" data-test-subj="emptyRangeHint" title={extent.total
      ? `No events in this time range. The ${extent.total.toLocaleString('en')} matching events are between ${shortTime(extent.from)} and ${shortTime(extent.to)} (UTC).`
      : 'No events match this search at any time.'}>
      {extent.total > 0 && <Button small onClick={() => onRange(extent.from, extent.to)} data-test-subj="showDataRange">Show that range</Button>}
    </Callout>
  );
}
