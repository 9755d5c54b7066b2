import React, { useEffect, useState } from 'react';
import {
  EuiAccordion, EuiBadge, EuiButton, EuiCallOut, EuiFieldText, EuiFlexGroup, EuiFlexItem, EuiFormRow, EuiHorizontalRule,
  EuiLink, EuiLoadingSpinner, EuiPanel, EuiSpacer, EuiText, EuiTitle,
} from '@elastic/eui';
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
  if (error) return <EuiCallOut color="danger" title={error} />;
  if (!scenarios) return <EuiLoadingSpinner size="l" />;
  return (
    <EuiFlexGroup direction="column" gutterSize="m">
      {scenarios.map((scenario) => <ScenarioCard key={scenario.name} scenario={scenario} />)}
    </EuiFlexGroup>
  );
}

function ScenarioCard({ scenario }) {
  const window = new URLSearchParams({ from: scenario.start, to: scenario.end });
  return (
    <EuiFlexItem>
      <EuiPanel hasBorder data-test-subj={`scenario-${scenario.name}`}>
        <EuiFlexGroup justifyContent="spaceBetween" alignItems="baseline" responsive={false}>
          <EuiFlexItem>
            <EuiTitle size="s"><h2>{scenario.title}</h2></EuiTitle>
            <EuiText size="xs" color="subdued">
              <code>{scenario.name}</code> · {scenario.format} · {scenario.eventCount.toLocaleString('en')} events ·{' '}
              {scenario.start} – {scenario.end} · hosts {scenario.hosts.join(', ')}
            </EuiText>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiLink href={hashFor('search', window)}>Hunt in this window</EuiLink>
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="s" />
        <EuiFlexGroup gutterSize="xs" wrap responsive={false}>
          {scenario.attack.map((technique) => (
            <EuiFlexItem grow={false} key={technique.id}>
              <EuiBadge color="warning" title={technique.name}>{technique.id} {technique.name}</EuiBadge>
            </EuiFlexItem>
          ))}
        </EuiFlexGroup>
        <EuiSpacer size="s" />
        <EuiAccordion id={`story-${scenario.name}`} buttonContent="The story (reveals what to look for)">
          <EuiText size="s"><p>{scenario.narrative}</p></EuiText>
        </EuiAccordion>
        <EuiHorizontalRule margin="s" />
        {scenario.challenges.map((challenge) => (
          <ChallengeRow key={challenge.id} scenario={scenario.name} challenge={challenge} />
        ))}
      </EuiPanel>
    </EuiFlexItem>
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
    <EuiFormRow label={challenge.question} fullWidth>
      <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false}>
        <EuiFlexItem>
          <EuiFieldText fullWidth compressed value={answer} onChange={(event) => setAnswer(event.target.value)}
            onKeyDown={(event) => event.key === 'Enter' && answer.trim() && submit()}
            data-test-subj={`answerInput-${id}`} aria-label={challenge.question} />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButton size="s" onClick={submit} isDisabled={!answer.trim()} isLoading={busy} data-test-subj={`answerSubmit-${id}`}>
            Check
          </EuiButton>
        </EuiFlexItem>
        <EuiFlexItem grow={false} style={{ minWidth: 110 }}>
          {verdict && (verdict.error
            ? <EuiText size="xs" color="danger" data-test-subj={`verdict-${id}`} data-correct="error">{verdict.error}</EuiText>
            : (
              <EuiBadge color={verdict.correct ? 'success' : 'danger'} data-test-subj={`verdict-${id}`}
                data-correct={String(verdict.correct)}>
                {verdict.correct ? 'Correct' : 'Not right, keep hunting'}
              </EuiBadge>
            ))}
        </EuiFlexItem>
      </EuiFlexGroup>
    </EuiFormRow>
  );
}
