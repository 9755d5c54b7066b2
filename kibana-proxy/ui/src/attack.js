// MITRE ATT&CK tactics in the Enterprise matrix's order, and the names of the techniques HELK lab's own rules and
// sample scenarios use. Any other technique id is shown as its id.
export const TACTICS = [
  ['reconnaissance', 'Reconnaissance'], ['resource-development', 'Resource Development'], ['initial-access', 'Initial Access'],
  ['execution', 'Execution'], ['persistence', 'Persistence'], ['privilege-escalation', 'Privilege Escalation'],
  ['defense-evasion', 'Defense Evasion'], ['credential-access', 'Credential Access'], ['discovery', 'Discovery'],
  ['lateral-movement', 'Lateral Movement'], ['collection', 'Collection'], ['command-and-control', 'Command and Control'],
  ['exfiltration', 'Exfiltration'], ['impact', 'Impact'],
];

// id → [name, tactics]
export const TECHNIQUES = {
  'T1003.001': ['OS Credential Dumping: LSASS Memory', ['credential-access']],
  'T1021.002': ['Remote Services: SMB/Windows Admin Shares', ['lateral-movement']],
  T1027: ['Obfuscated Files or Information', ['defense-evasion']],
  T1029: ['Scheduled Transfer', ['exfiltration']],
  'T1036.004': ['Masquerading: Masquerade Task or Service', ['defense-evasion']],
  'T1036.005': ['Masquerading: Match Legitimate Name or Location', ['defense-evasion']],
  'T1053.005': ['Scheduled Task/Job: Scheduled Task', ['execution', 'persistence', 'privilege-escalation']],
  T1055: ['Process Injection', ['defense-evasion', 'privilege-escalation']],
  'T1055.002': ['Process Injection: Portable Executable Injection', ['defense-evasion', 'privilege-escalation']],
  'T1059.001': ['Command and Scripting Interpreter: PowerShell', ['execution']],
  'T1069.002': ['Permission Groups Discovery: Domain Groups', ['discovery']],
  'T1071.001': ['Application Layer Protocol: Web Protocols', ['command-and-control']],
  'T1078.002': ['Valid Accounts: Domain Accounts', ['defense-evasion', 'persistence', 'privilege-escalation', 'initial-access']],
  T1105: ['Ingress Tool Transfer', ['command-and-control']],
  'T1204.002': ['User Execution: Malicious File', ['execution']],
  T1218: ['System Binary Proxy Execution', ['defense-evasion']],
  'T1218.005': ['System Binary Proxy Execution: Mshta', ['defense-evasion']],
  'T1218.011': ['System Binary Proxy Execution: Rundll32', ['defense-evasion']],
  'T1546.003': ['Event Triggered Execution: WMI Event Subscription', ['privilege-escalation', 'persistence']],
  'T1547.001': ['Boot or Logon Autostart Execution: Registry Run Keys / Startup Folder', ['persistence', 'privilege-escalation']],
  'T1566.001': ['Phishing: Spearphishing Attachment', ['initial-access']],
  'T1569.002': ['System Services: Service Execution', ['execution']],
  T1573: ['Encrypted Channel', ['command-and-control']],
};

// Sigma tags say attack.t1003.001 and attack.credential_access; alerts may carry either spelling.
export function techniqueId(text) {
  return String(text).trim().replace(/^attack\./i, '').toUpperCase();
}

export function tacticId(text) {
  return String(text).trim().replace(/^attack\./i, '').toLowerCase().replace(/_/g, '-');
}

export function techniqueName(id) {
  return TECHNIQUES[techniqueId(id)]?.[0] || null;
}

// The tactics a technique belongs to: ours when we know it, else what its rules or alerts say.
export function tacticsOf(id, named = []) {
  const known = TECHNIQUES[techniqueId(id)];
  if (known) return known[1];
  const given = named.map(tacticId).filter((tactic) => TACTICS.some(([candidate]) => candidate === tactic));
  return given.length ? [...new Set(given)] : ['unknown'];
}
