import React, { useEffect, useMemo, useState } from 'react';
import { Badge, Button, Callout, TextField } from './controls.jsx';
import { post } from './api.js';
import { useGet } from './useGet.js';
import { display, shortTime, testId } from './format.js';
import { applyPickerRange, navigate, pickerRange } from './route.js';
import { documentHash, processTreeHash } from './drill.js';
import { techniqueName } from './attack.js';
import { Pager } from './EventsTable.jsx';
import Histogram from './Histogram.jsx';
import TimePicker from './TimePicker.jsx';

const PAGE_SIZE = 50;
const STATES = [['open', 'Open'], ['acknowledged', 'Acknowledged'], ['closed', 'Closed'], ['all', 'All']];
const GROUPINGS = [['rule', 'Rule', 'rule_title'], ['host', 'Host', 'host_name'], ['level', 'Level', 'rule_level'],
  ['technique', 'ATT&CK technique', 'attack_technique_ids']];
const LEVEL_COLOURS = { critical: 'danger', high: 'danger', medium: 'warning', low: 'hollow', informational: 'hollow' };

// Detections from alerts-*: histogram, groupings, and a table whose rows lead to the event and its process tree.
// Acknowledging or closing an alert is kept by the appliance (helk-lab-alert-states), so it survives reloads.
export default function AlertsTab({ params }) {
  const key = params.toString();
  const [draft, setDraft] = useState(params.get('q') || '');
  const state = params.get('state') || 'open';
  const grouping = params.get('group') || 'rule';
  const filters = params.getAll('filter');
  const offset = Number(params.get('offset') || 0);
  const range = pickerRange(params);

  useEffect(() => { setDraft(params.get('q') || ''); }, [key]); // eslint-disable-line
  const serverParams = useMemo(() => {
    const server = new URLSearchParams();
    for (const name of ['q', 'from', 'to', 'offset']) if (params.get(name)) server.set(name, params.get(name));
    filters.forEach((filter) => server.append('filter', filter));
    server.set('state', state);
    server.set('size', String(PAGE_SIZE));
    return server;
  }, [key]); // eslint-disable-line
  const { result, error, loading, reload, fail } = useGet('/api/hunt/alerts', serverParams);

  const update = (change, { keepOffset = false } = {}) => {
    const next = new URLSearchParams(params);
    change(next);
    if (!keepOffset) next.delete('offset');
    navigate('alerts', next);
  };
  const addFilter = (field, value) => update((next) => {
    const spelling = `${field}:${value}`;
    if (!next.getAll('filter').includes(spelling)) next.append('filter', spelling);
  });
  const removeFilter = (spelling) => update((next) => {
    const rest = next.getAll('filter').filter((filter) => filter !== spelling);
    next.delete('filter');
    rest.forEach((filter) => next.append('filter', filter));
  });
  const setState = async (ids, newState) => {
    try {
      await post('/api/hunt/alerts/state', { ids, state: newState });
      reload();
    } catch (failure) {
      fail(failure);
    }
  };
  const histogram = result && result.buckets.length ? {
    interval: result.interval, intervalMillis: result.intervalMillis, buckets: result.buckets,
    from: new Date(result.buckets[0].time).toISOString(),
    to: new Date(result.buckets[result.buckets.length - 1].time + result.intervalMillis).toISOString(),
  } : null;
  const groupField = GROUPINGS.find(([name]) => name === grouping) || GROUPINGS[0];
  const submit = () => update((next) => (draft.trim() ? next.set('q', draft.trim()) : next.delete('q')));

  return (
    <div className="stack">
      <div className="queryBar">
        <div className="queryField">
          <TextField prepend="Lucene" value={draft} onChange={(event) => setDraft(event.target.value)} data-test-subj="alertQuery"
            placeholder="narrow the alerts, e.g. rule_level:high" onKeyDown={(event) => event.key === 'Enter' && submit()}
            invalid={Boolean(error && error.parameter === 'q')} aria-label="Query over the alerts" />
        </div>
        <label className="formRow">
          <select className="select narrow" value={state} data-test-subj="alertStateFilter" aria-label="Alert state"
            onChange={(event) => update((next) => next.set('state', event.target.value))}>
            {STATES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <TimePicker start={range.start} end={range.end} onChange={(start, end) => update((next) => applyPickerRange(next, start, end))}
          error={error && ['from', 'to'].includes(error.parameter) ? error.message : null} />
        <Button primary icon="magnify" loading={loading} onClick={submit} data-test-subj="alertSubmit">Refresh</Button>
      </div>
      {filters.length > 0 && (
        <div className="row wrap">
          {filters.map((filter) => (
            <Badge key={filter} color="hollow" onRemove={() => removeFilter(filter)} removeLabel={`Remove filter ${filter}`}
              data-test-subj="filterBadge">{filter}</Badge>
          ))}
        </div>
      )}
      {error && <Callout title={error.message} data-test-subj="alertsError">{error.reason}</Callout>}
      <div className="small subdued" data-test-subj="alertsStatus" data-state={loading ? 'loading' : error ? 'error' : 'done'}
        data-total={result ? result.total : ''}>
        {result && (
          <>
            <strong>{result.total.toLocaleString('en')}</strong> {state === 'all' ? '' : `${state} `}alerts
            {' · '}{Object.entries(result.states).map(([name, count]) => `${count.toLocaleString('en')} ${name}`).join(', ')}
            {' · '}{result.tookMillis} ms
          </>
        )}
        {'\u00a0'}
      </div>
      {result && result.states.open + result.states.acknowledged + result.states.closed === 0 && !params.get('q') && !filters.length && (
        <Callout color="primary" title="No alerts in this time range.">
          Alerts are written to <code>alerts-*</code> by the detection engine as events arrive; replay a sample scenario to see some.
        </Callout>
      )}
      {histogram && <Histogram histogram={histogram} onBrush={(from, to) => update((next) => {
        next.set('from', new Date(from).toISOString());
        next.set('to', new Date(to).toISOString());
      })} />}
      <div className="alertsLayout">
        <div className="panel">
          <div className="row wrap groupTabs" role="tablist" aria-label="Group alerts by">
            {GROUPINGS.map(([name, label]) => (
              <button key={name} type="button" role="tab" aria-selected={name === grouping} data-test-subj={`alertGroup-${name}`}
                className={`link${name === grouping ? ' current' : ''}`} onClick={() => update((next) => next.set('group', name))}>{label}</button>
            ))}
          </div>
          <table className="table compact">
            <tbody>
              {(result ? result.groups[grouping] || [] : []).map((group) => (
                <tr key={String(group.value)} data-test-subj="alertGroupRow" data-value={String(group.value)}>
                  <td className="huntCell">
                    <button type="button" className="link" onClick={() => addFilter(groupField[2], group.value)}
                      title={`Only alerts with ${groupField[2]}:${group.value}`}>{display(group.value)}</button>
                    {grouping === 'technique' && techniqueName(group.value) && (
                      <div className="small subdued">{techniqueName(group.value)}</div>
                    )}
                  </td>
                  <td className="numeric">{group.count.toLocaleString('en')}</td>
                </tr>
              ))}
              {result && !(result.groups[grouping] || []).length && <tr><td className="empty">No alerts.</td></tr>}
            </tbody>
          </table>
        </div>
        <div className="panel flush">
          <div className="tableScroll">
            <table className="table alerts">
              <thead>
                <tr><th>@timestamp</th><th>Level</th><th>Rule</th><th>Host</th><th>User</th><th>Process</th><th>ATT&amp;CK</th>
                  <th>State</th><th aria-label="Actions" /></tr>
              </thead>
              <tbody>
                {result && result.alerts.length === 0 && <tr><td colSpan={9} className="empty">No alerts match.</td></tr>}
                {(result ? result.alerts : []).map((alert) => (
                  <AlertRow key={alert.id} alert={alert} onFilter={addFilter} onState={setState} />
                ))}
              </tbody>
            </table>
          </div>
          {result && (
            <Pager offset={offset} pageSize={PAGE_SIZE} total={result.total}
              onPage={(page) => update((next) => next.set('offset', String(page * PAGE_SIZE)), { keepOffset: true })} />
          )}
        </div>
      </div>
    </div>
  );
}

function AlertRow({ alert, onFilter, onState }) {
  const source = alert.source;
  const techniques = [].concat(source.attack_technique_ids || []);
  const level = String(source.rule_level || '');
  const eventLink = source.event_doc_index && source.event_doc_id ? documentHash(source.event_doc_index, source.event_doc_id) : null;
  const treeLink = source.host_name && source.process_guid ? processTreeHash(source.host_name, source.process_guid) : null;
  return (
    <tr data-test-subj="alertRow" data-alert-id={alert.id} data-state={alert.state}>
      <td className="nowrap">{shortTime(source['@timestamp'])}</td>
      <td><Badge color={LEVEL_COLOURS[level.toLowerCase()] || 'hollow'}>{level || '—'}</Badge></td>
      <td>
        <button type="button" className="link" onClick={() => onFilter('rule_title', source.rule_title)}>{display(source.rule_title)}</button>
        <div className="small subdued"><code>{display(source.rule_id)}</code></div>
        {source.ioc_match && <div className="small" data-test-subj="alertIocMatch">indicator {display(source.ioc_match)}</div>}
        {source.correlation_type && (
          <div className="small subdued" data-test-subj="alertCorrelation">
            {source.correlation_type} of {display(source.correlation_rules)}: {display(source.correlation_count)}
          </div>
        )}
      </td>
      <td className="huntCell">{display(source.host_name)}</td>
      <td className="huntCell">{display(source.user_name)}</td>
      <td className="huntCell" title={source.process_command_line || ''}>{display(source.process_name || source.process_path)}</td>
      <td className="small">
        {techniques.map((technique) => (
          <button key={technique} type="button" className="link mono" title={techniqueName(technique) || technique}
            onClick={() => onFilter('attack_technique_ids', technique)}>{technique} </button>
        ))}
      </td>
      <td><Badge color={alert.state === 'open' ? 'warning' : alert.state === 'closed' ? 'success' : 'hollow'}
        data-test-subj="alertState">{alert.state}</Badge></td>
      <td><div className="alertActions">
        {eventLink && <a href={eventLink} data-test-subj="alertEventLink">Event</a>}
        {treeLink && <a href={treeLink} data-test-subj="alertTreeLink">Process tree</a>}
        {alert.state !== 'acknowledged' && alert.state !== 'closed' && (
          <button type="button" className="link" data-test-subj={`alertAcknowledge-${testId(alert.id)}`}
            onClick={() => onState([alert.id], 'acknowledged')}>Acknowledge</button>
        )}
        {alert.state !== 'closed' && (
          <button type="button" className="link" data-test-subj={`alertClose-${testId(alert.id)}`}
            onClick={() => onState([alert.id], 'closed')}>Close</button>
        )}
        {alert.state !== 'open' && (
          <button type="button" className="link" data-test-subj={`alertReopen-${testId(alert.id)}`}
            onClick={() => onState([alert.id], 'open')}>Reopen</button>
        )}
      </div></td>
    </tr>
  );
}
