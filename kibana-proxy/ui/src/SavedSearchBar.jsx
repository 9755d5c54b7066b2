import React, { useEffect, useState } from 'react';
import { Button, Callout, TextField } from './controls.jsx';
import { get, post, remove } from './api.js';
import { hashFor } from './route.js';
import { EVENTS } from './indices.js';

// Saved searches (HELK's built-ins and the user's own, kept in Elasticsearch) and the CSV export of the
// current search. A saved search opens as #/search?saved=<id>, the link to share.
export default function SavedSearchBar({ params, columns, onOpen }) {
  const [searches, setSearches] = useState([]);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [message, setMessage] = useState(null);
  const load = () => get('/api/hunt/saved-searches').then((body) => setSearches(body.savedSearches)).catch(() => setSearches([]));
  useEffect(() => { load(); }, []);
  const current = searches.find((search) => search.id === params.get('saved'));

  const save = () => {
    post('/api/hunt/saved-searches', {
      name: name.trim(), query: params.get('q') || '', index: params.get('index') || EVENTS,
      filters: params.getAll('filter'), columns, sort: params.get('sort') || '@timestamp:desc',
    }).then((saved) => {
      setNaming(false);
      setMessage(null);
      load();
      onOpen(saved);
    }).catch((failure) => setMessage(failure.message));
  };
  const exportParams = new URLSearchParams();
  for (const key of ['q', 'index', 'from', 'to', 'sort']) if (params.get(key)) exportParams.set(key, params.get(key));
  params.getAll('filter').forEach((filter) => exportParams.append('filter', filter));
  exportParams.set('columns', columns.join(','));
  exportParams.set('rows', '100000');

  return (
    <div className="stack tight">
      <div className="row wrap">
        <label className="row small">
          <span className="subdued">Saved searches</span>
          <select className="select" value={current ? current.id : ''} data-test-subj="savedSearchSelect"
            onChange={(event) => { const chosen = searches.find((search) => search.id === event.target.value); if (chosen) onOpen(chosen); }}>
            <option value="" disabled>Open…</option>
            <optgroup label="Built in (HELK)">
              {searches.filter((search) => search.builtIn).map((search) => <option key={search.id} value={search.id}>{search.name}</option>)}
            </optgroup>
            <optgroup label="Saved here">
              {searches.filter((search) => !search.builtIn).map((search) => <option key={search.id} value={search.id}>{search.name}</option>)}
            </optgroup>
          </select>
        </label>
        {!naming && <Button small icon="plusCircle" onClick={() => { setNaming(true); setName(current && !current.builtIn ? current.name : ''); }}
          data-test-subj="saveSearch">Save</Button>}
        {naming && (
          <>
            <TextField className="compact" value={name} onChange={(event) => setName(event.target.value)} placeholder="Name of the search"
              onKeyDown={(event) => event.key === 'Enter' && name.trim() && save()} data-test-subj="savedSearchName" aria-label="Name of the search" autoFocus />
            <Button small primary disabled={!name.trim()} onClick={save} data-test-subj="savedSearchConfirm">Save</Button>
            <Button small onClick={() => setNaming(false)}>Cancel</Button>
          </>
        )}
        {current && (
          <span className="small" data-test-subj="currentSavedSearch">
            <strong>{current.name}</strong>{current.description && <span className="subdued"> · {current.description}</span>}
            {' · '}<a href={hashFor('search', new URLSearchParams({ saved: current.id }))} data-test-subj="savedSearchLink">link to share</a>
            {!current.builtIn && (
              <>{' · '}<button type="button" className="link" onClick={() => remove(`/api/hunt/saved-searches/${encodeURIComponent(current.id)}`)
                .then(load).catch((failure) => setMessage(failure.message))}>delete</button></>
            )}
          </span>
        )}
        <a className="button small" href={`/api/hunt/export?${exportParams}`} download="helk-lab-search.csv" data-test-subj="exportCsv"
          title="Every matching event (up to 100,000) with the table's columns, as CSV">Export CSV</a>
      </div>
      {message && <Callout title={message} data-test-subj="savedSearchError" />}
    </div>
  );
}

// The URL state a saved search stands for.
export function paramsOf(search, keep) {
  const params = new URLSearchParams();
  params.set('saved', search.id);
  if (search.query) params.set('q', search.query);
  if (search.index && search.index !== EVENTS) params.set('index', search.index);
  search.filters.forEach((filter) => params.append('filter', filter));
  if (search.columns.length) params.set('columns', search.columns.join(','));
  if (search.sort && search.sort !== '@timestamp:desc') params.set('sort', search.sort);
  for (const name of ['from', 'to']) if (keep.get(name)) params.set(name, keep.get(name));
  return params;
}
