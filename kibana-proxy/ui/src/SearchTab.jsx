import React, { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import {
  EuiBadge, EuiBasicTable, EuiButton, EuiButtonIcon, EuiCallOut, EuiCodeBlock, EuiFieldText, EuiFlexGroup,
  EuiFlexItem, EuiFormRow, EuiInMemoryTable, EuiLink, EuiPanel, EuiSpacer, EuiSuperDatePicker, EuiText,
} from '@elastic/eui';
import { get } from './api.js';
import { display, flatten, shortTime, testId } from './format.js';
import { applyPickerRange, COMMONLY_USED_RANGES, hashFor, navigate, pickerRange } from './route.js';
import FieldList from './FieldList.jsx';

// The chart library is the largest dependency; only the Search tab needs it.
const Histogram = lazy(() => import('./Histogram.jsx'));

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
  const [expanded, setExpanded] = useState({});
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
    setExpanded({});
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

  const update = useCallback((change) => {
    const next = new URLSearchParams(params);
    change(next);
    if (!change.keepOffset) next.delete('offset');
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
  const range = pickerRange(params);
  const sort = params.get('sort') || '@timestamp:desc';
  const [sortField, sortDirection] = [sort.slice(0, sort.lastIndexOf(':')), sort.slice(sort.lastIndexOf(':') + 1)];

  const tableColumns = [
    {
      width: '32px', isExpander: true, name: '',
      render: (hit) => (
        <EuiButtonIcon iconType={expanded[hit.id] ? 'chevronSingleDown' : 'chevronSingleRight'} aria-label="Show the whole document"
          data-test-subj="expandHit"
          onClick={() => setExpanded((open) => ({ ...open, [hit.id]: !open[hit.id] }))} />
      ),
    },
    { field: '@timestamp', name: '@timestamp', width: '190px', sortable: true,
      render: (value, hit) => shortTime(hit.source['@timestamp']) },
    ...columns.map((column) => ({
      field: column, name: column, sortable: Boolean(catalog[column]?.aggregationField),
      render: (value, hit) => <span className="huntCell">{display(flatten(hit.source)[column])}</span>,
    })),
  ];
  const expandedRows = Object.fromEntries(hits.filter((hit) => expanded[hit.id])
    .map((hit) => [hit.id, <DocumentView key={hit.id} hit={hit} catalog={catalog} onFilter={addFilter} />]));

  return (
    <>
      <EuiFlexGroup gutterSize="s" alignItems="flexStart" responsive={false} wrap>
        <EuiFlexItem grow={false} style={{ width: 220 }}>
          <EuiFieldText prepend="Index" value={indexDraft} onChange={(event) => setIndexDraft(event.target.value)}
            isInvalid={Boolean(error && error.parameter === 'index')} data-test-subj="indexInput"
            onKeyDown={(event) => event.key === 'Enter' && submit()} aria-label="Index pattern" />
        </EuiFlexItem>
        <EuiFlexItem style={{ minWidth: 320 }}>
          <EuiFormRow fullWidth isInvalid={Boolean(queryError)}
            error={queryError ? [error.reason || error.message] : undefined}>
            <EuiFieldText fullWidth prepend="Lucene" placeholder='process_name:"werfault.exe" AND event_id:1'
              value={draft} onChange={(event) => setDraft(event.target.value)} isInvalid={Boolean(queryError)}
              onKeyDown={(event) => event.key === 'Enter' && submit()} data-test-subj="queryInput" aria-label="Query" />
          </EuiFormRow>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiSuperDatePicker start={range.start} end={range.end} commonlyUsedRanges={COMMONLY_USED_RANGES}
            showUpdateButton={false} width="auto"
            onTimeChange={({ start, end, isInvalid }) => !isInvalid && update((next) => applyPickerRange(next, start, end))} />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButton fill iconType="magnify" onClick={submit} isLoading={loading} data-test-subj="querySubmit">Search</EuiButton>
        </EuiFlexItem>
      </EuiFlexGroup>
      {error && (
        <>
          <EuiSpacer size="s" />
          <EuiCallOut color="danger" iconType="error" size="s" data-test-subj="queryError"
            title={error.message}>
            {error.reason && !queryError && <p>{error.reason}</p>}
          </EuiCallOut>
        </>
      )}
      {filters.length > 0 && (
        <>
          <EuiSpacer size="s" />
          <EuiFlexGroup gutterSize="xs" wrap responsive={false}>
            {filters.map((filter) => (
              <EuiFlexItem grow={false} key={filter}>
                <EuiBadge color={filter.startsWith('-') ? 'danger' : 'hollow'} iconType="cross" iconSide="right"
                  iconOnClick={() => removeFilter(filter)} iconOnClickAriaLabel={`Remove filter ${filter}`}
                  data-test-subj="filterBadge">
                  {filter.startsWith('-') ? `NOT ${filter.slice(1)}` : filter}
                </EuiBadge>
              </EuiFlexItem>
            ))}
          </EuiFlexGroup>
        </>
      )}
      <EuiSpacer size="m" />
      <EuiFlexGroup gutterSize="m" alignItems="flexStart" responsive={false}>
        <EuiFlexItem grow={false} style={{ width: 280 }}>
          <FieldList fieldNames={fieldNames} catalog={catalog} searchParams={serverParams} columns={columns}
            onFilter={addFilter} onToggleColumn={toggleColumn} />
        </EuiFlexItem>
        <EuiFlexItem style={{ minWidth: 0 }}>
          <EuiText size="s" data-test-subj="searchStatus" data-state={loading ? 'loading' : error ? 'error' : 'done'}
            data-total={result ? result.total : ''}>
            {result && (
              <span data-test-subj="hitCount"><strong>{result.total.toLocaleString('en')}</strong> hits
                {result.histogram && <> · {result.histogram.interval} buckets</>} · {result.tookMillis} ms</span>
            )}
          </EuiText>
          {result && result.warnings.map((warning) => <EuiCallOut key={warning} color="warning" size="s" title={warning} />)}
          {result && result.histogram && (
            <Suspense fallback={<div style={{ height: 140 }} />}>
              <Histogram histogram={result.histogram}
              onBrush={(from, to) => update((next) => {
                next.set('from', new Date(from).toISOString());
                next.set('to', new Date(to).toISOString());
              })} />
            </Suspense>
          )}
          <EuiSpacer size="s" />
          <EuiPanel paddingSize="none" hasBorder>
            <EuiBasicTable
              tableLayout="auto"
              items={hits}
              itemId="id"
              itemIdToExpandedRowMap={expandedRows}
              columns={tableColumns}
              loading={loading}
              noItemsMessage={error ? 'The search failed; see the message above.' : 'No events match.'}
              rowProps={() => ({ 'data-test-subj': 'hitRow' })}
              sorting={{ sort: { field: sortField, direction: sortDirection } }}
              pagination={result ? {
                pageIndex: Math.floor(offset / PAGE_SIZE), pageSize: PAGE_SIZE,
                totalItemCount: Math.min(result.total, 10000), showPerPageOptions: false,
              } : undefined}
              onChange={({ page, sort: newSort }) => {
                const change = (next) => {
                  if (newSort && `${newSort.field}:${newSort.direction}` !== sort) {
                    next.set('sort', `${newSort.field}:${newSort.direction}`);
                    next.delete('offset');
                  } else if (page) {
                    next.set('offset', String(page.index * PAGE_SIZE));
                  }
                };
                change.keepOffset = true;
                update(change);
              }}
            />
          </EuiPanel>
        </EuiFlexItem>
      </EuiFlexGroup>
    </>
  );
}

function DocumentView({ hit, catalog, onFilter }) {
  const [asJson, setAsJson] = useState(false);
  const fields = flatten(hit.source);
  const rows = Object.keys(fields).sort().map((name) => ({ name, value: fields[name] }));
  const treeLink = hit.source.process_guid && hit.source.host_name
    ? hashFor('tree', new URLSearchParams({ host: hit.source.host_name, focus: hit.source.process_guid })) : null;
  return (
    <div style={{ width: '100%' }} data-test-subj="documentView">
      <EuiFlexGroup gutterSize="s" responsive={false}>
        <EuiFlexItem grow={false}><EuiText size="xs"><code>{hit.index}</code> · <code>{hit.id}</code></EuiText></EuiFlexItem>
        <EuiFlexItem grow={false}><EuiLink onClick={() => setAsJson(!asJson)}>{asJson ? 'Table' : 'JSON'}</EuiLink></EuiFlexItem>
        {treeLink && <EuiFlexItem grow={false}><EuiLink href={treeLink}>Show in process tree</EuiLink></EuiFlexItem>}
      </EuiFlexGroup>
      <EuiSpacer size="xs" />
      {asJson ? (
        <EuiCodeBlock language="json" fontSize="s" paddingSize="s" isCopyable overflowHeight={480}>
          {JSON.stringify(hit.source, null, 2)}
        </EuiCodeBlock>
      ) : (
        <EuiInMemoryTable compressed items={rows} itemId="name" columns={[
          { field: 'name', name: 'Field', width: '260px' },
          { field: 'value', name: 'Value', render: (value) => <span className="huntCell">{display(value)}</span> },
          { name: '', width: '60px', render: ({ name, value }) => (catalog[name]?.aggregationField && !Array.isArray(value) ? (
            <>
              <EuiButtonIcon iconType="magnifyPlus" size="xs" aria-label={`Filter for ${name}`} onClick={() => onFilter(name, value, false)}
                data-test-subj={`docFilterFor-${testId(name)}`} />
              <EuiButtonIcon iconType="magnifyMinus" size="xs" aria-label={`Filter out ${name}`} onClick={() => onFilter(name, value, true)} />
            </>
          ) : null) },
        ]} />
      )}
    </div>
  );
}
