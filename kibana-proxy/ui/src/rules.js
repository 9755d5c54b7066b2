import { get } from './api.js';

// /api/rules comes from the detection engine; a build without it answers 404, which the views show as
// "detections are not enabled" rather than as a failure.
export const NOT_ENABLED = 'Detections are not enabled in this build: /api/rules is not served, so there are no rules to show.';

export async function loadRules() {
  try {
    return { rules: await get('/api/rules'), enabled: true, error: null };
  } catch (failure) {
    if (failure.status === 404) return { rules: null, enabled: false, error: null };
    return { rules: null, enabled: true, error: failure };
  }
}
