import React, { useEffect, useState } from 'react';
import { Callout, Health } from './controls.jsx';
import { get } from './api.js';

// The appliance's status, refreshed every five seconds, from /api/health.
export default function HomeTab() {
  const [health, setHealth] = useState(null);
  const [error, setError] = useState(null);
  const [landing, setLanding] = useState(null);
  useEffect(() => {
    get('/api/landing').then(setLanding).catch(() => setLanding(null));
  }, []);
  useEffect(() => {
    let active = true;
    const load = () => get('/api/health')
      .then((body) => { if (active) { setHealth(body); setError(null); } })
      .catch((failure) => { if (active) setError(failure.message); });
    load();
    const timer = setInterval(load, 5000);
    return () => { active = false; clearInterval(timer); };
  }, []);
  const rows = health ? Object.entries(health.services || {}).map(([name, service]) => ({ name, ...service })) : [];
  const details = (row) => Object.entries(row)
    .filter(([key]) => !['name', 'status', 'address'].includes(key))
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`).join(', ');
  return (
    <div className="stack">
      <h2 className="title">Appliance status</h2>
      {error && <Callout title="The appliance did not report its health">{error}</Callout>}
      {health && (
        <>
          <Health status={health.status} data-test-subj="overallHealth">Overall: {health.status}</Health>
          <div className="panel flush">
            <table className="table">
              <thead><tr><th>Service</th><th>Status</th><th>Address</th><th>Details</th></tr></thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.name}>
                    <td>{row.name}</td>
                    <td><Health status={row.status} /></td>
                    <td className="mono">{row.address || '—'}</td>
                    <td className="subdued">{details(row)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {landing && (
        <div className="panel" data-test-subj="landing">
          <h2 className="title">Send events</h2>
          {landing.kafka ? (
            <>
              <p className="text">Point Winlogbeat at this appliance's Kafka (<code>winlogbeat.yml</code>):</p>
              <pre className="mono" data-test-subj="winlogbeatSnippet">{landing.winlogbeatSnippet}</pre>
            </>
          ) : <p className="text">Kafka is not running in this appliance.</p>}
          <h2 className="title">Sample scenarios</h2>
          <p className="text" data-test-subj="loadedScenarios">
            {landing.scenarios.length
              ? `Loaded: ${landing.scenarios.join(', ')}.`
              : 'None loaded yet: java -jar helk-lab.jar samples load all'}
          </p>
          <p className="text">
            <a href={landing.links.notebooks}>Notebooks (Jupyter)</a>{' · '}
            <a href={landing.links.kibana}>Kibana</a>{' · '}
            <a href={landing.links.status}>Status page without JavaScript</a>
          </p>
        </div>
      )}
      <p className="text">
        Hunt in <a href="#/search">Search</a> (Lucene syntax over <code>logs-*</code>), follow processes in the{' '}
        <a href="#/tree">Process tree</a>, and test yourself on the sample scenarios in{' '}
        <a href="#/challenges">Challenges</a>. Replay a scenario with the launcher to fill the indices.
      </p>
    </div>
  );
}
