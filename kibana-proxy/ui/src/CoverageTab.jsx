import React, { useEffect, useMemo, useState } from 'react';
import { Callout, Spinner } from './controls.jsx';
import { get } from './api.js';
import { applyPickerRange, hashFor, navigate, pickerRange } from './route.js';
import { TACTICS, TECHNIQUES, tacticsOf, techniqueId, techniqueName } from './attack.js';
import { loadRules, NOT_ENABLED } from './rules.js';
import TimePicker from './TimePicker.jsx';

// ATT&CK coverage: tactics as columns, techniques under them; a technique is "covered" when an active rule
// names it and "alerted" when alerts in the time range name it. A click opens those alerts, or those rules.
export default function CoverageTab({ params }) {
  const [rules, setRules] = useState(null);
  const [alerts, setAlerts] = useState(null);
  const [error, setError] = useState(null);
  const range = pickerRange(params);
  const key = params.toString();
  useEffect(() => { loadRules().then(setRules); }, []);
  useEffect(() => {
    const server = new URLSearchParams();
    for (const name of ['from', 'to']) if (params.get(name)) server.set(name, params.get(name));
    get('/api/hunt/alerts/techniques', server).then((body) => { setAlerts(body); setError(null); }).catch(setError);
  }, [key]); // eslint-disable-line

  const cells = useMemo(() => {
    const byId = new Map();
    const cell = (raw) => {
      const id = techniqueId(raw);
      if (!byId.has(id)) byId.set(id, { id, raw, rules: 0, alerts: 0, alertValues: [], tactics: [] });
      return byId.get(id);
    };
    Object.keys(TECHNIQUES).forEach(cell);
    (rules?.rules?.rules || []).filter((rule) => rule.status === 'active').forEach((rule) => {
      (rule.attack_technique_ids || []).forEach((raw) => {
        const entry = cell(raw);
        entry.rules += 1;
        entry.tactics.push(...(rule.attack_tactics || []));
      });
    });
    (alerts?.techniques || []).forEach((technique) => {
      const entry = cell(technique.id);
      entry.alerts += technique.count;
      entry.alertValues.push(technique.id);
      entry.tactics.push(...technique.tactics);
    });
    const columns = new Map([...TACTICS.map(([id, name]) => [id, { id, name, cells: [] }]), ['unknown', { id: 'unknown', name: 'Tactic not known', cells: [] }]]);
    byId.forEach((entry) => tacticsOf(entry.id, entry.tactics).forEach((tactic) => columns.get(tactic).cells.push(entry)));
    columns.forEach((column) => column.cells.sort((left, right) => left.id.localeCompare(right.id)));
    return [...columns.values()].filter((column) => column.cells.length);
  }, [rules, alerts]);

  const alertsLink = (entry) => {
    const next = new URLSearchParams([['state', 'all']]);
    // One technique id as the alerts spell it; several spellings become a query.
    if (entry.alertValues.length === 1) next.append('filter', `attack_technique_ids:${entry.alertValues[0]}`);
    else next.set('q', entry.alertValues.map((value) => `attack_technique_ids:"${value}"`).join(' OR '));
    for (const name of ['from', 'to']) if (params.get(name)) next.set(name, params.get(name));
    return hashFor('alerts', next);
  };
  return (
    <div className="stack">
      <div className="row spread">
        <div>
          <h2 className="title">ATT&amp;CK coverage</h2>
          <div className="small subdued">
            <span className="legendSwatch" style={{ background: '#e6f0ff' }} />covered by an active rule
            <span className="legendSwatch" style={{ background: '#fde9b8' }} />alerts in the time range
            <span className="legendSwatch" />neither
          </div>
        </div>
        <TimePicker start={range.start} end={range.end}
          onChange={(start, end) => { const next = new URLSearchParams(params); applyPickerRange(next, start, end); navigate('coverage', next); }} />
      </div>
      {rules && !rules.enabled && <Callout color="primary" title={`${NOT_ENABLED} The matrix shows alerts only.`} data-test-subj="detectionsNotEnabled" />}
      {rules?.error && <Callout title={rules.error.message} />}
      {error && <Callout title={error.message} />}
      {(!rules || !alerts) && <Spinner large />}
      {rules && alerts && (
        <div className="matrix" data-test-subj="attackMatrix">
          {cells.map((column) => (
            <div key={column.id} className="matrixColumn" data-tactic={column.id}>
              <div className="matrixHead">{column.name}</div>
              {column.cells.map((entry) => (
                <div key={entry.id} className={`techniqueCell${entry.alerts ? ' alerted' : entry.rules ? ' covered' : ''}`}
                  data-test-subj="techniqueCell" data-technique={entry.id} data-alerts={entry.alerts} data-rules={entry.rules}>
                  <div className="mono">{entry.id}</div>
                  {techniqueName(entry.id) && <div>{techniqueName(entry.id)}</div>}
                  <div className="row small">
                    {entry.alerts > 0 && <a href={alertsLink(entry)} data-test-subj="techniqueAlerts"><span className="count">{entry.alerts}</span> alerts</a>}
                    {entry.rules > 0 && <a href={hashFor('rules', new URLSearchParams({ technique: entry.id }))} data-test-subj="techniqueRules">{entry.rules} rules</a>}
                  </div>
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
