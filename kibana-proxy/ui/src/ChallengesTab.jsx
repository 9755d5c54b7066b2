import React, { useEffect, useState } from 'react';
import { Badge, Button, Callout, Spinner, TextField } from './controls.jsx';
import { get, post } from './api.js';
import { hashFor } from './route.js';
import { useWorkshop } from './workshopState.js';

// The sample scenarios as classroom exercises. Answers are judged by the appliance; the browser never
// receives the answer key. Progress stays in the browser; a student who gives a name also appears on the
// instructor's scoreboard (#/challenges?view=scoreboard).
export default function ChallengesTab({ params }) {
  const [scenarios, setScenarios] = useState(null);
  const [error, setError] = useState(null);
  const view = params?.get('view') === 'scoreboard' ? 'scoreboard' : 'challenges';
  useEffect(() => {
    get('/api/hunt/scenarios').then((body) => setScenarios(body.scenarios)).catch((failure) => setError(failure.message));
  }, []);
  if (error) return <Callout title={error} />;
  if (!scenarios) return <Spinner large />;
  return (
    <div className="stack">
      <div className="row">
        <a href={hashFor('challenges')} className={view === 'challenges' ? 'tab selected' : 'tab'} data-test-subj="challengesView">Challenges</a>
        <a href={hashFor('challenges', new URLSearchParams({ view: 'scoreboard' }))} className={view === 'scoreboard' ? 'tab selected' : 'tab'}
          data-test-subj="scoreboardView">Instructor scoreboard</a>
      </div>
      {view === 'scoreboard' ? <Scoreboard scenarios={scenarios} /> : (
        <>
          <StudentName />
          {scenarios.map((scenario) => <ScenarioCard key={scenario.name} scenario={scenario} />)}
        </>
      )}
    </div>
  );
}

function StudentName() {
  const workshop = useWorkshop();
  const [draft, setDraft] = useState(workshop.student);
  const [message, setMessage] = useState(null);
  const save = () => {
    const name = draft.trim();
    workshop.setStudent(name);
    setMessage(null);
    if (name) {
      // A returning student on a fresh browser gets the badges the scoreboard already has.
      get('/api/hunt/workshop/progress', new URLSearchParams({ student: name }))
        .then((body) => workshop.markSolved(body.solved)).catch((failure) => setMessage(failure.message));
    }
  };
  return (
    <div className="panel row wrap">
      <label className="row">
        <span className="formLabel">Your name (optional, for the scoreboard)</span>
        <TextField className="compact" value={draft} onChange={(event) => setDraft(event.target.value)} data-test-subj="studentName"
          onKeyDown={(event) => event.key === 'Enter' && save()} aria-label="Your name" />
      </label>
      <Button small onClick={save} data-test-subj="studentSave">{workshop.student ? 'Change' : 'Join'}</Button>
      <span className="small subdued" data-test-subj="studentCurrent">
        {workshop.student ? `Solving as ${workshop.student}.` : 'Solving anonymously: progress stays in this browser.'}
      </span>
      {message && <span className="danger small">{message}</span>}
    </div>
  );
}

function ScenarioCard({ scenario }) {
  const workshop = useWorkshop();
  const window = new URLSearchParams({ from: scenario.start, to: scenario.end });
  const solved = scenario.challenges.filter((challenge) => workshop.answers[`${scenario.name}/${challenge.id}`]?.correct).length;
  return (
    <section className="panel stack tight" data-test-subj={`scenario-${scenario.name}`}>
      <div className="row spread">
        <div>
          <h2 className="title small">{scenario.title}</h2>
          <div className="subdued small">
            <code>{scenario.name}</code> · {scenario.format} · {scenario.eventCount.toLocaleString('en')} events ·{' '}
            {scenario.start} – {scenario.end} · hosts {scenario.hosts.join(', ')}
          </div>
        </div>
        <div className="row">
          <Badge color={solved === scenario.challenges.length ? 'success' : 'hollow'} data-test-subj={`solvedCount-${scenario.name}`}>
            {solved} / {scenario.challenges.length} solved
          </Badge>
          <a href={hashFor('search', window)} className="nowrap">Hunt in this window</a>
        </div>
      </div>
      <div className="row wrap">
        {scenario.attack.map((technique) => (
          <Badge key={technique.id} color="warning" title={technique.name}>{technique.id} {technique.name}</Badge>
        ))}
      </div>
      <details className="accordion">
        <summary>The story (reveals what to look for)</summary>
        <p className="text">{scenario.narrative}</p>
      </details>
      <hr />
      {scenario.challenges.map((challenge) => (
        <ChallengeRow key={challenge.id} scenario={scenario.name} challenge={challenge} />
      ))}
    </section>
  );
}

function ChallengeRow({ scenario, challenge }) {
  const workshop = useWorkshop();
  const key = `${scenario}/${challenge.id}`;
  const stored = workshop.answers[key] || {};
  const [answer, setAnswer] = useState(stored.answer || '');
  const [verdict, setVerdict] = useState(stored.correct !== undefined ? { correct: stored.correct } : null);
  const [busy, setBusy] = useState(false);
  const id = `${scenario}-${challenge.id}`;
  useEffect(() => {
    if (stored.correct !== undefined && !verdict) setVerdict({ correct: stored.correct });
  }, [stored.correct]); // eslint-disable-line
  const submit = () => {
    setBusy(true);
    post('/api/hunt/workshop/answers', { student: workshop.student, scenario, challenge: challenge.id, answer })
      .then((body) => {
        setVerdict({ correct: body.correct });
        // A right answer stays solved even if a later attempt is wrong.
        workshop.setAnswer(key, { answer, correct: body.correct || Boolean(stored.correct) });
      })
      .catch((failure) => setVerdict({ error: failure.message }))
      .finally(() => setBusy(false));
  };
  return (
    <div className="formRow">
      <label className="formLabel" htmlFor={`answer-${id}`}>{challenge.question}</label>
      <div className="row">
        <TextField className="grow compact" id={`answer-${id}`} value={answer}
          onChange={(event) => { setAnswer(event.target.value); workshop.setAnswer(key, { answer: event.target.value }); }}
          onKeyDown={(event) => event.key === 'Enter' && answer.trim() && submit()} data-test-subj={`answerInput-${id}`} />
        <Button small onClick={submit} disabled={!answer.trim()} loading={busy} data-test-subj={`answerSubmit-${id}`}>Check</Button>
        <span className="verdict">
          {stored.correct && <Badge color="success" data-test-subj={`solved-${id}`}>Solved</Badge>}{' '}
          {verdict && (verdict.error
            ? <span className="danger small" data-test-subj={`verdict-${id}`} data-correct="error">{verdict.error}</span>
            : (
              <Badge color={verdict.correct ? 'success' : 'danger'} data-test-subj={`verdict-${id}`} data-correct={String(verdict.correct)}>
                {verdict.correct ? 'Correct' : 'Not right, keep hunting'}
              </Badge>
            ))}
        </span>
      </div>
    </div>
  );
}

function Scoreboard({ scenarios }) {
  const [board, setBoard] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let active = true;
    const load = () => get('/api/hunt/workshop/scoreboard').then((body) => active && setBoard(body))
      .catch((failure) => active && setError(failure.message));
    load();
    const timer = setInterval(load, 10000);
    return () => { active = false; clearInterval(timer); };
  }, []);
  if (error) return <Callout title={error} />;
  if (!board) return <Spinner large />;
  const total = Object.values(board.challengesPerScenario).reduce((sum, count) => sum + count, 0);
  return (
    <div className="panel flush">
      <table className="table scoreboard" data-test-subj="scoreboard">
        <thead>
          <tr>
            <th>Student</th><th className="numeric">Solved</th>
            {scenarios.map((scenario) => <th key={scenario.name} className="numeric" title={scenario.title}>{scenario.name}</th>)}
            <th>Last solved (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {board.students.length === 0 && (
            <tr><td colSpan={scenarios.length + 3} className="empty">No named student has solved a challenge yet.</td></tr>
          )}
          {board.students.map((student) => (
            <tr key={student.name} data-test-subj="scoreboardRow" data-student={student.name}>
              <td>{student.name}</td>
              <td className="numeric"><strong>{student.solvedCount}</strong> / {total}</td>
              {scenarios.map((scenario) => {
                const count = student.solved.filter((entry) => entry.startsWith(`${scenario.name}/`)).length;
                return <td key={scenario.name} className="numeric" title={student.solved.filter((entry) => entry.startsWith(`${scenario.name}/`)).join(', ')}>
                  {count ? `${count} / ${board.challengesPerScenario[scenario.name]}` : '·'}</td>;
              })}
              <td className="nowrap">{student.lastSolved.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
