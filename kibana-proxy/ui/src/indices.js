// The index patterns the browser names; the server's list is io.helklab.door.hunt.HuntIndices.
export const EVENTS = 'logs-*';
export const ALERTS = 'alerts-*';
