import React, { useEffect, useState } from 'react';
import { Badge, Button, Callout, Spinner, TextField } from './controls.jsx';
import { get, post } from './api.js';
import { hashFor } from './route.js';

// The sample scenarios as classroom exercises. Answers are judged by the appliance; the browser never
// receives the answer key.
export default function ChallengesTab() {
  const [scenarios, setScenarios] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    get('/api/hunt/scenarios').then((body) => setScenarios(body.scenarios)).catch((failure) => setError(failure.message));
  }, []);
  if (error) return <Callout title={error} />;
  if (!scenarios) return <Spinner large />;
  return (
    <div className="stack">
      {scenarios.map((scenario) => <ScenarioCard key={scenario.name} scenario={scenario} />)}
    </div>
  );
}

function ScenarioCard({ scenario }) {
  const window = new URLSearchParams({ from: scenario.start, to: scenario.end });
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
        <a href={hashFor('search', window)} className="nowrap">Hunt in this window</a>
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
  const [answer, setAnswer] = useState('');
  const [verdict, setVerdict] = useState(null);
  const [busy, setBusy] = useState(false);
  const id = `${scenario}-${challenge.id}`;
  const submit = () => {
    setBusy(true);
    post(`/api/hunt/scenarios/${encodeURIComponent(scenario)}/challenges/${encodeURIComponent(challenge.id)}/answer`, { answer })
      .then((body) => setVerdict({ correct: body.correct, answer }))
      .catch((failure) => setVerdict({ error: failure.message }))
      .finally(() => setBusy(false));
  };
  return (
    <div className="formRow">
      <label className="formLabel" htmlFor={`answer-${id}`}>{challenge.question}</label>
      <div className="row">
        <TextField className="grow compact" id={`answer-${id}`} value={answer} onChange={(event) => setAnswer(event.target.value)}
          onKeyDown={(event) => event.key === 'Enter' && answer.trim() && submit()} data-test-subj={`answerInput-${id}`} />
        <Button small onClick={submit} disabled={!answer.trim()} loading={busy} data-test-subj={`answerSubmit-${id}`}>Check</Button>
        <span className="verdict">
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
