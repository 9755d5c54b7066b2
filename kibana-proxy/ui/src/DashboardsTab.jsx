import React, { useEffect, useMemo, useState } from 'react';
import { Badge, Button, Callout, Spinner, TextField } from './controls.jsx';
import { get } from './api.js';
import { applyPickerRange, hashFor, navigate, pickerRange } from './route.js';
import { bothQueries, searchHash } from './drill.js';
import { ALERTS } from './indices.js';
import TimePicker from './TimePicker.jsx';
import DashboardPanel from './DashboardPanel.jsx';

// Dashboards declared in files (built into the jar, or the user's under <home>/dashboards). The page state
// (dashboard, time range, query, filters, parameters) is in the URL, like Search's, so a view can be shared.
export default function DashboardsTab({ params }) {
  const id = params.get('id');
  return id ? <DashboardView key={id} id={id} params={params} /> : <DashboardList />;
}

function DashboardList() {
  const [dashboards, setDashboards] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    get('/api/hunt/dashboards').then((body) => setDashboards(body.dashboards)).catch((failure) => setError(failure.message));
  }, []);
  if (error) return <Callout title={error} />;
  if (!dashboards) return <Spinner large />;
  return (
    <div className="stack">
      <h2 className="title">Dashboards</h2>
      <div className="dashboardCards">
        {dashboards.map((dashboard) => (dashboard.error ? (
          <div key={dashboard.source} className="panel dashboardCard broken" data-test-subj="dashboardError">
            <div className="calloutTitle danger">{dashboard.id || dashboard.source}: not loaded</div>
            <div className="small"><code>{dashboard.source}</code></div>
            <div className="small danger">{dashboard.error}</div>
          </div>
        ) : (
          <a key={dashboard.id} className="panel dashboardCard" href={hashFor('dashboards', new URLSearchParams({ id: dashboard.id }))}
            data-test-subj={`dashboardLink-${dashboard.id}`}>
            <div className="subtitle">{dashboard.title}</div>
            <div className="small subdued">{dashboard.description}</div>
            <div className="small subdued">
              {dashboard.panels} panels{dashboard.parameters.length > 0 && ` · asks for ${dashboard.parameters.map((p) => p.label).join(', ')}`}
              {!dashboard.builtIn && <> · <code>{dashboard.source}</code></>}
            </div>
          </a>
        )))}
      </div>
      <p className="text small subdued">
        Add your own: a JSON or YAML file in the appliance home's <code>dashboards/</code> directory (same shape as the built-ins,
        see the README). It shows up here on the next visit; a file with an error is listed with the reason.
      </p>
    </div>
  );
}

function DashboardView({ id, params }) {
  const [dashboard, setDashboard] = useState(null);
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [loading, setLoading] = useState(false);
  const [draft, setDraft] = useState(params.get('q') || '');
  const key = params.toString();
  const filters = params.getAll('filter');
  const range = pickerRange(params);

  useEffect(() => {
    get(`/api/hunt/dashboards/${encodeURIComponent(id)}`).then(setDashboard).catch((failure) => setError(failure));
  }, [id]);
  useEffect(() => { setDraft(params.get('q') || ''); }, [key]); // eslint-disable-line

  const dataParams = useMemo(() => {
    const server = new URLSearchParams();
    for (const name of ['q', 'from', 'to']) if (params.get(name)) server.set(name, params.get(name));
    filters.forEach((filter) => server.append('filter', filter));
    (dashboard?.parameters || []).forEach((parameter) => {
      if (params.get(parameter.name)) server.set(parameter.name, params.get(parameter.name));
    });
    return server;
  }, [key, dashboard]); // eslint-disable-line

  useEffect(() => {
    if (!dashboard) return undefined;
    let active = true;
    setLoading(true);
    get(`/api/hunt/dashboards/${encodeURIComponent(id)}/data`, dataParams)
      .then((body) => { if (active) { setData(body); setError(null); } })
      .catch((failure) => { if (active) { setError(failure); setData(null); } })
      .finally(() => active && setLoading(false));
    return () => { active = false; };
  }, [dashboard, dataParams]); // eslint-disable-line

  const update = (change) => {
    const next = new URLSearchParams(params);
    change(next);
    navigate('dashboards', next);
  };
  const removeFilter = (spelling) => update((next) => {
    const rest = next.getAll('filter').filter((filter) => filter !== spelling);
    next.delete('filter');
    rest.forEach((filter) => next.append('filter', filter));
  });

  if (!dashboard) return error ? <Callout title={error.message} /> : <Spinner large />;
  const parameterFilters = dashboard.parameters
    .filter((parameter) => params.get(parameter.name))
    .map((parameter) => `${parameter.field}:${params.get(parameter.name)}`);
  // A click on a value opens Search with everything this panel counted, narrowed to that value.
  const drill = (panel, values, extra = {}) => {
    const valueFilters = values.map(({ field, value }) => `${field}:${value}`);
    if ((panel.index || dashboard.index) === ALERTS) {
      // Alert panels open the Alerts view, where an alert leads on to its event and process tree.
      const next = new URLSearchParams([['state', 'all']]);
      const query = bothQueries(panel.query, params.get('q'));
      if (query) next.set('q', query);
      [...filters, ...parameterFilters, ...valueFilters].forEach((filter) => next.append('filter', filter));
      const from = extra.from || params.get('from');
      const to = extra.to || params.get('to');
      if (from) next.set('from', from);
      if (to) next.set('to', to);
      window.location.hash = hashFor('alerts', next);
      return;
    }
    window.location.hash = searchHash({
      query: bothQueries(dashboard.query, panel.query, params.get('q')),
      filters: [...filters, ...parameterFilters, ...valueFilters],
      index: panel.index || dashboard.index,
      from: extra.from || params.get('from'),
      to: extra.to || params.get('to'),
      // The panel's own fields become columns, so the drilled-into events show what was counted.
      columns: panel.fields.length ? ['host_name', ...panel.fields, 'process_command_line'] : null,
    });
  };
  const missing = data ? data.missingParameters : [];
  return (
    <div className="stack">
      <div className="row spread">
        <div>
          <h2 className="title"><a href="#/dashboards" className="subdued">Dashboards</a> / {dashboard.title}</h2>
          <div className="small subdued">{dashboard.description} · <code>{dashboard.index}</code></div>
        </div>
      </div>
      <div className="queryBar">
        {dashboard.parameters.map((parameter) => (
          <ParameterInput key={parameter.name} parameter={parameter} index={dashboard.index} value={params.get(parameter.name) || ''}
            onChange={(value) => update((next) => { if (value) next.set(parameter.name, value); else next.delete(parameter.name); })} />
        ))}
        <div className="queryField">
          <TextField prepend="Lucene" value={draft} onChange={(event) => setDraft(event.target.value)}
            placeholder="narrow all panels, e.g. NOT event_id:4672" data-test-subj="dashboardQuery"
            onKeyDown={(event) => event.key === 'Enter' && update((next) => (draft.trim() ? next.set('q', draft.trim()) : next.delete('q')))}
            invalid={Boolean(error && error.parameter === 'q')} aria-label="Query for every panel" />
        </div>
        <TimePicker start={range.start} end={range.end} onChange={(start, end) => update((next) => applyPickerRange(next, start, end))}
          error={error && ['from', 'to'].includes(error.parameter) ? error.message : null} />
        <Button primary icon="magnify" loading={loading}
          onClick={() => update((next) => (draft.trim() ? next.set('q', draft.trim()) : next.delete('q')))}>Refresh</Button>
      </div>
      {filters.length > 0 && (
        <div className="row wrap">
          {filters.map((filter) => (
            <Badge key={filter} color={filter.startsWith('-') ? 'danger' : 'hollow'} onRemove={() => removeFilter(filter)}
              removeLabel={`Remove filter ${filter}`} data-test-subj="filterBadge">{filter}</Badge>
          ))}
        </div>
      )}
      {error && <Callout title={error.message} data-test-subj="dashboardErrorMessage">{error.reason}</Callout>}
      {data && data.warnings.map((warning) => <Callout key={warning} color="warning" title={warning} />)}
      {missing.length > 0 && (
        <Callout color="primary" title={`Choose a ${dashboard.parameters.filter((p) => missing.includes(p.name)).map((p) => p.label.toLowerCase()).join(' and ')} above to fill the panels.`} />
      )}
      <div className="small subdued" data-test-subj="dashboardStatus" data-state={loading ? 'loading' : error ? 'error' : 'done'}>
        {data && !missing.length && `${data.panels.length} panels · ${data.searches} search${data.searches === 1 ? '' : 'es'} · ${data.tookMillis} ms`}
        {'\u00a0'}
      </div>
      {data && !missing.length && (
        <div className="dashboardGrid">
          {dashboard.panels.map((panel, position) => (
            <DashboardPanel key={panel.id} panel={panel} data={data.panels[position]}
              onDrill={(values, extra) => drill(panel, values, extra)}
              onBrush={(from, to) => update((next) => { next.set('from', new Date(from).toISOString()); next.set('to', new Date(to).toISOString()); })} />
          ))}
        </div>
      )}
    </div>
  );
}

// A dashboard parameter (host, user, process): free text with the most frequent values as suggestions.
function ParameterInput({ parameter, index, value, onChange }) {
  const [draft, setDraft] = useState(value);
  const [suggestions, setSuggestions] = useState([]);
  useEffect(() => { setDraft(value); }, [value]);
  useEffect(() => {
    const params = new URLSearchParams({ index, size: '0', histogram: 'false', top: parameter.field, topCount: '50' });
    get('/api/hunt/search', params).then((body) => setSuggestions(body.topValues[0].values)).catch(() => setSuggestions([]));
  }, [parameter.field, index]);
  const listId = `suggest-${parameter.name}`;
  return (
    <div className="parameterField">
      <TextField prepend={parameter.label} value={draft} list={listId} data-test-subj={`parameter-${parameter.name}`}
        onChange={(event) => setDraft(event.target.value)} onKeyDown={(event) => event.key === 'Enter' && onChange(draft.trim())}
        onBlur={() => draft.trim() !== value && onChange(draft.trim())} aria-label={parameter.label} />
      <datalist id={listId}>
        {suggestions.map((entry) => <option key={String(entry.value)} value={String(entry.value)}>{`${entry.count} events`}</option>)}
      </datalist>
    </div>
  );
}
