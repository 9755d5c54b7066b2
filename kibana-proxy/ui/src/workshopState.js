import { useEffect, useState } from 'react';

// The student's workshop state in the browser's local storage, so answers and "solved" badges survive
// switching tabs and reloading: {student, answers: {"scenario/challenge": {answer, correct}}}.
const KEY = 'helk-lab.workshop';

function read() {
  try {
    const stored = JSON.parse(window.localStorage.getItem(KEY));
    return { student: '', answers: {}, ...(stored && typeof stored === 'object' ? stored : {}) };
  } catch {
    return { student: '', answers: {} };
  }
}

const listeners = new Set();
let state = read();

function write(next) {
  state = next;
  try {
    window.localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Private windows may refuse storage; the state then lasts as long as the page.
  }
  listeners.forEach((listener) => listener(next));
}

export function useWorkshop() {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    return () => listeners.delete(setCurrent);
  }, []);
  return {
    ...current,
    setStudent: (student) => write({ ...state, student }),
    setAnswer: (id, entry) => write({ ...state, answers: { ...state.answers, [id]: { ...(state.answers[id] || {}), ...entry } } }),
    markSolved: (ids) => write({
      ...state,
      answers: Object.fromEntries([...Object.entries(state.answers), ...ids.filter((id) => !state.answers[id]?.correct)
        .map((id) => [id, { ...(state.answers[id] || {}), correct: true }])]),
    }),
  };
}
