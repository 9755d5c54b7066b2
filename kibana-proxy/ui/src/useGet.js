import { useCallback, useEffect, useState } from 'react';
import { get } from './api.js';

// GET path?params whenever params change (pass a memoised URLSearchParams) or reload() is called. An answer that
// arrives after a newer request started is dropped, so a slow old search never overwrites the newer one.
// fail(error) shows an error from another call (a state change, a saved search) without dropping the result.
export function useGet(path, params) {
  const [state, setState] = useState({ result: null, error: null, loading: false });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    get(path, params)
      .then((body) => { if (current) setState({ result: body, error: null, loading: false }); })
      .catch((failure) => { if (current) setState({ result: null, error: failure, loading: false }); });
    return () => { current = false; };
  }, [path, params, generation]);
  const reload = useCallback(() => setGeneration((count) => count + 1), []);
  const fail = useCallback((failure) => setState((previous) => ({ ...previous, error: failure })), []);
  return { ...state, reload, fail };
}
