import React, { useEffect, useMemo, useState } from 'react';
import { Badge, Button, Callout, Spinner, TextField } from './controls.jsx';
import { post } from './api.js';
import { display, shortTime } from './format.js';
import { applyPickerRange, hashFor, navigate, pickerRange } from './route.js';
import { documentHash } from './drill.js';
import { techniqueId, techniqueName } from './attack.js';
import { loadRules, NOT_ENABLED } from './rules.js';
import { resolveTime } from './timeText.js';
import TimePicker from './TimePicker.jsx';

const STATUS_COLOURS = { active: 'success', disabled: 'hollow', unsupported: 'warning', error: 'danger' };
const STATUSES = ['active', 'disabled', 'unsupported', 'error'];
const IOC_PREFIX = 'ioc:';

// The rule_id its alerts carry: the Sigma id, else the file and line (the engine's key for a rule without an id).
const alertRuleId = (rule) => rule.id || `${rule.file}:${rule.line}`;
// What events a rule sees, as /api/rules spells it (windows/process_access, correlation/event_count); an IOC list
// sees every event.
const eventsSeen = (rule) => rule.logsource || (String(rule.id || '').startsWith(IOC_PREFIX) ? 'IOC list: every event' : null);

// Every loaded rule with its status from /api/rules, and a back-test box that runs pasted YAML over stored events.
export default function RulesTab({ params }) {
  const [loaded, setLoaded] = useState(null);
  const status = params.get('status') || '';
  const level = params.get('level') || '';
  const technique = params.get('technique') || '';
  const [text, setText] = useState(params.get('text') || '');
  useEffect(() => { loadRules().then(setLoaded); }, []);
  const update = (change) => {
    const next = new URLSearchParams(params);
    change(next);
    navigate('rules', next, { replace: true });
  };
  const rules = loaded?.rules?.rules || [];
  const shown = useMemo(() => rules.filter((rule) => (!status || rule.status === status)
    && (!level || rule.level === level)
    && (!technique || (rule.attack_technique_ids || []).some((id) => techniqueId(id) === techniqueId(technique)))
    && (!text || `${rule.title} ${rule.id} ${rule.file} ${rule.logsource || ''} ${(rule.tags || []).join(' ')}`.toLowerCase().includes(text.toLowerCase()))),
  [rules, status, level, technique, text]);
  const levels = [...new Set(rules.map((rule) => rule.level).filter(Boolean))].sort();

  return (
    <div className="stack">
      <h2 className="title">Rules</h2>
      {!loaded && <Spinner large />}
      {loaded && !loaded.enabled && <Callout color="primary" title={NOT_ENABLED} data-test-subj="detectionsNotEnabled" />}
      {loaded?.error && <Callout title={loaded.error.message} data-test-subj="rulesError" />}
      {loaded?.rules && (
        <>
          <div className="row wrap" data-test-subj="ruleCounts">
            {STATUSES.map((name) => (
              <button key={name} type="button" className="link" onClick={() => update((next) => (status === name ? next.delete('status') : next.set('status', name)))}>
                <Badge color={STATUS_COLOURS[name]} data-test-subj={`ruleCount-${name}`}>{name} {loaded.rules.counts[name] ?? 0}</Badge>
              </button>
            ))}
          </div>
          <div className="queryBar">
            <div className="queryField">
              <TextField icon="magnify" value={text} placeholder="title, id, file, logsource or tag" data-test-subj="ruleText" aria-label="Find a rule"
                onChange={(event) => { setText(event.target.value); update((next) => (event.target.value ? next.set('text', event.target.value) : next.delete('text'))); }} />
            </div>
            <select className="select narrow" value={status} aria-label="Status" data-test-subj="ruleStatusFilter"
              onChange={(event) => update((next) => (event.target.value ? next.set('status', event.target.value) : next.delete('status')))}>
              <option value="">Every status</option>
              {STATUSES.map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
            <select className="select narrow" value={level} aria-label="Level"
              onChange={(event) => update((next) => (event.target.value ? next.set('level', event.target.value) : next.delete('level')))}>
              <option value="">Every level</option>
              {levels.map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
            {technique && <Badge color="hollow" onRemove={() => update((next) => next.delete('technique'))} removeLabel="Remove the technique filter">
              {technique}{techniqueName(technique) ? ` ${techniqueName(technique)}` : ''}</Badge>}
          </div>
          <div className="panel flush">
            <div className="tableScroll">
              <table className="table compact">
                <thead><tr><th>Status</th><th>Rule</th><th>Level</th><th>Logsource</th><th>File</th><th>ATT&amp;CK</th><th className="numeric">Hits</th><th>Last hit</th></tr></thead>
                <tbody>
                  {shown.length === 0 && <tr><td colSpan={8} className="empty">No rule matches these filters.</td></tr>}
                  {shown.map((rule) => (
                    <tr key={`${rule.file}:${rule.line}:${rule.id}`} data-test-subj="ruleRow" data-status={rule.status} data-rule-id={rule.id || ''}>
                      <td><Badge color={STATUS_COLOURS[rule.status] || 'hollow'}>{rule.status}</Badge></td>
                      <td>
                        <div>{display(rule.title)}</div>
                        {rule.reason && <div className="ruleReason" data-test-subj="ruleReason">{rule.reason}</div>}
                      </td>
                      <td>{display(rule.level)}</td>
                      <td className="small mono" data-test-subj="ruleLogsource">{display(eventsSeen(rule))}</td>
                      <td className="huntCell" data-test-subj="ruleFile">{display(rule.file)}{rule.line ? `:${rule.line}` : ''}</td>
                      <td className="small mono">{(rule.attack_technique_ids || []).join(' ')}</td>
                      <td className="numeric">
                        {rule.hits > 0 ? (
                          <a href={hashFor('alerts', new URLSearchParams([['state', 'all'], ['filter', `rule_id:${alertRuleId(rule)}`]]))}
                            data-test-subj="ruleHits">{rule.hits.toLocaleString('en')}</a>
                        ) : (rule.hits ?? 0)}
                      </td>
                      <td className="nowrap">{rule.last_hit ? shortTime(rule.last_hit) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
      <BackTest params={params} enabled={!loaded || loaded.enabled} />
    </div>
  );
}

// Paste a rule, pick a range with the shared time picker, and see what it would have matched.
function BackTest({ params, enabled }) {
  const [yaml, setYaml] = useState('');
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [running, setRunning] = useState(false);
  const range = pickerRange(params);
  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const body = { yaml, from: resolveTime(range.start), to: resolveTime(range.end, { roundUp: true }), limit: 100 };
      setResult(await post('/api/rules/test', body));
    } catch (failure) {
      setResult(null);
      setError(failure.status === 404 ? new Error(NOT_ENABLED) : failure);
    } finally {
      setRunning(false);
    }
  };
  return (
    <div className="panel stack tight" data-test-subj="backTest">
      <h3 className="subtitle">Back-test a rule</h3>
      <p className="text small subdued">Paste a Sigma rule; it runs over the stored events in the time range, and nothing is saved.</p>
      <textarea className="yamlInput" value={yaml} onChange={(event) => setYaml(event.target.value)} data-test-subj="backTestYaml"
        aria-label="Sigma rule YAML" spellCheck="false" placeholder={'title: ...\nlogsource: {product: windows, category: process_creation}\ndetection: ...'} />
      <div className="row">
        <TimePicker start={range.start} end={range.end}
          onChange={(start, end) => { const next = new URLSearchParams(params); applyPickerRange(next, start, end); navigate('rules', next, { replace: true }); }} />
        <Button primary onClick={run} loading={running} disabled={!yaml.trim() || !enabled} data-test-subj="backTestRun">Run</Button>
        {!enabled && <span className="small subdued">{NOT_ENABLED}</span>}
      </div>
      {error && <Callout title={error.message} data-test-subj="backTestError">{error.reason}</Callout>}
      {result && (
        <div className="stack tight" data-test-subj="backTestResult" data-matched={result.matched}>
          <div className="small">
            <Badge color={STATUS_COLOURS[result.rule?.status] || 'hollow'}>{result.rule?.status}</Badge>{' '}
            <strong>{display(result.rule?.title)}</strong> · {result.scanned.toLocaleString('en')} events scanned ·{' '}
            <strong>{result.matched.toLocaleString('en')}</strong> matched
            {result.matched > result.events.length && ` (the first ${result.events.length} shown)`}
          </div>
          {result.rule?.reason && <div className="ruleReason">{result.rule.reason}{result.rule.line ? ` (line ${result.rule.line})` : ''}</div>}
          <table className="table compact">
            <thead><tr><th>@timestamp</th><th>Host</th><th>Event id</th><th>Process</th><th>Command line</th><th /></tr></thead>
            <tbody>
              {result.events.map((event) => (
                <tr key={`${event.index}/${event.id}`} data-test-subj="backTestMatch">
                  <td className="nowrap">{shortTime(event['@timestamp'])}</td>
                  <td className="huntCell">{display(event.host_name)}</td>
                  <td>{display(event.event_id)}</td>
                  <td className="huntCell">{display(event.process_name)}</td>
                  <td className="huntCell">{display(event.process_command_line)}</td>
                  <td><a href={documentHash(event.index, event.id)} data-test-subj="backTestEventLink">Event</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
