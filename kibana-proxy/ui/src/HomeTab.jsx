import React, { useEffect, useState } from 'react';
import { EuiBasicTable, EuiCallOut, EuiHealth, EuiSpacer, EuiText, EuiTitle } from '@elastic/eui';
import { get } from './api.js';

const COLOURS = { up: 'success', green: 'success', starting: 'warning', yellow: 'warning', down: 'danger', red: 'danger' };

// The appliance's status, refreshed every five seconds, from /api/health.
export default function HomeTab() {
  const [health, setHealth] = useState(null);
  const [error, setError] = useState(null);
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
  return (
    <>
      <EuiTitle size="m"><h2>Appliance status</h2></EuiTitle>
      <EuiSpacer size="s" />
      {error && <EuiCallOut color="danger" title="The appliance did not report its health" iconType="warning">{error}</EuiCallOut>}
      {health && (
        <>
          <EuiHealth color={COLOURS[health.status] || 'subdued'} data-test-subj="overallHealth">
            Overall: {health.status}
          </EuiHealth>
          <EuiSpacer size="m" />
          <EuiBasicTable
            items={rows}
            columns={[
              { field: 'name', name: 'Service' },
              { field: 'status', name: 'Status', render: (status) => <EuiHealth color={COLOURS[status] || 'subdued'}>{status}</EuiHealth> },
              { field: 'address', name: 'Address', render: (address) => address || '—' },
              { name: 'Details', render: (row) => Object.entries(row)
                .filter(([key]) => !['name', 'status', 'address'].includes(key))
                .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`).join(', ') },
            ]}
          />
        </>
      )}
      <EuiSpacer size="l" />
      <EuiText size="s">
        <p>
          Hunt in <a href="#/search">Search</a> (Lucene syntax over <code>logs-*</code>), follow processes in the{' '}
          <a href="#/tree">Process tree</a>, and test yourself on the sample scenarios in{' '}
          <a href="#/challenges">Challenges</a>. Replay a scenario with the launcher to fill the indices.
        </p>
      </EuiText>
    </>
  );
}
