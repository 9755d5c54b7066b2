// Calls the appliance's REST API. Failures become ApiError with the server's JSON explanation, so every
// tab can show what went wrong next to the input at fault instead of a blank page.
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error || `HTTP ${status}`);
    this.status = status;
    this.parameter = body?.parameter || null;
    this.reason = body?.reason || null;
  }
}

async function call(path, options) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (unreachable) {
    throw new ApiError(0, { error: `The appliance did not answer ${path}: ${unreachable.message}` });
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = { error: `The appliance answered ${path} with status ${response.status} and no JSON body.` };
  }
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

export function get(path, params) {
  const query = params ? `?${params.toString()}` : '';
  return call(`${path}${query}`, { headers: { Accept: 'application/json' } });
}

export function post(path, json) {
  return call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(json),
  });
}

export function remove(path) {
  return call(path, { method: 'DELETE', headers: { Accept: 'application/json' } });
}
