import React, { useEffect, useState } from 'react';
import { Badge, Callout, Spinner } from './controls.jsx';
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
  if (state.loading) return <Spinner large />;
  if (state.error) return <Callout title={state.error} />;
  const { body } = state;
  const process = body.process || {};
  const facts = [
    ['Command line', <code>{process.process_command_line || '—'}</code>],
    ['Process GUID', <code>{guid}</code>],
    ['User', process.user_account || process.user_name || '—'],
    ['Parent', process.process_parent_command_line || process.process_parent_path || '—'],
    ['Started', process['@timestamp'] || 'before the window'],
  ];
  return (
    <div className="panel stack tight" data-test-subj="activityPanel" data-guid={guid}>
      <h3 className="subtitle">{process.process_name || guid}</h3>
      <dl className="facts">
        {facts.map(([title, description]) => (
          <React.Fragment key={title}><dt>{title}</dt><dd>{description}</dd></React.Fragment>
        ))}
      </dl>
      <div className="row wrap">
        {Object.entries(body.counts).filter(([eventId]) => eventId !== '1').map(([eventId, count]) => (
          <Badge key={eventId}>{NAMES[eventId] || eventId} ({eventId}): {count}</Badge>
        ))}
      </div>
      <table className="table compact" data-test-subj="activityEvents">
        <thead><tr><th style={{ width: 170 }}>Time</th><th style={{ width: 130 }}>Event</th><th>What</th></tr></thead>
        <tbody>
          {body.events.length === 0 && (
            <tr><td colSpan={3} className="empty">No network, file, registry, DNS, process-access or remote-thread events.</td></tr>
          )}
          {body.events.map((event) => (
            <tr key={event.id} data-test-subj="activityRow" data-event-id={event.source.event_id}>
              <td className="nowrap">{String(event.source['@timestamp']).replace('T', ' ').replace('Z', '')}</td>
              <td>{`${NAMES[event.source.event_id] || event.source.action} (${event.source.event_id})`}</td>
              <td className="breakAll">{summary(event.source)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
