import React, { useEffect, useState } from 'react';
import { EuiBadge, EuiBasicTable, EuiCallOut, EuiDescriptionList, EuiFlexGroup, EuiFlexItem, EuiLoadingSpinner, EuiPanel, EuiSpacer, EuiTitle } from '@elastic/eui';
import { get } from './api.js';
import { display } from './format.js';

const NAMES = { 3: 'Network', 8: 'Remote thread', 10: 'Process access', 11: 'File', 12: 'Registry', 13: 'Registry', 14: 'Registry', 22: 'DNS' };

// One line per event, with the fields a hunter reads first for each Sysmon event type.
function summary(source) {
  switch (source.event_id) {
    case 3: return `${source.network_protocol || ''} ${source.src_ip_addr || ''}:${source.src_port || ''} → ${source.dst_ip_addr || ''}:${source.dst_port || ''}${source.dst_host_name ? ` (${source.dst_host_name})` : ''}`;
    case 8: return `→ ${source.target_process_path || source.target_process_guid} at ${source.thread_start_address || '?'} ${source.thread_start_module || ''} ${source.thread_start_function || ''}`;
    case 10: return `→ ${source.target_process_path || source.target_process_guid}, access ${source.process_granted_access_orig || source.process_granted_access}`;
    case 11: return source.file_name;
    case 12: case 13: case 14: return `${source.event_type || ''} ${source.registry_key_path || ''}${source.registry_key_value ? ` = ${source.registry_key_value}` : ''}${source.registry_key_new_name ? ` → ${source.registry_key_new_name}` : ''}`;
    case 22: return `${source.dns_query_name} → ${display(source.dns_query_results)}`;
    default: return source.action || '';
  }
}

export default function ProcessActivity({ guid, host }) {
  const [state, setState] = useState({ loading: true });
  useEffect(() => {
    let active = true;
    setState({ loading: true });
    get('/api/hunt/process-activity', new URLSearchParams({ guid, host }))
      .then((body) => active && setState({ body }))
      .catch((failure) => active && setState({ error: failure.message }));
    return () => { active = false; };
  }, [guid, host]);
  if (state.loading) return <EuiLoadingSpinner size="l" />;
  if (state.error) return <EuiCallOut color="danger" title={state.error} />;
  const { body } = state;
  const process = body.process || {};
  return (
    <EuiPanel hasBorder paddingSize="s" data-test-subj="activityPanel" data-guid={guid}>
      <EuiTitle size="xs"><h3>{process.process_name || guid}</h3></EuiTitle>
      <EuiSpacer size="xs" />
      <EuiDescriptionList compressed type="column" listItems={[
        { title: 'Command line', description: <code>{process.process_command_line || '—'}</code> },
        { title: 'Process GUID', description: <code>{guid}</code> },
        { title: 'User', description: process.user_account || process.user_name || '—' },
        { title: 'Parent', description: process.process_parent_command_line || process.process_parent_path || '—' },
        { title: 'Started', description: process['@timestamp'] || 'before the window' },
      ]} />
      <EuiSpacer size="s" />
      <EuiFlexGroup gutterSize="xs" wrap responsive={false}>
        {Object.entries(body.counts).filter(([eventId]) => eventId !== '1').map(([eventId, count]) => (
          <EuiFlexItem grow={false} key={eventId}><EuiBadge>{NAMES[eventId] || eventId} ({eventId}): {count}</EuiBadge></EuiFlexItem>
        ))}
      </EuiFlexGroup>
      <EuiSpacer size="s" />
      <EuiBasicTable compressed tableLayout="auto" items={body.events} itemId="id" data-test-subj="activityEvents"
        noItemsMessage="No network, file, registry, DNS, process-access or remote-thread events."
        rowProps={(event) => ({ 'data-test-subj': 'activityRow', 'data-event-id': event.source.event_id })}
        columns={[
          { name: 'Time', width: '170px', render: (event) => String(event.source['@timestamp']).replace('T', ' ').replace('Z', '') },
          { name: 'Event', width: '120px', render: (event) => `${NAMES[event.source.event_id] || event.source.action} (${event.source.event_id})` },
          { name: 'What', render: (event) => <span style={{ wordBreak: 'break-all' }}>{summary(event.source)}</span> },
        ]} />
    </EuiPanel>
  );
}
